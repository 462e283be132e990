"""
The public pages the benchmark measures, as data: each page type once, how to find a typical
address of it on the site in the database, and its goal on a cache miss.

A language is a dimension of the list, not a copy of it. LANGUAGES holds the languages the
site's addresses carry (None: today's addresses, without a prefix). When the site serves every
page at /en/… and /tr/…, LANGUAGES becomes ("en", "tr"): each page type is then found under each
language (reverse() inside translation.override gives the prefixed address) and measured as a
row of its own, named with its language, with the same goal.
"""

from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.db.models import Count
from django.urls import reverse
from django.utils import translation

LANGUAGES = (None,)

# Goals: the most worker CPU a cache miss of the page may take per request, as a multiple of
# the floor's (robots.txt through the whole stack, a miss too).
DEFAULT_MISS_GOAL = 6


@dataclass(frozen=True)
class PageType:
    name: str
    path: Any  # site -> the page's path on that site (see typical_site)
    miss_goal: float = DEFAULT_MISS_GOAL


@dataclass(frozen=True)
class Page:
    type: PageType
    language: str | None
    path: str

    @property
    def name(self):
        return f"{self.type.name} ({self.language})" if self.language else self.type.name


PAGE_TYPES = [
    PageType("home", lambda site: reverse("home")),
    PageType("INVAblog index, first page", lambda site: reverse("blog:index")),
    PageType(
        "INVAblog index, last page",
        lambda site: reverse("blog:index") + f"?page={site['last_page']}",
    ),
    PageType("category", lambda site: site["category"].get_absolute_url()),
    PageType("article", lambda site: site["article"].get_absolute_url(), miss_goal=8),
    PageType("tag", lambda site: reverse("tag", kwargs={"slug": site["tag"].slug})),
    PageType("tag index", lambda site: reverse("tag-index")),
    PageType("FAQ index", lambda site: reverse("faq:index")),
    PageType("FAQ category", lambda site: site["faq_category"].get_absolute_url()),
    PageType("FAQ entry", lambda site: site["entry"].get_absolute_url()),
    PageType("reviewer profile", lambda site: site["reviewer"].get_absolute_url()),
    PageType("search", lambda site: reverse("search") + "?q=kyphoplasty", miss_goal=10),
]

# The cheapest response Django gives through the whole production stack: robots.txt, a
# four-line template with no SQL. Its miss is what any page's miss costs before the page does
# any work of its own (middleware, URL resolver, a template, storing the page in Redis).
FLOOR = PageType("floor: robots.txt", lambda site: reverse("robots"), miss_goal=None)


def typical_site():
    """The items the pages show, chosen to be typical but not empty, from the database."""
    from taggit.models import Tag

    from blog.models import Article, Category
    from faq.models import Entry, FAQCategory
    from invamed.review.models import ReviewerProfile

    live_articles = Article.objects.published()
    return {
        "last_page": max(1, -(-live_articles.count() // settings.INVAMED["PAGE_SIZE"])),
        "category": Category.objects.order_by("order", "pk").first(),
        "article": live_articles.annotate(n=Count("faq_links")).order_by("-n", "pk").first(),
        "tag": Tag.objects.annotate(n=Count("blog_taggedarticleversion_items"))
        .order_by("-n", "pk")
        .first(),
        "faq_category": FAQCategory.objects.annotate(n=Count("entries"))
        .order_by("-n", "pk")
        .first(),
        "entry": Entry.objects.published()
        .annotate(n=Count("article_links"))
        .order_by("-n", "pk")
        .first(),
        "reviewer": ReviewerProfile.objects.public().order_by("pk").first(),
    }


def public_pages(site=None, types=PAGE_TYPES, languages=LANGUAGES):
    """Every page type under every language, as Page rows, in the order of `types`."""
    site = site or typical_site()
    pages = []
    for page_type in types:
        for language in languages:
            if language is None:
                pages.append(Page(page_type, None, page_type.path(site)))
            else:
                with translation.override(language):
                    pages.append(Page(page_type, language, page_type.path(site)))
    return pages


def floor_page():
    return public_pages({}, [FLOOR], [None])[0]
