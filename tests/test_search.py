"""
Search (/search/): live articles and FAQ entries together, ranked, highlighted, paginated.

Runs on SQLite by default (the substring fallback) and on PostgreSQL (full-text search) with
DATABASE_URL=postgres://…/invamed_search; the same behaviour is expected from both.
The helpers `live_article`, `live_entry` and `unpublished_grid` are shared with the feed and
sitemap tests.
"""

import pytest
from django.db import connection
from django.urls import reverse
from django.utils import translation

from blog.models import Article
from faq.models import Entry
from invamed.review import services
from invamed.site import search
from tests import factories

pytestmark = pytest.mark.django_db


def live_article(reviewer, **fields):
    return factories.publish(factories.make_article(**fields), reviewer)


def live_entry(reviewer, **fields):
    return factories.publish(factories.make_entry(**fields), reviewer)


def _in_state(item, state, reviewer, editor):
    """Move a fresh draft `item` to `state` through the workflow; "live_edit" is a live item
    whose working copy holds an unreviewed change (the change must stay invisible)."""
    if state != "live_edit":
        return factories.put_in_state(item, state.replace("_", " "), reviewer)
    factories.publish(item, reviewer)
    field = "title" if isinstance(item, Article) else "question"
    factories.edit(item, editor, **{field: f"{getattr(item, field)} unreviewedsecret"})
    item.refresh_from_db()
    return item


UNPUBLISHED_STATES = ["draft", "in_review", "approved", "scheduled", "withdrawn"]


def unpublished_grid(reviewer, editor, *, category=None, faq_category=None, tags=("hiddentag",)):
    """One article and one FAQ entry in every state a visitor must not see, each titled with a
    word no live item uses ("hidden<state>"), all sharing `tags` and the given categories."""
    items = []
    for state in UNPUBLISHED_STATES:
        article_fields = {"category": category} if category else {}
        entry_fields = {"category": faq_category} if faq_category else {}
        article = factories.make_article(
            editor, title=f"Vertebra hidden{state} article", slug=f"hidden-{state}-article",
            summary=f"Vertebra hidden{state} summary.", tags=tags, **article_fields,
        )  # fmt: skip
        entry = factories.make_entry(
            editor, question=f"Vertebra hidden{state} question?", slug=f"hidden-{state}-entry",
            answer=f"<p>Vertebra hidden{state} answer.</p>", tags=tags, **entry_fields,
        )  # fmt: skip
        items += [
            _in_state(article, state, reviewer, editor),
            _in_state(entry, state, reviewer, editor),
        ]
    assert not any(item.is_published() for item in items)
    return items


def get_search(client, q, page=None):
    params = {"q": q}
    if page is not None:
        params["page"] = page
    response = client.get(reverse("search"), params)
    assert response.status_code == 200
    return response


def result_titles(response):
    return [r.title for r in response.context["results"]]


def test_title_match_ranks_above_summary_and_body_matches(client, reviewer):
    """Weights: title above summary above body, whatever the publication order."""
    live_article(reviewer, title="Recovery at home", body="<p>Walking after kyphoplasty.</p>")
    live_article(reviewer, title="Cement types", summary="Kyphoplasty cements compared.")
    live_article(reviewer, title="Kyphoplasty explained")
    response = get_search(client, "kyphoplasty")
    assert result_titles(response) == ["Kyphoplasty explained", "Cement types", "Recovery at home"]


def test_articles_and_faq_entries_are_found_together(client, reviewer):
    live_article(reviewer, title="Balloon kyphoplasty steps")
    live_entry(reviewer, question="Is kyphoplasty painful?", answer="<p>Local anaesthesia.</p>")
    response = get_search(client, "kyphoplasty")
    kinds = sorted((r.kind, r.title) for r in response.context["results"])
    assert kinds == [("Article", "Balloon kyphoplasty steps"), ("FAQ", "Is kyphoplasty painful?")]
    html = response.content.decode()
    assert "Frequently asked question" in html
    assert "2 results for “kyphoplasty”" in html


def test_search_finds_the_live_version_not_the_working_copy(client, reviewer, editor):
    article = live_article(reviewer, title="Osteoporosis basics")
    factories.edit(article, editor, title="Osteoporosis basics rewritten unreviewedsecret")
    assert result_titles(get_search(client, "osteoporosis")) == ["Osteoporosis basics"]
    assert result_titles(get_search(client, "unreviewedsecret")) == []


def test_results_link_to_the_live_address_in_the_page_language(client, reviewer, editor):
    """A Turkish result links to its Turkish page, and a result whose draft has another address
    links to the address visitors can open, not the draft's."""
    english = live_article(reviewer, title="Vertebroplasty basics", slug="vertebroplasty-basics")
    factories.make_category("Omurga", language="tr", source=english.category)
    turkish = services.translate(english, "tr", editor)
    factories.edit(turkish, editor, title="Vertebroplasti temelleri", slug="vertebroplasti")
    turkish = factories.publish(turkish, factories.make_reviewer(name="Dr Ece Tan"))
    factories.edit(turkish, editor, slug="vertebroplasti-temelleri")
    with translation.override("tr"):
        response = get_search(client, "vertebroplasti")
    assert [r.url for r in response.context["results"]] == ["/tr/invablog/vertebroplasti/"]
    assert client.get("/tr/invablog/vertebroplasti/").status_code == 200


def test_matching_passage_is_highlighted(client, reviewer):
    live_article(
        reviewer, title="Bone health", summary="Keeping bones strong.",
        body="<h2>Why it matters</h2><p>Vitamin D supports <strong>calcium</strong> uptake.</p>",
    )  # fmt: skip
    response = get_search(client, "calcium")
    [result] = response.context["results"]
    assert "<mark>calcium</mark>" in result.snippet
    assert "<strong>" not in result.snippet  # plain text of the live version, not its markup
    assert "<mark>calcium</mark>" in response.content.decode()


def test_snippet_text_is_escaped_before_marks_are_added(client, reviewer):
    live_article(
        reviewer, title="Cement notes",
        body="<p>Bone cement &amp; kyphoplasty: never &lt;script&gt;alert(1)&lt;/script&gt;.</p>",
    )  # fmt: skip
    response = get_search(client, "kyphoplasty")
    [result] = response.context["results"]
    assert "<mark>kyphoplasty</mark>" in result.snippet
    assert "&amp;" in result.snippet
    assert "&lt;script&gt;" in result.snippet
    assert "<script>" not in response.content.decode()


def test_script_query_returns_an_escaped_page(client, reviewer):
    live_article(reviewer, title="Script of a consultation")
    response = get_search(client, "<script>alert('x')</script>")
    html = response.content.decode()
    assert "<script>alert" not in html
    assert "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;" in html


def test_results_are_paginated_ten_a_page_and_keep_the_query(client, reviewer):
    category = factories.make_category()
    for n in range(12):
        live_article(reviewer, title=f"Spine care note {n}", category=category)
    first = get_search(client, "spine")
    assert len(first.context["results"]) == 10
    assert first.context["paginator"].count == 12
    assert "?q=spine&amp;page=2" in first.content.decode()
    second = get_search(client, "spine", page=2)
    assert len(second.context["results"]) == 2
    titles = result_titles(first) + result_titles(second)
    assert len(set(titles)) == 12
    assert result_titles(get_search(client, "spine", page="999")) == result_titles(second)
    assert result_titles(get_search(client, "spine", page="nonsense")) == result_titles(first)


def test_at_most_max_results_are_listed_and_more_is_said(client, reviewer, monkeypatch):
    """Past MAX_RESULTS the list stops, and the results know there are more than listed."""
    monkeypatch.setattr(search, "MAX_RESULTS", 3)
    for n in range(4):
        live_article(reviewer, title=f"Spine care note {n}")
    results = search.find("spine")
    assert (results.count(), results.more) == (3, True)
    assert len(results[0:10]) == 3
    live_entry(reviewer, question="Spine care question?")
    assert search.find("question").more is False
    for n in range(3):  # exactly MAX_RESULTS: all listed, no "more than"
        live_article(reviewer, title=f"Knee care note {n}")
    assert (search.find("knee").count(), search.find("knee").more) == (3, False)


def test_page_says_more_than_when_more_match_than_are_listed(client, reviewer, monkeypatch):
    """The count shown is honest: "More than N results" past MAX_RESULTS, exact up to it."""
    monkeypatch.setattr(search, "MAX_RESULTS", 3)
    for n in range(4):
        live_article(reviewer, title=f"Spine care note {n}")
    live_article(reviewer, title="Knee care note")
    assert "More than 3 results for “spine”." in get_search(client, "spine").content.decode()
    html = get_search(client, "knee").content.decode()
    assert "1 result for “knee”." in html and "More than" not in html


def test_no_results_page_says_so(client, reviewer):
    live_article(reviewer, title="Spine care")
    response = get_search(client, "xylophone")
    html = response.content.decode()
    assert response.context["results"] == []
    assert "No results" in html and "Nothing published matches “xylophone”" in html
    assert reverse("tag-index") in html


def test_empty_query_asks_for_words(client):
    html = get_search(client, "   ").content.decode()
    assert "Type a word or a question" in html


def test_header_search_box_keeps_the_query(client, reviewer):
    live_article(reviewer, title="Spine care")
    html = get_search(client, 'spine "care"').content.decode()
    assert 'name="q" value="spine &quot;care&quot;"' in html


WEIRD_INPUTS = [
    "a" * 5000,
    "spine " * 300,
    "!!!",
    "-",
    "- - -",
    "--spine",
    "or",
    "spine or -care",
    "spine OR care",
    '"',
    '"unclosed phrase',
    "''''",
    "\\",
    "\\\\spine\\",
    "spine\x00care",
    "\x00",
    "\x01\x02\x1f\x7f",
    "omurga kırığı",
    "İSTANBUL ışık",
    "脊柱",
    "🦴💉",
    "\u200b\u202e",
    "\ue000mark\ue001",
    "&amp; &lt;",
    "%",
    "_",
    "%_%",
    "a & b | c ! d",
    "(spine",
    "spine:*",
    "<->",
    "select * from blog_article; --",
    "' or 1=1 --",
    "null",
    "the",
    "a b c d e f g h i j k l m n o p",
]


@pytest.mark.parametrize("q", WEIRD_INPUTS)
def test_any_input_returns_a_page(client, reviewer, q):
    live_article(reviewer, title="Spine care", body="<p>Care for the spine: 100% of it.</p>")
    response = get_search(client, q)
    query = response.context["search_query"]
    assert len(query) <= search.MAX_QUERY_LENGTH
    assert "\x00" not in query
    get_search(client, q, page=2)


def test_clean_query_trims_and_strips_control_characters():
    assert search.clean_query("  spine\x00\x07 care\n\t ") == "spine care"
    assert len(search.clean_query("x" * 1000)) == 200
    assert search.clean_query("\ue000a\ue001") == "a"


@pytest.mark.parametrize("q", ["vertebra", *[f"hidden{s}" for s in UNPUBLISHED_STATES]])
def test_unpublished_articles_and_entries_are_never_found(client, reviewer, editor, q):
    live_article(reviewer, title="Vertebra live article")
    live_entry(reviewer, question="Vertebra live question?")
    unpublished_grid(reviewer, editor)
    expected = ["Vertebra live article", "Vertebra live question?"] if q == "vertebra" else []
    assert sorted(result_titles(get_search(client, q))) == expected


def search_queries(others):
    """A search's queries: `others`, and on PostgreSQL the tagged documents (PostgresBackend)."""
    return others + (connection.vendor == "postgresql")


@pytest.mark.parametrize("size", [2, 6])
def test_search_query_count_is_constant(client, reviewer, django_assert_num_queries, size):
    """The ranking of (kind, pk), which is also the count, then the page's articles and entries
    together, and the footer's site pages: 3 whatever the size and the content types shown, and
    on PostgreSQL the tagged documents read before the ranking."""
    for n in range(size):
        live_article(reviewer, title=f"Fracture note {n}", tags=["spine care"])
        live_entry(reviewer, question=f"Fracture question {n}?")
    with django_assert_num_queries(search_queries(3)):
        response = get_search(client, "fracture")
    assert len(response.context["results"]) == min(2 * size, 10)


def test_search_backend_follows_the_database():
    backend = search.find("spine").backend
    expected = (
        search.PostgresBackend if connection.vendor == "postgresql" else search.SubstringBackend
    )
    assert isinstance(backend, expected)
    assert Article.objects.published().count() == Entry.objects.published().count() == 0
