"""
The review workflow's behaviour below the admin: four eyes, signatures, comments, versions and
their fingerprints, editing live content, withdrawal and the e-mails.
"""

import datetime

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from invamed.outbox.models import Mail
from invamed.review import services
from invamed.review.models import SignOff, State, fingerprint

from . import factories, steps
from .factories import PASSWORD

pytestmark = pytest.mark.django_db


def submitted(item):
    item.refresh_from_db()
    services.perform(item, "submit", item.head_version.created_by)
    item.refresh_from_db()
    return item


def refused(item, name, user, **kw):
    """The refusal message of a transition that must not happen; nothing moves."""
    status = type(item).objects.get(pk=item.pk).status
    with pytest.raises(services.TransitionRefused) as caught:
        services.perform(item, name, user, **kw)
    assert type(item).objects.get(pk=item.pk).status == status
    return str(caught.value)


def html(client, item):
    response = client.get(item.get_absolute_url())
    return response.status_code, response.content.decode()


# Four eyes ------------------------------------------------------------------------------------


def test_author_cannot_approve_own_memo_even_as_reviewer(reviewer):
    memo = submitted(factories.make_memo(reviewer))
    message = refused(memo, "approve", reviewer, password=PASSWORD)
    assert "Four eyes" in message


def test_reviewer_who_edited_the_version_cannot_approve_it(editor, reviewer):
    memo = factories.make_memo(editor)
    factories.edit(memo, reviewer, body="<p>A reviewer's fix.</p>")
    memo = submitted(memo)
    assert "Four eyes" in refused(memo, "approve", reviewer, password=PASSWORD)


def test_superuser_who_edited_the_version_cannot_approve_it(editor, superuser):
    memo = factories.make_memo(editor)
    factories.edit(memo, superuser, title="Changed by the administrator")
    memo = submitted(memo)
    assert "Four eyes" in refused(memo, "approve", superuser, password=PASSWORD)


def test_another_reviewer_can_approve(editor, reviewer, second_reviewer):
    memo = factories.make_memo(editor)
    factories.edit(memo, reviewer, body="<p>A reviewer's fix.</p>")
    memo = submitted(memo)
    memo = services.perform(memo, "approve", second_reviewer, password=PASSWORD)
    assert memo.status == State.APPROVED


def test_an_edit_before_the_last_approval_does_not_bar_the_next_approval(
    editor, reviewer, second_reviewer
):
    """Four eyes looks at changes since the last approval, not at the whole history."""
    memo = factories.make_memo(reviewer)
    factories.publish(memo, second_reviewer)
    memo.refresh_from_db()
    factories.edit(memo, editor, title="A later correction by the editor")
    memo = submitted(memo)
    assert services.perform(memo, "approve", reviewer, password=PASSWORD).status == "approved"


# Signatures and comments ----------------------------------------------------------------------


@pytest.mark.parametrize("password", [None, "", "not my password"])
def test_approve_needs_the_signers_own_password(editor, reviewer, password):
    memo = submitted(factories.make_memo(editor))
    assert "password" in refused(memo, "approve", reviewer, password=password)
    assert not SignOff.objects.exists()


@pytest.mark.parametrize("password", [None, "not my password"])
def test_reconfirm_needs_the_signers_own_password(live_memo, second_reviewer, password):
    assert "password" in refused(live_memo, "reconfirm", second_reviewer, password=password)


def test_another_users_password_does_not_sign(editor, reviewer, second_reviewer):
    second_reviewer.set_password("a different secret")
    second_reviewer.save()
    memo = submitted(factories.make_memo(editor))
    refused(memo, "approve", second_reviewer, password=PASSWORD)


@pytest.mark.parametrize("comment", ["", "   \n"])
def test_request_changes_needs_a_comment(editor, reviewer, comment):
    memo = submitted(factories.make_memo(editor))
    assert "comment" in refused(memo, "request_changes", reviewer, comment=comment)


def test_request_changes_keeps_the_comment_for_the_editor(editor, reviewer):
    memo = submitted(factories.make_memo(editor))
    services.perform(memo, "request_changes", reviewer, comment="  Cite the 2021 trial.  ")
    event = services.history(memo).first()
    assert (event.action, event.comment) == ("request_changes", "Cite the 2021 trial.")


def test_withdraw_needs_a_comment(live_memo, reviewer):
    assert "comment" in refused(live_memo, "withdraw", reviewer, comment="")


# Fingerprint ----------------------------------------------------------------------------------


def test_same_content_has_the_same_fingerprint(editor):
    """Two memos that differ only in their address and the order tags were typed in."""
    one = factories.make_memo(editor, title="Same", tags=["b", "a"], sources=[("R", "")])
    two = factories.make_memo(editor, title="Same", tags=["a", "b"], sources=[("R", "")])
    two.body = one.body
    two.save()
    services.save_version(two, editor)
    same_address = {**two.head_version.content, "slug": one.slug}
    assert one.head_version.fingerprint == fingerprint(same_address)


@pytest.mark.parametrize(
    "change",
    [
        "title",
        "address",
        "body",
        "tags",
        "source text",
        "source link",
        "source new",
        "source order",
    ],
)
def test_any_content_change_changes_the_fingerprint(editor, change):
    memo = factories.make_memo(
        editor, tags=["spine care"],
        sources=[("Doe J. 2020.", "https://doi.org/10.1/a"), ("Roe R. 2019.", "")],
    )  # fmt: skip
    before = memo.head_version
    if change == "title":
        memo.title = "Another title"
        memo.save()
    elif change == "address":
        memo.slug = "another-address"
        memo.save()
    elif change == "body":
        memo.body = "<p>Another body.</p>"
        memo.save()
    elif change == "tags":
        memo.tags.add("osteoporosis")
    else:
        steps.change_cited_rows(memo.sources, change.removeprefix("source "))
    after = services.save_version(memo, editor)
    assert after is not None and after.number == before.number + 1
    assert after.fingerprint != before.fingerprint


def test_version_verify_detects_tampered_content(live_memo):
    version = live_memo.live_version
    assert version.verify()
    content = dict(version.content, body="<p>Edited in the database.</p>")
    type(version).objects.filter(pk=version.pk).update(content=content)
    version.refresh_from_db()
    assert not version.verify()


@pytest.mark.parametrize("copy", ["title", "tags", "sources"])
def test_version_verify_detects_a_tampered_relational_copy(live_memo, copy):
    """What visitors' queries read (columns, tags, parts) must be what the snapshot says."""
    version = live_memo.live_version
    if copy == "title":
        type(version).objects.filter(pk=version.pk).update(title="Edited in the database")
    elif copy == "tags":
        version.tags.add("unsigned tag", tag_kwargs={"language": "en"})
    else:
        version.source_rows.update(citation="Edited in the database.")
    version.refresh_from_db()
    assert version.mismatches() == [copy]


def test_a_saved_version_cannot_be_changed(live_memo):
    version = live_memo.live_version
    version.title = "Changed"
    with pytest.raises(ValidationError):
        version.save()


# Saving and editing ---------------------------------------------------------------------------


def test_saving_without_changes_creates_no_version_and_resets_nothing(live_memo, editor):
    versions = live_memo.versions.count()
    events = services.history(live_memo).count()
    assert factories.edit(live_memo, editor) is None
    live_memo.refresh_from_db()
    assert live_memo.status == State.PUBLISHED
    assert live_memo.versions.count() == versions
    assert services.history(live_memo).count() == events


def test_a_stale_instance_cannot_write_an_old_status_back(editor, reviewer):
    """An admin form loaded before a transition, saved after it, leaves the transition alone."""
    memo = factories.make_memo(editor)
    stale = type(memo).objects.get(pk=memo.pk)
    factories.publish(memo, reviewer)
    stale.title = "Saved from a stale form"
    stale.save()
    memo.refresh_from_db()
    assert memo.status == State.PUBLISHED and memo.is_published()
    assert memo.title == "Saved from a stale form"


def test_editing_a_live_memo_keeps_visitors_on_the_approved_text(
    client, live_memo, editor, second_reviewer
):
    live = live_memo.live_version
    factories.edit(live_memo, editor, title="A revised title", body="<p>Revised text.</p>")
    live_memo.refresh_from_db()
    assert live_memo.status == State.DRAFT
    assert live_memo.live_version == live
    assert live_memo.has_unpublished_changes

    status, page = html(client, live_memo)
    assert status == 200 and live.title in page and "Revised text." not in page

    factories.approve(live_memo, second_reviewer)
    status, page = html(client, live_memo)
    assert "Revised text." not in page, "approved but not yet published"

    services.perform(live_memo, "publish", second_reviewer)
    status, page = html(client, live_memo)
    assert "A revised title" in page and "Revised text." in page


def test_changing_a_source_after_approval_needs_a_new_review(live_memo, editor, reviewer):
    """An item's parts are reviewed content: a changed citation is a new, unsigned version."""
    approved = live_memo.live_version
    factories.edit(live_memo, editor, title=live_memo.title)  # no change: nothing happens
    live_memo.sources.update(citation="Doe J. A different study. 2023.")
    new = services.save_version(live_memo, editor)
    live_memo.refresh_from_db()
    assert new is not None and new.fingerprint != approved.fingerprint
    assert live_memo.status == State.DRAFT
    assert "cannot be done while the item is draft" in refused(live_memo, "publish", reviewer)
    assert live_memo.live_version == approved


def test_an_edit_after_approval_sends_the_item_back_to_draft(editor, reviewer):
    memo = factories.make_memo(editor)
    factories.approve(memo, reviewer)
    factories.edit(memo, editor, body="<p>Late change.</p>")
    memo.refresh_from_db()
    assert memo.status == State.DRAFT
    refused(memo, "publish", reviewer)


def test_an_edit_of_a_scheduled_item_drops_the_schedule(editor, reviewer):
    """The time was a reviewer's decision on the old text: the new one is not scheduled."""
    memo = factories.make_memo(editor)
    factories.approve(memo, reviewer)
    tomorrow = timezone.now() + datetime.timedelta(days=1)
    memo = services.perform(memo, "schedule", reviewer, publish_at=tomorrow)
    factories.edit(memo, editor, body="<p>Late change.</p>")
    memo.refresh_from_db()
    assert (memo.status, memo.publish_at) == (State.DRAFT, None)


# Withdrawal -----------------------------------------------------------------------------------


def test_withdraw_takes_the_page_down_at_once_and_it_can_be_resubmitted(
    client, live_memo, editor, second_reviewer
):
    services.perform(live_memo, "withdraw", second_reviewer, comment="Guidance changed.")
    live_memo.refresh_from_db()
    assert client.get(live_memo.get_absolute_url()).status_code == 404
    assert live_memo.status == State.WITHDRAWN and live_memo.live_signoff is None

    # The same version goes through review again before it can return.
    services.perform(live_memo, "submit", editor)
    services.perform(live_memo, "approve", second_reviewer, password=PASSWORD)
    services.perform(live_memo, "publish", second_reviewer)
    assert client.get(live_memo.get_absolute_url()).status_code == 200


def test_withdraw_a_scheduled_item_that_was_never_live(client, editor, reviewer):
    memo = factories.make_memo(editor)
    factories.approve(memo, reviewer)
    tomorrow = timezone.now() + datetime.timedelta(days=1)
    services.perform(memo, "schedule", reviewer, publish_at=tomorrow)
    services.perform(memo, "withdraw", reviewer, comment="Not yet.")
    memo.refresh_from_db()
    assert memo.status == State.WITHDRAWN and not memo.is_published()
    assert memo.first_published_at is None
    assert client.get(memo.get_absolute_url()).status_code == 404
    assert services.perform(memo, "submit", editor).status == State.IN_REVIEW


# E-mails --------------------------------------------------------------------------------------
# Queued in the transition's transaction (the outbox), sent by the scheduler's next run.


def queued_by(action):
    """The e-mails that `action()` queued."""
    before = list(Mail.objects.values_list("pk", flat=True))
    action()
    return list(Mail.objects.exclude(pk__in=before).order_by("to"))


def recipients(mails):
    return [queued.to for queued in mails]


def test_reviewers_are_told_when_an_item_is_submitted(
    settings, editor, reviewer, second_reviewer, superuser
):
    settings.SITE_URL = "https://knowledge.example.com/"
    memo = factories.make_memo(editor)
    mails = queued_by(lambda: services.perform(memo, "submit", editor))
    assert recipients(mails) == sorted([reviewer.email, second_reviewer.email, superuser.email])
    assert mails[0].subject == f"Awaiting your review: {memo.title}"
    link = f"https://knowledge.example.com/admin/testapp/memo/{memo.pk}/change/"
    assert link in mails[0].body

    Mail.objects.send_due()
    assert sorted(message.to[0] for message in mail.outbox) == recipients(mails)
    assert link in mail.outbox[0].body


def test_a_reviewer_who_submits_is_not_mailed_about_it(reviewer, second_reviewer):
    memo = factories.make_memo(reviewer)
    mails = queued_by(lambda: services.perform(memo, "submit", reviewer))
    assert recipients(mails) == [second_reviewer.email]


def test_the_author_is_told_when_approved(editor, reviewer):
    memo = submitted(factories.make_memo(editor))
    mails = queued_by(
        lambda: services.perform(memo, "approve", reviewer, password=PASSWORD, comment="Clear.")
    )
    assert recipients(mails) == [editor.email]
    assert "approved" in mails[0].subject


def test_the_author_is_told_when_sent_back_with_the_comment(editor, reviewer):
    memo = submitted(factories.make_memo(editor))
    mails = queued_by(
        lambda: services.perform(memo, "request_changes", reviewer, comment="Add the dosage.")
    )
    assert recipients(mails) == [editor.email]
    assert "Add the dosage." in mails[0].body


def test_the_actor_is_never_mailed_about_their_own_action(editor, reviewer, second_reviewer):
    """A reviewer who edited a draft is one of its authors, but not told of their own verdict."""
    memo = factories.make_memo(editor)
    factories.edit(memo, second_reviewer, title="Tightened by a reviewer")
    memo = submitted(memo)
    mails = queued_by(
        lambda: services.perform(memo, "request_changes", reviewer, comment="One more source.")
    )
    assert recipients(mails) == sorted([editor.email, second_reviewer.email])
    memo = factories.make_memo(reviewer)
    factories.edit(memo, editor, title="Edited by the editor")
    services.perform(memo, "submit", editor)
    mails = queued_by(
        lambda: services.perform(memo, "request_changes", reviewer, comment="Shorter, please.")
    )
    assert recipients(mails) == [editor.email]


def test_publishing_and_withdrawing_send_no_mail(live_memo, second_reviewer):
    mails = queued_by(
        lambda: services.perform(live_memo, "withdraw", second_reviewer, comment="Outdated.")
    )
    assert mails == []


def test_the_mail_is_queued_with_the_transition_and_rolled_back_with_it(editor, reviewer):
    """No mail for a transition that did not happen; a recorded one never waits for a commit."""
    memo = factories.make_memo(editor)
    with pytest.raises(RuntimeError), transaction.atomic():
        services.perform(memo, "submit", editor)
        assert Mail.objects.filter(to=reviewer.email).exists(), "queued before any commit"
        raise RuntimeError("the request failed after the transition")
    memo.refresh_from_db()
    assert memo.status == State.DRAFT
    assert not Mail.objects.exists()
