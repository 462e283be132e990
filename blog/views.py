"""INVAblog's public pages. Each starts from Article.objects.published()."""

from django.conf import settings
from django.shortcuts import get_object_or_404
from django.views.generic import DetailView, ListView

from faq.models import Entry
from invamed.content.models import Notice

from .models import Article, Category


class ArticleListView(ListView):
    """INVAblog index: live articles, newest first, ten a page."""

    paginate_by = settings.INVAMED["PAGE_SIZE"]
    template_name = "blog/article_list.html"

    def get_queryset(self):
        return Article.objects.published()


class CategoryView(ListView):
    paginate_by = settings.INVAMED["PAGE_SIZE"]
    template_name = "blog/category_detail.html"

    def get_queryset(self):
        self.category = get_object_or_404(Category, slug=self.kwargs["slug"])
        return Article.objects.published().filter(live_version__category=self.category)

    def get_context_data(self, **kwargs):
        return super().get_context_data(category=self.category, **kwargs)


class ArticleDetailView(DetailView):
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
            faq_entries=Entry.objects.published().filter(article_links__article=article).order_by(
                "article_links__order", "article_links__pk"
            ),
            disclaimer=Notice.objects.default_for(Notice.Kind.DISCLAIMER),
            **kwargs,
        )
