"""
The editor's side of the admin in a real browser: an editor writes an
article by typing into CKEditor (a heading from the Format menu, a bulleted list), classifies and
tags it, attaches an FAQ entry, saves, previews the saved version, and submits it for review. A
second test uploads an image into the image library through the editor's image dialog, with the
alt text it requires; others pick an image from the library and paste one into the text.
"""

import base64
import io
import re

import pytest
from django.urls import reverse
from PIL import Image
from playwright.sync_api import expect

from blog.models import Article
from invamed.content.models import Notice
from invamed.images.models import Image as LibraryImage
from invamed.review.models import State
from tests import factories
from tests.images.pictures import library_image

HEADING = "Who may benefit from cement augmentation?"
PARAGRAPH = "It is considered when a painful fracture does not settle with rest."
ITEMS = ["Persistent pain after six weeks", "A fracture that keeps collapsing"]


@pytest.fixture
def desk(site):
    """What the editor needs before writing: a category, a team author, the standard notices,
    and a published FAQ entry to attach."""
    factories.make_notice(Notice.Kind.REGULATORY)
    factories.make_notice(Notice.Kind.DISCLAIMER)
    factories.make_user("edna", role="editor", first_name="Edna", last_name="Ekin")
    factories.make_category("Pain Management & Spine (Algology)", slug="spine")
    factories.make_author("INVAMED Medical Affairs")
    entry = factories.make_entry(question="How long does the procedure take?")
    factories.publish(entry, factories.make_reviewer(username="deniz"))
    return site


@pytest.fixture
def editor_page(page, log_in, desk):
    log_in(page, "edna")
    return page


def editor_body(page):
    """The editable body of the article's CKEditor instance, once it has started."""
    body = page.frame_locator("iframe.cke_wysiwyg_frame").locator("body")
    expect(body).to_have_attribute("contenteditable", "true")
    return body


def choose_format(page, label):
    """Pick `label` ("Heading 2", ...) in CKEditor's Format menu, as a mouse would."""
    page.locator(".cke_combo__format a.cke_combo_button").click()
    page.frame_locator("iframe.cke_panel_frame").get_by_title(label, exact=True).click()


def test_an_editor_writes_tags_previews_and_submits_an_article(editor_page, desk):
    page = editor_page
    page.goto(desk + reverse("admin:blog_article_add"))
    page.get_by_label("Title").fill("Cement augmentation in brief")
    page.get_by_label("Summary").fill("Who it is for and what to expect, in short.")

    # The toolbar has what an article needs and nothing the sanitiser would strip.
    expect(page.locator("a.cke_button__image")).to_be_visible()
    for stripped in ("underline", "strike", "textcolor", "source", "justifycenter"):
        expect(page.locator(f"a.cke_button__{stripped}")).to_have_count(0)

    body = editor_body(page)
    body.click()
    choose_format(page, "Heading 2")
    body.click()
    page.keyboard.type(HEADING)
    page.keyboard.press("Enter")
    page.keyboard.type(PARAGRAPH)
    page.keyboard.press("Enter")
    page.locator("a.cke_button__bulletedlist").click()
    page.keyboard.type(ITEMS[0])
    page.keyboard.press("Enter")
    page.keyboard.type(ITEMS[1])
    expect(body.locator("h2")).to_have_text(HEADING)
    expect(body.locator("ul > li")).to_have_text(ITEMS)

    page.get_by_label("Category").select_option(label="Pain Management & Spine (Algology)")
    page.get_by_label("Author").select_option(label="INVAMED Medical Affairs")
    page.get_by_label("Tags").fill("spine care, kyphoplasty")

    # The FAQ inline: a new row, and the entry picked from the autocomplete by typing.
    page.locator("#faq_placements-group").get_by_text("Add another FAQ entry").click()
    row = page.locator("tr.dynamic-faq_placements").last
    row.locator(".select2-selection").click()
    page.locator(".select2-search__field").fill("procedure")
    page.locator(".select2-results__option").filter(has_text="How long does the procedure").click()

    page.get_by_role("button", name="Save draft").click()
    expect(page).to_have_url(re.compile(r"/admin/blog/article/\d+/change/$"))
    article = Article.objects.get(title="Cement augmentation in brief")
    assert f"<h2>{HEADING}</h2>" in article.body
    assert f"<li>{ITEMS[0]}</li>" in article.body
    assert sorted(tag.name for tag in article.tags.all()) == ["kyphoplasty", "spine care"]
    assert article.faq_placements.count() == 1
    assert len(article.head_version.content["faq_entries"]) == 1  # part of what is signed

    # The preview of the saved version: the public template, under the not-published banner.
    page.locator("#versions").get_by_role("link", name="Preview").first.click()
    expect(page.get_by_text("Preview — not published")).to_be_visible()
    expect(page.get_by_role("heading", level=2, name=HEADING)).to_be_visible()
    expect(page.locator("summary", has_text="How long does the procedure take?")).to_be_visible()
    page.go_back()

    button = page.get_by_role("button", name="Save and submit for review")
    with page.expect_navigation():
        button.click()
    expect(page.locator(".review-facts")).to_contain_text("In review")
    article.refresh_from_db()
    assert article.status == State.IN_REVIEW


def png(width=120, height=80):
    buffer = io.BytesIO()
    Image.new("RGB", (width, height), (40, 90, 160)).save(buffer, "PNG")
    return buffer.getvalue()


def accept_dialogs(page, answer=""):
    """Accept every alert and prompt (a prompt with `answer`); return their messages."""
    messages = []
    page.on("dialog", lambda box: (messages.append(box.message), box.accept(answer)))
    return messages


def upload_in_dialog(page, dialog, name="x ray.png"):
    dialog.locator("a.cke_dialog_tab", has_text="Upload").click()
    upload_frame = page.frame_locator(".cke_dialog iframe.cke_dialog_ui_input_file")
    upload_frame.locator("input[type=file]").set_input_files(
        {"name": name, "mimeType": "image/png", "buffer": png()}
    )
    dialog.get_by_role("button", name="Send it to the Server").click()


def test_an_editor_uploads_an_image_into_the_library_from_the_image_dialog(editor_page, desk):
    """The dialog's Upload tab sends the file with the alt text typed on its first tab (and
    refuses to send it without); the image joins the library and the dialog gets its stable
    address; the dialog refuses to close without alt text; the saved body keeps the image."""
    page = editor_page
    page.goto(desk + reverse("admin:blog_article_add"))
    editor_body(page).click()
    page.keyboard.type("An X-ray follows.")
    page.locator("a.cke_button__image").click()
    # (CKEditor's dialog frame reads as hidden to Playwright; its contents are visible.)
    dialog = page.locator(".cke_dialog_body")
    messages = accept_dialogs(page)

    upload_in_dialog(page, dialog)
    page.wait_for_timeout(500)
    assert any("Image Info tab first" in message for message in messages), messages
    assert not LibraryImage.objects.exists()

    dialog.locator("a.cke_dialog_tab", has_text="Image Info").click()
    dialog.get_by_label("Alternative Text").fill("Side view of a treated vertebra")
    upload_in_dialog(page, dialog)
    url_field = dialog.get_by_label("URL")
    expect(url_field).to_have_value(re.compile(r"^/images/\d+/$"))
    image = LibraryImage.objects.get()
    assert url_field.input_value() == image.get_reference_url()
    assert image.text().alt == "Side view of a treated vertebra"

    # No alt text: the dialog says so and stays open.
    dialog.get_by_label("Alternative Text").fill("")
    dialog.get_by_role("button", name="OK").click()
    page.wait_for_timeout(500)
    assert any("lternative" in message for message in messages[1:]), messages
    uploaded = editor_body(page).locator(f'img[src="{image.get_reference_url()}"]')
    expect(uploaded).to_have_count(0)

    dialog.get_by_label("Alternative Text").fill("Side view of a treated vertebra")
    dialog.get_by_role("button", name="OK").click()
    expect(uploaded).to_have_attribute("alt", "Side view of a treated vertebra")


def test_an_editor_picks_an_image_from_the_library(editor_page, desk):
    """ "Browse Server" opens the library; "Insert" hands the image's address and its alt text
    back to the dialog."""
    image = library_image(title="Compression fracture", alt="Wedge-shaped vertebral body")
    page = editor_page
    page.goto(desk + reverse("admin:blog_article_add"))
    editor_body(page).click()
    page.locator("a.cke_button__image").click()
    dialog = page.locator(".cke_dialog_body")
    with page.expect_popup() as opened:
        dialog.get_by_role("button", name="Browse Server").click()
    library = opened.value
    library.get_by_label("Search by title or keyword").fill("fracture")
    library.get_by_role("button", name="Search").click()
    with library.expect_event("close"):
        library.get_by_role("button", name="Insert “Compression fracture”").click()
    expect(dialog.get_by_label("URL")).to_have_value(image.get_reference_url())
    expect(dialog.get_by_label("Alternative Text")).to_have_value("Wedge-shaped vertebral body")
    dialog.get_by_role("button", name="OK").click()
    inserted = editor_body(page).locator(f'img[src="{image.get_reference_url()}"]')
    expect(inserted).to_have_attribute("alt", "Wedge-shaped vertebral body")


# A paste of an image file, as the browser delivers one from the clipboard.
PASTE = """(body, data) => {
    const bytes = Uint8Array.from(atob(data), (c) => c.charCodeAt(0))
    const transfer = new DataTransfer()
    transfer.items.add(new File([bytes], "pasted.png", { type: "image/png" }))
    body.dispatchEvent(
        new ClipboardEvent("paste", { clipboardData: transfer, bubbles: true, cancelable: true })
    )
}"""


def test_an_image_pasted_into_the_text_is_uploaded_into_the_library(editor_page, desk):
    """The editor is asked for its alt text; the library keeps it, and the text shows the
    library's image in place of the pasted one."""
    page = editor_page
    page.goto(desk + reverse("admin:blog_article_add"))
    body = editor_body(page)
    body.click()
    messages = accept_dialogs(page, "A pasted X-ray of the lumbar spine")
    body.evaluate(PASTE, base64.b64encode(png()).decode())
    inserted = body.locator('img[src^="/images/"]')
    expect(inserted).to_have_attribute("alt", "A pasted X-ray of the lumbar spine")
    assert any("alternative text" in message for message in messages), messages
    image = LibraryImage.objects.get()
    assert inserted.get_attribute("src") == image.get_reference_url()
    assert image.text().alt == "A pasted X-ray of the lumbar spine"


def test_the_cite_button_types_a_citation_of_the_numbered_reference(editor_page, desk):
    page = editor_page
    page.goto(desk + reverse("admin:blog_article_add"))
    body = editor_body(page)
    body.click()
    page.keyboard.type("Cement sets within minutes")
    page.once("dialog", lambda dialog: dialog.accept("2"))
    page.locator("a.cke_button__cite").click()
    expect(body).to_contain_text("Cement sets within minutes[[ref:2]]")
    # Anything but a reference's number types nothing.
    page.once("dialog", lambda dialog: dialog.accept("two"))
    page.locator("a.cke_button__cite").click()
    expect(body).to_have_text("Cement sets within minutes[[ref:2]]")
