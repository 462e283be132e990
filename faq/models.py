"""
Frequently asked questions: medical content reviewed through the same workflow as articles
(invamed.review), shown on the FAQ pages and inside any number of articles.

The FAQ knows articles (an entry can be placed on an article); INVAblog knows nothing of the
FAQ. Where an article shows its FAQ entries is part of the article's signed version
(`Placement`, one of the article's parts).
"""

from django.db import models
from django.utils.translation import gettext_lazy as _

from blog.models import Article, ArticleVersion
from invamed.content.models import LanguageTaggableManager, Notice, TaggedItem, TaggedVersion
from invamed.fields import recorded_link
from invamed.review.models import (
    ItemPart,
    Reviewable,
    ReviewableQuerySet,
    ReviewedCategory,
    Version,
    reverse_in,
)
from invamed.richtext import RichTextField


class FAQCategory(ReviewedCategory):
    class Meta(ReviewedCategory.Meta):
        verbose_name = _("FAQ category")
        verbose_name_plural = _("FAQ categories")
        constraints = [
            models.UniqueConstraint(fields=["language", "slug"], name="unique_faq_category_slug")
        ]

    def get_absolute_url(self):
        return reverse_in(self.language, "faq:category", slug=self.slug)


class TaggedEntry(TaggedItem):
    content_object = models.ForeignKey("Entry", on_delete=models.CASCADE)


class TaggedEntryVersion(TaggedVersion):
    content_object = models.ForeignKey("EntryVersion", on_delete=models.CASCADE)


class EntryQuerySet(ReviewableQuerySet):
    def published(self):
        return (
            super()
            .published()
            .select_related("live_version__category")
            # Visitors see the live version: not the working copy, nor the JSON snapshot, nor
            # the search document (read only by the database).
            .defer("answer", "live_version__content", "live_version__search_vector")
            .order_by("live_version__category__order", "order", "pk")
        )

    def answers(self):
        """published() narrowed to what a list of answers shows (includes/faq_item.html and
        its key, the FAQPage JSON-LD, the category they are filed under)."""
        return self.published().only(*ANSWER_FIELDS)

    def links(self):
        """published() narrowed to a link to each entry: its address and question."""
        return (
            self.published()
            .select_related(None)
            .select_related("live_version")
            .only("language", "live_version__slug", "live_version__question")
        )


ANSWER_FIELDS = (
    "language",
    "live_version__fingerprint",
    "live_version__slug",
    "live_version__question",
    "live_version__prepared",
    "live_version__category__language",
    "live_version__category__name",
    "live_version__category__slug",
)


class Entry(Reviewable):
    """An FAQ entry as editors edit it (the working copy); visitors see its live version."""

    question = models.CharField(_("question"), max_length=300)
    slug = models.SlugField(
        _("address"),
        max_length=200,
        help_text=_("The entry's address; it changes with the version that goes live."),
    )
    answer = RichTextField(_("answer"), help_text=_("Scripts and styles are removed."))
    category = models.ForeignKey(
        FAQCategory, on_delete=models.PROTECT, related_name="entries", verbose_name=_("category")
    )
    notice = models.ForeignKey(
        Notice,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        limit_choices_to={"kind": Notice.Kind.REGULATORY},
        related_name="+",
        verbose_name=_("regulatory notice"),
        help_text=_("The regulatory notice shown on the entry's page; empty for none."),
    )
    tags = LanguageTaggableManager(blank=True, through=TaggedEntry)
    order = models.PositiveIntegerField(
        _("order"), default=0, help_text=_("Position within its category.")
    )
    live_version = recorded_link("EntryVersion", models.PROTECT)

    snapshot_fields = ("question", "slug", "answer", "category", "notice", "order")
    heading_field = "question"

    objects = EntryQuerySet.as_manager()

    class Meta:
        ordering = ["category__order", "order", "pk"]
        verbose_name = _("FAQ entry")
        verbose_name_plural = _("FAQ entries")
        # The FAQ index numbers live entries within their category by (order, pk): read from
        # this index and the versions' (category, id), not from the entries' and versions' rows.
        indexes = [
            models.Index(
                fields=["live_version", "order", "id"],
                condition=models.Q(live_version__isnull=False),
                name="faq_entry_live_order",
            ),
            # Live entries newest first, as blog_article_live_newest: search's newest matches
            # read the live entries' dates from this index alone.
            models.Index(
                fields=["language", "-first_published_at", "-id", "live_version"],
                condition=models.Q(live_version__isnull=False),
                name="faq_entry_live_newest",
            ),
        ]

    def get_absolute_url(self):
        slug = self.live_version.slug if self.live_version_id else self.slug
        return reverse_in(self.language, "faq:entry", slug=slug)


class EntryVersion(Version):
    item = models.ForeignKey(Entry, on_delete=models.CASCADE, related_name="versions")
    question = models.CharField(max_length=300)
    slug = models.SlugField(max_length=200)
    answer = models.TextField()
    category = models.ForeignKey(FAQCategory, on_delete=models.PROTECT, related_name="+")
    notice = models.ForeignKey(Notice, null=True, on_delete=models.PROTECT, related_name="+")
    order = models.PositiveIntegerField(default=0)
    tags = LanguageTaggableManager(through=TaggedEntryVersion)

    class Meta(Version.Meta):
        verbose_name = _("FAQ entry version")
        constraints = [
            models.UniqueConstraint(fields=["item", "number"], name="unique_entry_version")
        ]
        indexes = [models.Index(fields=["category", "id"], name="faq_version_by_category")]

    def get_absolute_url(self):
        return self.item.get_absolute_url()


class Placement(ItemPart):
    """An FAQ entry placed in an article's FAQ block, at a position: part of the article's signed
    content. The block shows a placed entry only while the entry is live too."""

    item = models.ForeignKey(
        Article, null=True, on_delete=models.CASCADE, related_name="faq_placements"
    )
    version = models.ForeignKey(
        ArticleVersion, null=True, on_delete=models.CASCADE, related_name="faq_placements"
    )
    entry = models.ForeignKey(
        Entry, on_delete=models.PROTECT, related_name="placements", verbose_name=_("FAQ entry")
    )

    snapshot_key = "faq_entries"
    snapshot_fields = ("entry",)

    class Meta(ItemPart.Meta):
        verbose_name = _("FAQ entry on an article")
        verbose_name_plural = _("FAQ entries on this article")

    def __str__(self):
        return f"{self.entry} on {self.item or self.version}"
