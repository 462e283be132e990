"""
PostgreSQL only: the search query uses the GIN indexes on the versions' stored documents.

Each version stores its weighted document once (blog/faq migrations 0004_search_vector); if the
query stopped reading that column, the planner would fall back to computing every document,
which is slow at 10,000 articles. Sequential scans are disabled for the EXPLAIN so that a tiny
test table still shows whether the index is usable.
"""

import pytest
from django.db import connection

from invamed import search
from tests.test_search import live_article, live_entry

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL full-text search"),
]


@pytest.fixture
def no_seqscan():
    with connection.cursor() as cursor:
        cursor.execute("SET enable_seqscan = off")
    yield
    with connection.cursor() as cursor:
        cursor.execute("RESET enable_seqscan")


def test_search_indexes_exist_on_the_version_tables():
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT indexname, indexdef FROM pg_indexes WHERE indexname IN (%s, %s)",
            ["blog_articleversion_search_vector", "faq_entryversion_search_vector"],
        )
        indexes = dict(cursor.fetchall())
    assert set(indexes) == {"blog_articleversion_search_vector", "faq_entryversion_search_vector"}
    assert "USING gin" in indexes["blog_articleversion_search_vector"]
    assert "search_vector" in indexes["blog_articleversion_search_vector"]


def test_versions_store_their_weighted_document(reviewer):
    """Title words carry weight A, so they rank above body words."""
    article = live_article(reviewer, title="Kyphoplasty explained")
    vector = article.live_version.__class__.objects.get(pk=article.live_version_id).search_vector
    assert "'kyphoplasti':1A" in vector


def test_article_search_uses_the_gin_index(reviewer, no_seqscan):
    live_article(reviewer, title="Kyphoplasty explained")
    plan = search.PostgresBackend("kyphoplasty").articles().explain()
    assert "blog_articleversion_search_vector" in plan, plan


def test_entry_search_uses_the_gin_index(reviewer, no_seqscan):
    live_entry(reviewer, question="Is kyphoplasty painful?")
    plan = search.PostgresBackend("kyphoplasty").entries().explain()
    assert "faq_entryversion_search_vector" in plan, plan


def test_combined_ranking_query_uses_both_indexes(reviewer, no_seqscan):
    """The query the search page runs: the union of both rankings."""
    live_article(reviewer, title="Kyphoplasty explained")
    live_entry(reviewer, question="Is kyphoplasty painful?")
    plan = search.find("kyphoplasty").rows.explain()
    assert "blog_articleversion_search_vector" in plan, plan
    assert "faq_entryversion_search_vector" in plan, plan


def test_stemming_finds_other_forms_of_a_word(client, reviewer):
    """The 'english' configuration: "fractures" finds "fracture", stop words are ignored."""
    live_article(reviewer, title="Healing a vertebral fracture")
    response = client.get("/search/", {"q": "the fractures"})
    assert [r.title for r in response.context["results"]] == ["Healing a vertebral fracture"]


def test_websearch_syntax_excludes_and_quotes(client, reviewer):
    live_article(reviewer, title="Balloon kyphoplasty")
    live_article(reviewer, title="Kyphoplasty without balloon", body="<p>Other tools.</p>")
    live_article(reviewer, title="Vertebroplasty")
    titles = lambda q: sorted(r.title for r in client.get("/search/", {"q": q}).context["results"])  # noqa: E731
    assert titles('"balloon kyphoplasty"') == ["Balloon kyphoplasty"]
    assert titles("kyphoplasty -tools") == ["Balloon kyphoplasty"]
    assert titles("vertebroplasty or tools") == ["Kyphoplasty without balloon", "Vertebroplasty"]
