"""
INVAblog: categories, articles (the editable working copy, reviewed through invamed.review),
their immutable versions, and their references.

Visitors only ever see an article's live version: `Article.objects.published()` is the rule,
and public pages render `article.live_version`.
"""

from django.contrib.postgres.search import SearchVector, SearchVectorField
from django.db import connection, models
from django.urls import reverse
from taggit.managers import TaggableManager
from taggit.models import TaggedItemBase

from invamed.content.models import Author, Notice
from invamed.review.models import Reviewable, ReviewableQuerySet, ReviewedCategory, Version
from invamed.richtext import RichTextField


class Category(ReviewedCategory):
    class Meta(ReviewedCategory.Meta):
        verbose_name_plural = "categories"

    def get_absolute_url(self):
        return reverse("blog:category", kwargs={"slug": self.slug})


class TaggedArticle(TaggedItemBase):
    content_object = models.ForeignKey("Article", on_delete=models.CASCADE)


class TaggedArticleVersion(TaggedItemBase):
    content_object = models.ForeignKey("ArticleVersion", on_delete=models.CASCADE)

    class Meta:
        # A tag's live articles (tag page, related articles) from the index alone.
        indexes = [
            models.Index(fields=["tag", "content_object"], name="blog_tagged_version_by_tag")
        ]


class ArticleQuerySet(ReviewableQuerySet):
    def published(self):
        """Live articles with what their cards and pages show, newest first."""
        return (
            super()
            .published()
            .select_related("live_version__category", "live_version__author")
            # Visitors see the live version: not the working copy's body, nor the version's
            # JSON snapshot (a second copy of its content, read only by the review screens).
            # Nor the version's search document, read only by the database.
            .defer("body", "live_version__content", "live_version__search_vector")
            .order_by("-first_published_at", "-pk")
        )


class Article(Reviewable):
    """An INVAblog article as editors edit it (the working copy).

    An article is public when a reviewer has signed off a version and it was published: its
    `live_version`. Editing a live article saves a new version for review; visitors keep
    seeing the live one until the new version is approved and published.
    """

    title = models.CharField(max_length=200)
    slug = models.SlugField(
        max_length=200, unique=True, help_text="The article's address; keep it stable once live."
    )
    summary = models.TextField(
        help_text="One paragraph under the title; also the page description."
    )
    body = RichTextField(help_text="Sections under h2 headings. Scripts and styles are removed.")
    category = models.ForeignKey(Category, on_delete=models.PROTECT, related_name="articles")
    author = models.ForeignKey(
        Author, on_delete=models.PROTECT, related_name="articles", help_text="A person or a team."
    )
    notice = models.ForeignKey(
        Notice,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        limit_choices_to={"kind": Notice.Kind.REGULATORY},
        related_name="+",
        help_text="The regulatory notice shown on the page; empty for none.",
    )
    tags = TaggableManager(blank=True, through=TaggedArticle)
    is_featured = models.BooleanField(
        "featured", default=False, help_text="Shown first on the home page while live."
    )
    live_version = models.ForeignKey(
        "ArticleVersion",
        null=True,
        blank=True,
        editable=False,
        on_delete=models.PROTECT,
        related_name="+",
        help_text="The version visitors see.",
    )

    objects = ArticleQuerySet.as_manager()

    class Meta:
        ordering = ["-updated_at"]
        indexes = [
            models.Index(fields=["first_published_at"]),
            # published() in its order, from the index alone (with the visibility map set): the
            # lists' counts and page ids, however deep the page, and the live versions (search
            # candidates, category counts) without reading the articles' rows.
            # (live_version is a key column, not an INCLUDE one, which SQLite cannot build.)
            models.Index(
                fields=["-first_published_at", "-id", "live_version"],
                condition=models.Q(live_version__isnull=False),
                name="blog_article_live_newest",
            ),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("blog:article", kwargs={"slug": self.slug})

    # The protocol invamed.review expects of a reviewed item.

    def content_snapshot(self):
        """Everything a reviewer signs off, as JSON: text, classification and references."""
        return {
            "title": self.title,
            "summary": self.summary,
            "body": self.body,
            "category": self.category_id,
            "author": self.author_id,
            "notice": self.notice_id,
            "tags": sorted(self.tags.names()),
            "references": [
                {"citation": r.citation, "url": r.url}
                for r in self.references.order_by("position", "pk")
            ],
        }

    def create_version(self, *, number, snapshot, fingerprint, user, when):
        version = ArticleVersion.objects.create(
            article=self,
            number=number,
            content=snapshot,
            fingerprint=fingerprint,
            created_by=user,
            created_at=when,
            title=snapshot["title"],
            summary=snapshot["summary"],
            body=snapshot["body"],
            category_id=snapshot["category"],
            author_id=snapshot["author"],
            notice_id=snapshot["notice"],
            references=snapshot["references"],
        )
        version.tags.set(snapshot["tags"])
        version.store_search_document()
        return version

    def apply_snapshot(self, snapshot):
        """Put a version's content back into the working copy (restore as a new draft)."""
        self.title, self.summary, self.body = (
            snapshot["title"],
            snapshot["summary"],
            snapshot["body"],
        )
        self.category_id, self.author_id = snapshot["category"], snapshot["author"]
        self.notice_id = snapshot["notice"]
        self.lock_version += 1
        self.save()
        self.tags.set(snapshot["tags"])
        self.references.all().delete()
        Reference.objects.bulk_create(
            Reference(article=self, position=i, citation=r["citation"], url=r["url"])
            for i, r in enumerate(snapshot["references"], start=1)
        )


class ArticleVersion(Version):
    """One saved state of an article, never changed. The live one is what visitors read."""

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="versions")
    title = models.CharField(max_length=200)
    summary = models.TextField()
    body = models.TextField()
    category = models.ForeignKey(Category, on_delete=models.PROTECT, related_name="+")
    author = models.ForeignKey(Author, on_delete=models.PROTECT, related_name="+")
    notice = models.ForeignKey(Notice, null=True, on_delete=models.PROTECT, related_name="+")
    references = models.JSONField(default=list)
    tags = TaggableManager(through=TaggedArticleVersion)
    search_vector = SearchVectorField(null=True, editable=False)

    SEARCH_CONFIG = "english"  # every article is written in English; see invamed/search.py

    class Meta(Version.Meta):
        constraints = [
            models.UniqueConstraint(fields=["article", "number"], name="unique_article_version")
        ]
        # A category's live articles (count and page ids) without reading the versions' rows.
        indexes = [models.Index(fields=["category", "id"], name="blog_version_by_category")]

    def get_absolute_url(self):
        return self.article.get_absolute_url()

    @classmethod
    def search_document(cls):
        """The weighted full-text document: title above summary above body."""
        return (
            SearchVector("title", config=cls.SEARCH_CONFIG, weight="A")
            + SearchVector("summary", config=cls.SEARCH_CONFIG, weight="B")
            + SearchVector("body", config=cls.SEARCH_CONFIG, weight="C")
        )

    @classmethod
    def search_heading(cls):
        """The title alone, unweighted: what search calls a heading match (LiveDocument)."""
        return SearchVector("title", config=cls.SEARCH_CONFIG)

    def store_search_document(self):
        """Write the search vector once (a version never changes). PostgreSQL only."""
        if connection.vendor == "postgresql":
            ArticleVersion.objects.filter(pk=self.pk).update(search_vector=self.search_document())


class Reference(models.Model):
    """A numbered reference of an article: part of the reviewed content (and its fingerprint)."""

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="references")
    position = models.PositiveSmallIntegerField(default=0)
    citation = models.TextField(help_text="Authors, title, journal, year, as it should read.")
    url = models.URLField("link or DOI URL", max_length=500, blank=True)

    class Meta:
        ordering = ["position", "pk"]

    def __str__(self):
        return self.citation[:80]
