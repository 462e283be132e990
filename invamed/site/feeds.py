"""
RSS and Atom feeds of the latest live articles of the page's language: the whole INVAblog, one
category, one tag.

Every feed lists `Article.objects.published()` and shows the live version: its title, its
summary as the description (plain text, declared as such), its author, its tags as categories;
published = first publication, updated = publication of the live version. A category or tag
feed exists only while the category or tag has a live article (404 otherwise), like its page.
"""

from django.contrib.syndication.views import Feed
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed, Rss201rev2Feed
from django.utils.translation import gettext as _

from blog.models import Article, Category
from invamed.content.models import Tag
from invamed.text import clean_text

from .pages import current_language

FEED_LENGTH = 20


class PlainTextAtomFeed(Atom1Feed):
    """Atom whose entry summaries are plain text: what the site shows escaped stays text in
    every feed reader (Django's Atom feed declares them HTML)."""

    def add_item_elements(self, handler, item):
        super().add_item_elements(handler, {**item, "description": None})
        if item["description"] is not None:
            handler.addQuickElement("summary", item["description"], {"type": "text"})


class LatestArticlesFeed(Feed):
    feed_type = Rss201rev2Feed

    def title(self, obj=None):
        return _("INVAblog | INVAMED")

    def description(self, obj=None):
        return _("The latest articles of INVAblog, reviewed by INVAMED Medical Affairs.")

    def link(self, obj=None):
        return reverse("blog:index")

    def articles(self, obj):
        return Article.objects.published().in_language(current_language())

    def items(self, obj=None):
        return self.articles(obj).prefetch_related("live_version__tags")[:FEED_LENGTH]

    def item_title(self, item):
        return clean_text(item.live_version.title)

    def item_description(self, item):
        return clean_text(item.live_version.summary)

    def item_pubdate(self, item):
        return item.first_published_at

    def item_updateddate(self, item):
        return item.published_at

    def item_author_name(self, item):
        return clean_text(item.live_version.author.name)

    def item_categories(self, item):
        return [clean_text(tag.name) for tag in item.live_version.tags.all()]


class LatestArticlesAtomFeed(LatestArticlesFeed):
    feed_type = PlainTextAtomFeed

    def subtitle(self, obj=None):
        return self.description(obj)


class CategoryArticlesFeed(LatestArticlesFeed):
    """The latest live articles of one category (404 unless it has one)."""

    def get_object(self, request, slug):
        category = get_object_or_404(Category, language=current_language(), slug=slug)
        if not Article.objects.published().filter(live_version__category=category).exists():
            raise Http404("This category has no published articles.")
        return category

    def title(self, obj):
        return _("%(name)s | INVAblog | INVAMED") % {"name": clean_text(obj.name)}

    def description(self, obj):
        return _("The latest INVAblog articles in %(name)s.") % {"name": clean_text(obj.name)}

    def link(self, obj):
        return obj.get_absolute_url()

    def articles(self, obj):
        return super().articles(obj).filter(live_version__category=obj)


class CategoryArticlesAtomFeed(CategoryArticlesFeed):
    feed_type = PlainTextAtomFeed

    def subtitle(self, obj):
        return self.description(obj)


class TagArticlesFeed(LatestArticlesFeed):
    """The latest live articles carrying one tag (404 unless one does)."""

    def get_object(self, request, slug):
        tag = get_object_or_404(Tag, language=current_language(), slug=slug)
        if not Article.objects.published().filter(live_version__tags=tag).exists():
            raise Http404("No published article carries this tag.")
        return tag

    def title(self, obj):
        return _("%(name)s | INVAblog | INVAMED") % {"name": clean_text(obj.name)}

    def description(self, obj):
        return _("The latest INVAblog articles about %(name)s.") % {"name": clean_text(obj.name)}

    def link(self, obj):
        return obj.get_absolute_url()

    def articles(self, obj):
        return super().articles(obj).filter(live_version__tags=obj)


class TagArticlesAtomFeed(TagArticlesFeed):
    feed_type = PlainTextAtomFeed

    def subtitle(self, obj):
        return self.description(obj)
