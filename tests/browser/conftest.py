"""
Browser tests: Playwright for Python driving Debian's Chromium (/usr/bin/chromium) against
pytest-django's live server.

Every test in this folder is marked `browser`. Without Chromium the tests are skipped with a
plain reason, unless REQUIRE_BROWSER=1 (set by .ci/run), where a missing browser fails them.
We never download a browser: Playwright is pointed at the system one.
"""

import os
from pathlib import Path

import pytest
from django.contrib.auth.models import Group, Permission

from invamed.review import roles
from tests.factories import PASSWORD

# Playwright's sync API runs an asyncio event loop in the main thread for as long as the browser
# is open. Django sees that running loop and refuses ORM calls from the same thread
# (SynchronousOnlyOperation), although the test code itself is plain synchronous code that only
# builds data and reads it back. The live server answers in its own thread; nothing here is
# actually concurrent with the loop, so the check is switched off for the browser tests.
os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]
HERE = Path(__file__).parent
# Each step waits at most this long (ms), so a broken page fails fast instead of hanging.
STEP_TIMEOUT_MS = 8_000


def pytest_collection_modifyitems(config, items):
    for item in items:
        if HERE in Path(item.path).parents:
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="module")
def browser():
    """A headless Chromium, one per test module.

    Module scope rather than session scope: Playwright's sync API refuses to start while another
    sync Playwright is running in the same thread, and other folders (tests/security) start their
    own; a session-long browser here would make theirs fail.
    """
    if not CHROMIUM.exists():
        reason = f"Chromium not installed: apt-get install chromium (looked for {CHROMIUM})"
        if os.environ.get("REQUIRE_BROWSER") == "1":
            pytest.fail(reason + "; REQUIRE_BROWSER=1 says the browser tests must run")
        pytest.skip(reason)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(
            executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS
        )
        yield chromium
        chromium.close()


@pytest.fixture
def roles_in_db(transactional_db):
    """The Editors/Reviewers/Site administrators groups, as the data migration creates them.

    The live server needs `transactional_db`, whose flush after each test also empties the
    groups that migration review/0002_roles wrote; put them back before each test.
    """
    roles.apply_roles(Group, Permission)


@pytest.fixture
def site(live_server, roles_in_db):
    """The live server's base URL, with the database ready for factories."""
    return live_server.url


@pytest.fixture
def new_context(browser):
    """Open fresh browser contexts (separate cookies: separate people); all closed after."""
    contexts = []

    def open_context():
        context = browser.new_context(viewport={"width": 1280, "height": 900})
        context.set_default_timeout(STEP_TIMEOUT_MS)
        contexts.append(context)
        return context

    yield open_context
    for context in contexts:
        context.close()


@pytest.fixture
def page(new_context):
    """A page in a fresh context: a visitor with no cookies."""
    return new_context().new_page()


@pytest.fixture
def log_in(site):
    """Log a page in through the admin's login form, as a person would: log_in(page, username)."""

    def log_in_as(page, username, password=PASSWORD):
        page.goto(f"{site}/admin/login/")
        page.get_by_label("Username").fill(username)
        page.get_by_label("Password").fill(password)
        page.get_by_role("button", name="Log in").click()
        page.wait_for_url(f"{site}/admin/")

    return log_in_as
