"""
Debian's Chromium through Playwright, for every browser test (tests/browser, tests/security).

We never download a browser: Playwright is pointed at /usr/bin/chromium. Without it the tests
are skipped with a plain reason, unless REQUIRE_BROWSER=1 (set by .ci/run), where they fail.
"""

import os
from contextlib import contextmanager
from pathlib import Path

import pytest

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


@contextmanager
def chromium_browser():
    """A headless Chromium for the length of the `with` block (skips when absent)."""
    if not CHROMIUM.exists():
        reason = f"Chromium not installed: apt-get install chromium (looked for {CHROMIUM})"
        if os.environ.get("REQUIRE_BROWSER") == "1":
            pytest.fail(reason + "; REQUIRE_BROWSER=1 says the browser tests must run")
        pytest.skip(reason)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS
        )
        yield browser
        browser.close()
