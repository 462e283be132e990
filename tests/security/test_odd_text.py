"""
Odd but real text in every field a person can save, then every page, feed and sitemap: no
server error, no control character reaching a page, a feed or a header, and feeds that a feed
reader parses without complaint.

The corpus is what editors and translators actually paste: symbols that slugify to nothing, an
emoji, right-to-left marks, a vertical tab (a word processor's line break), other control
characters, a word longer than any line, Turkish dotted and dotless i in both cases.
"""

import re

import feedparser
import pytest
from django.urls import reverse

from blog.models import Article, Reference
from faq.models import Entry
from invamed.content.models import Author, SitePage, Tag
from invamed.review import services
from invamed.review.models import ReviewerProfileText, reverse_in
from tests import factories

pytestmark = pytest.mark.django_db

CORPUS = [
    "!!!", "&", "±", "→", "✓", "®", "🩺 😀", "\u200fمرحبا\u200f", "a\u000bb", "tab\there",
    "nul\x00here", "bell\x07", "line\u2028separator", "W" * 300, "İstanbul ılık IŞIK ğüşöç",
    "e\u0301\u0301", "zero\u200bwidth", "<b>not markup</b>", "{% now 'Y' %}", "{{ x }}",
]  # fmt: skip
CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def odd(n, limit=None):
    text = " ".join(CORPUS[n % len(CORPUS) :] + CORPUS[: n % len(CORPUS)])
    return text[:limit] if limit else text


@pytest.fixture
def odd_site(editor, reviewer, notices):
    """One of everything, each plain-text field holding the corpus, all of it live."""
    category = factories.make_category(odd(1, 200), slug="odd", description=odd(2))
    author = factories.make_author(odd(3, 200))
    author.job_title = odd(4, 200)
    author.save()
    text = reviewer.reviewer_profile.texts.get()
    text.role, text.affiliation = odd(5, 200), odd(6, 300)
    text.bio, text.declaration = odd(7), odd(8)
    text.save()
    body = "".join(f"<h2>{odd(n, 60)}</h2><p>{odd(n)}</p>" for n in range(4))
    article = factories.make_article(
        editor, title=odd(9, 200), slug="odd-article", summary=odd(10), body=body,
        category=category, author=author, notice=notices["regulatory"],
        tags=[t[:100] for t in CORPUS[:12]],
        references=[(odd(11), "https://doi.org/10.1000/odd")],
    )  # fmt: skip
    entry = factories.make_entry(
        editor, question=odd(12, 300), slug="odd-question", answer=f"<p>{odd(13)}</p>",
        tags=[t[:100] for t in CORPUS[4:10]],
    )  # fmt: skip
    factories.place(entry, article, editor)
    factories.publish(entry, reviewer)
    article = factories.publish(Article.objects.get(pk=article.pk), reviewer)
    factories.make_site_page(title=odd(14, 200), summary=odd(15), body=f"<p>{odd(16)}</p>")
    return {"article": article, "entry": Entry.objects.get(pk=entry.pk), "category": category}


def test_control_characters_never_reach_the_database(odd_site):
    """Stripped on save from every plain-text field (a vertical tab becomes a space)."""
    for model, fields in [
        (Article, ["title", "summary"]), (Entry, ["question"]), (Author, ["name", "job_title"]),
        (Tag, ["name"]), (Reference, ["citation"]), (SitePage, ["title", "summary"]),
        (ReviewerProfileText, ["role", "affiliation", "bio", "declaration"]),
    ]:  # fmt: skip
        for values in model.objects.values_list(*fields):
            for value in values:
                assert not CONTROL.search(value or ""), (model, value)


def test_a_tag_of_symbols_gets_a_stable_slug_of_its_own(odd_site):
    slugs = dict(Tag.objects.values_list("name", "slug"))
    for name in ("!!!", "&", "±", "→", "✓", "®"):
        assert re.fullmatch(r"tag-[0-9a-f]{8}", slugs[name]), (name, slugs[name])
    assert len(set(slugs.values())) == len(slugs)


def urls(site, language):
    tags = Tag.objects.filter(language=language)
    found = [
        reverse_in(language, name)
        for name in ("home", "blog:index", "faq:index", "tag-index", "blog:feed-rss",
                     "blog:feed-atom", "editorial-policy")
    ]  # fmt: skip
    if language == "en":
        found += [
            site["article"].get_absolute_url(),
            site["entry"].get_absolute_url(),
            site["category"].get_absolute_url(),
            reverse_in("en", "blog:category-feed-rss", slug="odd"),
            reverse_in("en", "blog:category-feed-atom", slug="odd"),
            site["article"].live_signoff.reviewer_profile.get_absolute_url(),
        ]
        for tag in tags:
            found += [
                tag.get_absolute_url(),
                reverse_in("en", "tag-questions", slug=tag.slug),
                reverse_in("en", "tag-feed-rss", slug=tag.slug),
                reverse_in("en", "tag-feed-atom", slug=tag.slug),
            ]
    found += [reverse_in(language, "search") + "?q=" + q for q in ("İSTANBUL", "ılık", "→", "🩺")]
    return found + [reverse("sitemap"), "/robots.txt"]


@pytest.mark.parametrize("language", ["en", "tr"])
def test_every_page_feed_and_sitemap_answers_without_a_server_error(client, odd_site, language):
    for url in urls(odd_site, language):
        response = client.get(url)
        assert response.status_code < 500, (url, response.status_code)
        if response.status_code == 200:
            assert not CONTROL.search(response.content.decode()), url


def test_every_feed_parses_and_declares_plain_text_summaries_as_text(client, odd_site):
    """The summaries are plain text, shown escaped on the pages: an Atom feed that called them
    HTML made them markup in the feed readers that do not sanitise."""
    feeds = [url for url in urls(odd_site, "en") if "/feed/" in url]
    assert len(feeds) > 4
    for url in feeds:
        response = client.get(url)
        if response.status_code == 404:  # a tag only the entry carries has no article feed
            continue
        parsed = feedparser.parse(response.content)
        assert not parsed.bozo, (url, parsed.get("bozo_exception"))
        assert parsed.feed.title and parsed.entries, url
        if "/atom/" in url:
            assert '<summary type="text">' in response.content.decode()
            assert '<summary type="html">' not in response.content.decode()
        entry = parsed.entries[0]
        assert entry.title and entry.link and entry.get("summary") is not None


def test_the_admin_shows_and_previews_odd_content(client, odd_site, superuser):
    client.force_login(superuser)
    article = odd_site["article"]
    for url in [
        reverse("admin:blog_article_changelist") + "?q=" + "İstanbul",
        reverse("admin:blog_article_change", args=[article.pk]),
        reverse("admin:blog_article_preview", args=[article.pk, article.live_version.number]),
        reverse("admin:blog_article_diff", args=[article.pk, article.live_version.number]),
        reverse("admin:content_tag_changelist"),
        reverse("admin:review_reviewevent_changelist"),
        reverse("admin:index"),
    ]:
        assert client.get(url).status_code == 200, url


def test_a_notification_about_an_odd_title_is_queued_with_a_one_line_subject(odd_site, editor):
    from invamed.outbox.models import Mail

    article = Article.objects.get(pk=odd_site["article"].pk)
    factories.edit(article, editor, title="Line one\u2028line\u000btwo\r\nthree")
    services.perform(Article.objects.get(pk=article.pk), "submit", editor)
    for subject in Mail.objects.values_list("subject", flat=True):
        assert "\n" not in subject and "\r" not in subject and not CONTROL.search(subject)
