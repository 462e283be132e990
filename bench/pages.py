"""
The public pages the benchmark measures, as data: each page type once, how to find a typical
address of it on the site in the database, and its goal on a cache miss.

A language is a dimension of the list, not a copy of it: every page type is found under each
of LANGUAGES, among that language's items (reverse() inside translation.override gives the
prefixed address), and measured as a row of its own, named with its language, with the same
goal.
"""

from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.db.models import Count
from django.urls import reverse
from django.utils import translation

LANGUAGES = ("en", "tr")

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
    language: str | None  # None: an address outside the languages' prefixes (the floor)
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
    PageType(
        "reviewer's articles",
        lambda site: reverse("reviewer-articles", kwargs={"slug": site["reviewer"].slug}),
    ),
    PageType("search", lambda site: reverse("search") + "?q=kyphoplasty", miss_goal=10),
    PageType("editorial policy", lambda site: site["policy"].get_absolute_url()),
]

# The cheapest response Django gives through the whole production stack: robots.txt, a
# four-line template with no SQL. Its miss is what any page's miss costs before the page does
# any work of its own (middleware, URL resolver, a template). Outside the languages' prefixes,
# it varies with Accept-Language, so the page cache never stores it.
FLOOR = PageType("floor: robots.txt", lambda site: reverse("robots"), miss_goal=None)


def typical_site(language):
    """The items the pages show in `language`, chosen to be typical but not empty."""
    from blog.models import Article, Category
    from faq.models import Entry, FAQCategory
    from invamed.content.models import SitePage, Tag
    from invamed.review.models import ReviewerProfile

    live_articles = Article.objects.published().in_language(language)
    return {
        "last_page": max(1, -(-live_articles.count() // settings.INVAMED["PAGE_SIZE"])),
        "category": Category.objects.filter(language=language).order_by("order", "pk").first(),
        "article": live_articles.annotate(n=Count("faq_placements")).order_by("-n", "pk").first(),
        "tag": Tag.objects.filter(language=language)
        .annotate(n=Count("blog_taggedarticleversion_items"))
        .order_by("-n", "pk")
        .first(),
        "faq_category": FAQCategory.objects.filter(language=language)
        .annotate(n=Count("entries"))
        .order_by("-n", "pk")
        .first(),
        "entry": Entry.objects.published()
        .in_language(language)
        .annotate(n=Count("placements"))
        .order_by("-n", "pk")
        .first(),
        "reviewer": ReviewerProfile.objects.public().order_by("pk").first(),
        "policy": SitePage.objects.published()
        .in_language(language)
        .get(kind=SitePage.Kind.EDITORIAL_POLICY),
    }


def public_pages(sites=None, types=PAGE_TYPES, languages=LANGUAGES):
    """Every page type under every language, as Page rows, in the order of `types`.

    `sites` maps a language to its typical_site(); by default they are read from the database.
    """
    sites = sites or {language: typical_site(language) for language in languages}
    pages = []
    for page_type in types:
        for language in languages:
            with translation.override(language):
                pages.append(Page(page_type, language, page_type.path(sites[language])))
    return pages


def floor_page():
    return public_pages({None: {}}, [FLOOR], [None])[0]
