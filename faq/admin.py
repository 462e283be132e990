from django.contrib import admin

from blog import admin as blog_admin
from blog.models import Article
from invamed.admin_base import LabelledInlineFormSet
from invamed.review.admin import (
    REVIEWER_FILTER,
    ReviewableAdmin,
    ReviewedCategoryAdmin,
    ReviewFilter,
    TranslationFilter,
)

from .models import Entry, FAQCategory, Placement

admin.site.register(FAQCategory, ReviewedCategoryAdmin)


@admin.register(Entry)
class EntryAdmin(ReviewableAdmin):
    list_display = [
        "question", "language", "status_badge", "is_published", "category", "order",
        "translation_status",
    ]  # fmt: skip
    list_filter = [
        "status", "language", TranslationFilter, ReviewFilter, "category", "tags",
        REVIEWER_FILTER,
    ]  # fmt: skip
    list_select_related = ["category", "source__live_version"]
    search_fields = ["question", "answer", "slug"]
    prepopulated_fields = {"slug": ["question"]}
    fieldsets = [
        ("Content", {"fields": ["language", "question", "slug", "answer"]}),
        ("Classification", {"fields": ["category", "tags", "notice", "order"]}),
    ]


class FAQPlacementInline(admin.TabularInline):
    """FAQ entries shown in the article's FAQ block, in this order: part of the article's signed
    version, so a change needs a new review (a placed entry shows only while it is live)."""

    model = Placement
    formset = LabelledInlineFormSet
    fk_name = "item"
    extra = 0
    fields = ["entry", "position"]
    autocomplete_fields = ["entry"]
    verbose_name = "FAQ entry"
    verbose_name_plural = "FAQ entries on this article"


# The article's FAQ block belongs to this app, which knows articles (blog knows nothing of the
# FAQ): the article admin is registered again with the block's inline.
admin.site.unregister(Article)


@admin.register(Article)
class ArticleAdmin(blog_admin.ArticleAdmin):
    inlines = [*blog_admin.ArticleAdmin.inlines, FAQPlacementInline]
