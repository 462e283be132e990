"""
sitemap.xml: live articles and FAQ entries, the categories and tags that lead to them, and the
site's fixed pages. Every list starts from `published()`; nothing a visitor would get a 404 for
is listed.

An item's last modification is when its live version went live, or its last review if that
came later: a re-review confirms the page and moves its "Last reviewed" date.
"""

from django.contrib.sitemaps import Sitemap
from django.db.models import Max, OuterRef, Subquery
from django.urls import reverse

from blog.models import Article, Category
from faq.models import Entry, FAQCategory
from invamed.content.models import EditorialPolicy
from invamed.site.views import public_tags


def last_change(item):
    """Publication of the live version, or the live sign-off when it is later."""
    reviewed = item.live_signoff.signed_at if item.live_signoff_id else None
    return max(filter(None, [item.published_at, reviewed]), default=None)


class LiveItemSitemap(Sitemap):
    """Live items of `model` (articles or FAQ entries)."""

    changefreq = "monthly"
    model = None

    def items(self):
        return self.model.objects.published().select_related("live_signoff")

    def lastmod(self, item):
        return last_change(item)


class ArticleSitemap(LiveItemSitemap):
    model = Article
    priority = 0.8


class EntrySitemap(LiveItemSitemap):
    model = Entry
    priority = 0.6


class LiveCategorySitemap(Sitemap):
    """Categories with at least one live item of `item_model`; last change = its newest one."""

    changefreq = "weekly"
    priority = 0.5
    model = item_model = None

    def items(self):
        live = self.item_model.objects.published().order_by()
        return (
            self.model.objects.filter(pk__in=live.values("live_version__category"))
            .annotate(
                last_published=Subquery(
                    live.filter(live_version__category=OuterRef("pk"))
                    .values("live_version__category")
                    .annotate(latest=Max("published_at"))
                    .values("latest")
                )
            )
            .order_by("order", "name")
        )

    def lastmod(self, category):
        return category.last_published


class CategorySitemap(LiveCategorySitemap):
    model, item_model = Category, Article


class FAQCategorySitemap(LiveCategorySitemap):
    model, item_model = FAQCategory, Entry


class TagSitemap(Sitemap):
    """Tags in use on live articles or live FAQ entries (the tag index's list)."""

    changefreq = "weekly"
    priority = 0.4

    def items(self):
        return public_tags()

    def location(self, tag):
        return reverse("tag", kwargs={"slug": tag.slug})


class StaticPagesSitemap(Sitemap):
    """Home, the INVAblog and FAQ indexes, the tag index and, when published, the policy."""

    changefreq = "daily"
    priority = 0.7

    def items(self):
        pages = ["home", "blog:index", "faq:index", "tag-index"]
        if EditorialPolicy.objects.published().exists():
            pages.append("editorial-policy")
        return pages

    def location(self, name):
        return reverse(name)


SITEMAPS = {
    "pages": StaticPagesSitemap,
    "articles": ArticleSitemap,
    "categories": CategorySitemap,
    "tags": TagSitemap,
    "faq": EntrySitemap,
    "faq-categories": FAQCategorySitemap,
}
