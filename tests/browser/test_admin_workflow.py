"""
The editorial review workflow driven through the Django admin in a real browser: an editor
writes an article in the rich-text editor and submits it; the same editor cannot approve it, not
even by posting to the approve URL; a reviewer sends it back with a comment that the editor then
sees; the editor fixes and resubmits; the reviewer signs it off with their password and
publishes it; a visitor reads it with "Reviewed by". Editing the live article changes nothing
for visitors until a second reviewer approves and publishes the new version.
Two editors saving the same article at once: the later save is refused and keeps their text.

Each person has their own browser context (their own cookies), as they would at their desks.
"""

import re
import zoneinfo

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from blog.models import Article
from invamed.content.models import Notice
from invamed.outbox.models import Mail
from invamed.review import services
from invamed.review.models import State
from tests import factories

SAVE = "Save draft"
SAVE_AND_SUBMIT = "Save and submit for review"
SEND_BACK = "Send back"
APPROVE = "Approve (sign)"
PUBLISH = "Publish now"
SIGNOFF_LINE = re.compile(r"^\s*Reviewed by")


@pytest.fixture
def newsroom(site):
    """The people and the classification an article needs: two editors, two reviewers with
    public profiles, a category, a team author and the standard notices."""
    factories.make_notice(Notice.Kind.REGULATORY)
    factories.make_notice(Notice.Kind.DISCLAIMER)
    return {
        "editor": factories.make_user("edna", role="editor", first_name="Edna", last_name="Ekin"),
        "other_editor": factories.make_user(
            "omer", role="editor", first_name="Ömer", last_name="Oral"
        ),
        "reviewer": factories.make_reviewer(name="Dr Deniz Aksoy", username="deniz"),
        "second_reviewer": factories.make_reviewer(
            name="Dr Selin Kaya", credentials="MD, PhD", username="selin"
        ),
        "category": factories.make_category("Pain Management & Spine (Algology)", slug="spine"),
        "author": factories.make_author("INVAMED Medical Affairs"),
    }


def person(new_context, log_in, username):
    """A page in that person's own browser context, logged in to the admin."""
    page = new_context().new_page()
    log_in(page, username)
    return page


def rich_text_body(page):
    """The body of the article's CKEditor 4 instance (an iframe), once the editor has loaded."""
    expect(
        page.locator("iframe.cke_wysiwyg_frame"),
        "CKEditor did not load on the article form (no editor iframe for the body)",
    ).to_be_visible()
    body = page.frame_locator("iframe.cke_wysiwyg_frame").locator("body")
    # Clicks and keys reach the text only once CKEditor has made the iframe's body editable.
    expect(
        body,
        "CKEditor never became editable: its start-up script in the iframe did not run "
        "(a Content-Security-Policy without 'unsafe-inline' scripts in the admin blocks it)",
    ).to_have_attribute("contenteditable", "true")
    return body


def type_in_body(page, text):
    """Click into the rich-text editor and type a new last paragraph, as a person would."""
    body = rich_text_body(page)
    body.click()
    page.keyboard.press("Control+End")
    if body.inner_text().strip():
        page.keyboard.press("Enter")
    page.keyboard.type(text)
    expect(body).to_contain_text(text)


def take(page, label, *, comment=None, password=None):
    """Press the transition button `label` in the action bar, after filling the comment box and
    the password field beside it (its fieldset: they belong to the button's form)."""
    button = page.get_by_role("button", name=label, exact=True)
    form = page.locator("fieldset.review-action").filter(has=button)
    if comment is not None:
        form.get_by_label(re.compile("comment", re.I)).fill(comment)
    if password is not None:
        form.get_by_label(re.compile("password", re.I)).fill(password)
    with page.expect_navigation():
        button.click()


def change_url(site, article):
    return site + reverse("admin:blog_article_change", args=[article.pk])


def reviewed_by(page):
    return page.get_by_text(SIGNOFF_LINE)


def test_article_is_written_sent_back_fixed_approved_and_published_in_the_admin(
    new_context, site, log_in, newsroom
):
    """The whole first review of an article, each step by the person who takes it, with the
    four-eyes refusal tested on the button and on a direct POST to the approve URL."""
    editor = person(new_context, log_in, "edna")
    editor.goto(site + reverse("admin:blog_article_add"))
    editor.get_by_label("Title").fill("Cement augmentation: a practical overview")
    editor.get_by_label("Summary").fill("What cement augmentation is and who it may help.")
    # The admin fills the slug in from the title once the editor moves on.
    expect(editor.get_by_label("Address")).to_have_value("cement-augmentation-a-practical-overview")
    type_in_body(editor, "Cement augmentation stabilises a fractured vertebra.")
    editor.get_by_label("Category").select_option(label="Pain Management & Spine (Algology)")
    editor.get_by_label("Author").select_option(label="INVAMED Medical Affairs")
    # Saving and submitting is one step.
    with editor.expect_navigation():
        editor.get_by_role("button", name=SAVE_AND_SUBMIT).click()
    expect(editor).to_have_url(re.compile(r"/admin/blog/article/\d+/change/$"))
    expect(editor.locator(".messagelist")).to_contain_text("version 1 was saved and submitted")
    article = Article.objects.get(slug="cement-augmentation-a-practical-overview")
    assert "stabilises a fractured vertebra" in article.body
    assert article.status == State.IN_REVIEW

    # The editor is offered no approval, and the approve URL refuses them all the same.
    expect(editor.get_by_role("button", name=APPROVE)).to_have_count(0)
    expect(editor.get_by_role("button", name=PUBLISH)).to_have_count(0)
    token = editor.locator("input[name=csrfmiddlewaretoken]").first.input_value()
    response = editor.request.post(
        site + reverse("admin:blog_article_transition", args=[article.pk, "approve"]),
        form={"csrfmiddlewaretoken": token, "password": factories.PASSWORD, "comment": "Fine."},
    )
    assert response.status == 403 or "Only a reviewer can do this." in response.text()
    article.refresh_from_db()
    assert article.status == State.IN_REVIEW
    assert not factories.signoffs(article).exists()

    # The reviewer sends it back with a comment.
    reviewer = person(new_context, log_in, "deniz")
    reviewer.goto(change_url(site, article))
    comment = "Please say how long the procedure takes and cite a source."
    take(reviewer, SEND_BACK, comment=comment)
    article.refresh_from_db()
    assert article.status == State.CHANGES_REQUESTED

    # The editor sees the comment on the article's page, fixes the text and resubmits.
    editor.goto(change_url(site, article))
    expect(editor.get_by_text(comment).first).to_be_visible()
    type_in_body(editor, "The procedure usually takes under an hour.")
    with editor.expect_navigation():
        editor.get_by_role("button", name=SAVE_AND_SUBMIT).click()
    article.refresh_from_db()
    assert article.status == State.IN_REVIEW
    assert services.history(article).filter(action="submit").first().version_number == 2

    # The reviewer signs off with their password and publishes.
    reviewer.goto(change_url(site, article))
    take(reviewer, APPROVE, password=factories.PASSWORD)
    article.refresh_from_db()
    assert article.status == State.APPROVED
    take(reviewer, PUBLISH)
    article.refresh_from_db()
    assert article.status == State.PUBLISHED

    visitor = new_context().new_page()
    visitor.goto(site + article.get_absolute_url())
    expect(visitor.get_by_role("heading", level=1)).to_have_text(
        "Cement augmentation: a practical overview"
    )
    expect(visitor.get_by_text("The procedure usually takes under an hour.")).to_be_visible()
    expect(reviewed_by(visitor)).to_contain_text("Dr Deniz Aksoy")


def test_visitors_keep_the_approved_text_until_a_changed_live_article_is_approved(
    new_context, site, log_in, newsroom
):
    """Editing a live article makes a new version for review; visitors read the signed-off
    text until a second reviewer approves and publishes the change."""
    article = factories.make_article(
        newsroom["editor"],
        title="Osteoporosis support after a fracture",
        slug="osteoporosis-support",
        body="<h2>What helps?</h2><p>Calcium, vitamin D and gentle exercise help.</p>",
        category=newsroom["category"],
        author=newsroom["author"],
    )
    factories.publish(article, newsroom["reviewer"])
    visitor = new_context().new_page()
    visitor.goto(site + article.get_absolute_url())
    expect(visitor.get_by_text("Calcium, vitamin D and gentle exercise help.")).to_be_visible()

    editor = person(new_context, log_in, "edna")
    editor.goto(change_url(site, article))
    type_in_body(editor, "Ask about a bone density scan every two years.")
    editor.get_by_role("button", name=SAVE).click()
    expect(editor.locator(".messagelist")).to_contain_text("was changed successfully")
    with editor.expect_navigation():
        editor.get_by_role("button", name=SAVE_AND_SUBMIT).click()

    visitor.reload()
    expect(visitor.get_by_text("Calcium, vitamin D and gentle exercise help.")).to_be_visible()
    expect(visitor.get_by_text("bone density scan")).to_have_count(0)
    expect(reviewed_by(visitor)).to_contain_text("Dr Deniz Aksoy")

    second = person(new_context, log_in, "selin")
    second.goto(change_url(site, article))
    take(second, APPROVE, password=factories.PASSWORD)
    visitor.reload()
    expect(visitor.get_by_text("bone density scan")).to_have_count(0)  # approved, not yet live

    take(second, PUBLISH)
    visitor.reload()
    expect(visitor.get_by_text("Ask about a bone density scan every two years.")).to_be_visible()
    expect(reviewed_by(visitor)).to_contain_text("Dr Selin Kaya")


def test_second_of_two_concurrent_saves_is_refused_and_keeps_the_typed_text(
    new_context, site, log_in, newsroom
):
    """Two editors open the same article and both type; the first save wins, the second is
    refused with a clear message, and the second editor's text is still in their form."""
    article = factories.make_article(
        newsroom["editor"],
        title="Kyphoplasty and vertebroplasty compared",
        slug="kyphoplasty-vertebroplasty",
        category=newsroom["category"],
        author=newsroom["author"],
    )
    first = person(new_context, log_in, "edna")
    second = person(new_context, log_in, "omer")
    first.goto(change_url(site, article))
    second.goto(change_url(site, article))

    type_in_body(first, "Both treat painful vertebral fractures.")
    second.get_by_label("Summary").fill("How the two procedures differ, by Ömer.")
    type_in_body(second, "Kyphoplasty first restores some height with a balloon.")

    first.get_by_role("button", name=SAVE).click()
    expect(first.locator(".errornote")).to_have_count(0)
    second.get_by_role("button", name=SAVE).click()

    expect(second.get_by_text(re.compile("while you were editing", re.I))).to_be_visible()
    expect(second.get_by_label("Summary")).to_have_value("How the two procedures differ, by Ömer.")
    expect(rich_text_body(second)).to_contain_text("restores some height with a balloon")
    # The error and the link to the comparison come first; nothing acts on Edna's text.
    error = second.locator(".errorlist.nonfield")
    compare = error.get_by_role("link", name=re.compile("Compare what they saved"))
    first_heading = second.locator("#content-main fieldset h2").first
    assert error.bounding_box()["y"] < first_heading.bounding_box()["y"]
    expect(second.locator("fieldset.review-action")).to_have_count(0)
    expect(second.get_by_role("button", name=SAVE_AND_SUBMIT)).to_be_visible()
    compare_url = compare.get_attribute("href")
    comparison = new_context().new_page()
    log_in(comparison, "omer")
    comparison.goto(site + compare_url)
    expect(comparison.locator("ins").filter(has_text="vertebral fractures")).to_be_visible()

    article.refresh_from_db()
    assert "Both treat painful vertebral fractures." in article.body
    assert "balloon" not in article.body


def test_an_approval_is_refused_when_the_editor_saved_a_change_meanwhile_and_links_to_it(
    new_context, site, log_in, newsroom
):
    """The reviewer opens an article in review; in another browser the editor saves a change;
    the reviewer's approval, from the page they had open, signs nothing and says why, with a
    link to the diff, which shows the editor's change."""
    editor, reviewer = newsroom["editor"], newsroom["reviewer"]
    article = factories.make_article(
        editor, title="Cement leakage", body="<p>Leakage is usually silent.</p>",
        category=newsroom["category"], author=newsroom["author"],
    )  # fmt: skip
    services.perform(article, "submit", editor)
    reviewing = person(new_context, log_in, reviewer.username)
    reviewing.goto(change_url(site, article))
    expect(reviewing.get_by_role("button", name=APPROVE, exact=True)).to_be_visible()

    editing = person(new_context, log_in, editor.username)
    editing.goto(change_url(site, article))
    type_in_body(editing, "Report every symptomatic leak.")
    editing.get_by_role("button", name=SAVE).click()
    expect(editing.locator(".messagelist")).to_contain_text("was changed successfully")

    take(reviewing, APPROVE, password=factories.PASSWORD)

    error = reviewing.locator(".messagelist .error")
    expect(error).to_contain_text("you saw version 1, and version 2 is the one now")
    assert not factories.signoffs(article).exists()
    article.refresh_from_db()
    assert article.status == State.DRAFT  # the save took it out of review
    error.get_by_role("link", name="See what changed").click()
    expect(reviewing.locator("ins").filter(has_text="symptomatic")).to_be_visible()


def test_a_reviewer_schedules_an_approved_article_from_the_action_bar_in_one_step(
    new_context, site, log_in, newsroom
):
    """The date and time field stands in the action bar with the site's time zone in its name;
    one press schedules the approved version."""
    article = factories.make_article(
        newsroom["editor"], title="Scheduled overview", category=newsroom["category"],
        author=newsroom["author"],
    )  # fmt: skip
    services.perform(article, "submit", newsroom["editor"])
    services.perform(
        article, "approve", newsroom["reviewer"], password=factories.PASSWORD
    )  # fmt: skip
    reviewer = person(new_context, log_in, "selin")
    reviewer.goto(change_url(site, article))

    expect(reviewer.get_by_role("button", name=PUBLISH, exact=True)).to_be_visible()
    field = reviewer.get_by_label(re.compile(r"Goes live at .*Europe/Istanbul"))
    field.fill("2099-03-01T09:30")
    take(reviewer, "Schedule…")

    article.refresh_from_db()
    assert article.status == State.SCHEDULED
    local = article.publish_at.astimezone(zoneinfo.ZoneInfo("Europe/Istanbul"))
    assert (local.year, local.month, local.day, local.hour, local.minute) == (2099, 3, 1, 9, 30)
    expect(reviewer.locator(".messagelist")).to_contain_text("Schedule…: done")


def test_an_editor_asks_a_reviewer_by_name_who_sees_it_first_and_alone_gets_the_mail(
    new_context, site, log_in, newsroom
):
    """The reviewer chosen beside "Save and submit for review" finds the article at the top of
    "Awaiting my review", marked as asked of them; the e-mail goes to them only."""
    other = factories.make_article(
        newsroom["editor"], title="Waiting for anyone", category=newsroom["category"],
        author=newsroom["author"],
    )  # fmt: skip
    services.perform(other, "submit", newsroom["editor"])
    article = factories.make_article(
        newsroom["editor"], title="Asked of Dr Kaya", category=newsroom["category"],
        author=newsroom["author"],
    )  # fmt: skip
    editor = person(new_context, log_in, "edna")
    editor.goto(change_url(site, article))
    editor.get_by_label("Reviewer", exact=True).select_option(label="Dr Selin Kaya")
    with editor.expect_navigation():
        editor.get_by_role("button", name=SAVE_AND_SUBMIT).click()
    expect(editor.locator(".messagelist")).to_contain_text("saved and submitted")

    selin = person(new_context, log_in, "selin")
    queue = selin.locator("#awaiting-my-review tr")
    expect(queue.first).to_contain_text("Asked of Dr Kaya")
    expect(queue.first).to_contain_text("asked you")
    expect(queue.nth(1)).to_contain_text("Waiting for anyone")
    mail = Mail.objects.filter(subject="Awaiting your review: Asked of Dr Kaya")
    assert list(mail.values_list("to", flat=True)) == [newsroom["second_reviewer"].email]


@pytest.mark.parametrize(
    "title",
    [
        "Vertebral augmentation after an osteoporotic fracture",
        # A pasted word longer than the screen (a compound, a drug name, an address).
        "Percutaneousvertebroplastyandballoonkyphoplastyforosteoporoticcompressionfractures",
    ],
    ids=["title", "unbroken title"],
)
@pytest.mark.parametrize("where", ["item", "queue", "list"])
def test_on_a_phone_a_reviewer_reads_and_decides_without_scrolling_sideways(
    new_context, site, log_in, newsroom, where, title
):
    """At 375 px the item's page (facts, action bar, versions, history), the front page's
    queue and the change list are no wider than the screen, whatever the title; approving and
    sending back are within reach."""
    article = factories.make_article(
        newsroom["editor"], title=title, category=newsroom["category"], author=newsroom["author"],
    )  # fmt: skip
    services.perform(article, "submit", newsroom["editor"])
    reviewer = person(new_context, log_in, "deniz")
    reviewer.set_viewport_size({"width": 375, "height": 800})
    pages = {"item": change_url(site, article), "queue": "/admin/", "list": "/admin/blog/article/"}
    reviewer.goto(pages[where] if where == "item" else site + pages[where])

    assert reviewer.evaluate("document.documentElement.scrollWidth") <= 375
    if where == "item":
        for label in (APPROVE, SEND_BACK):
            box = reviewer.get_by_role("button", name=label, exact=True).bounding_box()
            assert box["x"] >= 0 and box["x"] + box["width"] <= 375
