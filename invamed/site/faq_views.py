"""The FAQ's public pages. Each starts from Entry.objects.published()."""

from django.db.models import F, Window
from django.db.models.functions import RowNumber
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.views.generic import ListView

from blog.models import Article
from faq.models import Entry, FAQCategory

from . import compiled, jsonld
from .pages import (
    IDS_SLOT,
    ITEM_SLOT,
    LANGUAGE_SLOT,
    Crumb,
    LiveCategoryView,
    LiveItemView,
    PublicPageMixin,
    current_language,
)

# The categories in their order, each one's answers together (by_category): categories with
# the same `order` must not interleave.
BY_CATEGORY = (
    "live_version__category__order",
    "live_version__category__name",
    "live_version__category_id",
    "live_version__order",
    "pk",
)


# The FAQ index shows this many answers per category; the category page has all of them.
INDEX_PER_CATEGORY = 5


def faq_crumb():
    return Crumb(_("FAQ"), reverse("faq:index"))


class Answers:
    """Live FAQ entries shown as answers (Entry.objects.answers()).

    A list of answers is rendered from pieces kept under each entry's live version (faq_items,
    jsonld.kept_faq_page), so most renders need no entry at all: `versions`, each entry's
    (live version id, fingerprint), are read from the rows, and the entries are made only for
    a piece that must be rendered."""

    def __init__(self, versions, make):
        self.versions, self.make = versions, make

    @classmethod
    def read(cls, loaded):
        """The answers of a compiled.Loaded of Entry.objects.answers()."""
        ids, fingerprints = (
            loaded.column("live_version__id"),
            loaded.column("live_version__fingerprint"),
        )
        versions = list(zip(ids, fingerprints, strict=True))
        return cls(versions, lambda positions: loaded.part(positions).instances())

    @classmethod
    def of(cls, entries):
        """The answers of live entries already made (with their live_version)."""
        versions = [(entry.live_version.pk, entry.live_version.fingerprint) for entry in entries]
        return cls(versions, lambda positions: [entries[i] for i in positions])

    def __len__(self):
        return len(self.versions)

    def entries(self, positions=None):
        """The entries at `positions` (all of them by default), made from their rows."""
        return self.make(range(len(self)) if positions is None else positions)


def by_category(loaded):
    """(category, its Answers) for each category of `loaded`, rows of Entry.objects.answers()
    ordered BY_CATEGORY: a category is made once, from its first row."""
    positions = {}
    for position, category in enumerate(loaded.column("live_version__category_id")):
        positions.setdefault(category, []).append(position)
    groups = []
    for rows in positions.values():
        [first] = loaded.part(rows[:1]).instances()
        groups.append((first.live_version.category, Answers.read(loaded.part(rows))))
    return groups


class FAQPageMixin:
    """FAQPage JSON-LD of the listed (live) entries, when there are any."""

    def get_structured_data(self, context):
        answers = context["object_list"]
        return [jsonld.kept_faq_page(self.request, answers)] if answers else []


def first_of_each_category(language, per_category):
    """The ids of the first `per_category` live entries of each FAQ category of `language`."""
    return (
        Entry.objects.published()
        .in_language(language)
        .order_by()
        .annotate(
            position=Window(
                RowNumber(),
                partition_by=F("live_version__category_id"),
                order_by=[F("live_version__order"), F("pk")],
            )
        )
        .filter(position__lte=per_category)
        .values_list("pk")
    )


class FAQIndexView(FAQPageMixin, PublicPageMixin, ListView):
    """Every FAQ category with its first live entries (by_category).

    Each category shows its first INDEX_PER_CATEGORY answers (expandable, no JavaScript) and
    links to its own page for all of them, so the index stays the same size however many
    entries are published. Two queries: the entries' positions in their category are numbered
    by a window function over two narrow indexes (faq migration 0006), and then only the
    first few are loaded, by primary key. As one query, PostgreSQL would plan the second part
    for every live entry (it cannot foresee how few the window keeps) and read them all.
    """

    template_name = "faq/entry_list.html"
    per_category = INDEX_PER_CATEGORY

    def get_queryset(self):
        # Both queries are compiled once per process (invamed.site.compiled).
        language = current_language()
        first = compiled.rows(
            ("FAQ index", self.per_category),
            lambda language: first_of_each_category(language, self.per_category),
            [(LANGUAGE_SLOT, language)],
        )
        self.rows = compiled.loaded(
            ("FAQ index answers",),
            lambda ids: (
                Entry.objects.answers().filter(compiled.is_one_of("pk", ids)).order_by(*BY_CATEGORY)
            ),
            [(IDS_SLOT, [pk for (pk,) in first])],
        )
        return Answers.read(self.rows)

    def get_context_data(self, **kwargs):
        return super().get_context_data(groups=by_category(self.rows), **kwargs)

    def get_crumbs(self, context):
        return [faq_crumb()]


class FAQCategoryView(FAQPageMixin, LiveCategoryView):
    template_name = "faq/category_detail.html"
    category_model = FAQCategory

    def get_queryset(self):
        return Answers.read(super().get_queryset().loaded())

    def items(self, language):
        published = Entry.objects.answers()
        if language is not None:
            published = published.in_language(language)
        return published.order_by("live_version__order", "pk")

    def section_crumb(self):
        return faq_crumb()


# An answer's page links this many of the articles that place it: an answer placed on hundreds
# of articles must not make its page grow with INVAblog.
PLACING_ARTICLES_SHOWN = 10


def placing_articles(entry):
    """Links (Article.objects.links()) to the live articles whose live version places `entry`,
    the PLACING_ARTICLES_SHOWN most recently updated."""
    return compiled.objects(
        ("placing articles", PLACING_ARTICLES_SHOWN),
        lambda entry_id: Article.objects.links().filter(
            live_version__faq_placements__entry=entry_id
        )[:PLACING_ARTICLES_SHOWN],
        [(ITEM_SLOT, entry.pk)],
    )


class EntryDetailView(LiveItemView):
    """An FAQ entry's own page: its live version, sign-off, notice, disclaimer, tags, and the
    live articles whose live version places it."""

    model = Entry
    text_field = "answer"
    template_name = "faq/entry_detail.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(articles=placing_articles(self.object), **kwargs)

    def get_crumbs(self, context):
        version = self.object.live_version
        return [
            faq_crumb(),
            Crumb(version.category.name, version.category.get_absolute_url()),
            Crumb(version.question, self.object.get_absolute_url()),
        ]

    def get_structured_data(self, context):
        url = self.request.build_absolute_uri(self.object.get_absolute_url())
        return [
            jsonld.faq_entry_page(self.request, self.object, context["version"], url),
            jsonld.kept_faq_page(self.request, Answers.of([self.object])),
        ]
