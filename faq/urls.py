from django.urls import path

from . import views

app_name = "faq"
urlpatterns = [
    path("", views.FAQIndexView.as_view(), name="index"),
    path("topics/<slug:slug>/", views.FAQCategoryView.as_view(), name="category"),
    path("<slug:slug>/", views.EntryDetailView.as_view(), name="entry"),
]
