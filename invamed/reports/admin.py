"""
Reports in the admin, for reviewers: unresolved first, each linked to the item's own admin page.

A report cannot be added, edited or deleted here: what the visitor wrote stays as they sent it.
A reviewer resolves an open one by saving it with a note (services.resolve, which writes the
audit record); a resolved report is read-only.
"""

from django import forms
from django.contrib import admin, messages
from django.urls import NoReverseMatch, reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from . import services
from .models import Report

SHOWN = [
    "item_link", "language", "version_number", "created_at", "is_professional", "email",
    "message", "resolved_at", "resolved_by",
]  # fmt: skip


class ResolvedFilter(admin.SimpleListFilter):
    title = _("resolved")
    parameter_name = "resolved"

    def lookups(self, request, model_admin):
        return [("no", _("Unresolved")), ("yes", _("Resolved"))]

    def queryset(self, request, queryset):
        if self.value() == "no":
            return queryset.filter(resolved_at__isnull=True)
        if self.value() == "yes":
            return queryset.filter(resolved_at__isnull=False)
        return queryset


class ResolveForm(forms.ModelForm):
    class Meta:
        model = Report
        fields = ["resolution_note"]
        help_texts = {
            "resolution_note": _(
                "What was done about it (corrected in a new version, not an error...). Saving "
                "with a note marks the report resolved, in the item's audit record."
            )
        }

    def clean_resolution_note(self):
        note = self.cleaned_data["resolution_note"].strip()
        if not note:
            raise forms.ValidationError(_("Say what was done to resolve the report."))
        return note


@admin.register(Report)
class ReportAdmin(admin.ModelAdmin):
    form = ResolveForm
    list_display = ["__str__", "item_link", "status", "is_professional", "created_at"]
    list_filter = [ResolvedFilter, "is_professional", "language"]
    list_select_related = ["item_type"]
    search_fields = ["item_repr", "message"]
    date_hierarchy = "created_at"

    fields = [*SHOWN, "resolution_note"]

    def get_readonly_fields(self, request, obj=None):
        if obj is not None and obj.is_resolved:
            return [*SHOWN, "resolution_note"]
        return SHOWN

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        if obj is not None and obj.is_resolved:
            return False
        return super().has_change_permission(request, obj)

    @admin.display(description=_("status"), ordering="resolved_at")
    def status(self, report):
        return _("Resolved") if report.is_resolved else _("Unresolved")

    @admin.display(description=_("page"), ordering="item_repr")
    def item_link(self, report):
        kind = report.item_type
        try:
            url = reverse(f"admin:{kind.app_label}_{kind.model}_change", args=[report.item_id])
        except NoReverseMatch:
            return report.item_repr
        return format_html('<a href="{}">{}</a>', url, report.item_repr)

    def save_model(self, request, obj, form, change):
        try:
            services.resolve(obj, request.user, form.cleaned_data["resolution_note"])
        except services.AlreadyResolved:
            messages.warning(request, _("Someone else resolved this report meanwhile."))
