"""Root URLs. Every route is named; templates and models use reverse()/{% url %}."""

from django.contrib import admin
from django.contrib.sitemaps.views import sitemap
from django.urls import include, path, register_converter
from django.urls.converters import StringConverter
from django.views.generic import TemplateView

from blog.feeds import TagArticlesAtomFeed, TagArticlesFeed
from invamed import search, views
from invamed.sitemaps import SITEMAPS


class TagSlugConverter(StringConverter):
    """A tag's slug: any letters (taggit keeps "kırık" as it is), but no "/" and no control
    character. A NUL could not even be looked up in PostgreSQL (its text cannot hold one), so
    such an address is simply not a tag's: 404."""

    regex = r"[^/\x00-\x1f\x7f]+"


register_converter(TagSlugConverter, "tag")

urlpatterns = [
    path("", views.HomeView.as_view(), name="home"),
    path("invablog/", include("blog.urls")),
    path("faq/", include("faq.urls")),
    path("tags/", views.TagIndexView.as_view(), name="tag-index"),
    path("tags/<tag:slug>/", views.TagDetailView.as_view(), name="tag"),
    path("tags/<tag:slug>/questions/", views.TagQuestionsView.as_view(), name="tag-questions"),
    path("tags/<tag:slug>/feed/rss/", TagArticlesFeed(), name="tag-feed-rss"),
    path("tags/<tag:slug>/feed/atom/", TagArticlesAtomFeed(), name="tag-feed-atom"),
    path("reviewers/<slug:slug>/", views.ReviewerProfileView.as_view(), name="reviewer-profile"),
    path("editorial-policy/", views.EditorialPolicyView.as_view(), name="editorial-policy"),
    path("search/", search.search, name="search"),
    path("sitemap.xml", sitemap, {"sitemaps": SITEMAPS}, name="sitemap"),
    path(
        "robots.txt",
        TemplateView.as_view(template_name="robots.txt", content_type="text/plain"),
        name="robots",
    ),
    path("", include("invamed.images.urls")),
    path("admin/", admin.site.urls),
]

handler500 = "invamed.views.server_error"
