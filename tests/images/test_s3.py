"""
Media in an S3-compatible bucket, end to end, against a real S3 server on loopback (moto's
server mode, see tests/s3.py), configured the way settings.py reads the environment: upload,
renditions, public addresses, replacement and deletion.
"""

import io
import urllib.request

import boto3
import pytest
from django.core.management import call_command
from django.urls import reverse

from invamed.images import processing, rendering
from invamed.images.models import Image, ImageFile
from tests.s3 import REGION, storages_for

from .pictures import picture, upload

pytestmark = pytest.mark.django_db


def objects(endpoint, bucket):
    """{key: (ContentType, CacheControl)} of every object in the bucket, read back over S3."""
    client = boto3.client("s3", endpoint_url=endpoint, region_name=REGION)
    found = {}
    for item in client.list_objects_v2(Bucket=bucket).get("Contents", []):
        head = client.head_object(Bucket=bucket, Key=item["Key"])
        found[item["Key"]] = (head["ContentType"], head.get("CacheControl"))
    return found


def fetch(url):
    with urllib.request.urlopen(url, timeout=10) as response:  # noqa: S310 - loopback test server
        return response.status, response.read()


def send(client, content, alt="Side view of a vertebra"):
    response = client.post(
        reverse("admin:images_image_editor_upload"), {"upload": upload(content), "alt": alt}
    )
    assert response.json()["uploaded"] == 1, response.json()
    return Image.objects.get(pk=response.json()["url"].split("/")[2])


def test_an_upload_stores_the_picture_and_its_renditions_in_the_bucket(
    as_editor, s3_media, s3_endpoint
):
    image = send(as_editor, picture("JPEG", (1300, 700)))
    stored = objects(s3_endpoint, s3_media)
    expected = image.file.stored_names()
    assert sorted(stored) == sorted(expected)
    assert len(expected) == 1 + 3 * 4  # the original; 480, 800, 1200, 1300 in three formats
    for rendition in image.file.renditions.all():
        assert stored[rendition.name] == (
            rendition.mime_type,
            "public, max-age=31536000, immutable",
        )


def test_figures_point_at_the_buckets_public_addresses_which_serve_the_files(
    as_editor, s3_media, s3_endpoint
):
    image = send(as_editor, picture("PNG", (900, 500)))
    html = rendering.figure(image.reference())
    rendition = image.file.renditions.get(format="WEBP", width=900)
    url = rendition.url
    assert url == f"{s3_endpoint}/{s3_media}/{rendition.name}"
    assert f"{url} 900w" in html
    status, data = fetch(url)
    assert status == 200 and data[:4] == b"RIFF"
    social = rendering.social_image_url(image.reference())
    assert social.startswith(f"{s3_endpoint}/{s3_media}/images/")
    assert "-900w-" in social and social.endswith(".png")


def test_a_cdn_in_front_of_the_bucket_gives_the_public_addresses(settings, s3_endpoint, s3_media):
    settings.STORAGES = storages_for(
        settings, s3_endpoint, s3_media, MEDIA_PUBLIC_URL="https://media.example.com/site"
    )
    file = ImageFile.objects.store(processing.prepare(upload(picture())))
    assert file.url == f"https://media.example.com/site/{file.name}"


def test_replacing_and_pruning_in_the_bucket(as_editor, s3_media, s3_endpoint):
    """A replaced picture's files stay in the bucket until prune_images finds nothing refers
    to them; then they, and only they, are deleted."""
    image = send(as_editor, picture("JPEG", (800, 600), (200, 0, 0)))
    old = image.file
    old_names = old.stored_names()
    url = reverse("admin:images_image_change", args=[image.pk])
    text = image.texts.get()
    response = as_editor.post(
        url,
        {
            "title": image.title, "keywords": "", "credit": "",
            "picture": upload(picture("JPEG", (800, 600), (0, 0, 200)), "b.jpg"),
            "texts-TOTAL_FORMS": "1", "texts-INITIAL_FORMS": "1", "texts-MIN_NUM_FORMS": "0",
            "texts-MAX_NUM_FORMS": "2", "texts-0-id": text.pk, "texts-0-language": "en",
            "texts-0-alt": text.alt, "texts-0-caption": "",
        },
    )  # fmt: skip
    assert response.status_code == 302
    image.refresh_from_db()
    new_names = image.file.stored_names()
    assert set(old_names) | set(new_names) == set(objects(s3_endpoint, s3_media))

    call_command("prune_images", stdout=io.StringIO())

    assert set(objects(s3_endpoint, s3_media)) == set(new_names)
    assert not ImageFile.objects.filter(pk=old.pk).exists()
    assert fetch(image.file.renditions.first().url)[0] == 200
