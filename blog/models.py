"""
INVAblog: categories, articles (the editable working copy, reviewed through invamed.review),
their immutable versions, and their references.

Visitors only ever see an article's live version: `Article.objects.published()` is the rule,
and public pages render `article.live_version`.
"""

from django.db import models
from django.db.models.fields.json import KT
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _

from invamed import richtext
from invamed.content.models import (
    Author,
    LanguageTaggableManager,
    Notice,
    TaggedItem,
    TaggedVersion,
)
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


class Category(ReviewedCategory):
    class Meta(ReviewedCategory.Meta):
        verbose_name = _("category")
        verbose_name_plural = _("categories")
        constraints = [
            models.UniqueConstraint(fields=["language", "slug"], name="unique_blog_category_slug")
        ]

    def get_absolute_url(self):
        return reverse_in(self.language, "blog:category", slug=self.slug)


class TaggedArticle(TaggedItem):
    content_object = models.ForeignKey("Article", on_delete=models.CASCADE)


class TaggedArticleVersion(TaggedVersion):
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
            # JSON snapshot (a second copy of its content, read by the article page itself and
            # the review screens), nor its preparation or its search document.
            .defer(
                "body",
                "live_version__content",
                "live_version__prepared",
                "live_version__search_vector",
            )
            .order_by("-first_published_at", "-pk")
        )

    def cards(self):
        """published() narrowed to what a list of cards shows (includes/article_card.html and
        its key): a list reads the columns it prints, not every article's whole row."""
        return (
            self.published()
            .select_related(None)
            .select_related("live_version__category")
            .only(*CARD_FIELDS)
        )

    def links(self):
        """published() narrowed to a link to each article: its address and title."""
        return (
            self.published().select_related(None).select_related("live_version").only(*LINK_FIELDS)
        )


# What a link to an article reads: its address and title.
LINK_FIELDS = ("language", "live_version__slug", "live_version__title")

# What an article's card reads: its address, date and live version's card text and picture.
CARD_FIELDS = (
    "language",
    "first_published_at",
    "live_version__fingerprint",
    "live_version__slug",
    "live_version__title",
    "live_version__summary",
    "live_version__lead_image_sha256",
    "live_version__category__language",
    "live_version__category__name",
    "live_version__category__slug",
)


class Article(Reviewable):
    """An INVAblog article as editors edit it (the working copy).

    An article is public when a reviewer has signed off a version and it was published: its
    `live_version`. Editing a live article saves a new version for review; visitors keep
    seeing the live one until the new version is approved and published. Its address (slug) is
    part of what is signed: a new slug takes effect with its version, and every address the
    article ever had answers a 301 to the current one.
    """

    title = models.CharField(_("title"), max_length=200)
    slug = models.SlugField(
        _("address"),
        max_length=200,
        help_text=_("The article's address; it changes with the version that goes live."),
    )
    summary = models.TextField(
        _("summary"), help_text=_("One paragraph under the title; also the page description.")
    )
    lead_image = models.ForeignKey(
        "images.Image",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("lead image"),
        help_text=_(
            "From the image library: shown under the title, on the article's cards and in link "
            "previews. Reviewed with the text (its picture, alt text, caption and credit)."
        ),
    )
    body = RichTextField(
        _("body"), help_text=_("Sections under h2 headings. Scripts and styles are removed.")
    )
    category = models.ForeignKey(
        Category, on_delete=models.PROTECT, related_name="articles", verbose_name=_("category")
    )
    author = models.ForeignKey(
        Author,
        on_delete=models.PROTECT,
        related_name="articles",
        verbose_name=_("author"),
        help_text=_("A person or a team."),
    )
    notice = models.ForeignKey(
        Notice,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        limit_choices_to={"kind": Notice.Kind.REGULATORY},
        related_name="+",
        verbose_name=_("regulatory notice"),
        help_text=_("The regulatory notice shown on the page; empty for none."),
    )
    tags = LanguageTaggableManager(blank=True, through=TaggedArticle)
    is_featured = models.BooleanField(
        _("featured"), default=False, help_text=_("Shown first on the home page while live.")
    )
    live_version = recorded_link(
        "ArticleVersion",
        models.PROTECT,
        help_text=_("The version visitors see."),
    )

    snapshot_fields = (
        "title", "slug", "summary", "lead_image", "body", "category", "author", "notice",
        "is_featured",
    )  # fmt: skip
    heading_field = "title"

    objects = ArticleQuerySet.as_manager()

    class Meta:
        verbose_name = _("article")
        verbose_name_plural = _("articles")
        ordering = ["-updated_at"]
        indexes = [
            models.Index(fields=["first_published_at"]),
            # published() in its order, from the index alone (with the visibility map set): the
            # lists' counts and page ids, however deep the page, and the live versions (search
            # candidates, category counts) without reading the articles' rows.
            # (live_version is a key column, not an INCLUDE one, which SQLite cannot build.)
            models.Index(
                fields=["language", "-first_published_at", "-id", "live_version"],
                condition=models.Q(live_version__isnull=False),
                name="blog_article_live_newest",
            ),
        ]

    def get_absolute_url(self):
        """The live address when the article is live, else the one being edited."""
        slug = self.live_version.slug if self.live_version_id else self.slug
        return reverse_in(self.language, "blog:article", slug=slug)


class ArticleVersion(Version):
    """One saved state of an article, never changed. The live one is what visitors read."""

    item = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="versions")
    title = models.CharField(max_length=200)
    slug = models.SlugField(max_length=200)
    summary = models.TextField()
    lead_image = models.ForeignKey(
        "images.Image", null=True, on_delete=models.PROTECT, related_name="+"
    )
    body = models.TextField()
    category = models.ForeignKey(Category, on_delete=models.PROTECT, related_name="+")
    author = models.ForeignKey(Author, on_delete=models.PROTECT, related_name="+")
    notice = models.ForeignKey(Notice, null=True, on_delete=models.PROTECT, related_name="+")
    is_featured = models.BooleanField(default=False)
    tags = LanguageTaggableManager(through=TaggedArticleVersion)
    # The signed lead image's file, for the cards of lists, which do not read the snapshot: the
    # database derives it from the snapshot, so it cannot say anything else.
    lead_image_sha256 = models.GeneratedField(
        expression=KT("content__images__lead_image__0__sha256"),
        output_field=models.CharField(max_length=64, null=True),
        db_persist=True,
    )

    class Meta(Version.Meta):
        verbose_name = _("article version")
        constraints = [
            models.UniqueConstraint(fields=["item", "number"], name="unique_article_version")
        ]
        # A category's live articles (count and page ids) without reading the versions' rows;
        # an address's live article.
        indexes = [
            models.Index(fields=["category", "id"], name="blog_version_by_category"),
        ]

    def get_absolute_url(self):
        return self.item.get_absolute_url()

    @property
    def references(self):
        """The numbered references as signed: [{"citation": ..., "url": ...}]."""
        return self.content.get("references", [])

    @classmethod
    def prepare(cls, content):
        """Version.prepare, with the body's citations linked to the references list, which
        is numbered in the order of first citation (richtext.link_citations)."""
        prepared = super().prepare(content)
        references = content.get("references") or []
        body, order = richtext.link_citations(prepared["body"]["html"], len(references))
        prepared["body"]["html"] = body
        prepared["references"] = richtext.numbered_references(references, order, body)
        return prepared

    @property
    def cited_references(self):
        """The references as the page lists them: [{"number", "citation", "url", "backlinks"}]
        in the order the text first cites them, then the uncited ones."""
        return self.preparation().get("references", [])

    @property
    def lead_figure(self):
        """The lead image as signed, or None: {"figure": its <figure> (safe HTML), "preview":
        {"url", "width", "height", "alt"} of the link-preview rendition, or None}."""
        lead = self.preparation().get("lead_image")
        if not lead:
            return None
        return {**lead, "figure": mark_safe(lead["figure"])}  # noqa: S308 - made by prepare().


class Reference(ItemPart):
    """A numbered reference of an article: part of the reviewed content (and its fingerprint)."""

    item = models.ForeignKey(
        Article, null=True, on_delete=models.CASCADE, related_name="references"
    )
    version = models.ForeignKey(
        ArticleVersion, null=True, on_delete=models.CASCADE, related_name="reference_rows"
    )
    citation = models.TextField(
        _("citation"), help_text=_("Authors, title, journal, year, as it should read.")
    )
    url = models.URLField(_("link or DOI URL"), max_length=500, blank=True)

    snapshot_key = "references"
    snapshot_fields = ("citation", "url")

    class Meta(ItemPart.Meta):
        verbose_name = _("reference")

    def __str__(self):
        return self.citation[:80]
