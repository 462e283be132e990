"""Versions on an item's admin page: the table, the diff view, preview and restore."""

from django.urls import reverse

from tests.admin_forms import change_url

from . import factories


def version_url(item, view, number):
    opts = item._meta
    return reverse(f"admin:{opts.app_label}_{opts.model_name}_{view}", args=[item.pk, number])


def test_the_versions_table_offers_diff_preview_and_restore(client, editor, live_memo):
    factories.edit(live_memo, editor, title="Second thoughts")
    client.force_login(editor)

    response = client.get(change_url(live_memo))

    page = response.content.decode()
    rows = {row["version"].number: row for row in response.context["review"]["versions"]}
    assert (rows[2]["against"], rows[1]["against"]) == ("Changes since the live version", "")
    assert rows[1]["is_live"] and rows[2]["is_head"]
    assert version_url(live_memo, "diff", 2) in page
    assert version_url(live_memo, "preview", 1) in page
    assert version_url(live_memo, "preview", 2) in page
    assert version_url(live_memo, "restore", 1) in page
    assert version_url(live_memo, "restore", 2) not in page  # the latest is already current


def test_without_a_live_version_each_version_is_compared_with_the_one_before(client, editor):
    memo = factories.make_memo(editor)
    factories.edit(memo, editor, title="Second")
    client.force_login(editor)

    response = client.get(change_url(memo))

    rows = [row["against"] for row in response.context["review"]["versions"]]
    assert rows == ["Changes since the previous version", ""]  # the first has nothing before it


def test_the_diff_view_shows_a_version_against_the_live_one(client, editor, live_memo):
    factories.edit(live_memo, editor, body="<p>A revised body.</p>")
    factories.edit(live_memo, editor, title="A newer title")
    client.force_login(editor)

    response = client.get(version_url(live_memo, "diff", 3))

    assert response.status_code == 200
    assert response.context["base"] == live_memo.live_version
    page = response.content.decode()
    assert "Body of memo" in page and "A revised body." in page and "A newer title" in page


def test_the_diff_view_compares_with_the_version_asked_for(client, editor, live_memo):
    """The link a refused signature gives: what changed since the version the reviewer saw."""
    factories.edit(live_memo, editor, body="<p>A revised body.</p>")
    factories.edit(live_memo, editor, title="A newer title")
    client.force_login(editor)

    response = client.get(version_url(live_memo, "diff", 3) + "?against=2")

    assert response.status_code == 200
    assert response.context["base"].number == 2


def test_the_diff_of_a_missing_version_is_not_found(client, editor, live_memo):
    client.force_login(editor)

    assert client.get(version_url(live_memo, "diff", 9)).status_code == 404
    assert client.get(version_url(live_memo, "diff", 1) + "?against=9").status_code == 404


def test_the_preview_renders_a_draft_with_the_public_view(client, editor, live_memo):
    """The item's own public view and template, marked as a preview, with no sign-off."""
    factories.edit(live_memo, editor, title="A title not yet reviewed")
    client.force_login(editor)

    response = client.get(version_url(live_memo, "preview", 2))

    page = response.content.decode()
    assert response.status_code == 200
    assert "testapp/memo_detail.html" in [t.name for t in response.templates]
    assert response.context["preview"] is True
    assert response.context["preview_state"] == "draft"
    assert response.context["version"].number == 2
    assert "Preview — not published. Version 2, draft." in page
    assert "A title not yet reviewed" in page
    assert "no-cache" in response["Cache-Control"]
    assert "Reviewed by" not in page  # a draft has no sign-off yet


def test_the_preview_of_the_live_version_shows_its_signoff(client, editor, live_memo):
    factories.edit(live_memo, editor, title="A title not yet reviewed")
    client.force_login(editor)

    response = client.get(version_url(live_memo, "preview", 1))

    assert response.context["preview_state"] == "the live version"
    assert "Reviewed by Dr Deniz Aksoy" in response.content.decode()


def test_the_preview_of_an_older_version_says_so(client, editor, live_memo):
    factories.edit(live_memo, editor, title="Second")
    factories.edit(live_memo, editor, title="Third")
    client.force_login(editor)

    response = client.get(version_url(live_memo, "preview", 2))

    assert response.context["preview_state"] == "an earlier version"
    assert "Second" in response.content.decode()


def test_the_preview_is_not_for_visitors(client, editor):
    memo = factories.make_memo(editor, title="Unreviewed words")

    response = client.get(version_url(memo, "preview", 1))

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("admin:login"))


def test_the_preview_is_not_for_staff_without_view_permission(client, editor):
    memo = factories.make_memo(editor)
    client.force_login(factories.make_user(role="site_admin"))

    assert client.get(version_url(memo, "preview", 1)).status_code == 403
    assert client.get(version_url(memo, "diff", 1)).status_code == 403


def test_restore_asks_first_then_keeps_the_old_text_as_a_new_version(client, editor):
    memo = factories.make_memo(editor, title="The first title", tags=["a"], sources=[("S", "")])
    memo.tags.set(["b"], tag_kwargs={"language": "en"})
    memo.sources.update(citation="T")
    factories.edit(memo, editor, title="A worse title")
    client.force_login(editor)
    url = version_url(memo, "restore", 1)

    confirm = client.get(url)
    assert confirm.status_code == 200
    assert "Yes, restore version 1" in confirm.content.decode()
    assert memo.versions.count() == 2

    response = client.post(url, follow=True)

    assert "Version 1 was restored as version 3, a new draft." in response.content.decode()
    memo.refresh_from_db()
    assert memo.title == "The first title"
    assert list(memo.tags.names()) == ["a"]
    assert [source.citation for source in memo.sources.all()] == ["S"]
    assert memo.head_version.number == 3
    assert memo.head_version.content == memo.versions.get(number=1).content


def test_restoring_the_current_text_changes_nothing(client, editor):
    memo = factories.make_memo(editor, title="Same")
    factories.edit(memo, editor, title="Other")
    factories.edit(memo, editor, title="Same")
    client.force_login(editor)

    response = client.post(version_url(memo, "restore", 1), follow=True)

    assert (
        "Version 1 is the same as the current text: nothing changed." in response.content.decode()
    )
    assert memo.versions.count() == 3


def test_restore_is_for_those_who_may_change_the_item(client, editor):
    memo = factories.make_memo(editor, title="The first title")
    factories.edit(memo, editor, title="A worse title")
    client.force_login(factories.make_user(role="site_admin"))

    assert client.post(version_url(memo, "restore", 1)).status_code == 403
    memo.refresh_from_db()
    assert memo.title == "A worse title"
