"""
What the renderer keeps so that a page costs less (each version's preparation: its sanitised
HTML with heading ids, table of contents and figures; whatever a process keeps once built)
never changes a page: every public page type of the demo site, in both languages, is the same
HTML byte for byte whether it is rendered from what was kept or from nothing kept, everything
made again from the signed snapshots.

The comparison is within one run, so it needs no stored copy of the pages and holds whatever
the templates say today.
"""

import io

import pytest
from django.core.management import call_command
from django.db import transaction
from django.test.utils import override_settings
from django.urls import reverse
from django.utils import translation

from blog.models import Article
from faq.models import Entry
from invamed import fragments, richtext
from invamed.content.models import SitePage
from invamed.review.models import (
    ReviewerProfile,
    forget_addresses,
    renderer,
    reviewable_models,
)

pytestmark = pytest.mark.django_db

LANGUAGES = ("en", "tr")


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    """The demo site, seeded once for the module and rolled back after it."""
    with django_db_blocker.unblock(), transaction.atomic():
        with override_settings(DEBUG=True):
            call_command("seed_demo", stdout=io.StringIO())
        yield
        transaction.set_rollback(True)


def addresses(language):
    """A page of every public type in `language`: the item of each kind that shows the most."""
    articles = Article.objects.published().in_language(language)
    article = max(articles, key=lambda a: (len(a.live_version.content.get("faq_entries", [])),
                                           len(a.live_version.references), -a.pk))  # fmt: skip
    entry = Entry.objects.published().in_language(language).first()
    profile = ReviewerProfile.objects.public().first()
    with translation.override(language):
        return {
            "home": reverse("home"),
            "blog index": reverse("blog:index"),
            "category": article.live_version.category.get_absolute_url(),
            "article": article.get_absolute_url(),
            "tag": article.live_version.tags.order_by("pk").first().get_absolute_url(),
            "tag index": reverse("tag-index"),
            "FAQ index": reverse("faq:index"),
            "FAQ category": entry.live_version.category.get_absolute_url(),
            "FAQ entry": entry.get_absolute_url(),
            "reviewer profile": profile.url_in(language),
            "reviewer's articles": reverse("reviewer-articles", args=[profile.slug]),
            "search": reverse("search") + "?q=kyphoplasty",
            "policy": SitePage.objects.published()
            .in_language(language)
            .get(kind=SitePage.Kind.EDITORIAL_POLICY)
            .get_absolute_url(),
        }


def render_all(client):
    rendered = {}
    for language in LANGUAGES:
        for name, path in addresses(language).items():
            response = client.get(path)
            assert response.status_code == 200, (language, name, path, response.status_code)
            rendered[language, name] = response.content
    return rendered


def forget_everything_kept():
    """The straightforward path: no version's preparation kept, nothing kept by the process."""
    for model in reviewable_models():
        model.version_model().objects.update(prepared={})
    forget_addresses()  # the addresses reverse_in keeps per process
    fragments.forget()  # the cards and answers kept per process


def test_every_page_is_the_same_from_what_is_kept_and_from_nothing(client, demo):
    kept = render_all(client)
    again = render_all(client)  # from what the first renders kept, in the process too
    forget_everything_kept()
    fresh = render_all(client)
    assert len(kept) == 2 * 13
    for key, html in kept.items():
        assert again[key] == html, key
        assert fresh[key] == html, key


def test_a_preparation_forgotten_is_made_again_and_kept(client, demo):
    article = Article.objects.published().in_language("en").first()
    version = article.live_version
    expected = version.prepared
    type(version).objects.filter(pk=version.pk).update(prepared={})
    assert client.get(article.get_absolute_url()).status_code == 200
    version.refresh_from_db()
    assert version.prepared == expected


def test_a_new_renderer_version_makes_every_preparation_again(client, demo, monkeypatch):
    """A change to what the renderer makes comes with a new RENDERER number: each version's
    stored preparation is then made again from its signed snapshot on its next page, stored
    with the new number, and still what verification expects."""
    live_article = Article.objects.published().in_language("en").first()
    version = live_article.live_version
    old = version.prepared["renderer"]
    monkeypatch.setattr(richtext, "RENDERER", richtext.RENDERER + 1)
    assert renderer() != old

    assert client.get(live_article.get_absolute_url()).status_code == 200

    version.refresh_from_db()
    assert version.prepared["renderer"] == renderer()
    assert version.prepared == type(version).prepare(version.content) and version.verify()
