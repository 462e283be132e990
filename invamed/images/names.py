"""
Where stored files live in the media storage: content-addressed names, one place.

An original is images/<first two hex digits>/<SHA-256 of its bytes>.<ext>; a rendition is
images/<..>/<original's SHA-256>-<width>w-<first 12 hex digits of its own SHA-256>.<ext>. A name
therefore never changes meaning: what is stored under it is always the same bytes, so it can be
served with far-future cache headers, and a replaced picture gets new names.
"""

import re

FOLDER = "images"
# What is stored under a hashed name never changes: browsers and proxies may keep it a year.
IMMUTABLE = "public, max-age=31536000, immutable"
HASHED = re.compile(
    rf"^{FOLDER}/[0-9a-f]{{2}}/[0-9a-f]{{64}}(?:-[0-9]{{1,5}}w-[0-9a-f]{{12}})?"
    r"\.(?:jpg|png|webp|avif)$"
)


def original(sha256, extension):
    return f"{FOLDER}/{sha256[:2]}/{sha256}.{extension}"


def rendition(source_sha256, width, own_sha256, extension):
    return f"{FOLDER}/{source_sha256[:2]}/{source_sha256}-{width}w-{own_sha256[:12]}.{extension}"


def is_hashed(name):
    """True for a name this app gave a stored file (never changes content: cache forever)."""
    return bool(HASHED.match(name))
