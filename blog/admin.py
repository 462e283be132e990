from django.conf import settings
from django.contrib import admin
from django.db import models

from invamed.content.models import Notice
from invamed.review.admin import (
    REVIEWER_FILTER,
    ReviewableAdmin,
    ReviewedCategoryAdmin,
    ReviewOverdueFilter,
)

from .models import Article, Category, Reference

admin.site.register(Category, ReviewedCategoryAdmin)


class ReferenceInline(admin.TabularInline):
    """The numbered references: reviewed content, so a change needs a new review."""

    model = Reference
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
        "status", "language", ReviewOverdueFilter, "category", "tags", "author", REVIEWER_FILTER,
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
