"""Root URLs: the public site in every language, the admin and the editor's image upload."""

from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path
from django.utils.translation import gettext_lazy

from invamed.site import urls as site_urls

# A person sets their own password from an e-mailed link (never a site administrator for them),
# on the admin's pages, under its prefix (never cached, the admin's security policy).
password_reset = [
    path("password_reset/", auth_views.PasswordResetView.as_view(), name="admin_password_reset"),
    path(
        "password_reset/done/",
        auth_views.PasswordResetDoneView.as_view(),
        name="password_reset_done",
    ),
    path(
        "reset/<uidb64>/<token>/",
        auth_views.PasswordResetConfirmView.as_view(),
        name="password_reset_confirm",
    ),
    path(
        "reset/done/",
        auth_views.PasswordResetCompleteView.as_view(),
        name="password_reset_complete",
    ),
]

urlpatterns = [
    *site_urls.language_neutral,
    path("", include("invamed.images.urls")),
    path("admin/", include(password_reset)),
    path("admin/", admin.site.urls),
    # Every public page in every language: /en/…, /tr/….
    *i18n_patterns(path("", include(site_urls.urlpatterns)), prefix_default_language=True),
]

handler500 = "invamed.site.views.server_error"

# The admin is the editorial desk: its header says whose, in the reader's language.
admin.site.site_header = gettext_lazy("INVAMED editorial")
admin.site.site_title = gettext_lazy("INVAMED editorial")
admin.site.index_title = gettext_lazy("Editorial desk")
