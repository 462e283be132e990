"""
What changed between two versions of an item, for a reviewer.

Versions are compared field by field on their `content` snapshots. Rich text is compared as the
text a reader sees (tags removed, one line per paragraph, heading or list item), word by word.
Everything is escaped here; the result marks removed words with <del> on the old side and added
words with <ins> on the new side, for a side-by-side view.
"""

import difflib
import re
from dataclasses import dataclass
from html.parser import HTMLParser

from django.core.exceptions import FieldDoesNotExist
from django.utils.html import escape
from django.utils.safestring import mark_safe

BLOCK_TAGS = {
    "p", "br", "h1", "h2", "h3", "h4", "li", "blockquote", "tr", "table", "figure",
    "figcaption", "caption", "hr", "ul", "ol",
}  # fmt: skip


class _TextExtractor(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts = []

    def handle_starttag(self, tag, attrs):
        if tag in BLOCK_TAGS:
            self.parts.append("\n")
        if tag == "img":
            alt = dict(attrs).get("alt") or ""
            self.parts.append(f"[image: {alt}]")
        if tag in ("td", "th"):
            self.parts.append(" | ")

    def handle_endtag(self, tag):
        if tag in BLOCK_TAGS:
            self.parts.append("\n")

    def handle_data(self, data):
        self.parts.append(data)


def html_to_text(html):
    """The readable text of rich-text HTML: one line per block, no tags."""
    parser = _TextExtractor()
    parser.feed(html or "")
    parser.close()
    lines = (
        re.sub(r"[ \t\r\f\v]+", " ", line).strip() for line in "".join(parser.parts).split("\n")
    )
    return "\n".join(line for line in lines if line)


@dataclass
class FieldDiff:
    name: str
    label: str
    changed: bool
    old: str  # safe HTML: escaped text with <del> marks
    new: str  # safe HTML: escaped text with <ins> marks


def readable(model, name, value):
    """A snapshot value as text: related objects by name, lists one per line, HTML as text."""
    if value is None or value == "":
        return ""
    try:
        field = model._meta.get_field(name)
    except FieldDoesNotExist:
        field = None
    if field is not None and field.many_to_one:
        obj = field.related_model._default_manager.filter(pk=value).first()
        return str(obj) if obj is not None else f"#{value} (deleted)"
    if isinstance(value, list):
        if all(isinstance(v, dict) for v in value):  # references
            return "\n".join(
                f"{i}. " + " ".join(str(v) for v in row.values() if v)
                for i, row in enumerate(value, start=1)
            )
        return ", ".join(str(v) for v in value)
    value = str(value)
    if "<" in value and ">" in value:
        return html_to_text(value)
    return value


def _tokens(text):
    return re.findall(r"\S+\s*|\s+", text)  # a word with the space after it


def mark_changes(old_text, new_text):
    """(old HTML, new HTML): escaped, removed words in <del>, added words in <ins>."""
    old_tokens, new_tokens = _tokens(old_text), _tokens(new_text)
    old_out, new_out = [], []
    matcher = difflib.SequenceMatcher(None, old_tokens, new_tokens, autojunk=False)
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        old_part = escape("".join(old_tokens[i1:i2]))
        new_part = escape("".join(new_tokens[j1:j2]))
        if op == "equal":
            old_out.append(old_part)
            new_out.append(new_part)
            continue
        if old_part:
            old_out.append(f"<del>{old_part}</del>")
        if new_part:
            new_out.append(f"<ins>{new_part}</ins>")
    return mark_safe("".join(old_out)), mark_safe("".join(new_out))  # noqa: S308 - escaped above.


def compare(model, old_content, new_content):
    """Field-by-field comparison of two snapshots of a `model` item (old may be empty)."""
    old_content = old_content or {}
    names = list(new_content) + [n for n in old_content if n not in new_content]
    result = []
    for name in names:
        old_text = readable(model, name, old_content.get(name))
        new_text = readable(model, name, new_content.get(name))
        old_html, new_html = mark_changes(old_text, new_text)
        try:
            field = model._meta.get_field(name)
        except FieldDoesNotExist:
            field = None
        label = str(getattr(field, "verbose_name", name.replace("_", " ")))
        result.append(FieldDiff(name, label.capitalize(), old_text != new_text, old_html, new_html))
    return result
