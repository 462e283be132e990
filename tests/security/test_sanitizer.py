"""Stored XSS, first line of defence: the rich-text sanitiser on its own, over the whole corpus."""

import pytest

from invamed.richtext import sanitize_html

from .html_checks import executable_constructs, load_payloads, url_scheme

PAYLOADS = load_payloads()


def test_the_corpus_has_at_least_a_hundred_payloads():
    assert len(PAYLOADS) >= 100
    assert len(set(PAYLOADS)) == len(PAYLOADS), "duplicates in xss_payloads.txt"


@pytest.mark.parametrize("payload", PAYLOADS)
def test_sanitised_rich_text_keeps_no_executable_construct(payload):
    cleaned = sanitize_html(payload)
    assert executable_constructs(cleaned) == []
    # Sanitising is stable: what is stored and what is shown are the same.
    assert sanitize_html(cleaned) == cleaned


def test_the_checker_itself_catches_what_it_must():
    """The checks above would pass on an empty string; prove they fail on unsanitised input."""
    raw_problems = [p for p in PAYLOADS if executable_constructs(p)]
    assert len(raw_problems) >= 100
    assert url_scheme("java\tscript:alert(1)") == "javascript"
    assert url_scheme("\x01 JavaScript:alert(1)") == "javascript"
    assert url_scheme("/relative/path") is None


def test_safe_markup_survives_sanitising():
    html = (
        "<h2>What is it?</h2><p>A <strong>short</strong> answer with a "
        '<a href="https://example.org/study">link</a>.</p><ul><li>one</li></ul>'
    )
    cleaned = sanitize_html(html)
    assert "<h2>What is it?</h2>" in cleaned
    assert 'href="https://example.org/study"' in cleaned
    assert "<li>one</li>" in cleaned
