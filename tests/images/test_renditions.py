"""
Renditions are made when a picture is stored: every width up to the original's (never wider),
in every format, each under a content-addressed name, with its size recorded.
"""

import hashlib
import io

import pytest
from django.core.files.storage import default_storage
from PIL import Image as PillowImage
from PIL import features

from invamed.images import names, processing
from invamed.images.models import ImageFile

from .pictures import picture, upload


def store(kind="JPEG", size=(2000, 1000), mode="RGB", color=(40, 90, 160)):
    content = picture(kind, size, color, mode=mode)
    return ImageFile.objects.store(processing.prepare(upload(content, f"x.{kind.lower()}")))


def test_the_pinned_pillow_writes_avif_and_the_library_uses_it():
    assert features.check("avif"), "the pinned Pillow wheels include libavif"
    assert processing.MODERN_FORMATS == ("AVIF", "WEBP")


def test_a_wide_photo_gets_every_width_in_every_format_with_its_sizes(db):
    file = store("JPEG", (2000, 1000))
    made = {(r.format, r.width): r for r in file.renditions.all()}
    assert set(made) == {
        (kind, width) for kind in ("AVIF", "WEBP", "JPEG") for width in (480, 800, 1200, 1600)
    }
    for (kind, width), rendition in made.items():
        assert rendition.height == width // 2
        with default_storage.open(rendition.name) as handle:
            data = handle.read()
        opened = PillowImage.open(io.BytesIO(data))
        assert opened.format == kind
        assert opened.size == (rendition.width, rendition.height)
        assert rendition.size == len(data)
        assert names.is_hashed(rendition.name)
        assert hashlib.sha256(data).hexdigest()[:12] in rendition.name
        assert rendition.name.endswith(f".{processing.EXTENSIONS[kind]}")


def test_a_small_picture_is_never_enlarged(db):
    file = store("PNG", (600, 400))
    assert sorted({r.width for r in file.renditions.all()}) == [480, 600]
    tiny = store("PNG", (300, 200), color=(1, 2, 3))
    assert {(r.width, r.height) for r in tiny.renditions.all()} == {(300, 200)}


def test_a_picture_with_transparency_falls_back_to_png_not_jpeg(db):
    file = store("PNG", (900, 600), mode="RGBA", color=(200, 0, 0, 128))
    assert {r.format for r in file.renditions.all()} == {"AVIF", "WEBP", "PNG"}
    assert file.format == "PNG"


def test_the_stored_original_is_named_by_the_hash_of_its_bytes(db):
    file = store()
    with default_storage.open(file.name) as handle:
        data = handle.read()
    assert hashlib.sha256(data).hexdigest() == file.sha256
    assert file.name == names.original(file.sha256, "jpg")
    assert file.size == len(data)


@pytest.mark.parametrize("width", [1, 480, 799, 1600, 1601, 6000])
def test_no_rendition_is_wider_than_its_original(width):
    widths = processing.rendition_widths(width)
    assert max(widths) == min(width, processing.WIDTHS[-1])
    assert all(w <= width for w in widths)
