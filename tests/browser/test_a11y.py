"""
Every public page type, in English and in Turkish, passes axe-core with zero violations of any
impact, at phone (375 px) and desktop (1280 px) widths, and the keyboard reaches every control
of the article page with a visible focus indicator.

axe-core is the npm package pinned in package.json (`npm ci`); its axe.min.js is injected into
each page. Without node_modules/axe-core the module is skipped with the reason, unless
REQUIRE_BROWSER=1, where a missing checker fails instead.

The pages are those of tests/bilingual.py, built through the review workflow: articles with a
table of contents, references, tags, related articles and FAQ entries, notices, sign-offs,
reviewer profiles and the site's own pages, each with its Turkish translation.
"""

import json
import os
from pathlib import Path

import pytest
from playwright.sync_api import expect

from tests import bilingual

ROOT = Path(__file__).resolve().parents[2]
AXE_JS = ROOT / "node_modules" / "axe-core" / "axe.min.js"
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]
WIDTHS = {"phone": 375, "desktop": 1280}
SKIP_LINK = {"en": "Skip to main content", "tr": "Ana içeriğe geç"}


def require(condition, reason):
    """Skip the caller with `reason` when `condition` is false; fail under REQUIRE_BROWSER=1."""
    if condition:
        return
    if os.environ.get("REQUIRE_BROWSER") == "1":
        pytest.fail(reason + "; REQUIRE_BROWSER=1 says these checks must run")
    pytest.skip(reason)


@pytest.fixture(autouse=True, scope="module")
def axe_installed():
    """Skips (or, under REQUIRE_BROWSER=1, fails) this whole module without axe-core."""
    require(AXE_JS.exists(), f"axe-core not installed: run `npm ci` (looked for {AXE_JS})")


def page_paths():
    """{(language, page type): path} of the bilingual site, built into the current database."""
    site = bilingual.build_site()
    return {
        (language, name): path
        for language in bilingual.LANGUAGES
        for name, path in bilingual.page_paths(site, language).items()
    }


@pytest.fixture
def public_pages(site):
    """The bilingual site in the live server's database: {(language, page type): path}."""
    return page_paths()


def format_violations(violations):
    lines = []
    for v in violations:
        lines.append(f"  [{v['impact']}] {v['id']}: {v['help']} ({v['helpUrl']})")
        for node in v["nodes"][:5]:
            lines.append(f"      at {' '.join(map(str, node['target']))}")
            lines.append(f"         {node['html'][:160]}")
            summary = (node.get("failureSummary") or "").replace("\n", " ")
            if summary:
                lines.append(f"         {summary[:300]}")
        if len(v["nodes"]) > 5:
            lines.append(f"      ... and {len(v['nodes']) - 5} more")
    return "\n".join(lines)


def run_axe(page):
    page.add_script_tag(path=str(AXE_JS))
    return page.evaluate(
        """async (tags) => {
            const result = await axe.run(document, {
                runOnly: {type: 'tag', values: tags},
                resultTypes: ['violations'],
            });
            return result.violations;
        }""",
        AXE_TAGS,
    )


def test_every_public_page_type_has_no_axe_violations_on_phone_and_desktop(
    browser, site, public_pages
):
    """One test over all page types, both languages and both widths, so the site is built
    once; the failure message lists every violation of every page, not just the first."""
    report = []
    counts = {}
    for label, width in WIDTHS.items():
        context = browser.new_context(viewport={"width": width, "height": 900}, bypass_csp=True)
        page = context.new_page()
        for (language, name), path in public_pages.items():
            response = page.goto(site + path)
            expected = 404 if name == "404" else 200
            assert response.status == expected, f"{name} {path}: HTTP {response.status}"
            violations = run_axe(page)
            counts[(f"{name} ({language})", label)] = len(violations)
            if violations:
                report.append(f"{name} ({path}) at {width}px:\n{format_violations(violations)}")
        context.close()
    print(
        "axe violations per page type:",
        json.dumps({f"{k[0]} @{k[1]}": v for k, v in counts.items()}),
    )
    assert not report, "axe-core found violations:\n" + "\n".join(report)


FOCUS_STYLE_JS = """(el) => {
    const s = getComputedStyle(el);
    return [s.outlineStyle, s.outlineWidth, s.outlineColor, s.boxShadow].join('|');
}"""


@pytest.mark.parametrize("language", bilingual.LANGUAGES)
def test_keyboard_reaches_every_control_of_the_article_page_with_visible_focus(
    browser, site, public_pages, language
):
    """Tab walks through every link, button, summary and input of the article page, in
    document order, and each one looks different when focused (outline or box-shadow)."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.goto(site + public_pages[(language, "article")])
    # The answers of the FAQ block are folded; a visitor opens them (Enter on the summary) and
    # then reaches their links. Open them all so that those links are counted too.
    page.evaluate("() => document.querySelectorAll('details').forEach(d => { d.open = true; })")
    focusable = page.evaluate(
        """() => {
            const sel = 'a[href], button, input:not([type=hidden]), select, textarea, summary';
            return [...document.querySelectorAll(sel)]
                .filter(el => el.checkVisibility())
                .map((el, i) => { el.dataset.focusIndex = String(i); return i; }).length;
        }"""
    )
    assert focusable > 10
    unstyled, reached = [], set()
    page.locator("body").focus()
    for _ in range(focusable + 5):
        page.keyboard.press("Tab")
        info = page.evaluate(
            """() => {
                const el = document.activeElement;
                if (!el || el === document.body) return null;
                return {index: el.dataset.focusIndex ?? null, visible: el.matches(':focus-visible'),
                        html: el.outerHTML.slice(0, 120)};
            }"""
        )
        if info is None or info["index"] is None:
            continue
        if info["index"] in reached:
            break
        reached.add(info["index"])
        focused = page.locator(f"[data-focus-index='{info['index']}']")
        with_focus = focused.evaluate(FOCUS_STYLE_JS)
        page.evaluate("() => document.activeElement.blur()")
        without_focus = focused.evaluate(FOCUS_STYLE_JS)
        if not info["visible"] or with_focus == without_focus:
            unstyled.append(info["html"])
        focused.focus()
    missing = page.evaluate(
        """(reached) => [...document.querySelectorAll('[data-focus-index]')]
            .filter(el => !reached.includes(el.dataset.focusIndex))
            .map(el => el.outerHTML.slice(0, 160))""",
        sorted(reached),
    )
    context.close()
    assert not missing, f"{len(missing)} of {focusable} controls never got focus with Tab:\n" + (
        "\n".join(missing)
    )
    assert not unstyled, "No visible focus style on:\n" + "\n".join(unstyled)


@pytest.mark.parametrize("language", bilingual.LANGUAGES)
def test_skip_link_is_the_first_tab_stop_and_moves_focus_to_the_main_content(
    page, site, public_pages, language
):
    page.goto(site + public_pages[(language, "article")])
    page.keyboard.press("Tab")
    skip = page.get_by_role("link", name=SKIP_LINK[language])
    expect(skip).to_be_focused()
    expect(skip).to_be_visible()
    page.keyboard.press("Enter")
    expect(page.locator("main")).to_be_focused()
    page.keyboard.press("Tab")
    inside_main = page.evaluate(
        "() => document.querySelector('main').contains(document.activeElement)"
    )
    assert inside_main, "the next Tab after the skip link should land inside the main content"
