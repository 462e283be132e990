"""
Figures on public pages, from what a signed version records for each image it shows.

A *reference* is that record, a plain dict (JSON in a version's snapshot):

    {"image_id": 42, "sha256": "<content hash of the file>", "alt": "…", "caption": "…",
     "credit": "…", "width": 1600, "height": 1000}

`Image.reference(language)` makes one from the library as it is now, `references_in(html)` one
for every library image a piece of rich text shows. Rendering reads the renditions of the file
named by `sha256`, never the library image, so a later change in the library (another file,
new texts) changes no signed page. The renditions of any number of references are read in one
query (`Figures`); rendering never makes a file.

- `Figures(refs).figure(ref)`: <figure> with <picture> (a <source> per modern format, with
  srcset and sizes), an <img> with the fallback format, width, height, alt, lazy loading and
  async decoding (`eager=True` for the first figure above the fold), and a <figcaption> with
  caption and credit.
- `Figures(refs).card(ref)`: the small <picture> of a list's card (decorative: the card's title
  says what it links to).
- `Figures(refs).social(ref)` / `social_url(ref)`: the ~1200 px fallback rendition (address,
  width, height), for og:image, twitter:image and JSON-LD.
- `Figures(refs).thumbnail(ref)`: a small thumbnail with its alt text, for the reviewer's diff.
- `render_with_figures(html, refs)`: sanitised rich text with each library <img> replaced by
  its figure (an image the references do not list is left out: it was not signed).

Signed versions store what these make (invamed/images/reviewed.py): change RENDERER with the
markup, so that every stored preparation is made again.
"""

import logging
from collections import defaultdict
from html.parser import HTMLParser
from urllib.parse import urljoin

from django.conf import settings
from django.core.files.storage import default_storage
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe

from . import processing, references

logger = logging.getLogger("invamed.images")

# The version of the figures' markup (see the module docstring).
RENDERER = 1
# The width a figure takes: the article's column (70ch of body text) on wide screens, the
# screen less its margins on narrow ones.
SIZES = "(min-width: 48rem) 44rem, calc(100vw - 2rem)"
# A card's picture: a column of the card grid on wider screens (static/css/site.css: cards are
# 19rem wide or more), the screen less its margins on phones.
CARD_SIZES = "(min-width: 40rem) 24rem, calc(100vw - 2rem)"
CARD_MAX_WIDTH = 800
THUMBNAIL_WIDTH = 160


class Figures:
    """The renditions of the files that `refs` show, read in one query."""

    def __init__(self, refs):
        from .models import Rendition

        hashes = {ref["sha256"] for ref in refs}
        self.renditions = defaultdict(lambda: defaultdict(list))
        rows = Rendition.objects.filter(file__sha256__in=hashes).values_list(
            "file__sha256", "format", "width", "height", "name"
        )
        for sha256, kind, width, height, name in rows.order_by("width") if hashes else ():
            self.renditions[sha256][kind].append((width, height, name))

    def _formats(self, ref):
        """{format: [(width, height, url)]} of the file `ref` shows, fallback format last."""
        formats = self.renditions.get(ref["sha256"])
        if not formats:
            logger.warning("No renditions of image file %s: figure left out.", ref["sha256"])
            return {}
        order = [*processing.MODERN_FORMATS, "JPEG", "PNG"]
        return {
            kind: [(w, h, default_storage.url(name)) for w, h, name in formats[kind]]
            for kind in sorted(formats, key=lambda kind: order.index(kind))
            if kind in order
        }

    def figure(self, ref, *, eager=False, sizes=SIZES):
        formats = self._formats(ref)
        if not formats:
            return ""
        return format_html(
            '<figure class="figure">{}{}</figure>',
            picture(formats, ref.get("alt", ""), eager=eager, sizes=sizes),
            caption(ref),
        )

    def card(self, ref, *, sizes=CARD_SIZES):
        """A card's picture: renditions up to CARD_MAX_WIDTH, lazy, with an empty alt text (the
        card's title is the link's text; the picture adds nothing a reader would miss)."""
        formats = {
            kind: [r for r in renditions if r[0] <= CARD_MAX_WIDTH] or renditions[:1]
            for kind, renditions in self._formats(ref).items()
        }
        if not formats:
            return ""
        return picture(formats, "", sizes=sizes, css_class="card__picture")

    def social(self, ref):
        """{"url", "width", "height"} of the fallback rendition nearest 1200 px wide, or None.

        The address is the storage's (relative on local disk): see `absolute()`."""
        formats = self._formats(ref)
        if not formats:
            return None
        width, height, url = nearest(list(formats.values())[-1], processing.SOCIAL_WIDTH)
        return {"url": url, "width": width, "height": height}

    def social_url(self, ref, request=None):
        """The absolute address of the fallback rendition nearest 1200 px wide, or None."""
        social = self.social(ref)
        return absolute(social["url"], request) if social else None

    def thumbnail(self, ref):
        formats = self._formats(ref)
        if not formats:
            return format_html(
                '<span class="image-thumb image-thumb--missing">Missing image: {}</span>',
                ref.get("alt", ""),
            )
        width, height, url = list(formats.values())[-1][0]
        shown = min(width, THUMBNAIL_WIDTH)
        return format_html(
            '<span class="image-thumb"><img src="{}" alt="" width="{}" height="{}" '
            'loading="lazy" decoding="async"> <span class="image-thumb__alt">Alt text: {}</span>'
            "</span>",
            url,
            shown,
            max(1, round(height * shown / width)),
            ref.get("alt", ""),
        )


def picture(formats, alt, *, eager=False, sizes=SIZES, css_class=""):
    """<picture>: a <source> per modern format, then the <img> of the fallback format with its
    intrinsic size (the largest rendition's), lazy unless `eager`."""
    *modern, fallback = formats
    largest_width, largest_height, _url = formats[fallback][-1]
    src = nearest(formats[fallback], 800)[2]
    sources = format_html_join(
        "",
        '<source type="{}" srcset="{}" sizes="{}">',
        ((processing.MIME_TYPES[kind], srcset(formats[kind]), sizes) for kind in modern),
    )
    loading = (
        mark_safe(' fetchpriority="high"')  # noqa: S308 - a constant.
        if eager
        else mark_safe(' loading="lazy"')  # noqa: S308 - a constant.
    )
    img = format_html(
        '<img src="{}" srcset="{}" sizes="{}" width="{}" height="{}" alt="{}"{} decoding="async">',
        src,
        srcset(formats[fallback]),
        sizes,
        largest_width,
        largest_height,
        alt,
        loading,
    )
    if css_class:
        return format_html('<picture class="{}">{}{}</picture>', css_class, sources, img)
    return format_html("<picture>{}{}</picture>", sources, img)


def nearest(renditions, width):
    """The rendition whose width is nearest `width`, the wider one on a tie."""
    return min(renditions, key=lambda r: (abs(r[0] - width), -r[0]))


def srcset(renditions):
    return ", ".join(f"{url} {width}w" for width, _height, url in renditions)


def caption(ref):
    text, credit = ref.get("caption", ""), ref.get("credit", "")
    if not (text or credit):
        return ""
    credit_html = format_html('<span class="figure__credit">{}</span>', credit) if credit else ""
    separator = " " if text and credit else ""
    return format_html("<figcaption>{}{}{}</figcaption>", text, separator, credit_html)


def absolute(url, request=None):
    if request is not None:
        return request.build_absolute_uri(url)
    return urljoin(settings.SITE_URL.rstrip("/") + "/", url)


def figure(ref, **options):
    return Figures([ref]).figure(ref, **options)


def social_image_url(ref, request=None):
    return Figures([ref]).social_url(ref, request)


def diff_thumbnail(ref):
    return Figures([ref]).thumbnail(ref)


def references_in(html, language=None):
    """A reference for every library image `html` shows, as the library is now, in order.

    The alt text and caption are the library's in `language`: the library is where they are
    written, translated and changed (a change there gives the items that show the image a new
    version to review). Where the library has no text in that language, the alt text the editor
    gave the image in this text stands in (the editor's image dialog requires one), then the
    library's in the default language. Images no longer in the library are left out. Two
    queries, whatever the number of images.
    """
    from .models import Image

    ids = references.image_ids_in(html)
    alts = {}
    for attributes in references.images_in(html):
        pk = references.image_id(attributes.get("src"))
        if pk is not None and (attributes.get("alt") or "").strip():
            alts.setdefault(pk, attributes["alt"].strip())
    images = Image.objects.select_related("file").prefetch_related("texts").in_bulk(ids)
    refs = []
    for pk in ids:
        if pk in images:
            ref = images[pk].reference(language)
            if not images[pk].has_text(language) and pk in alts:
                ref["alt"] = alts[pk]
            refs.append(ref)
    return refs


# Elements whose content may only be phrasing content: a <figure> cannot stand in them.
PHRASING_ONLY = {
    "p",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "a",
    "strong",
    "em",
    "b",
    "i",
    "sub",
    "sup",
}
VOID = {"br", "hr", "img"}


class _FigureWriter(HTMLParser):
    """Copies sanitised HTML token by token, writing a figure in place of each library <img>.

    A figure cannot stand inside a paragraph (or a heading, a link, bold text): the elements
    around the image are closed before it and opened again after it, and an element left empty
    by the split is dropped.
    """

    def __init__(self, render):
        super().__init__(convert_charrefs=False)
        self.render = render  # image id -> figure HTML ("" to leave the image out)
        self.out = []
        self.open = []  # [(tag, raw start tag, index in out of that start tag)]
        self.reopen = []  # elements closed before a figure, to open again before more content

    def _content(self):
        """Text or an element is about to be written: first open again what a figure closed."""
        for tag, raw, _index in self.reopen:
            self.open.append((tag, raw, len(self.out)))
            self.out.append(raw)
        self.reopen = []

    def handle_starttag(self, tag, attrs):
        raw = self.get_starttag_text()
        if tag == "img":
            pk = references.image_id(dict(attrs).get("src"))
            if pk is not None:
                self._figure(self.render(pk))
                return
        self._content()
        if tag not in VOID:
            self.open.append((tag, raw, len(self.out)))
        self.out.append(raw)

    handle_startendtag = handle_starttag

    def _figure(self, html):
        if not html:
            return
        split = next((i for i, (tag, _r, _x) in enumerate(self.open) if tag in PHRASING_ONLY), None)
        if split is not None:
            closed = self.open[split:]
            del self.open[split:]
            for tag, _raw, index in reversed(closed):
                if "".join(self.out[index + 1 :]).strip():
                    self.out.append(f"</{tag}>")
                else:
                    del self.out[index:]  # nothing in it yet: as if it was never opened
            self.reopen = closed
        self.out.append(str(html))

    def handle_endtag(self, tag):
        if self.reopen and self.reopen[-1][0] == tag:
            self.reopen.pop()  # closed right after the figure: it stays closed
            return
        self._content()
        if self.open and self.open[-1][0] == tag:
            self.open.pop()
        self.out.append(f"</{tag}>")

    def handle_data(self, data):
        if self.reopen and not data.strip():
            return  # white space between a figure and the end of its paragraph
        self._content()
        self.out.append(data)

    def handle_entityref(self, name):
        self._content()
        self.out.append(f"&{name};")

    def handle_charref(self, name):
        self._content()
        self.out.append(f"&#{name};")


def render_with_figures(html, refs, *, eager_first=False, sizes=SIZES, figures=None):
    """Sanitised rich text `html` with each library image as the figure of its reference.

    `figures`: a Figures already read for (at least) `refs`, to share its one query."""
    if "<img" not in (html or ""):
        return mark_safe(html or "")  # noqa: S308 - sanitised input, as it came.
    if figures is None:
        figures = Figures(refs)
    by_id = {ref["image_id"]: ref for ref in refs}
    state = {"first": eager_first}

    def render(pk):
        ref = by_id.get(pk)
        if ref is None:
            return ""
        html = figures.figure(ref, eager=state["first"], sizes=sizes)
        state["first"] = False
        return html

    writer = _FigureWriter(render)
    writer.feed(html or "")
    writer.close()
    return mark_safe("".join(writer.out))  # noqa: S308 - sanitised input, escaped figures.
