"""
The reviewer's diff in Chromium: on a 375 px phone the two versions of a field are stacked (old
above new) and nothing makes the page wider than the screen, long addresses and words included;
on a desktop they stand side by side. The versions table's compare form works without script.
The diff's own content passes axe-core (the admin around it is Django's).
"""

import pytest

from tests import factories

from .test_a11y import AXE_JS, AXE_TAGS, format_violations, require

LONG_URL = "https://doi.org/10.1000/" + "a-very-long-identifier-without-any-break-" * 4
LONG_WORD = "Pneumonoultramicroscopicsilicovolcanoconiosis" * 3


@pytest.fixture
def changed_article(site):
    editor = factories.make_user("edna", role="editor")
    factories.make_reviewer(name="Dr Deniz Aksoy", username="deniz")
    article = factories.make_article(
        editor,
        title="Cement augmentation",
        body='<h2>Evidence</h2><p>See <a href="https://doi.org/10.1000/1">the trial</a>.</p>'
        "<table><tr><th>Dose</th><td>5 × 10<sup>6</sup> cells/kg</td></tr></table>",
        references=[("Doe J. A study. Spine J. 2020.", "https://doi.org/10.1000/1")],
        tags=["spine care"],
    )
    factories.edit(
        article,
        editor,
        title=f"Cement augmentation {LONG_WORD}",
        body=f'<h2>Evidence</h2><p>See <a href="{LONG_URL}">the trial</a>.</p>'
        "<table><tr><th>Dose</th><td>5 × 106 cells/kg</td></tr></table>",
    )
    return article


def diff_page(new_context, log_in, site, article, width, query=""):
    page = new_context().new_page()
    page.set_viewport_size({"width": width, "height": 800})
    log_in(page, "deniz")
    page.goto(f"{site}/admin/blog/article/{article.pk}/versions/2/diff/{query}")
    return page


def boxes(page, selector):
    return page.eval_on_selector_all(
        selector, "els => els.map(e => { const r = e.getBoundingClientRect();"
        " return {top: r.top, bottom: r.bottom, left: r.left, right: r.right}; })",
    )  # fmt: skip


def test_on_a_phone_the_diff_is_stacked_and_no_wider_than_the_screen(
    new_context, log_in, site, changed_article
):
    page = diff_page(new_context, log_in, site, changed_article, 375)

    assert page.evaluate("document.documentElement.scrollWidth") <= 375
    assert page.evaluate("document.body.scrollWidth") <= 375
    old, new = boxes(page, "#diff-title .review-diff__side")
    assert old["bottom"] <= new["top"], "old above new"
    for side in boxes(page, ".review-diff__side"):
        assert side["right"] <= 375
    # The long address and the long word wrap inside their side.
    assert LONG_URL in page.inner_text("#diff-body .review-diff__side--new")


def test_on_a_desktop_the_two_versions_stand_side_by_side(
    new_context, log_in, site, changed_article
):
    page = diff_page(new_context, log_in, site, changed_article, 1280)

    old, new = boxes(page, "#diff-title .review-diff__side")
    assert old["top"] == new["top"] and old["right"] <= new["left"]
    assert page.evaluate("document.documentElement.scrollWidth") <= 1280


def test_the_versions_table_compares_any_two_versions(new_context, log_in, site, changed_article):
    editor = changed_article.versions.get(number=1).created_by
    factories.edit(changed_article, editor, summary="A third version's summary.")
    page = new_context().new_page()
    log_in(page, "deniz")
    page.goto(f"{site}/admin/blog/article/{changed_article.pk}/change/")

    page.get_by_label("Compare version 3 with").fill("1")
    page.get_by_label("Compare version 3 with").press("Enter")

    page.wait_for_url("**/versions/3/diff/?against=1")
    assert "Version 1 on the left, version 3 on the right" in page.inner_text("#content-main")
    assert "A third version's summary." in page.inner_text("#diff-summary ins")


@pytest.mark.parametrize("width", [375, 1280])
def test_the_diff_has_no_axe_violations(new_context, log_in, site, changed_article, width):
    require(AXE_JS.exists(), f"axe-core not installed: run `npm ci` (looked for {AXE_JS})")
    page = diff_page(new_context, log_in, site, changed_article, width)
    page.add_script_tag(path=str(AXE_JS))

    violations = page.evaluate(
        """async (tags) => (await axe.run('#content-main', {
            runOnly: {type: 'tag', values: tags}, resultTypes: ['violations'],
        })).violations""",
        AXE_TAGS,
    )

    assert not violations, format_violations(violations)
