from django.urls import path

from . import views

app_name = "blog"
urlpatterns = [
    path("", views.ArticleListView.as_view(), name="index"),
    path("category/<slug:slug>/", views.CategoryView.as_view(), name="category"),
    path("<slug:slug>/", views.ArticleDetailView.as_view(), name="article"),
]
