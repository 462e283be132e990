"""
Site-wide records that both INVAblog and the FAQ use: authors (people or teams), the standard
notices (regulatory notice, audience disclaimer) and the editorial policy page. Site
administrators edit them in the admin; none of their texts lives in code.
"""

from django.db import models
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
