from django.contrib import admin
from django.db import models

from faq.models import ArticleEntry
from invamed.content.models import Notice
from invamed.review.admin import (
    REVIEWER_FILTER,
    ReviewableAdmin,
    ReviewedCategoryAdmin,
    ReviewOverdueFilter,
)

from .models import Article, Category, Reference
from .views import ArticleDetailView

admin.site.register(Category, ReviewedCategoryAdmin)


class ReferenceInline(admin.TabularInline):
    """The numbered references: reviewed content, so a change needs a new review."""

    model = Reference
    extra = 1
    fields = ["position", "citation", "url"]
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}


class FAQEntryInline(admin.TabularInline):
    """FAQ entries shown in the article's FAQ block, in this order (only while both are live)."""

    model = ArticleEntry
    fk_name = "article"
    extra = 0
    fields = ["entry", "order"]
    autocomplete_fields = ["entry"]
    verbose_name = "FAQ entry"
    verbose_name_plural = "FAQ entries on this article"


@admin.register(Article)
class ArticleAdmin(ReviewableAdmin):
    public_view = ArticleDetailView
    list_display = ["title", "status_badge", "is_published", "category", "author", "updated_at"]
    list_filter = [
        "status", ReviewOverdueFilter, "category", "tags", "author", REVIEWER_FILTER,
    ]  # fmt: skip
    list_select_related = ["category", "author"]
    search_fields = ["title", "summary", "slug"]
    prepopulated_fields = {"slug": ["title"]}
    fieldsets = [
        ("Content", {"fields": ["title", "slug", "summary", "body"]}),
        ("Classification", {"fields": ["category", "tags", "author", "notice"]}),
        ("Publication", {"fields": ["publish_at", "is_featured"]}),
    ]
    inlines = [ReferenceInline, FAQEntryInline]
    live_fields = ["slug", "is_featured"]
    live_inlines = [ArticleEntry]

    def get_changeform_initial_data(self, request):
        initial = super().get_changeform_initial_data(request)
        default_notice = Notice.objects.default_for(Notice.Kind.REGULATORY)
        if default_notice is not None:
            initial.setdefault("notice", default_notice.pk)
        return initial
