"""
The audit record: one append-only, hash-chained row per saved version and per transition, and
`manage.py verify_audit_chain`, which finds a row changed or removed behind the application's
back.
"""

import datetime
import threading

import pytest
from django.core.exceptions import ValidationError
from django.core.management import CommandError, call_command
from django.db import connection, connections
from django.utils import timezone

from invamed.review import services
from invamed.review.models import AuditHead, ReviewEvent, SignOff, verify_audit_chain

from . import factories
from .factories import PASSWORD

pytestmark = pytest.mark.django_db


def rows(item):
    """(action, from, to, actor name, comment, version) of the item's record, oldest first."""
    return [
        (e.action, e.from_state, e.to_state, e.actor_name, e.comment, e.version_number)
        for e in reversed(services.history(item))
    ]


def test_every_transition_writes_one_row_with_from_to_actor_comment_and_version(
    editor, reviewer, second_reviewer
):
    memo = factories.make_memo(editor)  # version 1
    services.perform(memo, "submit", editor)
    services.perform(memo, "request_changes", reviewer, comment="Add a reference.")
    factories.edit(memo, editor, body="<p>With a reference.</p>")  # version 2
    services.perform(memo, "submit", editor)
    services.perform(memo, "approve", reviewer, password=PASSWORD, comment="Accurate.")
    later = timezone.now() + datetime.timedelta(hours=1)
    services.perform(memo, "schedule", reviewer, publish_at=later)
    services.perform(memo, "unschedule", reviewer)
    services.perform(memo, "publish", reviewer)
    services.perform(memo, "reconfirm", second_reviewer, password=PASSWORD)
    services.perform(memo, "withdraw", reviewer, comment="Guidance changed.")

    editor_name, reviewer_name = "Edna Editor", "Dr Deniz Aksoy"
    assert rows(memo) == [
        ("edit", "draft", "draft", editor_name, "", 1),
        ("submit", "draft", "in_review", editor_name, "", 1),
        ("request_changes", "in_review", "changes_requested", reviewer_name, "Add a reference.", 1),
        ("edit", "changes_requested", "changes_requested", editor_name, "", 2),
        ("submit", "changes_requested", "in_review", editor_name, "", 2),
        ("approve", "in_review", "approved", reviewer_name, "Accurate.", 2),
        ("schedule", "approved", "scheduled", reviewer_name, "", 2),
        ("unschedule", "scheduled", "approved", reviewer_name, "", 2),
        ("publish", "approved", "published", reviewer_name, "", 2),
        ("reconfirm", "published", "published", "Dr Selin Kaya", "", 2),
        ("withdraw", "published", "withdrawn", reviewer_name, "Guidance changed.", 2),
    ]
    events = list(reversed(services.history(memo)))
    assert all(e.actor in (editor, reviewer, second_reviewer) for e in events)
    assert events[5].signoff.kind == SignOff.Kind.APPROVAL
    assert events[9].signoff.kind == SignOff.Kind.RECONFIRMATION
    assert {e.fingerprint for e in events[4:]} == {memo.versions.get(number=2).fingerprint}


def test_a_refused_transition_writes_nothing(editor):
    memo = factories.make_memo(editor)
    count = ReviewEvent.objects.count()
    with pytest.raises(services.TransitionRefused):
        services.perform(memo, "approve", editor, password=PASSWORD)
    assert ReviewEvent.objects.count() == count


def test_each_row_carries_the_hash_of_the_row_before(live_memo):
    events = list(ReviewEvent.objects.order_by("id"))
    assert events[0].prev_hash == ""
    for before, after in zip(events, events[1:], strict=False):
        assert after.prev_hash == before.hash
        assert after.hash == after.compute_hash()


def test_an_audit_row_cannot_be_changed_or_deleted(live_memo):
    event = ReviewEvent.objects.order_by("id").last()
    event.comment = "Rewritten history."
    with pytest.raises(ValidationError):
        event.save()
    with pytest.raises(ValidationError):
        event.delete()
    event.refresh_from_db()
    assert event.comment == ""


def test_the_chain_of_a_real_history_is_intact(live_memo, editor, second_reviewer, capsys):
    factories.edit(live_memo, editor, title="Revised")
    factories.publish(live_memo, second_reviewer)
    call_command("verify_audit_chain")
    count = ReviewEvent.objects.count()
    assert capsys.readouterr().out.splitlines()[0] == f"audit chain intact: {count} entries"
    assert verify_audit_chain() == (count, None)


def test_an_empty_record_is_intact(db, capsys):
    call_command("verify_audit_chain")
    assert capsys.readouterr().out.splitlines()[0] == "audit chain intact: 0 entries"


def test_a_row_updated_behind_the_applications_back_breaks_the_chain(live_memo):
    approval = services.history(live_memo).get(action="approve")
    ReviewEvent.objects.filter(pk=approval.pk).update(comment="Approved without reading.")
    with pytest.raises(CommandError, match=f"audit row {approval.pk}: its content"):
        call_command("verify_audit_chain")


def test_a_rehashed_row_is_found_by_the_next_rows_link(live_memo):
    """Recomputing the changed row's hash does not help: the next row points at the old one."""
    approval = services.history(live_memo).get(action="approve")
    approval.actor_name = "Someone else"
    ReviewEvent.objects.filter(pk=approval.pk).update(
        actor_name="Someone else", hash=approval.compute_hash()
    )
    following = ReviewEvent.objects.filter(pk__gt=approval.pk).order_by("id").first()
    with pytest.raises(CommandError, match=f"audit row {following.pk}: does not link"):
        call_command("verify_audit_chain")


def test_a_row_removed_from_the_middle_breaks_the_chain(live_memo):
    submit = services.history(live_memo).get(action="submit")
    ReviewEvent.objects.filter(pk=submit.pk).delete()
    following = ReviewEvent.objects.filter(pk__gt=submit.pk).order_by("id").first()
    with pytest.raises(CommandError, match=f"audit row {following.pk}"):
        call_command("verify_audit_chain")


def test_a_signoff_changed_behind_the_applications_back_breaks_the_chain(live_memo):
    """The sign-off's own row cannot be saved again; an SQL update of it is caught by the chain."""
    signoff = live_memo.live_signoff
    SignOff.objects.filter(pk=signoff.pk).update(signed_at=timezone.now().replace(year=2030))
    approval = ReviewEvent.objects.get(signoff=signoff)
    with pytest.raises(CommandError, match=f"audit row {approval.pk}: its content"):
        call_command("verify_audit_chain")


def test_a_signoff_whose_row_was_removed_from_the_end_is_found(editor, reviewer):
    memo = factories.make_memo(editor)
    factories.approve(memo, reviewer)  # the approval is the last row
    services.history(memo).filter(action="approve").delete()
    with pytest.raises(CommandError, match="removed from the end"):
        call_command("verify_audit_chain")


@pytest.mark.parametrize("trailing", [1, 2, 3])
def test_rows_removed_from_the_end_are_found(live_memo, reviewer, editor, trailing):
    """Trailing publish, withdraw and edit rows, which no later row points at, are missed by
    the links alone: the chain's head, written with every row, still counts them."""
    factories.edit(live_memo, editor, title="A correction")
    services.perform(live_memo, "withdraw", reviewer, comment="Superseded.")
    last = list(ReviewEvent.objects.order_by("-id")[:trailing])
    assert {event.action for event in last} <= {"withdraw", "edit", "publish"}
    ReviewEvent.objects.filter(pk__in=[event.pk for event in last]).delete()
    with pytest.raises(CommandError, match="rows were removed from the end"):
        call_command("verify_audit_chain")


def test_a_removed_head_is_found(live_memo):
    AuditHead.objects.all().delete()
    with pytest.raises(CommandError, match="no head"):
        call_command("verify_audit_chain")


def test_the_command_exits_non_zero_from_the_command_line(live_memo):
    ReviewEvent.objects.filter(action="publish").update(comment="x")
    with pytest.raises(SystemExit) as exit_:
        from django.core.management import execute_from_command_line

        execute_from_command_line(["manage.py", "verify_audit_chain"])
    assert exit_.value.code != 0


def test_rows_written_in_another_time_zone_verify(editor, reviewer):
    """A `when` given in local time hashes the same as the UTC value read back later."""
    local = timezone.localtime(timezone.now())
    memo = factories.make_memo(editor)
    factories.approve(memo, reviewer, when=local)
    assert verify_audit_chain()[1] is None


@pytest.mark.django_db(transaction=True)
def test_transitions_committed_at_the_same_moment_do_not_fork_the_chain():
    """Only PostgreSQL runs writers in parallel (SQLite has one writer at a time)."""
    if connection.vendor != "postgresql":
        pytest.skip("concurrent writers need PostgreSQL")
    editor = factories.make_user(role="editor")
    memos = [factories.make_memo(editor) for _ in range(6)]
    start = threading.Barrier(len(memos))
    errors = []

    def submit(memo):
        try:
            start.wait()
            services.perform(memo, "submit", editor)
        except Exception as error:  # reported below, not lost in the thread
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=submit, args=(a,)) for a in memos]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert verify_audit_chain() == (2 * len(memos), None)
