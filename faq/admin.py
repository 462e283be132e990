from django.contrib import admin

from invamed.review.admin import (
    REVIEWER_FILTER,
    ReviewableAdmin,
    ReviewedCategoryAdmin,
    ReviewOverdueFilter,
)

from .models import ArticleEntry, Entry, FAQCategory
from .views import EntryDetailView

admin.site.register(FAQCategory, ReviewedCategoryAdmin)


class ArticlePlacementInline(admin.TabularInline):
    """The articles whose FAQ block shows this entry, at this position."""

    model = ArticleEntry
    fk_name = "entry"
    extra = 0
    fields = ["article", "order"]
    autocomplete_fields = ["article"]
    verbose_name = "article"
    verbose_name_plural = "shown on these articles"


@admin.register(Entry)
class EntryAdmin(ReviewableAdmin):
    public_view = EntryDetailView
    list_display = ["question", "status_badge", "is_published", "category", "order"]
    list_filter = ["status", ReviewOverdueFilter, "category", "tags", REVIEWER_FILTER]
    list_select_related = ["category"]
    search_fields = ["question", "answer", "slug"]
    prepopulated_fields = {"slug": ["question"]}
    fieldsets = [
        ("Content", {"fields": ["question", "slug", "answer"]}),
        ("Classification", {"fields": ["category", "tags", "order"]}),
        ("Publication", {"fields": ["publish_at"]}),
    ]
    inlines = [ArticlePlacementInline]
    live_fields = ["slug", "order"]
    live_inlines = [ArticleEntry]
