"""
Search that forgives: "Did you mean …" for a misspelled query, tags found, and each result saying
what it is, where it is filed, when it was published and who reviewed it.

On PostgreSQL the suggestion comes from pg_trgm (site migration 0002); on SQLite from the same
similarity computed in Python. Both suggest only words of published items.
"""

import pytest
from django.db import connection
from django.urls import reverse
from django.utils import translation

from blog.models import Article
from invamed.site import search
from tests import factories
from tests.test_search import (
    UNPUBLISHED_STATES,
    get_search,
    live_article,
    live_entry,
    result_titles,
    search_queries,
    unpublished_grid,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def spine_site(reviewer):
    live_article(reviewer, title="Balloon kyphoplasty after a fall", tags=["spine care"])
    live_article(
        reviewer, title="Cement augmentation", tags=["osteoporosis support"],
        summary="How bone cement supports a fractured vertebra.",
    )  # fmt: skip
    live_entry(reviewer, question="Is vertebroplasty painful?")


@pytest.mark.parametrize(
    "typed, meant",
    [
        ("kyphoplsty", "kyphoplasty"),  # a letter left out
        ("vertebroplatsy", "vertebroplasty"),  # two letters swapped
        ("osteoporsis", "osteoporosis"),  # a word found only in a tag
        ("balon kyphoplsty", "balloon kyphoplasty"),  # two words, each corrected
    ],
)
def test_a_misspelled_query_suggests_the_published_word(client, spine_site, typed, meant):
    response = get_search(client, typed)
    assert result_titles(response) == []
    assert response.context["suggestion"] == meant
    html = response.content.decode()
    link = reverse("search") + "?q=" + meant.replace(" ", "%20")
    assert f'Did you mean <a href="{link}">{meant}</a>?' in html
    # The suggestion finds what was meant.
    assert result_titles(client.get(link))


def test_a_query_that_finds_something_suggests_nothing(client, spine_site):
    response = get_search(client, "kyphoplasty")
    assert result_titles(response) == ["Balloon kyphoplasty after a fall"]
    assert response.context["suggestion"] is None
    assert "Did you mean" not in response.content.decode()


def test_nothing_near_enough_suggests_nothing(client, spine_site):
    response = get_search(client, "xylophone")
    assert response.context["suggestion"] is None
    assert "Did you mean" not in response.content.decode()


def test_words_of_unpublished_items_are_never_suggested(client, reviewer, editor):
    """Only live versions' words: not a draft's, a scheduled or withdrawn item's, nor the
    unreviewed change of a live one."""
    unpublished_grid(reviewer, editor, tags=("sacroplasty",))
    article = live_article(reviewer, title="Vertebral augmentation")
    factories.edit(article, editor, title="Vertebral augmentation coccygoplasty")
    for state in UNPUBLISHED_STATES:
        assert get_search(client, f"hiden{state}").context["suggestion"] is None, state
    assert get_search(client, "sacroplsty").context["suggestion"] is None
    assert get_search(client, "coccygoplsty").context["suggestion"] is None


def test_suggestions_come_from_the_pages_language(client, reviewer, editor):
    category = factories.make_category("Omurga", language="tr")
    turkish = factories.make_article(
        editor, language="tr", category=category, title="Balon kifoplasti sonrası iyileşme"
    )
    factories.publish(turkish, reviewer)
    live_article(reviewer, title="Balloon kyphoplasty")
    with translation.override("tr"):
        turkish_search = reverse("search")
    with translation.override("en"):
        english_search = reverse("search")
    assert client.get(turkish_search, {"q": "kifoplsti"}).context["suggestion"] == "kifoplasti"
    assert client.get(english_search, {"q": "kifoplsti"}).context["suggestion"] is None


def test_search_finds_an_article_by_its_tag(client, reviewer, editor):
    """An article whose live version carries the tag, though no word of its text has it; the
    working copy's unreviewed tag finds nothing."""
    tagged = live_article(
        reviewer, title="Cement augmentation", body="<p>Nothing else here.</p>",
        tags=["Osteoporosis support"],
    )  # fmt: skip
    live_article(reviewer, title="Untagged note", body="<p>Nothing else here.</p>")
    assert result_titles(get_search(client, "osteoporosis")) == ["Cement augmentation"]
    factories.set_tags(Article.objects.get(pk=tagged.pk), ["Osteoporosis support", "sciatica"])
    factories.edit(Article.objects.get(pk=tagged.pk), editor, summary="Changed, unreviewed.")
    assert result_titles(get_search(client, "sciatica")) == []


def test_an_faq_entry_is_found_by_its_tag(client, reviewer):
    live_entry(reviewer, question="How long does recovery take?", tags=["spine care"])
    results = get_search(client, "spine care").context["results"]
    assert [(r.kind, r.title) for r in results] == [("FAQ", "How long does recovery take?")]


def test_each_result_shows_its_type_category_date_and_reviewer(client, reviewer):
    category = factories.make_category("Pain Management & Spine", slug="pain-spine")
    article = live_article(reviewer, title="Fracture care at home", category=category)
    faq_category = factories.make_faq_category("After the procedure", slug="after")
    live_entry(reviewer, question="Can I shower after a fracture repair?", category=faq_category)
    response = get_search(client, "fracture")
    results = {r.kind: r for r in response.context["results"]}
    assert results["Article"].category == "Pain Management & Spine"
    assert results["Article"].category_url == category.get_absolute_url()
    assert results["Article"].published == article.first_published_at
    assert results["Article"].reviewer == "Dr Deniz Aksoy"
    assert results["FAQ"].category_url == faq_category.get_absolute_url()
    html = response.content.decode()
    assert f'<a href="{category.get_absolute_url()}">Pain Management &amp; Spine</a>' in html
    assert f'<a href="{faq_category.get_absolute_url()}">After the procedure</a>' in html
    assert "Reviewed by Dr Deniz Aksoy" in html
    published = article.first_published_at.date().isoformat()
    assert f'<time datetime="{published}">' in html
    assert "Frequently asked question" in html and ">Article<" in html


@pytest.mark.parametrize("size", [2, 6])
def test_a_search_with_a_suggestion_costs_the_same_queries_at_any_size(
    client, reviewer, django_assert_num_queries, size
):
    """The ranking, the suggestion's vocabulary (one query), the footer's site pages (and on
    PostgreSQL the tagged documents)."""
    for n in range(size):
        live_article(reviewer, title=f"Kyphoplasty note {n}", tags=[f"topic {n}"])
        live_entry(reviewer, question=f"Is vertebroplasty question {n} answered?")
    with django_assert_num_queries(search_queries(3)):
        response = get_search(client, "kyphoplsty")
    assert response.context["suggestion"] == "kyphoplasty"


@pytest.mark.skipif(connection.vendor != "postgresql", reason="pg_trgm on PostgreSQL")
def test_postgresql_finds_the_vocabulary_by_trigram_word_similarity(reviewer):
    """pg_trgm is installed, and the database returns the published texts near the word (one
    word of a long title is enough), never the far ones."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1 FROM pg_extension WHERE extname = 'pg_trgm'")
        assert cursor.fetchone() == (1,)
    live_article(reviewer, title="What to expect on the day of a balloon kyphoplasty")
    live_article(reviewer, title="Choosing a walking aid")
    backend = search.PostgresBackend("kyphoplsty", "en")
    assert backend.vocabulary(["kyphoplsty"]) == [
        "What to expect on the day of a balloon kyphoplasty"
    ]


def test_the_similarity_is_pg_trgm_s():
    """The Python similarity (the SQLite fallback, and the choice of word inside a title) counts
    as pg_trgm's similarity() does: kyphoplsty and kyphoplasty share 9 of 14 trigrams."""
    assert search.similarity("kyphoplsty", "kyphoplasty") == pytest.approx(9 / 14)
    assert search.similarity("word", "word") == 1.0
