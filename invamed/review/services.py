"""
The review transitions: each one checks the rule (workflow.check), moves the item, writes the
audit record, records the sign-off and sends the e-mails, in one database transaction.
Nothing else sets an item's status.
"""

import calendar
import datetime

from django.conf import settings
from django.contrib.auth import authenticate, get_user_model
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from invamed.cache import public_site_changed
from invamed.outbox.models import Mail
from invamed.text import clean_text

from . import workflow
from .models import (
    Address,
    LiveDocument,
    ReviewEvent,
    ReviewReminder,
    SignOff,
    State,
    fingerprint,
    reviewable_models,
)


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
    event = new_event(
        item, action, user, from_state=from_state, to_state=to_state, version=version,
        comment=comment, signoff=signoff, when=when,
    )  # fmt: skip
    event.save()
    return event


def new_event(item, action, user, *, from_state="", to_state="", version=None, comment="",
              signoff=None, when=None):  # fmt: skip
    """The unsaved audit row of `action` on `item` (record_event saves it)."""
    return ReviewEvent(
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
def save_version(item, user, *, when=None, comment=""):
    """Keep a new version when the working copy's content changed since the last one.

    Call after the item and its relations (tags, references, placements) are saved. Returns the
    new version, or None when nothing changed (then nothing is reset). A change to an item in
    review, approved, scheduled or published moves it back to draft: no approval may cover
    text its reviewer did not see, and visitors keep seeing the live version.
    """
    # The status comes from the locked row, not from `item`: the instance may have been loaded
    # before a transition (approved meanwhile), and an edit must still undo that approval. The
    # lock also keeps two saves of the same item from both taking the next version number.
    item.status, item.publish_at = (
        type(item).objects.select_for_update().values_list("status", "publish_at").get(pk=item.pk)
    )
    snapshot = item.content_snapshot()
    digest = fingerprint(snapshot)
    head = item.head_version
    if head is not None and head.fingerprint == digest:
        return None
    if "slug" in snapshot:
        Address.claim(item, snapshot["slug"])
    version = item.create_version(
        number=(head.number + 1) if head else 1,
        snapshot=snapshot,
        fingerprint=digest,
        user=user,
        when=when or timezone.now(),
    )
    from_state = item.status
    edit = workflow.TRANSITIONS["edit"]
    if item.status in edit.sources:
        item.status = edit.target
        update = ["status"]
        if item.publish_at is not None:  # a schedule was a reviewer's decision on the old text
            item.publish_at = None
            update.append("publish_at")
        item.save(update_fields=update)
    record_event(
        item, "edit", user, from_state=from_state, to_state=item.status, version=version,
        comment=comment, when=when,
    )  # fmt: skip
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


def version_to_translate(item):
    """The version a translation is made from: the live one, else an approved or scheduled one."""
    if item.live_version_id:
        return item.live_version
    if item.status in (State.APPROVED, State.SCHEDULED):
        return item.head_version
    return None


def in_language(obj, language):
    """`obj` (a category, a notice, an entry...) in `language`: itself or its translation."""
    if obj is None or getattr(obj, "language", language) == language:
        return obj
    root = obj.source_id or obj.pk
    return (
        type(obj)._default_manager.filter(Q(pk=root) | Q(source_id=root), language=language).first()
    )


@transaction.atomic
def translate(item, language, user, *, when=None):
    """Start the translation of `item` into `language`: a new draft item pre-filled with the text
    of the source's live (or approved) version, linked to it and to that version.

    Related records that exist per language (category, notice, FAQ entries) are replaced by
    their translations; a category with none refuses, saying which. Raises TransitionRefused.
    """
    root = item.translation_root
    source_version = version_to_translate(root)
    if source_version is None:
        raise TransitionRefused(_("Only a live or approved item can be translated."))
    if language == root.language or root.translation_group().filter(language=language).exists():
        raise TransitionRefused(_("This item already exists in that language."))
    snapshot = source_version.content
    model = type(root)
    new = model(language=language, source=root, translated_from=source_version.number)
    new.created_by = user
    new.created_at = when or timezone.now()
    for name in model.snapshot_fields:
        field = model._meta.get_field(name)
        value = snapshot.get(name)
        if field.many_to_one and value is not None:
            related = field.related_model._default_manager.filter(pk=value).first()
            translated = in_language(related, language)
            if translated is None and not field.null:
                raise TransitionRefused(
                    _("Translate the %(kind)s “%(name)s” into this language first.")
                    % {"kind": field.related_model._meta.verbose_name, "name": related}
                )
            value = translated.pk if translated is not None else None
        setattr(new, field.attname, value)
    new.save()
    if model.has_tags():
        new.tags.set(snapshot.get("tags", []), tag_kwargs={"language": language})
    for _accessor, part in model.parts():
        rows = []
        for row in snapshot.get(part.snapshot_key, []):
            row = dict(row)
            for name, value in row.items():
                field = part._meta.get_field(name)
                if field.many_to_one and value is not None:
                    related = in_language(
                        field.related_model._default_manager.filter(pk=value).first(), language
                    )
                    row[name] = related.pk if related is not None else None
            if all(value is not None for name, value in row.items()
                   if part._meta.get_field(name).many_to_one):  # fmt: skip
                rows.append(row)
        part.objects.bulk_create(
            part.from_snapshot_row(row, position, item=new)
            for position, row in enumerate(rows, start=1)
        )
    version = save_version(new, user, when=when)
    record_event(
        new, "translate", user, from_state="", to_state=new.status, version=version,
        comment=f"Translated from {root.language}, version {source_version.number}.", when=when,
    )  # fmt: skip
    return new


def check_signature(user, password, request=None):
    """None when `password` is `user`'s, else the reason (for the user) why the signature fails.

    With a request, the password goes through Django's authentication, so the sign-in throttle
    (django-axes) counts a wrong signature as a failed sign-in and refuses a locked account.
    """
    if not password:
        return _("Enter your password to sign.")
    if request is None:
        return (
            None
            if user.check_password(password)
            else _("Your password did not match: the sign-off was not recorded.")
        )
    signed = authenticate(request, username=user.get_username(), password=password)
    if getattr(request, "axes_locked_out", False):
        return _(
            "Signing is locked: too many wrong passwords for this account. Try again in 15 "
            "minutes, or ask a site administrator to unlock it. The sign-off was not recorded."
        )
    if signed is None or signed.pk != user.pk:
        return _("Your password did not match: the sign-off was not recorded.")
    return None


class VersionMoved(TransitionRefused):
    """The item moved on since the person opened it: the version they saw is not the one now."""

    def __init__(self, message, current):
        super().__init__(message)
        self.current = current


def perform(item, name, user, *, comment="", password=None, request=None, seen=None,
            publish_at=None, reviewer=None, when=None):  # fmt: skip
    """Take transition `name` on `item` as `user` (None for the scheduler).

    `seen` is the (number, fingerprint) of the version the person decided on, which their form
    carries; when the item's version to act on is another one now, nothing moves (VersionMoved).
    `publish_at` is the time a "schedule" sets; `reviewer`, the reviewer a "submit" asks by
    name (None: any reviewer), who alone is e-mailed. Raises TransitionRefused with a message
    for the user when the rule says no.
    """
    comment = clean_text(comment or "", multiline=True).strip()
    transition = workflow.TRANSITIONS.get(name)
    if transition is not None and transition.signature and workflow.check(user, item, name) is None:
        # Before the transaction: a wrong password is recorded by the sign-in throttle even
        # though nothing else is (a refusal rolls the transaction back). The rule is checked
        # again on the locked row below.
        reason = check_signature(user, password, request)
        if reason is not None:
            raise TransitionRefused(reason)
    with transaction.atomic():
        # Decide on the row as it is now, locked until commit, never on the caller's copy: two
        # reviewers clicking at once must not both approve, and a scheduler run must not
        # publish what was just withdrawn. SQLite ignores FOR UPDATE: there a second writer
        # waits for, or fails on, the database lock instead.
        item = type(item).objects.select_for_update().get(pk=item.pk)
        version = workflow.version_to_sign(item, transition) if transition else None
        # Whether the person may do this at all comes first; then the version they decided on:
        # whatever else has changed since (the item is back in draft, say), what they need to
        # know is that it is not that one.
        if transition is not None and (role := workflow.role_refusal(user, item, transition)):
            raise TransitionRefused(role)
        if transition is not None and transition.binds_version and seen is not None:
            number, digest = seen
            if version is None or (version.number, version.fingerprint) != (int(number), digest):
                raise VersionMoved(
                    _(
                        "This item changed after you opened it: you saw version %(seen)s, and "
                        "version %(now)s is the one now. Nothing was done: look at the changes, "
                        "then decide again."
                    )
                    % {"seen": number, "now": version.number if version else "—"},
                    current=version,
                )
        reason = workflow.check(user, item, name)
        if reason is None and transition.comment_required and not comment:
            reason = _("Please write a comment: the author needs to know why.")
        if reason is None and name == "schedule":
            if publish_at is None:
                reason = _("Choose when the approved version goes live.")
            elif publish_at <= (when or timezone.now()):
                reason = _("Choose a time in the future, or publish now.")
        if reason is None and reviewer is not None:
            if reviewer == user or not reviewers().filter(pk=reviewer.pk).exists():
                reason = _("Choose a reviewer from the list, or any reviewer.")
        if reason is not None:
            raise TransitionRefused(reason)
        now = when or timezone.now()
        from_state = item.status
        was_public = item.is_published()
        signoff = None
        update = ["status"]

        if transition.signature:
            signoff = _sign(item, version, user, transition, comment, now)
        if name == "submit":
            item.review_requested_from = reviewer
            update.append("review_requested_from")
        if name == "schedule":
            item.publish_at = publish_at
            update.append("publish_at")
        elif name in ("publish", "publish_scheduled"):
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
                raise TransitionRefused(_("This version has no recorded approval."))
            update += _go_live(item, version, approval, now)
            if "slug" in version.content:
                Address.claim(item, version.content["slug"], went_live=True)
        elif name in ("withdraw", "expire"):
            item.live_version = None
            item.live_signoff = None
            item.publish_at = None
            update += ["live_version", "live_signoff", "publish_at"]
        elif name == "unschedule":
            item.publish_at = None
            update.append("publish_at")
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
        _notify(item, name, user, comment, request)
        if {"live_version", "live_signoff"} & set(update) and (was_public or item.is_published()):
            # What visitors see (the live version, its sign-off) changes with this commit: in
            # the same transaction, so the stored pages retire exactly when it commits. Last,
            # so the row it locks is held for the shortest time.
            public_site_changed()
    return item


@transaction.atomic
def load_live(model, plans):
    """Bring new items of `model` live at once, as save_version and then perform's submit,
    approve and publish would one by one: each item's version 1 with its relational copies,
    preparation and address, its approval sign-off, its live pointers and search row, its
    audit record (edit, submit, approve, publish), and the transitions' states.

    For loading a data set (the benchmark's), where item-by-item transitions would take far
    longer than the pages they feed: no rule is checked (the items are new and each is signed
    by the reviewer given) and no e-mail is queued. `plans`: [(item, writer, reviewer, when)],
    items saved with their tags and parts and no version yet. Returns the items, live.
    """
    plans = list(plans)
    if not plans:
        return []
    accessors = [accessor for accessor, _part in model.parts()]
    fresh = model.objects.filter(pk__in=[item.pk for item, *_ in plans]).prefetch_related(
        *(["tags"] if model.has_tags() else []), *accessors
    )
    fresh = {item.pk: item for item in fresh}
    rows = []
    for item, writer, reviewer, when in plans:
        item = fresh[item.pk]
        snapshot = item.content_snapshot()
        if "slug" in snapshot:
            Address.claim(item, snapshot["slug"], went_live=True)
        version = item.new_version(
            number=1, snapshot=snapshot, fingerprint=fingerprint(snapshot), user=writer, when=when
        )
        rows.append((item, version, writer, reviewer, when))
    model.version_model().objects.bulk_create([version for _i, version, *_ in rows])
    model.store_version_copies([(item, version) for item, version, *_ in rows])
    signoffs = SignOff.objects.bulk_create(
        _signoff(item, version, reviewer, SignOff.Kind.APPROVAL, "", when)
        for item, version, _writer, reviewer, when in rows
    )
    events = []
    steps = [workflow.TRANSITIONS[name] for name in ("submit", "approve", "publish")]
    for (item, version, writer, reviewer, when), signoff in zip(rows, signoffs, strict=True):
        events.append(new_event(item, "edit", writer, from_state=item.status,
                                to_state=item.status, version=version, when=when))  # fmt: skip
        for transition in steps:
            events.append(
                new_event(
                    item,
                    transition.name,
                    writer if transition.role == "author" else reviewer,
                    from_state=item.status,
                    to_state=transition.target,
                    version=version,
                    signoff=signoff if transition.signature else None,
                    when=when,
                )  # fmt: skip
            )
            item.status = transition.target
        update = ["status", *_go_live(item, version, signoff, when)]
    items = [item for item, *_ in rows]
    model.objects.bulk_update(items, update, batch_size=500)
    LiveDocument.refresh(model, [item.pk for item in items])
    ReviewEvent.append(events)
    public_site_changed()
    return items


def _go_live(item, version, approval, now):
    """Make `version`, signed by `approval`, the one visitors see; the fields it set."""
    item.live_version = version
    item.live_signoff = approval
    item.published_at = now
    item.first_published_at = item.first_published_at or now
    item.publish_at = None
    return ["live_version", "live_signoff", "published_at", "first_published_at", "publish_at"]


def _sign(item, version, user, transition, comment, now):
    kind = SignOff.Kind.RECONFIRMATION if transition.name == "reconfirm" else SignOff.Kind.APPROVAL
    signoff = _signoff(item, version, user, kind, comment, now)
    signoff.save()
    return signoff


def _signoff(item, version, user, kind, comment, now):
    """The unsaved sign-off of `version` by `user`."""
    profile = getattr(user, "reviewer_profile", None)
    return SignOff(
        item_type=ContentType.objects.get_for_model(item),
        item_id=item.pk,
        language=item.language,
        version_number=version.number,
        fingerprint=version.fingerprint,
        kind=kind,
        reviewer=user,
        signer_name=actor_name(user),
        signer_credentials=profile.credentials if profile else "",
        meaning=workflow.meaning(item, kind),
        comment=comment,
        signed_at=now,
        next_review_due=add_months(timezone.localdate(now), item.review_interval_months()),
    )


def remind_reviewers(today=None):
    """Tell the reviewers, in one e-mail each, of the live items whose review falls due within
    REVIEW_REMINDER_DAYS and of those now overdue, each item once per stage and sign-off.

    An item that has just become overdue changes its public page (it says so): the stored pages
    are retired. Returns {stage: [items]} of what was reported."""
    today = today or timezone.localdate()
    days = settings.INVAMED["REVIEW_REMINDER_DAYS"]
    found = {ReviewReminder.Stage.DUE_SOON: [], ReviewReminder.Stage.OVERDUE: []}
    with transaction.atomic():
        for model in reviewable_models():
            queries = {
                ReviewReminder.Stage.DUE_SOON: model.objects.review_due_soon(days, today),
                ReviewReminder.Stage.OVERDUE: model.objects.review_overdue(today),
            }
            for stage, items in queries.items():
                items = items.exclude(live_signoff__reminders__stage=stage).select_related(
                    "live_signoff"
                )
                for item in items.order_by("live_signoff__next_review_due", "pk"):
                    ReviewReminder.objects.create(signoff=item.live_signoff, stage=stage)
                    found[stage].append(item)
        if found[ReviewReminder.Stage.OVERDUE]:
            public_site_changed()
        if any(found.values()):
            _queue_digest(found)
    return found


def _queue_digest(found):
    sections = []
    for stage, heading in (
        (ReviewReminder.Stage.OVERDUE, "Overdue for re-review"),
        (ReviewReminder.Stage.DUE_SOON, "Due for re-review soon"),
    ):
        if found[stage]:
            lines = [
                f"- {item} ({item._meta.verbose_name}, {item.language}): due "
                f"{item.next_review_due:%Y-%m-%d}\n  {_admin_url(item)}"
                for item in found[stage]
            ]
            sections.append(f"{heading}:\n" + "\n".join(lines))
    grace = settings.INVAMED["REVIEW_GRACE_DAYS"]
    if grace:
        sections.append(
            f"An item still overdue {grace} days after its due date is withdrawn from the site. "
            "Confirm an unchanged item as current, or review its changes."
        )
    count = sum(len(items) for items in found.values())
    addresses = [u.email for u in reviewers() if u.email]
    if addresses:
        Mail.objects.queue(
            subject=f"Re-review: {count} item(s) due or overdue",
            body="\n\n".join(sections) + "\n",
            to=addresses,
        )


def expire_overdue(today=None):
    """Withdraw, as the scheduler, every live item overdue for longer than REVIEW_GRACE_DAYS
    (none when it is 0). Recorded with its reason; reviewers and authors are told. Returns the
    withdrawn items."""
    grace = settings.INVAMED["REVIEW_GRACE_DAYS"]
    if not grace:
        return []
    today = today or timezone.localdate()
    expired = []
    for model in reviewable_models():
        for item in model.objects.review_overdue(today - datetime.timedelta(days=grace)):
            due = item.next_review_due
            reason = (
                f"Review overdue since {due:%Y-%m-%d}: withdrawn after the {grace}-day grace "
                "period."
            )
            try:
                with transaction.atomic():
                    signoff = item.live_signoff
                    perform(item, "expire", None, comment=reason)
                    ReviewReminder.objects.get_or_create(
                        signoff=signoff, stage=ReviewReminder.Stage.EXPIRED
                    )
            except TransitionRefused:
                continue  # changed meanwhile (re-reviewed, withdrawn): nothing to do
            expired.append(item)
    return expired


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


def _admin_url(item, request=None):
    """The item's admin page as an e-mail links to it: SITE_URL, except in development, where
    the address the action came in on is the one actually served (any port `runserver` uses)."""
    opts = item._meta
    path = reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[item.pk])
    if settings.DEBUG and request is not None:
        return request.build_absolute_uri(path)
    return settings.SITE_URL.rstrip("/") + path


def _notify(item, name, user, comment, request=None):
    """E-mail reviewers when something waits for them, the author when it was decided.

    Queued in the transition's own transaction, so the mail exists exactly when the transition
    does; the scheduler sends it (invamed/outbox), and a mail server that is down never fails
    the transition.
    """
    link = _admin_url(item, request)
    if name == "submit":
        asked = item.review_requested_from
        recipients, subject = [asked] if asked else reviewers(), f"Awaiting your review: {item}"
        body = f'{actor_name(user)} submitted "{item}" for review'
        body += f" and asked you by name.\n\n{link}\n" if asked else f".\n\n{link}\n"
    elif name == "expire":
        recipients = [*reviewers(), *authors(item)]
        subject = f"Withdrawn, review overdue: {item}"
        body = f'"{item}" was withdrawn from the site by the scheduler. {comment}\n\n'
        body += f"Re-submit it for review to bring it back.\n\n{link}\n"
    elif name in ("approve", "request_changes"):
        recipients = authors(item)
        verdict = "approved" if name == "approve" else "sent back with comments"
        subject = f"{item}: {verdict}"
        body = f'{actor_name(user)} {verdict} "{item}".\n\n{comment}\n\n{link}\n'
    else:
        return
    addresses = sorted({u.email for u in recipients if u.email and u != user})
    if addresses:
        Mail.objects.queue(subject=subject, body=body, to=addresses)
