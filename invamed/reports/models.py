"""
Reports from visitors: "something on this page is wrong".

A report names the reviewed item it is about the way the audit record does (its content type
and id, a generic foreign key), and the live version it was sent against (number and
fingerprint), so a reviewer reads exactly the text the visitor read, even after the item moved
on. This app knows no content app: the site layer finds the item and hands it over.

What a visitor writes is shown to reviewers in the admin only, never on a public page.
"""

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from invamed.fields import recorded_link
from invamed.text import PlainTextModel

MAX_MESSAGE_LENGTH = 4000


class ReportQuerySet(models.QuerySet):
    def unresolved(self):
        return self.filter(resolved_at__isnull=True)

    def sent_from(self, client, since):
        """Reports sent from the address whose digest is `client` since `since`."""
        return self.filter(client=client, created_at__gte=since)


class Report(PlainTextModel):
    item_type = models.ForeignKey(ContentType, on_delete=models.PROTECT, related_name="+")
    item_id = models.PositiveBigIntegerField()
    item = GenericForeignKey("item_type", "item_id")
    item_repr = models.CharField(_("page"), max_length=300)
    language = models.CharField(_("language"), max_length=12)
    version_number = models.PositiveIntegerField(_("live version"))
    fingerprint = models.CharField(max_length=64)
    message = models.TextField(_("what is wrong"), max_length=MAX_MESSAGE_LENGTH)
    email = models.EmailField(_("e-mail"), blank=True)
    is_professional = models.BooleanField(_("healthcare professional"), default=False)
    # A keyed digest of the sender's address, never the address itself: enough to count the
    # reports of one address (the rate limit's fallback), nothing to identify the visitor by.
    client = models.CharField(max_length=64, editable=False, db_index=True)
    created_at = models.DateTimeField(_("sent"), default=timezone.now, db_index=True)
    resolved_at = models.DateTimeField(_("resolved"), null=True, blank=True, editable=False)
    resolved_by = recorded_link(settings.AUTH_USER_MODEL, models.PROTECT)
    resolution_note = models.TextField(_("resolution note"), blank=True)

    objects = ReportQuerySet.as_manager()

    class Meta:
        # Unresolved first (a null resolution sorts first), newest first within each.
        ordering = [models.F("resolved_at").asc(nulls_first=True), "-created_at", "-pk"]
        indexes = [models.Index(fields=["item_type", "item_id"])]
        verbose_name = _("report")
        verbose_name_plural = _("reports")

    def __str__(self):
        return f"{self.item_repr} (version {self.version_number}), {self.created_at:%Y-%m-%d}"

    @property
    def is_resolved(self):
        return self.resolved_at is not None
