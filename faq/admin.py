from django.contrib import admin

from invamed.review.admin import REVIEWER_FILTER, ReviewableAdmin, ReviewOverdueFilter

from .models import ArticleEntry, Entry, FAQCategory
from .views import EntryDetailView


@admin.register(FAQCategory)
class FAQCategoryAdmin(admin.ModelAdmin):
    list_display = ["name", "order", "review_interval_months"]
    prepopulated_fields = {"slug": ["name"]}


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
