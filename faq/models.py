"""
Frequently asked questions: medical content reviewed through the same workflow as articles
(invamed.review), shown on the FAQ pages and inside any number of articles.
"""

from django.contrib.postgres.search import SearchVector, SearchVectorField
from django.db import connection, models
from django.urls import reverse
from taggit.managers import TaggableManager
from taggit.models import TaggedItemBase

from invamed.review.models import Reviewable, ReviewableQuerySet, ReviewedCategory, Version
from invamed.richtext import RichTextField


class FAQCategory(ReviewedCategory):
    class Meta(ReviewedCategory.Meta):
        verbose_name = "FAQ category"
        verbose_name_plural = "FAQ categories"

    def get_absolute_url(self):
        return reverse("faq:category", kwargs={"slug": self.slug})


class TaggedEntry(TaggedItemBase):
    content_object = models.ForeignKey("Entry", on_delete=models.CASCADE)


class TaggedEntryVersion(TaggedItemBase):
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


class Entry(Reviewable):
    """An FAQ entry as editors edit it (the working copy); visitors see its live version."""

    question = models.CharField(max_length=300)
    slug = models.SlugField(max_length=200, unique=True)
    answer = RichTextField(help_text="Scripts and styles are removed.")
    category = models.ForeignKey(FAQCategory, on_delete=models.PROTECT, related_name="entries")
    tags = TaggableManager(blank=True, through=TaggedEntry)
    order = models.PositiveIntegerField(default=0, help_text="Position within its category.")
    articles = models.ManyToManyField(
        "blog.Article", through="ArticleEntry", blank=True, related_name="faq_entries"
    )
    live_version = models.ForeignKey(
        "EntryVersion",
        null=True,
        blank=True,
        editable=False,
        on_delete=models.PROTECT,
        related_name="+",
    )

    objects = EntryQuerySet.as_manager()

    class Meta:
        ordering = ["category__order", "order", "pk"]
        verbose_name = "FAQ entry"
        verbose_name_plural = "FAQ entries"
        # The FAQ index numbers live entries within their category by (order, pk): read from
        # this index and the versions' (category, id), not from the entries' and versions' rows.
        indexes = [
            models.Index(
                fields=["live_version", "order", "id"],
                condition=models.Q(live_version__isnull=False),
                name="faq_entry_live_order",
            ),
            # Live entries newest first, as blog_article_live_newest: search's newest matches
            # (invamed/search.py) read the live entries' dates from this index alone, and for a
            # word in most answers walk it in order and stop at MAX_RESULTS instead of sorting
            # every match.
            models.Index(
                fields=["-first_published_at", "-id", "live_version"],
                condition=models.Q(live_version__isnull=False),
                name="faq_entry_live_newest",
            ),
        ]

    def __str__(self):
        return self.question

    def get_absolute_url(self):
        return reverse("faq:entry", kwargs={"slug": self.slug})

    def content_snapshot(self):
        return {
            "question": self.question,
            "answer": self.answer,
            "category": self.category_id,
            "tags": sorted(self.tags.names()),
        }

    def create_version(self, *, number, snapshot, fingerprint, user, when):
        version = EntryVersion.objects.create(
            entry=self,
            number=number,
            content=snapshot,
            fingerprint=fingerprint,
            created_by=user,
            created_at=when,
            question=snapshot["question"],
            answer=snapshot["answer"],
            category_id=snapshot["category"],
        )
        version.tags.set(snapshot["tags"])
        version.store_search_document()
        return version

    def apply_snapshot(self, snapshot):
        self.question, self.answer = snapshot["question"], snapshot["answer"]
        self.category_id = snapshot["category"]
        self.lock_version += 1
        self.save()
        self.tags.set(snapshot["tags"])


class EntryVersion(Version):
    entry = models.ForeignKey(Entry, on_delete=models.CASCADE, related_name="versions")
    question = models.CharField(max_length=300)
    answer = models.TextField()
    category = models.ForeignKey(FAQCategory, on_delete=models.PROTECT, related_name="+")
    tags = TaggableManager(through=TaggedEntryVersion)
    search_vector = SearchVectorField(null=True, editable=False)

    SEARCH_CONFIG = "english"  # every answer is written in English; see invamed/search.py

    class Meta(Version.Meta):
        constraints = [
            models.UniqueConstraint(fields=["entry", "number"], name="unique_entry_version")
        ]
        indexes = [models.Index(fields=["category", "id"], name="faq_version_by_category")]

    def get_absolute_url(self):
        return self.entry.get_absolute_url()

    @classmethod
    def search_document(cls):
        """The weighted full-text document: the question above the answer."""
        return SearchVector("question", config=cls.SEARCH_CONFIG, weight="A") + SearchVector(
            "answer", config=cls.SEARCH_CONFIG, weight="C"
        )

    @classmethod
    def search_heading(cls):
        """The question alone, unweighted: what search calls a heading match (LiveDocument)."""
        return SearchVector("question", config=cls.SEARCH_CONFIG)

    def store_search_document(self):
        """Write the search vector once (a version never changes). PostgreSQL only."""
        if connection.vendor == "postgresql":
            EntryVersion.objects.filter(pk=self.pk).update(search_vector=self.search_document())


class ArticleEntry(models.Model):
    """Places an FAQ entry in an article's FAQ block, in the editors' order.

    A placement is not reviewed content of either side: the block shows an entry only while
    both the article and the entry are live.
    """

    article = models.ForeignKey("blog.Article", on_delete=models.CASCADE, related_name="faq_links")
    entry = models.ForeignKey(Entry, on_delete=models.CASCADE, related_name="article_links")
    order = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["order", "pk"]
        verbose_name = "FAQ entry on an article"
        verbose_name_plural = "FAQ entries on this article"
        constraints = [
            models.UniqueConstraint(fields=["article", "entry"], name="unique_article_entry")
        ]

    def __str__(self):
        return f"{self.entry} on {self.article}"
