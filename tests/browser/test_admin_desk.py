"""The editorial desk's helpers in a real browser: the tag box suggests the existing tags as one
types, the references are put in order without typing numbers, and the text typed is kept in
the browser and offered back after a reload, unless someone saved a newer version since."""

import pytest

from blog.models import Article
from tests import factories
from tests.browser.test_admin_workflow import change_url, person


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
