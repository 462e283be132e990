"""
The outbox: an e-mail is written to the database in the transaction of the action it reports,
and sent afterwards by the scheduler (`manage.py run_scheduler`), retried with a growing wait
when it fails. A mail server that is down or slow delays a notification; it never breaks an
action, and a recorded action never loses its mail.
"""

import logging
import unicodedata
from collections import Counter
from datetime import timedelta

from django.conf import settings
from django.core.mail import EmailMessage, get_connection
from django.db import models
from django.db.models import Q
from django.utils import timezone

logger = logging.getLogger(__name__)

# After a failed attempt the next one waits twice as long as the last wait, from one minute up to
# six hours: about 20 hours of attempts before the mail is given up (an administrator can retry).
FIRST_RETRY = timedelta(minutes=1)
LONGEST_RETRY = timedelta(hours=6)
MAX_ATTEMPTS = 12
# Mails one run tries at most, so that a run against a server that times out still ends (at
# worst BATCH_SIZE x EMAIL_TIMEOUT); runs that overlap never send the same mail twice (claim).
BATCH_SIZE = 100


def retry_delay(attempts):
    """How long to wait after the `attempts`-th failed attempt."""
    return min(FIRST_RETRY * 2 ** (attempts - 1), LONGEST_RETRY)


def one_line(text):
    """`text` fit for a mail header: line breaks and other control characters become spaces.

    A title may hold them (pasted text, a crafted form); a header must not, and Django raises
    BadHeaderError on a newline.
    """
    text = "".join(" " if unicodedata.category(c) in ("Cc", "Zl", "Zp") else c for c in text)
    return " ".join(text.split())


class MailQuerySet(models.QuerySet):
    def queue(self, *, subject, body, to):
        """Queue one e-mail to each address, in the caller's transaction: rolled back with it."""
        subject = one_line(subject)
        return self.bulk_create(
            Mail(to=address, subject=subject, body=body, from_email=settings.DEFAULT_FROM_EMAIL)
            for address in sorted(set(to))
        )

    def pending(self):
        """Mail still to be sent: queued, or failed and waiting for its next attempt."""
        return self.filter(status__in=Mail.PENDING)

    def due(self, now):
        return self.pending().filter(next_attempt_at__lte=now)

    def retry(self, now):
        """Make mail not yet sent due at once (given-up mail gets one more attempt)."""
        return self.exclude(status=Mail.Status.SENT).update(
            status=Mail.Status.RETRYING, next_attempt_at=now
        )

    def send_due(self, now=None):
        """Try each mail that is due, the longest waiting first; count the outcomes by status."""
        now = now or timezone.now()
        connection = get_connection()  # EMAIL_BACKEND; SMTP gives up after EMAIL_TIMEOUT
        outcomes = Counter()
        for mail in self.due(now).order_by("next_attempt_at", "pk")[:BATCH_SIZE]:
            if mail.claim(now):
                outcomes[mail.send(connection)] += 1
        return outcomes


class Mail(models.Model):
    """One e-mail to one address: what it says, and how its sending went."""

    class Status(models.TextChoices):
        QUEUED = "queued", "queued"
        RETRYING = "retrying", "failed, will be retried"
        SENT = "sent", "sent"
        FAILED = "failed", "failed, given up"

    PENDING = (Status.QUEUED, Status.RETRYING)

    to = models.CharField(max_length=254)
    from_email = models.CharField("from", max_length=300)
    subject = models.CharField(max_length=1000)
    body = models.TextField()
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.QUEUED)
    attempts = models.PositiveSmallIntegerField(default=0)
    last_error = models.TextField(blank=True)
    created_at = models.DateTimeField("queued at", default=timezone.now)
    last_attempt_at = models.DateTimeField(null=True, blank=True)
    next_attempt_at = models.DateTimeField(
        null=True, blank=True, default=timezone.now, help_text="Empty once sent or given up."
    )
    sent_at = models.DateTimeField(null=True, blank=True)

    objects = MailQuerySet.as_manager()

    class Meta:
        verbose_name = "e-mail"
        verbose_name_plural = "e-mails"
        ordering = ["-created_at", "-pk"]
        indexes = [
            models.Index(
                fields=["next_attempt_at"],
                condition=Q(status__in=["queued", "retrying"]),
                name="outbox_mail_due",
            )
        ]
        permissions = [("retry_mail", "Can have an e-mail sent again at the next run")]

    def __str__(self):
        return f"{self.subject} (to {self.to})"

    def claim(self, now):
        """Take the mail for one attempt; False when another run took it first.

        The next attempt's time is set before sending: a second scheduler run skips the mail, and
        a run that dies while sending leaves it to be retried, never lost.
        """
        attempts, retry_at = self.attempts + 1, now + retry_delay(self.attempts + 1)
        taken = (
            Mail.objects.pending()
            .filter(pk=self.pk, attempts=self.attempts)
            .update(attempts=attempts, last_attempt_at=now, next_attempt_at=retry_at)
        )
        if taken:
            self.attempts, self.last_attempt_at, self.next_attempt_at = attempts, now, retry_at
        return bool(taken)

    def send(self, connection):
        """One attempt (after claim); record how it went and return the new status."""
        message = EmailMessage(
            self.subject, self.body, self.from_email, [self.to], connection=connection
        )
        try:
            message.send()
        except Exception as error:  # Whatever the backend raises, the mail stays with its error.
            self.last_error = f"{type(error).__name__}: {error}"
            if self.attempts >= MAX_ATTEMPTS:
                self.status, self.next_attempt_at = Mail.Status.FAILED, None
            else:
                self.status = Mail.Status.RETRYING
            logger.warning("E-mail %s to %s failed (attempt %s): %s", self.pk, self.to,
                           self.attempts, self.last_error)  # fmt: skip
            self.save(update_fields=["status", "next_attempt_at", "last_error"])
        else:
            self.status, self.next_attempt_at, self.sent_at = Mail.Status.SENT, None, timezone.now()
            self.save(update_fields=["status", "next_attempt_at", "sent_at"])
        return self.status
