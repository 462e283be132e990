"""The public site's routes. `urlpatterns` exist in every language (the root URLconf puts
them under /en/…, /tr/…); `language_neutral` are the few that have no language. Every route is
named; templates and models use reverse()/{% url %}."""

from django.contrib.sitemaps.views import sitemap
from django.urls import include, path
from django.views.generic import TemplateView

from blog.models import Article
from faq.models import Entry

from . import blog_views, faq_views, feeds, report_views, search, views
from .sitemaps import SITEMAPS


def report_patterns(kind):
    """A visitor's report on an article or an FAQ entry, below its address."""
    return [
        path("<slug:slug>/report/", report_views.ReportView.as_view(kind=kind), name="report"),
        path(
            "<slug:slug>/report/sent/",
            report_views.ReportSentView.as_view(kind=kind),
            name="report-sent",
        ),
    ]


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
    *report_patterns("article"),
]

faq_patterns = [
    path("", faq_views.FAQIndexView.as_view(), name="index"),
    path("topics/<slug:slug>/", faq_views.FAQCategoryView.as_view(), name="category"),
    path("<slug:slug>/", faq_views.EntryDetailView.as_view(), name="entry"),
    *report_patterns("entry"),
]

site_pages = [
    path(f"{kind}/", views.SitePageView.as_view(), {"kind": kind}, name=kind)
    for kind in views.SitePageView.kinds()
]

urlpatterns = [
    path("", views.HomeView.as_view(), name="home"),
    path("invablog/", include((blog_patterns, "blog"))),
    path("faq/", include((faq_patterns, "faq"))),
    path("tags/", views.TagIndexView.as_view(), name="tag-index"),
    path("tags/<slug:slug>/", views.TagDetailView.as_view(), name="tag"),
    path("tags/<slug:slug>/questions/", views.TagQuestionsView.as_view(), name="tag-questions"),
    path("tags/<slug:slug>/feed/rss/", feeds.TagArticlesFeed(), name="tag-feed-rss"),
    path("tags/<slug:slug>/feed/atom/", feeds.TagArticlesAtomFeed(), name="tag-feed-atom"),
    path("reviewers/<slug:slug>/", views.ReviewerProfileView.as_view(), name="reviewer-profile"),
    path(
        "reviewers/<slug:slug>/articles/",
        views.ReviewerSignedView.as_view(model=Article),
        name="reviewer-articles",
    ),
    path(
        "reviewers/<slug:slug>/answers/",
        views.ReviewerSignedView.as_view(model=Entry),
        name="reviewer-answers",
    ),
    path("notices/<int:pk>/", views.NoticeView.as_view(), name="notice"),
    path("search/", search.search, name="search"),
    *site_pages,
]

language_neutral = [
    path("", views.language_home, name="root"),
    path("sitemap.xml", sitemap, {"sitemaps": SITEMAPS}, name="sitemap"),
    path(
        "robots.txt",
        TemplateView.as_view(template_name="robots.txt", content_type="text/plain"),
        name="robots",
    ),
]
