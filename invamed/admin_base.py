"""What the project's admins share: read-only admins, and inline formsets whose every box has an
accessible name."""

from django.contrib import admin
from django.forms.models import BaseInlineFormSet


class ReadOnlyAdmin(admin.ModelAdmin):
    """A record nobody adds, changes or deletes through the admin, superusers included: it is
    written by the application only."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class LabelledInlineFormSet(BaseInlineFormSet):
    """A tabular inline names its columns only in the table's header, which is no label: each
    visible box, the delete box included, is named by its field's label."""

    def add_fields(self, form, index):
        super().add_fields(form, index)
        for field in form.fields.values():
            if field.label and not field.widget.is_hidden:
                field.widget.attrs.setdefault("aria-label", str(field.label))
