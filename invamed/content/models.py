"""
Site-wide records that INVAblog and the FAQ both use: authors (people or teams), tags (one
vocabulary per language), the standard notices (regulatory notice, audience disclaimer) and the
site's own pages (editorial policy, privacy and legal notices, contact).

Notices and site pages are regulatory text, reviewed through the same workflow as the articles
they stand on (invamed.review): versions, four eyes, a sign-off that says "regulatory review",
audit rows; visitors see their live versions only. None of their texts lives in code.

And the content generation, the number of what visitors see, which the page cache goes by.
"""

import time

from django.db import connections, models, router, transaction
from django.db.models import F, Value
from django.db.models.functions import Greatest, Lower
from django.utils.translation import gettext_lazy as _
from taggit.managers import TaggableManager
from taggit.models import ItemBase, TagBase

from invamed.fields import recorded_link
from invamed.review.models import (
    Reviewable,
    ReviewableQuerySet,
    Version,
    default_language,
    languages,
    reverse_in,
)
from invamed.richtext import RichTextField
from invamed.text import PlainTextModel, clean_text, slugify

REGULATORY_MEANINGS = {
    "approval": "Regulatory review: approved for publication",
    "reconfirmation": "Regulatory re-review: confirmed as current",
}


class Author(PlainTextModel):
    """The author credit of an article: a person or a team ("INVAMED Medical Affairs").

    It is never the reviewer: the reviewer credit comes from the recorded sign-off.
    """

    name = models.CharField(_("name"), max_length=200)
    slug = models.SlugField(max_length=200, unique=True)
    is_team = models.BooleanField(
        _("team"), default=False, help_text=_("A team or department rather than a single person.")
    )
    job_title = models.CharField(_("job title"), max_length=200, blank=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("author")

    def __str__(self):
        return self.name


class Tag(TagBase):
    """A tag in one language: a Turkish tag page lists Turkish items.

    Names are unique per language whatever their case; the slug is an ASCII transliteration of
    the name, or a stable one of its own for a name made only of symbols ("±", "✓").
    """

    name = models.CharField(_("name"), max_length=100)
    slug = models.SlugField(_("slug"), max_length=100)
    language = models.CharField(
        _("language"), max_length=12, choices=languages, default=default_language, db_index=True
    )

    class Meta:
        ordering = ["name"]
        verbose_name = _("tag")
        verbose_name_plural = _("tags")
        constraints = [
            models.UniqueConstraint(Lower("name"), "language", name="unique_tag_name"),
            models.UniqueConstraint(fields=["language", "slug"], name="unique_tag_slug"),
        ]

    def save(self, *args, **kwargs):
        self.name = self.clean_name(self.name)
        super().save(*args, **kwargs)

    @staticmethod
    def clean_name(name):
        """A tag's name as stored: control characters and runs of spaces made one space."""
        return " ".join(clean_text(name).split())

    def slugify(self, tag, i=None):
        slug = slugify(tag, fallback_prefix="tag")[:90]
        return f"{slug}-{i}" if i is not None else slug

    def get_absolute_url(self):
        return reverse_in(self.language, "tag", slug=self.slug)


class TaggedItem(ItemBase):
    """Abstract through model from a working copy to its tags."""

    tag = models.ForeignKey(
        Tag, related_name="%(app_label)s_%(class)s_items", on_delete=models.CASCADE
    )

    class Meta:
        abstract = True


class TaggedVersion(ItemBase):
    """Abstract through model from a version to the tags it was signed with. A tag that a
    signed version shows cannot be deleted (PROTECT)."""

    tag = models.ForeignKey(
        Tag, related_name="%(app_label)s_%(class)s_items", on_delete=models.PROTECT
    )

    class Meta:
        abstract = True


class LanguageTaggableManager(TaggableManager):
    """taggit's manager, whose form field finds and creates tags in the item's own language."""

    def save_form_data(self, instance, value):
        names = {}
        for name in value:
            names.setdefault(Tag.clean_name(name).casefold(), Tag.clean_name(name))
        getattr(instance, self.name).set(
            [name for name in names.values() if name], tag_kwargs={"language": instance.language}
        )


class NoticeQuerySet(ReviewableQuerySet):
    def regulatory(self):
        return self.filter(kind=Notice.Kind.REGULATORY)

    def default_for(self, kind, language=None):
        """The default notice of `kind` that editors start from (not what visitors see)."""
        found = self.filter(kind=kind, is_default=True)
        if language is not None:
            found = found.filter(language=language)
        return found.first()

    def disclaimer(self, language):
        """The live audience disclaimer in `language`, shown on every article and FAQ page."""
        return (
            self.published()
            .filter(kind=Notice.Kind.DISCLAIMER, language=language)
            .select_related("live_version")
            .first()
        )


class Notice(Reviewable):
    """A standard text shown on content pages: the regulatory notice or the audience disclaimer.

    An article or FAQ entry names its regulatory notice in its signed version; visitors see the
    notice's own live version. There is one audience disclaimer per language, shown on every
    article and FAQ page once it is live. `is_default` only pre-fills new articles.
    """

    class Kind(models.TextChoices):
        REGULATORY = "regulatory", _("Regulatory notice")
        DISCLAIMER = "disclaimer", _("Audience disclaimer")

    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    name = models.CharField(
        _("name"), max_length=200, help_text=_("For editors only; not shown to visitors.")
    )
    heading = models.CharField(
        _("heading"), max_length=200, help_text=_("Shown above the text on the page.")
    )
    text = RichTextField(_("text"))
    is_default = models.BooleanField(
        _("default"),
        default=False,
        help_text=_("The notice new articles start with (one per kind and language)."),
    )
    live_version = recorded_link("NoticeVersion", models.PROTECT)

    snapshot_fields = ("kind", "name", "heading", "text")
    heading_field = "name"
    signoff_meanings = REGULATORY_MEANINGS

    objects = NoticeQuerySet.as_manager()

    class Meta:
        ordering = ["kind", "name"]
        verbose_name = _("notice")
        constraints = [
            models.UniqueConstraint(
                fields=["kind", "language"],
                condition=models.Q(is_default=True),
                name="one_default_per_kind",
            ),
            models.UniqueConstraint(
                fields=["language"],
                condition=models.Q(kind="disclaimer"),
                name="one_disclaimer_per_language",
            ),
        ]

    def __str__(self):
        return f"{self.name} ({self.get_kind_display()}, {self.language})"

    def get_absolute_url(self):
        return reverse_in(self.language, "notice", pk=self.pk)


class NoticeVersion(Version):
    item = models.ForeignKey(Notice, on_delete=models.CASCADE, related_name="versions")
    kind = models.CharField(max_length=20, choices=Notice.Kind.choices)
    name = models.CharField(max_length=200)
    heading = models.CharField(max_length=200)
    text = models.TextField()

    class Meta(Version.Meta):
        verbose_name = _("notice version")
        constraints = [
            models.UniqueConstraint(fields=["item", "number"], name="unique_notice_version")
        ]


class SitePageQuerySet(ReviewableQuerySet):
    def live(self, kind, language):
        """The live page of `kind` in `language`, with what its page shows (a queryset of
        one row at most; one page per kind and language)."""
        return (
            self.published()
            .filter(kind=kind, language=language)
            # The sign-off links its reviewer's public profile.
            .select_related("live_version", "live_signoff__reviewer__reviewer_profile")
        )


class SitePage(Reviewable):
    """A page of the site about the site: the editorial policy, the privacy and legal notices,
    how to contact Medical Affairs. One per kind and language, reviewed like the notices."""

    class Kind(models.TextChoices):
        EDITORIAL_POLICY = "editorial-policy", _("Editorial policy")
        PRIVACY = "privacy", _("Privacy notice")
        LEGAL = "legal", _("Legal notice")
        CONTACT = "contact", _("Contact")

    kind = models.CharField(_("kind"), max_length=30, choices=Kind.choices)
    title = models.CharField(_("title"), max_length=200)
    summary = models.TextField(_("summary"), blank=True)
    body = RichTextField(_("body"))
    live_version = recorded_link("SitePageVersion", models.PROTECT)

    snapshot_fields = ("kind", "title", "summary", "body")
    heading_field = "title"
    signoff_meanings = REGULATORY_MEANINGS

    objects = SitePageQuerySet.as_manager()

    class Meta:
        verbose_name = _("site page")
        ordering = ["kind", "language"]
        constraints = [
            models.UniqueConstraint(fields=["kind", "language"], name="one_site_page_per_language")
        ]

    def get_absolute_url(self):
        return reverse_in(self.language, self.kind)


class SitePageVersion(Version):
    item = models.ForeignKey(SitePage, on_delete=models.CASCADE, related_name="versions")
    kind = models.CharField(max_length=30, choices=SitePage.Kind.choices)
    title = models.CharField(max_length=200)
    summary = models.TextField(blank=True)
    body = models.TextField()

    class Meta(Version.Meta):
        verbose_name = _("site page version")
        constraints = [
            models.UniqueConstraint(fields=["item", "number"], name="unique_site_page_version")
        ]


class ContentGeneration(models.Model):
    """The number of what visitors see, in one row: the page cache serves a stored page only
    while this is still the number it was rendered under (invamed/cache.py).

    `move()` runs in the transaction of the change it announces, so the number moves exactly
    when that change commits, or not at all. A new number is at least the clock in
    milliseconds: none is ever used twice, also after a restore of an older backup or with the
    row deleted, while pages stored under later numbers may still be in the shared cache.
    """

    CHANNEL = "invamed_content_generation"  # PostgreSQL's NOTIFY channel for each move

    value = models.BigIntegerField()

    def __str__(self):
        return str(self.value)

    @classmethod
    def current(cls):
        """The current number (one query), made now when there is none yet."""
        value = cls.objects.filter(pk=1).values_list("value", flat=True).first()
        if value is None:
            value = cls.objects.get_or_create(pk=1, defaults={"value": _clock_ms()})[0].value
        return value

    @classmethod
    def move(cls):
        """Take a new number in the current transaction and return it. On PostgreSQL every
        process that listens on CHANNEL is sent the number when the transaction commits."""
        alias = router.db_for_write(cls)
        new = Greatest(F("value") + 1, Value(_clock_ms(), output_field=models.BigIntegerField()))
        with transaction.atomic(using=alias, savepoint=False):
            if not cls.objects.filter(pk=1).update(value=new):
                cls.current()
                cls.objects.filter(pk=1).update(value=new)
            if connections[alias].vendor != "postgresql":
                return cls.current()
            with connections[alias].cursor() as cursor:
                cursor.execute(
                    f"SELECT value, pg_notify(%s, value::text) FROM {cls._meta.db_table} "  # noqa: S608
                    "WHERE id = 1",
                    [cls.CHANNEL],
                )
                return cursor.fetchone()[0]


def _clock_ms():
    return int(time.time() * 1000)
