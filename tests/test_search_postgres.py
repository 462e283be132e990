"""
PostgreSQL only: search reads LiveDocument, one narrow row per live item, from its GIN index.

Each version stores its weighted document once (blog/faq migrations 0004_search_vector); when
it goes live, services.perform copies that document and its heading (title, question) into the
item's LiveDocument row (review migration 0003), which search reads without joining the items
or the versions. If the query stopped using the index, or the rows stopped following
publication, search would be slow at 10,000 articles, or wrong. Sequential scans are disabled
for the EXPLAIN so that a tiny test table still shows whether the index is usable.
"""

import datetime

import pytest
from django.db import connection
from django.db.models import ProtectedError
from django.utils import timezone

from blog.models import Article
from faq.models import Entry
from invamed.review import services
from invamed.review.models import LiveDocument
from invamed.site import search
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


def search_indexes():
    """The GIN (full-text) indexes of the tables search could read."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT indexname, indexdef FROM pg_indexes WHERE tablename = ANY(%s) "
            "AND indexdef LIKE %s",
            [["review_livedocument", "blog_articleversion", "faq_entryversion"], "% USING gin %"],
        )
        return dict(cursor.fetchall())


def test_search_reads_one_gin_index_and_the_versions_none():
    """The document column has the GIN index; the versions' former search indexes are gone
    (review migration 0003): nothing reads them, and each would cost every saved version."""
    indexes = search_indexes()
    assert set(indexes) == {"review_livedocument_document"}, indexes
    assert "USING gin (document)" in indexes["review_livedocument_document"]


def test_versions_store_their_weighted_document(reviewer):
    """Title words carry weight A, so they rank above body words."""
    article = live_article(reviewer, title="Kyphoplasty explained")
    vector = article.live_version.__class__.objects.get(pk=article.live_version_id).search_vector
    assert "'kyphoplasti':1A" in vector


def live_documents():
    return {
        (doc.item_type.model, doc.item_id): doc
        for doc in LiveDocument.objects.select_related("item_type")
    }


def test_publication_withdrawal_and_new_versions_keep_the_live_documents_in_step(editor, reviewer):
    """A row for each live item, holding its live version's document and heading: none for a
    draft or a withdrawn item, and an approved new version replaces the old one's words."""
    article = live_article(reviewer, title="Kyphoplasty explained")
    entry = live_entry(reviewer, question="Is kyphoplasty painful?")
    factories.make_article(title="Draft on vertebroplasty")
    docs = live_documents()
    assert set(docs) == {("article", article.pk), ("entry", entry.pk)}
    assert docs["article", article.pk].version_id == article.live_version_id
    assert docs["article", article.pk].first_published_at == article.first_published_at
    assert "'kyphoplasti':1A" in docs["article", article.pk].document
    assert docs["article", article.pk].heading == "'explain':2 'kyphoplasti':1"

    factories.edit(article, editor, title="Vertebroplasty explained")
    assert "kyphoplasti" in live_documents()["article", article.pk].heading  # not yet approved
    article.refresh_from_db()
    factories.publish(article, reviewer)
    article.refresh_from_db()
    doc = live_documents()["article", article.pk]
    assert doc.version_id == article.live_version_id
    assert doc.heading == "'explain':2 'vertebroplasti':1"
    assert "kyphoplasti" not in doc.document

    services.perform(entry, "withdraw", reviewer, comment="Outdated.")
    assert set(live_documents()) == {("article", article.pk)}


def test_no_live_document_outlives_its_item(reviewer):
    """Only a live item has a row, and a live item cannot be deleted (its live version is
    protected); withdrawn, it has no row left and can be."""
    article = live_article(reviewer, title="Kyphoplasty explained")
    with pytest.raises(ProtectedError):
        article.delete()
    services.perform(article, "withdraw", reviewer, comment="Outdated.")
    assert not LiveDocument.objects.exists()
    article.refresh_from_db()
    article.delete()
    assert not Article.objects.exists()


def test_refresh_rebuilds_every_row_from_the_live_versions(reviewer):
    """What restore_site and the benchmark's data set run after a bulk load."""
    article = live_article(reviewer, title="Kyphoplasty explained")
    entry = live_entry(reviewer, question="Is kyphoplasty painful?")
    expected = {key: (d.version_id, d.heading, d.document) for key, d in live_documents().items()}
    LiveDocument.objects.all().delete()
    LiveDocument.refresh(Article)
    LiveDocument.refresh(Entry)
    rebuilt = {key: (d.version_id, d.heading, d.document) for key, d in live_documents().items()}
    assert rebuilt == expected and set(rebuilt) == {("article", article.pk), ("entry", entry.pk)}


def test_ranking_query_uses_the_gin_index(reviewer, no_seqscan):
    """The query the search page runs, both content types in one pass. On a tiny table the
    planner may walk the unique index in its window's order instead: that is ruled out too."""
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_indexscan = off")
    live_article(reviewer, title="Kyphoplasty explained")
    live_entry(reviewer, question="Is kyphoplasty painful?")
    plan = search.PostgresBackend("kyphoplasty", "en").rows().explain()
    assert "review_livedocument_document" in plan, plan


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
    response = client.get("/en/search/", {"q": "kyphoplasty"})
    titles = [r.title for r in response.context["results"]]
    assert len(titles) == 3 and response.context["paginator"].object_list.more
    assert set(titles[:2]) == {"Kyphoplasty explained", "Is kyphoplasty painful?"}


def test_stemming_finds_other_forms_of_a_word(client, reviewer):
    """The 'english' configuration: "fractures" finds "fracture", stop words are ignored."""
    live_article(reviewer, title="Healing a vertebral fracture")
    response = client.get("/en/search/", {"q": "the fractures"})
    assert [r.title for r in response.context["results"]] == ["Healing a vertebral fracture"]


def test_websearch_syntax_excludes_and_quotes(client, reviewer):
    live_article(reviewer, title="Balloon kyphoplasty")
    live_article(reviewer, title="Kyphoplasty without balloon", body="<p>Other tools.</p>")
    live_article(reviewer, title="Vertebroplasty")

    def titles(q):
        return sorted(r.title for r in client.get("/en/search/", {"q": q}).context["results"])

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
    response = client.get("/en/search/", {"q": query})
    assert response.status_code == 200
    return response.context["results"]


def test_ranking_compiled_once_gives_what_its_queryset_gives(reviewer):
    """PostgresBackend.ranking() runs SQL compiled once with a placeholder for the words: for
    each new query it returns exactly the rows of that query's own ranking queryset."""
    live_article(reviewer, title="Kyphoplasty explained", body="<p>Is it painful? Rarely.</p>")
    live_article(reviewer, title="Cement leakage", body="<p>After kyphoplasty, rest.</p>")
    live_entry(reviewer, question="Is kyphoplasty painful?")
    for words in ("kyphoplasty", "painful", "cement -leakage", "xylophone"):
        backend = search.PostgresBackend(words, "en")
        expected = list(backend.rows()[: search.MAX_RESULTS + 1])
        assert backend.ranking() == expected, words
    counts = [len(search.PostgresBackend(w, "en").ranking()) for w in ("kyphoplasty", "painful")]
    assert counts == [3, 2]


def test_passages_compiled_once_give_what_their_queryset_gives(reviewer):
    """PostgresBackend.passages() runs SQL compiled once with slots for the words and the
    results' ids: for other words and other ids, any number of them or none, it returns exactly
    the rows of their own queryset, marked passages included."""
    articles = [
        live_article(reviewer, title=f"Kyphoplasty {n}", body=f"<p>Cement step {n}.</p>")
        for n in range(3)
    ]
    entry = live_entry(reviewer, question="Is cement safe?", answer="<p>Cement is inert.</p>")
    cases = [
        ("kyphoplasty", [a.pk for a in articles], []),
        ("cement", [articles[0].pk], [entry.pk]),
        ("cement", [], [entry.pk]),
        ("xylophone", [], []),
    ]
    for words, article_ids, entry_ids in cases:
        backend = search.PostgresBackend(words, "en")
        expected = sorted(backend.passages_query(article_ids, entry_ids))
        assert sorted(backend.passages(article_ids, entry_ids)) == expected, words
        assert len(expected) == len(article_ids) + len(entry_ids)
    [(_kind, pk, _address, heading, _lead, passage, *_rest)] = search.PostgresBackend(
        "cement", "en"
    ).passages([articles[1].pk], [])
    assert (pk, heading) == (articles[1].pk, "Kyphoplasty 1")
    assert f"{search.MARK_START}Cement{search.MARK_END} step" in passage
