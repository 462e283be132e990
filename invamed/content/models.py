"""
Site-wide records that both INVAblog and the FAQ use: authors (people or teams), the standard
notices (regulatory notice, audience disclaimer) and the editorial policy page. Site
administrators edit them in the admin; none of their texts lives in code. And the content
generation, the number of what visitors see, which the page cache goes by.
"""

import time

from django.db import connections, models, router, transaction
from django.db.models import F, Value
from django.db.models.functions import Greatest
from django.urls import reverse

from invamed.richtext import RichTextField


class Author(models.Model):
    """The author credit of an article: a person or a team ("INVAMED Medical Affairs").

    It is never the reviewer: the reviewer credit comes from the recorded sign-off.
    """

    name = models.CharField(max_length=200)
    slug = models.SlugField(max_length=200, unique=True)
    is_team = models.BooleanField(
        "team", default=False, help_text="A team or department rather than a single person."
    )
    job_title = models.CharField(max_length=200, blank=True)

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name


class NoticeQuerySet(models.QuerySet):
    def regulatory(self):
        return self.filter(kind=Notice.Kind.REGULATORY)

    def default_for(self, kind):
        return self.filter(kind=kind, is_default=True).first()


class Notice(models.Model):
    """A standard text shown on content pages: the regulatory notice or the audience disclaimer.

    Each kind has at most one default. New articles get the default regulatory notice and may
    pick another one or none; the default disclaimer is shown on every article and FAQ page.
    """

    class Kind(models.TextChoices):
        REGULATORY = "regulatory", "Regulatory notice"
        DISCLAIMER = "disclaimer", "Audience disclaimer"

    kind = models.CharField(max_length=20, choices=Kind.choices)
    name = models.CharField(max_length=200, help_text="For editors only; not shown to visitors.")
    heading = models.CharField(max_length=200, help_text="Shown above the text on the page.")
    text = RichTextField()
    is_default = models.BooleanField(
        "default", default=False, help_text="The default of its kind (one per kind)."
    )

    objects = NoticeQuerySet.as_manager()

    class Meta:
        ordering = ["kind", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["kind"], condition=models.Q(is_default=True), name="one_default_per_kind"
            )
        ]

    def __str__(self):
        return f"{self.name} ({self.get_kind_display()})"


class EditorialPolicyQuerySet(models.QuerySet):
    def published(self):
        return self.filter(is_published=True)


class EditorialPolicy(models.Model):
    """The public editorial policy: how content is written, reviewed, dated and corrected.

    Visitors see the latest published policy at /editorial-policy/; every "Reviewed by" line
    and the footer link there.
    """

    title = models.CharField(max_length=200, default="Editorial policy")
    summary = models.TextField(blank=True)
    body = RichTextField()
    is_published = models.BooleanField("published", default=False)
    updated_at = models.DateTimeField(auto_now=True)

    objects = EditorialPolicyQuerySet.as_manager()

    class Meta:
        verbose_name_plural = "editorial policy"
        ordering = ["-updated_at"]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("editorial-policy")


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
