"""
Media on local disk, served by the application: the library's content-addressed files only,
with far-future cache headers; an image's stable address; and no request, anonymous or not,
ever writes a file.
"""

import os

import pytest
from django.urls import reverse

from invamed.images import names
from invamed.images.models import Image, ImageFile, Rendition
from tests import factories

from .pictures import library_image, picture, upload

pytestmark = pytest.mark.django_db


def body(response):
    return b"".join(response.streaming_content)


def test_a_rendition_is_served_from_disk_with_far_future_cache_headers(client, disk_media):
    image = library_image()
    for rendition in image.file.renditions.all():
        response = client.get(rendition.url)
        assert response.status_code == 200, rendition.url
        assert response["Content-Type"] == rendition.mime_type
        assert response["Cache-Control"] == "public, max-age=31536000, immutable"
        assert body(response) == (disk_media / rendition.name).read_bytes()
    assert client.head(image.file.url).status_code == 200


@pytest.mark.parametrize(
    "name",
    [
        "uploads/secret.png",  # a file in MEDIA_ROOT that is no library file
        "images/ab/notahash.jpg",
        "images/../uploads/secret.png",
        "images/aa/" + "a" * 64 + ".jpg%00",
        "images/aa/" + "a" * 64 + ".svg",
        "images/aa/" + "a" * 64 + ".jpg",  # a well-formed name that holds nothing
    ],
)
def test_only_the_librarys_stored_files_are_served(client, disk_media, name):
    (disk_media / "uploads").mkdir(parents=True)
    (disk_media / "uploads" / "secret.png").write_bytes(picture())
    assert client.get(f"/media/{name}").status_code == 404


def test_the_stable_address_redirects_editors_to_the_current_picture(as_editor):
    image = library_image(size=(2000, 1000))
    response = as_editor.get(image.get_reference_url())
    assert response.status_code == 302
    expected = image.file.renditions.get(format="JPEG", width=1200)
    assert response["Location"] == expected.url
    assert "no-cache" in response["Cache-Control"]
    assert as_editor.get(reverse("images:image", args=[image.pk + 1])).status_code == 404


def test_the_stable_address_does_not_exist_for_visitors(client, db):
    image = library_image()
    assert client.get(image.get_reference_url()).status_code == 404
    client.force_login(factories.make_user())
    assert client.get(image.get_reference_url()).status_code == 404


def snapshot(root):
    files = sorted(
        (
            os.path.relpath(os.path.join(folder, name), root),
            os.path.getsize(os.path.join(folder, name)),
        )
        for folder, _dirs, found in os.walk(root)
        for name in found
    )
    rows = (Image.objects.count(), ImageFile.objects.count(), Rendition.objects.count())
    return files, rows


def test_an_anonymous_request_never_writes_a_file(client, disk_media, live_article):
    """Renditions are made when a picture is stored: asking for one that does not exist (a
    width never made), the stable address, the upload or the library pages makes nothing."""
    image = library_image(size=(900, 600))
    rendition = image.file.renditions.first()
    missing = names.rendition(image.file.sha256, 1600, "b" * 64, "webp")
    before = snapshot(disk_media)
    requests = [
        ("get", rendition.url, 200),
        ("get", f"/{disk_media.name}/{missing}", 404),
        ("get", f"/media/{missing}", 404),
        ("get", image.get_reference_url(), 404),
        ("get", live_article.get_absolute_url(), 200),
        ("get", reverse("admin:images_image_browse"), 302),
        ("post", reverse("admin:images_image_editor_upload"), 302),
        ("post", reverse("admin:images_image_add"), 302),
    ]
    for method, url, status in requests:
        data = {"upload": upload(picture()), "alt": "x"} if method == "post" else {}
        assert getattr(client, method)(url, data).status_code == status, url
    assert snapshot(disk_media) == before
