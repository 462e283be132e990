"""
How rich text refers to a library image: `<img src="/images/42/" alt="…">`.

The `src` is the image's stable address (`Image.get_reference_url()`), the same whatever file
the image shows and whatever storage holds it, so changing storage or CDN never breaks stored
text. In the admin it redirects to the current picture, which is how CKEditor shows it; public
pages never show it as it is: they render a <figure> from what the signed version recorded
(rendering.py). The sanitiser (invamed/richtext.py) keeps an <img> only with such a `src`.

No database access here: the sanitiser calls these functions on every save and display.
"""

import re
from html import unescape
from html.parser import HTMLParser

from django.urls import get_script_prefix

# An image's id in its address, in its one spelling (urls.py routes it with this): no leading
# zero, and small enough for any database's integer column.
ID = r"[1-9][0-9]{0,17}"
# The path of images:image after the script prefix.
_REFERENCE = re.compile(rf"images/(?P<pk>{ID})/")


def image_id(src):
    """The library image's id that `src` refers to, or None for any other address."""
    if not src:
        return None
    prefix = get_script_prefix()
    if not src.startswith(prefix):
        return None
    match = _REFERENCE.fullmatch(src[len(prefix) :])
    return int(match["pk"]) if match else None


class _Images(HTMLParser):
    """Collects the attributes of every <img> in a piece of HTML."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.images = []

    def handle_starttag(self, tag, attrs):
        if tag == "img":
            self.images.append(dict(attrs))

    handle_startendtag = handle_starttag


def images_in(html):
    """The attributes of every <img> in `html`, in order."""
    parser = _Images()
    parser.feed(html or "")
    parser.close()
    return parser.images


def image_ids_in(html):
    """The ids of the library images `html` shows, in order of appearance, each once."""
    ids = []
    for attributes in images_in(html):
        pk = image_id(attributes.get("src"))
        if pk is not None and pk not in ids:
            ids.append(pk)
    return ids


# In the sanitiser's output (nh3) every attribute value is double-quoted with "<", ">" and '"'
# escaped, so a tag is exactly "<img" up to the next ">", and a value up to the next '"'.
_IMG_TAG = re.compile(r"<img\b[^>]*>")
_SRC = re.compile(r'\ssrc="([^"]*)"')


def _library_image_or_nothing(match):
    src = _SRC.search(match[0])
    return match[0] if src and image_id(unescape(src[1])) is not None else ""


def drop_other_images(sanitised):
    """The sanitiser's output without any <img> that is not a library image."""
    if "<img" not in sanitised:
        return sanitised
    return _IMG_TAG.sub(_library_image_or_nothing, sanitised)
