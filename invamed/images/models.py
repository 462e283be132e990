"""
The image library: pictures uploaded once and reused anywhere.

An `Image` is what editors pick: a title and keywords to find it by, a credit line, and per
language an alt text (required in the site's default language) and an optional caption. Its
picture is an `ImageFile`: stripped of metadata, content-addressed (named by the SHA-256 of its
bytes) and immutable, with its `Rendition`s (a few widths in AVIF, WebP and the fallback format)
made when it is stored, never when a page is requested. Replacing an image's picture makes a new
ImageFile; the old one stays while anything still refers to it (see usage.py) and only
`manage.py prune_images` removes it once nothing does.
"""

import hashlib

from django.conf import settings
from django.core.exceptions import SuspiciousFileOperation
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import IntegrityError, models, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_supported_language_variant

from invamed.fields import recorded_link
from invamed.text import PlainTextModel

from . import names, processing


def default_language():
    """The site's default language code ("en" for LANGUAGE_CODE "en-us")."""
    return get_supported_language_variant(settings.LANGUAGE_CODE)


def save_exact(name, data):
    """Store `data` under exactly `name` (content-addressed: already there means same bytes)."""
    if default_storage.exists(name):
        return
    stored = default_storage.save(name, ContentFile(data))
    if stored != name:  # A storage that renamed it would break the content address.
        default_storage.delete(stored)
        raise SuspiciousFileOperation(f"The storage refused the name {name!r}.")


class ImageFileQuerySet(models.QuerySet):
    def store(self, prepared):
        """The ImageFile of a prepared upload: an existing one with the same bytes, or a new one
        with its renditions, all written to the media storage before the row is saved."""
        original = prepared.original
        digest = hashlib.sha256(original.data).hexdigest()
        existing = self.filter(sha256=digest).first()
        if existing is not None:
            return existing
        name = names.original(digest, original.extension)
        save_exact(name, original.data)
        made = []
        for rendition in processing.renditions(prepared):
            own = hashlib.sha256(rendition.data).hexdigest()
            rendition_name = names.rendition(digest, rendition.width, own, rendition.extension)
            save_exact(rendition_name, rendition.data)
            made.append((rendition, rendition_name))
        try:
            with transaction.atomic():
                file = self.create(
                    sha256=digest,
                    name=name,
                    format=original.format,
                    width=original.width,
                    height=original.height,
                    size=len(original.data),
                )
                Rendition.objects.bulk_create(
                    Rendition(
                        file=file,
                        format=rendition.format,
                        width=rendition.width,
                        height=rendition.height,
                        name=rendition_name,
                        size=len(rendition.data),
                    )
                    for rendition, rendition_name in made
                )
        except IntegrityError:
            # The same picture, stored at the same moment by someone else: theirs is ours.
            return self.get(sha256=digest)
        return file

    def unused(self):
        """Files that no library image shows and nothing registered in usage.py refers to."""
        from .usage import hashes_in_use

        return self.exclude(sha256__in=hashes_in_use())


class ImageFile(models.Model):
    """One stored picture, named by the SHA-256 of its bytes, never changed after it is stored."""

    sha256 = models.CharField("SHA-256", max_length=64, unique=True, editable=False)
    name = models.CharField("stored as", max_length=255, unique=True, editable=False)
    format = models.CharField(max_length=8, editable=False)
    width = models.PositiveIntegerField(editable=False)
    height = models.PositiveIntegerField(editable=False)
    size = models.PositiveIntegerField("bytes", editable=False)
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    objects = ImageFileQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        verbose_name = "image file"

    def __str__(self):
        return f"{self.sha256[:12]} ({self.width}×{self.height} {self.format})"

    @property
    def url(self):
        return default_storage.url(self.name)

    def stored_names(self):
        return [self.name, *(r.name for r in self.renditions.all())]


class Rendition(models.Model):
    """A resized copy of an ImageFile in one format, made when the file was stored."""

    file = models.ForeignKey(ImageFile, on_delete=models.CASCADE, related_name="renditions")
    format = models.CharField(max_length=8)
    width = models.PositiveIntegerField()
    height = models.PositiveIntegerField()
    name = models.CharField("stored as", max_length=255, unique=True)
    size = models.PositiveIntegerField("bytes")

    class Meta:
        ordering = ["file", "format", "width"]
        constraints = [
            models.UniqueConstraint(
                fields=["file", "format", "width"], name="images_one_rendition_per_format_width"
            )
        ]

    def __str__(self):
        return self.name

    @property
    def mime_type(self):
        return processing.MIME_TYPES[self.format]

    @property
    def url(self):
        return default_storage.url(self.name)


class Image(PlainTextModel):
    """A picture of the library, with what it means: alt text, caption and credit."""

    title = models.CharField(
        max_length=200, help_text="For editors only, to find the image; not shown to visitors."
    )
    keywords = models.CharField(
        max_length=500,
        blank=True,
        help_text="Words to find the image by in the library (e.g. spine, fracture, X-ray).",
    )
    credit = models.CharField(
        "credit, source and licence",
        max_length=300,
        blank=True,
        help_text=(
            "Shown under the figure, e.g. “Illustration: INVAMED Medical Affairs” or "
            "“Photo: J. Doe, CC BY 4.0”."
        ),
    )
    file = models.ForeignKey(
        ImageFile, on_delete=models.PROTECT, related_name="images", editable=False
    )
    created_by = recorded_link(settings.AUTH_USER_MODEL, models.SET_NULL)
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-updated_at", "-pk"]

    def __str__(self):
        return self.title

    def get_reference_url(self):
        """The address rich text refers to this image by (see references.py)."""
        return reverse("images:image", args=[self.pk])

    def text(self, language=None):
        """The alt text and caption in `language`, else in the default language."""
        texts = {text.language: text for text in self.texts.all()}
        return texts.get(language or default_language()) or texts.get(default_language())

    def has_text(self, language):
        """True when the image has its own alt text in `language` (no fallback)."""
        return any(text.language == language for text in self.texts.all())

    def reference(self, language=None):
        """What a signed version records for this image as it is now (see rendering.py)."""
        text = self.text(language)
        return {
            "image_id": self.pk,
            "sha256": self.file.sha256,
            "alt": text.alt if text else "",
            "caption": text.caption if text else "",
            "credit": self.credit,
            "width": self.file.width,
            "height": self.file.height,
        }


class ImageText(PlainTextModel):
    """An image's alt text and caption in one of settings.LANGUAGES."""

    image = models.ForeignKey(Image, on_delete=models.CASCADE, related_name="texts")
    language = models.CharField(max_length=15)
    alt = models.CharField(
        "alt text",
        max_length=300,
        help_text="What the image shows, for readers who cannot see it.",
    )
    caption = models.CharField(max_length=500, blank=True)

    class Meta:
        ordering = ["image", "language"]
        verbose_name = "text"
        constraints = [
            models.UniqueConstraint(
                fields=["image", "language"], name="images_one_text_per_language"
            )
        ]

    def __str__(self):
        return f"{self.image} ({self.language})"
