"""INVAblog's public pages. Each starts from Article.objects.published()."""

from django.conf import settings
from django.db.models import Case, Count, IntegerField, Q, Value, When
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.views.generic import DetailView, ListView

from faq.models import Entry
from invamed import jsonld
from invamed.content.models import Notice
from invamed.views import Crumb, PublicPageMixin

from .models import Article, Category

RELATED_LIMIT = 3


def related_articles(article, limit=RELATED_LIMIT):
    """Live articles near `article`, in one query.

    Ranked by the number of tags their live version shares with this one's, then same
    category, then newest first; never the article itself, never an unpublished one.
    """
    version = article.live_version
    tag_ids = [tag.pk for tag in version.tags.all()]
    return list(
        Article.objects.published()
        .exclude(pk=article.pk)
        .annotate(
            shared_tags=Count(
                "live_version__tags", filter=Q(live_version__tags__in=tag_ids), distinct=True
            ),
            same_category=Case(
                When(live_version__category_id=version.category_id, then=Value(1)),
                default=Value(0),
                output_field=IntegerField(),
            ),
        )
        .filter(Q(shared_tags__gt=0) | Q(same_category=1))
        .order_by("-shared_tags", "-same_category", "-first_published_at", "-pk")[:limit]
    )


def blog_crumb():
    return Crumb("INVAblog", reverse("blog:index"))


class ArticleListView(PublicPageMixin, ListView):
    """INVAblog index: live articles, newest first, ten a page; a bad page number is a 404."""

    paginate_by = settings.INVAMED["PAGE_SIZE"]
    template_name = "blog/article_list.html"

    def get_queryset(self):
        return Article.objects.published()

    def get_crumbs(self, context):
        return [blog_crumb()]


class CategoryView(PublicPageMixin, ListView):
    paginate_by = settings.INVAMED["PAGE_SIZE"]
    template_name = "blog/category_detail.html"

    def get_queryset(self):
        self.category = get_object_or_404(Category, slug=self.kwargs["slug"])
        return Article.objects.published().filter(live_version__category=self.category)

    def get_context_data(self, **kwargs):
        return super().get_context_data(category=self.category, **kwargs)

    def get_crumbs(self, context):
        return [blog_crumb(), Crumb(self.category.name, self.category.get_absolute_url())]


class ArticleDetailView(PublicPageMixin, DetailView):
    """The article page (product.md section 1): the live version and its sign-off."""

    template_name = "blog/article_detail.html"

    def get_queryset(self):
        return (
            Article.objects.published()
            .select_related("live_version__notice", "live_signoff__reviewer__reviewer_profile")
            .prefetch_related("live_version__tags")
        )

    def get_context_data(self, **kwargs):
        article = self.object
        return super().get_context_data(
            version=article.live_version,
            faq_entries=list(
                Entry.objects.published()
                .filter(article_links__article=article)
                .order_by("article_links__order", "article_links__pk")
            ),
            disclaimer=Notice.objects.default_for(Notice.Kind.DISCLAIMER),
            related=related_articles(article),
            **kwargs,
        )

    def get_crumbs(self, context):
        return [blog_crumb(), Crumb(self.object.live_version.title, self.object.get_absolute_url())]

    def get_structured_data(self, context):
        url = self.request.build_absolute_uri(self.object.get_absolute_url())
        data = [jsonld.medical_web_page(self.request, self.object, context["version"], url)]
        if context["faq_entries"]:
            data.append(jsonld.faq_page(self.request, context["faq_entries"]))
        return data
