from django.contrib import admin

from invamed.review.admin import ReviewableAdmin

from .models import Entry, FAQCategory


@admin.register(FAQCategory)
class FAQCategoryAdmin(admin.ModelAdmin):
    list_display = ["name", "order"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(Entry)
class EntryAdmin(ReviewableAdmin):
    list_display = ["question", "status", "category", "order"]
    list_filter = ["status", "category"]
    search_fields = ["question"]
    prepopulated_fields = {"slug": ["question"]}
