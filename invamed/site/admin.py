"""The admin of what spans the apps: tags (one vocabulary per language for articles and FAQ
entries) and people (the site administrators' restricted user admin)."""

import secrets

from django import forms
from django.contrib import admin, messages
from django.contrib.auth import get_user_model
from django.contrib.auth.admin import UserAdmin
from django.contrib.auth.forms import PasswordResetForm
from django.contrib.auth.models import Group
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from taggit.models import Tag as TaggitTag

from invamed.content.models import Tag
from invamed.review.workflow import REVIEW_PERMISSION

from . import roles
from .tags import in_use, merge_tags

# taggit's own Tag model is installed with the app but unused: every tag is a content.Tag.
if admin.site.is_registered(TaggitTag):
    admin.site.unregister(TaggitTag)


class MergeForm(forms.Form):
    target = forms.CharField(
        label="Merge into",
        max_length=100,
        help_text="An existing tag of the same language, or a new one.",
    )


@admin.register(Tag)
class TagAdmin(admin.ModelAdmin):
    """Tags are changed on items, never in place: a tag a version was signed with keeps its
    name and address. Reviewers merge synonyms, which gives each item concerned a new version
    to review (invamed/site/tags.py)."""

    list_display = ["name", "language", "slug"]
    list_filter = ["language"]
    search_fields = ["name"]
    ordering = ["language", "name"]
    fields = ["language", "name", "slug"]
    actions = ["merge"]

    def get_readonly_fields(self, request, obj=None):
        return ["language"] if obj is not None else ["slug"]

    def has_change_permission(self, request, obj=None):
        return super().has_change_permission(request, obj) and (obj is None or not in_use(obj))

    def has_delete_permission(self, request, obj=None):
        return super().has_delete_permission(request, obj) and (obj is None or not in_use(obj))

    def has_merge_permission(self, request):
        return request.user.has_perm(REVIEW_PERMISSION)

    @admin.action(description="Merge selected tags…", permissions=["merge"])
    def merge(self, request, queryset):
        ids = ",".join(str(pk) for pk in queryset.values_list("pk", flat=True))
        return redirect(f"{reverse('admin:content_tag_merge')}?ids={ids}")

    def get_urls(self):
        merge = path(
            "merge/", self.admin_site.admin_view(self.merge_view), name="content_tag_merge"
        )
        return [merge, *super().get_urls()]

    def merge_view(self, request):
        if not self.has_merge_permission(request):
            raise PermissionDenied
        ids = [pk for pk in request.GET.get("ids", "").split(",") if pk.isascii() and pk.isdigit()]
        selected = list(Tag.objects.filter(pk__in=ids))
        languages = {tag.language for tag in selected}
        if not selected or len(languages) != 1:
            self.message_user(
                request, "Select two or more tags of one language to merge.", messages.ERROR
            )
            return redirect("admin:content_tag_changelist")
        form = MergeForm(request.POST or None)
        if request.method == "POST" and form.is_valid():
            language = languages.pop()
            with transaction.atomic():
                name = form.cleaned_data["target"].strip()
                target = Tag.objects.filter(language=language, name__iexact=name).first()
                target = target or Tag.objects.create(language=language, name=name)
                changed = merge_tags(target, selected, request.user)
            self.message_user(
                request,
                f"Merged into “{target.name}”: {len(changed)} item(s) have a new version to "
                "review; their live pages keep their signed tags until then.",
                messages.SUCCESS,
            )
            return redirect("admin:content_tag_changelist")
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "title": "Merge tags",
            "form": form,
            "selected": selected,
        }
        return TemplateResponse(request, "admin/content/tag/merge.html", context)


User = get_user_model()
if admin.site.is_registered(User):
    admin.site.unregister(User)


class StaffUserForm(forms.ModelForm):
    """What a site administrator may set on a person: name, e-mail, active, role."""

    groups = forms.ModelMultipleChoiceField(
        queryset=Group.objects.filter(name__in=[roles.EDITORS, roles.REVIEWERS]),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        label="Roles",
    )

    class Meta:
        model = User
        fields = ["username", "first_name", "last_name", "email", "is_active", "groups"]


@admin.register(User)
class PeopleAdmin(UserAdmin):
    """Superusers get Django's user admin. Site administrators get a restricted one: they
    create people, deactivate them and give them the Editors or Reviewers role; they never set
    a password (a new person gets an e-mail to choose their own), never grant superuser or
    staff status by hand, and never change a superuser or another site administrator."""

    def restricted(self, request):
        return not request.user.is_superuser

    def get_form(self, request, obj=None, **kwargs):
        if self.restricted(request):
            kwargs["form"] = StaffUserForm
            kwargs["fields"] = StaffUserForm.Meta.fields
            return admin.ModelAdmin.get_form(self, request, obj, **kwargs)
        return super().get_form(request, obj, **kwargs)

    def get_fieldsets(self, request, obj=None):
        if self.restricted(request):
            return [(None, {"fields": StaffUserForm.Meta.fields})]
        return super().get_fieldsets(request, obj)

    def get_queryset(self, request):
        people = super().get_queryset(request)
        if self.restricted(request):
            people = people.filter(is_superuser=False).exclude(groups__name=roles.SITE_ADMINS)
        return people

    def has_change_permission(self, request, obj=None):
        allowed = super().has_change_permission(request, obj)
        if obj is None or not self.restricted(request):
            return allowed
        return (
            allowed
            and not obj.is_superuser
            and not obj.groups.filter(name=roles.SITE_ADMINS).exists()
        )

    def user_change_password(self, request, id, form_url=""):
        if self.restricted(request):
            raise PermissionDenied
        return super().user_change_password(request, id, form_url)

    def save_model(self, request, obj, form, change):
        if self.restricted(request):
            obj.is_superuser = False
            obj.is_staff = True
            if not change:
                # A password nobody knows, so that the e-mailed link (which Django sends only to
                # accounts with a usable password) lets the person choose theirs.
                obj.set_password(secrets.token_urlsafe(32))
        super().save_model(request, obj, form, change)

    def response_add(self, request, obj, post_url_continue=None):
        """A person created by a site administrator chooses their own password from an e-mail."""
        if self.restricted(request) and obj.email:
            reset = PasswordResetForm({"email": obj.email})
            if reset.is_valid():
                reset.save(request=request, use_https=request.is_secure())
                self.message_user(request, f"{obj.email} was sent a link to choose a password.")
        return super().response_add(request, obj, post_url_continue)
