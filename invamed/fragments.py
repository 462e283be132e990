"""
Rendered pieces of signed versions (an article's card, an FAQ answer), kept by each process.

A signed version never changes, so a piece's key names the version (its id and fingerprint) and
every other thing the piece shows that can change without a new version: a category's name, a
date a re-review moves, the page's language. A key therefore never needs invalidating, only
evicting, and a publication elsewhere on the site (which retires every stored page) keeps them.
They live in the process's own memory (the `fragments` cache), never in the shared cache: a
deploy that changes a template starts with none.
"""

import hashlib

from django.core.cache import InvalidCacheBackendError, caches
from django.core.signals import setting_changed
from django.utils.safestring import mark_safe

CACHE = "fragments"


def key(*parts):
    """A key for a piece made from `parts` (values whose repr says what they are)."""
    return hashlib.blake2b(repr(parts).encode(), digest_size=16).hexdigest()


def kept():
    """The cache of pieces, or None under settings that name none (every piece is rendered)."""
    try:
        return caches[CACHE]
    except InvalidCacheBackendError:
        return None


def render_many(items, key_of, render):
    """The HTML of `items`' pieces joined, each from the cache where kept.

    `key_of(item)` is the key of its piece (see key()); `render(items)` renders the pieces of
    those not kept, a string each in order, and is called once, with all of them.
    """
    cache = kept()
    if cache is None:
        return mark_safe("".join(render(items)))  # noqa: S308 - each piece is a template's output.
    keys = [key_of(item) for item in items]
    found = cache.get_many(keys)
    missing = [(k, item) for k, item in zip(keys, items, strict=True) if k not in found]
    if missing:
        pieces = render([item for _k, item in missing])
        made = dict(zip((k for k, _item in missing), pieces, strict=True))
        cache.set_many(made)
        found.update(made)
    return mark_safe("".join(found[k] for k in keys))  # noqa: S308 - each piece is a template's output.


def render_one(key, render):
    """The HTML of one piece: `render()`'s, kept under `key` (see key())."""
    return render_many([key], lambda same: same, lambda _missing: [render()])


def forget(**_signal):
    """Drop every kept piece: after a change of settings (storage, languages, templates)."""
    cache = kept()
    if cache is not None:
        cache.clear()


setting_changed.connect(forget, dispatch_uid="invamed.fragments.forget")
