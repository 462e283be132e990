"""Versions of articles and FAQ entries in the admin: the diff of their fields, and previews with
their public templates. The versions table, preview and restore views are tested on the review
app's own test model (tests/review_app/test_admin_versions.py)."""

import re

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


def test_the_preview_renders_a_draft_with_the_public_template(client, editor, live_article):
    factories.edit(live_article, editor, title="A title not yet reviewed")
    client.force_login(editor)

    response = client.get(version_url(live_article, "preview", 2))

    page = response.content.decode()
    assert response.status_code == 200
    assert "blog/article_detail.html" in [t.name for t in response.templates]
    assert "Preview — not published. Version 2, draft." in page
    assert '<meta name="robots" content="noindex">' in page
    assert "A title not yet reviewed" in page
    assert "no-cache" in response["Cache-Control"]
    assert "Reviewed by" not in page  # a draft has no sign-off yet


def test_the_preview_of_a_faq_entry_uses_its_public_template(client, editor):
    entry = factories.make_entry(editor, question="Is the cement safe?")
    client.force_login(editor)

    response = client.get(version_url(entry, "preview", 1))

    assert "faq/entry_detail.html" in [t.name for t in response.templates]
    assert "Is the cement safe?" in response.content.decode()
