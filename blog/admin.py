from django.contrib import admin

from invamed.review.admin import ReviewableAdmin

from .models import Article, Category, Reference


@admin.register(Category)
class CategoryAdmin(admin.ModelAdmin):
    list_display = ["name", "order", "review_interval_months"]
    prepopulated_fields = {"slug": ["name"]}


class ReferenceInline(admin.TabularInline):
    model = Reference
    extra = 1
    fields = ["position", "citation", "url"]


@admin.register(Article)
class ArticleAdmin(ReviewableAdmin):
    list_display = ["title", "status", "category", "author", "updated_at"]
    list_filter = ["status", "category"]
    search_fields = ["title", "summary"]
    prepopulated_fields = {"slug": ["title"]}
    inlines = [ReferenceInline]
