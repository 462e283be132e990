"""
Outgoing e-mail in the admin: site administrators and superusers see each mail with its status,
attempts, last error and next attempt, and can have it sent again; nobody can edit, add or delete
one; editors and reviewers do not see the outbox at all.
"""

import pytest
from django.contrib.admin.models import LogEntry
from django.test import Client
from django.urls import reverse
from django.utils import formats, timezone

from invamed.outbox.models import Mail
from tests import factories

pytestmark = pytest.mark.django_db

ROLES = ["editor", "reviewer", "site_admin", "superuser"]
SEES = {"editor": False, "reviewer": False, "site_admin": True, "superuser": True}


@pytest.fixture
def failed_mail(mail_server_down):
    (queued,) = Mail.objects.queue(subject="Awaiting your review: Kyphoplasty", body="Please.",
                                   to=["selin@example.org"])  # fmt: skip
    Mail.objects.send_due()
    queued.refresh_from_db()
    return queued


def client_for(role):
    client = Client()
    client.force_login(factories.make_user(role, role=role))
    return client


@pytest.mark.parametrize("role", ROLES)
def test_who_sees_the_outbox_with_status_attempts_error_and_next_attempt(role, failed_mail):
    client = client_for(role)

    listed = client.get(reverse("admin:outbox_mail_changelist"))
    shown = client.get(reverse("admin:outbox_mail_change", args=[failed_mail.pk]))
    index = client.get(reverse("admin:index")).content.decode()

    if not SEES[role]:
        assert (listed.status_code, shown.status_code) == (403, 403)
        assert "Outgoing e-mail" not in index
        return
    assert "Outgoing e-mail" in index
    page = listed.content.decode()
    assert "Awaiting your review: Kyphoplasty" in page and "selin@example.org" in page
    assert "failed, will be retried" in page and "Connection refused" in page
    assert 'class="field-attempts">1<' in page
    next_attempt = formats.localize(timezone.template_localtime(failed_mail.next_attempt_at))
    assert f'class="field-next_attempt_at nowrap">{next_attempt}<' in page
    detail = shown.content.decode()
    assert shown.status_code == 200 and "ConnectionRefusedError" in detail
    assert 'name="subject"' not in detail and 'name="to"' not in detail, "read-only"


@pytest.mark.parametrize("role", ["site_admin", "superuser"])
def test_nobody_can_edit_add_or_delete_a_mail(role, failed_mail):
    client = client_for(role)
    change = reverse("admin:outbox_mail_change", args=[failed_mail.pk])

    edited = client.post(change, {"to": "someone@else.example", "subject": "Something else"})
    added = client.post(reverse("admin:outbox_mail_add"), {"to": "x@example.org"})
    delete = reverse("admin:outbox_mail_delete", args=[failed_mail.pk])
    deleted = client.post(delete, {"post": "yes"})

    assert (edited.status_code, added.status_code, deleted.status_code) == (403, 403, 403)
    assert Mail.objects.get() == failed_mail
    failed_mail.refresh_from_db()
    assert (failed_mail.to, failed_mail.subject) == (
        "selin@example.org", "Awaiting your review: Kyphoplasty"
    )  # fmt: skip


def test_a_site_administrator_has_a_failed_mail_sent_at_the_next_run(failed_mail, settings):
    client = client_for("site_admin")
    changelist = reverse("admin:outbox_mail_changelist")

    response = client.post(
        changelist, {"action": "retry", "_selected_action": [failed_mail.pk]}, follow=True
    )

    assert "1 e-mail(s) will be sent at the scheduler&#x27;s next run." in response.content.decode()
    failed_mail.refresh_from_db()
    assert failed_mail.status == Mail.Status.RETRYING
    entry = LogEntry.objects.get(object_id=str(failed_mail.pk))
    assert entry.user.username == "site_admin"
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    assert Mail.objects.send_due() == {Mail.Status.SENT: 1}


def test_sent_mail_is_not_sent_again_by_the_retry_action(failed_mail):
    Mail.objects.filter(pk=failed_mail.pk).update(status=Mail.Status.SENT, next_attempt_at=None)
    client = client_for("superuser")

    response = client.post(
        reverse("admin:outbox_mail_changelist"),
        {"action": "retry", "_selected_action": [failed_mail.pk]},
        follow=True,
    )

    assert "1 already sent: not sent again." in response.content.decode()
    assert Mail.objects.get().status == Mail.Status.SENT
