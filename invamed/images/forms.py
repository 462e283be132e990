"""The library's admin forms: the picture upload, and an image's texts per language."""

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError

from invamed.admin_base import LabelledInlineFormSet

from . import processing
from .models import Image, ImageText, default_language


class PictureField(forms.FileField):
    """A picture upload, checked and stripped of metadata: cleans to a processing.Prepared."""

    widget = forms.ClearableFileInput(
        attrs={"accept": "image/jpeg,image/png,image/webp,image/gif", "class": "library-picture"}
    )

    def clean(self, data, initial=None):
        upload = super().clean(data, initial)
        if not upload or upload is initial:
            return None
        try:
            return processing.prepare(upload)
        except processing.Refused as refusal:
            raise ValidationError(str(refusal), code="refused") from refusal


class ImageForm(forms.ModelForm):
    picture = PictureField(
        help_text=(
            "JPEG, PNG, WebP or GIF, at most 5 MB and 6000 pixels a side; drop the file here or "
            "choose it. Every piece of metadata (camera, date, GPS position, comments) is removed "
            "on upload. Choosing a new file later replaces the picture everywhere it is used "
            "from now on; versions already signed keep the one they showed."
        ),
    )

    class Meta:
        model = Image
        fields = ["title", "keywords", "credit"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["picture"].required = self.instance._state.adding
        if not self.instance._state.adding:
            self.fields["picture"].label = "Replace the picture"


class ImageTextForm(forms.ModelForm):
    language = forms.ChoiceField(choices=settings.LANGUAGES)

    class Meta:
        model = ImageText
        fields = ["language", "alt", "caption"]
        widgets = {
            "alt": forms.TextInput(attrs={"size": 40}),
            "caption": forms.TextInput(attrs={"size": 40}),
        }


class ImageTextFormSet(LabelledInlineFormSet):
    """One row per language; the default language's row, with its alt text, is required."""

    def clean(self):
        super().clean()
        kept = [
            form.cleaned_data.get("language")
            for form in self.forms
            if (form.has_changed() or form.instance.pk) and not form.cleaned_data.get("DELETE")
        ]
        if default_language() not in kept:
            name = dict(settings.LANGUAGES).get(default_language(), default_language())
            raise ValidationError(
                f"Give the image alt text in {name}, the site's default language.",
                code="default_language_required",
            )
