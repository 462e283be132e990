"""
RSS and Atom feeds (blog/feeds.py): the latest live articles of INVAblog, of a category and of
a tag, parsed as XML the way a feed reader would.
"""

import datetime
import xml.etree.ElementTree as ET

import pytest
from django.urls import reverse
from django.utils import timezone

from invamed.content.models import Tag
from invamed.review.models import reverse_in
from invamed.site.feeds import FEED_LENGTH
from tests import factories
from tests.test_search import live_article, unpublished_grid

pytestmark = pytest.mark.django_db

ATOM = "{http://www.w3.org/2005/Atom}"
DC = "{http://purl.org/dc/elements/1.1/}"


def rss_items(client, url):
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/rss+xml")
    return ET.fromstring(response.content).findall("./channel/item")


def atom_entries(client, url):
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/atom+xml")
    return ET.fromstring(response.content).findall(f"{ATOM}entry")


def rss_titles(client, url):
    return [item.findtext("title") for item in rss_items(client, url)]


def atom_titles(client, url):
    return [entry.findtext(f"{ATOM}title") for entry in atom_entries(client, url)]


def feed_urls(category, tag):
    return {
        "all": (reverse("blog:feed-rss"), reverse("blog:feed-atom")),
        "category": (
            reverse("blog:category-feed-rss", kwargs={"slug": category.slug}),
            reverse("blog:category-feed-atom", kwargs={"slug": category.slug}),
        ),
        "tag": (
            reverse("tag-feed-rss", kwargs={"slug": tag.slug}),
            reverse("tag-feed-atom", kwargs={"slug": tag.slug}),
        ),
    }


def test_feed_urls_are_where_the_page_head_expects_them():
    """Each language has its feeds, under its own prefix."""
    assert reverse("blog:feed-rss") == "/en/invablog/feed/rss/"
    assert reverse("blog:feed-atom") == "/en/invablog/feed/atom/"
    assert reverse("blog:category-feed-rss", kwargs={"slug": "spine"}) == (
        "/en/invablog/category/spine/feed/rss/"
    )
    assert reverse_in("tr", "tag-feed-atom", slug="omurga") == "/tr/tags/omurga/feed/atom/"


def test_rss_item_carries_the_live_version(client, reviewer):
    author = factories.make_author("INVAMED Medical Affairs")
    article = live_article(
        reviewer, title="Vertebral augmentation", summary="What it is & who it helps.",
        author=author, tags=["spine care", "kyphoplasty"],
    )  # fmt: skip
    [item] = rss_items(client, reverse("blog:feed-rss"))
    assert item.findtext("title") == "Vertebral augmentation"
    assert item.findtext("description") == "What it is & who it helps."
    assert item.findtext("link") == "http://testserver" + article.get_absolute_url()
    assert item.findtext(f"{DC}creator") == "INVAMED Medical Affairs"
    assert sorted(c.text for c in item.findall("category")) == ["kyphoplasty", "spine care"]
    assert item.findtext("pubDate")


def test_atom_entry_dates_are_first_publication_and_live_version(client, reviewer, editor):
    """published = first publication; updated = when the current live version went live."""
    first = timezone.now() - datetime.timedelta(days=30)
    later = timezone.now() - datetime.timedelta(days=2)
    article = factories.publish(factories.make_article(editor, title="Osteoporosis"), reviewer,
                                when=first)  # fmt: skip
    factories.edit(article, editor, title="Osteoporosis, revised")
    article = factories.publish(article, reviewer, when=later)
    [entry] = atom_entries(client, reverse("blog:feed-atom"))
    assert entry.findtext(f"{ATOM}title") == "Osteoporosis, revised"
    published = datetime.datetime.fromisoformat(entry.findtext(f"{ATOM}published"))
    updated = datetime.datetime.fromisoformat(entry.findtext(f"{ATOM}updated"))
    assert published == first
    assert updated == later
    assert entry.findtext(f"{ATOM}summary") == article.live_version.summary
    assert entry.findtext(f"{ATOM}author/{ATOM}name") == article.live_version.author.name


def test_feeds_list_the_latest_twenty_newest_first(client, reviewer):
    start = timezone.now() - datetime.timedelta(days=60)
    for n in range(FEED_LENGTH + 2):
        factories.publish(factories.make_article(title=f"Note {n:02d}"), reviewer,
                          when=start + datetime.timedelta(days=n))  # fmt: skip
    titles = rss_titles(client, reverse("blog:feed-rss"))
    assert titles == [f"Note {n:02d}" for n in range(FEED_LENGTH + 1, 1, -1)]
    assert atom_titles(client, reverse("blog:feed-atom")) == titles


def test_category_and_tag_feeds_hold_only_their_articles(client, reviewer):
    spine = factories.make_category("Spine")
    other = factories.make_category("Vascular")
    live_article(reviewer, title="Kyphoplasty", category=spine, tags=["omurga kırığı"])
    live_article(reviewer, title="Stents", category=other, tags=["stent"])
    tag = Tag.objects.get(name="omurga kırığı")
    urls = feed_urls(spine, tag)
    for rss, atom in (urls["category"], urls["tag"]):
        assert rss_titles(client, rss) == ["Kyphoplasty"]
        assert atom_titles(client, atom) == ["Kyphoplasty"]


def test_unknown_category_or_tag_feed_is_404(client):
    assert client.get(reverse("blog:category-feed-rss", kwargs={"slug": "nope"})).status_code == 404
    assert client.get(reverse("tag-feed-atom", kwargs={"slug": "nope"})).status_code == 404


def test_unpublished_articles_never_appear_in_any_feed(client, reviewer, editor):
    category = factories.make_category("Spine")
    live_article(reviewer, title="Vertebra live article", category=category, tags=["vertebra"])
    unpublished_grid(reviewer, editor, category=category, tags=["vertebra"])
    tag = Tag.objects.get(name="vertebra")
    for rss, atom in feed_urls(category, tag).values():
        assert rss_titles(client, rss) == ["Vertebra live article"], rss
        assert atom_titles(client, atom) == ["Vertebra live article"], atom
        assert b"hidden" not in client.get(rss).content


@pytest.mark.parametrize("size", [2, 6])
def test_feed_query_count_is_constant(client, reviewer, django_assert_num_queries, size):
    """Articles with their version, category and author in one query; tags in one more;
    the category or tag itself in one more, and whether a live article carries it."""
    category = factories.make_category("Spine")
    for n in range(size):
        live_article(reviewer, title=f"Note {n}", category=category, tags=["spine", f"t{n}"])
    tag = Tag.objects.get(name="spine")
    urls = feed_urls(category, tag)
    for kind, expected in [("all", 2), ("category", 4), ("tag", 4)]:
        for url in urls[kind]:
            with django_assert_num_queries(expected):
                assert client.get(url).status_code == 200
