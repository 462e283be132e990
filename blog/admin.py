from django.conf import settings
from django.contrib import admin
from django.core.exceptions import ValidationError
from django.db import models
from django.forms.models import BaseInlineFormSet
from django.utils.translation import ngettext

from invamed import richtext
from invamed.content.models import Notice
from invamed.review.admin import (
    REVIEWER_FILTER,
    ReviewableAdmin,
    ReviewedCategoryAdmin,
    ReviewOverdueFilter,
    TranslationFilter,
)

from .models import Article, Category, Reference

admin.site.register(Category, ReviewedCategoryAdmin)


class ReferenceFormSet(BaseInlineFormSet):
    """The references list, checked against the citations of the article's text: every
    `[[ref:N]]` must name one of its entries (the text as typed is kept for the editor)."""

    def clean(self):
        super().clean()
        # The entries that will be in the list: saved or newly filled in, and not deleted.
        count = sum(
            1
            for form in self.forms
            if (form.has_changed() or form.instance.pk is not None)
            and not getattr(form, "cleaned_data", {}).get("DELETE")
        )
        missing = sorted(
            {n for n in richtext.cited_numbers(self.instance.body) if not 1 <= n <= count}
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


class ReferenceInline(admin.TabularInline):
    """The numbered references: reviewed content, so a change needs a new review. The text
    cites the N-th one of the list as `[[ref:N]]`."""

    model = Reference
    formset = ReferenceFormSet
    extra = 1
    fields = ["position", "citation", "url"]
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}


@admin.register(Article)
class ArticleAdmin(ReviewableAdmin):
    list_display = [
        "title", "language", "status_badge", "is_published", "category", "author", "updated_at",
        "translation_status",
    ]  # fmt: skip
    list_filter = [
        "status", "language", TranslationFilter, ReviewOverdueFilter, "category", "tags", "author",
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
