"""Versions on an item's admin page: diff against the live version, preview, restore."""

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


def test_the_preview_is_not_for_visitors(client, editor):
    article = factories.make_article(editor, title="Unreviewed words")

    response = client.get(version_url(article, "preview", 1))

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("admin:login"))


def test_the_preview_is_not_for_staff_without_view_permission(client, editor):
    article = factories.make_article(editor)
    client.force_login(factories.make_user(role="site_admin"))

    assert client.get(version_url(article, "preview", 1)).status_code == 403


def test_restore_asks_first_then_keeps_the_old_text_as_a_new_version(client, editor, reviewer):
    article = factories.make_article(editor, summary="The first summary.")
    factories.edit(article, editor, summary="A worse summary.")
    client.force_login(editor)
    url = version_url(article, "restore", 1)

    confirm = client.get(url)
    assert confirm.status_code == 200
    assert "Yes, restore version 1" in confirm.content.decode()
    assert article.versions.count() == 2

    response = client.post(url, follow=True)

    assert "Version 1 was restored as version 3, a new draft." in response.content.decode()
    article.refresh_from_db()
    assert article.summary == "The first summary."
    assert article.head_version.number == 3
    assert article.head_version.content == article.versions.get(number=1).content


def test_the_versions_table_offers_diff_preview_and_restore(client, editor, live_article):
    factories.edit(live_article, editor, summary="Second thoughts.")
    client.force_login(editor)
    change = reverse("admin:blog_article_change", args=[live_article.pk])

    page = client.get(change).content.decode()

    assert version_url(live_article, "diff", 2) in page
    assert "Changes since the live version" in page
    assert version_url(live_article, "preview", 1) in page
    assert version_url(live_article, "restore", 1) in page
    assert version_url(live_article, "restore", 2) not in page  # the latest is already current
