"""Root URLs. Every route is named; templates and models use reverse()/{% url %}."""

from django.conf import settings
from django.contrib import admin
from django.urls import include, path

from invamed import search, views

urlpatterns = [
    path("", views.HomeView.as_view(), name="home"),
    path("invablog/", include("blog.urls")),
    path("faq/", include("faq.urls")),
    path("tags/", views.TagIndexView.as_view(), name="tag-index"),
    path("tags/<str:slug>/", views.TagDetailView.as_view(), name="tag"),
    path("reviewers/<slug:slug>/", views.ReviewerProfileView.as_view(), name="reviewer-profile"),
    path("editorial-policy/", views.EditorialPolicyView.as_view(), name="editorial-policy"),
    path("search/", search.search, name="search"),
    path("admin/", admin.site.urls),
]

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

handler500 = "invamed.views.server_error"
