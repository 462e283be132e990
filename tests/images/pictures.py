"""Pictures for the tests, made with Pillow, and library images made from them."""

import io

from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image as PillowImage

from invamed.images import processing
from invamed.images.models import Image, ImageFile, ImageText, default_language


def picture(kind="PNG", size=(40, 30), color=(200, 30, 30), mode="RGB", **options):
    buffer = io.BytesIO()
    PillowImage.new(mode, size, color).save(buffer, kind, **options)
    return buffer.getvalue()


def upload(content, name="picture.png", content_type="image/png"):
    return SimpleUploadedFile(name, content, content_type)


def library_image(
    size=(1000, 600),
    kind="JPEG",
    color=(40, 90, 160),
    alt="A test picture",
    caption="",
    credit="",
    title=None,
    texts=None,
    **fields,
):
    """An Image of the library with its file and renditions, as an upload makes it."""
    prepared = processing.prepare(upload(picture(kind, size, color), f"x.{kind.lower()}"))
    image = Image.objects.create(
        title=title or alt, credit=credit, file=ImageFile.objects.store(prepared), **fields
    )
    for language, (text_alt, text_caption) in (
        texts or {default_language(): (alt, caption)}
    ).items():
        ImageText.objects.create(image=image, language=language, alt=text_alt, caption=text_caption)
    return image
