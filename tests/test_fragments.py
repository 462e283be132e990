"""The pieces a process keeps once rendered (invamed.fragments): cards, FAQ answers, topics,
the header and the footer, a page's head metadata, trail and sign-off. A publication elsewhere
keeps them, and what can change without a new version (a category's name, the date a card
shows, a topic's count, the site pages the footer links, a review falling overdue) or a new
live version shows at once."""

import datetime
import re

import pytest
from django.db.models.signals import post_init
from django.test.signals import template_rendered
from django.urls import reverse
from django.utils import timezone
from django.utils.safestring import mark_safe
from freezegun import freeze_time

from blog.models import Article, Category
from faq.models import Entry
from invamed import fragments
from invamed.content.models import SitePage, Tag
from invamed.site.pages import Crumb
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


@pytest.fixture
def entries_made():
    """The FAQ entries made (read or built) since the fixture started."""
    made = []

    def record(sender, instance, **kwargs):
        made.append(instance)

    post_init.connect(record, sender=Entry)
    yield made
    post_init.disconnect(record, sender=Entry)


def test_kept_answers_are_shown_without_making_their_entries(
    client, editor, reviewer, notices, entries_made
):
    categories = [factories.make_faq_category(f"Topic {n}") for n in range(2)]
    entries = [
        factories.make_entry(editor, question=f"Question {n}?", category=categories[n % 2])
        for n in range(6)
    ]
    article = factories.make_article(editor)
    for entry in entries:
        factories.publish(entry, reviewer)
        factories.place(entry, article, editor)
    factories.publish(article, reviewer)
    pages = {
        "FAQ index": reverse("faq:index"),
        "FAQ category": categories[0].get_absolute_url(),
        "article": article.get_absolute_url(),
    }
    for url in pages.values():
        client.get(url)

    made = {}
    for name, url in pages.items():
        entries_made.clear()
        page = client.get(url).content.decode()
        made[name] = len(entries_made)
        shown = entries if name != "FAQ category" else entries[::2]
        assert all(f"<summary>{entry.live_version.question}</summary>" in page for entry in shown)
        assert page.count('"@type": "Question"') == len(shown), name
    # The index makes each category it heads (from its first answer's row), and no answer.
    assert made == {"FAQ index": 2, "FAQ category": 0, "article": 0}


def test_kept_cards_and_reviewed_lines_are_shown_without_making_their_articles(
    client, editor, reviewer, notices
):
    category = factories.make_category("Spine")
    titles = [f"Vertebral fracture {n}" for n in range(3)]
    articles = [
        factories.publish(
            factories.make_article(editor, title=title, category=category, tags=["kyphoplasty"]),
            reviewer,
        )
        for title in titles
    ]
    profile = reviewer.reviewer_profile
    pages = {
        "home": reverse("home"),
        "INVAblog index": reverse("blog:index"),
        "category": category.get_absolute_url(),
        "tag": articles[0].live_version.tags.get().get_absolute_url(),
        "reviewer profile": profile.get_absolute_url(),
        "reviewer's articles": reverse("reviewer-articles", args=[profile.slug]),
    }
    for url in pages.values():
        client.get(url)

    made = []
    post_init.connect(lambda sender, instance, **kwargs: made.append(instance), sender=Article,
                      weak=False, dispatch_uid="articles made")  # fmt: skip
    try:
        for name, url in pages.items():
            made.clear()
            page = client.get(url).content.decode()
            assert made == [], name
            assert all(title in page for title in titles), name
    finally:
        post_init.disconnect(sender=Article, dispatch_uid="articles made")


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


KEPT_UNDER_WHAT_THEY_SHOW = {
    "includes/page_meta.html",
    "includes/breadcrumbs.html",
    "includes/review_line.html",
    "includes/signoff.html",
    "includes/detail_footer.html",
}


def test_the_head_trail_and_sign_off_are_kept_until_what_they_show_changes(
    client, live_article, rendered
):
    url = live_article.get_absolute_url()
    client.get(url)
    assert KEPT_UNDER_WHAT_THEY_SHOW <= set(rendered)
    rendered.clear()
    page = client.get(url).content.decode()
    assert not KEPT_UNDER_WHAT_THEY_SHOW & set(rendered)
    for shown in ('<link rel="canonical"', 'class="breadcrumbs"', 'class="review-line"',
                  'class="signoff"', "Next review due"):  # fmt: skip
        assert shown in page, shown

    overdue = datetime.datetime.combine(live_article.next_review_due, datetime.time(12))
    with freeze_time(timezone.make_aware(overdue) + datetime.timedelta(days=1)):
        page = client.get(url).content.decode()
    assert "Review overdue since" in page and "Next review due" not in page


def test_the_kept_footer_of_an_article_shows_its_notice_and_topics_as_they_are_now(
    client, live_article, notices
):
    url = live_article.get_absolute_url()
    site_admin = factories.make_user(role="site_admin")  # notices are theirs
    assert "Regulatory notice text." in client.get(url).content.decode()

    def footer():
        page = client.get(url).content.decode()
        return re.search(r'<footer class="article__footer">.*?</footer>', page, re.DOTALL).group(0)

    Tag.objects.filter(name="osteoporosis").update(name="bone density", slug="bone-density")
    assert (
        f'<a href="{reverse("tag", args=["bone-density"])}" rel="tag">bone density</a>' in footer()
    )
    factories.edit(notices["regulatory"], site_admin, text="<p>Only for use by trained staff.</p>")
    factories.publish(notices["regulatory"], None)
    shown = footer()
    assert "Only for use by trained staff." in shown and "Regulatory notice text." not in shown


def test_a_kept_template_tells_safe_text_from_text_to_escape(db):
    trail = "includes/breadcrumbs.html"
    escaped = fragments.render_template(trail, {"crumbs": [Crumb("<b>Spine</b>", "/en/")]})
    safe = fragments.render_template(trail, {"crumbs": [Crumb(mark_safe("<b>Spine</b>"), "/en/")]})
    assert "&lt;b&gt;Spine&lt;/b&gt;" in escaped and "<b>Spine</b>" not in escaped
    assert "<b>Spine</b>" in safe
    with pytest.raises(TypeError):  # a model instance's repr does not say what it shows
        fragments.render_template(trail, {"crumbs": [Tag(name="spine care")]})
