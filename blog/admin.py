from django.conf import settings
from django.contrib import admin
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from invamed import richtext
from invamed.admin_base import LabelledInlineFormSet
from invamed.content.models import Notice
from invamed.review.admin import (
    REVIEWER_FILTER,
    ReviewableAdmin,
    ReviewedCategoryAdmin,
    ReviewFilter,
    TranslationFilter,
)

from .models import Article, Category, Reference

admin.site.register(Category, ReviewedCategoryAdmin)


class ReferenceFormSet(LabelledInlineFormSet):
    """The references list, checked against the citations of the article's text: every
    `[[ref:N]]` must name one of its entries (the text as typed is kept for the editor).

    The list is numbered 1, 2, 3… on save. A row whose position is left blank keeps its place
    under the row above it, so an editor never has to type numbers (the "Move up"/"Move down"
    buttons of reorder-rows.js fill them in); a typed position moves its row there."""

    def add_fields(self, form, index):
        super().add_fields(form, index)
        position = form.fields["position"]
        position.required = False
        position.help_text = _(
            "Leave blank to keep the row where it stands: the list is numbered 1, 2, 3… on save."
        )
        position.widget.attrs.update(
            {"data-move-up": _("Move up"), "data-move-down": _("Move down")}
        )
        if form.instance.pk is None:
            position.initial = None

    def kept_forms(self):
        """The entries that will be in the list, in the order they will have: saved or newly
        filled in, and not deleted."""
        kept = [
            form
            for form in self.forms
            if (form.has_changed() or form.instance.pk is not None)
            and not getattr(form, "cleaned_data", {}).get("DELETE")
        ]
        # A row that was given a new position goes before the row already there; a blank
        # position follows the row above.
        keys, key = [], (0, 0)
        for form in kept:
            typed = getattr(form, "cleaned_data", {}).get("position")
            if typed is not None:
                key = (typed, 0 if "position" in form.changed_data else 1)
            keys.append(key)
        order = sorted(range(len(kept)), key=lambda i: (keys[i], i))
        return [kept[i] for i in order]

    def clean(self):
        super().clean()
        kept = self.kept_forms()
        for position, form in enumerate(kept, start=1):
            form.instance.position = position
        missing = sorted(
            {n for n in richtext.cited_numbers(self.instance.body) if not 1 <= n <= len(kept)}
        )
        if missing:
            raise ValidationError(
                ngettext(
                    "The text cites reference %(numbers)s, which the references list below "
                    "does not have: add it there or correct the citation.",
                    "The text cites references %(numbers)s, which the references list below "
                    "does not have: add them there or correct the citations.",
                    len(missing),
                )
                % {"numbers": ", ".join(map(str, missing))},
                code="missing_reference",
            )

    def save(self, commit=True):
        saved = super().save(commit)
        if commit:
            # The rows the editor did not touch move too when another row moves past them.
            rows = [form.instance for form in self.kept_forms() if form.instance.pk is not None]
            self.model.objects.bulk_update(rows, ["position"])
        return saved


class ReferenceInline(admin.TabularInline):
    """The numbered references: reviewed content, so a change needs a new review. The text
    cites the N-th one of the list as `[[ref:N]]`."""

    model = Reference
    formset = ReferenceFormSet
    extra = 1
    fields = ["position", "citation", "url"]

    class Media:
        js = ["js/reorder-rows.js"]

    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}


@admin.register(Article)
class ArticleAdmin(ReviewableAdmin):
    list_display = [
        "title", "language", "status_badge", "is_published", "category", "author", "updated_at",
        "translation_status",
    ]  # fmt: skip
    list_filter = [
        "status", "language", TranslationFilter, ReviewFilter, "category", "tags", "author",
        REVIEWER_FILTER,
    ]  # fmt: skip
    list_select_related = ["category", "author", "source__live_version"]
    search_fields = ["title", "summary", "slug", "body"]
    prepopulated_fields = {"slug": ["title"]}
    fieldsets = [
        ("Content", {"fields": ["language", "title", "slug", "summary", "lead_image", "body"]}),
        ("Classification", {"fields": ["category", "tags", "author", "notice", "is_featured"]}),
    ]
    inlines = [ReferenceInline]
    # The library's own search (title, keywords) picks the lead image.
    autocomplete_fields = ["lead_image"]

    def get_changeform_initial_data(self, request):
        initial = super().get_changeform_initial_data(request)
        language = request.GET.get("language", settings.LANGUAGE_CODE)
        default_notice = Notice.objects.default_for(Notice.Kind.REGULATORY, language)
        if default_notice is not None:
            initial.setdefault("notice", default_notice.pk)
        return initial
