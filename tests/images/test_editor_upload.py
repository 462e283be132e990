"""
Uploading from the rich-text editor (the image dialog's Upload tab, an image pasted or dropped
into the text): what is accepted, from whom, and that it lands in the library with its alt text.

These replace the tests of the former editor upload (tests/test_uploads.py), which stored files
under their sender's name in uploads/: the same checks, now against the library's endpoint, plus
what the library adds (alt text required, content-addressed names, one file for one picture).
"""

import pytest
from django.core.files.storage import default_storage
from django.test import Client
from django.urls import reverse
from PIL import Image as PillowImage

from invamed.images import names, processing
from invamed.images.models import Image, ImageFile, default_language
from tests import factories

from .pictures import picture, upload

UPLOAD_URL = reverse("admin:images_image_editor_upload")
SVG = b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'


def send(client, content, name="spine.png", alt="Side view of a vertebra", **extra):
    data = {"upload": upload(content, name, extra.pop("content_type", "image/png"))}
    if alt is not None:
        data["alt"] = alt
    response = client.post(UPLOAD_URL, data, **extra)
    return response, response.json() if response["Content-Type"] == "application/json" else None


def refused(client, content, name="spine.png", **kwargs):
    response, answer = send(client, content, name, **kwargs)
    assert response.status_code == 200, "CKEditor shows a refusal's message only on a 200"
    assert answer["uploaded"] == 0
    assert not ImageFile.objects.exists()
    return answer["error"]["message"]


def stored_files():
    def walk(folder):
        directories, files = default_storage.listdir(folder)
        yield from (f"{folder}/{f}".lstrip("/") for f in files)
        for directory in directories:
            yield from walk(f"{folder}/{directory}".lstrip("/"))

    return list(walk(""))


@pytest.mark.parametrize("kind", ["PNG", "JPEG"])
def test_an_editor_uploads_an_image_into_the_library_and_gets_its_stable_address(as_editor, kind):
    response, answer = send(as_editor, picture(kind), f"spine.{kind.lower()}")
    assert response.status_code == 200 and answer["uploaded"] == 1
    image = Image.objects.get()
    assert answer["url"] == image.get_reference_url() == f"/images/{image.pk}/"
    assert answer["alt"] == "Side view of a vertebra"
    assert image.text(default_language()).alt == "Side view of a vertebra"
    assert image.file.format == kind
    with default_storage.open(image.file.name) as stored, PillowImage.open(stored) as opened:
        assert opened.format == kind


def test_the_upload_needs_alt_text_and_stores_nothing_without_it(as_editor):
    for alt in (None, "", "   "):
        assert "alternative text" in refused(as_editor, picture(), alt=alt)
    assert not stored_files()


def test_the_senders_file_name_is_never_kept(as_editor):
    """A file name can carry a patient's name: stored names are content hashes, and the
    library image's title is its alt text."""
    answer = send(as_editor, picture("JPEG"), "../../Ahmet Yılmaz MRI 2024.png")[1]
    assert answer["uploaded"] == 1
    assert "Ahmet" not in answer["fileName"]
    files = stored_files()
    assert files and all(names.is_hashed(name) for name in files)
    assert not any("Ahmet" in name or ".." in name for name in files)
    assert Image.objects.get().title == "Side view of a vertebra"


def test_the_same_picture_uploaded_twice_is_one_file_shown_by_two_images(as_editor):
    first = send(as_editor, picture(), alt="First use")[1]["url"]
    second = send(as_editor, picture(), alt="Second use")[1]["url"]
    assert first != second
    assert Image.objects.count() == 2 and ImageFile.objects.count() == 1


@pytest.mark.parametrize("name", ["drawing.svg", "drawing.png"])
def test_svg_is_refused_whatever_its_name(as_editor, name):
    assert "SVG" in refused(as_editor, SVG, name, content_type="image/svg+xml")


def test_svg_with_an_xml_declaration_is_refused(as_editor):
    assert "SVG" in refused(as_editor, b'<?xml version="1.0"?>\n' + SVG, "photo.jpg")


def test_a_text_file_renamed_jpg_is_refused(as_editor):
    message = refused(as_editor, b"Just some notes, not a picture.\n" * 10, "notes.jpg")
    assert "not an image" in message


def test_an_image_format_outside_the_list_is_refused(as_editor):
    """Pillow reads BMP and TIFF, but the library takes only JPEG, PNG, WebP and GIF."""
    assert "Only JPEG, PNG, WebP and GIF" in refused(as_editor, picture("BMP"), "scan.png")


def test_a_truncated_image_is_refused(as_editor):
    assert "damaged" in refused(as_editor, picture("PNG", (300, 300))[:200], "cut.png")


def test_a_file_over_five_megabytes_is_refused(as_editor):
    content = picture("PNG") + b"\0" * processing.MAX_BYTES
    assert "5 MB" in refused(as_editor, content, "big.png")
    assert not stored_files()


def test_an_image_with_too_many_pixels_is_refused(as_editor):
    """A small file can announce a huge picture (a decompression bomb): refused from its
    header, before Pillow decodes it."""
    wide = picture("PNG", (processing.MAX_SIDE + 1, 1))
    assert "6000×6000" in refused(as_editor, wide, "wide.png")
    bomb = picture("GIF", (9000, 9000))
    assert len(bomb) < processing.MAX_BYTES
    assert "pixels" in refused(as_editor, bomb, "bomb.gif")


def test_webp_and_gif_are_accepted_and_a_gif_is_kept_as_png(as_editor):
    for kind, stored_as in [("WEBP", "WEBP"), ("GIF", "PNG")]:
        answer = send(as_editor, picture(kind), f"x.{kind.lower()}", alt=f"A {kind} picture")[1]
        assert answer["uploaded"] == 1
        assert Image.objects.get(pk=answer["url"].split("/")[2]).file.format == stored_as


def test_an_animated_image_is_refused(as_editor):
    frames = [PillowImage.new("RGB", (20, 20), color) for color in ("red", "blue")]
    import io

    buffer = io.BytesIO()
    frames[0].save(buffer, "GIF", save_all=True, append_images=frames[1:])
    assert "Animated" in refused(as_editor, buffer.getvalue(), "moving.gif")


@pytest.mark.parametrize("role", ["editor", "reviewer", "site_admin", "superuser"])
def test_people_who_write_or_administer_content_may_upload(client, db, role):
    client.force_login(factories.make_user(role=role))
    assert send(client, picture())[1]["uploaded"] == 1


@pytest.mark.parametrize("role", [None, "visitor", "staff"])
def test_nobody_else_may_upload_and_nothing_is_stored(client, db, role):
    """Anonymous visitors and logged-in non-staff are sent to the login page; staff who may
    change no reviewed item and hold no library permission are refused with 403."""
    if role == "visitor":
        client.force_login(factories.make_user())
    elif role == "staff":
        user = factories.make_user()
        user.is_staff = True
        user.save()
        client.force_login(user)
    response, answer = send(client, picture())
    if role == "staff":
        assert response.status_code == 403 and answer["uploaded"] == 0
    else:
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("admin:login"))
    assert not stored_files() and not Image.objects.exists()


def test_upload_accepts_post_only(as_editor):
    assert as_editor.get(UPLOAD_URL).status_code == 405


def test_the_upload_checks_the_csrf_token(editor):
    client = Client(enforce_csrf_checks=True)
    client.force_login(editor)
    assert send(client, picture())[0].status_code == 403
    assert not Image.objects.exists()
