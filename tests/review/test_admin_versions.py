"""Versions of articles and FAQ entries in the admin: the diff of their fields, and previews with
their public templates. The versions table, preview and restore views are tested on the review
app's own test model (tests/review_app/test_admin_versions.py)."""

from django.urls import reverse

from invamed.review import diff
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
    assert "<ins>A revised body &amp; more.</ins>" in page
    assert "Title</th>" in page  # unchanged fields are listed too


def test_the_diff_escapes_what_the_versions_contain():
    old, new = diff.mark_changes("a <b>", "a <script>x</script>")
    assert "<script>" not in new and "&lt;script&gt;" in new
    assert old == "a <del>&lt;b&gt;</del>"


def test_rich_text_is_compared_as_readable_text():
    html = "<h2>Risks</h2><p>Cement can <strong>leak</strong>.</p><ul><li>rare</li></ul>"
    assert diff.html_to_text(html) == "Risks\nCement can leak.\nrare"


def test_the_diff_names_related_objects_and_lists_references(db, editor):
    article = factories.make_article(editor, references=[("Smith A. Trial. 2019.", "")])
    rows = {row.name: row for row in diff.compare(type(article), {}, article.head_version.content)}
    assert str(article.category) in rows["category"].new
    assert "1. Smith A. Trial. 2019." in rows["references"].new


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
