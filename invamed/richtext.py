"""
Rich text, in one place: the editor widget and the server-side sanitiser.

Every rich-text value is cleaned with nh3 before it is stored (RichTextField.pre_save and the
form field's clean) and again when it is shown (the `richtext` template filter), whoever typed it
and however it reached the database. CKEditor sits behind RichTextField/RichTextFormField only, so
replacing the editor means changing this module. CKEditor's own content filter (`allowedContent`
in settings.CKEDITOR_CONFIGS) is built from the same allow-list below (`editor_allowed_content`),
so what an editor sees in the editor is what is stored.

Images need a text alternative: the editor's image dialog requires it (static/js/
richtext-editor.js), and the form field refuses a body with an image without one, keeping the
text for the editor to fix.
Uploads are handled by invamed/uploads.py.
"""

from html.parser import HTMLParser

import nh3
from ckeditor.widgets import CKEditorWidget
from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse_lazy
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
# The one class kept: CKEditor's image2 marks a captioned image <figure class="image">.
ALLOWED_CLASSES = {"figure": {"image"}}


def editor_allowed_content():
    """The allow-list above in CKEditor 4's `allowedContent` syntax ("a[href,title]; p; ...")."""
    rules = []
    for tag in sorted(ALLOWED_TAGS):
        attributes = sorted(ALLOWED_ATTRIBUTES.get(tag, ()))
        if tag == "img":  # an image without an address is no image
            attributes = ["!src" if name == "src" else name for name in attributes]
        rule = tag + (f"[{','.join(attributes)}]" if attributes else "")
        classes = sorted(ALLOWED_CLASSES.get(tag, ()))
        rules.append(rule + (f"({','.join(classes)})" if classes else ""))
    return ";".join(rules)


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
        allowed_classes=ALLOWED_CLASSES,
        url_schemes=ALLOWED_URL_SCHEMES,
        clean_content_tags={"script", "style"},
        link_rel="noopener noreferrer",
        strip_comments=True,
    ).strip()


def render_richtext(value):
    """Sanitise again at display time and mark the result safe for templates."""
    return mark_safe(sanitize_html(value))  # noqa: S308 - sanitised on the line above.


class _Images(HTMLParser):
    """Collects the attributes of every <img> in a piece of HTML."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.images = []

    def handle_starttag(self, tag, attrs):
        if tag == "img":
            self.images.append(dict(attrs))

    handle_startendtag = handle_starttag


def images_in(value):
    parser = _Images()
    parser.feed(value)
    parser.close()
    return parser.images


class RichTextWidget(CKEditorWidget):
    """The one editor widget of the project (CKEditor 4 today, with a restricted toolbar)."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("config_name", "default")
        super().__init__(*args, **kwargs)
        # Set here, not in settings, so that they cannot drift from this module and uploads.py.
        self.config["allowedContent"] = editor_allowed_content()
        self.config["filebrowserImageUploadUrl"] = reverse_lazy("richtext-image-upload")
        self.config["filebrowserUploadMethod"] = "xhr"

    @property
    def media(self):
        # static/js/richtext-editor.js: the CSRF token on image uploads, alt text required.
        ours = forms.Media(js=["ckeditor/ckeditor/ckeditor.js", "js/richtext-editor.js"])
        return super().media + ours


class RichTextFormField(forms.CharField):
    """Sanitised rich text; every image in it must have an address and a text alternative."""

    widget = RichTextWidget
    default_error_messages = {
        "image_without_alt": (
            "Every image needs alt text for readers who cannot see it: %(count)s image(s) have "
            "none. Double-click the image in the editor and describe it under "
            "\u201cAlternative text\u201d."
        ),
        "image_without_src": (
            "%(count)s image(s) have no address: images must be uploaded with the editor's "
            "image button, not pasted in."
        ),
    }

    def clean(self, value):
        clean = sanitize_html(super().clean(value))
        images = images_in(clean)
        errors = []
        without_src = sum(1 for image in images if not (image.get("src") or "").strip())
        if without_src:
            errors.append(self._image_error("image_without_src", without_src))
        without_alt = sum(1 for image in images if not (image.get("alt") or "").strip())
        if without_alt:
            errors.append(self._image_error("image_without_alt", without_alt))
        if errors:
            raise ValidationError(errors)
        return clean

    def _image_error(self, code, count):
        return ValidationError(self.error_messages[code], code=code, params={"count": count})


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
