from django.urls import path

from . import feeds, views

app_name = "blog"
urlpatterns = [
    path("", views.ArticleListView.as_view(), name="index"),
    path("feed/rss/", feeds.LatestArticlesFeed(), name="feed-rss"),
    path("feed/atom/", feeds.LatestArticlesAtomFeed(), name="feed-atom"),
    path("category/<slug:slug>/", views.CategoryView.as_view(), name="category"),
    path("category/<slug:slug>/feed/rss/", feeds.CategoryArticlesFeed(), name="category-feed-rss"),
    path(
        "category/<slug:slug>/feed/atom/",
        feeds.CategoryArticlesAtomFeed(),
        name="category-feed-atom",
    ),
    path("<slug:slug>/", views.ArticleDetailView.as_view(), name="article"),
]
