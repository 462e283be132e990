"""
Rendered pieces of signed versions (an article's card, an FAQ answer), kept by each process.

A signed version never changes, so a piece's key names the version (its id and fingerprint) and
every other thing the piece shows that can change without a new version: a category's name, a
date a re-review moves, the page's language. A key therefore never needs invalidating, only
evicting, and a publication elsewhere on the site (which retires every stored page) keeps them.
A piece of plain facts (a page's trail, a sign-off) is kept the same way under the facts
themselves (render_template). They live in the process's own memory (the `fragments` cache),
never in the shared cache: a deploy that changes a template starts with none.
"""

import datetime
import hashlib

from django.core.cache import InvalidCacheBackendError, caches
from django.core.signals import setting_changed
from django.template.loader import get_template
from django.urls import get_script_prefix
from django.utils import timezone, translation
from django.utils.functional import Promise
from django.utils.safestring import SafeData, mark_safe

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


def plain(value):
    """`value` as a key part that says all a template can read of it, for text, numbers, dates,
    None, and tuples, lists and dicts of them; TypeError for anything else (a model instance's
    repr does not say what it shows).

    Text marked safe is told apart from text to escape, and a named tuple from a plain one."""
    if value is None or isinstance(value, bool | int | float):
        return value
    if isinstance(value, str):
        return ("safe", str(value)) if isinstance(value, SafeData) else str(value)
    if isinstance(value, Promise):  # a lazy translation: its text in the current language
        return str(value)
    if isinstance(value, datetime.date | datetime.time | datetime.timedelta):
        return value
    if isinstance(value, list | tuple):
        items = tuple(plain(item) for item in value)
        return items if type(value) in (list, tuple) else (type(value).__qualname__, items)
    if isinstance(value, dict):
        return ("dict", tuple(sorted((str(k), plain(v)) for k, v in value.items())))
    raise TypeError(f"A kept template's context holds plain values, not {type(value).__name__}.")


def render_template(name, context):
    """Template `name` rendered with `context`, kept under its name and every value of the
    context (see plain()), besides the language, time zone and script prefix it renders in.

    For a piece a page shows of things that can change without a new version (a sign-off's
    reviewer, a trail of links): the key is what it shows, so it needs no invalidation either.
    """
    parts = (
        "template", name, translation.get_language(), timezone.get_current_timezone_name(),
        get_script_prefix(), plain(context),
    )  # fmt: skip
    return render_one(key(*parts), lambda: get_template(name).render(context))


def forget(**_signal):
    """Drop every kept piece: after a change of settings (storage, languages, templates)."""
    cache = kept()
    if cache is not None:
        cache.clear()


setting_changed.connect(forget, dispatch_uid="invamed.fragments.forget")
