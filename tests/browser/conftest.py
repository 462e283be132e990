"""
Browser tests: Playwright for Python driving Debian's Chromium (/usr/bin/chromium) against
pytest-django's live server.

Every test in this folder is marked `browser`. Without Chromium the tests are skipped with a
plain reason, unless REQUIRE_BROWSER=1 (set by .ci/run), where a missing browser fails them.
We never download a browser: Playwright is pointed at the system one (tests/chromium.py).
"""

from pathlib import Path

import pytest
from django.contrib.auth.models import Group, Permission

from invamed.site import roles
from tests.chromium import chromium_browser
from tests.factories import PASSWORD

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
    with chromium_browser() as chromium:
        yield chromium


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
