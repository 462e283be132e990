"""
A memo: the smallest reviewed item, for the review app's own tests.

It has what the workflow must handle in any item: a heading, an address, rich text, tags, an
ordered part kept in a table of its own (its sources) and a version model with the relational
copies. It knows only the review app and the foundations it builds on.
"""

from django.db import models

from invamed.content.models import LanguageTaggableManager, TaggedItem, TaggedVersion
from invamed.fields import recorded_link
from invamed.review.models import ItemPart, Reviewable, Version, reverse_in
from invamed.richtext import RichTextField


class TaggedMemo(TaggedItem):
    content_object = models.ForeignKey("Memo", on_delete=models.CASCADE)


class TaggedMemoVersion(TaggedVersion):
    content_object = models.ForeignKey("MemoVersion", on_delete=models.CASCADE)


class Memo(Reviewable):
    title = models.CharField(max_length=200)
    slug = models.SlugField(max_length=200)
    body = RichTextField()
    tags = LanguageTaggableManager(blank=True, through=TaggedMemo)
    live_version = recorded_link("MemoVersion", models.PROTECT)

    snapshot_fields = ("title", "slug", "body")
    heading_field = "title"

    class Meta:
        ordering = ["-updated_at"]

    def get_absolute_url(self):
        """The live address when the memo is live, else the one being edited."""
        slug = self.live_version.slug if self.live_version_id else self.slug
        return reverse_in(self.language, "memo", slug=slug)


class MemoVersion(Version):
    item = models.ForeignKey(Memo, on_delete=models.CASCADE, related_name="versions")
    title = models.CharField(max_length=200)
    slug = models.SlugField(max_length=200)
    body = models.TextField()
    tags = LanguageTaggableManager(through=TaggedMemoVersion)

    class Meta(Version.Meta):
        constraints = [
            models.UniqueConstraint(fields=["item", "number"], name="unique_memo_version")
        ]


class Source(ItemPart):
    """A memo's numbered source: part of its signed content, like an article's reference."""

    item = models.ForeignKey(Memo, null=True, on_delete=models.CASCADE, related_name="sources")
    version = models.ForeignKey(
        MemoVersion, null=True, on_delete=models.CASCADE, related_name="source_rows"
    )
    citation = models.TextField()
    url = models.URLField(max_length=500, blank=True)

    snapshot_key = "sources"
    snapshot_fields = ("citation", "url")

    def __str__(self):
        return self.citation[:80]
