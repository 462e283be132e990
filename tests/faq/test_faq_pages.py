"""The FAQ's public pages: index by category, category pages, entry pages, and their JSON-LD."""

import datetime
import re

import pytest
from django.urls import reverse

from blog.models import Article
from faq.models import FAQCategory
from tests import factories
from tests.blog.pages import breadcrumbs, h1_count, jsonld_of, unpublished

pytestmark = pytest.mark.django_db


@pytest.fixture
def categories(db):
    # Same `order` on purpose: the index must still keep each category's entries together.
    return (
        FAQCategory.objects.create(name="Before the procedure", slug="before", order=0),
        FAQCategory.objects.create(name="After the procedure", slug="after", order=0),
    )


@pytest.fixture
def entries(editor, reviewer, categories):
    before, after = categories
    made = []
    for n, category in enumerate([before, after, before, after]):
        entry = factories.make_entry(
            editor,
            question=f"Question {n}?",
            answer=f"<p>Answer {n}.</p>",
            category=category,
            order=n,
            tags=["spine care"],
        )
        made.append(factories.publish(entry, reviewer))
    return made


def test_faq_index_groups_live_entries_by_category_in_details(
    client, entries, reviewer, categories
):
    unpublished(factories.make_entry, reviewer, question="Hidden question?", category=categories[0])
    page = client.get(reverse("faq:index")).content.decode()
    assert h1_count(page) == 1
    assert page.count('<details class="faq-item">') == 4
    assert "Hidden question?" not in page
    headings = re.findall(r'<h2 id="faq-cat-\d+"><a href="[^"]+">([^<]+)</a></h2>', page)
    assert sorted(headings) == ["After the procedure", "Before the procedure"]  # each once
    body = page[page.index("<body") :]
    first = body.index("Before the procedure") < body.index("After the procedure")
    group = ["Question 0?", "Question 2?"] if first else ["Question 1?", "Question 3?"]
    assert body.index(group[0]) < body.index(group[1])
    faq = jsonld_of(page, "FAQPage")
    assert sorted(q["name"] for q in faq["mainEntity"]) == [f"Question {n}?" for n in range(4)]
    assert faq["mainEntity"][0]["acceptedAnswer"]["@type"] == "Answer"


def test_faq_category_page_lists_its_live_entries(client, entries, reviewer, categories):
    before, _ = categories
    unpublished(factories.make_entry, reviewer, question="Hidden question?", category=before)
    page = client.get(before.get_absolute_url()).content.decode()
    assert "<h1>Before the procedure</h1>" in page
    assert page.index("Question 0?") < page.index("Question 2?")
    assert "Question 1?" not in page and "Hidden question?" not in page
    assert [q["name"] for q in jsonld_of(page, "FAQPage")["mainEntity"]] == [
        "Question 0?",
        "Question 2?",
    ]
    assert [name for name, _ in breadcrumbs(page)] == ["Home", "FAQ", "Before the procedure"]


def test_entry_page_has_question_answer_signoff_disclaimer_and_tags(client, entries, notices):
    entry = entries[0]
    page = client.get(entry.get_absolute_url()).content.decode()
    assert h1_count(page) == 1
    assert "<h1>Question 0?</h1>" in page and "Answer 0." in page
    start = page.index("<body")
    order = [
        page.index(marker, start)
        for marker in (
            "<h1>",
            "Answer 0.",
            "Reviewed by:",
            "<dt>Last reviewed</dt>",
            'class="notice notice--disclaimer"',
            'class="tag-list"',
        )
    ]
    assert order == sorted(order)
    assert f'href="{reverse("tag", args=["spine-care"])}"' in page
    assert [name for name, _ in breadcrumbs(page)] == [
        "Home",
        "FAQ",
        "Before the procedure",
        "Question 0?",
    ]
    medical = jsonld_of(page, "MedicalWebPage")
    shown = re.search(r'Last reviewed</dt><dd><time datetime="([^"]+)"', page).group(1)
    assert medical["lastReviewed"] == shown
    assert medical["reviewedBy"]["name"] == "Dr Deniz Aksoy"
    assert [q["name"] for q in jsonld_of(page, "FAQPage")["mainEntity"]] == ["Question 0?"]


def test_entry_page_links_the_live_articles_it_appears_in(client, editor, reviewer):
    live = factories.publish(factories.make_article(editor, title="Live article"), reviewer)
    draft = factories.make_article(editor, title="Draft article")
    entry = factories.publish(factories.make_entry(editor, articles=[live, draft]), reviewer)
    page = client.get(entry.get_absolute_url()).content.decode()
    assert live.get_absolute_url() in page and "Draft article" not in page


def test_entry_page_links_only_the_most_recently_updated_articles_it_appears_in(
    client, editor, reviewer
):
    from invamed.site.faq_views import PLACING_ARTICLES_SHOWN

    articles = [
        factories.publish(factories.make_article(editor, title=f"Placing article {n}"), reviewer)
        for n in range(PLACING_ARTICLES_SHOWN + 2)
    ]
    entry = factories.publish(factories.make_entry(editor, articles=articles), reviewer)
    day = datetime.datetime(2026, 5, 1, tzinfo=datetime.UTC)
    for n, article in enumerate(articles):
        Article.objects.filter(pk=article.pk).update(updated_at=day + datetime.timedelta(days=n))
    page = client.get(entry.get_absolute_url()).content.decode()
    shown = re.findall(r">(Placing article \d+)</a></li>", page)
    newest = [f"Placing article {n}" for n in reversed(range(2, PLACING_ARTICLES_SHOWN + 2))]
    assert shown == newest


def test_unpublished_entries_are_404(client, reviewer):
    for state, entry in unpublished(factories.make_entry, reviewer).items():
        assert client.get(entry.get_absolute_url()).status_code == 404, state


def test_unknown_faq_category_is_404(client, db):
    assert client.get(reverse("faq:category", args=["nope"])).status_code == 404
