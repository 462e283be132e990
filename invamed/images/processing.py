"""
What an uploaded picture goes through before anything is stored: the checks, the metadata
stripping and the renditions. Pure functions on bytes and Pillow images: no model, no storage.

Accepted: raster images only (JPEG, PNG, WebP, GIF), recognised by Pillow from their content,
not from their name or the type the browser claims; at most MAX_BYTES and MAX_SIDE pixels a
side; still pictures only. SVG (it can carry script) and anything Pillow does not recognise are
refused.

Nothing of the uploaded file is kept but its pixels. The EXIF orientation is applied first (so a
phone photo stays upright), colours are converted to sRGB when the file embeds a colour profile,
and the pixels are copied into a new image that has no metadata at all: no EXIF (camera, device
serial, GPS position, dates), no XMP, no IPTC, no comments, no text chunks, no colour profile.
A clinical picture must never carry a patient's name or where it was taken. That new image is
encoded again as the stored original, and every rendition is made from it.
"""

import io
import warnings
from dataclasses import dataclass

from PIL import Image, ImageCms, ImageOps, UnidentifiedImageError, features

MAX_BYTES = 5 * 1024 * 1024
MAX_SIDE = 6000
# Pillow's own decompression-bomb guard, set to our limit: a header announcing more pixels than
# this raises before anything is decoded (with the warning between 1x and 2x made an error below).
Image.MAX_IMAGE_PIXELS = MAX_SIDE * MAX_SIDE

# Pillow's names of the formats we accept. MPO is how Pillow names the JPEGs that many phone
# cameras write (a JPEG with extra pictures appended): it is stored as a JPEG.
ACCEPTED = {"JPEG", "MPO", "PNG", "WEBP", "GIF"}

# Rendition widths in CSS pixels' worth of image pixels; none is wider than the original.
WIDTHS = (480, 800, 1200, 1600)
# The rendition meant for link previews (og:image, twitter:image, JSON-LD): the one nearest.
SOCIAL_WIDTH = 1200
# AVIF when this build of Pillow can write it (the pinned wheels can), then WebP; the original's
# own kind (JPEG or PNG) is the fallback every browser reads.
MODERN_FORMATS = (("AVIF",) if features.check("avif") else ()) + ("WEBP",)

EXTENSIONS = {"JPEG": "jpg", "PNG": "png", "WEBP": "webp", "AVIF": "avif"}
MIME_TYPES = {"JPEG": "image/jpeg", "PNG": "image/png", "WEBP": "image/webp", "AVIF": "image/avif"}
# Python's mimetypes does not know every one of these on every version: ours, in one place.
MIME_BY_EXTENSION = {EXTENSIONS[kind]: mime for kind, mime in MIME_TYPES.items()}
ENCODER_OPTIONS = {
    "JPEG": {"quality": 85, "optimize": True, "progressive": True},
    "PNG": {"optimize": True},
    "WEBP": {"quality": 80, "method": 4},
    "AVIF": {"quality": 60, "speed": 8},
}
# The stored original is encoded once, at a higher quality than the renditions.
ORIGINAL_OPTIONS = {**ENCODER_OPTIONS, "JPEG": {"quality": 92, "optimize": True}}
ORIGINAL_OPTIONS["WEBP"] = {"quality": 92, "method": 4}


class Refused(Exception):
    """The file is not an image we accept; the message is shown to the editor."""


@dataclass(frozen=True)
class Encoded:
    """One encoded picture: the stored original or a rendition."""

    data: bytes
    format: str  # "JPEG", "PNG", "WEBP" or "AVIF"
    width: int
    height: int

    @property
    def extension(self):
        return EXTENSIONS[self.format]


@dataclass(frozen=True)
class Prepared:
    """An accepted upload, stripped: the original to store and the pixels to make renditions of."""

    original: Encoded
    pixels: Image.Image

    @property
    def fallback_format(self):
        return fallback_format(self.original.format, self.pixels)


def _check_header(upload):
    size = getattr(upload, "size", None)
    if size is None:
        size = len(upload.read())
    upload.seek(0)
    if size > MAX_BYTES:
        raise Refused(f"The image is larger than {MAX_BYTES // (1024 * 1024)} MB.")
    head = upload.read(512).lstrip().lower()
    upload.seek(0)
    if head.startswith((b"<?xml", b"<svg", b"<!doctype svg")) or b"<svg" in head:
        raise Refused("SVG images are not accepted: upload a JPEG, PNG, WebP or GIF.")


def _open(upload):
    """The decoded picture, or Refused saying why not."""
    _check_header(upload)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(upload) as image:
                if image.format not in ACCEPTED:
                    raise Refused("Only JPEG, PNG, WebP and GIF images are accepted.")
                width, height = image.size
                if width > MAX_SIDE or height > MAX_SIDE:
                    raise Refused(f"The image is larger than {MAX_SIDE}×{MAX_SIDE} pixels.")
                image.verify()
            upload.seek(0)
            image = Image.open(upload)
            if getattr(image, "n_frames", 1) > 1 and image.format != "MPO":
                raise Refused("Animated images are not accepted: upload a still picture.")
            image.load()
    except (Image.DecompressionBombError, Image.DecompressionBombWarning) as error:
        raise Refused(f"The image has too many pixels (at most {MAX_SIDE}×{MAX_SIDE}).") from error
    except UnidentifiedImageError as error:
        raise Refused("This file is not an image: upload a JPEG, PNG, WebP or GIF.") from error
    except (OSError, SyntaxError, ValueError, EOFError) as error:  # Pillow's "broken image" errors
        raise Refused("This image file is damaged and cannot be read.") from error
    finally:
        upload.seek(0)
    return image


def _has_alpha(image):
    if not image.has_transparency_data:
        return False
    alpha = image.convert("RGBA").getchannel("A")
    return alpha.getextrema() != (255, 255)


def _to_srgb(image):
    """The picture's colours in sRGB, whatever colour profile it embedded (if any)."""
    profile = image.info.get("icc_profile")
    mode = "RGBA" if _has_alpha(image) else "RGB"
    if profile and image.mode in ("RGB", "RGBA", "CMYK", "L"):
        try:
            source = ImageCms.ImageCmsProfile(io.BytesIO(profile))
            converted = ImageCms.profileToProfile(
                image.convert("RGBA") if mode == "RGBA" and image.mode != "RGBA" else image,
                source,
                ImageCms.createProfile("sRGB"),
                outputMode=mode,
            )
            if converted is not None:
                return converted
        except (ImageCms.PyCMSError, OSError, ValueError):
            pass  # A broken profile: the pixels are taken as they are.
    return image.convert(mode)


def strip(image):
    """A new picture made of `image`'s pixels alone, upright, in sRGB: no metadata at all.

    Image.frombytes starts from an empty `info`, so no encoder finds an EXIF block, an XMP
    packet, a comment, a text chunk or a colour profile to write back.
    """
    upright = ImageOps.exif_transpose(image)
    pixels = _to_srgb(upright)
    return Image.frombytes(pixels.mode, pixels.size, pixels.tobytes())


def fallback_format(original_format, pixels):
    """The kind every browser reads: the original's (JPEG or PNG); for a WebP original, PNG
    when the picture has transparency, else JPEG."""
    if original_format in ("JPEG", "PNG"):
        return original_format
    return "PNG" if pixels.mode == "RGBA" else "JPEG"


def original_format(uploaded_format, pixels):
    """What the stored original is encoded as: the uploaded kind, a GIF as PNG (lossless, and
    without the 256-colour palette), a picture with transparency never as JPEG."""
    kind = {"MPO": "JPEG", "GIF": "PNG"}.get(uploaded_format, uploaded_format)
    if kind == "JPEG" and pixels.mode == "RGBA":
        return "PNG"
    return kind


def encode(pixels, kind, options=ENCODER_OPTIONS):
    buffer = io.BytesIO()
    pixels.save(buffer, kind, **options[kind])
    return Encoded(buffer.getvalue(), kind, *pixels.size)


def prepare(upload):
    """Check an upload and strip it: Prepared, or Refused saying why not."""
    image = _open(upload)
    uploaded_format = image.format
    pixels = strip(image)
    image.close()
    original = encode(pixels, original_format(uploaded_format, pixels), ORIGINAL_OPTIONS)
    return Prepared(original, pixels)


def rendition_widths(width):
    """The widths made for a picture `width` pixels wide: never wider than it."""
    widths = [w for w in WIDTHS if w < width]
    if width <= WIDTHS[-1]:
        widths.append(width)
    else:
        widths.append(WIDTHS[-1])
    return sorted(set(widths))


def renditions(prepared):
    """Every rendition of a prepared picture: each width in each format."""
    pixels = prepared.pixels
    width, height = pixels.size
    for target in rendition_widths(width):
        if target == width:
            resized = pixels
        else:
            resized = pixels.resize(
                (target, max(1, round(height * target / width))), Image.Resampling.LANCZOS
            )
        for kind in (*MODERN_FORMATS, prepared.fallback_format):
            yield encode(resized, kind)
