"""INVAblog's public pages. Each starts from Article.objects.published()."""

from django.conf import settings
from django.db import connection
from django.db.models import Case, Count, IntegerField, Max, OuterRef, Q, Subquery, Value, When
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.views.generic import ListView

from blog.models import Article, Category, TaggedArticleVersion
from faq.models import Entry

from . import compiled, jsonld
from .faq_views import Answers
from .pages import (
    IDS_SLOT,
    ITEM_SLOT,
    LANGUAGE_SLOT,
    Crumb,
    DeferredJoinPaginator,
    Listing,
    LiveCategoryView,
    LiveItemView,
    PublicPageMixin,
    current_language,
)

RELATED_LIMIT = 3
# Related articles are ranked among the newest versions carrying one of the article's tags:
# this many tag rows, so the ranking costs the same on a site of 100 or 100,000 articles.
RELATED_CANDIDATES = 300


# Slots of the related articles' SQL compiled once (invamed.site.compiled): no article,
# category or tag has a negative id.
ARTICLE_SLOT, CATEGORY_SLOT, TAGS_SLOT = -1, -2, [-3]


def related_articles(article, tags, limit=RELATED_LIMIT):
    """Live articles near `article`, whose live version carries `tags` (see related_ranking),
    in two queries whose cost barely grows with the site: the ranking, run on PostgreSQL from
    SQL compiled once, then the winners' cards."""
    version = article.live_version
    ranked = [
        pk
        for (pk,) in compiled.rows(
            ("related articles", article.language, limit),
            lambda pk, category_id, tag_ids: related_ranking(
                pk, article.language, category_id, tag_ids, limit
            ),
            [
                (ARTICLE_SLOT, article.pk),
                (CATEGORY_SLOT, version.category_id),
                (TAGS_SLOT, [tag.pk for tag in tags]),
            ],
        )
    ]
    cards = article_cards(ranked)
    position = {pk: n for n, pk in enumerate(cards.loaded.column("id"))}
    return compiled.Items(cards.loaded.part([position[pk] for pk in ranked if pk in position]))


def article_cards(ids):
    """The cards of the live articles of `ids`, in no order (compiled.Items)."""
    return compiled.items(
        ("article cards",),
        lambda ids: Article.objects.cards().filter(compiled.is_one_of("pk", ids)).order_by(),
        [(IDS_SLOT, ids)],
    )


def related_ranking(pk, language, category_id, tag_ids, limit):
    """The pks of the `limit` live articles of `language` nearest the article `pk`.

    Ranked by the number of tags their live version shares with `tag_ids`, then same category
    (`category_id`), then newest first; never the article itself, never an unpublished one.
    The candidates are the newest RELATED_CANDIDATES tag rows of those tags (recent articles
    first, a bounded set however large the site) and the ranking runs on narrow rows; the
    newest few of the same category stand in when fewer than `limit` articles share a tag.
    """
    live = Article.objects.published().in_language(language).exclude(pk=pk)
    same_category = Case(
        When(live_version__category_id=category_id, then=Value(1)),
        default=Value(0),
        output_field=IntegerField(),
    )
    by_rank = ("-shared_tags", "-same_category", "-first_published_at", "-pk")
    recent_tagged = (
        TaggedArticleVersion.objects.filter(compiled.is_one_of("tag_id", tag_ids))
        .order_by("-content_object_id")
        .values("content_object_id")[:RELATED_CANDIDATES]
    )
    # same_category is the same for every row of an article; as an aggregate it stays out of
    # GROUP BY, where PostgreSQL would compare the CASE's bound parameters with the SELECT's.
    top_tagged = (
        live.filter(
            compiled.is_one_of("live_version__taggedarticleversion__tag_id", tag_ids),
            live_version_id__in=recent_tagged,
        )
        .values("pk")
        .annotate(shared_tags=Count("pk"), same_category=Max(same_category))
        .order_by(*by_rank)
        .values("pk")[:limit]
    )
    newest_in_category = (
        live.filter(live_version__category_id=category_id)
        .order_by("-first_published_at", "-pk")
        .values("pk")[:limit]
    )
    shared_tags = (
        TaggedArticleVersion.objects.filter(
            compiled.is_one_of("tag_id", tag_ids), content_object_id=OuterRef("live_version_id")
        )
        .order_by()
        .values("content_object_id")
        .annotate(n=Count("pk"))
        .values("n")
    )
    if connection.features.supports_slicing_ordering_in_compound:  # PostgreSQL
        candidates = Q(pk__in=top_tagged.union(newest_in_category, all=True))
    else:  # SQLite cannot LIMIT inside a UNION.
        candidates = Q(pk__in=top_tagged) | Q(pk__in=newest_in_category)
    return (
        Article.objects.filter(candidates)
        .annotate(shared_tags=Coalesce(Subquery(shared_tags), 0), same_category=same_category)
        .order_by(*by_rank)
        .values_list("pk")[:limit]
    )


def blog_crumb():
    return Crumb("INVAblog", reverse("blog:index"))


class ArticleListView(PublicPageMixin, ListView):
    """INVAblog index: live articles, newest first, ten a page; a bad page number is a 404."""

    paginate_by = settings.INVAMED["PAGE_SIZE"]
    paginator_class = DeferredJoinPaginator
    template_name = "blog/article_list.html"

    def get_queryset(self):
        return Listing(
            ("INVAblog",),
            lambda language: Article.objects.cards().in_language(language),
            [(LANGUAGE_SLOT, current_language())],
        )

    def get_crumbs(self, context):
        return [blog_crumb()]


class CategoryView(LiveCategoryView):
    paginate_by = settings.INVAMED["PAGE_SIZE"]
    paginator_class = DeferredJoinPaginator
    template_name = "blog/category_detail.html"
    category_model = Category

    def items(self, language):
        published = Article.objects.cards()
        return published if language is None else published.in_language(language)

    def section_crumb(self):
        return blog_crumb()


def placed_entries(version):
    """The live FAQ entries placed on an article's `version`, in the signed order (Answers)."""
    placed = compiled.loaded(
        ("placed entries",),
        lambda version_id: (
            Entry.objects.answers()
            .filter(placements__version=version_id)
            .order_by("placements__position", "placements__pk")
        ),
        [(ITEM_SLOT, version.pk)],
    )
    return Answers.read(placed)


class ArticleDetailView(LiveItemView):
    """The article page, element by element as the reference page has it: the live version and
    its sign-off.

    Everything on it comes from the live version: its text, its references and FAQ placements
    (as signed), its notice (the notice's own live version) and its tags.
    """

    model = Article
    text_field = "body"
    template_name = "blog/article_detail.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(
            faq_entries=placed_entries(self.object.live_version), **kwargs
        )
        context["related"] = related_articles(self.object, context["tags"])
        return context

    def get_crumbs(self, context):
        return [blog_crumb(), Crumb(self.object.live_version.title, self.object.get_absolute_url())]

    def get_structured_data(self, context):
        url = self.request.build_absolute_uri(self.object.get_absolute_url())
        data = [
            jsonld.medical_web_page(
                self.request, self.object, context["version"], context["tags"], url
            )
        ]
        if context["faq_entries"]:
            data.append(jsonld.kept_faq_page(self.request, context["faq_entries"]))
        return data
