"""
Images in rich text come from the library only: the sanitiser keeps exactly a library image's
<img src="/images/<id>/" alt="…">, the editor is configured to pick from and upload into the
library, and the form field refuses an image from elsewhere or without alt text.

These replace the rich-text tests of the former tests/test_uploads.py, where any http(s) or
relative image address (and its width and height) was kept.
"""

import pytest
from django.conf import settings
from django.core.exceptions import ValidationError
from django.urls import reverse

from invamed.images import references
from invamed.richtext import (
    RichTextFormField,
    RichTextWidget,
    editor_allowed_content,
    sanitize_html,
)
from tests import factories
from tests.admin_forms import change_form_data, change_url

from .pictures import library_image


def test_the_sanitiser_keeps_a_library_image_with_its_alt_text_and_nothing_else():
    typed = (
        '<p><img src="/images/42/" alt="A vertebra" width="40" height="30" class="x" '
        'style="float:left" onerror="alert(1)" data-x="1" title="t"></p>'
    )
    assert sanitize_html(typed) == '<p><img src="/images/42/" alt="A vertebra"></p>'


@pytest.mark.parametrize(
    "src",
    [
        "/media/uploads/2024/05/spine-1a2b3c4d.png",  # a relative path that is no library image
        "/media/images/ab/" + "a" * 64 + ".jpg",  # a library file, not the image's address
        "/images/abc/",
        "/images/42/extra/",
        "/images/042/",
        "/images/0/",
        "/images/42",
        "images/42/",
        "/images/42/?x=1",
        "//evil.example/images/42/",
        "https://cdn.example.org/a.png",
        "http://127.0.0.1:8000/images/42/",
        "data:image/png;base64,AAAA",
        "javascript:alert(1)",
        "",
    ],
)
def test_any_other_image_is_removed_whole(src):
    assert sanitize_html(f'<p>Text<img src="{src}" alt="An image"> more</p>') == (
        "<p>Text more</p>"
    )


def test_an_image_without_src_is_removed_and_a_tricky_alt_does_not_confuse_the_sanitiser():
    assert sanitize_html('<p><img alt="x"></p>') == "<p></p>"
    tricky = '<img alt="&quot; src=&quot;/images/1/&quot; >" src="https://x.example/a.png">'
    assert sanitize_html(tricky) == ""
    kept = '<img alt="a > b src=x" src="/images/7/">'
    assert sanitize_html(kept) == '<img alt="a &gt; b src=x" src="/images/7/">'


def test_figure_and_figcaption_markup_is_dropped_and_its_text_kept():
    typed = (
        '<figure class="image"><img src="/images/3/" alt="A"><figcaption>Cap</figcaption></figure>'
    )
    assert sanitize_html(typed) == '<img src="/images/3/" alt="A">Cap'


def test_the_reference_address_is_the_library_images_stable_url(db):
    image = library_image()
    assert image.get_reference_url() == reverse("images:image", args=[image.pk])
    assert references.image_id(image.get_reference_url()) == image.pk


def test_the_editors_content_filter_is_the_sanitisers_allow_list():
    allowed = editor_allowed_content().split(";")
    assert "img[alt,!src]" in allowed
    for stripped in ("u", "s", "span", "font", "div", "style", "figure", "figcaption"):
        assert stripped not in allowed
    joined = ";".join(allowed)
    assert "style" not in joined and "class" not in joined and "width" not in joined


def test_the_toolbar_offers_nothing_the_sanitiser_strips():
    config = settings.CKEDITOR_CONFIGS["default"]
    buttons = {button for group in config["toolbar_invamed"] for button in group}
    assert {"Format", "Bold", "Italic", "BulletedList", "Link", "Image", "Table"} <= buttons
    forbidden = {"Underline", "Strike", "TextColor", "BGColor", "Font", "FontSize", "Styles",
                 "JustifyLeft", "JustifyCenter", "JustifyRight", "Source"}  # fmt: skip
    assert not buttons & forbidden


def test_the_editor_browses_and_uploads_into_the_library():
    config = RichTextWidget().config
    assert str(config["filebrowserImageBrowseUrl"]) == reverse("admin:images_image_browse")
    upload = reverse("admin:images_image_editor_upload")
    assert str(config["filebrowserImageUploadUrl"]) == str(config["imageUploadUrl"]) == upload
    assert "libraryimage" in config["extraPlugins"].split(",")
    # The "Cite" button (static/js/richtext-editor.js) types a citation marker.
    assert "citation" in config["extraPlugins"].split(",")
    assert "uploadimage" in config["removePlugins"].split(",")


@pytest.mark.parametrize(
    "body",
    [
        '<p>Text</p><img src="/images/4/">',
        '<p>Text</p><img src="/images/4/" alt="">',
        '<p>Text</p><img src="/images/4/" alt="   ">',
    ],
)
def test_the_form_field_refuses_an_image_without_alt_text(body):
    with pytest.raises(ValidationError) as refusal:
        RichTextFormField().clean(body)
    assert "alt text" in str(refusal.value)


@pytest.mark.parametrize(
    "src", ["data:image/png;base64,AAAA", "https://cdn.example.org/a.png", "/media/a.png", ""]
)
def test_the_form_field_refuses_an_image_from_outside_the_library(src):
    """The sanitiser would drop it without a word: the editor is told instead."""
    with pytest.raises(ValidationError) as refusal:
        RichTextFormField().clean(f'<p>Text</p><img src="{src}" alt="A spine">')
    assert "not from the image library" in str(refusal.value)


def test_an_editors_image_from_elsewhere_is_refused_in_the_admin_and_their_text_kept(
    client, editor
):
    article = factories.make_article(editor)
    client.force_login(editor)
    typed = "<p>Osteoporotic fractures heal slowly.</p>"
    body = typed + '<p><img src="https://example.org/x.png" alt="An X-ray"></p>'
    data = change_form_data(client, change_url(article), "article_form", body=body)
    response = client.post(change_url(article), data)
    assert response.status_code == 200
    page = response.content.decode()
    assert "not from the image library" in page
    assert "Osteoporotic fractures heal slowly." in page
    article.refresh_from_db()
    assert "Osteoporotic" not in article.body
    assert article.versions.count() == 1


def test_a_library_image_with_alt_is_stored_in_the_body(client, editor):
    article = factories.make_article(editor)
    image = library_image()
    client.force_login(editor)
    img = f'<img alt="Lateral X-ray" src="{image.get_reference_url()}" width="40" onerror="x()">'
    data = change_form_data(client, change_url(article), "article_form", body=f"<p>{img}</p>")
    assert client.post(change_url(article), data).status_code == 302
    article.refresh_from_db()
    assert f'<img alt="Lateral X-ray" src="{image.get_reference_url()}">' in article.body
    assert references.image_ids_in(article.body) == [image.pk]
