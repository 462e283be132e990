"""
Rich text, in one place: the editor widget and the server-side sanitiser.

Every rich-text value is cleaned with nh3 before it is stored (RichTextField.pre_save and the
form field's clean) and again when it is shown (the `richtext` template filter), whoever typed it
and however it reached the database. CKEditor sits behind RichTextField/RichTextFormField only, so
replacing the editor means changing this module. CKEditor's own content filter (`allowedContent`
in settings.CKEDITOR_CONFIGS) is built from the same allow-list below (`editor_allowed_content`),
so what an editor sees in the editor is what is stored.

Images come from the image library only (invamed/images): rich text refers to one as
`<img src="/images/42/" alt="…">` (invamed/images/references.py), and the sanitiser keeps an
<img> with exactly that kind of address and its alt text, nothing else: any other <img> (another
site's, a data: URL, a path that is no library image) is removed whole. The editor's image
dialog picks from the library or uploads into it, and requires alt text (static/js/
richtext-editor.js); the form field refuses an image from elsewhere or without alt text, keeping
the text for the editor to fix. Public pages show each library image as a responsive figure
made from what the version signed of it (invamed/images/reviewed.py), not from the library.
"""

import html
import math
import re
from dataclasses import asdict, dataclass, field

import nh3
from ckeditor.widgets import CKEditorWidget
from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse_lazy
from django.utils.html import strip_tags
from django.utils.safestring import mark_safe

from invamed.images import references
from invamed.text import clean_text, slugify

ALLOWED_TAGS = {
    "p", "br", "h2", "h3", "h4", "strong", "em", "b", "i", "sub", "sup",
    "ul", "ol", "li", "blockquote", "a", "hr",
    "table", "caption", "thead", "tbody", "tfoot", "tr", "th", "td",
    "img",
}  # fmt: skip
ALLOWED_ATTRIBUTES = {
    "a": {"href", "title"},
    # A library image: its stable address and the alt text for this place (see the docstring).
    # Its size and caption come from the library, so no width, height or <figure> is kept.
    "img": {"src", "alt"},
    "th": {"colspan", "rowspan", "scope"},
    "td": {"colspan", "rowspan"},
    "ol": {"start"},
}
ALLOWED_URL_SCHEMES = {"http", "https", "mailto"}


def editor_allowed_content():
    """The allow-list above in CKEditor 4's `allowedContent` syntax ("a[href,title]; p; ...")."""
    rules = []
    for tag in sorted(ALLOWED_TAGS):
        attributes = sorted(ALLOWED_ATTRIBUTES.get(tag, ()))
        if tag == "img":  # an image without an address is no image
            attributes = ["!src" if name == "src" else name for name in attributes]
        rules.append(tag + (f"[{','.join(attributes)}]" if attributes else ""))
    return ";".join(rules)


# nh3 gives every link this rel; a link whose address was removed keeps only it, and is unwrapped.
LINK_REL = "noopener noreferrer"
_LINK_WITHOUT_ADDRESS = re.compile(rf'<a(?: title="[^"]*")? rel="{LINK_REL}">(.*?)</a>', re.S)


def _allow_list(value):
    """nh3 with the allow-list above: every <img> it keeps still has to pass the library check.

    A link left without an address (a javascript: one) is no link: its text stays, the <a> goes.
    """
    clean = nh3.clean(
        clean_text(str(value), multiline=True),  # no control character in any page or feed
        tags=ALLOWED_TAGS,
        # "*": no attribute on every element (nh3 would keep `lang` and `title` everywhere).
        attributes={**ALLOWED_ATTRIBUTES, "*": set()},
        url_schemes=ALLOWED_URL_SCHEMES,
        clean_content_tags={"script", "style"},
        link_rel=LINK_REL,
        strip_comments=True,
    )
    return _LINK_WITHOUT_ADDRESS.sub(r"\1", clean)


def sanitize_html(value):
    """Return `value` with everything outside the article allow-list removed.

    Scripts and styles are dropped with their content; event handlers, `style`, and any
    URL whose scheme is not http(s)/mailto (javascript:, data:, vbscript:) are removed; an
    <img> is kept only when it shows a library image.
    """
    if not value:
        return ""
    return references.drop_other_images(_allow_list(value)).strip()


def plain_text(value):
    """Rich text as readable plain text: tags become spaces, entities decode."""
    return " ".join(html.unescape(re.sub(r"<[^>]*>", " ", value or "")).split())


# The version of `prepare()`'s output. Versions store what it made of their snapshot
# (Version.prepared); a change to its output must come with a new number here, so that every
# stored preparation is made again instead of being served as it was.
RENDERER = 2
WORDS_PER_MINUTE = 200
TOC_MIN_SECTIONS = 3
# Ids the page templates use; a body heading never takes one of them.
RESERVED_IDS = frozenset(
    {"main", "site-search", "toc-heading", "references-heading", "faq-heading", "tags-heading",
     "related-heading", "signoff-heading", "report-heading"}
)  # fmt: skip
_H2 = re.compile(r"<h2>(.*?)</h2>", re.DOTALL)
_IMG = re.compile(r"<img\b")


@dataclass
class Prepared:
    """Sanitised rich text ready for a page: ids on its h2 sections, their list, its words."""

    html: str
    toc: list = field(default_factory=list)
    word_count: int = 0

    @property
    def safe_html(self):
        return mark_safe(self.html)  # noqa: S308 - made by prepare() from sanitised HTML.

    @property
    def reading_minutes(self):
        return max(1, math.ceil(self.word_count / WORDS_PER_MINUTE))

    def as_dict(self):
        return asdict(self)

    @classmethod
    def from_dict(cls, data):
        return cls(**data)


class _Ids:
    """Unique heading ids in linear time: each base remembers the next number to try."""

    def __init__(self, taken):
        self.taken = set(taken)
        self.next_number = {}

    def make(self, text):
        base = slugify(text)[:60].strip("-") or "section"
        candidate = base
        n = self.next_number.get(base, 2)
        while candidate in self.taken:
            candidate, n = f"{base}-{n}", n + 1
        self.next_number[base] = n
        self.taken.add(candidate)
        return candidate


def prepare(value):
    """Sanitise `value`, give each h2 an id, list them, count the words.

    The ids come from `slugify` (letters, digits, hyphens), so adding them to the sanitised
    markup cannot introduce anything the sanitiser would have removed. The table of contents
    is offered only when there are at least three sections.
    """
    clean = sanitize_html(value)
    ids = _Ids(RESERVED_IDS)
    sections = []

    def add_id(match):
        text = " ".join(html.unescape(strip_tags(match.group(1))).split())
        anchor = ids.make(text)
        sections.append({"id": anchor, "text": text})
        return f'<h2 id="{anchor}">{match.group(1)}</h2>'

    with_ids = _H2.sub(add_id, clean)
    # Images in the body are below the fold: load them lazily, decode off the main thread.
    with_ids = _IMG.sub('<img loading="lazy" decoding="async"', with_ids)
    words = len(html.unescape(strip_tags(clean)).split())
    toc = sections if len(sections) >= TOC_MIN_SECTIONS else []
    return Prepared(html=with_ids, toc=toc, word_count=words)


def render_richtext(value):
    """Sanitise again at display time and mark the result safe for templates."""
    return mark_safe(sanitize_html(value))  # noqa: S308 - sanitised on the line above.


class RichTextWidget(CKEditorWidget):
    """The one editor widget of the project (CKEditor 4 today, with a restricted toolbar)."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("config_name", "default")
        super().__init__(*args, **kwargs)
        # Set here, not in settings, so that they cannot drift from this module and the library.
        self.config["allowedContent"] = editor_allowed_content()
        # The image dialog's "Browse Server" lists the image library; its Upload tab, and an
        # image pasted or dropped into the text (imageUploadUrl), store into the library.
        self.config["filebrowserImageBrowseUrl"] = reverse_lazy("admin:images_image_browse")
        self.config["filebrowserImageUploadUrl"] = reverse_lazy("admin:images_image_editor_upload")
        self.config["imageUploadUrl"] = reverse_lazy("admin:images_image_editor_upload")
        self.config["filebrowserUploadMethod"] = "xhr"
        self.config["filebrowserBrowseUrl"] = ""
        # A pasted or dropped image file is the libraryimage plugin's to upload, never to be
        # put into the text as a data: URL (which the sanitiser would remove).
        self.config["clipboard_handleImages"] = False

    @property
    def media(self):
        # static/js/richtext-editor.js: alt text required, sent with uploads into the library
        # with the CSRF token; the libraryimage plugin for pasted and dropped images.
        ours = forms.Media(js=["ckeditor/ckeditor/ckeditor.js", "js/richtext-editor.js"])
        return super().media + ours


class RichTextFormField(forms.CharField):
    """Sanitised rich text; every image in it comes from the library and has a text alternative."""

    widget = RichTextWidget
    default_error_messages = {
        "image_without_alt": (
            "Every image needs alt text for readers who cannot see it: %(count)s image(s) have "
            "none. Double-click the image in the editor and describe it under "
            "\u201cAlternative text\u201d."
        ),
        "image_not_in_library": (
            "%(count)s image(s) are not from the image library and would be removed: insert "
            "images with the editor's image button (\u201cBrowse Server\u201d picks one from the "
            "library, \u201cUpload\u201d adds one to it), or paste or drop the image file itself."
        ),
    }

    def clean(self, value):
        typed = super().clean(value)
        allowed = _allow_list(typed) if typed else ""
        clean = references.drop_other_images(allowed).strip()
        # The images the sanitiser removes as not the library's (in nh3's output "<img" is
        # always a tag: a "<" in text is written "&lt;").
        elsewhere = allowed.count("<img") - clean.count("<img")
        errors = []
        if elsewhere:
            errors.append(self._image_error("image_not_in_library", elsewhere))
        without_alt = sum(
            1 for image in references.images_in(clean) if not (image.get("alt") or "").strip()
        )
        if without_alt:
            errors.append(self._image_error("image_without_alt", without_alt))
        if errors:
            raise ValidationError(errors)
        return clean

    def _image_error(self, code, count):
        return ValidationError(self.error_messages[code], code=code, params={"count": count})


class RichTextField(models.TextField):
    """A TextField whose value is always sanitised HTML."""

    keeps_markup = True  # sanitised, not cleaned as plain text (invamed.text.PlainTextModel)

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
