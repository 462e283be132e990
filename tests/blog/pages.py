"""Helpers for the public-page tests (tests/blog, tests/faq, tests/test_pages*.py)."""

import json
import re
from html.parser import HTMLParser

from tests import factories

UNPUBLISHED_STATES = ("draft", "in review", "approved", "scheduled", "withdrawn")


def unpublished(make, reviewer, **fields):
    """One item in each state a visitor must never see, built by `make` (make_article/entry)."""
    items = {}
    for state in UNPUBLISHED_STATES:
        slug = f"hidden-{state.replace(' ', '-')}-{make.__name__}"
        item = factories.put_in_state(make(slug=slug, **fields), state, reviewer)
        assert not item.is_published(), state
        items[state] = item
    return items


def jsonld(html):
    """Every JSON-LD block of the page, parsed."""
    blocks = re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.DOTALL)
    return [json.loads(block) for block in blocks]


def jsonld_of(html, schema_type):
    found = [block for block in jsonld(html) if block["@type"] == schema_type]
    assert len(found) == 1, f"{len(found)} {schema_type} blocks"
    return found[0]


class Outline(HTMLParser):
    """Start tags in document order with their attributes, and the text of each element."""

    def __init__(self, html):
        super().__init__()
        self.tags = []
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))

    def count(self, tag):
        return sum(1 for name, _ in self.tags if name == tag)


def h1_count(html):
    return Outline(html).count("h1")


def breadcrumbs(html):
    """The visible trail as [(name, href or None)]."""
    nav = re.search(
        r'<nav class="breadcrumbs" aria-label="Breadcrumb">(.*?)</nav>', html, re.DOTALL
    )
    assert nav, "no breadcrumbs"
    crumbs = []
    for item in re.findall(r"<li>(.*?)</li>", nav.group(1), re.DOTALL):
        link = re.search(r'<a href="([^"]+)">(.*?)</a>', item)
        if link:
            crumbs.append((link.group(2), link.group(1)))
        else:
            crumbs.append((re.sub(r"<[^>]+>", "", item).strip(), None))
    return crumbs
