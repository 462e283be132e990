"""
Image uploads from the rich-text editor, in one place: what is accepted and who may send it.

CKEditor's image dialog (its "Upload" tab) posts the file here as `upload`, with Django's CSRF
token in the X-CSRFToken header (static/js/richtext-editor.js), and expects CKEditor's JSON
answer: {"uploaded": 1, "fileName": ..., "url": ...} or {"uploaded": 0, "error": {"message":
...}}. CKEditor shows that message only on a 200 answer, so a refused file is a 200 with
uploaded 0; a person without the right is refused with 403.

Accepted: raster images only (JPEG, PNG, WebP, GIF), recognised by Pillow from their content, not
from their name or the type the browser claims; at most MAX_BYTES and MAX_SIDE pixels a side.
SVG (it can carry script) and anything Pillow does not recognise are refused. The stored name is
ours: a slug of the original base name, a random suffix, and the extension of the detected
format, under uploads/<year>/<month>/ in the default storage (MEDIA_ROOT on disk; object storage
in production, see README), so a name can neither climb out of that folder nor lie about the
type the file is served with.
"""

import secrets
import warnings
from pathlib import PurePosixPath

from django.core.files.storage import default_storage
from django.http import JsonResponse
from django.utils import timezone
from django.utils.text import slugify
from django.views.decorators.http import require_POST
from PIL import Image, UnidentifiedImageError

from invamed.review.models import reviewable_models

MAX_BYTES = 5 * 1024 * 1024
MAX_SIDE = 6000
# Pillow's own decompression-bomb guard, set to our limit: a header announcing more pixels than
# this raises before anything is decoded (with the warning between 1x and 2x made an error below).
Image.MAX_IMAGE_PIXELS = MAX_SIDE * MAX_SIDE

# Pillow's format name -> the extension we store it under. MPO is how Pillow names the JPEGs
# that many phone cameras write (a JPEG with extra pictures appended): served as a JPEG.
FORMATS = {"JPEG": "jpg", "MPO": "jpg", "PNG": "png", "WEBP": "webp", "GIF": "gif"}
UPLOAD_FOLDER = "uploads"


class Refused(Exception):
    """The file is not an image we accept; the message is shown to the editor."""


def may_upload(user):
    """The people who may write a reviewed item (an article, an FAQ entry...) may upload."""
    if not (user.is_active and user.is_staff):
        return False
    return any(
        user.has_perm(f"{model._meta.app_label}.{action}_{model._meta.model_name}")
        for model in reviewable_models()
        for action in ("add", "change")
    )


def detect_format(upload):
    """Return the stored extension for `upload`, or raise Refused saying why not."""
    if upload.size > MAX_BYTES:
        raise Refused(f"The image is larger than {MAX_BYTES // (1024 * 1024)} MB.")
    head = upload.read(512).lstrip().lower()
    upload.seek(0)
    if head.startswith((b"<?xml", b"<svg", b"<!doctype svg")) or b"<svg" in head:
        raise Refused("SVG images are not accepted: upload a JPEG, PNG, WebP or GIF.")
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(upload) as image:
                kind = image.format
                width, height = image.size
                if kind not in FORMATS:
                    raise Refused("Only JPEG, PNG, WebP and GIF images are accepted.")
                if width > MAX_SIDE or height > MAX_SIDE:
                    raise Refused(f"The image is larger than {MAX_SIDE}×{MAX_SIDE} pixels.")
                image.verify()
    except (Image.DecompressionBombError, Image.DecompressionBombWarning) as error:
        raise Refused(f"The image has too many pixels (at most {MAX_SIDE}×{MAX_SIDE}).") from error
    except UnidentifiedImageError as error:
        raise Refused("This file is not an image: upload a JPEG, PNG, WebP or GIF.") from error
    except (OSError, SyntaxError, ValueError) as error:  # Pillow's "broken image" errors.
        raise Refused("This image file is damaged and cannot be read.") from error
    finally:
        upload.seek(0)
    return FORMATS[kind]


def stored_name(original, extension, *, now=None):
    """uploads/<yyyy>/<mm>/<slug of the base name>-<random>.<extension>: no path, no dots."""
    now = now or timezone.now()
    base = PurePosixPath(str(original).replace("\\", "/")).name
    stem = slugify(base.rsplit(".", 1)[0])[:60].strip("-") or "image"
    return f"{UPLOAD_FOLDER}/{now:%Y/%m}/{stem}-{secrets.token_hex(4)}.{extension}"


def refuse(message):
    return JsonResponse({"uploaded": 0, "error": {"message": message}})


@require_POST
def upload_image(request):
    """Store one image from the editor and answer in CKEditor's upload format."""
    if not may_upload(request.user):
        return JsonResponse(
            {"uploaded": 0, "error": {"message": "You may not upload images."}}, status=403
        )
    # Refuse a body far over the limit before it is read at all.
    if int(request.META.get("CONTENT_LENGTH") or 0) > MAX_BYTES + 64 * 1024:
        return refuse(f"The image is larger than {MAX_BYTES // (1024 * 1024)} MB.")
    upload = request.FILES.get("upload")
    if upload is None:
        return refuse("No file was sent.")
    try:
        extension = detect_format(upload)
    except Refused as refusal:
        return refuse(str(refusal))
    name = default_storage.save(stored_name(upload.name, extension), upload)
    return JsonResponse(
        {"uploaded": 1, "fileName": PurePosixPath(name).name, "url": default_storage.url(name)}
    )
