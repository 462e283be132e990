"""
Reading an article on a phone (375 px) and a desktop (1280 px): the line under the title leads
to the sign-off, a citation leads to its reference and back, a wide table scrolls inside a
region the keyboard reaches; on the phone the header stays short and the breadcrumb on one line.
"""

import re

import pytest
from playwright.sync_api import expect

from invamed.content.models import Notice
from tests import factories

WIDTHS = {"phone": 375, "desktop": 1280}
TITLE = "Vertebral augmentation after an osteoporotic compression fracture: what the evidence says"
WIDE_ROW = "".join(f"<td>Measurement {n} in millimetres</td>" for n in range(8))
BODY = (
    "<h2>Does it relieve pain?</h2><p>Pain falls within days for most patients [[ref:2]].</p>"
    f"<table><caption>Outcomes by week</caption><tr>{WIDE_ROW}</tr></table>"
    "<h2>Is it safe?</h2><p>Cement leaks are common and mostly silent [[ref:1]], and pain "
    "relief lasts [[ref:2]].</p>"
)
REFERENCES = [
    ("Author A. Cement leakage in vertebral augmentation. Example Spine J. 2020.", ""),
    ("Author B. Pain after kyphoplasty: a cohort. Example Bone Rev. 2021.", ""),
]


@pytest.fixture(params=list(WIDTHS))
def reader(request, new_context, site):
    """A visitor's page at each width, on a live article with citations and a wide table."""
    editor = factories.make_user("edna", role="editor")
    reviewer = factories.make_reviewer(name="Dr Deniz Aksoy", username="deniz")
    factories.make_notice(Notice.Kind.REGULATORY)
    article = factories.make_article(
        editor, title=TITLE, slug="augmentation-evidence", body=BODY, references=REFERENCES
    )
    factories.publish(article, reviewer)
    context = new_context()
    page = context.new_page()
    page.set_viewport_size({"width": WIDTHS[request.param], "height": 800})
    page.goto(site + article.get_absolute_url())
    return page, request.param


def test_the_line_under_the_title_leads_to_the_signoff(reader):
    page, _width = reader
    line = page.locator(".review-line")
    expect(line).to_contain_text("Medically reviewed by Dr Deniz Aksoy")
    expect(line).to_contain_text("Last reviewed")
    title_box = page.get_by_role("heading", level=1).bounding_box()
    assert line.bounding_box()["y"] > title_box["y"]
    line.get_by_role("link").click()
    expect(page).to_have_url(re.compile(r"#signoff$"))
    expect(page.get_by_role("region", name="Medical review")).to_be_in_viewport()


def test_a_citation_leads_to_its_reference_and_back(reader):
    page, _width = reader
    body = page.locator(".article__body")
    # Reference 2 of the list is cited first: it is [1] on the page, first in the list.
    body.get_by_role("link", name="[1]").first.click()
    entry = page.locator("#ref-1")
    expect(entry).to_be_in_viewport()
    expect(entry).to_contain_text("Pain after kyphoplasty")
    entry.get_by_role("link", name="Back to citation 2 in the text").click()
    expect(page.locator("#cite-1-2")).to_be_in_viewport()
    page.locator("#ref-2").get_by_role("link", name="Back to the citation in the text").click()
    expect(page.locator("#cite-2-1")).to_be_in_viewport()


def test_the_wide_table_scrolls_in_a_region_the_keyboard_reaches(reader):
    page, width = reader
    region = page.get_by_role("region", name="Outcomes by week")
    for _ in range(60):  # Tab through the page's controls until the region has focus
        page.keyboard.press("Tab")
        if region.evaluate("element => element === document.activeElement"):
            break
    expect(region).to_be_focused()
    if width == "phone":
        expect(region.locator(".table-scroll__hint")).to_be_visible()
        page.keyboard.press("ArrowRight")
        page.wait_for_function("() => document.activeElement.scrollLeft > 0", timeout=3000)
        # The page itself does not scroll sideways: only the table's region does.
        assert page.evaluate("document.documentElement.scrollWidth") <= 375


def test_on_a_phone_the_header_is_short_and_the_breadcrumb_one_line(reader):
    page, width = reader
    if width != "phone":
        pytest.skip("the phone layout")
    assert page.locator(".site-header").bounding_box()["height"] <= 100
    trail = page.locator(".breadcrumbs ol")
    line_height = page.evaluate(
        "parseFloat(getComputedStyle(document.querySelector('.breadcrumbs li')).lineHeight)"
    )
    assert trail.evaluate("el => el.clientHeight") < 2 * line_height + 16
    current = page.locator(".breadcrumbs [aria-current]")
    expect(current).to_have_text(TITLE)  # the whole title is there for assistive technology
    assert page.evaluate("document.documentElement.scrollWidth") <= 375
