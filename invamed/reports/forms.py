from django import forms
from django.utils.translation import gettext_lazy as _

from .models import MAX_MESSAGE_LENGTH


class ReportForm(forms.Form):
    """What a visitor tells us about a page. `website` is the honeypot: hidden from people (and
    from screen readers), filled in by bots that fill in every field."""

    message = forms.CharField(
        label=_("What is wrong on this page?"),
        max_length=MAX_MESSAGE_LENGTH,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("Say what is wrong and, if you can, where on the page."),
    )
    email = forms.EmailField(
        label=_("Your e-mail (optional)"),
        required=False,
        help_text=_("Only if you would like an answer. It is never shown on the site."),
    )
    is_professional = forms.BooleanField(label=_("I am a healthcare professional"), required=False)
    website = forms.CharField(
        label=_("Leave this field empty"),
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
    )

    def clean_message(self):
        message = self.cleaned_data["message"].strip()
        if not message:
            raise forms.ValidationError(_("Say what is wrong on this page."))
        return message

    @property
    def is_bot(self):
        return bool(self.cleaned_data.get("website"))
