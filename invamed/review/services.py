"""
The review transitions: each one checks the rule (workflow.check), moves the item, writes the
audit record, records the sign-off and sends the e-mails, in one database transaction.
Nothing else sets an item's status.
"""

import calendar
import datetime

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.core.mail import send_mail
from django.db import transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone

from invamed.cache import public_site_changed

from . import workflow
from .models import LiveDocument, ReviewEvent, SignOff, fingerprint


class TransitionRefused(Exception):
    """The user may not take this transition now; the message says why, for the user."""


def add_months(day, months):
    """The same day `months` later, or the month's last day when it has no such day.

    31 January + 1 month is 28 (or 29) February, and 29 February + 12 months is 28 February:
    a review is never due later than the interval says.
    """
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return datetime.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def actor_name(user):
    if user is None:
        return "scheduler"
    profile = getattr(user, "reviewer_profile", None)
    if profile is not None:
        return profile.name
    return user.get_full_name() or user.get_username()


def record_event(item, action, user, *, from_state="", to_state="", version=None, comment="",
                 signoff=None, when=None):  # fmt: skip
    return ReviewEvent.objects.create(
        item_type=ContentType.objects.get_for_model(item),
        item_id=item.pk,
        item_repr=str(item)[:300],
        version_number=version.number if version else None,
        fingerprint=version.fingerprint if version else "",
        action=action,
        from_state=from_state,
        to_state=to_state,
        actor=user,
        actor_name=actor_name(user),
        comment=comment,
        signoff=signoff,
        created_at=when or timezone.now(),
    )


def history(item):
    """The item's audit record, newest first."""
    return ReviewEvent.objects.filter(
        item_type=ContentType.objects.get_for_model(item), item_id=item.pk
    ).select_related("signoff")


@transaction.atomic
def save_version(item, user, *, when=None):
    """Keep a new version when the working copy's content changed since the last one.

    Call after the item and its relations (tags, references) are saved. Returns the new
    version, or None when nothing changed (then nothing is reset). A change to an approved,
    scheduled or published item moves it back to draft: the approval no longer applies, and
    visitors keep seeing the live version.
    """
    # The status comes from the locked row, not from `item`: the instance may have been loaded
    # before a transition (approved meanwhile), and an edit must still undo that approval. The
    # lock also keeps two saves of the same item from both taking the next version number.
    item.status = (
        type(item).objects.select_for_update().values_list("status", flat=True).get(pk=item.pk)
    )
    snapshot = item.content_snapshot()
    digest = fingerprint(snapshot)
    head = item.head_version
    if head is not None and head.fingerprint == digest:
        return None
    version = item.create_version(
        number=(head.number + 1) if head else 1,
        snapshot=snapshot,
        fingerprint=digest,
        user=user,
        when=when or timezone.now(),
    )
    from_state = item.status
    if item.status in workflow.TRANSITIONS["edit"].sources:
        item.status = workflow.TRANSITIONS["edit"].target
        item.save(update_fields=["status"])
    record_event(
        item, "edit", user, from_state=from_state, to_state=item.status, version=version, when=when
    )
    return version


@transaction.atomic
def restore_version(item, number, user):
    """Bring back an older version's content as a new draft version."""
    version = item.versions.get(number=number)
    item.apply_snapshot(version.content)
    new = save_version(item, user)
    if new is not None:
        record_event(
            item, "restore", user, from_state=item.status, to_state=item.status, version=new,
            comment=f"Restored from version {number}.",
        )  # fmt: skip
    return new


def perform(item, name, user, *, comment="", password=None, when=None):
    """Take transition `name` on `item` as `user` (None for the scheduler).

    Raises TransitionRefused with a message for the user when the rule says no.
    """
    comment = (comment or "").strip()
    with transaction.atomic():
        # Decide on the row as it is now, locked until commit, never on the caller's copy: two
        # reviewers clicking at once must not both approve, and a scheduler run must not
        # publish what was just withdrawn. SQLite ignores FOR UPDATE: there a second writer
        # waits for, or fails on, the database lock instead.
        item = type(item).objects.select_for_update().get(pk=item.pk)
        reason = workflow.check(user, item, name)
        if reason is None and workflow.TRANSITIONS[name].comment_required and not comment:
            reason = "Please write a comment: the author needs to know why."
        if reason is None and workflow.TRANSITIONS[name].signature:
            if not password or not user.check_password(password):
                reason = "Your password did not match: the sign-off was not recorded."
        if reason is not None:
            raise TransitionRefused(reason)
        transition = workflow.TRANSITIONS[name]
        now = when or timezone.now()
        from_state = item.status
        was_public = item.is_published()
        version = workflow.version_to_sign(item, transition)
        signoff = None
        update = ["status"]

        if transition.signature:
            signoff = _sign(item, version, user, transition, comment, now)
        if name in ("publish", "publish_scheduled"):
            approval = (
                SignOff.objects.filter(
                    item_type=ContentType.objects.get_for_model(item),
                    item_id=item.pk,
                    version_number=version.number,
                    fingerprint=version.fingerprint,
                    kind=SignOff.Kind.APPROVAL,
                )
                .order_by("-signed_at", "-id")
                .first()
            )
            if approval is None:  # Defensive: the state machine makes this unreachable.
                raise TransitionRefused("This version has no recorded approval.")
            item.live_version = version
            item.live_signoff = approval
            item.published_at = now
            item.first_published_at = item.first_published_at or now
            update += ["live_version", "live_signoff", "published_at", "first_published_at"]
        elif name == "withdraw":
            item.live_version = None
            item.live_signoff = None
            update += ["live_version", "live_signoff"]
        elif name == "reconfirm":
            item.live_signoff = signoff
            update += ["live_signoff"]

        item.status = transition.target
        item.save(update_fields=update)
        if "live_version" in update:
            LiveDocument.refresh(type(item), [item.pk])  # What search reads, in step.
        record_event(
            item, name, user, from_state=from_state, to_state=item.status, version=version,
            comment=comment, signoff=signoff, when=now,
        )  # fmt: skip
        if {"live_version", "live_signoff"} & set(update) and (was_public or item.is_published()):
            # What visitors see (the live version, its sign-off) changes with this commit: in
            # the same transaction, so the stored pages retire exactly when it commits. Last,
            # so the row it locks is held for the shortest time.
            public_site_changed()
        transaction.on_commit(lambda: _notify(item, name, user, comment))
    return item


def _sign(item, version, user, transition, comment, now):
    profile = getattr(user, "reviewer_profile", None)
    reconfirm = transition.name == "reconfirm"
    return SignOff.objects.create(
        item_type=ContentType.objects.get_for_model(item),
        item_id=item.pk,
        version_number=version.number,
        fingerprint=version.fingerprint,
        kind=SignOff.Kind.RECONFIRMATION if reconfirm else SignOff.Kind.APPROVAL,
        reviewer=user,
        signer_name=actor_name(user),
        signer_credentials=profile.credentials if profile else "",
        meaning=SignOff.RECONFIRM_MEANING if reconfirm else SignOff.MEANING,
        comment=comment,
        signed_at=now,
        next_review_due=add_months(timezone.localdate(now), item.review_interval_months()),
    )


def reviewers():
    """Active users who hold the review permission (group Reviewers or superusers)."""
    User = get_user_model()
    app_label, codename = workflow.REVIEW_PERMISSION.split(".")
    by_group = Q(
        groups__permissions__codename=codename,
        groups__permissions__content_type__app_label=app_label,
    )
    by_user = Q(
        user_permissions__codename=codename,
        user_permissions__content_type__app_label=app_label,
    )
    return User.objects.filter(Q(is_superuser=True) | by_group | by_user, is_active=True).distinct()


def authors(item):
    User = get_user_model()
    ids = set(item.versions.values_list("created_by_id", flat=True)) | {item.created_by_id}
    return User.objects.filter(pk__in=ids - {None}, is_active=True)


def _admin_url(item):
    opts = item._meta
    path = reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[item.pk])
    return settings.SITE_URL.rstrip("/") + path


def _notify(item, name, user, comment):
    """E-mail reviewers when something waits for them, the author when it was decided."""
    if name == "submit":
        recipients, subject = reviewers(), f"Awaiting your review: {item}"
        body = f'{actor_name(user)} submitted "{item}" for review.\n\n{_admin_url(item)}\n'
    elif name in ("approve", "request_changes"):
        recipients = authors(item)
        verdict = "approved" if name == "approve" else "sent back with comments"
        subject = f"{item}: {verdict}"
        body = f'{actor_name(user)} {verdict} "{item}".\n\n{comment}\n\n{_admin_url(item)}\n'
    else:
        return
    addresses = sorted({u.email for u in recipients if u.email and u != user})
    if addresses:
        send_mail(subject, body, None, addresses, fail_silently=False)
