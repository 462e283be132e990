"""
Screenshots for the README, taken in Debian's Chromium from a throw-away demo site served as in
production (tools/demo_site.py):

    docs/screenshots/article-phone.png    the richest demo article, 375 px wide
    docs/screenshots/article-desktop.png  the same article, 1280 px wide
    docs/screenshots/admin-review.png     the admin change page of the article in review, seen by
                                          the demo reviewer, with its workflow panel
    docs/screenshots/admin-actions.png    the action bar at the end of that page

Run with `make screenshots` (`.venv/bin/python -m tools.screenshots`). Each PNG is checked to
stay under 400 KB.
"""

from playwright.sync_api import sync_playwright

from tools.demo_site import CHROMIUM, CHROMIUM_ARGS, ROOT, demo_site

OUT = ROOT / "docs" / "screenshots"
MAX_BYTES = 400 * 1024
REVIEWER = ("reviewer", "reviewer-demo-pass-1")


def shoot(page, name, **options):
    path = OUT / name
    page.screenshot(path=str(path), **options)
    size = path.stat().st_size
    print(f"  {path.relative_to(ROOT)}  {size // 1024} KB")
    if size > MAX_BYTES:
        raise SystemExit(f"{name} is {size // 1024} KB, over the {MAX_BYTES // 1024} KB limit")


def main():
    OUT.mkdir(parents=True, exist_ok=True)
    with demo_site() as site, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        article = site.url + site.paths["article"]

        # Phone: the top of the article, at a phone's pixel density, as a reader first sees it.
        phone = browser.new_context(
            viewport={"width": 375, "height": 812}, device_scale_factor=2, is_mobile=True
        )
        page = phone.new_page()
        page.goto(article)
        shoot(page, "article-phone.png")
        phone.close()

        # Desktop: header, title, table of contents and the start of the body.
        desktop = browser.new_context(viewport={"width": 1280, "height": 1000})
        page = desktop.new_page()
        page.goto(article)
        shoot(page, "article-desktop.png")

        # Admin: the reviewer opens the article waiting for their review.
        username, password = REVIEWER
        page.goto(site.url + "/admin/login/")
        page.get_by_label("Username").fill(username)
        page.get_by_label("Password").fill(password)
        page.get_by_role("button", name="Log in").click()
        page.wait_for_url(site.url + "/admin/")
        page.goto(site.url + site.paths["admin article in review"])
        page.locator(".review-panel").wait_for()
        shoot(page, "admin-review.png")
        # The action bar at the end of the same page: what this reviewer may do now.
        bar = page.locator("#review-actions")
        bar.scroll_into_view_if_needed()
        shoot(bar, "admin-actions.png")
        desktop.close()
        browser.close()


if __name__ == "__main__":
    main()
