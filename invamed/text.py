"""
Plain text as people type it, made safe to store, address and search, in any of our languages.

- `clean_text`: control characters (a vertical tab pasted from a word processor, a NUL) become
  spaces; every plain-text field of the content is stored through it (PlainTextModel), so no
  page, feed or e-mail header ever meets one.
- `slugify`: an ASCII address from a title in any language, transliterated rather than dropped
  ("Omurga kırığı" -> "omurga-kirigi"), never empty when the text has letters or digits.
- `searchable`: text as search compares it, with the language's case rules (Turkish "I" is
  the capital of "ı", "İ" of "i").
- `lower`: lower case by the language's rules, for a word inside a sentence.
- `capfirst`: the first letter made a capital by the language's rules (Turkish "i" -> "İ").
- `sort_key`, `initial`: alphabetical order and the letter a word is filed under, in the
  language's alphabet (Turkish "ç" after "c", its own letter; English files "ö" under "o").
"""

import functools
import hashlib
import unicodedata

from django.db import models
from django.utils.functional import Promise
from django.utils.text import slugify as django_slugify

# Letters that Unicode does not decompose into an ASCII base letter plus accents.
TRANSLITERATIONS = str.maketrans(
    {"ı": "i", "İ": "I", "ß": "ss", "æ": "ae", "Æ": "AE", "ø": "o", "Ø": "O", "ł": "l", "Ł": "L",
     "đ": "d", "Đ": "D", "œ": "oe", "Œ": "OE"}
)  # fmt: skip
# The alphabets with letters of their own, in their order; any other language sorts and files
# a letter with its accents as the letter without them.
ALPHABETS = {"tr": "abcçdefgğhıijklmnoöpqrsştuüvwxyz"}
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


def dotted_i(language):
    """True for the languages (Turkish, Azerbaijani) whose "i" and "ı" are different letters."""
    return (language or "").split("-")[0] in ("tr", "az")


def lower(text, language=None):
    """`text` in lower case by the rules of `language` (Turkish "I" -> "ı").

    "İ" is "i" in every language: Unicode lower-cases it to "i" plus a combining dot, which no
    one types, so "İstanbul" in an English text would never match "istanbul"."""
    text = (text or "").replace("İ", "i")
    if dotted_i(language):
        text = text.replace("I", "ı")
    return text.lower()


def searchable(text, language=None):
    """`text` lower-cased with the case rules of `language`, for search to compare."""
    return unicodedata.normalize("NFC", lower(text, language))


def capfirst(text, language=None):
    """`text` with its first letter a capital by the case rules of `language`."""
    if not text:
        return text
    first = "İ" if text[0] == "i" and dotted_i(language) else text[0].upper()
    return first + text[1:]


# Words a title leaves in lower case (after its first word), per language.
TITLE_SMALL_WORDS = {
    "en": {"a", "an", "and", "as", "at", "by", "for", "in", "of", "on", "or", "the", "to", "with"},
    "tr": {"da", "de", "ile", "ki", "mi", "ve", "veya", "ya"},
}


def title_case(text, language=None):
    """`text` in title case by the rules of `language`: each word's first letter a capital
    ("İ" for "i" in Turkish) except the small words of TITLE_SMALL_WORDS after the first; the
    other letters are kept as written ("MRI", "pH")."""
    small = TITLE_SMALL_WORDS.get((language or "").split("-")[0], set())
    words = (text or "").split(" ")
    return " ".join(
        word if n and word in small else capfirst(word, language) for n, word in enumerate(words)
    )


def unaccented(text):
    """`text` with its accents removed and every letter transliterated ("öksürük" -> "oksuruk")."""
    decomposed = unicodedata.normalize("NFKD", str(text).translate(TRANSLITERATIONS))
    return "".join(c for c in decomposed if not unicodedata.combining(c))


# Kept per process: a list of topics sorts and files the same names on every render.
@functools.lru_cache(maxsize=4096)
def sort_key(text, language=None):
    """What `text` sorts by, alphabetically in `language`, case and (where the alphabet has no
    such letter) accents aside; ties are broken by the text itself."""
    folded = searchable(text, language)
    alphabet = ALPHABETS.get((language or "").split("-")[0])
    if alphabet is None:
        return unaccented(folded), folded
    letters = "".join(c if c in alphabet else unaccented(c) for c in folded)
    # Letters after digits, spaces and punctuation, in the alphabet's order.
    return tuple(alphabet.index(c) + 0x80 if c in alphabet else ord(c) for c in letters), folded


@functools.lru_cache(maxsize=4096)
def initial(text, language=None):
    """The capital letter `text` is filed under in `language`, "#" when it starts otherwise."""
    first = searchable(text, language)[:1]
    if first not in ALPHABETS.get((language or "").split("-")[0], ""):
        first = unaccented(first)[:1]
    first = capfirst(first, language)
    return first if first.isalpha() else "#"


class PlainTextModel(models.Model):
    """A model whose every plain-text field (CharField, TextField) is stored through
    clean_text: one line for a CharField, lines kept for a TextField. A field that holds markup
    says so with `keeps_markup = True` (the rich-text field, which is sanitised instead)."""

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        for field in self._meta.concrete_fields:
            if not isinstance(field, models.CharField | models.TextField):
                continue
            if getattr(field, "keeps_markup", False) or field.choices:
                continue
            value = getattr(self, field.attname)
            if isinstance(value, Promise):  # a lazy translation given as a value
                value = str(value)
            if isinstance(value, str):
                setattr(
                    self,
                    field.attname,
                    clean_text(value, multiline=isinstance(field, models.TextField)),
                )
        super().save(*args, **kwargs)
