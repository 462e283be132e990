"""The transitions on an item's admin page: buttons per role, and the same rules on direct POSTs."""

import datetime

import pytest
from django.urls import reverse

from invamed.outbox.models import Mail
from invamed.review import services
from invamed.review.models import ReviewEvent, SignOff, State
from tests.admin_forms import change_form_data, change_url

from . import factories
from .testapp.models import Memo

SAVE_AND_SUBMIT = 'value="Save and submit for review" name="_submit"'


def transition_url(item, name):
    opts = item._meta
    return reverse(f"admin:{opts.app_label}_{opts.model_name}_transition", args=[item.pk, name])


def seen(item, **data):
    """A transition form's data as the item's page posts it: with the version it shows."""
    version = type(item).objects.get(pk=item.pk).head_version
    return {"version": version.number, "fingerprint": version.fingerprint, **data}


def press(client, item, name, **data):
    """Press the transition's button on the item's page, posting `data` with the version shown,
    and follow to the page it leads to."""
    return client.post(transition_url(item, name), seen(item, **data), follow=True)


def submitted(editor):
    item = factories.make_memo(editor)
    services.perform(item, "submit", editor)
    item.refresh_from_db()
    return item


def unchanged(item, status):
    """The item kept its status and nothing was signed or recorded after its submission."""
    item.refresh_from_db()
    return (
        item.status == status
        and not SignOff.objects.filter(item_id=item.pk).exists()
        and not services.history(item).exclude(action__in=["edit", "submit"]).exists()
    )


def test_an_editor_sees_submit_but_never_approve(client, editor):
    memo = factories.make_memo(editor)
    client.force_login(editor)

    page = client.get(change_url(memo)).content.decode()

    assert SAVE_AND_SUBMIT in page
    assert "Approve (sign)" not in page
    assert transition_url(memo, "approve") not in page


def test_a_reviewer_sees_approve_with_a_password_and_send_back(client, editor, reviewer):
    memo = submitted(editor)
    client.force_login(reviewer)

    page = client.get(change_url(memo)).content.decode()

    assert transition_url(memo, "approve") in page
    assert transition_url(memo, "request_changes") in page
    assert 'name="password"' in page
    assert "Medically reviewed and approved for publication" in page


def test_the_editor_sees_no_button_on_an_item_in_review(client, editor):
    memo = submitted(editor)
    client.force_login(editor)

    page = client.get(change_url(memo)).content.decode()

    assert "No review action is open to you now." in page


@pytest.mark.parametrize("name", ["approve", "withdraw", "request_changes"])
def test_an_editor_posting_a_reviewer_action_is_told_only_a_reviewer_can(client, editor, name):
    memo = submitted(editor)
    client.force_login(editor)

    response = press(client, memo, name, comment="Fine.")

    assert "Only a reviewer can do this." in response.content.decode()


@pytest.mark.parametrize("name", ["approve", "publish", "withdraw", "request_changes"])
def test_an_editor_posting_a_reviewer_action_is_refused(client, editor, name):
    memo = submitted(editor)
    client.force_login(editor)

    response = press(client, memo, name, comment="Looks fine to me.", password=factories.PASSWORD)

    assert response.status_code == 200
    assert [m.level_tag for m in response.context["messages"]] == ["error"]
    assert unchanged(memo, "in_review")


def test_an_editor_cannot_publish_an_approved_memo_by_post(client, editor, reviewer):
    memo = factories.make_memo(editor)
    factories.approve(memo, reviewer)
    client.force_login(editor)

    client.post(transition_url(memo, "publish"), seen(memo))

    memo.refresh_from_db()
    assert memo.status == "approved" and not memo.is_published()


@pytest.mark.parametrize("who", ["reviewer", "superuser"])
def test_four_eyes_holds_on_a_direct_post(client, editor, request, who):
    """A reviewer (or superuser) who changed the version cannot sign it, whatever they post."""
    user = request.getfixturevalue(who)
    memo = factories.make_memo(editor)
    factories.edit(memo, user, title="A change by the would-be signer")
    services.perform(memo, "submit", editor)
    client.force_login(user)

    page = client.get(change_url(memo)).content.decode()
    assert transition_url(memo, "approve") not in page
    assert "Four eyes" in page

    response = press(client, memo, "approve", password=factories.PASSWORD)

    assert "Four eyes" in response.content.decode()
    assert unchanged(memo, "in_review")


@pytest.mark.parametrize(
    ("name", "data", "told"),
    [
        ("approve", {"password": "not my password"}, "Your password did not match"),
        ("request_changes", {"comment": "  "}, "Please write a comment"),
    ],
    ids=["a wrong password", "a blank comment"],
)
def test_a_reviewer_is_told_what_is_missing_and_nothing_is_recorded(
    client, editor, reviewer, name, data, told
):
    memo = submitted(editor)
    client.force_login(reviewer)

    assert told in press(client, memo, name, **data).content.decode()
    assert unchanged(memo, "in_review")


def test_the_right_password_signs_off(client, editor, reviewer):
    memo = submitted(editor)
    client.force_login(reviewer)

    response = press(client, memo, "approve", password=factories.PASSWORD, comment="Accurate.")

    memo.refresh_from_db()
    assert memo.status == "approved"
    assert SignOff.objects.get(item_id=memo.pk).reviewer == reviewer
    assert "It is now approved." in response.content.decode()


def test_the_editor_sees_the_comment_a_memo_was_sent_back_with(client, editor, reviewer):
    memo = submitted(editor)
    client.force_login(reviewer)

    press(client, memo, "request_changes", comment="Cite the 2021 guideline <b>please</b>.")
    client.force_login(editor)
    page = client.get(change_url(memo)).content.decode()

    assert "Changes requested by Dr Deniz Aksoy" in page
    assert "Cite the 2021 guideline &lt;b&gt;please&lt;/b&gt;." in page
    assert SAVE_AND_SUBMIT in page


def test_the_history_shows_who_did_what(client, editor, reviewer):
    memo = factories.make_memo(editor)
    factories.publish(memo, reviewer)
    client.force_login(editor)

    page = client.get(change_url(memo)).content.decode()

    # In the workflow's words, never its codes.
    for action in ["Saved a changed version", "Submit for review", "Approve (sign)", "Publish now"]:
        assert f"<td>{action}" in page
    assert "<td>edit" not in page and "<td>request_changes" not in page
    assert "Dr Deniz Aksoy" in page and "Edna Editor" in page


def test_a_get_or_a_non_button_transition_moves_nothing(client, editor, live_memo):
    client.force_login(editor)

    assert client.get(transition_url(live_memo, "submit")).status_code == 405
    assert client.post(transition_url(live_memo, "edit")).status_code == 404
    assert client.post(transition_url(live_memo, "publish_scheduled")).status_code == 404
    live_memo.refresh_from_db()
    assert live_memo.status == "published"


def test_staff_without_permission_on_the_item_get_403(client, editor):
    memo = submitted(editor)
    outsider = factories.make_user(role="site_admin")
    client.force_login(outsider)

    assert client.post(transition_url(memo, "withdraw"), seen(memo, comment="x")).status_code == 403
    assert ReviewEvent.objects.filter(action="withdraw").count() == 0


# The version a decision was made on -------------------------------------------------------------


def test_a_signature_on_a_version_that_moved_on_is_refused_with_a_link_to_the_changes(
    client, editor, reviewer
):
    """The reviewer read version 1; the editor saved and re-submitted version 2 meanwhile."""
    memo = submitted(editor)
    opened = seen(memo, password=factories.PASSWORD)
    factories.edit(memo, editor, body="<p>Changed while the reviewer read.</p>")
    services.perform(memo, "submit", editor)
    client.force_login(reviewer)

    response = client.post(transition_url(memo, "approve"), opened, follow=True)

    page = response.content.decode()
    assert "you saw version 1, and version 2 is the one now. Nothing was done" in page
    diff = reverse("admin:testapp_memo_diff", args=[memo.pk, 2])
    assert f'href="{diff}?against=1"' in page
    assert unchanged(memo, "in_review")


def test_a_form_that_carries_no_version_is_refused(client, editor, reviewer):
    memo = submitted(editor)
    client.force_login(reviewer)

    response = client.post(
        transition_url(memo, "approve"), {"password": factories.PASSWORD}, follow=True
    )

    assert "This item changed after you opened it" in response.content.decode()
    assert unchanged(memo, "in_review")


# Scheduling -------------------------------------------------------------------------------------


def approved(editor, reviewer):
    memo = factories.make_memo(editor)
    factories.approve(memo, reviewer)
    return memo


def test_a_reviewer_schedules_the_approved_version_in_the_sites_time_zone(client, editor, reviewer):
    memo = approved(editor, reviewer)
    client.force_login(reviewer)

    response = press(client, memo, "schedule", publish_at="2030-06-10T09:00")

    assert "It is now scheduled." in response.content.decode()
    memo.refresh_from_db()
    assert memo.status == State.SCHEDULED and not memo.is_published()
    assert memo.publish_at == datetime.datetime(2030, 6, 10, 6, 0, tzinfo=datetime.UTC)


@pytest.mark.parametrize(
    "publish_at, message",
    [
        ("", "Choose when the approved version goes live."),
        ("next Tuesday", "Choose when the approved version goes live."),
        ("2020-01-01T09:00", "Choose a time in the future, or publish now."),
    ],
)
def test_a_schedule_without_a_time_to_come_is_refused(
    client, editor, reviewer, publish_at, message
):
    memo = approved(editor, reviewer)
    client.force_login(reviewer)

    response = press(client, memo, "schedule", publish_at=publish_at)

    assert message in response.content.decode()
    memo.refresh_from_db()
    assert (memo.status, memo.publish_at) == (State.APPROVED, None)


# Translation ------------------------------------------------------------------------------------


def translate_url(item, language):
    return reverse("admin:testapp_memo_translate", args=[item.pk, language])


def test_a_live_item_is_translated_into_a_draft_of_its_own(client, editor, live_memo):
    client.force_login(editor)

    response = client.post(translate_url(live_memo, "tr"), follow=True)

    translation = Memo.objects.get(language="tr")
    assert response.redirect_chain[-1][0] == change_url(translation)
    assert "A Türkçe draft was made from version 1 of the source" in response.content.decode()
    assert (translation.source, translation.translated_from) == (live_memo, 1)
    assert translation.status == State.DRAFT and translation.created_by == editor
    assert translation.title == live_memo.live_version.title
    assert sorted(translation.tags.names()) == ["osteoporosis", "spine care"]
    assert {tag.language for tag in translation.tags.all()} == {"tr"}
    assert translation.head_version.content["sources"] == live_memo.live_version.content["sources"]
    assert services.history(translation).first().action == "translate"


def test_a_draft_is_not_translated(client, editor):
    memo = factories.make_memo(editor)
    client.force_login(editor)

    response = client.post(translate_url(memo, "tr"), follow=True)

    assert "Only a live or approved item can be translated." in response.content.decode()
    assert not Memo.objects.filter(language="tr").exists()


def test_an_item_is_translated_once_per_language(client, editor, live_memo):
    client.force_login(editor)
    client.post(translate_url(live_memo, "tr"))

    response = client.post(translate_url(live_memo, "tr"), follow=True)

    assert "This item already exists in that language." in response.content.decode()
    assert Memo.objects.filter(language="tr").count() == 1


@pytest.mark.parametrize("language", ["xx", "en-gb"])
def test_a_translation_into_a_language_the_site_has_not_is_not_found(
    client, editor, live_memo, language
):
    client.force_login(editor)

    assert client.post(translate_url(live_memo, language)).status_code == 404
    assert client.get(translate_url(live_memo, "tr")).status_code == 405


def test_the_translation_says_when_its_source_changed(client, editor, second_reviewer, live_memo):
    translation = services.translate(live_memo, "tr", editor)
    assert not translation.source_changed()
    factories.edit(live_memo, editor, body="<p>New evidence.</p>")
    factories.publish(live_memo, second_reviewer)
    client.force_login(editor)

    page = client.get(change_url(translation)).content.decode()

    assert translation.source_changed()
    assert "source changed since translation" in page


def test_save_and_submit_saves_the_typed_text_and_submits_that_version(client, editor, reviewer):
    """One step: the edit becomes version 2, and version 2 is what goes to review."""
    memo = factories.make_memo(editor)
    client.force_login(editor)
    data = change_form_data(client, change_url(memo), "memo_form", title="Typed, then submitted")
    data["_submit"] = "Save and submit for review"

    response = client.post(change_url(memo), data, follow=True)

    memo.refresh_from_db()
    assert (memo.status, memo.title, memo.head_version.number) == (
        State.IN_REVIEW, "Typed, then submitted", 2,
    )  # fmt: skip
    submit = services.history(memo).get(action="submit")
    assert submit.version_number == 2
    assert "version 2 was saved and submitted" in response.content.decode()


def test_save_and_submit_on_a_new_item_submits_version_one(client, editor):
    client.force_login(editor)
    add_url = reverse("admin:testapp_memo_add")
    data = change_form_data(
        client, add_url, "memo_form", title="New and submitted", slug="new", body="<p>Body.</p>"
    )
    data["_submit"] = "Save and submit for review"

    assert client.post(add_url, data).status_code == 302

    memo = Memo.objects.get(slug="new")
    assert memo.status == State.IN_REVIEW and memo.head_version.number == 1


def test_save_and_submit_of_an_unchanged_item_in_review_says_it_was_not_submitted_again(
    client, editor
):
    memo = submitted(editor)
    client.force_login(editor)
    data = change_form_data(client, change_url(memo), "memo_form")
    data["_submit"] = "Save and submit for review"

    page = client.post(change_url(memo), data, follow=True).content.decode()

    assert "not submitted" in page
    assert services.history(memo).filter(action="submit").count() == 1


def test_the_reviewer_actions_belong_to_forms_of_their_own_after_the_main_form(
    client, editor, reviewer
):
    """The action bar stands where the admin's submit row was; each transition's fields are
    tied (form attribute) to the transition's own form, which carries the version."""
    memo = submitted(editor)
    client.force_login(reviewer)

    page = client.get(change_url(memo)).content.decode()

    bar = page.index('id="review-actions"')
    assert page.index('name="title"') < bar < page.index('id="review-form-approve"')
    assert 'form="review-form-approve" name="transition" value="approve"' in page
    assert 'id="review-form-approve"' in page and transition_url(memo, "approve") in page


def test_last_reviewed_shows_the_sign_off_at_once_not_only_after_publication(
    client, editor, reviewer
):
    memo = submitted(editor)
    services.perform(memo, "approve", reviewer, password=factories.PASSWORD)
    client.force_login(editor)

    page = client.get(change_url(memo)).content.decode()

    assert "by Dr Deniz Aksoy (approved, not live yet)" in page
    assert "Not reviewed yet" not in page


def test_a_live_item_with_an_edit_in_review_says_both(client, editor, live_memo):
    factories.edit(live_memo, editor, title="A changed title")
    services.perform(live_memo, "submit", editor)
    client.force_login(editor)

    listing = client.get(reverse("admin:testapp_memo_changelist")).content.decode()
    page = client.get(change_url(live_memo)).content.decode()

    assert "Live · edit in review" in listing and "Live · edit in review" in page


def test_created_by_shows_the_name_not_the_username(client, editor, reviewer):
    memo = factories.make_memo(editor)
    client.force_login(reviewer)

    page = client.get(change_url(memo)).content.decode()

    assert '<div class="readonly">Edna Editor</div>' in page


def test_submitting_asks_one_reviewer_by_name_who_alone_gets_the_mail(
    client, editor, reviewer, second_reviewer
):
    memo = factories.make_memo(editor)
    client.force_login(editor)
    page = client.get(change_url(memo)).content.decode()
    assert '<option value="">Any reviewer</option>' in page and "Dr Selin Kaya" in page
    data = change_form_data(client, change_url(memo), "memo_form")
    data.update(_submit="Save and submit for review", _reviewer=str(second_reviewer.pk))

    client.post(change_url(memo), data)

    memo.refresh_from_db()
    assert memo.status == State.IN_REVIEW and memo.review_requested_from == second_reviewer
    mail = Mail.objects.get(subject__startswith="Awaiting your review")  # one mail: Selin's
    assert mail.to == second_reviewer.email and "asked you by name" in mail.body


def test_submitting_to_any_reviewer_mails_them_all(client, editor, reviewer, second_reviewer):
    memo = factories.make_memo(editor)
    client.force_login(editor)
    data = change_form_data(client, change_url(memo), "memo_form")
    data.update(_submit="Save and submit for review", _reviewer="")

    client.post(change_url(memo), data)

    mails = Mail.objects.filter(subject__startswith="Awaiting your review")
    assert sorted(mails.values_list("to", flat=True)) == sorted(
        [reviewer.email, second_reviewer.email]
    )


def test_a_reviewer_cannot_ask_themselves_nor_an_editor(editor, reviewer):
    for asked in (reviewer, editor):
        memo = factories.make_memo(reviewer if asked == reviewer else editor)
        writer = reviewer if asked == reviewer else editor
        with pytest.raises(services.TransitionRefused, match="Choose a reviewer"):
            services.perform(memo, "submit", writer, reviewer=asked)


def test_submit_selected_submits_each_item_the_workflow_allows_and_says_why_not_for_others(
    client, editor
):
    draft = factories.make_memo(editor, title="A draft")
    in_review = submitted(editor)
    client.force_login(editor)

    response = client.post(
        reverse("admin:testapp_memo_changelist"),
        {"action": "submit_selected", "_selected_action": [draft.pk, in_review.pk]},
        follow=True,
    )

    draft.refresh_from_db()
    assert draft.status == State.IN_REVIEW
    page = response.content.decode()
    assert "1 submitted for review." in page
    assert f"{in_review}: This cannot be done while the item is in review." in page
    assert services.history(in_review).filter(action="submit").count() == 1
