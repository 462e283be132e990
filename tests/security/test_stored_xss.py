"""
Stored XSS, server side: every payload of the corpus saved into every field a visitor sees.

Each payload goes into an article (title, summary, body, category name, author name, a tag) and
an FAQ entry attached to it (question, answer), both published through the review workflow; the
article page, the FAQ entry page and the category page must then hold no executable construct
beyond what the same pages hold with harmless text (the site's own search form, meta tags and
JSON-LD). Rich text is sanitised; plain text is autoescaped.
"""

import re

import pytest

from invamed.content.models import Author
from tests import factories

from .html_checks import load_payloads, page_problems

pytestmark = pytest.mark.django_db
PAYLOADS = load_payloads()


def publish_everywhere(n, text, editor, reviewer):
    """Article + FAQ entry carrying `text` in every visitor-facing field; slugs named xss<n>."""
    category = factories.make_category(text[:200] or "x", slug=f"xss{n}-category")
    author = Author.objects.create(name=text[:200] or "x", slug=f"xss{n}-author")
    article = factories.make_article(
        editor, slug=f"xss{n}-article", title=text[:200], summary=text, body=text,
        category=category, author=author, tags=[text[:100]],
    )  # fmt: skip
    factories.publish(article, reviewer)
    entry = factories.make_entry(
        editor, slug=f"xss{n}-entry", question=text[:300], answer=text, articles=[article]
    )
    factories.publish(entry, reviewer)
    return article, entry, category


def pages(client, article, entry, category):
    urls = [article.get_absolute_url(), entry.get_absolute_url(), category.get_absolute_url()]
    rendered = {}
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200, url
        # The pages differ only by the xss<n> slugs; normalise them so baselines compare.
        rendered[re.sub(r"xss\d+", "xssN", url)] = re.sub(
            r"xss\d+", "xssN", response.content.decode()
        )
    return rendered


def test_no_payload_reaches_a_public_page_as_something_that_runs(client, editor, reviewer, notices):
    baseline = pages(client, *publish_everywhere(0, "Harmless words", editor, reviewer))
    failures = []
    for n, payload in enumerate(PAYLOADS, start=1):
        for url, html in pages(client, *publish_everywhere(n, payload, editor, reviewer)).items():
            problems = page_problems(html, baseline[url])
            if problems:
                failures.append((payload, url, problems))
    assert failures == [], "\n".join(f"{p!r} on {u}: {pr}" for p, u, pr in failures[:20])


def test_the_page_check_fails_when_markup_is_not_escaped(client, editor, reviewer, notices):
    """Guard against a vacuous pass: the same check flags raw markup injected into a page."""
    baseline = pages(client, *publish_everywhere(0, "Harmless words", editor, reviewer))
    url, html = next(iter(baseline.items()))
    tampered = html.replace("Harmless words", "<img src=x onerror=alert(1)><script>x()</script>")
    assert page_problems(tampered, html)
