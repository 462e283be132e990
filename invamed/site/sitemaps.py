"""
sitemap.xml: live articles and FAQ entries, the categories and tags that lead to them, and the
site's fixed pages, in every language, each with its `xhtml:link` alternates in the other
languages where that page exists. Every list starts from `published()`; nothing a visitor would
get a 404 for is listed.

An item's last modification is when its live version went live, or its last review if that
came later: a re-review confirms the page and moves its "Last reviewed" date.
"""

from collections import defaultdict

from django.conf import settings
from django.contrib.sitemaps import Sitemap
from django.db.models import Max, OuterRef, Subquery

from blog.models import Article, Category
from faq.models import Entry, FAQCategory
from invamed.content.models import SitePage
from invamed.review.models import reverse_in

from .tags import public_tags


def last_change(item):
    """Publication of the live version, or the live sign-off when it is later."""
    reviewed = item.live_signoff.signed_at if item.live_signoff_id else None
    return max(filter(None, [item.published_at, reviewed]), default=None)


class AlternatesSitemap(Sitemap):
    """A sitemap whose entries name their translations (`xhtml:link rel="alternate"`).

    Each entry is one page in one language; `group_key(item)` names its translation group, and
    the entries of one group are each other's alternates, x-default being the page in the
    site's default language."""

    def group_key(self, item):
        return item.source_id or item.pk

    def language_of(self, item):
        return item.language

    def get_urls(self, page=1, site=None, protocol=None):
        urls = super().get_urls(page=page, site=site, protocol=protocol)
        groups = defaultdict(list)
        for url in urls:
            groups[self.group_key(url["item"])].append(url)
        for members in groups.values():
            if len(members) < 2:
                continue
            alternates = [
                {"lang_code": self.language_of(url["item"]), "location": url["location"]}
                for url in members
            ]
            default = next(
                (a for a in alternates if a["lang_code"] == settings.LANGUAGE_CODE), None
            )
            if default is not None:
                alternates.append({"lang_code": "x-default", "location": default["location"]})
            for url in members:
                url["alternates"] = alternates
        return urls


class LiveItemSitemap(AlternatesSitemap):
    """Live items of `model` (articles or FAQ entries), translations side by side."""

    changefreq = "monthly"
    model = None

    def items(self):
        return (
            self.model.objects.published()
            .select_related("live_signoff")
            .order_by("-first_published_at", "pk")
        )

    def lastmod(self, item):
        return last_change(item)


class ArticleSitemap(LiveItemSitemap):
    model = Article
    priority = 0.8


class EntrySitemap(LiveItemSitemap):
    model = Entry
    priority = 0.6


class LiveCategorySitemap(AlternatesSitemap):
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
            .order_by("language", "order", "name")
        )

    def lastmod(self, category):
        return category.last_published


class CategorySitemap(LiveCategorySitemap):
    model, item_model = Category, Article


class FAQCategorySitemap(LiveCategorySitemap):
    model, item_model = FAQCategory, Entry


class TagSitemap(Sitemap):
    """Tags in use on live articles or live FAQ entries (the tag indexes' lists)."""

    changefreq = "weekly"
    priority = 0.4

    def items(self):
        return public_tags().order_by("language", "name")


class StaticPagesSitemap(AlternatesSitemap):
    """Home, the INVAblog and FAQ indexes and the tag index, in every language."""

    changefreq = "daily"
    priority = 0.7
    names = ("home", "blog:index", "faq:index", "tag-index")

    def items(self):
        return [(name, code) for name in self.names for code, _name in settings.LANGUAGES]

    def location(self, item):
        name, code = item
        return reverse_in(code, name)

    def group_key(self, item):
        return item[0]

    def language_of(self, item):
        return item[1]


class SitePageSitemap(AlternatesSitemap):
    """The site's own pages (editorial policy, privacy, legal, contact) that are live."""

    changefreq = "monthly"
    priority = 0.3

    def group_key(self, page):
        return page.kind

    def items(self):
        return SitePage.objects.published().order_by("kind", "language")

    def lastmod(self, page):
        return last_change(page)


SITEMAPS = {
    "pages": StaticPagesSitemap,
    "site-pages": SitePageSitemap,
    "articles": ArticleSitemap,
    "categories": CategorySitemap,
    "tags": TagSitemap,
    "faq": EntrySitemap,
    "faq-categories": FAQCategorySitemap,
}
