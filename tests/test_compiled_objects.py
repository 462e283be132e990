"""Model instances read from SQL compiled once (invamed.site.compiled.objects): the objects, and
the related objects in place, that the same queryset gives with select_related and defer."""

import pytest
from django.db import connection

from blog.models import Article
from invamed.site import compiled
from tests import factories

pytestmark = pytest.mark.django_db

JOINS = (
    "live_version",
    "live_version__category",
    "live_version__notice",
    "live_version__notice__live_version",
    "live_signoff",
    "live_signoff__reviewer",
    "live_signoff__reviewer__reviewer_profile",
)
LEAVE_OUT = ("body", "live_version__body", "live_version__search_vector")
SLUG_SLOT = "\ue011"


def by_slug(slug):
    return (
        Article.objects.published()
        .filter(live_version__slug=slug)
        .select_related(*JOINS)
        .defer(None)
        .defer(*LEAVE_OUT)
    )


def read(slug):
    return compiled.objects(("test article",), by_slug, [(SLUG_SLOT, slug)])


def loaded(obj):
    """The field values an instance holds (its deferred fields left out) and which they are."""
    deferred = obj.get_deferred_fields()
    return {
        field.attname: getattr(obj, field.attname)
        for field in obj._meta.concrete_fields
        if field.attname not in deferred
    }, deferred


def follow(obj, path):
    for name in filter(None, path.split("__")):
        obj = obj and getattr(obj, name)
    return obj


@pytest.fixture
def articles(editor, reviewer, notices):
    with_notice = factories.make_article(editor, notice=notices["regulatory"], tags=["spine"])
    without = factories.make_article(editor)
    return [factories.publish(item, reviewer) for item in (with_notice, without)]


def test_instances_are_those_of_the_queryset_with_their_joins_in_place(
    articles, django_assert_num_queries
):
    """For an article with a notice and one without, on either database, each object of every
    join holds the values and the deferred fields the queryset's own would, and reading them
    costs no query beyond the one."""
    for article in articles:
        slug = article.live_version.slug
        expected = by_slug(slug).get()
        with django_assert_num_queries(1):
            [found] = read(slug)
            for path in ("", *JOINS):
                want, got = follow(expected, path), follow(found, path)
                if want is None:
                    assert got is None, path
                else:
                    assert type(got) is type(want) and loaded(got) == loaded(want), path
                    assert not got._state.adding and got._state.db == "default"
        assert (found.live_version.notice is None) == (article.live_version.notice_id is None)


def test_each_run_reads_its_own_values(articles):
    """Run again with another slug, the SQL compiled once finds that slug's article, and a slug
    that names none finds nothing."""
    assert [found.pk for found in read(articles[1].live_version.slug)] == [articles[1].pk]
    assert [found.pk for found in read(articles[0].live_version.slug)] == [articles[0].pk]
    assert read("no-such-article") == []


def test_rows_read_as_they_are_make_the_same_instances_where_asked(articles):
    """Loaded rows give each row's column values as the instances hold them, and a part of
    them makes only the instances of its rows."""

    def everything():
        return Article.objects.published().select_related(*JOINS).order_by("pk")

    rows = compiled.loaded(("test all articles",), everything, [])
    expected = list(everything())
    assert len(rows) == 2
    assert rows.column("id") == [article.pk for article in expected]
    assert rows.column("live_version__slug") == [a.live_version.slug for a in expected]
    [second] = rows.part([1]).instances()
    assert loaded(second) == loaded(expected[1])
    assert loaded(second.live_version) == loaded(expected[1].live_version)
    assert rows.part([]).instances() == []

    # Items: the same columns from the rows as from the instances, instances made only if asked.
    items, names = compiled.Items(rows), ["id", "live_version_id", "live_version__category__name"]
    assert compiled.columns(items, names) == compiled.columns(expected, names)
    assert "made" not in vars(items)
    [second] = compiled.some(items, [1])
    assert loaded(second) == loaded(expected[1]) and "made" not in vars(items)
    assert [a.pk for a in items[1:]] == [expected[1].pk] and len(items) == 2 and items
    assert loaded(items[0]) == loaded(expected[0])


@pytest.mark.skipif(connection.vendor != "postgresql", reason="SQL compiled once: PostgreSQL")
def test_the_sql_is_compiled_once(articles, django_assert_num_queries):
    read(articles[0].live_version.slug)
    key = ("default", connection.settings_dict["NAME"], "objects", "test article")
    (sql, params), _shape = compiled.COMPILED[key]
    assert SLUG_SLOT in params
    read(articles[1].live_version.slug)
    assert compiled.COMPILED[key][0] == (sql, params)


def same(found, expected, joins):
    """The instances hold the same values and deferred fields, in the same order, joins too."""
    assert [obj.pk for obj in found] == [obj.pk for obj in expected]
    for got, want in zip(found, expected, strict=True):
        for path in ("", *joins):
            assert loaded(follow(got, path)) == loaded(follow(want, path)), path


def test_each_page_lookup_gives_what_its_queryset_gives(editor, reviewer, notices):
    """The article and FAQ entry pages read their alternates, tags, FAQ entries, related cards
    and placing articles from SQL compiled once (on PostgreSQL): for items with and without
    each of them, what the querysets built anew give."""
    from faq.models import Entry
    from invamed.site.blog_views import article_cards, placed_entries
    from invamed.site.faq_views import placing_articles
    from invamed.site.pages import alternates_of, version_tags

    tagged = factories.make_article(editor, tags=["spine", "Osteoporosis", "bone"])
    plain = factories.make_article(editor)
    articles = [factories.publish(item, reviewer) for item in (tagged, plain)]
    entries = [factories.publish(factories.make_entry(editor), reviewer) for _ in range(3)]
    for entry in reversed(entries[:2]):
        factories.place(entry, articles[0], editor, reviewer)
    for article in articles:
        factories.make_category("Omurga", language="tr", source=article.category)
    factories.publish(factories.translate(articles[0], tags=["omurga"]), reviewer)
    factories.translate(articles[1], title="Taslak")  # a draft translation: no alternate
    articles = list(Article.objects.filter(pk__in=[a.pk for a in articles]).order_by("pk"))

    for article in articles:
        version = article.live_version
        group = article.translation_group().filter(live_version__isnull=False)
        assert alternates_of(article) == {a.language: a.get_absolute_url() for a in group}
        tags = list(version.tags.all())
        assert [loaded(tag) for tag in version_tags(version)] == [loaded(tag) for tag in tags]
        expected = Entry.objects.answers().filter(placements__version=version)
        same(
            placed_entries(version).entries(),
            list(expected.order_by("placements__position", "placements__pk")),
            ("live_version", "live_version__category"),
        )
    assert (
        len(alternates_of(articles[0])) == 2 and len(placed_entries(articles[0].live_version)) == 2
    )

    ids = [article.pk for article in Article.objects.published()]
    in_bulk = Article.objects.cards().in_bulk(ids)
    same(
        sorted(article_cards(ids), key=lambda card: card.pk),
        [in_bulk[pk] for pk in sorted(in_bulk)],
        ("live_version", "live_version__category"),
    )
    assert list(article_cards([])) == []

    for entry in entries:
        expected = Article.objects.links().filter(live_version__faq_placements__entry=entry)
        same(placing_articles(entry), list(expected), ("live_version",))


def test_a_listing_pages_as_its_queryset_pages(editor, reviewer, django_assert_num_queries):
    """A Listing (a list page's items from SQL compiled once) gives DeferredJoinPaginator the
    count and, page by page, from either end of the list, the items of the queryset it is
    made from; iterated whole, all of them. A list with no item has an empty first page."""
    from django.core.paginator import EmptyPage, Paginator

    from invamed.site.pages import LANGUAGE_SLOT, DeferredJoinPaginator, Listing

    category = factories.make_category()
    for _ in range(7):
        factories.publish(factories.make_article(editor, category=category), reviewer)

    def cards(language, category_id):
        return (
            Article.objects.cards().in_language(language).filter(live_version__category=category_id)
        )

    def listing(category_id):
        return Listing(("test cards",), cards, [(LANGUAGE_SLOT, "en"), (-1, category_id)])

    built = Paginator(cards("en", category.pk), 3)
    paginator = DeferredJoinPaginator(listing(category.pk), 3)
    assert built.count == 7
    with django_assert_num_queries(1):
        assert paginator.count == 7
    for number in (1, 2, 3):  # the last page is read from the end of the list
        with django_assert_num_queries(1):
            page = list(paginator.page(number))
        same(page, list(built.page(number)), ("live_version", "live_version__category"))
    with pytest.raises(EmptyPage):
        paginator.page(4)
    same(list(listing(category.pk)), list(cards("en", category.pk)), ())
    assert listing(category.pk).exists()

    empty = factories.make_category()
    assert not listing(empty.pk).exists() and len(listing(empty.pk)) == 0
    assert list(DeferredJoinPaginator(listing(empty.pk), 3).page(1)) == []
