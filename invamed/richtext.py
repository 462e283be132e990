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
from django.utils.translation import gettext

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
    """Rich text as readable plain text: tags become spaces, entities decode, citation markers
    go (they are numbers for the page, not words of the text)."""
    text = CITATION.sub(" ", re.sub(r"<[^>]*>", " ", value or ""))
    return " ".join(html.unescape(text).split())


# A numbered citation, typed in the text (or inserted by the editor's "Cite" button):
# `[[ref:2]]` cites the second entry of the item's references list, in the order the editor
# gave them. It is plain text, so the sanitiser keeps it as it is and it is part of the body a
# reviewer signs; the page shows it as a superscript number linked to the reference
# (link_citations), numbered in the order of first citation.
CITATION = re.compile(r"\[\[ref:\s*(\d{1,4})\s*\]\]")
# A tag of sanitised HTML: attribute values are quoted and may hold ">" (nh3 escapes only "&"
# and quotes in them), so a marker inside an alt text is never taken for one in the text.
_TAG = re.compile(r"""(<(?:[^"'>]|"[^"]*"|'[^']*')*>)""")


def cited_numbers(value):
    """The reference numbers `value` cites, in the order of the text, repeats included."""
    return [int(number) for number in CITATION.findall(value or "")]


def link_citations(value, count):
    """Sanitised HTML with each citation of references 1..`count` made a superscript link.

    Returns (html, order): `order` lists the cited reference numbers (positions in the list as
    entered) in the order of first citation, so the page numbers them 1, 2, 3... as a reader
    meets them; each link goes to `#ref-<shown number>` and has the id
    `cite-<shown number>-<nth citation of it>` the references list links back to. A marker
    citing a number outside the list, or inside a link (a link cannot hold another), stays
    as typed: the admin refuses the former before it is saved.
    """
    order, seen = [], {}
    pieces = _TAG.split(value)
    in_link = 0

    def link(match):
        number = int(match.group(1))
        if in_link or not 1 <= number <= count:
            return match.group(0)
        if number not in seen:
            order.append(number)
            seen[number] = 0
        seen[number] += 1
        shown = order.index(number) + 1
        return (
            f'<sup class="citation"><a href="#ref-{shown}" id="cite-{shown}-{seen[number]}">'
            f"[{shown}]</a></sup>"
        )

    for index, piece in enumerate(pieces):
        if index % 2:  # a tag
            if re.match(r"<a\b", piece):
                in_link += 1
            elif piece == "</a>":
                in_link = max(0, in_link - 1)
        elif "[[" in piece:
            pieces[index] = CITATION.sub(link, piece)
    return "".join(pieces), order


def numbered_references(references, order, html):
    """The references list as the page shows it: the cited ones in the order of first
    citation, then the others in their given order, each with its shown number and the ids of
    its citations in `html` (for the links back to the text)."""
    positions = order + [n for n in range(1, len(references) + 1) if n not in order]
    shown = []
    for number, position in enumerate(positions, start=1):
        backlinks = re.findall(rf'id="(cite-{number}-\d+)"', html)
        shown.append({**references[position - 1], "number": number, "backlinks": backlinks})
    return shown


# The version of `prepare()`'s output. Versions store what it made of their snapshot
# (Version.prepared); a change to its output must come with a new number here, so that every
# stored preparation is made again instead of being served as it was.
RENDERER = 3
WORDS_PER_MINUTE = 200
TOC_MIN_SECTIONS = 3
# Ids the page templates use; a body heading never takes one of them.
RESERVED_IDS = frozenset(
    {"main", "site-search", "toc-heading", "references-heading", "faq-heading", "tags-heading",
     "related-heading", "signoff-heading", "report-heading", "signoff"}
)  # fmt: skip
_CITATION_ID = re.compile(r"(?:ref|cite)(?:-\d+)+")
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
        """The HTML for a page, its tables made scrollable regions in the page's language."""
        return mark_safe(scrollable_tables(self.html))  # noqa: S308 - prepared, sanitised HTML.

    @property
    def reading_minutes(self):
        return max(1, math.ceil(self.word_count / WORDS_PER_MINUTE))

    def as_dict(self):
        return asdict(self)

    @classmethod
    def from_dict(cls, data):
        return cls(**data)


_TABLE_TAG = re.compile(r"</?table>")
_CAPTION = re.compile(r"<caption>(.*?)</caption>", re.DOTALL)


def scrollable_tables(value):
    """Each table of prepared HTML inside a labelled, focusable region that scrolls sideways,
    with a visible hint, so a table wider than a phone is not cut off and a keyboard can
    scroll it. The label is the table's caption, else "Table"; the words are the page's
    language's, added at display time so that the stored preparation holds no interface
    text. A table inside a table's cell scrolls with the outer one.
    """
    if "<table>" not in value:
        return value
    hint = html.escape(gettext("Scroll sideways to see the whole table."))
    out, depth, start, position = [], 0, 0, 0
    for tag in _TABLE_TAG.finditer(value):
        if tag.group(0) == "<table>":
            if depth == 0:
                out.append(value[position : tag.start()])
                start = tag.start()
            depth += 1
        elif depth:
            depth -= 1
            if depth == 0:
                table = value[start : tag.end()]
                caption = _CAPTION.match(table, len("<table>"))  # a caption comes first
                label = caption and " ".join(html.unescape(strip_tags(caption.group(1))).split())
                label = html.escape(label or gettext("Table"))
                out.append(
                    f'<div class="table-scroll" role="region" aria-label="{label}" tabindex="0">'
                    f'<p class="table-scroll__hint">{hint}</p>{table}</div>'
                )
                position = tag.end()
    if depth:  # not from the sanitiser, which closes every table: left as it is
        return value
    out.append(value[position:])
    return "".join(out)


class _Ids:
    """Unique heading ids in linear time: each base remembers the next number to try."""

    def __init__(self, taken):
        self.taken = set(taken)
        self.next_number = {}

    def make(self, text):
        base = slugify(text)[:60].strip("-") or "section"
        if _CITATION_ID.fullmatch(base):  # the ids of citations and references are theirs
            base = f"section-{base}"
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
    words = len(html.unescape(strip_tags(CITATION.sub(" ", clean))).split())
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
