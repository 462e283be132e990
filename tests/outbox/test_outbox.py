"""
The outbox on its own: queued mail is sent by the scheduler's next run; what fails is retried with
a growing wait and finally given up; no mail is sent twice by two runs; subjects stay on one line.
"""

import datetime

import pytest
from django.core import mail
from django.db import transaction
from freezegun import freeze_time

from invamed.outbox import models as outbox
from invamed.outbox.models import Mail

pytestmark = pytest.mark.django_db

NOW = datetime.datetime(2024, 6, 10, 6, 0, tzinfo=datetime.UTC)
MINUTE = datetime.timedelta(minutes=1)


@pytest.fixture(autouse=True)
def clock():
    """Mail is queued at NOW; each run says what time it is."""
    with freeze_time(NOW):
        yield


def queue(*to, subject="Awaiting your review: Kyphoplasty", body="Please review it."):
    return Mail.objects.queue(subject=subject, body=body, to=to)


def test_queued_mail_reaches_each_address_on_the_next_run():
    queue("b@example.org", "a@example.org", "a@example.org")

    assert Mail.objects.send_due(NOW) == {Mail.Status.SENT: 2}

    assert sorted(message.to[0] for message in mail.outbox) == ["a@example.org", "b@example.org"]
    assert mail.outbox[0].subject == "Awaiting your review: Kyphoplasty"
    assert mail.outbox[0].body == "Please review it."
    for sent in Mail.objects.all():
        assert sent.status == Mail.Status.SENT and sent.attempts == 1
        assert sent.sent_at is not None and sent.next_attempt_at is None
    assert Mail.objects.send_due(NOW + MINUTE) == {}, "nothing is sent twice"


def test_mail_queued_in_a_rolled_back_transaction_is_gone():
    with pytest.raises(RuntimeError), transaction.atomic():
        queue("a@example.org")
        raise RuntimeError("the action failed after queuing")
    assert not Mail.objects.exists()


@pytest.mark.parametrize(
    "title, expected",
    [
        ("Line\nbreak", "Line break"),
        ("Carriage\rreturn", "Carriage return"),
        ("Both\r\nkinds", "Both kinds"),
        ("Vertical\vtab", "Vertical tab"),
        ("Form\x0cfeed", "Form feed"),
        ("Null\x00byte", "Null byte"),
        ("Escape\x1b[1mcode", "Escape [1mcode"),
        ("Next\x85line", "Next line"),
        ("Unicode\u2028line and\u2029paragraph", "Unicode line and paragraph"),
        ("Tab\tbetween", "Tab between"),
        ("  Surrounding \n\n spaces  ", "Surrounding spaces"),
        ("Kifoplasti: düşme sonrası", "Kifoplasti: düşme sonrası"),
    ],
)
def test_header_unsafe_characters_in_a_subject_become_one_space(title, expected):
    """Whatever a title holds, the subject is one line and the mail is sent, never refused."""
    (queued,) = queue("a@example.org", subject=f"Awaiting your review: {title}")

    assert queued.subject == f"Awaiting your review: {expected}"
    assert Mail.objects.send_due(NOW) == {Mail.Status.SENT: 1}
    assert mail.outbox[0].subject == queued.subject


def test_each_wait_after_a_failure_is_twice_the_last_up_to_six_hours():
    waits = [outbox.retry_delay(attempts) / MINUTE for attempts in range(1, outbox.MAX_ATTEMPTS)]
    assert waits == [1, 2, 4, 8, 16, 32, 64, 128, 256, 360, 360]


def test_a_failed_mail_keeps_its_error_and_is_tried_again_after_its_wait(mail_server_down):
    (queued,) = queue("a@example.org")

    assert Mail.objects.send_due(NOW) == {Mail.Status.RETRYING: 1}
    queued.refresh_from_db()
    assert (queued.status, queued.attempts) == (Mail.Status.RETRYING, 1)
    assert queued.last_error.startswith("ConnectionRefusedError: ")
    assert (queued.last_attempt_at, queued.next_attempt_at) == (NOW, NOW + MINUTE)

    assert Mail.objects.send_due(NOW + MINUTE / 2) == {}, "not before its wait is over"
    assert Mail.objects.send_due(NOW + MINUTE) == {Mail.Status.RETRYING: 1}
    queued.refresh_from_db()
    assert queued.attempts == 2 and queued.next_attempt_at == NOW + 3 * MINUTE


def test_a_mail_that_keeps_failing_is_given_up_after_its_last_attempt(mail_server_down):
    (queued,) = queue("a@example.org")
    now = NOW
    for _ in range(outbox.MAX_ATTEMPTS - 1):
        assert Mail.objects.send_due(now) == {Mail.Status.RETRYING: 1}
        queued.refresh_from_db()
        now = queued.next_attempt_at

    assert Mail.objects.send_due(now) == {Mail.Status.FAILED: 1}
    queued.refresh_from_db()
    assert (queued.status, queued.attempts) == (Mail.Status.FAILED, outbox.MAX_ATTEMPTS)
    assert queued.next_attempt_at is None and queued.last_error
    assert Mail.objects.send_due(now + datetime.timedelta(days=30)) == {}


def test_a_refused_address_does_not_hold_back_the_others(settings):
    settings.EMAIL_BACKEND = "tests.outbox.backends.RefusingBackend"
    queue("a@example.org", "gone@bounce.example", "b@example.org")

    assert Mail.objects.send_due(NOW) == {Mail.Status.SENT: 2, Mail.Status.RETRYING: 1}
    assert sorted(message.to[0] for message in mail.outbox) == ["a@example.org", "b@example.org"]
    refused = Mail.objects.get(status=Mail.Status.RETRYING)
    assert refused.to == "gone@bounce.example" and "No such user" in refused.last_error


def test_a_mail_another_run_took_is_not_sent_twice():
    """Two scheduler runs at once (cron overlapping a slow run): each mail goes out once."""
    (queued,) = queue("a@example.org")
    seen_by_the_other_run = Mail.objects.get(pk=queued.pk)

    assert queued.claim(NOW)
    assert not seen_by_the_other_run.claim(NOW)


def test_retrying_makes_failed_mail_due_at_once_and_leaves_sent_mail_alone(mail_server_down):
    failing, sent = queue("a@example.org", "b@example.org")
    Mail.objects.filter(pk=sent.pk).update(status=Mail.Status.SENT, next_attempt_at=None)
    Mail.objects.send_due(NOW)
    failing.refresh_from_db()
    assert failing.next_attempt_at == NOW + MINUTE

    assert Mail.objects.retry(NOW) == 1
    failing.refresh_from_db()
    assert (failing.status, failing.next_attempt_at) == (Mail.Status.RETRYING, NOW)
    assert Mail.objects.get(pk=sent.pk).status == Mail.Status.SENT
