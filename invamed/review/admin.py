"""Admin pieces of the review workflow, shared by the articles' and FAQ entries' admins."""

from django.contrib import admin

from . import services
from .models import ReviewerProfile


class ReviewableAdmin(admin.ModelAdmin):
    """Base admin of a reviewed item: every save that changes content keeps a version."""

    def save_model(self, request, obj, form, change):
        if not change:
            obj.created_by = request.user
        obj.lock_version += 1
        super().save_model(request, obj, form, change)

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        services.save_version(form.instance, request.user)


@admin.register(ReviewerProfile)
class ReviewerProfileAdmin(admin.ModelAdmin):
    list_display = ["name", "credentials", "role", "is_public"]
    search_fields = ["name", "credentials"]
