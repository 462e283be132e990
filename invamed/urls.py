"""Root URLs: the public site, the admin and the editor's image upload."""

from django.conf import settings
from django.contrib import admin
from django.urls import include, path

from invamed import uploads

urlpatterns = [
    path("", include("invamed.site.urls")),
    path("admin/richtext/upload-image/", uploads.upload_image, name="richtext-image-upload"),
    path("admin/", admin.site.urls),
]

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

handler500 = "invamed.site.views.server_error"
