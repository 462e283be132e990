"""
The editorial review workflow's data, shared by articles and FAQ entries.

An item (an Article, an FAQ entry) is its editable *working copy* plus a status. Every save that
changes its content keeps an immutable *version* (a snapshot with a SHA-256 fingerprint). A
reviewer signs off one version (a SignOff); publishing makes that exact version the item's
*live version*, which is the only thing visitors ever see. The rule "what is public" is
`ReviewableQuerySet.published()` / `Reviewable.is_published()`, and nothing else.

The states and who may move an item between them are declared once in `workflow.py`; the moves
themselves (with their audit record, sign-off and e-mail) happen in `services.py`.
"""

import hashlib
import json

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify


class State(models.TextChoices):
    DRAFT = "draft", "Draft"
    IN_REVIEW = "in_review", "In review"
    CHANGES_REQUESTED = "changes_requested", "Changes requested"
    APPROVED = "approved", "Approved"
    SCHEDULED = "scheduled", "Scheduled"
    PUBLISHED = "published", "Published"
    WITHDRAWN = "withdrawn", "Withdrawn"


def fingerprint(snapshot):
    """SHA-256 of a content snapshot in a canonical JSON form (sorted keys, no spaces)."""
    canonical = json.dumps(snapshot, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


class ReviewableQuerySet(models.QuerySet):
    def published(self):
        """What a visitor may see: items with a live (signed-off, published) version.

        Drafts, items in review, approved-but-scheduled and withdrawn items have no live
        version. Every public page, list, feed, sitemap and search starts here.
        """
        return self.filter(live_version__isnull=False)

    def review_overdue(self, today=None):
        today = today or timezone.localdate()
        return self.published().filter(live_signoff__next_review_due__lt=today)

    def awaiting_review(self):
        return self.filter(status=State.IN_REVIEW)


class Reviewable(models.Model):
    """Abstract base of every reviewed item.

    A concrete item declares `live_version` (a ForeignKey to its version model), a version
    model whose ForeignKey to the item has related_name="versions", and implements
    `content_snapshot()`, `create_version()`, `apply_snapshot()`, `review_interval_months()`.
    """

    status = models.CharField(
        max_length=20, choices=State.choices, default=State.DRAFT, editable=False, db_index=True
    )
    live_signoff = models.ForeignKey(
        "review.SignOff",
        null=True,
        blank=True,
        editable=False,
        on_delete=models.PROTECT,
        related_name="+",
        help_text="The latest sign-off of the live version: its approval or a later re-review.",
    )
    first_published_at = models.DateTimeField(
        null=True, blank=True, editable=False, help_text="When the item first went live."
    )
    published_at = models.DateTimeField(
        null=True,
        blank=True,
        editable=False,
        help_text="When the live version went live. Later than the first publication = 'Updated'.",
    )
    publish_at = models.DateTimeField(
        "publish at",
        null=True,
        blank=True,
        help_text=(
            "Optional. When a reviewer publishes an approved version, it goes live at this time "
            "(scheduled) or at once if the time is empty or past."
        ),
    )
    lock_version = models.PositiveIntegerField(default=0, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        editable=False,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    updated_at = models.DateTimeField(auto_now=True)

    objects = ReviewableQuerySet.as_manager()

    class Meta:
        abstract = True

    def is_published(self):
        """The instance side of `ReviewableQuerySet.published()`."""
        return self.live_version_id is not None

    is_published.boolean = True

    @property
    def head_version(self):
        return self.versions.order_by("-number").first()

    @property
    def last_reviewed_at(self):
        """Date of the recorded sign-off of the live version (approval or re-review)."""
        return self.live_signoff.signed_at if self.live_signoff_id else None

    @property
    def next_review_due(self):
        return self.live_signoff.next_review_due if self.live_signoff_id else None

    @property
    def was_updated(self):
        """True when a newer version was published after the first publication."""
        return bool(
            self.first_published_at
            and self.published_at
            and self.published_at.date() > self.first_published_at.date()
        )

    @property
    def has_unpublished_changes(self):
        head = self.head_version
        return head is not None and head.pk != self.live_version_id

    def review_interval_months(self):
        return settings.INVAMED["REVIEW_INTERVAL_MONTHS"]


class Version(models.Model):
    """Abstract base of an immutable snapshot of an item's content.

    `content` holds the full snapshot (JSON) that `fingerprint` hashes; concrete models add the
    relational copies visitors' queries need (title, category, tags...).
    """

    number = models.PositiveIntegerField()
    content = models.JSONField()
    fingerprint = models.CharField(max_length=64)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        abstract = True
        ordering = ["-number"]

    def __str__(self):
        return f"version {self.number}"

    def save(self, *args, **kwargs):
        if self.pk is not None and not kwargs.pop("_allow_update", False):
            raise ValidationError("A version is immutable once saved.")
        super().save(*args, **kwargs)

    def verify(self):
        """True when the stored content still matches its fingerprint."""
        return fingerprint(self.content) == self.fingerprint


class SignOff(models.Model):
    """An electronic signature of a reviewer on one exact version of an item.

    The reviewer re-enters their password to sign. The record keeps the signer's name and
    credentials as they were at signing, what the signature means, and the fingerprint of the
    signed content. It is never changed after it is written.
    """

    class Kind(models.TextChoices):
        APPROVAL = "approval", "Approval"
        RECONFIRMATION = "reconfirmation", "Re-review confirmation"

    MEANING = "Medically reviewed and approved for publication"
    RECONFIRM_MEANING = "Medically re-reviewed: content confirmed as current"

    item_type = models.ForeignKey(ContentType, on_delete=models.PROTECT, related_name="+")
    item_id = models.PositiveBigIntegerField()
    item = GenericForeignKey("item_type", "item_id")
    version_number = models.PositiveIntegerField()
    fingerprint = models.CharField(max_length=64)
    kind = models.CharField(max_length=20, choices=Kind.choices, default=Kind.APPROVAL)
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="signoffs"
    )
    signer_name = models.CharField(max_length=200)
    signer_credentials = models.CharField(max_length=200, blank=True)
    meaning = models.CharField(max_length=200)
    comment = models.TextField(blank=True)
    signed_at = models.DateTimeField(default=timezone.now)
    next_review_due = models.DateField()

    class Meta:
        ordering = ["-signed_at", "-id"]
        indexes = [models.Index(fields=["item_type", "item_id", "version_number"])]
        permissions = [
            ("review_content", "Can approve, send back, publish, withdraw and re-review content"),
        ]

    def __str__(self):
        return f"{self.signer_name} signed v{self.version_number} on {self.signed_at:%Y-%m-%d}"

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise ValidationError("A sign-off cannot be changed once recorded.")
        super().save(*args, **kwargs)

    @property
    def reviewer_profile(self):
        """The reviewer's public profile, or None (then the name is shown without a link)."""
        profile = getattr(self.reviewer, "reviewer_profile", None)
        return profile if profile is not None and profile.is_public else None


class ReviewEvent(models.Model):
    """The audit record: one row per transition or saved version, append-only, hash-chained.

    Each row carries the hash of the row before it, so an edit made behind the application's
    back is found by `manage.py verify_audit_chain`.
    """

    item_type = models.ForeignKey(ContentType, on_delete=models.PROTECT, related_name="+")
    item_id = models.PositiveBigIntegerField()
    item = GenericForeignKey("item_type", "item_id")
    item_repr = models.CharField("item", max_length=300)
    version_number = models.PositiveIntegerField(null=True, blank=True)
    fingerprint = models.CharField(max_length=64, blank=True)
    action = models.CharField(max_length=40)
    from_state = models.CharField(max_length=20, choices=State.choices, blank=True)
    to_state = models.CharField(max_length=20, choices=State.choices, blank=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="review_events",
    )
    actor_name = models.CharField(max_length=200, help_text="'scheduler' for automatic moves.")
    comment = models.TextField(blank=True)
    signoff = models.ForeignKey(
        SignOff, null=True, blank=True, on_delete=models.PROTECT, related_name="events"
    )
    created_at = models.DateTimeField(default=timezone.now)
    prev_hash = models.CharField(max_length=64, blank=True)
    hash = models.CharField(max_length=64, unique=True)

    class Meta:
        ordering = ["-id"]
        indexes = [models.Index(fields=["item_type", "item_id", "id"])]
        verbose_name = "audit record"
        verbose_name_plural = "audit record"

    def __str__(self):
        return f"{self.created_at:%Y-%m-%d %H:%M} {self.actor_name}: {self.action} {self.item_repr}"

    def payload(self):
        """The fields the hash covers, in a canonical form."""
        return {
            "item_type": f"{self.item_type.app_label}.{self.item_type.model}",
            "item_id": self.item_id,
            "version": self.version_number,
            "fingerprint": self.fingerprint,
            "action": self.action,
            "from": self.from_state,
            "to": self.to_state,
            "actor_id": self.actor_id,
            "actor_name": self.actor_name,
            "comment": self.comment,
            "signoff_id": self.signoff_id,
            "created_at": self.created_at.isoformat(),
        }

    def compute_hash(self):
        data = self.prev_hash + json.dumps(self.payload(), sort_keys=True, separators=(",", ":"))
        return hashlib.sha256(data.encode("utf-8")).hexdigest()

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise ValidationError("The audit record is append-only.")
        last = ReviewEvent.objects.select_for_update().order_by("-id").only("hash").first()
        self.prev_hash = last.hash if last else ""
        self.hash = self.compute_hash()
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise ValidationError("The audit record is append-only.")


class ReviewerProfileQuerySet(models.QuerySet):
    def public(self):
        return self.filter(is_public=True)


class ReviewerProfile(models.Model):
    """A reviewer's public face: name, credentials, role and a short bio.

    Only what is here, and only when `is_public` is set, is shown to visitors; never the
    e-mail address or the username. The slug is set once and stays when the name changes.
    """

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="reviewer_profile"
    )
    name = models.CharField(max_length=200, help_text="As shown on pages, e.g. 'Dr Ayşe Demir'.")
    slug = models.SlugField(
        max_length=200, unique=True, blank=True, help_text="Set once; stays when the name changes."
    )
    credentials = models.CharField(
        max_length=200, blank=True, help_text="e.g. 'MD, interventional radiology'."
    )
    role = models.CharField(max_length=200, blank=True, help_text="e.g. 'Medical Affairs lead'.")
    bio = models.TextField(blank=True, help_text="A short paragraph, plain text.")
    is_public = models.BooleanField(
        "public profile", default=True, help_text="Shown to visitors and linked from sign-offs."
    )

    objects = ReviewerProfileQuerySet.as_manager()

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = slugify(self.name, allow_unicode=False) or f"reviewer-{self.user_id}"
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("reviewer-profile", kwargs={"slug": self.slug})
