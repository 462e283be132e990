"""
The editor's side of the admin in a real browser (issue 6, "Editor side"): an editor writes an
article by typing into CKEditor (a heading from the Format menu, a bulleted list), classifies and
tags it, attaches an FAQ entry, saves, previews the saved version, and submits it for review. A
second test uploads an image through the editor's image dialog, with the alt text it requires.
"""

import io
import re

import pytest
from django.urls import reverse
from PIL import Image
from playwright.sync_api import expect

from blog.models import Article
from faq.models import ArticleEntry
from invamed.content.models import Notice
from invamed.review.models import State
from tests import factories

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
    page.locator("#faq_links-group").get_by_text("Add another FAQ entry").click()
    row = page.locator("tr.dynamic-faq_links").last
    row.locator(".select2-selection").click()
    page.locator(".select2-search__field").fill("procedure")
    page.locator(".select2-results__option").filter(has_text="How long does the procedure").click()

    page.get_by_role("button", name="Save and continue editing").click()
    expect(page).to_have_url(re.compile(r"/admin/blog/article/\d+/change/$"))
    article = Article.objects.get(title="Cement augmentation in brief")
    assert f"<h2>{HEADING}</h2>" in article.body
    assert f"<li>{ITEMS[0]}</li>" in article.body
    assert sorted(tag.name for tag in article.tags.all()) == ["kyphoplasty", "spine care"]
    assert ArticleEntry.objects.filter(article=article).count() == 1

    # The preview of the saved version: the public template, under the not-published banner.
    page.locator("#versions").get_by_role("link", name="Preview").first.click()
    expect(page.get_by_text("Preview — not published")).to_be_visible()
    expect(page.get_by_role("heading", level=2, name=HEADING)).to_be_visible()
    expect(page.locator("summary", has_text="How long does the procedure take?")).to_be_visible()
    page.go_back()

    button = page.get_by_role("button", name="Submit for review", exact=True)
    with page.expect_navigation():
        button.click()
    expect(page.locator(".review-facts")).to_contain_text("In review")
    article.refresh_from_db()
    assert article.status == State.IN_REVIEW


def png(width=120, height=80):
    buffer = io.BytesIO()
    Image.new("RGB", (width, height), (40, 90, 160)).save(buffer, "PNG")
    return buffer.getvalue()


def test_an_editor_uploads_an_image_with_alt_text_from_the_image_dialog(editor_page, desk):
    """The image dialog's Upload tab sends the file (with Django's CSRF token) and fills in its
    address; the dialog refuses to close without alt text; the saved body keeps the image."""
    page = editor_page
    page.goto(desk + reverse("admin:blog_article_add"))
    editor_body(page).click()
    page.keyboard.type("An X-ray follows.")
    page.locator("a.cke_button__image").click()
    # (CKEditor's dialog frame reads as hidden to Playwright; its contents are visible.)
    dialog = page.locator(".cke_dialog_body")
    dialog.locator("a.cke_dialog_tab", has_text="Upload").click()
    upload_frame = page.frame_locator(".cke_dialog iframe.cke_dialog_ui_input_file")
    upload_frame.locator("input[type=file]").set_input_files(
        {"name": "x ray.png", "mimeType": "image/png", "buffer": png()}
    )
    dialog.get_by_role("button", name="Send it to the Server").click()
    # Back on the first tab with the uploaded file's address filled in.
    url_field = dialog.get_by_label("URL")
    expect(url_field).to_have_value(
        re.compile(r"/media/uploads/\d{4}/\d{2}/x-ray-[0-9a-f]{8}\.png$")
    )

    # No alt text: the dialog says so and stays open.
    messages = []
    page.on("dialog", lambda alert: (messages.append(alert.message), alert.accept()))
    dialog.get_by_role("button", name="OK").click()
    page.wait_for_timeout(500)
    assert any("lternative" in message for message in messages), messages
    uploaded = editor_body(page).locator('img[src*="/media/uploads/"]')
    expect(uploaded).to_have_count(0)

    dialog.get_by_label("Alternative Text").fill("Side view of a treated vertebra")
    dialog.get_by_role("button", name="OK").click()
    expect(uploaded).to_have_attribute("alt", "Side view of a treated vertebra")
