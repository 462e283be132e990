"""The review app's tests' URLs: the admin, the image library it links to, a memo's page."""

from django.contrib import admin
from django.urls import include, path

from tests.review_app.testapp.views import MemoDetailView

urlpatterns = [
    path("admin/", admin.site.urls),
    path("", include("invamed.images.urls")),
    path("memos/<slug:slug>/", MemoDetailView.as_view(), name="memo"),
]

handler404 = "tests.review_app.testapp.views.not_found"
