"""
Template tags of the public pages: the head metadata (canonical link, description, Open Graph,
Twitter card, feed links), JSON-LD output, and the article body with its table of contents and
reading time. They work from what a template already has, so an admin preview rendered with
the public template gets the same body, table of contents and reading time.
"""

import html
import math
import re
from dataclasses import dataclass, field

from django import template
from django.utils.html import strip_tags
from django.utils.safestring import mark_safe
from django.utils.text import slugify

from invamed.richtext import sanitize_html
from invamed.site import jsonld

register = template.Library()

SITE_DESCRIPTION = (
    "Educational articles and answers on medical devices and procedures for healthcare "
    "professionals, reviewed by INVAMED Medical Affairs."
)
WORDS_PER_MINUTE = 200
TOC_MIN_SECTIONS = 3
# Ids the page templates use; a body heading never takes one of them.
RESERVED_IDS = {
    "main",
    "site-search",
    "toc-heading",
    "references-heading",
    "faq-heading",
    "tags-heading",
    "related-heading",
}

_H2 = re.compile(r"<h2>(.*?)</h2>", re.DOTALL)
_IMG = re.compile(r"<img\b")


@register.filter
def ld_json(data):
    """`{{ data|ld_json }}`: a JSON-LD script element, escaped so content cannot close it."""
    return jsonld.to_script(data)


@register.simple_tag(takes_context=True)
def canonical_url(context):
    """The page's address without its query string, except a page number above one."""
    request = context["request"]
    url = request.build_absolute_uri(request.path)
    page = context.get("page_obj")
    if page is not None and page.number > 1:
        url += f"?page={page.number}"
    return url


@register.inclusion_tag("includes/page_meta.html", takes_context=True)
def page_meta(context, title="", description="", kind="website"):
    """Description, canonical link, Open Graph and Twitter card tags, feed links.

    `title` is the page's own title (the h1), without the site name; `kind` is the Open Graph
    type ("website" or "article").
    """
    description = " ".join(strip_tags(description or SITE_DESCRIPTION).split())
    return {
        "title": title or "INVAMED knowledge site",
        "description": description[:300],
        "kind": kind,
        "canonical": canonical_url(context),
    }


@dataclass
class Body:
    """Sanitised rich text with ids on its h2 sections, ready for the page."""

    html: str
    toc: list = field(default_factory=list)
    word_count: int = 0

    @property
    def reading_minutes(self):
        return max(1, math.ceil(self.word_count / WORDS_PER_MINUTE))


def _unique_id(text, taken):
    base = slugify(text)[:60].strip("-") or "section"
    candidate, n = base, 2
    while candidate in taken:
        candidate, n = f"{base}-{n}", n + 1
    taken.add(candidate)
    return candidate


def build_body(value):
    """Sanitise `value`, give each h2 an id, list them, count the words.

    The ids come from `slugify` (letters, digits, hyphens), so adding them to the sanitised
    markup cannot introduce anything the sanitiser would have removed. The table of contents
    is offered only when there are at least three sections.
    """
    clean = sanitize_html(value)
    taken = set(RESERVED_IDS)
    sections = []

    def add_id(match):
        text = " ".join(html.unescape(strip_tags(match.group(1))).split())
        anchor = _unique_id(text, taken)
        sections.append({"id": anchor, "text": text})
        return f'<h2 id="{anchor}">{match.group(1)}</h2>'

    with_ids = _H2.sub(add_id, clean)
    # Images in the body are below the fold: load them lazily, decode off the main thread.
    with_ids = _IMG.sub('<img loading="lazy" decoding="async"', with_ids)
    words = len(html.unescape(strip_tags(clean)).split())
    toc = sections if len(sections) >= TOC_MIN_SECTIONS else []
    return Body(html=mark_safe(with_ids), toc=toc, word_count=words)  # noqa: S308 - sanitised.


@register.simple_tag
def article_body(value):
    """`{% article_body version.body as body %}`: body.html, body.toc, body.reading_minutes."""
    return build_body(value)


@register.simple_tag(takes_context=True)
def page_link(context, number):
    """`?…` for page `number` of the current list, keeping the other query parameters (q=…)."""
    query = context["request"].GET.copy()
    if number == 1:
        query.pop("page", None)
    else:
        query["page"] = number
    encoded = query.urlencode()
    return f"?{encoded}" if encoded else context["request"].path
