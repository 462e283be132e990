"""
The two steps a report goes through: sent by a visitor, resolved by a reviewer.

Each runs in one transaction that writes its rows and what it tells others: sending queues an
e-mail to every reviewer (invamed/outbox), resolving appends to the review audit record, so a
report is never resolved without a trace.
"""

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from invamed.outbox.models import Mail
from invamed.review.models import ReviewEvent
from invamed.review.services import actor_name, reviewers

from .models import Report


class AlreadyResolved(Exception):
    """The report was resolved meanwhile (by another reviewer)."""


def admin_url(report):
    path = reverse("admin:reports_report_change", args=[report.pk])
    return settings.SITE_URL.rstrip("/") + path


@transaction.atomic
def submit(item, *, message, email="", is_professional=False, client=""):
    """Store a report on the live version of `item` (a live reviewed item) and tell reviewers."""
    version = item.live_version
    report = Report.objects.create(
        item_type=ContentType.objects.get_for_model(item),
        item_id=item.pk,
        item_repr=str(getattr(version, item.heading_field, None) or item)[:300],
        language=item.language,
        version_number=version.number,
        fingerprint=version.fingerprint,
        message=message,
        email=email,
        is_professional=is_professional,
        client=client,
    )
    who = "A healthcare professional" if is_professional else "A visitor"
    reply = f"Reply to: {email}" if email else "No e-mail address given."
    body = (
        f"{who} reported an issue with “{report.item_repr}” ({report.language}), "
        f"version {report.version_number}.\n\n{report.message}\n\n{reply}\n\n"
        f"Read and resolve it in the admin: {admin_url(report)}\n"
    )
    addresses = [user.email for user in reviewers() if user.email]
    Mail.objects.queue(subject=f"Issue reported: {report.item_repr}", body=body, to=addresses)
    return report


@transaction.atomic
def resolve(report, user, note):
    """Mark `report` resolved by `user` with `note`, recorded in the review audit record."""
    locked = Report.objects.select_for_update().get(pk=report.pk)
    if locked.is_resolved:
        raise AlreadyResolved
    now = timezone.now()
    locked.resolved_at, locked.resolved_by, locked.resolution_note = now, user, note
    locked.save(update_fields=["resolved_at", "resolved_by", "resolution_note"])
    ReviewEvent.objects.create(
        item_type_id=locked.item_type_id,
        item_id=locked.item_id,
        item_repr=locked.item_repr,
        version_number=locked.version_number,
        fingerprint=locked.fingerprint,
        action="resolve_report",
        actor=user,
        actor_name=actor_name(user),
        comment=f"Report {locked.pk} resolved: {locked.resolution_note}",
        created_at=now,
    )
    report.refresh_from_db()
    return report
