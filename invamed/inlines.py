"""An inline formset whose every box has an accessible name, for the admin's tabular inlines."""

from django.forms.models import BaseInlineFormSet


class LabelledInlineFormSet(BaseInlineFormSet):
    """A tabular inline names its columns only in the table's header, which is no label: each
    visible box, the delete box included, is named by its field's label."""

    def add_fields(self, form, index):
        super().add_fields(form, index)
        for field in form.fields.values():
            if field.label and not field.widget.is_hidden:
                field.widget.attrs.setdefault("aria-label", str(field.label))
