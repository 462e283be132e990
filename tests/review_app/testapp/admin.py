from django.contrib import admin
from django.db import models

from invamed.review.admin import REVIEWER_FILTER, ReviewableAdmin, ReviewFilter

from .models import Memo, Source


class SourceInline(admin.TabularInline):
    model = Source
    extra = 1
    fields = ["position", "citation", "url"]
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}


@admin.register(Memo)
class MemoAdmin(ReviewableAdmin):
    list_display = ["title", "language", "status_badge", "is_published", "updated_at"]
    list_filter = ["status", "language", ReviewFilter, "tags", REVIEWER_FILTER]
    search_fields = ["title", "body"]
    prepopulated_fields = {"slug": ["title"]}
    fieldsets = [("Content", {"fields": ["language", "title", "slug", "body", "tags"]})]
    inlines = [SourceInline]
