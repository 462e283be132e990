"""
A mail server that is down never breaks a review action: the action is done and says so, its
e-mail waits in the outbox with the error, and the scheduler delivers it once the server is back.
Through the admin, with real commits (the bug hid in what ran after the commit), a real SMTP client
and, later, a real SMTP server on loopback.
"""

import datetime
from email import message_from_bytes
from io import StringIO

import pytest
from django.core import mail
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from freezegun import freeze_time

from invamed.outbox.models import Mail
from invamed.review import services
from invamed.review.models import State
from tests import factories
from tests.factories import PASSWORD

pytestmark = pytest.mark.django_db(transaction=True)


def transition_url(item, name):
    opts = item._meta
    return reverse(f"admin:{opts.app_label}_{opts.model_name}_transition", args=[item.pk, name])


def run_scheduler():
    out = StringIO()
    call_command("run_scheduler", stdout=out, stderr=out)
    return out.getvalue()


def messages(response):
    return [str(message) for message in response.context["messages"]]


ACTIONS = {
    # action: (state it starts from, what the reviewer posts, state after, who is told)
    "submit": (State.DRAFT, {}, State.IN_REVIEW, "second_reviewer"),
    "approve": (State.IN_REVIEW, {"password": PASSWORD}, State.APPROVED, "editor"),
    "request_changes": (State.IN_REVIEW, {"comment": "Cite the trial."}, State.CHANGES_REQUESTED,
                        "editor"),
}  # fmt: skip


@pytest.mark.parametrize("action", ACTIONS)
def test_a_reviewers_action_is_done_with_the_mail_server_down_and_its_mail_sent_later(
    client, mail_server_down, start_smtp_sink, action
):
    start, data, target, told = ACTIONS[action]
    people = {
        "editor": factories.make_user("edna", role="editor"),
        "reviewer": factories.make_reviewer(username="deniz"),
        "second_reviewer": factories.make_reviewer(name="Dr Selin Kaya", username="selin"),
    }
    # A reviewer's own draft waits for the other reviewer; the editor's article for a verdict.
    article = factories.make_article(people["reviewer" if action == "submit" else "editor"])
    if start == State.IN_REVIEW:
        services.perform(article, "submit", people["editor"])
    Mail.objects.all().delete()
    client.force_login(people["reviewer"])
    an_hour_ago = timezone.now() - datetime.timedelta(hours=1)

    with freeze_time(an_hour_ago):
        form = factories.transition_data(article, action, **data)
        response = client.post(transition_url(article, action), form, follow=True)
        assert response.status_code == 200
        assert any(": done. It is now" in message for message in messages(response))
        article.refresh_from_db()
        assert article.status == target

        queued = Mail.objects.get()
        assert (queued.to, queued.status) == (people[told].email, Mail.Status.QUEUED)

        assert "0 e-mail(s) sent. 1 failed and will be retried, 0 given up." in run_scheduler()
        queued.refresh_from_db()
        assert queued.status == Mail.Status.RETRYING and queued.attempts == 1
        assert "Connection refused" in queued.last_error

        client.force_login(factories.make_user("root", role="superuser"))
        listed = client.get(reverse("admin:outbox_mail_changelist")).content.decode()
        assert "failed, will be retried" in listed and "Connection refused" in listed

    sink = start_smtp_sink()
    assert "1 e-mail(s) sent." in run_scheduler()
    queued.refresh_from_db()
    assert queued.status == Mail.Status.SENT
    (envelope,) = sink.received
    assert envelope.rcpt_tos == [people[told].email]
    assert message_from_bytes(envelope.content)["Subject"] == queued.subject
    assert article.title in queued.subject


def test_a_title_with_a_line_break_is_submitted_and_its_mail_sent(client):
    """A pasted title with a line break used to turn Submit into a server error."""
    editor = factories.make_user("edna", role="editor")
    reviewer = factories.make_reviewer(username="deniz")
    article = factories.make_article(editor, title="Kyphoplasty\r\nafter a fall")
    client.force_login(editor)

    form = factories.transition_data(article, "submit")
    response = client.post(transition_url(article, "submit"), form, follow=True)

    assert messages(response) == ["Submit for review: done. It is now in review."]
    assert "1 e-mail(s) sent." in run_scheduler()
    (sent,) = mail.outbox
    assert sent.to == [reviewer.email]
    assert sent.subject == "Awaiting your review: Kyphoplasty after a fall"
