from django.contrib import admin

from .models import Author, EditorialPolicy, Notice


@admin.register(Author)
class AuthorAdmin(admin.ModelAdmin):
    list_display = ["name", "is_team", "job_title"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(Notice)
class NoticeAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "is_default"]
    list_filter = ["kind"]


@admin.register(EditorialPolicy)
class EditorialPolicyAdmin(admin.ModelAdmin):
    list_display = ["title", "is_published", "updated_at"]
