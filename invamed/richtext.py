"""
Rich text, in one place: the editor widget and the server-side sanitiser.

Every rich-text value is cleaned with nh3 before it is stored (RichTextField.pre_save and the
form field's clean) and again when it is shown (the `richtext` template filter), whoever typed it
and however it reached the database. CKEditor sits behind RichTextField/RichTextFormField only, so
replacing the editor means changing this module.
"""

import nh3
from ckeditor.widgets import CKEditorWidget
from django import forms
from django.db import models
from django.utils.safestring import mark_safe

ALLOWED_TAGS = {
    "p", "br", "h2", "h3", "h4", "strong", "em", "b", "i", "sub", "sup",
    "ul", "ol", "li", "blockquote", "a", "hr",
    "table", "caption", "thead", "tbody", "tfoot", "tr", "th", "td",
    "img", "figure", "figcaption",
}  # fmt: skip
ALLOWED_ATTRIBUTES = {
    "a": {"href", "title"},
    "img": {"src", "alt", "width", "height"},
    "th": {"colspan", "rowspan", "scope"},
    "td": {"colspan", "rowspan"},
    "ol": {"start"},
}
ALLOWED_URL_SCHEMES = {"http", "https", "mailto"}


def sanitize_html(value):
    """Return `value` with everything outside the article allow-list removed.

    Scripts and styles are dropped with their content; event handlers, `style`, and any
    URL whose scheme is not http(s)/mailto (javascript:, data:, vbscript:) are removed.
    """
    if not value:
        return ""
    return nh3.clean(
        str(value),
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=ALLOWED_URL_SCHEMES,
        clean_content_tags={"script", "style"},
        link_rel="noopener noreferrer",
        strip_comments=True,
    ).strip()


def render_richtext(value):
    """Sanitise again at display time and mark the result safe for templates."""
    return mark_safe(sanitize_html(value))  # noqa: S308 - sanitised on the line above.


class RichTextWidget(CKEditorWidget):
    """The one editor widget of the project (CKEditor 4 today, with a restricted toolbar)."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("config_name", "default")
        super().__init__(*args, **kwargs)


class RichTextFormField(forms.CharField):
    widget = RichTextWidget

    def clean(self, value):
        return sanitize_html(super().clean(value))


class RichTextField(models.TextField):
    """A TextField whose value is always sanitised HTML."""

    def formfield(self, **kwargs):
        kwargs.setdefault("form_class", RichTextFormField)
        # Always the editor: the admin would otherwise pass its plain textarea (it does so for
        # every TextField), and editors would get raw HTML instead of CKEditor.
        kwargs["widget"] = RichTextWidget
        return super().formfield(**kwargs)

    def pre_save(self, model_instance, add):
        value = sanitize_html(getattr(model_instance, self.attname))
        setattr(model_instance, self.attname, value)
        return value
