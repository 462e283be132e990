"""
The library's images in reviewed content: signed with the item's text, shown as signed.

Registered with the review app (apps.py), this is the "images" entry of a version's snapshot:

    "images": {"body": [reference, ...], "lead_image": [reference]}

one list per field that shows library images: a rich-text field (its images in order of
appearance, each once) or a ForeignKey to the library (a lead image). A reference is plain data
(rendering.py), with the alt text and caption in the item's language:

    {"image_id": 42, "sha256": "<the file's content hash>", "alt": "…", "caption": "…",
     "credit": "…", "width": 1600, "height": 1000}

The entry is absent when the item shows no library image. A version's preparation renders its
figures from these references alone; usage.py is told their hashes, so a file outlives any
replacement while a version shows it; and a change of an image in the library gives every item
whose working copy shows it a new version to review (`image_changed`).
"""

import functools

from django.core.files.storage import default_storage
from django.core.signals import setting_changed
from django.db import transaction
from django.db.models import Q

from invamed.review import services
from invamed.review.models import EmbeddedMedia, reviewable_models

from . import names, rendering


def image_fields(model):
    """The signed fields of a reviewed `model` that are ForeignKeys to the library."""
    from .models import Image

    return [
        name
        for name in model.snapshot_fields
        if getattr(model._meta.get_field(name), "related_model", None) is Image
    ]


def rich_text_fields(model):
    return model.version_model().rich_text_fields()


def opens_with_figure(html):
    """True when the first thing of `html` past its opening text is a figure: an image before
    the first section heading, which readers see without scrolling."""
    image = html.find("<img")
    heading = html.find("<h2")
    return image != -1 and (heading == -1 or image < heading)


class LibraryImages(EmbeddedMedia):
    key = "images"

    def snapshot(self, item):
        from .models import Image

        model, entry = type(item), {}
        for name in rich_text_fields(model):
            refs = rendering.references_in(getattr(item, name), item.language)
            if refs:
                entry[name] = refs
        for name in image_fields(model):
            pk = getattr(item, model._meta.get_field(name).attname)
            image = (
                Image.objects.select_related("file").prefetch_related("texts").filter(pk=pk).first()
                if pk
                else None
            )
            if image is not None:
                entry[name] = [image.reference(item.language)]
        return entry

    def prepare(self, item_model, content, prepared):
        """Figures in place of the library's <img> in each rich-text field, and each lead image's
        figure and link preview, from the snapshot's references (one query in all).

        The first figure of a page loads eagerly: the lead image, or, on a page that can have
        one and has none, a figure in the opening text of its first rich-text field. Every
        other figure loads lazily (FAQ answers and notices, shown inside other pages, always).
        """
        entry = content.get(self.key)
        if not entry:
            return
        figures = rendering.Figures([ref for refs in entry.values() for ref in refs])
        leads = image_fields(item_model)
        for name in leads:
            if entry.get(name):
                ref = entry[name][0]
                preview = figures.social(ref)
                prepared[name] = {
                    "figure": str(figures.figure(ref, eager=True)),
                    "preview": {**preview, "alt": ref["alt"]} if preview else None,
                }
        eager = bool(leads) and not any(entry.get(name) for name in leads)
        for position, name in enumerate(rich_text_fields(item_model)):
            if entry.get(name) and name in prepared:
                html = prepared[name]["html"]
                prepared[name]["html"] = str(
                    rendering.render_with_figures(
                        html,
                        entry[name],
                        eager_first=eager and position == 0 and opens_with_figure(html),
                        figures=figures,
                    )
                )

    def renderer(self):
        # The storage's address is in the stored figures: a move to a bucket or a CDN makes
        # them again, instead of serving (or reporting as tampered) the old addresses.
        return f"figures-{rendering.RENDERER}@{folder_url()}"


@functools.cache
def folder_url():
    """The images' folder's address in the storage: asked for by every prepared text shown,
    kept until the settings change."""
    return default_storage.url(names.FOLDER + "/")


setting_changed.connect(
    lambda **_signal: folder_url.cache_clear(), dispatch_uid="invamed.images.folder_url", weak=False
)


LIBRARY_IMAGES = LibraryImages()


def signed_hashes():
    """The content hash of every file that a version of a reviewed item shows (usage.py)."""
    key = LibraryImages.key
    for model in reviewable_models():
        versions = model.version_model().objects.filter(content__has_key=key)
        for entry in versions.values_list(f"content__{key}", flat=True).iterator():
            for refs in entry.values():
                for ref in refs:
                    yield ref["sha256"]


def items_showing(image):
    """The working copies, of every kind of reviewed item, that show `image`."""
    # The sanitiser writes every attribute value in double quotes: this finds exactly its src.
    address = f'"{image.get_reference_url()}"'
    for model in reviewable_models():
        shows = Q()
        for name in rich_text_fields(model):
            shows |= Q(**{f"{name}__contains": address})
        for name in image_fields(model):
            shows |= Q(**{name: image})
        if shows:
            yield from model.objects.filter(shows).order_by("pk")


@transaction.atomic
def image_changed(image, user, what):
    """Give every item whose working copy shows `image` a new version, now that `what` changed
    in the library ("picture replaced", "alt text (tr)"...): a change like any other, recorded
    in the item's history as that change, by `user`. An item in review, approved, scheduled or
    live goes back to draft and needs a new review; visitors keep seeing its signed version.

    Returns the items that got a new version.
    """
    comment = f"Image library: “{image.title}” changed: {what}."
    return [
        item
        for item in items_showing(image)
        if services.save_version(item, user, comment=comment) is not None
    ]
