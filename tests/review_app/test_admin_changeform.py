"""An item's change form in the admin: versions on save, and two people editing at once."""

from django.test import Client
from django.urls import reverse

from tests.admin_forms import change_form_data, change_url, save_in_admin

from . import factories
from .testapp.models import Memo


def test_adding_a_memo_in_the_admin_keeps_version_one(client, editor):
    client.force_login(editor)
    add_url = reverse("admin:testapp_memo_add")
    data = change_form_data(
        client, add_url, "memo_form",
        title="Bone cement, explained", slug="bone-cement-explained",
        body="<p>It sets in minutes.</p>", tags="\"spine care\", kyphoplasty",
        **{"sources-0-citation": "Doe J. Cement. 2020.", "sources-0-position": "1"},
    )  # fmt: skip

    assert client.post(add_url, data).status_code == 302

    memo = Memo.objects.get(slug="bone-cement-explained")
    assert memo.created_by == editor
    assert memo.head_version.number == 1 and memo.head_version.created_by == editor
    assert memo.head_version.content["tags"] == ["kyphoplasty", "spine care"]
    assert memo.head_version.content["sources"] == [{"citation": "Doe J. Cement. 2020.", "url": ""}]


def test_saving_without_changes_creates_no_version(client, editor):
    memo = factories.make_memo(editor)
    client.force_login(editor)
    data = change_form_data(client, change_url(memo), "memo_form")

    response = client.post(change_url(memo), data)

    assert response.status_code == 302
    assert memo.versions.count() == 1


def test_an_edit_in_the_admin_keeps_a_new_version_with_its_parts(client, editor):
    memo = factories.make_memo(editor, sources=[("Old citation.", "")])
    client.force_login(editor)
    head = save_in_admin(
        client, memo, title="A sharper title", **{"sources-0-citation": "New citation."}
    )

    assert head.number == 2 and head.created_by == editor
    assert head.content["title"] == "A sharper title"
    assert head.content["sources"] == [{"citation": "New citation.", "url": ""}]


def test_editing_a_live_memo_leaves_visitors_on_the_live_text(client, editor, live_memo):
    client.force_login(editor)
    data = change_form_data(
        client, change_url(live_memo), "memo_form", body="<p>A rewritten body.</p>"
    )

    assert client.post(change_url(live_memo), data).status_code == 302

    live_memo.refresh_from_db()
    assert live_memo.status == "draft"
    assert live_memo.head_version.number == 2
    assert live_memo.live_version.number == 1
    client.logout()
    page = client.get(live_memo.get_absolute_url())
    assert page.status_code == 200
    assert "Body of memo" in page.content.decode()
    assert "A rewritten body." not in page.content.decode()


def test_a_save_over_someone_elses_is_refused_and_keeps_the_typed_text(
    client, editor, second_reviewer
):
    """Edna opens the form; Selin saves meanwhile; Edna's save is refused, her text shown again.

    The refusal refreshes the form's token, so saving again deliberately goes through.
    """
    memo = factories.make_memo(editor)
    client.force_login(editor)
    ednas = change_form_data(
        client, change_url(memo), "memo_form", body="<p>Edna's careful body.</p>"
    )
    selin = Client()
    selin.force_login(second_reviewer)
    selins = change_form_data(selin, change_url(memo), "memo_form", title="Selin's title")
    assert selin.post(change_url(memo), selins).status_code == 302

    response = client.post(change_url(memo), ednas)

    assert response.status_code == 200
    page = response.content.decode()
    assert "Dr Selin Kaya saved this item at" in page
    assert "while you were editing; nothing of yours was saved, and your text is below" in page
    # The refusal and the comparison of what Selin saved with what Edna opened come first.
    compare = reverse("admin:testapp_memo_diff", args=[memo.pk, 2]) + "?against=1"
    assert page.index("saved this item at") < page.index(compare) < page.index('name="title"')
    assert 'id="review-form-' not in page  # nothing acts on Selin's text until Edna saves
    assert "Edna&#x27;s careful body." in page
    memo.refresh_from_db()
    assert (memo.title, memo.body) == ("Selin's title", memo.versions.first().body)
    assert memo.versions.count() == 2

    ednas["lock_token"] = response.context["adminform"].form["lock_token"].value()
    assert client.post(change_url(memo), ednas).status_code == 302
    memo.refresh_from_db()
    assert memo.body == "<p>Edna's careful body.</p>"
    assert memo.versions.count() == 3


def test_an_address_another_item_had_is_refused_with_the_typed_text_kept(client, editor):
    """Addresses are claimed for ever: a memo cannot take one that another memo used."""
    factories.make_memo(editor, slug="taken")
    memo = factories.make_memo(editor)
    client.force_login(editor)
    data = change_form_data(
        client, change_url(memo), "memo_form", slug="taken", title="My typed title"
    )

    response = client.post(change_url(memo), data)

    assert response.status_code == 200
    page = response.content.decode()
    assert "Another item has or had this address in this language" in page
    assert "My typed title" in page
    assert memo.versions.count() == 1
