"""
In Chromium: the admin's CKEditor 4 works under the admin's CSP, and no stored payload runs.

Marked `browser`; skipped without /usr/bin/chromium unless REQUIRE_BROWSER=1. A page's problems
are collected from the browser itself: CSP violation events, dialogs (alert/confirm/prompt),
requests leaving the live server, and script elements that are not the site's own.
"""

from urllib.parse import urlsplit

import pytest
from django.contrib.auth.models import Group, Permission

from invamed.site import roles
from tests import factories
from tests.chromium import chromium_browser

from .html_checks import load_payloads

pytestmark = pytest.mark.browser
TIMEOUT_MS = 10_000
# Recorded in the page before any of its own script runs.
WATCH_CSP = """
window.__csp = [];
document.addEventListener('securitypolicyviolation', e => window.__csp.push(
    e.violatedDirective + ' ' + e.blockedURI + ' ' + (e.sourceFile || '') + ':' + e.lineNumber));
"""


@pytest.fixture(scope="module")
def chromium():
    with chromium_browser() as browser:
        yield browser


@pytest.fixture
def site(live_server, transactional_db):
    """The live server, with the role groups the flush of transactional tests removed."""
    roles.apply_roles(Group, Permission)
    return live_server.url


class Watched:
    """A page whose CSP violations, dialogs and off-site requests are recorded."""

    def __init__(self, browser, site):
        self.context = browser.new_context()
        self.context.set_default_timeout(TIMEOUT_MS)
        self.context.add_init_script(WATCH_CSP)
        self.page = self.context.new_page()
        self.dialogs, self.offsite = [], []
        host = urlsplit(site).netloc
        self.page.on("dialog", lambda d: (self.dialogs.append(d.message), d.dismiss()))
        self.page.on(
            "request",
            lambda r: (
                urlsplit(r.url).scheme in ("http", "https")
                and urlsplit(r.url).netloc != host
                and self.offsite.append(r.url)
            ),
        )

    def csp_violations(self):
        return self.page.evaluate("window.__csp")

    def foreign_scripts(self):
        """Script elements other than JSON-LD data and the site's own static files."""
        return self.page.evaluate(
            """() => [...document.querySelectorAll('script')]
                .filter(s => s.type !== 'application/ld+json'
                             && !(s.src && new URL(s.src).origin === location.origin
                                  && new URL(s.src).pathname.startsWith('/static/')))
                .map(s => s.outerHTML.slice(0, 120))"""
        )

    def log_in(self, site, username):
        self.page.goto(f"{site}/admin/login/")
        self.page.fill("#id_username", username)
        self.page.fill("#id_password", factories.PASSWORD)
        self.page.click("input[type=submit]")
        self.page.wait_for_url(f"{site}/admin/")


def test_ckeditor_loads_in_the_admin_without_csp_violations(chromium, site):
    factories.make_user("root", role="superuser")
    watched = Watched(chromium, site)
    watched.log_in(site, "root")
    watched.page.goto(f"{site}/admin/blog/article/add/")
    frame = watched.page.frame_locator("iframe.cke_wysiwyg_frame")
    frame.locator("body[contenteditable=true]").click()
    watched.page.keyboard.type("Typed under the admin's policy. ")
    # The toolbar's buttons are inline event handlers: Bold must work.
    watched.page.locator("a.cke_button__bold").click()
    watched.page.keyboard.type("In bold.")
    assert frame.locator("body strong").inner_text().strip("\u200b") == "In bold."
    assert "Typed under" in frame.locator("body").inner_text()
    assert watched.csp_violations() == []
    assert watched.dialogs == [] and watched.offsite == []
    watched.context.close()


def test_public_pages_run_under_the_strict_policy_without_violation(chromium, site):
    """The visitor's pages (including JSON-LD) run under the strict policy without tripping it."""
    notice = factories.make_notice()
    article = factories.make_article(notice=notice, tags=["spine care"])
    factories.publish(article, factories.make_reviewer())
    watched = Watched(chromium, site)
    for path in [
        "/en/",
        "/en/invablog/",
        article.get_absolute_url(),
        "/en/faq/",
        "/en/tags/",
        "/en/search/?q=a",
    ]:
        watched.page.goto(site + path)
        assert watched.csp_violations() == [], path
        assert watched.foreign_scripts() == [], path
    watched.context.close()


def test_no_stored_payload_runs_on_the_public_page_or_in_the_admin(chromium, site):
    """All payloads at once in an article and its FAQ entry; then the public pages, the admin
    previews, the reviewer's diff (payloads on either side) and the admin's change form
    (CKEditor loading the stored body) are opened in Chromium."""
    payloads = load_payloads()
    factories.make_user("root", role="superuser")
    everything = "\n".join(payloads)
    article = factories.make_article(
        title=payloads[0][:200], summary=everything, body=everything, tags=[payloads[1][:100]]
    )
    reviewer = factories.make_reviewer()
    factories.publish(article, reviewer)
    entry = factories.make_entry(question=payloads[2], answer=everything, articles=[article])
    factories.publish(entry, reviewer)

    watched = Watched(chromium, site)
    for path in [article.get_absolute_url(), entry.get_absolute_url()]:
        watched.page.goto(site + path)
        watched.page.wait_for_timeout(300)  # let any timer- or load-driven payload fire
        assert watched.foreign_scripts() == [], path
        assert watched.csp_violations() == [], path
    assert watched.dialogs == []
    assert watched.offsite == []

    watched.log_in(site, "root")
    previews = [
        f"/admin/blog/article/{article.pk}/versions/{article.live_version.number}/preview/",
        f"/admin/faq/entry/{entry.pk}/versions/{entry.live_version.number}/preview/",
    ]
    for path in previews:
        response = watched.page.goto(site + path)
        assert response.status == 200, path
        assert "Preview" in watched.page.inner_text(".preview-banner"), path
        watched.page.wait_for_timeout(300)
        assert watched.foreign_scripts() == [], path
    calm = factories.edit(article, reviewer, title="Calm", summary="Calm.", body="<p>Calm.</p>")
    diffs = [
        f"/admin/blog/article/{article.pk}/versions/{calm.number}/diff/?against=1",
        f"/admin/blog/article/{article.pk}/versions/1/diff/?against={calm.number}",
        f"/admin/faq/entry/{entry.pk}/versions/1/diff/",
    ]
    for path in diffs:
        response = watched.page.goto(site + path)
        assert response.status == 200, path
        watched.page.wait_for_timeout(300)
        assert watched.foreign_scripts() == [], path
    watched.page.goto(f"{site}/admin/blog/article/{article.pk}/change/")
    watched.page.frame_locator("iframe.cke_wysiwyg_frame").locator("body").wait_for()
    watched.page.wait_for_timeout(300)
    assert watched.dialogs == []
    assert watched.offsite == []
    assert watched.csp_violations() == []
    watched.context.close()
