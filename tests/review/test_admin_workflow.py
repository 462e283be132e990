"""The transitions on an item's admin page: buttons per role, and the same rules on direct POSTs."""

import pytest
from django.urls import reverse

from invamed.review import services
from invamed.review.models import ReviewEvent, SignOff
from tests import factories


def change_url(item):
    opts = item._meta
    return reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[item.pk])


def transition_url(item, name):
    opts = item._meta
    return reverse(f"admin:{opts.app_label}_{opts.model_name}_transition", args=[item.pk, name])


def seen(item, **data):
    """A transition form's data as the item's page posts it: with the version it shows."""
    version = type(item).objects.get(pk=item.pk).head_version
    return {"version": version.number, "fingerprint": version.fingerprint, **data}


def submitted(editor, make=factories.make_article):
    item = make(editor)
    services.perform(item, "submit", editor)
    item.refresh_from_db()
    return item


def unchanged(item, status):
    """The item kept its status and nothing was signed or recorded after its submission."""
    item.refresh_from_db()
    return (
        item.status == status
        and not factories.signoffs(item).exists()
        and not services.history(item).exclude(action__in=["edit", "submit"]).exists()
    )


def test_an_editor_sees_submit_but_never_approve(client, editor):
    article = factories.make_article(editor)
    client.force_login(editor)

    page = client.get(change_url(article)).content.decode()

    assert transition_url(article, "submit") in page
    assert "Approve (sign)" not in page
    assert transition_url(article, "approve") not in page


def test_a_reviewer_sees_approve_with_a_password_and_send_back(client, editor, reviewer):
    article = submitted(editor)
    client.force_login(reviewer)

    page = client.get(change_url(article)).content.decode()

    assert transition_url(article, "approve") in page
    assert transition_url(article, "request_changes") in page
    assert 'name="password"' in page
    assert "Medically reviewed and approved for publication" in page


def test_the_editor_sees_no_button_on_an_item_in_review(client, editor):
    article = submitted(editor)
    client.force_login(editor)

    page = client.get(change_url(article)).content.decode()

    assert "No review action is open to you now." in page


@pytest.mark.parametrize("name", ["approve", "withdraw", "request_changes"])
def test_an_editor_posting_a_reviewer_action_is_told_only_a_reviewer_can(client, editor, name):
    article = submitted(editor)
    client.force_login(editor)

    response = client.post(
        transition_url(article, name), seen(article, comment="Fine."), follow=True
    )

    assert "Only a reviewer can do this." in response.content.decode()


@pytest.mark.parametrize("name", ["approve", "publish", "withdraw", "request_changes"])
def test_an_editor_posting_a_reviewer_action_is_refused(client, editor, name):
    article = submitted(editor)
    client.force_login(editor)

    response = client.post(
        transition_url(article, name),
        seen(article, comment="Looks fine to me.", password=factories.PASSWORD),
        follow=True,
    )

    assert response.status_code == 200
    assert [m.level_tag for m in response.context["messages"]] == ["error"]
    assert unchanged(article, "in_review")


def test_an_editor_cannot_publish_an_approved_article_by_post(client, editor, reviewer):
    article = factories.make_article(editor)
    factories.approve(article, reviewer)
    client.force_login(editor)

    client.post(transition_url(article, "publish"), seen(article))

    article.refresh_from_db()
    assert article.status == "approved" and not article.is_published()


@pytest.mark.parametrize("who", ["reviewer", "superuser"])
def test_four_eyes_holds_on_a_direct_post(client, editor, request, who):
    """A reviewer (or superuser) who changed the version cannot sign it, whatever they post."""
    user = request.getfixturevalue(who)
    article = factories.make_article(editor)
    factories.edit(article, user, summary="A change by the would-be signer.")
    services.perform(article, "submit", editor)
    client.force_login(user)

    page = client.get(change_url(article)).content.decode()
    assert transition_url(article, "approve") not in page
    assert "Four eyes" in page

    response = client.post(
        transition_url(article, "approve"), seen(article, password=factories.PASSWORD), follow=True
    )

    assert "Four eyes" in response.content.decode()
    assert unchanged(article, "in_review")


def test_a_wrong_password_records_no_sign_off(client, editor, reviewer):
    article = submitted(editor)
    client.force_login(reviewer)

    response = client.post(
        transition_url(article, "approve"), seen(article, password="not my password"), follow=True
    )

    assert "Your password did not match" in response.content.decode()
    assert unchanged(article, "in_review")


def test_the_right_password_signs_off(client, editor, reviewer):
    article = submitted(editor)
    client.force_login(reviewer)

    response = client.post(
        transition_url(article, "approve"),
        seen(article, password=factories.PASSWORD, comment="Accurate."),
        follow=True,
    )

    article.refresh_from_db()
    assert article.status == "approved"
    assert SignOff.objects.get(item_id=article.pk).reviewer == reviewer
    assert "It is now approved." in response.content.decode()


def test_sending_back_needs_a_comment_and_the_editor_then_sees_it(client, editor, reviewer):
    article = submitted(editor)
    client.force_login(reviewer)

    response = client.post(
        transition_url(article, "request_changes"), seen(article, comment="  "), follow=True
    )
    assert "Please write a comment" in response.content.decode()
    assert unchanged(article, "in_review")

    client.post(
        transition_url(article, "request_changes"),
        seen(article, comment="Cite the 2021 guideline <b>please</b>."),
    )
    client.force_login(editor)
    page = client.get(change_url(article)).content.decode()

    assert "Changes requested by Dr Deniz Aksoy" in page
    assert "Cite the 2021 guideline &lt;b&gt;please&lt;/b&gt;." in page
    assert transition_url(article, "submit") in page


def test_the_history_shows_who_did_what(client, editor, reviewer):
    article = factories.make_entry(editor)
    factories.publish(article, reviewer)
    client.force_login(editor)

    page = client.get(change_url(article)).content.decode()

    for action in ["edit", "submit", "approve", "publish"]:
        assert f"<td>{action}" in page
    assert "Dr Deniz Aksoy" in page and "Edna Editor" in page


def test_a_get_or_a_non_button_transition_moves_nothing(client, editor, live_article):
    client.force_login(editor)

    assert client.get(transition_url(live_article, "submit")).status_code == 405
    assert client.post(transition_url(live_article, "edit")).status_code == 404
    assert client.post(transition_url(live_article, "publish_scheduled")).status_code == 404
    live_article.refresh_from_db()
    assert live_article.status == "published"


def test_staff_without_permission_on_the_item_get_403(client, editor):
    article = submitted(editor)
    outsider = factories.make_user(role="site_admin")
    client.force_login(outsider)

    assert (
        client.post(transition_url(article, "withdraw"), seen(article, comment="x")).status_code
        == 403
    )
    assert ReviewEvent.objects.filter(action="withdraw").count() == 0
