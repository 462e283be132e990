"""
A visitor's journeys through the public site, in a real browser: reading INVAblog, the FAQ,
search, the trust trail from a sign-off to the reviewer and the editorial policy, and the
keyboard's way in (the skip link).
"""

import re

import pytest
from playwright.sync_api import expect

from invamed.content.models import Notice
from tests import factories

ARTICLE_TITLE = "Vertebral augmentation after a compression fracture"
ARTICLE_BODY = (
    "<h2>Who is it for?</h2><p>People whose spine fracture still hurts after weeks of rest.</p>"
    "<h2>How long does recovery take?</h2><p>Most walk the same day and rest for a week.</p>"
)
# The sign-off line; the footer's lowercase "reviewed by INVAMED Medical Affairs" is not it.
SIGNOFF_LINE = re.compile(r"^\s*Reviewed by")
QUESTION = "How long does a kyphoplasty take?"
ANSWER = "Usually under an hour for one vertebra, with a short stay afterwards."


def reviewed_by(page):
    return page.get_by_text(SIGNOFF_LINE)


@pytest.fixture
def published(site):
    """A small live site: one reviewer with a public profile, two live articles sharing a tag,
    a live FAQ entry attached to the first article, the notices and a published policy."""
    editor = factories.make_user("edna", role="editor")
    reviewer = factories.make_reviewer(
        name="Dr Deniz Aksoy", credentials="MD, physical medicine", username="deniz"
    )
    regulatory = factories.make_notice(Notice.Kind.REGULATORY)
    factories.make_notice(Notice.Kind.DISCLAIMER)
    spine = factories.make_category("Pain Management & Spine (Algology)", slug="spine")
    team = factories.make_author("INVAMED Medical Affairs")
    article = factories.make_article(
        editor,
        title=ARTICLE_TITLE,
        slug="vertebral-augmentation",
        summary="What vertebral augmentation is, who it helps and how recovery goes.",
        body=ARTICLE_BODY,
        category=spine,
        author=team,
        notice=regulatory,
        tags=["vertebral augmentation", "spine care"],
    )
    factories.publish(article, reviewer)
    other = factories.make_article(
        editor,
        title="Living with osteoporosis",
        slug="living-with-osteoporosis",
        summary="Everyday steps that protect bones.",
        category=spine,
        author=team,
        tags=["spine care", "osteoporosis support"],
    )
    factories.publish(other, reviewer)
    entry = factories.make_entry(
        editor,
        question=QUESTION,
        slug="kyphoplasty-duration",
        answer=f"<p>{ANSWER}</p>",
        tags=["spine care"],
        articles=[article],
    )
    factories.publish(entry, reviewer)
    factories.make_site_page(
        title="Editorial policy",
        summary="How we write, review, date and correct what we publish.",
        body="<h2>Review</h2><p>A Medical Affairs reviewer signs off every page.</p>",
    )
    return {"article": article, "other": other, "entry": entry, "reviewer": reviewer}


def test_visitor_reads_an_article_from_the_home_page_and_follows_a_tag(page, site, published):
    """home → INVAblog → article with its sign-off and tags → the tag's page."""
    page.goto(site + "/")
    page.get_by_role("navigation", name="Main").get_by_role("link", name="INVAblog").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("INVAblog")

    page.get_by_role("link", name=ARTICLE_TITLE).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(ARTICLE_TITLE)
    expect(page).to_have_title(f"{ARTICLE_TITLE} | INVAMED")
    expect(reviewed_by(page)).to_contain_text("Dr Deniz Aksoy")
    tags = page.get_by_role("region", name="Topics")
    expect(tags.get_by_role("link", name="vertebral augmentation")).to_be_visible()

    tags.get_by_role("link", name="spine care").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Spine Care")
    expect(page.get_by_role("link", name=ARTICLE_TITLE)).to_be_visible()
    expect(page.get_by_role("link", name="Living with osteoporosis")).to_be_visible()


def test_visitor_expands_an_faq_answer_and_opens_the_entry_page(page, site, published):
    """the FAQ index shows questions with answers folded (<details>); a click on the
    question shows the answer; the entry has its own page with its sign-off."""
    page.goto(site + "/")
    page.get_by_role("navigation", name="Main").get_by_role("link", name="FAQ").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Frequently asked questions")

    item = page.locator("details", has=page.locator("summary", has_text=QUESTION))
    answer = item.get_by_text(ANSWER)
    expect(answer).to_be_hidden()
    item.locator("summary").click()
    expect(answer).to_be_visible()

    item.get_by_role("link", name=re.compile("own page", re.I)).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(QUESTION)
    expect(page.get_by_text(ANSWER)).to_be_visible()
    expect(reviewed_by(page)).to_contain_text("Dr Deniz Aksoy")


def test_visitor_searches_from_the_header_opens_a_result_and_follows_a_tag(page, site, published):
    """the header's search box finds the article; its page links to its tags."""
    page.goto(site + "/")
    search = page.get_by_role("search")
    search.get_by_role("searchbox").fill("augmentation")
    search.get_by_role("button", name="Search").click()
    expect(page).to_have_url(re.compile(r"/en/search/\?q=augmentation"))

    page.get_by_role("main").get_by_role("link", name=ARTICLE_TITLE).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(ARTICLE_TITLE)

    page.get_by_role("region", name="Topics").get_by_role(
        "link", name="vertebral augmentation"
    ).click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Vertebral Augmentation")
    expect(page.get_by_role("link", name=ARTICLE_TITLE)).to_be_visible()


def test_visitor_follows_reviewed_by_to_the_profile_and_back_and_reads_the_policy(
    page, site, published
):
    """ "Reviewed by" links to the reviewer's profile (credentials, what they
    reviewed), which links back to the articles; the sign-off links to the editorial policy."""
    page.goto(site + published["article"].get_absolute_url())
    signoff = page.get_by_role("region", name="Medical review")
    expect(signoff).to_contain_text("Reviewed by")
    signoff.get_by_role("link", name="Dr Deniz Aksoy").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Dr Deniz Aksoy")
    expect(page.get_by_role("main")).to_contain_text("MD, physical medicine")
    expect(page.get_by_role("main")).not_to_contain_text("deniz@example.org")
    page.get_by_role("main").get_by_role("link", name="Living with osteoporosis").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Living with osteoporosis")

    signoff = page.get_by_role("region", name="Medical review")
    signoff.locator("a[href$='/editorial-policy/']").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Editorial policy")
    expect(page.get_by_text("A Medical Affairs reviewer signs off every page.")).to_be_visible()


def test_first_tab_reaches_the_skip_link_which_moves_focus_to_main(page, site, published):
    """The first thing a keyboard reaches is "Skip to main content"; using it puts focus on
    the main content, past the header and navigation."""
    page.goto(site + published["article"].get_absolute_url())
    page.keyboard.press("Tab")
    skip = page.get_by_role("link", name="Skip to main content")
    expect(skip).to_be_focused()
    expect(skip).to_be_visible()  # shown when focused, even if visually hidden otherwise
    page.keyboard.press("Enter")
    expect(page.get_by_role("main")).to_be_focused()
