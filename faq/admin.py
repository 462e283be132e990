from django.contrib import admin

from blog import admin as blog_admin
from blog.models import Article
from invamed.review.admin import (
    REVIEWER_FILTER,
    ReviewableAdmin,
    ReviewedCategoryAdmin,
    ReviewOverdueFilter,
)

from .models import ArticleEntry, Entry, FAQCategory

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


class FAQPlacementInline(admin.TabularInline):
    """FAQ entries shown in the article's FAQ block, in this order (only while both are live)."""

    model = ArticleEntry
    fk_name = "article"
    extra = 0
    fields = ["entry", "order"]
    autocomplete_fields = ["entry"]
    verbose_name = "FAQ entry"
    verbose_name_plural = "FAQ entries on this article"


# The article's FAQ block belongs to this app, which knows articles (blog knows nothing of the
# FAQ): the article admin is registered again with the block's inline.
admin.site.unregister(Article)


@admin.register(Article)
class ArticleAdmin(blog_admin.ArticleAdmin):
    inlines = [*blog_admin.ArticleAdmin.inlines, FAQPlacementInline]
