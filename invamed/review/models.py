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

import datetime
import hashlib
import json

from django.apps import apps
from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.contrib.postgres.search import SearchVectorField
from django.core.exceptions import ValidationError
from django.db import connection, models, transaction
from django.db.models import OuterRef, Subquery
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


# Written only by services.perform / services.save_version (see Reviewable.save).
WORKFLOW_FIELDS = frozenset(
    {"status", "live_version", "live_signoff", "published_at", "first_published_at"}
)


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

    def save(self, *args, **kwargs):
        """Save the working copy, never the workflow's fields.

        `services.perform` alone moves an item, saving exactly the fields it changed. A plain
        save() of an instance loaded before a transition (an admin form posted while the
        scheduler published, a shell session) would otherwise write the old status and live
        version back: an item unpublished, or published, with no audit record.
        """
        inserting = self._state.adding or kwargs.get("force_insert")
        if not inserting and kwargs.get("update_fields") is None:
            kwargs["update_fields"] = [
                field.name
                for field in self._meta.concrete_fields
                if not field.primary_key and field.name not in WORKFLOW_FIELDS
            ]
        super().save(*args, **kwargs)

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
        """True when a newer version was published on a later day than the first publication.

        Days are compared in the site's time zone, as the page shows them: a version published
        at 01:00 local time is on that local day, even though it is the day before in UTC.
        """
        return bool(
            self.first_published_at
            and self.published_at
            and timezone.localdate(self.published_at) > timezone.localdate(self.first_published_at)
        )

    @property
    def has_unpublished_changes(self):
        head = self.head_version
        return head is not None and head.pk != self.live_version_id

    def review_interval_months(self):
        """Months from a sign-off to the next review due: the category's, else the site's."""
        category = getattr(self, "category", None)
        if category is not None and category.review_interval_months:
            return category.review_interval_months
        return settings.INVAMED["REVIEW_INTERVAL_MONTHS"]


def reviewable_models():
    """Every installed concrete model reviewed through this workflow (articles, FAQ entries).

    The one place commands and checks find them, so a new kind of reviewed item needs no
    change here.
    """
    return [model for model in apps.get_models() if issubclass(model, Reviewable)]


class ReviewedCategory(models.Model):
    """Abstract base of a category of reviewed items (INVAblog and FAQ categories).

    Its review interval, when set, overrides the site default for the items in it.
    """

    name = models.CharField(max_length=200)
    slug = models.SlugField(max_length=200, unique=True)
    description = models.TextField(blank=True)
    order = models.PositiveIntegerField(default=0)
    review_interval_months = models.PositiveSmallIntegerField(
        null=True,
        blank=True,
        help_text="Months from a sign-off to the next review due. Empty: the site default (12).",
    )

    class Meta:
        abstract = True
        ordering = ["order", "name"]

    def __str__(self):
        return self.name


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
        allow_update = kwargs.pop("_allow_update", False)
        if self.pk is not None and not allow_update:
            raise ValidationError("A version is immutable once saved.")
        super().save(*args, **kwargs)

    def verify(self):
        """True when the stored content still matches its fingerprint."""
        return fingerprint(self.content) == self.fingerprint


class LiveDocument(models.Model):
    """What search reads of a live item: one narrow row per live article or FAQ entry.

    The live version's stored document (its `search_vector`) and its heading (title,
    question) as tsvectors, with when the item first went live: the search picks and ranks its
    candidates from this one table (invamed/search.py) without reading the items' or the
    versions' wide rows, or joining them, for every match of a common word.

    Derived data, written only where an item's live version changes, in the same transaction
    (services.perform), and rebuilt by `refresh()` after a bulk load (restore_site, the
    benchmark's data set). It never decides what is public: a search page's results are read
    from `published()` items only. PostgreSQL only; SQLite's search does not read it.
    """

    # No index of its own: the unique constraint's (item_type, item_id) serves.
    item_type = models.ForeignKey(
        ContentType, on_delete=models.CASCADE, related_name="+", db_index=False
    )
    item_id = models.PositiveBigIntegerField()
    item = GenericForeignKey("item_type", "item_id")
    version_id = models.PositiveBigIntegerField(help_text="The live version copied here.")
    first_published_at = models.DateTimeField()
    heading = SearchVectorField(null=True)
    document = SearchVectorField(null=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["item_type", "item_id"], name="unique_live_document")
        ]

    def __str__(self):
        return f"{self.item_type.model} {self.item_id}, version {self.version_id}"

    @classmethod
    def refresh(cls, model, pks=None):
        """Make the rows of `model`'s items (all of them, or those in `pks`) match their live
        versions: a row for each live item, none for the others. Four queries, whatever the
        number of items."""
        if connection.vendor != "postgresql":
            return
        item_type = ContentType.objects.get_for_model(model)
        rows = cls.objects.filter(item_type=item_type)
        items = model.objects.published()
        if pks is not None:
            rows, items = rows.filter(item_id__in=pks), items.filter(pk__in=pks)
        rows.delete()
        cls.objects.bulk_create(
            cls(item_type=item_type, item_id=pk, version_id=version, first_published_at=first)
            for pk, version, first in items.values_list("pk", "live_version", "first_published_at")
        )
        versions = model.versions.field.model
        live_version = versions.objects.filter(pk=OuterRef("version_id"))
        rows.update(
            document=Subquery(live_version.values("search_vector")),
            heading=Subquery(live_version.annotate(h=versions.search_heading()).values("h")),
        )


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

    def delete(self, *args, **kwargs):
        raise ValidationError("A sign-off cannot be deleted.")

    def digest(self):
        """SHA-256 of what was signed, by whom, when and with what meaning.

        The audit event that records the sign-off carries this digest in its own hash, so a
        sign-off changed behind the application's back (a moved date, another signer) breaks
        the audit chain too.
        """
        data = {
            "item_type_id": self.item_type_id,
            "item_id": self.item_id,
            "version": self.version_number,
            "fingerprint": self.fingerprint,
            "kind": self.kind,
            "reviewer_id": self.reviewer_id,
            "signer_name": self.signer_name,
            "signer_credentials": self.signer_credentials,
            "meaning": self.meaning,
            "comment": self.comment,
            "signed_at": _utc_iso(self.signed_at),
            "next_review_due": self.next_review_due.isoformat(),
        }
        canonical = json.dumps(data, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
        return hashlib.sha256(canonical.encode("utf-8")).hexdigest()

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

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise ValidationError("The audit record is append-only.")
        with transaction.atomic():
            _lock_audit_chain()
            last = ReviewEvent.objects.order_by("-id").only("hash").first()
            self.prev_hash = last.hash if last else ""
            self.hash = self.compute_hash()
            super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise ValidationError("The audit record is append-only.")

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
            "signoff": self.signoff.digest() if self.signoff_id else "",
            "created_at": _utc_iso(self.created_at),
        }

    def compute_hash(self):
        data = self.prev_hash + json.dumps(self.payload(), sort_keys=True, separators=(",", ":"))
        return hashlib.sha256(data.encode("utf-8")).hexdigest()


# Any constant shared by every writer of the audit record will do; this one spells "AUDIT".
_AUDIT_LOCK_KEY = 0x4155444954


def _lock_audit_chain():
    """Make appending to the audit record one writer at a time, until the transaction ends.

    Two transitions committing at once must not both chain onto the same last row (the chain
    would fork and `verify_audit_chain` would report it as tampering). On PostgreSQL a
    transaction-scoped advisory lock serialises writers; locking the last row with
    SELECT ... FOR UPDATE would not, because the second writer would still read the old last
    row after waiting, and an empty table has no row to lock. SQLite allows one writer at a
    time anyway, so there is nothing to do there.
    """
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [_AUDIT_LOCK_KEY])


def _utc_iso(moment):
    """A datetime in one canonical form (UTC, ISO 8601), whatever time zone it was given in.

    Rows read back from the database come in UTC; a datetime passed in another zone at write
    time must hash the same, or the chain would look broken for no reason.
    """
    return moment.astimezone(datetime.UTC).isoformat()


def verify_audit_chain():
    """Walk the audit record in id order and find the first row that does not fit.

    Returns (rows found intact, None) when every row's hash matches its content and links to
    the row before it, else (rows intact before the problem, a message naming the broken row).
    A changed row no longer matches its hash; a removed row leaves the next one pointing at a
    hash that is not the previous row's. A sign-off without its audit row (one removed from the
    end, where no later row would notice) is reported as well.
    """
    prev_hash = ""
    count = 0
    rows = ReviewEvent.objects.order_by("id").select_related("item_type", "signoff")
    for event in rows.iterator(chunk_size=1000):
        if event.prev_hash != prev_hash:
            return count, (
                f"audit row {event.pk}: does not link to the row before it "
                "(that row was changed or removed)"
            )
        if event.compute_hash() != event.hash:
            return count, f"audit row {event.pk}: its content no longer matches its hash"
        prev_hash = event.hash
        count += 1
    orphan = SignOff.objects.filter(events__isnull=True).order_by("id").first()
    if orphan is not None:
        return count, f"sign-off {orphan.pk}: has no audit row (the row was removed)"
    return count, None


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
