"""
Odd but real content handled as a careful publisher would: no server error, no hint of what is
not published, valid markup.
"""

import re

import pytest
from django.urls import reverse

from invamed import richtext
from invamed.content.models import Tag
from tests import factories
from tests.blog.pages import unpublished

pytestmark = pytest.mark.django_db


class CountingSet(set):
    """A set that counts how often it is asked whether it holds something."""

    asked = 0

    def __contains__(self, value):
        CountingSet.asked += 1
        return super().__contains__(value)


def test_thousands_of_identical_headings_get_their_ids_in_linear_time(monkeypatch):
    """Each heading tried every id before its own: 3,000 identical headings took seconds."""
    body = "<h2>Dosage</h2>" * 3000
    CountingSet.asked = 0
    monkeypatch.setattr(richtext, "_Ids", _counted(richtext._Ids))
    prepared = richtext.prepare(body)
    ids = re.findall(r'<h2 id="([^"]+)">', prepared.html)
    assert ids[:3] == ["dosage", "dosage-2", "dosage-3"] and ids[-1] == "dosage-3000"
    assert len(set(ids)) == 3000
    assert CountingSet.asked <= 2 * 3000  # at most two candidates per heading


def _counted(ids_class):
    class Counted(ids_class):
        def __init__(self, taken):
            super().__init__(taken)
            self.taken = CountingSet(self.taken)

    return Counted


def test_a_javascript_link_leaves_its_text_and_no_empty_link():
    """The sanitiser used to keep <a rel="noopener noreferrer"> with no address, which the Nu
    HTML checker reports as an error on the public page."""
    clean = richtext.sanitize_html(
        '<p><a href="javascript:alert(1)" title="x">Read</a> <a href="vbscript:x">more</a> '
        '<a href="https://doi.org/10.1/a">here</a></p>'
    )
    assert clean == (
        '<p>Read more <a href="https://doi.org/10.1/a" rel="noopener noreferrer">here</a></p>'
    )


def test_a_relative_image_that_is_no_library_image_is_removed():
    assert "<img" not in richtext.sanitize_html('<p><img src="x" alt="A figure"></p>')
    assert "<img" not in richtext.sanitize_html('<p><img src="/media/other.png" alt="A"></p>')


def test_faq_entry_pages_carry_the_regulatory_notice_and_the_disclaimer(
    client, editor, reviewer, notices
):
    entry = factories.publish(factories.make_entry(editor, notice=notices["regulatory"]), reviewer)
    page = client.get(entry.get_absolute_url()).content.decode()
    assert 'class="notice notice--regulatory"' in page
    assert 'class="notice notice--disclaimer"' in page


def test_names_used_only_by_unpublished_content_have_no_page_and_no_feed(client, editor, reviewer):
    """A tag or category used only by drafts had a 404 page but feeds showing its name (and a
    category page with its description)."""
    category = factories.make_category("Unpublished topic", slug="unpublished-topic")
    unpublished(factories.make_article, reviewer, category=category, tags=["draft only"])
    tag = Tag.objects.get(name="draft only")
    for url in [
        category.get_absolute_url(),
        reverse("blog:category-feed-rss", args=[category.slug]),
        reverse("blog:category-feed-atom", args=[category.slug]),
        tag.get_absolute_url(),
        reverse("tag-feed-rss", args=[tag.slug]),
        reverse("tag-feed-atom", args=[tag.slug]),
        reverse("tag-questions", args=[tag.slug]),
    ]:
        response = client.get(url)
        assert response.status_code == 404, url
        assert "Unpublished topic" not in response.content.decode()
        assert "draft only" not in response.content.decode()
