"""
Plain text as people type it, made safe to store, address and search, in any of our languages.

- `clean_text`: control characters (a vertical tab pasted from a word processor, a NUL) become
  spaces; every plain-text field of the content is stored through it, so no page, feed or
  e-mail header ever meets one.
- `slugify`: an ASCII address from a title in any language, transliterated rather than dropped
  ("Omurga kırığı" -> "omurga-kirigi"), never empty when the text has letters or digits.
- `searchable`: text as search compares it, with the language's case rules (Turkish "I" is
  the capital of "ı", "İ" of "i").
"""

import hashlib
import unicodedata

from django.utils.text import slugify as django_slugify

# Letters that Unicode does not decompose into an ASCII base letter plus accents.
TRANSLITERATIONS = str.maketrans(
    {"ı": "i", "İ": "I", "ß": "ss", "æ": "ae", "Æ": "AE", "ø": "o", "Ø": "O", "ł": "l", "Ł": "L",
     "đ": "d", "Đ": "D", "œ": "oe", "Œ": "OE"}
)  # fmt: skip
# Line and paragraph separators are kept as line breaks by the fields that allow several lines.
LINE_BREAKS = {"\n", "\r", "\u2028", "\u2029"}


def clean_text(value, *, multiline=False):
    """`value` without control, surrogate, private-use or unassigned characters.

    Each becomes a space (a tab or a vertical tab usually separates words); a multi-line field
    keeps its line breaks, as "\\n". Surrounding whitespace is kept as typed.
    """
    if not value:
        return value
    kept = []
    for ch in str(value):
        if multiline and ch in LINE_BREAKS:
            kept.append("\n" if ch != "\r" else "")
        elif unicodedata.category(ch) in {"Cc", "Cs", "Co", "Cn", "Zl", "Zp"}:
            kept.append(" ")
        else:
            kept.append(ch)
    return "".join(kept)


def slugify(value, fallback_prefix=""):
    """An ASCII slug of `value` with every letter transliterated, or "" when nothing is left.

    With `fallback_prefix`, text made only of symbols ("!!!", "±", an emoji) gets a stable slug
    of its own instead: the prefix and a short hash of the text.
    """
    ascii_slug = django_slugify(str(value or "").translate(TRANSLITERATIONS))
    if ascii_slug or not fallback_prefix or not str(value or "").strip():
        return ascii_slug
    digest = hashlib.sha256(str(value).strip().encode("utf-8")).hexdigest()[:8]
    return f"{fallback_prefix}-{digest}"


def searchable(text, language=None):
    """`text` lower-cased with the case rules of `language`, for search to compare."""
    text = text or ""
    if (language or "").split("-")[0] in ("tr", "az"):
        text = text.replace("I", "ı").replace("İ", "i")
    return unicodedata.normalize("NFC", text.lower())
