from django.contrib import admin

from invamed.cache import PublicRecordAdminMixin
from invamed.review.admin import ReviewableAdmin

from .models import Author, Notice, SitePage


@admin.register(Author)
class AuthorAdmin(PublicRecordAdminMixin, admin.ModelAdmin):
    list_display = ["name", "is_team", "job_title"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(Notice)
class NoticeAdmin(ReviewableAdmin):
    """Regulatory text: edited by site administrators, signed off by a reviewer (four eyes)."""

    list_display = ["name", "kind", "language", "status_badge", "is_published", "is_default"]
    list_filter = ["status", "kind", "language"]
    search_fields = ["name", "heading", "text"]
    fieldsets = [
        (None, {"fields": ["language", "kind", "name", "heading", "text", "is_default"]}),
    ]


@admin.register(SitePage)
class SitePageAdmin(ReviewableAdmin):
    """The editorial policy, privacy and legal notices and contact page, reviewed like notices."""

    list_display = ["title", "kind", "language", "status_badge", "is_published"]
    list_filter = ["status", "kind", "language"]
    search_fields = ["title", "summary", "body"]
    fieldsets = [(None, {"fields": ["language", "kind", "title", "summary", "body"]})]
