"""
The editorial review workflow's data, shared by every reviewed item (articles, FAQ entries,
notices, site pages) and knowing none of them.

An item is its editable *working copy* plus a status, in one language. Every save that changes
its content keeps an immutable *version*: a snapshot of everything a visitor could see (text,
address, classification, tags, references, placements, the images it shows...) with a SHA-256
fingerprint, plus the relational copies that visitors' queries need, which `Version.verify()`
checks against the snapshot. A reviewer signs off one version (a SignOff); publishing makes
that exact version the item's *live version*, the only thing visitors ever see. "What is
public" is `ReviewableQuerySet.published()` / `Reviewable.is_published()`, and nothing else.

A translation is an item of its own (one row per language), with its own versions, workflow and
sign-off; it knows the item it was translated from (`source`) and, in its snapshot, the source's
version it was made from.

The states and who may move an item are declared once in `workflow.py`; the moves themselves
(with their audit record, sign-off and e-mail) happen in `services.py`.
"""

import datetime
import functools
import hashlib
import json

from django.apps import apps
from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey, GenericRelation
from django.contrib.contenttypes.models import ContentType
from django.contrib.postgres.search import SearchVector, SearchVectorField
from django.core.exceptions import ValidationError
from django.core.signals import setting_changed
from django.db import connection, models, transaction
from django.db.models import OuterRef, Subquery
from django.db.models.fields.json import KT
from django.db.models.functions import Cast, Coalesce
from django.urls import get_script_prefix, get_urlconf, reverse
from django.utils import timezone, translation
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _

from invamed import richtext
from invamed.fields import recorded_link
from invamed.text import PlainTextModel, searchable, slugify


def languages():
    """The site's languages (settings.LANGUAGES): a setting, never a migration."""
    return settings.LANGUAGES


def default_language():
    return settings.LANGUAGE_CODE


def reverse_in(language, route, /, **kwargs):
    """The address of `route` in `language` (/en/…, /tr/…), whatever the current one.

    Kept per process: an address depends only on its arguments, the script prefix and the URL
    configuration, and a page links to the same items on every render (reversing is a good
    part of a list's cost). A changed setting forgets them all.
    """
    return _reverse_in(
        get_script_prefix(),
        get_urlconf() or settings.ROOT_URLCONF,
        language,
        route,
        tuple(sorted(kwargs.items())),
    )


@functools.lru_cache(maxsize=8192)
def _reverse_in(prefix, urlconf, language, route, kwargs):
    with translation.override(language):
        return reverse(route, urlconf=urlconf, kwargs=dict(kwargs) or None)


def forget_addresses(**_signal):
    """Forget the kept addresses (reverse_in): after a change of settings or URLs."""
    _reverse_in.cache_clear()


setting_changed.connect(forget_addresses, dispatch_uid="invamed.review.forget_addresses")


def search_config(language):
    """PostgreSQL's text-search configuration for `language` ('simple' when none is set)."""
    return settings.INVAMED["SEARCH_CONFIGS"].get(language, "simple")


class State(models.TextChoices):
    DRAFT = "draft", _("Draft")
    IN_REVIEW = "in_review", _("In review")
    CHANGES_REQUESTED = "changes_requested", _("Changes requested")
    APPROVED = "approved", _("Approved")
    SCHEDULED = "scheduled", _("Scheduled")
    PUBLISHED = "published", _("Published")
    WITHDRAWN = "withdrawn", _("Withdrawn")


def canonical_json(data):
    return json.dumps(data, sort_keys=True, ensure_ascii=False, separators=(",", ":"))


def fingerprint(snapshot):
    """SHA-256 of a content snapshot in a canonical JSON form (sorted keys, no spaces)."""
    return hashlib.sha256(canonical_json(snapshot).encode("utf-8")).hexdigest()


class EmbeddedMedia:
    """What reviewed items show of another app's records, signed with their text: the image
    library's pictures with their alt texts, captions and credits.

    That app subclasses this and registers one instance with `register_media()` from its
    AppConfig.ready(), so this app never imports it. `snapshot()` gives the item's entry under
    `key`: plain JSON data, covered by the fingerprint and shown by the reviewer's diff.
    `prepare()` then renders the version from that entry alone, never from the other app's
    records as they are now, so a later change there changes no signed page.
    """

    key = ""

    def snapshot(self, item):
        """The entry for `item`'s working copy, or None when it shows nothing of the kind."""
        return None

    def prepare(self, item_model, content, prepared):
        """Complete `prepared` (Version.prepare's output for `content`) in place."""

    def renderer(self):
        """A short text that changes whenever what `prepare()` makes of a snapshot changes."""
        return ""


_media = []


def register_media(media):
    """Add an EmbeddedMedia instance (once); returns it."""
    if media not in _media:
        _media.append(media)
    return media


def registered_media():
    return tuple(_media)


def renderer():
    """What a version's preparation was made by: the rich-text renderer and each registered
    medium's own. A preparation made by another is made again (Version.preparation)."""
    return "+".join([f"richtext-{richtext.RENDERER}", *(media.renderer() for media in _media)])


class TranslatedQuerySet(models.QuerySet):
    """Rows that may translate one another: an item or category, and those with its `source`."""

    def translation_group(self, root):
        """The row `root` (a pk) and its translations: every language's row of one text."""
        return self.filter(models.Q(pk=root) | models.Q(source_id=root))


class ReviewableQuerySet(TranslatedQuerySet):
    def published(self):
        """What a visitor may see: items with a live (signed-off, published) version.

        Drafts, items in review, approved-but-scheduled and withdrawn items have no live
        version. Every public page, list, feed, sitemap and search starts here.
        """
        return self.filter(live_version__isnull=False)

    def in_language(self, language):
        return self.filter(language=language)

    def review_overdue(self, today=None):
        """Live items past their "Next review due" date (from the day after it)."""
        today = today or timezone.localdate()
        return self.published().filter(live_signoff__next_review_due__lt=today)

    def review_due_soon(self, days=30, today=None):
        """Live items whose next review falls due in the next `days` days (not yet overdue)."""
        today = today or timezone.localdate()
        return self.published().filter(
            live_signoff__next_review_due__gte=today,
            live_signoff__next_review_due__lte=today + datetime.timedelta(days=days),
        )

    def awaiting_review(self):
        return self.filter(status=State.IN_REVIEW)

    def translations(self):
        return self.filter(source__isnull=False)

    def with_translation_numbers(self):
        """Each item annotated with `made_from_number` (the source's version it was made from:
        the number recorded in its latest version, else on the item; 0 when none is recorded)
        and `source_live_number` (the source's live version, None when none): what
        `Reviewable.translation_numbers()` reads without a query of its own."""
        versions = self.model.version_model().objects.filter(item=OuterRef("pk"))
        recorded = versions.order_by("-number").values(
            recorded=Cast(KT("content__translated_from"), models.IntegerField())
        )[:1]
        made_from = models.Case(
            models.When(models.Exists(versions), then=Coalesce(Subquery(recorded), 0)),
            default=Coalesce("translated_from", 0),
            output_field=models.IntegerField(),
        )
        return self.annotate(
            made_from_number=made_from, source_live_number=models.F("source__live_version__number")
        )

    def source_changed(self):
        """Translations whose source's live version is newer than the one they were made from:
        the queryset side of `Reviewable.source_changed()`, with the same numbers."""
        return (
            self.translations()
            .with_translation_numbers()
            .filter(source_live_number__gt=models.F("made_from_number"))
        )

    def up_to_date(self):
        """Translations whose source has published nothing newer since they were made."""
        return self.translations().exclude(pk__in=self.source_changed().values("pk"))


# Written only by services.perform / services.save_version (see Reviewable.save).
WORKFLOW_FIELDS = frozenset(
    {
        "status",
        "live_version",
        "live_signoff",
        "published_at",
        "first_published_at",
        "publish_at",
    }
)


class Address(models.Model):
    """Every address (slug, in one language) an object ever had: its claim and its redirects.

    A reviewed item claims the slug of each version it saves, so no other item of its kind can
    take it; once a version with that slug went live, the address answers a 301 to the item's
    current address for ever (straight there: no chain, no loop). Categories and reviewer
    profiles record theirs when they are saved.
    """

    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE, related_name="+")
    object_id = models.PositiveBigIntegerField()
    target = GenericForeignKey("content_type", "object_id")
    language = models.CharField(max_length=12, choices=languages, default=default_language)
    slug = models.SlugField(max_length=200)
    went_live = models.BooleanField(default=False)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name_plural = "addresses"
        constraints = [
            models.UniqueConstraint(
                fields=["content_type", "language", "slug"], name="unique_address"
            )
        ]
        indexes = [models.Index(fields=["content_type", "object_id"])]

    def __str__(self):
        return f"/{self.language}/…/{self.slug}/"

    @classmethod
    def claim(cls, obj, slug, *, went_live=False, language=None):
        """Record that `obj` uses `slug`; ValidationError when another object holds it."""
        content_type = ContentType.objects.get_for_model(obj)
        language = language or getattr(obj, "language", default_language())
        address, created = cls.objects.get_or_create(
            content_type=content_type,
            language=language,
            slug=slug,
            defaults={"object_id": obj.pk, "went_live": went_live},
        )
        if address.object_id != obj.pk:
            raise ValidationError(
                _("The address “%(slug)s” is or was used by another %(kind)s: choose another."),
                code="slug_taken",
                params={"slug": slug, "kind": obj._meta.verbose_name},
            )
        if went_live and not address.went_live:
            cls.objects.filter(pk=address.pk).update(went_live=True)
        return address

    @classmethod
    def taken(cls, model, language, slug, exclude_pk=None):
        """True when another object of `model` holds `slug` in `language`."""
        found = cls.objects.filter(
            content_type=ContentType.objects.get_for_model(model), language=language, slug=slug
        )
        if exclude_pk is not None:
            found = found.exclude(object_id=exclude_pk)
        return found.exists()


class ItemPart(PlainTextModel):
    """An ordered row of an item's signed content kept in a table of its own (a reference, an FAQ
    entry placed on an article).

    A concrete part declares two foreign keys: `item`, to the working copy it belongs to, and
    `version`, to the version it was frozen into (one of them is set). Saving a version copies the
    working copy's rows; the snapshot holds them too, so the fingerprint covers them, their order
    included. `snapshot_key` names them in the snapshot; `snapshot_fields` are their columns.
    """

    position = models.PositiveSmallIntegerField(default=0)

    snapshot_key = None
    snapshot_fields = ()

    class Meta:
        abstract = True
        ordering = ["position", "pk"]

    def snapshot_row(self):
        return {name: self.serializable(name) for name in self.snapshot_fields}

    def serializable(self, name):
        field = self._meta.get_field(name)
        return getattr(self, field.attname)

    @classmethod
    def from_snapshot_row(cls, row, position, **owner):
        values = {}
        for name in cls.snapshot_fields:
            values[cls._meta.get_field(name).attname] = row.get(name)
        return cls(position=position, **owner, **values)


class Reviewable(PlainTextModel):
    """Abstract base of every reviewed item.

    A concrete item declares `live_version` (a ForeignKey to its version model, whose ForeignKey
    back is `item`, related_name "versions"), `snapshot_fields` (the fields a reviewer signs, in
    the order the diff shows them) and `heading_field`. The base does the rest: the snapshot and
    its fingerprint, the version with its relational copies, restoring a snapshot, translations.
    """

    language = models.CharField(
        _("language"),
        max_length=12,
        choices=languages,
        default=default_language,
        db_index=True,
        help_text=_("The language of this text. A translation is an item of its own."),
    )
    source = recorded_link(
        "self",
        models.PROTECT,
        related_name="translations",
        help_text=_("The item this one is a translation of."),
    )
    translated_from = models.PositiveIntegerField(
        null=True,
        blank=True,
        editable=False,
        help_text=_("The version of the source that this translation was made from."),
    )
    status = models.CharField(
        max_length=20, choices=State.choices, default=State.DRAFT, editable=False, db_index=True
    )
    live_signoff = recorded_link(
        "review.SignOff",
        models.PROTECT,
        help_text=_("The latest sign-off of the live version: its approval or a later re-review."),
    )
    first_published_at = models.DateTimeField(
        null=True, blank=True, editable=False, help_text=_("When the item first went live.")
    )
    published_at = models.DateTimeField(
        null=True,
        blank=True,
        editable=False,
        help_text=_(
            "When the live version went live. Later than the first publication: 'Updated'."
        ),
    )
    publish_at = models.DateTimeField(
        _("publish at"),
        null=True,
        blank=True,
        editable=False,
        help_text=_("Set by a reviewer who schedules the approved version."),
    )
    lock_version = models.PositiveIntegerField(default=0, editable=False)
    created_by = recorded_link(settings.AUTH_USER_MODEL, models.SET_NULL)
    review_requested_from = recorded_link(
        settings.AUTH_USER_MODEL,
        models.SET_NULL,
        help_text=_("The reviewer asked by name at the latest submission; empty: any reviewer."),
    )
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    updated_at = models.DateTimeField(auto_now=True)
    addresses = GenericRelation(Address)

    objects = ReviewableQuerySet.as_manager()

    # Declared by concrete items.
    snapshot_fields = ()
    heading_field = "title"
    # What a reviewer's signature means, recorded in the sign-off (SignOff.Kind -> text).
    signoff_meanings = {
        "approval": "Medically reviewed and approved for publication",
        "reconfirmation": "Medically re-reviewed: content confirmed as current",
    }

    class Meta:
        abstract = True

    def __str__(self):
        return str(getattr(self, self.heading_field))

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
    def heading(self):
        return getattr(self, self.heading_field)

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
    def review_overdue(self):
        """True from the day after "Next review due" (the page says so to visitors)."""
        due = self.next_review_due
        return due is not None and due < timezone.localdate()

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

    # Translations.

    @property
    def translation_root(self):
        """The item every translation of this one was made from (itself when it is the source)."""
        return self.source if self.source_id else self

    def translation_group(self):
        """Every item of this kind that is this one in some language, this one included."""
        return type(self).objects.translation_group(self.source_id or self.pk)

    def translation_numbers(self):
        """(made from, source live): the number of the source's version this translation was
        made from, as recorded in its latest version (else on the item), and the source's live
        version's number (None when none); (None, None) for an item that is no translation.
        Read from `ReviewableQuerySet.with_translation_numbers()` when the item came from it."""
        if not self.source_id:
            return None, None
        if hasattr(self, "made_from_number"):
            return self.made_from_number, self.source_live_number
        head = self.head_version
        made_from = (head.content.get("translated_from") if head else self.translated_from) or 0
        source_live = self.source.live_version
        return made_from, source_live.number if source_live else None

    @property
    def made_from(self):
        return self.translation_numbers()[0]

    def source_changed(self):
        """True when the source's live version is newer than the one this translation was made
        from (`ReviewableQuerySet.source_changed()` is the same rule for a list)."""
        made_from, source_live = self.translation_numbers()
        return source_live is not None and made_from < source_live

    # The snapshot: what a reviewer signs.

    @classmethod
    def parts(cls):
        """The ItemPart models of this item: (accessor on the item, part model)."""
        found = []
        for rel in cls._meta.related_objects:
            model = rel.related_model
            if issubclass(model, ItemPart) and rel.field.name == "item":
                found.append((rel.get_accessor_name(), model))
        return sorted(found, key=lambda pair: pair[1].snapshot_key)

    @classmethod
    def has_tags(cls):
        return any(field.name == "tags" for field in cls._meta.get_fields())

    def content_snapshot(self):
        """Everything a reviewer signs off, as JSON: every field visitors could see."""
        data = {"language": self.language}
        for name in self.snapshot_fields:
            field = self._meta.get_field(name)
            data[name] = getattr(self, field.attname)
        if self.has_tags():
            data["tags"] = sorted(self.tags.names(), key=str.casefold)
        for accessor, part in self.parts():
            data[part.snapshot_key] = [row.snapshot_row() for row in getattr(self, accessor).all()]
        if self.source_id:
            data["translated_from"] = self.translated_from
        for media in registered_media():
            entry = media.snapshot(self)
            if entry:  # absent when the item shows none: its fingerprint is as it was
                data[media.key] = entry
        return data

    @classmethod
    def version_model(cls):
        return cls._meta.get_field("versions").related_model

    def create_version(self, *, number, snapshot, fingerprint, user, when):
        """Store `snapshot` as version `number`, with its relational copies and preparation."""
        version = self.new_version(
            number=number, snapshot=snapshot, fingerprint=fingerprint, user=user, when=when
        )
        version.save()
        self.store_version_copies([(self, version)])
        return version

    def new_version(self, *, number, snapshot, fingerprint, user, when):
        """The unsaved version `number` of `snapshot`: its columns and its preparation."""
        Version = self.version_model()
        columns = {}
        for name in self.snapshot_fields:
            field = Version._meta.get_field(name)
            columns[field.attname] = snapshot[name]
        return Version(
            item=self,
            number=number,
            content=snapshot,
            fingerprint=fingerprint,
            created_by=user,
            created_at=when,
            prepared=Version.prepare(snapshot),
            **columns,
        )

    @classmethod
    def store_version_copies(cls, pairs):
        """The relational copies of saved versions, [(item, version)]: the item's tags, its
        parts as the snapshot holds them, the search document. A statement per kind of copy,
        however many versions (a data set loaded at once), plus the search documents."""
        if cls.has_tags():
            through = cls.version_model()._meta.get_field("tags").remote_field.through
            through.objects.bulk_create(
                through(content_object=version, tag=tag)
                for item, version in pairs
                for tag in item.tags.all()
            )
        for _accessor, part in cls.parts():
            part.objects.bulk_create(
                part.from_snapshot_row(row, position, version=version)
                for _item, version in pairs
                for position, row in enumerate(version.content[part.snapshot_key], start=1)
            )
        for _item, version in pairs:
            version.store_search_document()

    def apply_snapshot(self, snapshot):
        """Put a version's content back into the working copy (restore as a new draft)."""
        for name in self.snapshot_fields:
            setattr(self, self._meta.get_field(name).attname, snapshot.get(name))
        if self.source_id:
            self.translated_from = snapshot.get("translated_from")
        self.lock_version += 1
        self.save()
        if self.has_tags():
            self.tags.set(snapshot.get("tags", []), tag_kwargs={"language": self.language})
        for accessor, part in self.parts():
            getattr(self, accessor).all().delete()
            part.objects.bulk_create(
                part.from_snapshot_row(row, position, item=self)
                for position, row in enumerate(snapshot.get(part.snapshot_key, []), start=1)
            )


def reviewable_models():
    """Every installed concrete model reviewed through this workflow.

    The one place commands and checks find them, so a new kind of reviewed item needs no
    change here.
    """
    return [model for model in apps.get_models() if issubclass(model, Reviewable)]


class ReviewedCategory(PlainTextModel):
    """Abstract base of a category of reviewed items (INVAblog and FAQ categories).

    One row per language, like the items: a translation knows its source. Its review interval,
    when set, overrides the site default for the items in it. Every slug it had answers a 301.
    """

    language = models.CharField(
        _("language"), max_length=12, choices=languages, default=default_language, db_index=True
    )
    source = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="translations",
        help_text=_("The category this one translates (for the language switch)."),
    )
    name = models.CharField(max_length=200)
    slug = models.SlugField(max_length=200)
    description = models.TextField(blank=True)
    order = models.PositiveIntegerField(default=0)
    review_interval_months = models.PositiveSmallIntegerField(
        null=True,
        blank=True,
        help_text=_("Months from a sign-off to the next review due. Empty: the site default (12)."),
    )
    addresses = GenericRelation(Address)

    objects = TranslatedQuerySet.as_manager()

    class Meta:
        abstract = True
        ordering = ["order", "name"]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = slugify(self.name) or f"category-{self.order}"
        super().save(*args, **kwargs)
        Address.claim(self, self.slug, went_live=True)

    def translation_group(self):
        """This category in every language it exists in, itself included."""
        return type(self).objects.translation_group(self.source_id or self.pk)

    def clean(self):
        if self.slug and Address.taken(type(self), self.language, self.slug, self.pk):
            raise ValidationError({"slug": _("Another category has or had this address.")})


class Version(models.Model):
    """Abstract base of an immutable snapshot of an item's content.

    `content` holds the full snapshot (JSON) that `fingerprint` hashes; concrete models add the
    relational copies visitors' queries need, one column per `snapshot_fields` entry of the item,
    and `verify()` checks each against the snapshot. `prepared` is what the renderer derives from
    the snapshot (sanitised HTML with heading ids, table of contents, word count, and the figures
    of the images it signed), made once per version and made again when the renderer changes
    (`renderer()`: `richtext.RENDERER` and the registered media's).
    """

    number = models.PositiveIntegerField()
    content = models.JSONField()
    fingerprint = models.CharField(max_length=64)
    prepared = models.JSONField(default=dict, editable=False)
    search_vector = SearchVectorField(null=True, editable=False)
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
        if self.pk is not None:
            raise ValidationError("A version is immutable once saved.")
        super().save(*args, **kwargs)

    @classmethod
    def item_model(cls):
        return cls._meta.get_field("item").related_model

    @classmethod
    def rich_text_fields(cls):
        item = cls.item_model()
        return [
            name
            for name in item.snapshot_fields
            if isinstance(item._meta.get_field(name), richtext.RichTextField)
        ]

    @classmethod
    def prepare(cls, content):
        """The renderer's output for a snapshot: for each rich-text field, its prepared HTML,
        completed by the registered media (figures in place of library images)."""
        prepared = {"renderer": renderer()}
        for name in cls.rich_text_fields():
            prepared[name] = richtext.prepare(content.get(name) or "").as_dict()
        for media in registered_media():
            media.prepare(cls.item_model(), content, prepared)
        return prepared

    @property
    def rich(self):
        """The prepared rich-text fields, for templates: `version.rich.body.safe_html`."""
        return PreparedFields(self)

    def preparation(self):
        """The stored preparation (see prepare), made again first if another renderer made it.

        Made again, it is stored in the database only: a request never writes a file.
        """
        if self.prepared.get("renderer") != renderer():
            self.prepared = self.prepare(self.content)
            if self.pk is not None:
                type(self).objects.filter(pk=self.pk).update(prepared=self.prepared)
        return self.prepared

    def rendered(self, name):
        """The prepared rich text `name` (richtext.Prepared), made again for a newer renderer."""
        return richtext.Prepared.from_dict(self.preparation()[name])

    def mismatches(self):
        """The names of whatever visitors are shown that no longer matches the signed snapshot:
        the snapshot against its fingerprint, each column, tag and part against the snapshot,
        and the prepared HTML against what the renderer makes of the snapshot."""
        if fingerprint(self.content) != self.fingerprint:
            return ["content"]
        problems = []
        item = self.item_model()
        for name in item.snapshot_fields:
            attname = self._meta.get_field(name).attname
            if getattr(self, attname) != self.content.get(name):
                problems.append(name)
        if item.has_tags():
            names = sorted(self.tags.names(), key=str.casefold)
            if names != self.content.get("tags"):
                problems.append("tags")
        for _accessor, part in item.parts():
            rows = [row.snapshot_row() for row in part.objects.filter(version=self)]
            if rows != self.content.get(part.snapshot_key):
                problems.append(part.snapshot_key)
        if self.prepared.get("renderer") == renderer():
            if self.prepared != self.prepare(self.content):
                problems.append("prepared")
        return problems

    def verify(self):
        """True when everything visitors are shown of this version is what was signed."""
        return not self.mismatches()

    @classmethod
    def search_text(cls, content, name):
        """A snapshot field as the plain text search indexes, with the language's case rules."""
        value = content.get(name) or ""
        if name in cls.rich_text_fields():
            value = richtext.plain_text(value)
        return searchable(value, content.get("language"))

    @classmethod
    def search_weights(cls):
        """(snapshot field, weight) of the search document: the heading first."""
        item = cls.item_model()
        weights = [(item.heading_field, "A")]
        for name in item.snapshot_fields:
            if name in ("summary",):
                weights.append((name, "B"))
            elif name in cls.rich_text_fields():
                weights.append((name, "C"))
        return weights

    def search_document(self):
        config = search_config(self.content.get("language"))
        vector = None
        for name, weight in self.search_weights():
            part = SearchVector(
                models.Value(self.search_text(self.content, name)), config=config, weight=weight
            )
            vector = part if vector is None else vector + part
        return vector

    def search_heading(self):
        heading = self.item_model().heading_field
        return SearchVector(
            models.Value(self.search_text(self.content, heading)),
            config=search_config(self.content.get("language")),
        )

    def store_search_document(self):
        """Write the search vector once (a version never changes). PostgreSQL only."""
        if connection.vendor == "postgresql":
            type(self).objects.filter(pk=self.pk).update(search_vector=self.search_document())


class PreparedFields:
    """Attribute access to a version's prepared rich-text fields (see Version.rich)."""

    def __init__(self, version):
        self.version = version

    def __getattr__(self, name):
        if name.startswith("_") or name not in self.version.rich_text_fields():
            raise AttributeError(name)
        return self.version.rendered(name)


class LiveDocument(models.Model):
    """What search reads of a live item: one narrow row per live article or FAQ entry.

    The live version's stored document (its `search_vector`) and its heading (title, question)
    as tsvectors, with its language and when the item first went live: the search picks and
    ranks its candidates from this one table (invamed/site/search.py) without reading the items'
    or the versions' wide rows.

    Derived data, written only where an item's live version changes, in the same transaction
    (services.perform), and rebuilt by `refresh()` after a bulk load. It never decides what is
    public: a search page's results are read from `published()` items only. PostgreSQL only.
    """

    # No index of its own: the unique constraint's (item_type, item_id) serves.
    item_type = models.ForeignKey(
        ContentType, on_delete=models.CASCADE, related_name="+", db_index=False
    )
    item_id = models.PositiveBigIntegerField()
    item = GenericForeignKey("item_type", "item_id")
    language = models.CharField(max_length=12, default=default_language)
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
        versions: a row for each live item, none for the others."""
        if connection.vendor != "postgresql":
            return
        item_type = ContentType.objects.get_for_model(model)
        rows = cls.objects.filter(item_type=item_type)
        items = model.objects.published()
        if pks is not None:
            rows, items = rows.filter(item_id__in=pks), items.filter(pk__in=pks)
        rows.delete()
        versions = model.version_model()
        live = {
            version.pk: version
            for version in versions.objects.filter(pk__in=items.values("live_version")).only(
                "pk", "content"
            )
        }
        cls.objects.bulk_create(
            cls(
                item_type=item_type,
                item_id=pk,
                language=language,
                version_id=version,
                first_published_at=first,
                heading=live[version].search_heading(),
            )
            for pk, language, version, first in items.values_list(
                "pk", "language", "live_version", "first_published_at"
            )
        )
        live_version = versions.objects.filter(pk=OuterRef("version_id"))
        rows.update(document=Subquery(live_version.values("search_vector")))


class SignOff(models.Model):
    """An electronic signature of a reviewer on one exact version of an item.

    The reviewer re-enters their password to sign. The record keeps the signer's name and
    credentials as they were at signing, what the signature means (medical or regulatory
    review), the language of the signed text, and the fingerprint of the signed content. It is
    never changed after it is written.
    """

    class Kind(models.TextChoices):
        APPROVAL = "approval", _("Approval")
        RECONFIRMATION = "reconfirmation", _("Re-review confirmation")

    item_type = models.ForeignKey(ContentType, on_delete=models.PROTECT, related_name="+")
    item_id = models.PositiveBigIntegerField()
    item = GenericForeignKey("item_type", "item_id")
    language = models.CharField(max_length=12, default=default_language)
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
        verbose_name = _("sign-off")

    def __str__(self):
        return f"{self.signer_name} signed v{self.version_number} on {self.signed_at:%Y-%m-%d}"

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise ValidationError("A sign-off cannot be changed once recorded.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise ValidationError("A sign-off cannot be deleted.")

    def digest(self):
        """SHA-256 of what was signed, by whom, when, in which language and with what meaning.

        The audit event that records the sign-off carries this digest in its own hash, so a
        sign-off changed behind the application's back (a moved date, another signer) breaks
        the audit chain too.
        """
        data = {
            "item_type_id": self.item_type_id,
            "item_id": self.item_id,
            "language": self.language,
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
        return hashlib.sha256(canonical_json(data).encode("utf-8")).hexdigest()

    @property
    def is_medical(self):
        return self.meaning.startswith("Medically")

    @property
    def reviewer_profile(self):
        """The reviewer's public profile, or None (then the name is shown without a link)."""
        profile = getattr(self.reviewer, "reviewer_profile", None)
        return profile if profile is not None and profile.is_public else None


class ReviewReminder(models.Model):
    """That reviewers were told of a live item's review falling due, being overdue, or the item
    being withdrawn for it: once per sign-off and stage. A re-review is a new sign-off, so it
    starts every stage again."""

    class Stage(models.TextChoices):
        DUE_SOON = "due_soon", _("Due for re-review")
        OVERDUE = "overdue", _("Review overdue")
        EXPIRED = "expired", _("Withdrawn: review overdue")

    signoff = models.ForeignKey(SignOff, on_delete=models.PROTECT, related_name="reminders")
    stage = models.CharField(max_length=20, choices=Stage.choices)
    sent_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["signoff", "stage"], name="one_reminder_per_stage")
        ]

    def __str__(self):
        return f"{self.get_stage_display()}: {self.signoff}"


class ReviewEvent(models.Model):
    """The audit record: one row per transition or saved version, append-only, hash-chained.

    Each row carries the hash of the row before it, so an edit made behind the application's
    back is found by `manage.py verify_audit_chain`; the chain's head (AuditHead), written in the
    same transaction as each row, finds rows removed from the end.
    """

    item_type = models.ForeignKey(ContentType, on_delete=models.PROTECT, related_name="+")
    item_id = models.PositiveBigIntegerField()
    item = GenericForeignKey("item_type", "item_id")
    item_repr = models.CharField(_("item"), max_length=300)
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
        verbose_name = _("audit record")
        verbose_name_plural = _("audit record")

    def __str__(self):
        return f"{self.created_at:%Y-%m-%d %H:%M} {self.actor_name}: {self.action} {self.item_repr}"

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise ValidationError("The audit record is append-only.")
        with transaction.atomic():
            head = self.chain([self])
            super().save(*args, **kwargs)
            AuditHead.objects.filter(pk=head.pk).update(
                hash=self.hash, length=head.length + 1, last_event_id=self.pk
            )

    @classmethod
    def chain(cls, events):
        """Link unsaved `events`, in order, after the record's head, under the audit lock
        (held until the transaction ends); returns the head they follow."""
        _lock_audit_chain()
        head = AuditHead.current()
        prev_hash = head.hash
        for event in events:
            event.prev_hash = prev_hash
            event.hash = prev_hash = event.compute_hash()
        return head

    @classmethod
    @transaction.atomic
    def append(cls, events):
        """Append unsaved `events` in order, in one statement (a data set loaded at once)."""
        events = list(events)
        if not events:
            return []
        if any(event.pk is not None for event in events):
            raise ValidationError("The audit record is append-only.")
        head = cls.chain(events)
        saved = cls.objects.bulk_create(events)
        AuditHead.objects.filter(pk=head.pk).update(
            hash=saved[-1].hash, length=head.length + len(saved), last_event_id=saved[-1].pk
        )
        return saved

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


class AuditHead(models.Model):
    """The audit chain's head: the hash and length of the record after its latest row.

    Written in the transaction that appends each row (under the same lock), so removing rows
    from the end of the record, which no later row would notice, no longer matches the head.
    """

    hash = models.CharField(max_length=64, blank=True)
    length = models.PositiveBigIntegerField(default=0)
    last_event_id = models.PositiveBigIntegerField(null=True, blank=True)

    class Meta:
        verbose_name = _("audit chain head")

    def __str__(self):
        return f"{self.length} rows, head {self.hash[:12]}"

    @classmethod
    def current(cls):
        head, _created = cls.objects.get_or_create(pk=1)
        return head


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

    Returns (rows found intact, None) when every row's hash matches its content, links to the
    row before it, and the last one is the recorded head; else (rows intact before the problem,
    a message naming it). A changed row no longer matches its hash; a removed row leaves the
    next one pointing at a hash that is not the previous row's; rows removed from the end leave
    the head pointing past the last row. A sign-off without its audit row is reported as well.
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
    head = AuditHead.objects.filter(pk=1).first()
    if head is not None and (head.hash != prev_hash or head.length != count):
        return count, (
            f"the audit record ends after {count} rows, but its head records {head.length} rows "
            "(rows were removed from the end)"
        )
    if head is None and count:
        return count, "the audit record has rows but no head (the head was removed)"
    orphan = SignOff.objects.filter(events__isnull=True).order_by("id").first()
    if orphan is not None:
        return count, f"sign-off {orphan.pk}: has no audit row (the row was removed)"
    return count, None


def verify_live_versions():
    """Every live version whose visible content no longer matches its signed snapshot:
    [(model label, item pk, version number, [what differs])]."""
    problems = []
    for model in reviewable_models():
        versions = model.version_model().objects.filter(
            pk__in=model.objects.published().values("live_version")
        )
        for version in versions.select_related("item").order_by("pk").iterator(chunk_size=200):
            mismatches = version.mismatches()
            if mismatches:
                problems.append((model._meta.label, version.item_id, version.number, mismatches))
    return problems


class ReviewerProfileQuerySet(models.QuerySet):
    def public(self):
        return self.filter(is_public=True)


class ReviewerProfile(PlainTextModel):
    """A reviewer's public face: name, credentials, affiliation, role, bio, declared interests.

    Only what is here, and only when `is_public` is set, is shown to visitors; never the
    e-mail address or the username. The texts a reader reads in their language (role, bio)
    have a version per language (ReviewerProfileText). Every slug it had answers a 301.
    """

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="reviewer_profile"
    )
    name = models.CharField(max_length=200, help_text=_("As shown on pages, e.g. 'Dr Ayşe Demir'."))
    slug = models.SlugField(max_length=200, blank=True, help_text=_("The profile's address."))
    credentials = models.CharField(
        max_length=200, blank=True, help_text=_("e.g. 'MD, interventional radiology'.")
    )
    is_public = models.BooleanField(
        _("public profile"),
        default=True,
        help_text=_("Shown to visitors and linked from sign-offs."),
    )
    addresses = GenericRelation(Address)

    objects = ReviewerProfileQuerySet.as_manager()

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = self.free_slug(slugify(self.name) or f"reviewer-{self.user_id}")
        super().save(*args, **kwargs)
        Address.claim(self, self.slug, went_live=True, language=default_language())

    def get_absolute_url(self):
        return reverse("reviewer-profile", kwargs={"slug": self.slug})

    def clean(self):
        if self.slug and Address.taken(type(self), default_language(), self.slug, self.pk):
            raise ValidationError({"slug": _("Another profile has or had this address.")})

    def free_slug(self, base):
        """`base`, or `base-2`, `base-3`… when another profile has or had it."""
        slug, n = base, 2
        while Address.taken(type(self), default_language(), slug, self.pk):
            slug, n = f"{base}-{n}", n + 1
        return slug

    def url_in(self, language):
        return reverse_in(language, "reviewer-profile", slug=self.slug)

    @cached_property
    def texts_by_language(self):
        """{language: the profile's texts in it}, read once for this instance."""
        return {text.language: text for text in self.texts.all()}

    def text(self, language):
        """The profile's texts in `language`, else in the site's default language, else empty."""
        texts = self.texts_by_language
        return texts.get(language) or texts.get(default_language()) or ReviewerProfileText()


class ReviewerProfileText(PlainTextModel):
    """What a reviewer's profile says in one language: role, affiliation, bio, interests."""

    profile = models.ForeignKey(ReviewerProfile, on_delete=models.CASCADE, related_name="texts")
    language = models.CharField(max_length=12, choices=languages, default=default_language)
    role = models.CharField(max_length=200, blank=True, help_text=_("e.g. 'Medical Affairs lead'."))
    affiliation = models.CharField(
        max_length=300, blank=True, help_text=_("e.g. 'INVAMED Medical Affairs, Ankara'.")
    )
    bio = models.TextField(blank=True, help_text=_("A short paragraph, plain text."))
    declaration = models.TextField(
        _("declaration of interests"),
        default="",
        help_text=_("Required: the reviewer's financial and other interests, or 'None declared'."),
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["profile", "language"], name="unique_profile_text")
        ]

    def __str__(self):
        return f"{self.profile} ({self.language})"
