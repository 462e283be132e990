"""
Stored XSS in the reviewer's diff: every payload of the corpus in every field of a version, on
either side of the comparison.

The diff rebuilds rich text from tokens and shows every other value as text. Each payload is put
straight into a snapshot (as if it had reached the database unsanitised: restored from an old
version, written by a script), compared with a harmless snapshot both ways, and the HTML the
diff makes must hold no executable construct at all. Then the diff page of an article saved
with the payloads is checked as the other admin pages are: nothing runs that the same page
does not hold with harmless text.
"""

import pytest
from django.urls import reverse
from django.utils.html import escape

from blog.models import Article
from invamed.review import diff
from tests import factories

from .html_checks import executable_constructs, load_payloads
from .test_xss_admin_forms import BATCHES, normalised, problems_beyond

pytestmark = pytest.mark.django_db
PAYLOADS = load_payloads()


def with_text(content, text):
    """`content` with `text` in every field a payload can reach."""
    return {
        **content,
        "title": text,
        "slug": text,
        "summary": text,
        "body": text,
        "tags": [text, "harmless"],
        "references": [{"citation": text, "url": text}],
        "faq_entries": [{"entry": text}],
        "translated_from": text,
        "language": text,
        "a newer snapshot entry": [text, {"image_id": text, "sha256": text, "alt": text}],
        "images": [{"image_id": 1, "sha256": text, "alt": text, "caption": text, "credit": text}],
        "category": text,  # not even of the field's type
        "notice": [text],
    }


def test_no_payload_in_a_snapshot_becomes_markup_in_the_diff(editor):
    article = factories.make_article(editor, references=[("Harmless words.", "")])
    harmless = with_text(article.head_version.content, "Harmless words")
    failures = []
    for payload in PAYLOADS:
        hostile = with_text(harmless, payload)
        for old, new in [(harmless, hostile), (hostile, harmless), (None, hostile)]:
            for row in diff.compare(Article, old, new):
                problems = executable_constructs(row.old + row.new)
                if problems:
                    failures.append((payload, row.name, problems))
    assert failures == [], "\n".join(f"{p!r} in {n}: {pr}" for p, n, pr in failures[:20])


def test_the_check_finds_markup_the_diff_did_not_escape():
    """Guard against a vacuous pass: the same check flags what a careless diff would write."""
    assert executable_constructs('<del><img src="x" onerror="alert(1)"></del>')
    assert executable_constructs("<ins><script>alert(1)</script></ins>")


def diff_pages(client, text, editor, n):
    """The diff page of an article saved with `text` in every field, against a harmless
    version, with the text on the new side and then on the old side."""
    article = factories.make_article(
        editor, slug=f"xss{n}", title=text[:200], summary=text, body=text, tags=[text[:100]],
        references=[(text, "")],
    )  # fmt: skip
    factories.edit(article, editor, title="Calm title", summary="Calm.", body="<p>Calm.</p>")
    pages = {}
    for name, number, against in [("new side", 1, 2), ("old side", 2, 1)]:
        url = reverse("admin:blog_article_diff", args=[article.pk, number])
        response = client.get(f"{url}?against={against}")
        assert response.status_code == 200, (name, text)
        html = response.content.decode()
        assert escape(article.title) in html, name  # the text did reach the page
        pages[name] = normalised(html)
    return pages


def test_no_payload_runs_on_the_diff_page(client, editor):
    client.force_login(editor)
    baseline = diff_pages(client, "Harmless words", editor, 0)
    failures = []
    for n, texts in enumerate(BATCHES, start=1):
        for name, html in diff_pages(client, " ".join(texts), editor, n).items():
            problems = problems_beyond(html, baseline[name])
            if problems:
                failures.append((texts, name, problems))
    assert failures == [], "\n".join(f"{t!r} on the {n}: {p}" for t, n, p in failures[:10])
