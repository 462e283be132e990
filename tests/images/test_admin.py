"""
The library in the admin: upload with texts per language, replace a picture, find by title and
keywords, and the editor's "Browse Server" window; who may do each.
"""

import pytest
from django.conf import settings
from django.urls import reverse

from invamed.images.models import Image, ImageFile
from tests import factories

from .pictures import library_image, picture, upload

ADD_URL = reverse("admin:images_image_add")
LIST_URL = reverse("admin:images_image_changelist")
BROWSE_URL = reverse("admin:images_image_browse")


def form_data(texts, picture_file=None, existing=(), **fields):
    """The add or change form as the admin posts it; `texts`: {language: (alt, caption)}."""
    data = {"title": "Spine, side view", "keywords": "", "credit": "", **fields}
    rows = list(texts.items())
    data.update(
        {
            "texts-TOTAL_FORMS": str(len(rows)),
            "texts-INITIAL_FORMS": str(len(existing)),
            "texts-MIN_NUM_FORMS": "0",
            "texts-MAX_NUM_FORMS": str(len(settings.LANGUAGES)),
        }
    )
    for index, (language, (alt, caption)) in enumerate(rows):
        data[f"texts-{index}-language"] = language
        data[f"texts-{index}-alt"] = alt
        data[f"texts-{index}-caption"] = caption
        if index < len(existing):
            data[f"texts-{index}-id"] = existing[index].pk
    if picture_file is not None:
        data["picture"] = picture_file
    return data


def test_an_editor_adds_an_image_with_texts_in_both_languages(as_editor, editor):
    data = form_data(
        {"en": ("Lateral view of a fractured vertebra", "A wedge fracture."),
         "tr": ("Kırık bir omurun yandan görünümü", "Kama kırığı.")},
        upload(picture("JPEG", (1800, 1200)), "spine.jpg"),
        keywords="spine, fracture", credit="Illustration: INVAMED",
    )  # fmt: skip
    response = as_editor.post(ADD_URL, data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    image = Image.objects.get()
    assert image.created_by == editor
    assert image.text("tr").alt == "Kırık bir omurun yandan görünümü"
    assert image.text("en").caption == "A wedge fracture."
    assert image.file.renditions.count() == 12


def test_the_add_form_offers_a_row_per_language(as_editor):
    page = as_editor.get(ADD_URL)
    formset = page.context["inline_admin_formsets"][0].formset
    assert [form.initial.get("language") for form in formset.forms] == ["en", "tr"]


@pytest.mark.parametrize("texts", [{}, {"tr": ("Türkçe", "")}, {"en": ("", "A caption")}])
def test_an_image_needs_alt_text_in_the_default_language(as_editor, texts):
    data = form_data(texts, upload(picture(), "a.png"), title="Kept title")
    response = as_editor.post(ADD_URL, data)
    assert response.status_code == 200
    page = response.content.decode()
    assert "English, the site" in page or "This field is required" in page
    assert "Kept title" in page
    assert not Image.objects.exists() and not ImageFile.objects.exists()


def test_a_refused_picture_is_explained_on_the_form(as_editor):
    data = form_data({"en": ("An alt", "")}, upload(b"<svg></svg>", "a.svg", "image/svg+xml"))
    response = as_editor.post(ADD_URL, data)
    assert response.status_code == 200
    assert "SVG images are not accepted" in response.content.decode()


def test_replacing_the_picture_makes_a_new_file_and_keeps_the_old_one(as_editor):
    image = library_image(alt="Before")
    old = image.file
    url = reverse("admin:images_image_change", args=[image.pk])
    data = form_data(
        {"en": ("After", "")},
        upload(picture("PNG", (700, 500), (0, 0, 0)), "new.png"),
        existing=list(image.texts.all()),
    )
    assert as_editor.post(url, data).status_code == 302
    image.refresh_from_db()
    assert image.file != old and image.file.format == "PNG"
    assert ImageFile.objects.filter(pk=old.pk).exists()
    assert image.text().alt == "After"


def test_changing_only_the_texts_keeps_the_file(as_editor):
    image = library_image()
    file = image.file
    url = reverse("admin:images_image_change", args=[image.pk])
    data = form_data({"en": ("New alt", "New caption")}, existing=list(image.texts.all()))
    assert as_editor.post(url, data).status_code == 302
    image.refresh_from_db()
    assert image.file == file and image.text().caption == "New caption"


def test_the_library_is_searched_by_title_and_keywords(as_editor):
    library_image(title="Lumbar spine X-ray", alt="a")
    library_image(title="Hand", keywords="fracture, wrist", alt="b", color=(1, 1, 1))
    library_image(title="Balloon catheter", alt="Fracture of a vertebra", color=(2, 2, 2))

    def found(query):
        page = as_editor.get(LIST_URL, {"q": query})
        return sorted(image.title for image in page.context["cl"].result_list)

    assert found("spine") == ["Lumbar spine X-ray"]
    assert found("fracture") == ["Hand"]
    assert found("wrist fracture") == ["Hand"]


def test_the_library_list_reads_a_fixed_number_of_queries(as_editor, django_assert_num_queries):
    library_image(alt="first")
    as_editor.get(LIST_URL)
    with django_assert_num_queries(9) as few:
        as_editor.get(LIST_URL)
    for index in range(3):
        library_image(alt=f"more {index}", color=(index, 5, 5))
    with django_assert_num_queries(len(few)):
        as_editor.get(LIST_URL)


# The editor's "Browse Server" window.


def test_the_browse_window_hands_back_the_stable_address_and_the_alt_text(as_editor):
    image = library_image(
        title="Spine", texts={"en": ("English alt", ""), "tr": ("Türkçe alt", "")}
    )
    page = as_editor.get(
        BROWSE_URL, {"CKEditor": "id_body", "CKEditorFuncNum": "3", "language": "tr"}
    )
    html = page.content.decode()
    assert 'data-func-num="3"' in html
    assert f'data-url="{image.get_reference_url()}"' in html
    assert 'data-alt="Türkçe alt"' in html
    assert "images/browse.js" in html


def test_the_browse_window_searches_and_keeps_the_editors_parameters(as_editor):
    library_image(title="Spine", alt="a")
    library_image(title="Catheter", alt="b", color=(3, 3, 3))
    page = as_editor.get(BROWSE_URL, {"CKEditorFuncNum": "1", "q": "cath"})
    assert [image.title for image, _thumb, _text in page.context["choices"]] == ["Catheter"]
    html = page.content.decode()
    assert 'name="CKEditorFuncNum" value="1"' in html
    assert "_browse=1&amp;CKEditorFuncNum=1" in html


def test_an_image_added_from_the_browse_window_leads_back_to_it(as_editor):
    data = form_data({"en": ("An alt", "")}, upload(picture(), "a.png"))
    response = as_editor.post(f"{ADD_URL}?_browse=1&CKEditorFuncNum=2&CKEditor=id_body", data)
    assert response.status_code == 302
    assert response["Location"] == f"{BROWSE_URL}?CKEditor=id_body&CKEditorFuncNum=2"


def test_the_browse_window_opened_by_hand_inserts_nothing(as_editor):
    library_image()
    html = as_editor.get(BROWSE_URL).content.decode()
    assert "Open this page from the editor" in html and "disabled" in html


# Who may use the library.

PAGES = [("changelist", LIST_URL), ("add", ADD_URL), ("browse", BROWSE_URL)]


@pytest.mark.parametrize("role", ["editor", "reviewer", "site_admin", "superuser"])
@pytest.mark.parametrize(("page", "url"), PAGES)
def test_people_who_edit_content_and_site_administrators_use_the_library(
    client, db, role, page, url
):
    client.force_login(factories.make_user(role=role))
    assert client.get(url).status_code == 200


@pytest.mark.parametrize(("page", "url"), PAGES)
def test_nobody_else_sees_the_library(client, db, page, url):
    assert client.get(url).status_code == 302  # anonymous: the login page
    staff = factories.make_user()
    staff.is_staff = True
    staff.save()
    client.force_login(staff)
    assert client.get(url).status_code == 403


@pytest.mark.parametrize(
    ("role", "status"), [("editor", 403), ("site_admin", 403), ("superuser", 302)]
)
def test_only_superusers_delete_library_images(client, db, role, status):
    image = library_image()
    client.force_login(factories.make_user(role=role))
    url = reverse("admin:images_image_delete", args=[image.pk])
    assert client.post(url, {"post": "yes"}).status_code == status
    assert Image.objects.filter(pk=image.pk).exists() == (status == 403)
