"""
Images in articles: what the editor's upload accepts and from whom (invamed/uploads.py), and the
text alternative every image in a body must have (invamed/richtext.py).

The test settings keep uploads in Django's InMemoryStorage, so nothing is written to disk.
"""

import io
from pathlib import PurePosixPath

import pytest
from django.conf import settings
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from invamed import uploads
from invamed.richtext import RichTextFormField, editor_allowed_content, sanitize_html
from tests import factories
from tests.review.test_admin_changeform import change_form_data, change_url

UPLOAD_URL = reverse("richtext-image-upload")
SVG = b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'


def image_bytes(kind="PNG", size=(40, 30)):
    buffer = io.BytesIO()
    Image.new("RGB", size, (200, 30, 30)).save(buffer, kind)
    return buffer.getvalue()


def send(client, name, content, content_type="image/png"):
    response = client.post(UPLOAD_URL, {"upload": SimpleUploadedFile(name, content, content_type)})
    return response, response.json()


def refused(client, name, content, content_type="image/png"):
    response, answer = send(client, name, content, content_type)
    assert response.status_code == 200, "CKEditor shows a refusal's message only on a 200"
    assert answer["uploaded"] == 0
    return answer["error"]["message"]


@pytest.fixture(autouse=True)
def empty_storage(settings):
    """A fresh InMemoryStorage for each test (setting STORAGES again resets default_storage)."""
    settings.STORAGES = {**settings.STORAGES}


def stored_files():
    return default_storage.listdir("")[0] + default_storage.listdir("")[1]


@pytest.fixture
def as_editor(client, editor):
    client.force_login(editor)
    return client


@pytest.mark.parametrize(("kind", "extension"), [("PNG", "png"), ("JPEG", "jpg")])
def test_an_editor_uploads_an_image_and_gets_its_address(as_editor, kind, extension):
    response, answer = send(as_editor, f"spine.{extension}", image_bytes(kind))
    assert response.status_code == 200
    assert answer["uploaded"] == 1
    assert answer["url"].startswith(settings.MEDIA_URL) or answer["url"].startswith("/media/")
    name = answer["url"].split("/media/", 1)[1]
    assert default_storage.exists(name)
    assert name.endswith(f".{extension}")
    with default_storage.open(name) as stored, Image.open(stored) as image:
        assert image.format == kind


def test_an_uploaded_name_is_sanitised_and_stays_in_the_upload_folder(as_editor):
    """The browser's file name is the sender's to choose: it neither leaves the upload folder
    nor keeps its spaces, and the extension is the one of the detected format."""
    response, answer = send(as_editor, "../../evil name.PNG", image_bytes("JPEG"), "image/png")
    assert answer["uploaded"] == 1
    name = answer["url"].split("/media/", 1)[1]
    path = PurePosixPath(name)
    assert path.parts[0] == uploads.UPLOAD_FOLDER and ".." not in path.parts
    assert path.name.startswith("evil-name-") and path.suffix == ".jpg"
    assert answer["fileName"] == path.name
    assert " " not in name and "\\" not in name


def test_a_hostile_name_cannot_escape_media_root():
    name = uploads.stored_name("..\\..\\etc/passwd/../../x y.png", "png")
    target = (settings.MEDIA_ROOT / name).resolve()
    assert settings.MEDIA_ROOT.resolve() in target.parents
    assert PurePosixPath(name).name.startswith("x-y-")


def test_two_uploads_with_the_same_name_do_not_overwrite_each_other(as_editor):
    first = send(as_editor, "same.png", image_bytes())[1]["url"]
    second = send(as_editor, "same.png", image_bytes())[1]["url"]
    assert first != second


@pytest.mark.parametrize("name", ["drawing.svg", "drawing.png"])
def test_svg_is_refused_whatever_its_name(as_editor, name):
    assert "SVG" in refused(as_editor, name, SVG, "image/svg+xml")


def test_svg_with_an_xml_declaration_is_refused(as_editor):
    content = b'<?xml version="1.0"?>\n' + SVG
    assert "SVG" in refused(as_editor, "photo.jpg", content, "image/jpeg")


def test_a_text_file_renamed_jpg_is_refused(as_editor):
    message = refused(as_editor, "notes.jpg", b"Just some notes, not a picture.\n" * 10)
    assert "not an image" in message


def test_an_image_format_outside_the_list_is_refused(as_editor):
    """Pillow reads BMP and TIFF, but we store only JPEG, PNG, WebP and GIF."""
    assert "Only JPEG, PNG, WebP and GIF" in refused(as_editor, "scan.png", image_bytes("BMP"))


def test_a_truncated_image_is_refused(as_editor):
    assert "damaged" in refused(as_editor, "cut.png", image_bytes("PNG", (300, 300))[:200])


def test_a_file_over_five_megabytes_is_refused(as_editor):
    content = image_bytes("PNG") + b"\0" * uploads.MAX_BYTES
    assert "5 MB" in refused(as_editor, "big.png", content)
    assert not stored_files()


def test_an_image_with_too_many_pixels_is_refused(as_editor):
    """A small file can announce a huge picture (a decompression bomb): refused from its
    header, before Pillow decodes it."""
    wide = image_bytes("PNG", (uploads.MAX_SIDE + 1, 1))
    assert "6000×6000" in refused(as_editor, "wide.png", wide)
    bomb = image_bytes("GIF", (9000, 9000))
    assert len(bomb) < uploads.MAX_BYTES
    assert "pixels" in refused(as_editor, "bomb.gif", bomb)


def test_webp_and_gif_are_accepted(as_editor):
    for kind, extension in [("WEBP", "webp"), ("GIF", "gif")]:
        answer = send(as_editor, f"x.{extension}", image_bytes(kind))[1]
        assert answer["uploaded"] == 1 and answer["url"].endswith(f".{extension}")


@pytest.mark.parametrize("role", [None, "visitor"])
def test_only_people_who_write_content_may_upload(client, db, role):
    """Anonymous visitors and logged-in non-staff are refused with 403; nothing is stored.
    (Editors, reviewers and site administrators, who write the notices, may upload.)"""
    if role is not None:
        client.force_login(factories.make_user(role=None if role == "visitor" else role))
    response = client.post(UPLOAD_URL, {"upload": SimpleUploadedFile("a.png", image_bytes())})
    assert response.status_code == 403
    assert response.json()["uploaded"] == 0
    assert not stored_files()


def test_reviewers_who_may_edit_content_may_upload(client, reviewer):
    client.force_login(reviewer)
    assert send(client, "a.png", image_bytes())[1]["uploaded"] == 1


def test_upload_accepts_post_only(as_editor):
    assert as_editor.get(UPLOAD_URL).status_code == 405


def test_the_upload_checks_the_csrf_token(editor):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    client.force_login(editor)
    response = client.post(UPLOAD_URL, {"upload": SimpleUploadedFile("a.png", image_bytes())})
    assert response.status_code == 403


# The text alternative, server side ------------------------------------------------------------


def test_the_editors_content_filter_is_the_sanitisers_allow_list():
    allowed = editor_allowed_content()
    assert "img[alt,height,!src,width]" in allowed.split(";")
    for stripped in ("u", "s", "span", "font", "div", "style"):
        assert stripped not in allowed.split(";")
    assert "style" not in allowed and "class" not in allowed


def test_the_toolbar_offers_nothing_the_sanitiser_strips():
    config = settings.CKEDITOR_CONFIGS["default"]
    buttons = {button for group in config["toolbar_invamed"] for button in group}
    assert {"Format", "Bold", "Italic", "BulletedList", "Link", "Image", "Table"} <= buttons
    forbidden = {"Underline", "Strike", "TextColor", "BGColor", "Font", "FontSize", "Styles",
                 "JustifyLeft", "JustifyCenter", "JustifyRight", "Source"}  # fmt: skip
    assert not buttons & forbidden


@pytest.mark.parametrize(
    "body",
    [
        '<p>Text</p><img src="/media/uploads/a.png">',
        '<p>Text</p><img src="/media/uploads/a.png" alt="">',
        '<p>Text</p><img src="/media/uploads/a.png" alt="   ">',
    ],
)
def test_the_form_field_refuses_an_image_without_alt_text(body):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError) as refusal:
        RichTextFormField().clean(body)
    assert "alt text" in str(refusal.value)


def test_an_image_pasted_as_data_has_no_address_and_is_refused():
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError) as refusal:
        RichTextFormField().clean('<img src="data:image/png;base64,AAAA" alt="A spine">')
    assert "no address" in str(refusal.value)


def test_an_editors_image_without_alt_is_refused_in_the_admin_and_their_text_kept(client, editor):
    article = factories.make_article(editor)
    client.force_login(editor)
    typed = "<p>Osteoporotic fractures heal slowly.</p>"
    body = typed + '<p><img src="/media/uploads/2024/05/spine-1a2b3c4d.png" width="40"></p>'
    data = change_form_data(client, change_url(article), "article_form", body=body)
    response = client.post(change_url(article), data)
    assert response.status_code == 200
    page = response.content.decode()
    assert "Every image needs alt text" in page
    assert "Osteoporotic fractures heal slowly." in page
    article.refresh_from_db()
    assert "Osteoporotic" not in article.body
    assert article.versions.count() == 1


def test_an_image_with_alt_is_stored_and_shown_on_the_public_page(
    client, editor, reviewer, notices
):
    article = factories.make_article(editor, notice=notices["regulatory"])
    client.force_login(editor)
    image = (
        '<img alt="Lateral X-ray of a treated vertebra" height="30" '
        'src="/media/uploads/2024/05/xray-1a2b3c4d.png" width="40" onerror="alert(1)">'
    )
    data = change_form_data(client, change_url(article), "article_form", body=f"<p>{image}</p>")
    assert client.post(change_url(article), data).status_code == 302
    article.refresh_from_db()
    assert 'alt="Lateral X-ray of a treated vertebra"' in article.body
    assert "onerror" not in article.body
    factories.publish(article, reviewer)
    client.logout()
    page = client.get(article.get_absolute_url()).content.decode()
    assert 'alt="Lateral X-ray of a treated vertebra"' in page
    assert 'loading="lazy"' in page
    assert 'width="40"' in page and 'height="30"' in page


def test_the_sanitiser_keeps_an_images_address_alt_and_size():
    image = '<img src="https://cdn.example.org/a.png" alt="A" width="10" height="20">'
    assert sanitize_html(image) == image
