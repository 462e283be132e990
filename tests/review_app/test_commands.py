"""
Scheduled publication: an approved item with a future 'publish at' goes live at that time with
no one at the keyboard, through `manage.py run_scheduler` run by cron in production (`--every`
in development), which also sends the queued e-mail. Tested with a frozen clock.
"""

import datetime
from unittest import mock

import pytest
from django.core import mail
from django.core.management import CommandError
from freezegun import freeze_time

from invamed.content.models import Notice
from invamed.outbox.models import Mail
from invamed.review import services
from invamed.review.management.commands import run_scheduler
from invamed.review.models import State

from . import factories, scheduling
from .scheduling import SCHEDULED_FOR, run

pytestmark = pytest.mark.django_db


def schedule(item, reviewer, publish_at=SCHEDULED_FOR):
    return scheduling.schedule(item, reviewer, factories.approve, publish_at)


def test_a_scheduled_item_goes_live_at_its_time_with_no_one_at_the_keyboard(
    client, editor, reviewer
):
    item = schedule(factories.make_memo(editor), reviewer)

    scheduling.goes_live_at_its_time(client, item)


def test_the_scheduler_publishes_every_installed_kind_of_reviewed_item(editor, reviewer):
    """It finds the reviewed models installed (here a memo and a notice), knowing none."""
    writer = factories.make_user(role="superuser")
    notice = Notice.objects.create(
        kind=Notice.Kind.REGULATORY, name="Availability", heading="Availability",
        text="<p>Availability varies by country.</p>", created_by=writer,
    )  # fmt: skip
    services.save_version(notice, writer)
    items = [schedule(factories.make_memo(editor), reviewer), schedule(notice, reviewer)]
    with freeze_time("2024-06-11 00:00:00"):
        assert "2 scheduled item(s) published." in run()
    for item in items:
        item.refresh_from_db()
        assert item.is_published()


def test_the_scheduler_publishes_the_approval_as_the_live_signoff(editor, reviewer):
    memo = schedule(factories.make_memo(editor), reviewer)
    with freeze_time("2024-06-11 00:00:00"):
        run()
    memo.refresh_from_db()
    assert memo.live_signoff.reviewer == reviewer
    assert memo.last_reviewed_at.date() == datetime.date(2024, 6, 1)
    assert memo.live_version == memo.head_version


def test_only_due_scheduled_items_are_published(editor, reviewer):
    due = schedule(factories.make_memo(editor), reviewer)
    later = schedule(
        factories.make_memo(editor), reviewer, publish_at=SCHEDULED_FOR.replace(day=20)
    )
    approved = factories.make_memo(editor)
    with freeze_time("2024-06-01 10:00:00"):
        factories.approve(approved, reviewer)
    with freeze_time("2024-06-15 00:00:00"):
        output = run()
    for item in (due, later, approved):
        item.refresh_from_db()
    assert (due.status, later.status, approved.status) == ("published", "scheduled", "approved")
    assert "1 scheduled item(s) published." in output


def test_an_unscheduled_or_edited_item_is_not_published(editor, reviewer):
    unscheduled = schedule(factories.make_memo(editor), reviewer)
    services.perform(unscheduled, "unschedule", reviewer)
    edited = schedule(factories.make_memo(editor), reviewer)
    factories.edit(edited, editor, body="<p>Changed after approval.</p>")
    with freeze_time("2024-06-15 00:00:00"):
        assert "0 scheduled item(s) published." in run()
    for item in (unscheduled, edited):
        item.refresh_from_db()
        assert not item.is_published()


def test_a_live_item_with_a_scheduled_update_keeps_its_old_text_until_the_time(
    client, live_memo, editor, second_reviewer
):
    old_title = live_memo.live_version.title
    factories.edit(live_memo, editor, title="Updated for the congress")
    schedule(live_memo, second_reviewer)
    with freeze_time("2024-06-09 12:00:00"):
        run()
        assert old_title in client.get(live_memo.get_absolute_url()).content.decode()
    with freeze_time("2024-06-10 12:00:00"):
        run()
        page = client.get(live_memo.get_absolute_url()).content.decode()
    assert "Updated for the congress" in page


def test_every_keeps_publishing_until_interrupted(editor, reviewer):
    """`--every` (for `make run`) loops; here the second sleep stands for Ctrl+C."""
    memo = schedule(factories.make_memo(editor), reviewer)
    sleeps = []

    def sleep(seconds):
        sleeps.append(seconds)
        if len(sleeps) == 2:
            raise KeyboardInterrupt

    command = "invamed.review.management.commands.run_scheduler"
    with (
        freeze_time("2024-06-12 00:00:00"),
        mock.patch("time.sleep", sleep),
        # Between rounds the loop drops stale connections; here the connection is the test's
        # own transaction, which must stay open.
        mock.patch(f"{command}.close_old_connections") as close_old_connections,
    ):
        output = run("--every", "30")
    assert close_old_connections.call_count == 2
    assert sleeps == [30, 30]
    assert output.startswith("Running the scheduler every 30 s.")
    assert output.count("1 scheduled item(s) published.") == 1, "idle rounds stay quiet"
    assert output.rstrip().endswith("Stopped.")
    memo.refresh_from_db()
    assert memo.status == State.PUBLISHED


# E-mail ---------------------------------------------------------------------------------------


def test_the_scheduler_sends_queued_mail_and_says_what_failed(settings):
    settings.EMAIL_BACKEND = "tests.outbox.backends.RefusingBackend"
    Mail.objects.queue(subject="Approved", body="Yes.", to=["a@example.org", "b@bounce.example"])

    output = run()

    assert "1 e-mail(s) sent. 1 failed and will be retried, 0 given up." in output
    assert "0 e-mail(s) sent." in run(), "a run with nothing due says so"


def test_a_failing_job_does_not_keep_the_others_from_running(monkeypatch):
    """Publishing broken (say, a bug) still lets queued mail go out, and cron hears of it."""

    def publish_due(command):
        raise RuntimeError("publishing is broken")

    monkeypatch.setattr(run_scheduler, "JOBS", [publish_due, run_scheduler.send_mail])
    Mail.objects.queue(subject="Approved", body="Yes.", to=["a@example.org"])

    with pytest.raises(CommandError, match="publish_due"):
        run()
    assert len(mail.outbox) == 1
