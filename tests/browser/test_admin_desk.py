"""The editorial desk's helpers in a real browser: the tag box suggests the existing tags as one
types, the references are put in order without typing numbers, and the text typed is kept in
the browser and offered back after a reload, unless someone saved a newer version since."""

import pytest
from playwright.sync_api import expect

from blog.models import Article
from tests import factories
from tests.browser.test_a11y import AXE_JS, AXE_TAGS, format_violations, require
from tests.browser.test_admin_workflow import change_url, person, rich_text_body, type_in_body


@pytest.fixture
def editor(site):
    return factories.make_user("edna", role="editor", first_name="Edna", last_name="Ekin")


def suggestions(page):
    """The values the tag box's suggestion list holds now."""
    return page.locator("#id_tags_suggestions option").evaluate_all(
        "options => options.map(option => option.value)"
    )


def test_the_tag_box_offers_existing_tags_for_the_tag_being_typed(
    new_context, site, log_in, editor
):
    factories.make_article(editor, tags=["spine care", "kyphoplasty"])
    article = factories.make_article(editor)
    page = person(new_context, log_in, "edna")
    page.goto(change_url(site, article))

    tags = page.get_by_label("Tags")
    tags.press_sequentially("sp")
    assert "spine care" in suggestions(page)
    # After a comma, the suggestions complete the tag being typed and keep the first one.
    tags.fill("")
    tags.press_sequentially("spine care, ky")
    assert suggestions(page) == ["spine care, kyphoplasty"]

    tags.fill(suggestions(page)[0])
    with page.expect_navigation():
        page.get_by_role("button", name="Save draft", exact=True).click()
    assert sorted(Article.objects.get(pk=article.pk).tags.names()) == ["kyphoplasty", "spine care"]


def test_references_move_up_and_down_without_typing_numbers(new_context, site, log_in, editor):
    article = factories.make_article(
        editor,
        references=[
            ("Kallmes DF et al. A randomized trial of vertebroplasty. N Engl J Med. 2009.", ""),
            ("Wardlaw D et al. Balloon kyphoplasty versus non-surgical care. Lancet. 2009.", ""),
        ],
    )
    page = person(new_context, log_in, "edna")
    page.goto(change_url(site, article))

    second = page.locator("#references-1")
    second.get_by_role("button", name="Move up").click()
    expect(page.locator("#references-group tbody tr.form-row").first).to_have_id("references-1")
    expect(page.locator("input[name=references-1-position]")).to_have_value("1")
    expect(page.locator("input[name=references-0-position]")).to_have_value("2")
    # The blank row for a new reference stays unnumbered (it would otherwise need a citation).
    expect(page.locator("input[name=references-2-position]")).to_have_value("")
    # The inline, its link and delete columns included, fits a 1280 px window.
    assert page.evaluate("document.documentElement.scrollWidth") <= 1280
    for column in ("td.field-url", "td.delete"):
        box = page.locator(f"#references-1 {column}").bounding_box()
        assert box["x"] + box["width"] <= 1280, f"{column} is off-screen at 1280 px"

    with page.expect_navigation():
        page.get_by_role("button", name="Save draft", exact=True).click()
    citations = [
        row["citation"]
        for row in Article.objects.get(pk=article.pk).head_version.content["references"]
    ]
    assert citations[0].startswith("Wardlaw") and citations[1].startswith("Kallmes")


def draft_kept(page, article, text):
    """Wait until the browser has kept a draft of the article holding `text`."""
    page.wait_for_function(
        "([key, text]) => (localStorage.getItem(key) || '').includes(text)",
        arg=[f"invamed-autosave:blog.article.{article.pk}", text],
    )


def test_text_typed_is_offered_back_after_a_reload_and_dropped_once_saved(
    new_context, site, log_in, editor
):
    article = factories.make_article(editor)
    page = person(new_context, log_in, "edna")
    page.goto(change_url(site, article))
    page.get_by_label("Title").fill("Vertebroplasty: what to expect on the day")
    type_in_body(page, "Most people go home the same day.")
    draft_kept(page, article, "Most people go home the same day.")

    page.reload()
    prompt = page.get_by_role("alert").filter(has_text="Restore the text you typed at")
    expect(prompt).to_be_visible()
    expect(page.get_by_label("Title")).to_have_value(article.title)
    prompt.get_by_role("button", name="Restore").click()
    expect(prompt).to_be_hidden()
    expect(page.get_by_label("Title")).to_have_value("Vertebroplasty: what to expect on the day")
    expect(rich_text_body(page)).to_contain_text("Most people go home the same day.")

    with page.expect_navigation():
        page.get_by_role("button", name="Save draft", exact=True).click()
    saved = Article.objects.get(pk=article.pk)
    assert saved.title == "Vertebroplasty: what to expect on the day"
    assert "Most people go home the same day." in saved.body
    # Saved: nothing is offered any more, and the browser keeps no copy.
    page.reload()
    expect(rich_text_body(page)).to_contain_text("Most people go home the same day.")
    expect(page.get_by_text("Restore the text you typed")).to_have_count(0)
    assert (
        page.evaluate(f"localStorage.getItem('invamed-autosave:blog.article.{article.pk}')") is None
    )


def test_a_draft_is_not_restored_over_a_version_saved_since(new_context, site, log_in, editor):
    article = factories.make_article(editor)
    page = person(new_context, log_in, "edna")
    page.goto(change_url(site, article))
    page.get_by_label("Summary").fill("My summary, typed before the other save.")
    draft_kept(page, article, "My summary, typed before the other save.")
    other = factories.make_user("omer", role="editor", first_name="Ömer", last_name="Oral")
    factories.edit(article, other, summary="Their summary, saved as version 2.")

    page.reload()
    prompt = page.get_by_role("alert").filter(has_text="version 2 was saved since")
    expect(prompt).to_be_visible()
    expect(prompt.get_by_role("button", name="Restore")).to_have_count(0)
    expect(page.get_by_label("Summary")).to_have_value("Their summary, saved as version 2.")
    prompt.get_by_role("button", name="Discard").click()
    expect(prompt).to_be_hidden()
    page.reload()
    expect(page.get_by_role("alert").filter(has_text="version 2 was saved since")).to_have_count(0)


def test_the_desks_helpers_have_no_axe_violations(new_context, site, log_in, editor):
    """The autosave prompt, the tag box with its suggestions and the references' move buttons
    (the inline's table around them is Django's)."""
    require(AXE_JS.exists(), f"axe-core not installed: run `npm ci` (looked for {AXE_JS})")
    article = factories.make_article(editor, tags=["spine care"], references=[("A study.", "")])
    page = person(new_context, log_in, "edna")
    page.goto(change_url(site, article))
    page.get_by_label("Summary").fill("A summary typed, not saved.")
    draft_kept(page, article, "A summary typed, not saved.")
    page.reload()
    expect(page.get_by_role("alert").filter(has_text="Restore the text")).to_be_visible()
    page.add_script_tag(path=str(AXE_JS))

    violations = page.evaluate(
        """async (tags) => (await axe.run(
            {include: [['.autosave-prompt'], ['.field-tags'], ['.reorder-rows']]},
            {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']},
        )).violations""",
        AXE_TAGS,
    )

    assert not violations, format_violations(violations)
