"""
Printing an article keeps what a reader needs on paper (the article, its medical
sign-off, the regulatory notice, the disclaimer and the page's address) and drops the site's
navigation, search and footer links.
"""

from playwright.sync_api import expect

from tests.browser.test_a11y import public_pages  # noqa: F401  (fixture)


def test_printed_article_keeps_content_signoff_notices_and_url_and_drops_navigation(
    page,
    site,
    public_pages,  # noqa: F811
):
    path = public_pages[("en", "article")]
    page.goto(site + path)
    page.emulate_media(media="print")

    for hidden in [
        page.get_by_role("link", name="Skip to main content"),
        page.locator(".site-header"),
        page.locator("nav[aria-label='Main']"),
        page.locator("form[role='search']"),
        page.locator(".site-footer"),
        page.locator("nav[aria-label='Footer']"),
        page.locator(".breadcrumbs"),
    ]:
        expect(hidden).to_be_hidden()

    article = page.locator("article.article")
    expect(article).to_be_visible()
    expect(article.get_by_role("heading", level=1)).to_be_visible()
    expect(article.locator(".article__body")).to_be_visible()
    expect(page.locator(".signoff")).to_be_visible()
    expect(page.get_by_text("Reviewed by:")).to_be_visible()
    expect(page.locator(".notice--regulatory")).to_be_visible()
    expect(page.locator(".notice--disclaimer")).to_be_visible()
    printed_from = page.get_by_text("Printed from")
    expect(printed_from).to_be_visible()
    expect(printed_from).to_contain_text(path)

    page.emulate_media(media="screen")
    expect(page.locator(".site-header")).to_be_visible()
    expect(printed_from).to_be_hidden()
