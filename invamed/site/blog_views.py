"""INVAblog's public pages. Each starts from Article.objects.published()."""

from django.conf import settings
from django.db import connection
from django.db.models import Case, Count, IntegerField, Max, OuterRef, Q, Subquery, Value, When
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.views.generic import ListView

from blog.models import Article, Category, TaggedArticleVersion
from faq.models import Entry

from . import jsonld
from .pages import (
    Crumb,
    DeferredJoinPaginator,
    LiveCategoryView,
    LiveItemView,
    PublicPageMixin,
    current_language,
)

RELATED_LIMIT = 3
# Related articles are ranked among the newest versions carrying one of the article's tags:
# this many tag rows, so the ranking costs the same on a site of 100 or 100,000 articles.
RELATED_CANDIDATES = 300


def related_articles(article, limit=RELATED_LIMIT):
    """Live articles near `article`, in one query whose cost barely grows with the site.

    Ranked by the number of tags their live version shares with this one's, then same
    category, then newest first; never the article itself, never an unpublished one. The
    candidates are the newest RELATED_CANDIDATES tag rows of its tags (recent articles first,
    a bounded set however large the site), the ranking runs on narrow rows, and only the
    winners are loaded with their joins; the newest few of the same category stand in when
    fewer than `limit` articles share a tag.
    """
    version = article.live_version
    tag_ids = [tag.pk for tag in version.tags.all()]
    live = Article.objects.published().in_language(article.language).exclude(pk=article.pk)
    same_category = Case(
        When(live_version__category_id=version.category_id, then=Value(1)),
        default=Value(0),
        output_field=IntegerField(),
    )
    by_rank = ("-shared_tags", "-same_category", "-first_published_at", "-pk")
    recent_tagged = (
        TaggedArticleVersion.objects.filter(tag_id__in=tag_ids)
        .order_by("-content_object_id")
        .values("content_object_id")[:RELATED_CANDIDATES]
    )
    # same_category is the same for every row of an article; as an aggregate it stays out of
    # GROUP BY, where PostgreSQL would compare the CASE's bound parameters with the SELECT's.
    top_tagged = (
        live.filter(live_version_id__in=recent_tagged, live_version__tags__in=tag_ids)
        .values("pk")
        .annotate(shared_tags=Count("pk"), same_category=Max(same_category))
        .order_by(*by_rank)
        .values("pk")[:limit]
    )
    newest_in_category = (
        live.filter(live_version__category_id=version.category_id)
        .order_by("-first_published_at", "-pk")
        .values("pk")[:limit]
    )
    shared_tags = (
        TaggedArticleVersion.objects.filter(
            content_object_id=OuterRef("live_version_id"), tag_id__in=tag_ids
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
    return list(
        Article.objects.cards()
        .filter(candidates)
        .annotate(shared_tags=Coalesce(Subquery(shared_tags), 0), same_category=same_category)
        .order_by(*by_rank)[:limit]
    )


def blog_crumb():
    return Crumb("INVAblog", reverse("blog:index"))


class ArticleListView(PublicPageMixin, ListView):
    """INVAblog index: live articles, newest first, ten a page; a bad page number is a 404."""

    paginate_by = settings.INVAMED["PAGE_SIZE"]
    paginator_class = DeferredJoinPaginator
    template_name = "blog/article_list.html"

    def get_queryset(self):
        return Article.objects.cards().in_language(current_language())

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
    """The live FAQ entries placed on an article's `version`, in the signed order."""
    return list(
        Entry.objects.answers()
        .filter(placements__version=version)
        .order_by("placements__position", "placements__pk")
    )


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
        version = self.object.live_version
        return super().get_context_data(
            faq_entries=placed_entries(version), related=related_articles(self.object), **kwargs
        )

    def get_crumbs(self, context):
        return [blog_crumb(), Crumb(self.object.live_version.title, self.object.get_absolute_url())]

    def get_structured_data(self, context):
        url = self.request.build_absolute_uri(self.object.get_absolute_url())
        data = [jsonld.medical_web_page(self.request, self.object, context["version"], url)]
        if context["faq_entries"]:
            data.append(jsonld.faq_page(self.request, context["faq_entries"]))
        return data
