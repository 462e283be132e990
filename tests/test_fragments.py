"""The pieces a process keeps once rendered (invamed.fragments): cards, FAQ answers, topics,
the header and the footer. A publication elsewhere keeps them, and what can change without a
new version (a category's name, the date a card shows, a topic's count, the site pages the
footer links) or a new live version shows at once."""

import datetime

import pytest
from django.test.signals import template_rendered
from django.urls import reverse

from blog.models import Category
from invamed.content.models import SitePage, Tag
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def rendered():
    """The names of the templates rendered since the fixture started, in order."""
    names = []

    def record(sender, template, context, **kwargs):
        names.append(template.name)

    template_rendered.connect(record)
    yield names
    template_rendered.disconnect(record)


def test_a_publication_renders_only_the_new_card(client, editor, reviewer, notices, rendered):
    for title in ("Vertebral augmentation", "Bone cement leakage"):
        factories.publish(factories.make_article(editor, title=title), reviewer)
    client.get(reverse("blog:index"))
    assert rendered.count("includes/article_card.html") == 2

    factories.publish(factories.make_article(editor, title="Radiation dose"), reviewer)
    rendered.clear()
    page = client.get(reverse("blog:index")).content.decode()
    assert rendered.count("includes/article_card.html") == 1
    for title in ("Vertebral augmentation", "Bone cement leakage", "Radiation dose"):
        assert title in page


def test_a_kept_card_shows_its_category_and_date_as_they_are_now(client, editor, reviewer, notices):
    article = factories.publish(factories.make_article(editor), reviewer)
    category = article.live_version.category
    assert category.name in client.get(reverse("blog:index")).content.decode()

    Category.objects.filter(pk=category.pk).update(name="Interventional Spine", slug="spine")
    moved = datetime.datetime(2026, 3, 9, 10, tzinfo=datetime.UTC)
    type(article).objects.filter(pk=article.pk).update(first_published_at=moved)
    page = client.get(reverse("blog:index")).content.decode()
    assert f'<a href="{reverse("blog:category", args=["spine"])}">Interventional Spine</a>' in page
    assert '<time datetime="2026-03-09">' in page and category.name not in page


def test_a_new_live_answer_replaces_the_kept_one(client, editor, reviewer, notices):
    entry = factories.publish(factories.make_entry(editor, answer="<p>Within a day.</p>"), reviewer)
    assert "Within a day." in client.get(reverse("faq:index")).content.decode()

    factories.edit(entry, editor, answer="<p>Within two hours.</p>")
    factories.publish(entry, reviewer)
    page = client.get(reverse("faq:index")).content.decode()
    assert "Within two hours." in page and "Within a day." not in page


def test_the_kept_footer_links_a_site_page_published_since(client, db):
    privacy = f'<a href="{reverse("privacy")}">Privacy notice</a>'
    assert privacy not in client.get(reverse("home")).content.decode()
    factories.make_site_page(SitePage.Kind.PRIVACY)
    assert privacy in client.get(reverse("home")).content.decode()


def test_the_kept_header_shows_the_words_searched_and_the_current_section(client, db):
    for words in ("kyphoplasty", "vertebroplasty"):
        page = client.get(reverse("search"), {"q": words}).content.decode()
        assert f'name="q" value="{words}"' in page
    blog = client.get(reverse("blog:index")).content.decode()
    faq = client.get(reverse("faq:index")).content.decode()
    assert 'href="/en/invablog/" aria-current="page"' in blog
    assert 'href="/en/faq/" aria-current="page"' in faq
    assert 'aria-current="page">INVAblog' not in faq


def test_the_kept_topic_list_shows_each_topic_as_it_is_now(client, editor, reviewer, rendered):
    factories.publish(factories.make_article(editor, tags=["kyphoplasty"]), reviewer)
    client.get(reverse("tag-index"))
    rendered.clear()
    client.get(reverse("tag-index"))
    assert "includes/topic_pill.html" not in rendered  # kept

    factories.publish(
        factories.make_article(editor, title="Cement", tags=["kyphoplasty"]), reviewer
    )
    Tag.objects.filter(name="kyphoplasty").update(name="balloon kyphoplasty")
    page = client.get(reverse("tag-index")).content.decode()
    assert "balloon kyphoplasty" in page
    assert '<span class="count">2<span class="visually-hidden"> items</span></span>' in page
