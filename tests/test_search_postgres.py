"""
PostgreSQL only: the search query uses the GIN indexes on the versions' stored documents.

Each version stores its weighted document once (blog/faq migrations 0004_search_vector); if the
query stopped reading that column, the planner would fall back to computing every document,
which is slow at 10,000 articles. The candidates also include the newest heading matches, found
from the expression indexes on title and question (blog 0006, faq 0005). Sequential scans are
disabled for the EXPLAIN so that a tiny test table still shows whether the index is usable.
"""

import datetime

import pytest
from django.db import connection
from django.utils import timezone

from invamed import search
from tests import factories
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
    plan = search.PostgresBackend("kyphoplasty").rows().explain()
    assert "blog_articleversion_search_vector" in plan, plan
    assert "faq_entryversion_search_vector" in plan, plan


def test_heading_matches_use_the_heading_gin_indexes(reviewer, no_seqscan):
    """The candidates include the newest title/question matches, found from the expression
    indexes of blog migration 0006 and faq migration 0005 (the same expression)."""
    live_article(reviewer, title="Kyphoplasty explained")
    live_entry(reviewer, question="Is kyphoplasty painful?")
    plan = search.PostgresBackend("kyphoplasty").rows().explain()
    assert "blog_articleversion_title_search" in plan, plan
    assert "faq_entryversion_question_search" in plan, plan


def test_old_heading_match_is_ranked_despite_newer_body_matches(client, reviewer, monkeypatch):
    """More than MAX_RESULTS newer items mention the word only in their body: an older article
    titled with it, and an older FAQ entry asking about it, are still candidates, and lead."""
    monkeypatch.setattr(search, "MAX_RESULTS", 3)
    a_year_ago = timezone.now() - datetime.timedelta(days=365)
    factories.publish(
        factories.make_article(title="Kyphoplasty explained"), reviewer, when=a_year_ago
    )
    factories.publish(
        factories.make_entry(question="Is kyphoplasty painful?"), reviewer, when=a_year_ago
    )
    for n in range(4):
        live_article(reviewer, title=f"Spine note {n}", body="<p>After a kyphoplasty, walk.</p>")
        live_entry(reviewer, question=f"Spine question {n}?", answer="<p>Kyphoplasty helps.</p>")
    response = client.get("/search/", {"q": "kyphoplasty"})
    titles = [r.title for r in response.context["results"]]
    assert len(titles) == 3 and response.context["paginator"].object_list.more
    assert set(titles[:2]) == {"Kyphoplasty explained", "Is kyphoplasty painful?"}


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


def test_passage_comes_from_the_opening_of_the_text(client, reviewer):
    """ts_headline reads the first PASSAGE_WINDOW characters only: a match there is marked, a
    match deeper in the body still finds the article, shown with its opening unmarked."""
    filler = "<p>" + "Recovery is gradual and closely followed. " * 150 + "</p>"
    assert len(filler) > search.PASSAGE_WINDOW
    live_article(
        reviewer, title="Early mention", summary="Bone cement sets within minutes.",
        body=filler + "<p>Cement again.</p>",
    )  # fmt: skip
    live_article(
        reviewer, title="Late mention", summary="Healing takes weeks.",
        body=filler + "<p>Trocar placement is checked under fluoroscopy.</p>",
    )  # fmt: skip
    [early] = get_results(client, "cement")
    assert early.title == "Early mention"
    assert "<mark>cement</mark>" in early.snippet.lower()
    [late] = get_results(client, "trocar")
    assert late.title == "Late mention"
    assert "<mark>" not in late.snippet
    assert late.snippet.startswith("Healing takes weeks.")


def get_results(client, query):
    response = client.get("/search/", {"q": query})
    assert response.status_code == 200
    return response.context["results"]


def test_ranking_compiled_once_gives_what_its_queryset_gives(reviewer):
    """PostgresBackend.ranking() runs SQL compiled once with a placeholder for the words: for
    each new query it returns exactly the rows of that query's own ranking queryset."""
    live_article(reviewer, title="Kyphoplasty explained", body="<p>Is it painful? Rarely.</p>")
    live_article(reviewer, title="Cement leakage", body="<p>After kyphoplasty, rest.</p>")
    live_entry(reviewer, question="Is kyphoplasty painful?")
    for words in ("kyphoplasty", "painful", "cement -leakage", "xylophone"):
        backend = search.PostgresBackend(words)
        expected = list(backend.rows()[: search.MAX_RESULTS + 1])
        assert backend.ranking() == expected, words
    assert [len(search.PostgresBackend(w).ranking()) for w in ("kyphoplasty", "painful")] == [3, 2]
