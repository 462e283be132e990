"""
Bad input at every public URL: random paths, slugs, page numbers and query strings (hypothesis).

Whatever a visitor, a crawler or an attacker sends, the answer is a page, a redirect, a 400 or a
404, never a server error. The routes are read from the URL configuration, so a public page added
later is fuzzed too; the test client re-raises any exception a view lets through.
"""

import re
from urllib.parse import quote, urlencode

import pytest
from django.urls import URLPattern, URLResolver, get_resolver
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests import factories

pytestmark = pytest.mark.django_db

CONVERTER = re.compile(r"<(?:(\w+):)?(\w+)>")


def public_routes(patterns=None, prefix=""):
    """Every route outside the admin: (route template, name), e.g. ("faq/<slug:slug>/", "entry")."""
    patterns = get_resolver().url_patterns if patterns is None else patterns
    routes = []
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            if pattern.namespace == "admin" or str(pattern.pattern).startswith("admin/"):
                continue
            routes += public_routes(pattern.url_patterns, prefix + str(pattern.pattern))
        elif isinstance(pattern, URLPattern):
            routes.append((prefix + str(pattern.pattern), pattern.name))
    return routes


ROUTES = public_routes()
REAL_SLUGS = ["fuzz-article", "fuzz-category", "fuzz-question", "fuzz-topic", "spine-care",
              "dr-fuzz-reviewer", "last", "0"]  # fmt: skip


def test_the_fuzzed_routes_cover_the_public_site():
    names = {name for _, name in ROUTES}
    expected = {"root", "home", "index", "category", "article", "tag-index", "tag",
                "tag-questions", "entry", "search", "reviewer-profile", "editorial-policy",
                "privacy", "legal", "contact", "notice"}  # fmt: skip
    assert expected <= names, expected - names


@pytest.fixture
def site(editor, reviewer, notices):
    """One of each public thing, so that real slugs lead to real pages with weird query strings."""
    profile = reviewer.reviewer_profile
    profile.slug = "dr-fuzz-reviewer"
    profile.save()
    category = factories.make_category("Fuzz category", slug="fuzz-category")
    article = factories.make_article(
        editor, slug="fuzz-article", category=category, tags=["spine care"]
    )
    factories.publish(article, reviewer)
    for _ in range(12):  # more than one page of articles
        factories.publish(factories.make_article(editor, category=category), reviewer)
    entry = factories.make_entry(editor, slug="fuzz-question", articles=[article])
    factories.publish(entry, reviewer)
    factories.make_site_page()


text = st.text(max_size=40)
long_text = st.text(min_size=200, max_size=3000)
percent_junk = st.lists(
    st.one_of(
        st.integers(0, 255).map(lambda b: f"%{b:02X}"),
        st.sampled_from(["%", "%z", "%zz", "%0", "%C3", "%ED%A0%80", "%00", "%2F", "%2e%2e"]),
        st.text(alphabet="abc-_.~/", max_size=3),
    ),
    max_size=12,
).map("".join)
segments = st.one_of(
    st.sampled_from(REAL_SLUGS),
    text.map(lambda s: quote(s, safe="")),
    long_text.map(lambda s: quote(s, safe="")),
    st.text(alphabet="abcdefghijklmnopqrstuvwxyz0123456789-_", min_size=1, max_size=300),
    percent_junk,
    st.sampled_from(["..", ".", "%2e%2e%2f%2e%2e", "İstanbul", "ǅemal", "😀", "a" * 5000]).map(
        lambda s: quote(s, safe="%")
    ),
)
page_numbers = st.one_of(
    st.integers(-(10**30), 10**30).map(str),
    st.sampled_from(["last", "first", "", " 1", "1.5", "1e9999", "NaN", "-0", "0x10", "１"]),
    text,
)
query_values = st.one_of(page_numbers, text, long_text, percent_junk)
queries = st.dictionaries(
    st.one_of(st.sampled_from(["page", "q", "tag", "category", "sort", "format"]), text),
    query_values,
    max_size=4,
)


def fill(route, segment_values):
    values = iter(segment_values)
    return "/" + CONVERTER.sub(lambda _: next(values), route)


@st.composite
def requests(draw):
    route, _ = draw(st.sampled_from(ROUTES))
    path = fill(route, [draw(segments) for _ in CONVERTER.findall(route)])
    if draw(st.booleans()):
        path = path + draw(percent_junk)  # trailing junk: unmatched paths, APPEND_SLASH redirects
    query = draw(queries)
    raw_query = draw(st.one_of(st.just(""), percent_junk))
    query_string = urlencode(query) + ("&" + raw_query if raw_query else "")
    method = draw(st.sampled_from(["get", "get", "get", "head", "post", "options"]))
    return method, path, query_string


@pytest.mark.parametrize("route", [route for route, _ in ROUTES if CONVERTER.search(route)])
def test_control_characters_in_a_slug_are_not_found(client, site, route):
    """A NUL cannot even be looked up in PostgreSQL: no route may pass one to a query."""
    for junk in ("%00", "spine-care%00", "%1f", "%7f"):
        path = fill(route, [junk] * len(CONVERTER.findall(route)))
        assert client.get(path).status_code == 404, path


@settings(
    max_examples=250,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(request=requests())
def test_no_public_url_ever_answers_with_a_server_error(client, site, request):
    method, path, query_string = request
    response = getattr(client, method)(path, QUERY_STRING=query_string)
    assert response.status_code < 500, (method, path, query_string, response.status_code)


@settings(
    max_examples=100,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(path=st.one_of(text, long_text, percent_junk).map(lambda s: "/" + quote(s, safe="/%")))
def test_no_random_path_answers_with_a_server_error(client, site, path):
    assert client.get(path).status_code < 500, path
