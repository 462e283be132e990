"""
Search over live articles and live FAQ entries, together, ranked, highlighted, ten a page.

Both lists start from `Article.objects.published()` / `Entry.objects.published()` and match the
*live version's* fields, so a draft, a scheduled or a withdrawn item, or an unreviewed change
to a live one, is never found.

Two backends with the same interface (`find(query)` returns a `SearchResults` that a Paginator
slices into `Result`s):

- PostgreSQL: full-text search (django.contrib.postgres.search). The document is a weighted
  `tsvector`: title A, summary B, body C for articles; question A, answer C for FAQ entries.
  Queries use `websearch_to_tsquery`, which accepts anything a visitor types ("quoted phrase",
  `or`, `-word`) and never raises a syntax error. Each version stores its document once in
  `search_vector` (versions never change; see ArticleVersion.search_document()), with a GIN
  index on that column (blog/faq migrations 0004, PostgreSQL only), so matching and ts_rank
  read a stored tsvector instead of re-parsing every matching body
  (tests/test_search_postgres.py checks the plan uses the index).
- Anything else (SQLite in development and tests): case-insensitive substring matching of
  every word, ranked by where each word matched: title above summary above body.

The highlighted passage is built from the plain text of the live version (tags removed,
entities decoded), HTML-escaped, and only then given its `<mark>` elements.
"""

import html
import re
import unicodedata
from dataclasses import dataclass

from django.contrib.postgres.search import SearchHeadline, SearchQuery, SearchRank
from django.core.paginator import Paginator
from django.db import connection
from django.db.models import Case, F, FloatField, Func, Q, Value, When
from django.shortcuts import render
from django.utils.html import escape
from django.utils.safestring import mark_safe

from blog.models import Article
from faq.models import Entry

MAX_QUERY_LENGTH = 200
MAX_WORDS = 10  # the SQLite fallback ANDs one LIKE per word; keep the query bounded
PAGE_SIZE = 10
SNIPPET_CHARS = 240

# The text search configuration. Every article and answer is written in English, so the
# 'english' configuration (Snowball English stemmer, English stop words) lets "fractures" find
# "fracture" and ignores "the"/"what". Turkish or Latin terms are still indexed as lower-cased
# words, only without stemming. Changing it means rebuilding the GIN indexes with the same name.
SEARCH_CONFIG = "english"

# Private-use characters mark the matched words inside a headline until it is escaped; they are
# stripped from visitors' input, so a query can never produce them.
MARK_START, MARK_END, FRAGMENT_GAP = "\ue000", "\ue001", "\ue002"

ARTICLE = 0  # "kind" column of the combined result rows
ENTRY = 1


def clean_query(raw):
    """The query as searched and shown: control/surrogate/private-use characters removed,
    whitespace collapsed, at most MAX_QUERY_LENGTH characters."""
    kept = "".join(
        " " if unicodedata.category(ch) in {"Cc", "Cs", "Co", "Zl", "Zp"} else ch for ch in raw
    )
    return " ".join(kept.split())[:MAX_QUERY_LENGTH].strip()


def plain_text(value):
    """Rich text (sanitised HTML) as readable plain text: tags become spaces, entities decode."""
    return " ".join(html.unescape(re.sub(r"<[^>]*>", " ", value or "")).split())


def render_snippet(marked):
    """Escape a passage whose matches are wrapped in MARK_START/MARK_END, then add <mark>."""
    escaped = escape(marked)
    escaped = escaped.replace(MARK_START, "<mark>").replace(MARK_END, "</mark>")
    escaped = escaped.replace(FRAGMENT_GAP, " … ")
    return mark_safe(escaped)  # noqa: S308 - escaped above; only our own <mark> tags added.


@dataclass
class Result:
    kind: str  # "Article" or "FAQ"
    title: str
    url: str
    snippet: str  # safe HTML: escaped text with <mark> elements
    item: object


class SearchResults:
    """A lazy, sliceable, countable list of Results for a Paginator.

    `rows` is the combined ranking (kind, pk, rank) of both content types, ordered once in the
    database; only the rows of the requested page are turned into Results, with one query per
    content type, whatever the page size or the number of matches.
    """

    def __init__(self, backend, rows):
        self.backend = backend
        self.rows = rows

    def count(self):
        return self.rows.count()

    def __len__(self):
        return self.count()

    def __getitem__(self, key):
        rows = list(self.rows[key])
        return self.backend.results(rows)


class Backend:
    """What both backends share: combining the two rankings and building the page's Results."""

    def __init__(self, query):
        self.query = query

    def rows(self):
        articles = self.articles().annotate(kind=Value(ARTICLE)).order_by()
        entries = self.entries().annotate(kind=Value(ENTRY)).order_by()
        return (
            articles.values_list("kind", "pk", "rank")
            .union(entries.values_list("kind", "pk", "rank"), all=True)
            .order_by("-rank", "kind", "pk")
        )

    def results(self, rows):
        article_ids = [pk for kind, pk, _ in rows if kind == ARTICLE]
        entry_ids = [pk for kind, pk, _ in rows if kind == ENTRY]
        articles = {}
        if article_ids:
            articles = {
                a.pk: a
                for a in self.with_headlines(Article.objects.published().filter(pk__in=article_ids))
            }
        entries = {}
        if entry_ids:
            entries = {
                e.pk: e
                for e in self.with_headlines(Entry.objects.published().filter(pk__in=entry_ids))
            }
        results = []
        for kind, pk, _ in rows:
            if kind == ARTICLE and pk in articles:
                article = articles[pk]
                results.append(
                    Result("Article", article.live_version.title, article.get_absolute_url(),
                           render_snippet(self.marked_passage(article)), article)
                )  # fmt: skip
            elif kind == ENTRY and pk in entries:
                entry = entries[pk]
                results.append(
                    Result("FAQ", entry.live_version.question, entry.get_absolute_url(),
                           render_snippet(self.marked_passage(entry)), entry)
                )  # fmt: skip
        return results


def article_vector():
    """The live version's stored weighted document (ArticleVersion.search_document())."""
    return F("live_version__search_vector")


def entry_vector():
    """The live version's stored weighted document (EntryVersion.search_document())."""
    return F("live_version__search_vector")


class StripTags(Func):
    """Rich text without its tags, in SQL, so that ts_headline works on plain text."""

    function = "regexp_replace"

    def __init__(self, expression):
        super().__init__(expression, Value("<[^>]*>"), Value(" "), Value("g"))


class PostgresBackend(Backend):
    """Full-text search: weighted vectors, websearch queries, ts_rank, ts_headline."""

    def __init__(self, query):
        super().__init__(query)
        self.tsquery = SearchQuery(query, search_type="websearch", config=SEARCH_CONFIG)

    def articles(self):
        return (
            Article.objects.published()
            .filter(live_version__search_vector=self.tsquery)
            .annotate(rank=SearchRank(article_vector(), self.tsquery))
        )

    def entries(self):
        return (
            Entry.objects.published()
            .filter(live_version__search_vector=self.tsquery)
            .annotate(rank=SearchRank(entry_vector(), self.tsquery))
        )

    def headline(self, *fields):
        text = StripTags(fields[0])
        for field in fields[1:]:
            text = Func(text, Value(" "), StripTags(field), function="concat")
        return SearchHeadline(
            text,
            self.tsquery,
            config=SEARCH_CONFIG,
            start_sel=MARK_START,
            stop_sel=MARK_END,
            max_words=35,
            min_words=15,
            max_fragments=2,
            fragment_delimiter=FRAGMENT_GAP,
        )

    def with_headlines(self, queryset):
        if queryset.model is Article:
            fields = ("live_version__summary", "live_version__body")
        else:
            fields = ("live_version__answer",)
        return queryset.annotate(headline=self.headline(*(F(f) for f in fields)))

    def marked_passage(self, item):
        return html.unescape(" ".join(item.headline.split()))


class SubstringBackend(Backend):
    """The fallback for databases without full-text search (SQLite).

    Every word must occur somewhere (title, summary or body; question or answer). A word scores
    4 in the title or question, 2 in the summary, 1 in the body or answer; the rank is the sum.
    """

    def __init__(self, query):
        super().__init__(query)
        words = (w.strip("\"'“”‘’()[]{}<>.,;:!?+-*/\\|&^~`") for w in query.split())
        self.words = [w for w in words if any(ch.isalnum() for ch in w)][:MAX_WORDS]

    def ranked(self, queryset, fields):
        if not self.words:
            return queryset.none().annotate(rank=Value(0.0, output_field=FloatField()))
        rank = Value(0.0, output_field=FloatField())
        for word in self.words:
            matches = Q()
            whens = []
            for field, score in fields:
                lookup = Q(**{f"live_version__{field}__icontains": word})
                matches |= lookup
                whens.append(When(lookup, then=Value(score)))
            queryset = queryset.filter(matches)
            rank = rank + Case(*whens, default=Value(0.0), output_field=FloatField())
        return queryset.annotate(rank=rank)

    def articles(self):
        return self.ranked(
            Article.objects.published(), [("title", 4.0), ("summary", 2.0), ("body", 1.0)]
        )

    def entries(self):
        return self.ranked(Entry.objects.published(), [("question", 4.0), ("answer", 1.0)])

    def with_headlines(self, queryset):
        return queryset

    def marked_passage(self, item):
        version = item.live_version
        if isinstance(item, Article):
            text = f"{version.summary} {plain_text(version.body)}"
        else:
            text = plain_text(version.answer)
        text = " ".join(text.split())
        pattern = re.compile("|".join(re.escape(w) for w in self.words), re.IGNORECASE)
        first = pattern.search(text)
        start = 0
        if first and first.start() > SNIPPET_CHARS // 3:
            start = text.rfind(" ", 0, first.start() - SNIPPET_CHARS // 3) + 1
        end = start + SNIPPET_CHARS
        if end < len(text):
            end = text.rfind(" ", start, end) if text.rfind(" ", start, end) > start else end
        passage = pattern.sub(lambda m: MARK_START + m.group(0) + MARK_END, text[start:end])
        return ("…" if start else "") + passage + ("…" if end < len(text) else "")


def find(query):
    """The ranked results for a cleaned query, as a sliceable list (see SearchResults)."""
    backend_class = PostgresBackend if connection.vendor == "postgresql" else SubstringBackend
    backend = backend_class(query)
    return SearchResults(backend, backend.rows())


def search(request):
    """/search/?q=…&page=…: a page for any input, never an error; noindex (see the template)."""
    query = clean_query(request.GET.get("q", ""))
    page = None
    if query:
        page = Paginator(find(query), PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "search.html",
        {
            "search_query": query,
            "page_obj": page,
            "results": page.object_list if page else [],
            "paginator": page.paginator if page else None,
        },
    )
