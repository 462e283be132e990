"""
Search over live articles and live FAQ entries, together, ranked, highlighted, ten a page.

Only the *live version* of a live item is ever matched, so a draft, a scheduled or a withdrawn
item, or an unreviewed change to a live one, is never found: the SQLite ranking starts from
`Article.objects.published()` / `Entry.objects.published()`; the PostgreSQL one reads
LiveDocument, which holds a copy of live versions only, written in the transaction that
publishes or withdraws; and on both, the results a page shows are read from `published()`.

Two backends with the same interface (`find(query)` returns a `SearchResults` that a Paginator
slices into `Result`s):

- PostgreSQL: full-text search (django.contrib.postgres.search). The document is a weighted
  `tsvector`: title A, summary B, body C for articles; question A, answer C for FAQ entries.
  Queries use `websearch_to_tsquery`, which accepts anything a visitor types ("quoted phrase",
  `or`, `-word`) and never raises a syntax error. Each version stores its document once in
  `search_vector` (versions never change; see ArticleVersion.search_document()). When a version
  goes live, services.perform copies that document, with the version's heading (title,
  question) and the item's first publication, into the item's LiveDocument row: one narrow
  row per live item, whose document column has a GIN index (review migration 0003), so
  matching reads the index and the matches' narrow rows only, never the items' or versions'
  wide ones (tests/test_search_postgres.py checks the plan uses the index).
- Anything else (SQLite in development and tests): case-insensitive substring matching of
  every word, ranked by where each word matched: title above summary above body.

A bounded result list. Matching is cheap (the GIN index), ranking is not: ts_rank reads each
matching item's whole stored document (a few kilobytes, out of line), so ranking every
match of a common word costs in proportion to the site (a word found in most articles makes
every one of their documents be read). A site search is read from the top, so, as most do, it
lists at most MAX_RESULTS results and says "more than" beyond (SearchResults.more):

- the candidates ranked are, of each content type, the MAX_RESULTS + 1 most recently
  published matches and the MAX_RESULTS + 1 most recently published items whose heading
  (title, question) matches; at most 4 × (MAX_RESULTS + 1) documents are read, on a site of
  any size. On a medical site the newest guidance is the one a visitor should meet first, but
  an older article named after the query must not be crowded out by newer ones that only
  mention it in their body: a heading match is always ranked, unless more than MAX_RESULTS
  headings match. Whether a heading matches is read from the same narrow row (its heading
  tsvector), so finding them reads no document either. Recency only decides which
  matches are ranked, not their order: among the candidates, a title match still comes before
  a body match. When a word matches fewer items than that (almost every query on a site of
  hundreds of articles), every match is ranked.
- nothing is counted apart: the ranking is read once, up to MAX_RESULTS + 1 rows, and those
  rows are the count, exact up to MAX_RESULTS and "more than" beyond (one candidate more
  than can be listed is enough to know). A search page is two queries: the ranking, and the
  passages of its ten results.

Tags: an item is also found by the tags its live version carries (their names matched as the
documents are: stemmed on PostgreSQL, as substrings on SQLite), which rank it a little higher.

"Did you mean": when nothing matches, each word of the query that no published title, question
or tag name has is replaced by the most similar word they do have (trigram similarity, as
pg_trgm measures it), and the page links to that corrected search. The words come from
`published()` items of the page's language only, so no draft's word is ever suggested. On
PostgreSQL the database finds the texts near each word with pg_trgm's word similarity (site
migration 0002 installs the extension), one query; on SQLite they are compared in Python.

Each result shows its type, its live version's category, its first publication and who signed
its live version off, read by the same query as its passage.

The highlighted passage is built from the plain text of the live version (tags removed,
entities decoded), HTML-escaped, and only then given its `<mark>` elements, for the page's ten
results only, in one query whatever their content types. On PostgreSQL it comes from the first
PASSAGE_WINDOW characters of that text (see there).
"""

import datetime
import html
import re
import unicodedata
from dataclasses import dataclass

from django.contrib.contenttypes.models import ContentType
from django.contrib.postgres.expressions import ArraySubquery
from django.contrib.postgres.search import (
    SearchHeadline,
    SearchQuery,
    SearchRank,
    SearchVector,
    TrigramWordSimilarity,
)
from django.core.paginator import Paginator
from django.db import connection
from django.db.models import (
    Case,
    Exists,
    F,
    FloatField,
    Func,
    IntegerField,
    OuterRef,
    Q,
    Subquery,
    TextField,
    Value,
    When,
    Window,
)
from django.db.models.functions import Cast, Greatest, RowNumber
from django.shortcuts import render
from django.utils.functional import cached_property
from django.utils.html import escape
from django.utils.safestring import mark_safe

from blog.models import Article, Category, TaggedArticleVersion
from faq.models import Entry, FAQCategory, TaggedEntryVersion
from invamed.content.models import Tag
from invamed.review.models import LiveDocument, search_config
from invamed.text import searchable

from . import compiled
from .compiled import IsAnyOf
from .pages import current_language
from .tags import public_tags

MAX_QUERY_LENGTH = 200
MAX_WORDS = 10  # the SQLite fallback ANDs one LIKE per word; keep the query bounded
PAGE_SIZE = 10
MAX_RESULTS = 100  # results listed, and candidates ranked per content type (see above)
SNIPPET_CHARS = 240
# "Did you mean": a word is replaced by a published word at least this alike (pg_trgm's
# similarity, whose own default threshold this is); words shorter than MIN_CORRECTED_LENGTH are
# left as typed (too few trigrams to say what was meant).
SUGGESTION_SIMILARITY = 0.3
MIN_CORRECTED_LENGTH = 4
# Texts PostgreSQL returns per kind (titles, questions, tag names) as near a misspelled word.
SUGGESTION_CANDIDATES = 20
# What a tag matching the query adds to an item's rank on PostgreSQL: an item found by its tag
# alone ranks with body matches, one found by its words and its tag above its peers.
TAG_RANK = 0.1
TAG_SCORE = 3.0  # the SQLite fallback's score of a word found in a tag (see SubstringBackend)
# ts_headline parses and stems every word of the text it is given, which makes it the largest
# part of a search page's SQL for long articles. So the passage is chosen from the first
# PASSAGE_WINDOW characters of the plain text (summary, then the opening of the body), whatever
# the article's length. A result whose only match lies deeper in its body shows the opening of
# its text instead, unhighlighted; such a result ranks low (body words weigh least), and its
# title still says what it is.
PASSAGE_WINDOW = 4000


# Private-use characters mark the matched words inside a headline until it is escaped; they are
# stripped from visitors' input, so a query can never produce them. QUERY_SLOT stands for the
# words in the SQL compiled once (PostgresBackend.compiled_rows); no query can be it either, as
# no primary key can be negative like the slots for ids.
MARK_START, MARK_END, FRAGMENT_GAP, QUERY_SLOT = "\ue000", "\ue001", "\ue002", "\ue003"
ARTICLE_IDS_SLOT, ENTRY_IDS_SLOT, TAGGED_IDS_SLOT = [-1], [-2], [-3]

# The columns of a result's row after its kind and pk (see Backend.with_passages).
RESULT_COLUMNS = (
    "address", "heading", "lead", "passage", "category_name", "category_slug", "published",
    "reviewer",
)  # fmt: skip
ARTICLE = 0  # "kind" column of the combined result rows
ENTRY = 1


def typed(value, field):
    """The constant `value` as `field`'s type in SQL. Parameters are bound on the server, where
    an untyped one in the select list of a UNION has no type PostgreSQL can work out."""
    return Cast(Value(value), field)


def kinds():
    """Q of a live document of an article, and of an FAQ entry: by name, not by content type
    id, so that SQL compiled once names no row of the database. The id is a subquery on the
    name, which PostgreSQL reads once for the query (an InitPlan), where a join to the content
    types would be made for every document and repeat the tags' matching on each side."""
    return tuple(
        Q(
            item_type=Subquery(
                ContentType.objects.filter(
                    app_label=model._meta.app_label, model=model._meta.model_name
                ).values("pk")[:1]
            )
        )
        for model in (Article, Entry)
    )


# What a result is titled by, a field of the version: an article's title, an entry's question.
HEADING = {Article: "title", Entry: "question"}


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


def query_words(query, language):
    """The words of a query as search compares them (the language's lower case), without the
    punctuation and operators a visitor may type around them, at most MAX_WORDS."""
    words = (w.strip("\"'“”‘’()[]{}<>.,;:!?+-*/\\|&^~`") for w in query.split())
    return [searchable(w, language) for w in words if any(ch.isalnum() for ch in w)][:MAX_WORDS]


def trigrams(word):
    """The trigrams of a word as pg_trgm counts them: padded with two spaces before, one after."""
    padded = f"  {word} "
    return {padded[i : i + 3] for i in range(len(padded) - 2)}


def similarity(a, b):
    """pg_trgm's similarity() of two words: the share of their trigrams they have in common."""
    ta, tb = trigrams(a), trigrams(b)
    return len(ta & tb) / len(ta | tb)


def corrected(words, vocabulary):
    """`words` with each one not in `vocabulary` replaced by its most similar word there (at
    least SUGGESTION_SIMILARITY alike), or None when nothing was replaced."""
    suggested = []
    for word in words:
        best = None
        if word not in vocabulary and len(word) >= MIN_CORRECTED_LENGTH:
            scored = ((similarity(word, known), known) for known in vocabulary)
            score, best = max(scored, key=lambda pair: (pair[0], -len(pair[1])), default=(0, None))
            best = best if score >= SUGGESTION_SIMILARITY else None
        suggested.append(best or word)
    return " ".join(suggested) if suggested != words else None


def words_of(texts, language):
    """Every word of `texts` (titles, questions, tag names), as search compares them."""
    return {
        word
        for text in texts
        for word in re.split(r"[^\w]+", searchable(text or "", language))
        if len(word) >= MIN_CORRECTED_LENGTH and not word.isdigit()
    }


@dataclass
class Result:
    kind: str  # "Article" or "FAQ"
    title: str
    url: str
    snippet: str  # safe HTML: escaped text with <mark> elements
    category: str = ""
    category_url: str = ""
    published: datetime.datetime | None = None  # first publication
    reviewer: str = ""  # who signed the live version off, as the sign-off records it


class SearchResults:
    """A sliceable, countable list of at most MAX_RESULTS Results for a Paginator.

    The backend's ranking (kind, item pk, rank) of both content types, ordered once in the
    database, is read once, up to MAX_RESULTS + 1 rows: the count comes from the same rows
    (exact up to MAX_RESULTS, "more than" beyond), so no query counts the matches. Only the
    rows of the requested page are turned into Results, with one query for both content
    types, whatever the page size or the number of matches.
    """

    def __init__(self, backend):
        self.backend = backend

    @cached_property
    def ranking(self):
        return self.backend.ranking()

    @property
    def more(self):
        """True when more items match than are listed: the count reads "more than"."""
        return len(self.ranking) > MAX_RESULTS

    def count(self):
        return min(len(self.ranking), MAX_RESULTS)

    def suggestion(self):
        return self.backend.suggestion()

    def __len__(self):
        return self.count()

    def __getitem__(self, key):
        start, stop, _ = key.indices(self.count())  # never past MAX_RESULTS
        return self.backend.results(self.ranking[start:stop]) if start < stop else []


class Backend:
    """What both backends share: the ranking read once, and the page's Results built from it.

    A search looks in one language, the page's: /tr/search/ finds Turkish items only."""

    def __init__(self, query, language):
        self.query = query
        self.language = language

    def rows(self):
        """A queryset of (kind, item pk, rank) rows of both content types, best first."""
        raise NotImplementedError

    def ranking(self):
        """The first MAX_RESULTS + 1 rows (see SearchResults)."""
        return list(self.rows()[: MAX_RESULTS + 1])

    def suggestion(self):
        """The query with its misspelled words corrected, for "Did you mean …", or None.

        The words it may suggest are those of published items only, in the page's language:
        the titles and questions of live versions and the tags they carry, read from
        `published()`, so a draft's words are never suggested (nor revealed). One query."""
        words = query_words(self.query, self.language)
        if not words:
            return None
        return corrected(words, words_of(self.vocabulary(words), self.language))

    def vocabulary(self, words):
        """Texts of published items (titles, questions, tag names) to take corrections from."""
        raise NotImplementedError

    def texts(self):
        """(text field, queryset) of what words are suggested from, all published."""
        return [
            ("live_version__title", Article.objects.published().in_language(self.language)),
            ("live_version__question", Entry.objects.published().in_language(self.language)),
            ("name", public_tags(self.language)),
        ]

    def results(self, rows):
        """The Results of a page of ranking rows, from one query over both content types."""
        ids = {kind: [pk for k, pk, _ in rows if k == kind] for kind in (ARTICLE, ENTRY)}
        found = {
            (kind, pk): values for kind, pk, *values in self.passages(ids[ARTICLE], ids[ENTRY])
        }
        results = []
        for kind, pk, _ in rows:
            if (kind, pk) not in found:
                continue
            slug, heading, lead, passage, category, category_slug, published, reviewer = found[
                kind, pk
            ]
            model, category_model = (Article, Category) if kind == ARTICLE else (Entry, FAQCategory)
            results.append(
                Result(
                    "Article" if kind == ARTICLE else "FAQ",
                    heading,
                    model(pk=pk, slug=slug, language=self.language).get_absolute_url(),
                    render_snippet(self.marked_passage(lead, passage)),
                    category=category,
                    category_url=category_model(
                        slug=category_slug, language=self.language
                    ).get_absolute_url(),
                    published=published,
                    reviewer=reviewer,
                )
            )
        return results

    def passages(self, article_ids, entry_ids):
        """(kind, pk, *RESULT_COLUMNS) of the live articles and FAQ entries of these ids."""
        return self.passages_query(article_ids, entry_ids)

    def passages_query(self, article_ids, entry_ids):
        columns = ("kind", "pk", *RESULT_COLUMNS)
        articles = Article.objects.published().in_language(self.language)
        entries = Entry.objects.published().in_language(self.language)
        return (
            self.with_passages(self.among(articles, article_ids), ARTICLE)
            .values_list(*columns)
            .union(
                self.with_passages(self.among(entries, entry_ids), ENTRY).values_list(*columns),
                all=True,
            )
        )

    def among(self, queryset, ids):
        return queryset.filter(pk__in=ids)

    def with_passages(self, queryset, kind):
        """`queryset` with what a Result shows: its kind, its live address (the working copy's
        may be a draft's), its heading (title or question), the text its passage comes from,
        `lead` and `passage` (see marked_passage()), and the live version's category, the
        first publication and the reviewer of the live sign-off: joins of the same query."""
        return queryset.order_by().annotate(
            kind=typed(kind, IntegerField()),
            address=F("live_version__slug"),
            heading=F(f"live_version__{HEADING[queryset.model]}"),
            **self.passage_columns(kind),
            category_name=F("live_version__category__name"),
            category_slug=F("live_version__category__slug"),
            published=F("first_published_at"),
            reviewer=F("live_signoff__signer_name"),
        )


class StripTags(Func):
    """Rich text without its tags, in SQL, so that ts_headline works on plain text."""

    function = "regexp_replace"

    def __init__(self, expression):
        super().__init__(expression, Value("<[^>]*>"), Value(" "), Value("g"))


class PostgresBackend(Backend):
    """Full-text search: weighted vectors, websearch queries, ts_rank, ts_headline."""

    def __init__(self, query, language):
        super().__init__(query, language)
        self.config = search_config(language)
        self.tsquery = SearchQuery(
            self.searchable_query(), search_type="websearch", config=self.config
        )

    def searchable_query(self):
        """The words as the documents were indexed: lower-cased with the language's case rules
        ("İNCELEME" and "inceleme" are one word in Turkish), QUERY_SLOT kept as it is."""
        return self.query if self.query == QUERY_SLOT else searchable(self.query, self.language)

    def rows(self, tagged_ids=None):
        """(kind, item pk, rank) of the candidates of both content types, best first.

        Read from LiveDocument, one narrow row per live item with its live version's document,
        its heading (title, question) and its first publication. The candidates are, of each
        content type, the MAX_RESULTS + 1 most recently published matches and the
        MAX_RESULTS + 1 most recently published matches whose heading matches too: one more
        than can be listed, so that the rows themselves tell whether more match than are
        listed. They are picked in one pass over the matching rows, found from the document's
        GIN index (review migration 0003): each is numbered newest first among the matches of
        its content type, and among those of its content type whose heading matches or not
        (window functions), the heading read from the same row. Only the candidates' documents
        are read again, for ts_rank: every candidate already matches.

        Items whose live version carries a tag matching the query are candidates too (the
        MAX_RESULTS + 1 newest, see tagged_rows()), found or not by their own words, and rank
        TAG_RANK higher: those of tagged_rows(), or of `tagged_ids` when they were read
        already (ranking()), since PostgreSQL would find them once for each of the two uses.
        """
        newest_first = (F("first_published_at").desc(), F("item_id").desc())
        matches = LiveDocument.objects.filter(
            language=self.language, document=self.tsquery
        ).annotate(
            heading_match=Q(heading=self.tsquery),
            newest=Window(RowNumber(), partition_by=F("item_type"), order_by=newest_first),
            newest_of_kind=Window(
                RowNumber(),
                partition_by=(F("item_type"), F("heading_match")),
                order_by=newest_first,
            ),
        )
        candidates = matches.filter(
            Q(newest__lte=MAX_RESULTS + 1)
            | Q(heading_match=True, newest_of_kind__lte=MAX_RESULTS + 1)
        ).values("pk")
        is_article, is_entry = kinds()
        if tagged_ids is None:
            tagged = ArraySubquery(self.tagged_rows())
        else:
            tagged = compiled.id_array(tagged_ids)
        tag_bonus = Case(
            When(IsAnyOf(F("pk"), tagged), then=Value(TAG_RANK)),
            default=Value(0.0),
            output_field=FloatField(),
        )
        return (
            LiveDocument.objects.filter(
                IsAnyOf(F("pk"), ArraySubquery(candidates)) | IsAnyOf(F("pk"), tagged)
            )
            .annotate(
                kind=Case(When(is_article, then=Value(ARTICLE)), default=Value(ENTRY)),
                rank=SearchRank(F("document"), self.tsquery) + tag_bonus,
            )
            .values_list("kind", "item_id", "rank")
            .order_by("-rank", "kind", "item_id")
        )

    def tagged_rows(self):
        """The ids of the MAX_RESULTS + 1 newest live documents whose live version carries a
        tag of the page's language whose name matches the query (its words, stemmed as the
        documents are). Tags are few beside documents, so matching every tag name costs
        little."""
        is_article, is_entry = kinds()
        tags = (
            Tag.objects.filter(language=self.language)
            .annotate(words=SearchVector("name", config=self.config))
            .filter(words=self.tsquery)
            .values("pk")
        )
        versions = {
            model: model.objects.filter(tag__in=tags).values("content_object_id")
            for model in (TaggedArticleVersion, TaggedEntryVersion)
        }
        return (
            LiveDocument.objects.filter(
                Q(is_article, version_id__in=versions[TaggedArticleVersion])
                | Q(is_entry, version_id__in=versions[TaggedEntryVersion]),
                language=self.language,
            )
            .order_by("-first_published_at", "-item_id")
            .values("pk")[: MAX_RESULTS + 1]
        )

    def ranking(self):
        """The first MAX_RESULTS + 1 rows, run from SQL compiled once (see compiled_rows()): the
        tagged documents are read first, then given to the ranking."""
        tagged = [
            pk for (pk,) in self.compiled_rows("tagged", lambda template: template.tagged_rows())
        ]
        return self.compiled_rows(
            "ranking",
            lambda template: template.rows(TAGGED_IDS_SLOT)[: MAX_RESULTS + 1],
            [(TAGGED_IDS_SLOT, tagged)],
        )

    def passages(self, article_ids, entry_ids):
        """As Backend.passages, run from SQL compiled once (see compiled_rows())."""
        return self.compiled_rows(
            "passages",
            lambda template: template.passages_query(ARTICLE_IDS_SLOT, ENTRY_IDS_SLOT),
            [(ARTICLE_IDS_SLOT, article_ids), (ENTRY_IDS_SLOT, entry_ids)],
        )

    def among(self, queryset, ids):
        # One array parameter whatever the number of ids, so the SQL is the same every time.
        return queryset.filter(compiled.any_of("pk", ids))

    def compiled_rows(self, what, build, slots=()):
        """The rows of `build(template)`'s queryset, run from SQL compiled once per process
        (invamed.site.compiled) from a template backend searching QUERY_SLOT: each search
        puts its words in that slot, and its ids in the id `slots` ([(slot, ids)])."""
        return compiled.rows(
            (what, self.language, MAX_RESULTS),
            lambda *_slots: build(PostgresBackend(QUERY_SLOT, self.language)),
            [(QUERY_SLOT, self.searchable_query()), *slots],
        )

    def vocabulary(self, words):
        """The published texts nearest the words, by pg_trgm's word similarity (the words are
        compared with every stretch of the text, so one word of a long title is found): the
        SUGGESTION_CANDIDATES nearest of each kind, in one query."""
        parts = []
        for field, queryset in self.texts():
            nearness = [TrigramWordSimilarity(Value(word), field) for word in words]
            near = nearness[0] if len(nearness) == 1 else Greatest(*nearness)
            parts.append(
                queryset.annotate(text=F(field), nearness=near)
                .filter(nearness__gte=SUGGESTION_SIMILARITY)
                .order_by("-nearness")
                .values_list("text", flat=True)[:SUGGESTION_CANDIDATES]
            )
        return list(parts[0].union(*parts[1:], all=True))

    def headline(self, *fields):
        text = StripTags(fields[0])
        for field in fields[1:]:
            text = Func(text, typed(" ", TextField()), StripTags(field), function="concat")
        return SearchHeadline(
            Func(text, Value(PASSAGE_WINDOW), function="left"),
            self.tsquery,
            config=self.config,
            start_sel=MARK_START,
            stop_sel=MARK_END,
            max_words=35,
            min_words=15,
            max_fragments=2,
            fragment_delimiter=FRAGMENT_GAP,
        )

    def passage_columns(self, kind):
        if kind == ARTICLE:
            fields = ("live_version__summary", "live_version__body")
        else:
            fields = ("live_version__answer",)
        return {
            "lead": typed("", TextField()),
            "passage": self.headline(*(F(f) for f in fields)),
        }

    def marked_passage(self, lead, passage):
        return html.unescape(" ".join(passage.split()))


class SubstringBackend(Backend):
    """The fallback for databases without full-text search (SQLite).

    Every word must occur somewhere (title, summary or body; question or answer; or the name
    of a tag the live version carries). A word scores 4 in the title or question, 3 in a tag,
    2 in the summary, 1 in the body or answer; the rank is the sum.
    """

    def __init__(self, query, language):
        super().__init__(query, language)
        words = (w.strip("\"'“”‘’()[]{}<>.,;:!?+-*/\\|&^~`") for w in query.split())
        self.words = [w for w in words if any(ch.isalnum() for ch in w)][:MAX_WORDS]

    def rows(self):
        """The union of both content types' rankings, ordered once."""
        articles = self.articles().annotate(kind=Value(ARTICLE)).order_by()
        entries = self.entries().annotate(kind=Value(ENTRY)).order_by()
        return (
            articles.values_list("kind", "pk", "rank")
            .union(entries.values_list("kind", "pk", "rank"), all=True)
            .order_by("-rank", "kind", "pk")
        )

    def ranked(self, queryset, fields, tagged):
        """`queryset` filtered to the items matching every word, ranked; `tagged` is the through
        model from its versions to their tags."""
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
            in_tag = Exists(
                tagged.objects.filter(
                    content_object_id=OuterRef("live_version_id"), tag__name__icontains=word
                )
            )
            matches |= in_tag
            whens.append(When(in_tag, then=Value(TAG_SCORE)))
            queryset = queryset.filter(matches)
            rank = rank + Case(*whens, default=Value(0.0), output_field=FloatField())
        return queryset.annotate(rank=rank)

    def articles(self):
        return self.ranked(
            Article.objects.published().in_language(self.language),
            [("title", 4.0), ("summary", 2.0), ("body", 1.0)],
            TaggedArticleVersion,
        )

    def entries(self):
        return self.ranked(
            Entry.objects.published().in_language(self.language),
            [("question", 4.0), ("answer", 1.0)],
            TaggedEntryVersion,
        )

    def vocabulary(self, words):
        """Every published title, question and tag name of the language: a development
        database is small enough to compare each of their words in Python."""
        parts = [
            queryset.order_by().annotate(text=F(field)).values_list("text", flat=True)
            for field, queryset in self.texts()
        ]
        return list(parts[0].union(*parts[1:], all=True))

    def passage_columns(self, kind):
        if kind == ARTICLE:
            return {"lead": F("live_version__summary"), "passage": F("live_version__body")}
        return {"lead": typed("", TextField()), "passage": F("live_version__answer")}

    def marked_passage(self, lead, passage):
        text = " ".join(f"{lead} {plain_text(passage)}".split())
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


def find(query, language=None):
    """The ranked results for a cleaned query in `language` (the current one by default), as a
    sliceable list (see SearchResults)."""
    backend_class = PostgresBackend if connection.vendor == "postgresql" else SubstringBackend
    backend = backend_class(query, language or current_language())
    return SearchResults(backend)


def search(request):
    """/search/?q=…&page=…: a page for any input, never an error; noindex (see the template)."""
    query = clean_query(request.GET.get("q", ""))
    page = suggestion = None
    if query:
        found = find(query)
        page = Paginator(found, PAGE_SIZE).get_page(request.GET.get("page"))
        if not page.paginator.count:
            suggestion = found.suggestion()
    return render(
        request,
        "search.html",
        {
            "search_query": query,
            "suggestion": suggestion,
            "page_obj": page,
            "results": page.object_list if page else [],
            "paginator": page.paginator if page else None,
        },
    )
