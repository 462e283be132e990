"""The library's public addresses: an image's stable address, and media from local disk."""

from django.conf import settings
from django.urls import path, register_converter

from . import references, views


class ImageIdConverter:
    regex = references.ID

    def to_python(self, value):
        return int(value)

    def to_url(self, value):
        return str(value)


register_converter(ImageIdConverter, "image_id")

app_name = "images"

urlpatterns = [
    # Rich text refers to images by this address (references.py).
    path("images/<image_id:pk>/", views.image, name="image"),
]

# Media on local disk are served here, content-addressed names only (views.media); with
# object storage (settings.MEDIA_S3_BUCKET) the bucket or a CDN in front of it serves them.
if settings.SERVE_MEDIA:
    urlpatterns.append(
        path(f"{settings.MEDIA_URL.lstrip('/')}<path:name>", views.media, name="media")
    )
