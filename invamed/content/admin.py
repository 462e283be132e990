from django.contrib import admin, messages
from django.db import transaction
from django.shortcuts import redirect, render
from taggit.admin import TagAdmin as TaggitTagAdmin
from taggit.forms import MergeTagsForm
from taggit.models import Tag

from invamed.cache import PublicRecordAdminMixin, public_site_changed

from .models import Author, EditorialPolicy, Notice
from .tags import merge_tags


@admin.register(Author)
class AuthorAdmin(PublicRecordAdminMixin, admin.ModelAdmin):
    list_display = ["name", "is_team", "job_title"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(Notice)
class NoticeAdmin(PublicRecordAdminMixin, admin.ModelAdmin):
    list_display = ["name", "kind", "is_default"]
    list_filter = ["kind"]


@admin.register(EditorialPolicy)
class EditorialPolicyAdmin(PublicRecordAdminMixin, admin.ModelAdmin):
    list_display = ["title", "is_published", "updated_at"]


admin.site.unregister(Tag)


@admin.register(Tag)
class TagAdmin(PublicRecordAdminMixin, TaggitTagAdmin):
    """taggit's tag admin, whose "Merge selected tags" covers our own tagged-item tables.

    taggit's merge only re-points its generic TaggedItem rows; articles, FAQ entries and their
    versions use their own through tables, so the merge runs invamed.content.tags.merge_tags.
    """

    inlines = []

    def merge_tags_view(self, request):
        ids = [pk for pk in request.session.get("selected_tag_ids", "").split(",") if pk.isdigit()]
        selected = list(Tag.objects.filter(pk__in=ids))
        form = MergeTagsForm(request.POST or None)
        if request.method == "POST" and selected and form.is_valid():
            name = form.cleaned_data["new_tag_name"].strip()
            target = Tag.objects.filter(name__iexact=name).first() or Tag.objects.create(name=name)
            with transaction.atomic():
                merge_tags(target, selected)
                public_site_changed()  # live pages show the merged tag's name
            request.session.pop("selected_tag_ids", None)
            self.message_user(
                request,
                f'Merged {", ".join(t.name for t in selected)} into "{target.name}".',
                messages.SUCCESS,
            )
            return redirect("admin:taggit_tag_changelist")
        if not selected:
            self.message_user(request, "Select the tags to merge first.", messages.ERROR)
            return redirect("admin:taggit_tag_changelist")
        context = {
            **self.admin_site.each_context(request),
            "form": form,
            "selected_tag_ids": ids,
            "selected_tags": selected,
            "opts": self.model._meta,
            "title": "Merge tags",
        }
        return render(request, "admin/taggit/merge_tags_form.html", context)
