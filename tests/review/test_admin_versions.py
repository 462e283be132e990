"""Versions of articles and FAQ entries in the admin: the diff of their fields, and previews with
their public templates. The versions table, preview and restore views are tested on the review
app's own test model (tests/review_app/test_admin_versions.py)."""

import re

import pytest
from django.urls import reverse

from tests import factories


def version_url(item, view, number):
    opts = item._meta
    return reverse(f"admin:{opts.app_label}_{opts.model_name}_{view}", args=[item.pk, number])


def test_the_diff_marks_the_changed_words_against_the_live_version(client, editor, live_article):
    factories.edit(
        live_article, editor, body="<h2>What is it?</h2><p>A <em>revised</em> body & more.</p>"
    )
    client.force_login(editor)

    response = client.get(version_url(live_article, "diff", 2))

    page = response.content.decode()
    assert response.status_code == 200
    assert "Version 1 (live) on the left" in page
    assert "<del>Body of article" in page
    assert "<ins>A <em>revised</em> body &amp; more.</ins>" in page
    assert re.search(r"<h2[^>]*>Title <span[^>]*>\(unchanged\)", page)  # unchanged fields too


@pytest.mark.parametrize(
    ("make", "heading", "template"),
    [
        (factories.make_article, "title", "blog/article_detail.html"),
        (factories.make_entry, "question", "faq/entry_detail.html"),
    ],
)
def test_the_preview_renders_a_draft_with_its_public_template(
    client, editor, reviewer, make, heading, template
):
    """The site's own template, marked as a preview and kept out of search engines; the rest of
    the preview is the review app's (tested on its memo)."""
    item = factories.publish(make(editor), reviewer)
    factories.edit(item, editor, **{heading: "Not yet reviewed?"})
    client.force_login(editor)

    response = client.get(version_url(item, "preview", 2))

    page = response.content.decode()
    assert template in [t.name for t in response.templates]
    assert "Preview — not published. Version 2, draft." in page
    assert '<meta name="robots" content="noindex">' in page
    assert "Not yet reviewed?" in page
