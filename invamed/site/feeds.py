"""
RSS and Atom feeds of the latest live articles: the whole INVAblog, one category, one tag.

Every feed lists `Article.objects.published()` and shows the live version: its title, its
summary as the description, its author, its tags as categories; published = first
publication, updated = publication of the live version.
"""

from django.contrib.syndication.views import Feed
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from taggit.models import Tag

from blog.models import Article, Category

FEED_LENGTH = 20


class LatestArticlesFeed(Feed):
    title = "INVAblog | INVAMED"
    description = "The latest articles of INVAblog, reviewed by INVAMED Medical Affairs."

    def link(self):
        return reverse("blog:index")

    def articles(self, obj):
        return Article.objects.published()

    def items(self, obj=None):
        return self.articles(obj).prefetch_related("live_version__tags")[:FEED_LENGTH]

    def item_title(self, item):
        return item.live_version.title

    def item_description(self, item):
        return item.live_version.summary

    def item_pubdate(self, item):
        return item.first_published_at

    def item_updateddate(self, item):
        return item.published_at

    def item_author_name(self, item):
        return item.live_version.author.name

    def item_categories(self, item):
        return [tag.name for tag in item.live_version.tags.all()]


class LatestArticlesAtomFeed(LatestArticlesFeed):
    feed_type = Atom1Feed
    subtitle = LatestArticlesFeed.description


class CategoryArticlesFeed(LatestArticlesFeed):
    """The latest live articles of one category (404 for an unknown category)."""

    def get_object(self, request, slug):
        return get_object_or_404(Category, slug=slug)

    def title(self, obj):
        return f"{obj.name} | INVAblog | INVAMED"

    def description(self, obj):
        return f"The latest INVAblog articles in {obj.name}."

    def link(self, obj):
        return obj.get_absolute_url()

    def articles(self, obj):
        return Article.objects.published().filter(live_version__category=obj)


class CategoryArticlesAtomFeed(CategoryArticlesFeed):
    feed_type = Atom1Feed

    def subtitle(self, obj):
        return self.description(obj)


class TagArticlesFeed(LatestArticlesFeed):
    """The latest live articles carrying one tag (404 for an unknown tag)."""

    def get_object(self, request, slug):
        return get_object_or_404(Tag, slug=slug)

    def title(self, obj):
        return f"{obj.name} | INVAblog | INVAMED"

    def description(self, obj):
        return f"The latest INVAblog articles about {obj.name}."

    def link(self, obj):
        return reverse("tag", kwargs={"slug": obj.slug})

    def articles(self, obj):
        return Article.objects.published().filter(live_version__tags=obj)


class TagArticlesAtomFeed(TagArticlesFeed):
    feed_type = Atom1Feed

    def subtitle(self, obj):
        return self.description(obj)
