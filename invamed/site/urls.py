"""The public site's routes. Every route is named; templates and models use reverse()/{% url %}."""

from django.contrib.sitemaps.views import sitemap
from django.urls import include, path, register_converter
from django.urls.converters import StringConverter
from django.views.generic import TemplateView

from . import blog_views, faq_views, feeds, search, views
from .sitemaps import SITEMAPS


class TagSlugConverter(StringConverter):
    """A tag's slug: any letters (taggit keeps "kırık" as it is), but no "/" and no control
    character. A NUL could not even be looked up in PostgreSQL (its text cannot hold one), so
    such an address is simply not a tag's: 404."""

    regex = r"[^/\x00-\x1f\x7f]+"


register_converter(TagSlugConverter, "tag")

blog_patterns = [
    path("", blog_views.ArticleListView.as_view(), name="index"),
    path("feed/rss/", feeds.LatestArticlesFeed(), name="feed-rss"),
    path("feed/atom/", feeds.LatestArticlesAtomFeed(), name="feed-atom"),
    path("category/<slug:slug>/", blog_views.CategoryView.as_view(), name="category"),
    path("category/<slug:slug>/feed/rss/", feeds.CategoryArticlesFeed(), name="category-feed-rss"),
    path(
        "category/<slug:slug>/feed/atom/",
        feeds.CategoryArticlesAtomFeed(),
        name="category-feed-atom",
    ),
    path("<slug:slug>/", blog_views.ArticleDetailView.as_view(), name="article"),
]

faq_patterns = [
    path("", faq_views.FAQIndexView.as_view(), name="index"),
    path("topics/<slug:slug>/", faq_views.FAQCategoryView.as_view(), name="category"),
    path("<slug:slug>/", faq_views.EntryDetailView.as_view(), name="entry"),
]

urlpatterns = [
    path("", views.HomeView.as_view(), name="home"),
    path("invablog/", include((blog_patterns, "blog"))),
    path("faq/", include((faq_patterns, "faq"))),
    path("tags/", views.TagIndexView.as_view(), name="tag-index"),
    path("tags/<tag:slug>/", views.TagDetailView.as_view(), name="tag"),
    path("tags/<tag:slug>/questions/", views.TagQuestionsView.as_view(), name="tag-questions"),
    path("tags/<tag:slug>/feed/rss/", feeds.TagArticlesFeed(), name="tag-feed-rss"),
    path("tags/<tag:slug>/feed/atom/", feeds.TagArticlesAtomFeed(), name="tag-feed-atom"),
    path("reviewers/<slug:slug>/", views.ReviewerProfileView.as_view(), name="reviewer-profile"),
    path("editorial-policy/", views.EditorialPolicyView.as_view(), name="editorial-policy"),
    path("search/", search.search, name="search"),
    path("sitemap.xml", sitemap, {"sitemaps": SITEMAPS}, name="sitemap"),
    path(
        "robots.txt",
        TemplateView.as_view(template_name="robots.txt", content_type="text/plain"),
        name="robots",
    ),
]
