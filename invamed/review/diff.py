"""
What changed between two versions of an item, as a reviewer must see it before signing.

Each field of the two snapshots is read into tokens that carry everything a visitor could see of
it: words with their formatting (bold, italics, superscript, subscript, in a link), the spaces
between them, where a paragraph, heading, list item or table cell starts, a link's target, an
image's address and alt text, a tag, a related record by name. What looks the same reads into
the same tokens (white space, attribute order, <b> or <strong>), so the comparison marks only
what a visitor could notice: on the old side in <del>, on the new side in <ins>. Rich text is
sanitised first, as the public page does; everything shown is escaped here.

The diff knows no app: it reads a snapshot through the item model's `_meta` and its parts
(references, placed FAQ entries) through `Reviewable.parts()`.
"""

import difflib
import re
import unicodedata
from dataclasses import dataclass, field, replace
from html.parser import HTMLParser

from django.core.exceptions import FieldDoesNotExist, ValidationError
from django.db import models
from django.urls import NoReverseMatch, reverse
from django.utils.html import escape, format_html
from django.utils.safestring import mark_safe
from django.utils.text import capfirst

from invamed import richtext
from invamed.images import references, rendering

from .models import Reviewable, canonical_json

# Characters that take no room on the page: text that differs only by them looks the same.
INVISIBLE = dict.fromkeys(map(ord, "\u200b\u2060\ufeff"))
# Inline elements that change what a word means or how it reads, by the name a reviewer knows.
MARKS = {
    "strong": "bold", "b": "bold", "em": "italics", "i": "italics",
    "sup": "superscript", "sub": "subscript",
}  # fmt: skip
MARK_TAGS = {"link": "span", "bold": "strong", "italics": "em", "superscript": "sup",
             "subscript": "sub"}  # fmt: skip
HEADINGS = {f"h{level}": level for level in range(1, 7)}
BLOCK_TAGS = {
    "p", "div", "blockquote", "ul", "ol", "li", "table", "thead", "tbody", "tfoot", "tr", "td",
    "th", "caption", "figure", "figcaption", "pre", *HEADINGS,
}  # fmt: skip
VOID_TAGS = {"br", "hr", "img", "wbr", "col", "source", "input", "area", "embed", "track"}


# Tokens. Two tokens are equal when a visitor could not tell them apart.


@dataclass(frozen=True)
class Word:
    text: str
    marks: frozenset = frozenset()
    # Whether white space comes before it in its block. Not compared: a word is the same word
    # whatever the gap before it; a gap that appears or goes is found on the aligned words.
    space: bool = field(default=False, compare=False)


@dataclass(frozen=True)
class Break:
    """A line break inside a block (<br>)."""


BREAK = Break()


@dataclass(frozen=True)
class Block:
    """The start of a paragraph, heading, list item, table cell...: what follows is in it."""

    kind: str = "paragraph"  # paragraph, heading, item, cell, caption, rule
    level: int = 0  # a heading's level; a list item's depth
    ordered: bool = False
    header: bool = False
    row: str = ""  # a cell that starts a table ("table") or a row ("row")
    span: tuple = (1, 1)  # a cell's columns and rows
    quote: bool = False
    # A list item's number follows from its place: an item added before it is the change.
    number: int = field(default=0, compare=False)

    def label(self):
        if self.kind == "heading":
            text = f"Heading {self.level}"
        elif self.kind == "item":
            text = f"{self.number}." if self.ordered else "•"
        elif self.kind == "cell":
            text = "Header cell" if self.header else "Cell"
            columns, rows = self.span
            text += f" ({columns} columns)" if columns > 1 else ""
            text += f" ({rows} rows)" if rows > 1 else ""
            text = {"table": "Table: ", "row": "New row: "}.get(self.row, "") + text
        else:
            text = {"caption": "Table caption", "rule": "Horizontal line"}.get(
                self.kind, "Paragraph"
            )
        if self.quote:
            text = "Quote" if self.kind == "paragraph" else f"Quote, {text}"
        return text

    def css_class(self):
        classes = f"diff-block diff-block--{self.kind}"
        if self.kind == "item":
            classes += f" diff-depth-{min(self.level, 4)}"
        return classes + (" diff-block--quote" if self.quote else "")


@dataclass(frozen=True)
class Link:
    """The target of the link whose words come just before it."""

    href: str
    title: str = ""


@dataclass(frozen=True)
class Picture:
    """An image: its address and alt text, and the file, caption and credit the snapshot
    records for it (when it records image references)."""

    src: str
    alt: str
    sha256: str = ""
    caption: str = ""
    credit: str = ""
    space: bool = field(default=False, compare=False)


@dataclass(frozen=True)
class Record:
    """A value shown by its name (a category, a tag, a flag): compared by what it is."""

    key: object
    text: str = field(compare=False)


def words(text, space=False):
    """Plain text as words, each but the first after a space."""
    found = unicodedata.normalize("NFC", str(text)).translate(INVISIBLE).split()
    return [Word(word, space=space or n > 0) for n, word in enumerate(found)]


def _integer(value, default, low=1, high=1000):
    """An HTML attribute's number as a browser reads it (leading ASCII digits), kept in range."""
    match = re.match(r"\s*(-?[0-9]+)", value or "", re.ASCII)
    return min(max(int(match[1]), low), high) if match else default


class _RichText(HTMLParser):
    """Sanitised rich text as tokens (see the module docstring)."""

    def __init__(self, images):
        super().__init__(convert_charrefs=True)
        self.images = images  # image id -> the reference the snapshot records for it
        self.tokens = []
        self.open = []  # [(tag, attributes, block fields or None, len(tokens) at the start)]
        self.lists = []  # [[ordered, next number]]
        self.starts_block = True
        self.space = False
        self.breaks = 0
        self.new_table = False
        self.row = ""

    def _boundary(self):
        """A block starts or ends: the next content starts a new one; breaks and white space
        at a block's end show nothing."""
        self.starts_block, self.breaks, self.space = True, 0, False

    def _block(self):
        quote = any(tag == "blockquote" for tag, *_rest in self.open)
        for _tag, _attributes, block, _start in reversed(self.open):
            if block is not None:
                return Block(**block, quote=quote)
        return Block(quote=quote)

    def _marks(self):
        marks = {MARKS[tag] for tag, *_rest in self.open if tag in MARKS}
        if any(tag == "a" and attributes.get("href") for tag, attributes, *_rest in self.open):
            marks.add("link")
        return frozenset(marks)

    def _inline(self, token, gap):
        """Add a word or an image; `gap`: white space came before it."""
        if self.starts_block:
            self.tokens.append(self._block())
            self.starts_block, gap = False, False
        if self.breaks:
            self.tokens.extend([BREAK] * self.breaks)
            self.breaks, gap = 0, False
        self.tokens.append(replace(token, space=gap))

    def _picture(self, attributes):
        src = attributes.get("src", "")
        ref = self.images.get(references.image_id(src)) or {}
        return picture_of(ref, src=src, alt=" ".join(attributes.get("alt", "").split()))

    def handle_starttag(self, tag, attrs):
        attributes = {name: value or "" for name, value in attrs}
        if tag == "br":
            self.breaks, self.space = self.breaks + 1, False
            return
        if tag == "hr":
            self._boundary()
            self.tokens.append(Block("rule", quote=self._block().quote))
            return
        if tag == "img":
            self._inline(self._picture(attributes), self.space)
            self.space = False
            return
        if tag in VOID_TAGS:
            return
        block = None
        if tag in ("ul", "ol"):
            start = _integer(attributes.get("start"), 1, low=-(10**6), high=10**6)
            self.lists.append([tag == "ol", start if tag == "ol" else 1])
        elif tag == "li":
            ordered, number = self.lists[-1] if self.lists else (False, 1)
            if self.lists:
                self.lists[-1][1] += 1
            block = {"kind": "item", "ordered": ordered, "number": number, "level": len(self.lists)}
        elif tag == "table":
            self.new_table = True
        elif tag == "tr":
            self.row, self.new_table = ("table" if self.new_table else "row"), False
        elif tag in ("td", "th"):
            span = (_integer(attributes.get("colspan"), 1), _integer(attributes.get("rowspan"), 1))
            block = {"kind": "cell", "header": tag == "th", "row": self.row, "span": span}
            self.row = ""
        elif tag == "caption":
            block = {"kind": "caption"}
        elif tag in HEADINGS:
            block = {"kind": "heading", "level": HEADINGS[tag]}
        if tag in BLOCK_TAGS:
            self._boundary()
        self.open.append((tag, attributes, block, len(self.tokens)))

    def handle_endtag(self, tag):
        opened = [name for name, *_rest in self.open]
        if tag not in opened:
            return
        index = len(opened) - 1 - opened[::-1].index(tag)
        closing = self.open[index:]
        del self.open[index:]
        for name, attributes, _block, start in reversed(closing):
            # A link that shows nothing is not seen; one that does shows where it leads.
            if name == "a" and attributes.get("href") and len(self.tokens) > start:
                title = " ".join(attributes.get("title", "").split())
                self.tokens.append(Link(attributes["href"], title))
            if name in ("ul", "ol") and self.lists:
                self.lists.pop()
            if name in BLOCK_TAGS:
                self._boundary()

    def handle_data(self, data):
        text = unicodedata.normalize("NFC", data).translate(INVISIBLE)
        position = 0
        for match in re.finditer(r"\S+", text):
            gap = self.space or match.start() > position
            self.space = False
            self._inline(Word(match[0], self._marks()), gap)
            position = match.end()
        if position < len(text):
            self.space = True


def rich_text(html, images):
    parser = _RichText(images)
    parser.feed(richtext.sanitize_html(html or ""))
    parser.close()
    return parser.tokens


def _rows(value):
    """True for what a part holds in a snapshot: a list of rows (dicts), or nothing."""
    return value is None or (isinstance(value, list) and all(isinstance(r, dict) for r in value))


def _is_reference(value):
    return (
        isinstance(value, dict)
        and isinstance(value.get("image_id"), int)
        and isinstance(value.get("sha256"), str)
    )


def image_references(content):
    """{image id: reference} of the image references a snapshot records, wherever it keeps them
    (a reference is a dict with the image's id and its file's hash: invamed/images/rendering)."""
    found = {}

    def walk(value):
        if isinstance(value, dict):
            if _is_reference(value):
                found.setdefault(value["image_id"], value)
                return
            value = list(value.values())
        if isinstance(value, list):
            for item in value:
                walk(item)

    walk(content)
    return found


def picture_of(ref, src=None, alt=""):
    """An image as a reference records it; `src` and `alt` as rich text gives them, if it does."""
    if src is None:
        try:
            src = reverse("images:image", args=[ref["image_id"]])
        except NoReverseMatch:
            src = f"image {ref['image_id']}"
    return Picture(
        src=src,
        alt=alt or str(ref.get("alt", "")),
        sha256=str(ref.get("sha256", "")),
        caption=str(ref.get("caption", "")),
        credit=str(ref.get("credit", "")),
    )


def related_text(obj):
    """A related record by name; a reviewed one by what visitors see of it, if they do."""
    if not isinstance(obj, Reviewable):
        return str(obj)
    if obj.live_version_id is not None:
        return str(obj.live_version.content.get(obj.heading_field) or obj)
    return f"{getattr(obj, obj.heading_field)} (not live: visitors do not see it)"


class _Snapshots:
    """Reads the fields of an item's two snapshots into tokens, the related records of both
    sides of a field in one query."""

    def __init__(self, model, old, new, source):
        self.model, self.old, self.new, self.source = model, old, new, source
        self.parts = {part.snapshot_key: part for _accessor, part in model.parts()}
        self.images = (image_references(old), image_references(new))

    def names(self):
        names = [*self.model.snapshot_fields, "language"]
        if self.model.has_tags():
            names.append("tags")
        names += list(self.parts)
        if "translated_from" in self.old or "translated_from" in self.new:
            names.append("translated_from")
        for name in (*self.new, *self.old):
            if name not in names:
                names.append(name)
        return names

    def field(self, model, name):
        try:
            return model._meta.get_field(name)
        except FieldDoesNotExist:
            return None

    def label(self, name):
        if name in self.parts:
            return capfirst(self.parts[name]._meta.verbose_name_plural)
        found = self.field(self.model, name)
        return capfirst(str(getattr(found, "verbose_name", name.replace("_", " "))))

    def read(self, name):
        """(old tokens, new tokens) of the field `name`."""
        old, new = self.old.get(name), self.new.get(name)
        if name in self.parts:
            if _rows(old) and _rows(new):
                return self.part_rows(self.parts[name], old or [], new or [])
            return self.any_value(old), self.any_value(new)
        if name == "translated_from":
            return self.translated_from(old), self.translated_from(new)
        found = self.field(self.model, name)
        if found is None:
            return self.any_value(old), self.any_value(new)
        texts = self.related(found, [old, new])
        return tuple(
            self.value(found, value, texts, images)
            for value, images in zip((old, new), self.images, strict=True)
        )

    def related(self, found, values):
        """{str(pk): name} of the records that the values of the foreign key `found` name."""
        if not found.many_to_one:
            return {}
        pks = set()
        for value in values:
            try:
                pks.add(found.target_field.to_python(value))
            except ValidationError:
                continue  # not a key: shown as it is, as a record that does not exist
        pks.discard(None)
        manager = found.related_model._default_manager
        if issubclass(found.related_model, Reviewable):
            manager = manager.select_related("live_version")
        return {str(obj.pk): related_text(obj) for obj in manager.filter(pk__in=pks)} if pks else {}

    def value(self, found, value, texts, images):
        if value is None or value == "":
            return []
        if isinstance(value, list | dict):  # not what the field holds: shown as it is
            return self.any_value(value)
        if found.many_to_one:
            return [Record(value, texts.get(str(value), f"#{value} (deleted)"))]
        if isinstance(found, richtext.RichTextField):
            return rich_text(value, images)
        if found.choices:
            return [Record(value, str(dict(found.flatchoices).get(value, value)))]
        if isinstance(found, models.BooleanField):
            return [Record(bool(value), "Yes" if value else "No")]
        if isinstance(found, models.URLField):
            return [Link(str(value))]
        if isinstance(found, models.SlugField | models.IntegerField | models.DecimalField):
            return [Record(value, str(value))]
        return words(value)

    def part_rows(self, part, old_rows, new_rows):
        """A part's rows (references, placed FAQ entries) as a numbered list."""
        columns = [self.field(part, name) for name in part.snapshot_fields]
        texts = {
            column.name: self.related(column, [row.get(column.name) for row in old_rows + new_rows])
            for column in columns
        }
        sides = []
        for rows, images in zip((old_rows, new_rows), self.images, strict=True):
            tokens = []
            for number, row in enumerate(rows, start=1):
                tokens.append(Block("item", level=1, ordered=True, number=number))
                for column in columns:
                    tokens += self.value(column, row.get(column.name), texts[column.name], images)
            sides.append(tokens)
        return tuple(sides)

    def translated_from(self, number):
        if number is None or isinstance(number, list | dict):
            return self.any_value(number)
        if self.source is None:
            return [Record(number, f"Version {number} of the source")]
        text = f"Version {number} of “{self.source}” ({self.source.get_language_display()})"
        return [Record(number, text)]

    def any_value(self, value):
        """A snapshot entry the model does not declare (kept by a newer kind of snapshot)."""
        if value is None or value == "" or value == [] or value == {}:
            return []
        if isinstance(value, list):
            if all(_is_reference(item) for item in value):
                rows = [[Block("item", level=1, ordered=True, number=n), picture_of(ref)]
                        for n, ref in enumerate(value, start=1)]  # fmt: skip
                return [token for row in rows for token in row]
            if not any(isinstance(item, list | dict) for item in value):  # tags, names
                return [self.scalar(item) for item in value]
            tokens = []
            for number, item in enumerate(value, start=1):
                tokens.append(Block("item", level=1, ordered=True, number=number))
                tokens += self.any_value(item)
            return tokens
        if isinstance(value, dict):
            tokens = []
            for key, item in value.items():
                tokens += words(f"{key}:", space=bool(tokens))
                tokens += [replace(token, space=True) if n == 0 and isinstance(token, Word)
                           else token for n, token in enumerate(self.any_value(item))]  # fmt: skip
            return tokens
        return words(value) if isinstance(value, str) else [self.scalar(value)]

    def scalar(self, value):
        if isinstance(value, bool):
            return Record(value, "Yes" if value else "No")
        return Record(canonical_json(value), str(value))


# Comparing.


def _text(tokens):
    return "".join(token.text for token in tokens if isinstance(token, Word))


def _describe(old, new):
    """What kind of change a region is, in words a reviewer understands."""
    notes = []
    links = [any(isinstance(t, Link) for t in side) for side in (old, new)]
    if all(links):
        notes.append("a link's address")
    elif any(links):
        notes.append("a link added" if links[1] else "a link removed")
    pictures = [any(isinstance(t, Picture) for t in side) for side in (old, new)]
    if all(pictures):
        notes.append("an image or its alt text")
    elif any(pictures):
        notes.append("an image added" if pictures[1] else "an image removed")
    if any(isinstance(t, BREAKS) for t in old + new):
        notes.append("paragraphs, headings, lists or tables")
    old_words = [t for t in old if isinstance(t, Word)]
    new_words = [t for t in new if isinstance(t, Word)]
    if _text(old_words) != _text(new_words):
        notes.append("the wording")
    elif old_words or new_words:
        marks = {m for t in old_words for m in t.marks} ^ {m for t in new_words for m in t.marks}
        marks.discard("link")
        names = ", ".join(sorted(marks))
        notes.append(f"formatting ({names})" if names else "formatting")
    return notes


def _blocks(tokens):
    """The tokens cut where each block starts: [(Block, its tokens...)]."""
    blocks = []
    for token in tokens:
        if isinstance(token, Block) or not blocks:
            blocks.append([])
        blocks[-1].append(token)
    return [tuple(block) for block in blocks]


def _aligned(old, new):
    """The two token lists aligned, one step per token: ("equal", old, new), ("delete", old,
    None) or ("insert", None, new).

    Whole blocks are compared first, then the tokens of the blocks that differ: a long text
    with a few changes costs little, and a word is never matched with one in a distant
    paragraph. An added or removed run is then slid back to start at its block (see
    _slide_to_block).
    """
    old_blocks, new_blocks = _blocks(old), _blocks(new)
    steps = []
    blocks = difflib.SequenceMatcher(None, old_blocks, new_blocks, autojunk=False)
    for op, i1, i2, j1, j2 in blocks.get_opcodes():
        a = [token for block in old_blocks[i1:i2] for token in block]
        b = [token for block in new_blocks[j1:j2] for token in block]
        if op == "equal":
            steps += [("equal", x, y) for x, y in zip(a, b, strict=True)]
            continue
        tokens = difflib.SequenceMatcher(None, a, b, autojunk=False)
        for op, k1, k2, l1, l2 in tokens.get_opcodes():
            if op == "equal":
                steps += [("equal", x, y) for x, y in zip(a[k1:k2], b[l1:l2], strict=True)]
                continue
            steps += [("delete", x, None) for x in a[k1:k2]]
            steps += [("insert", None, y) for y in b[l1:l2]]
    start = 0
    while start < len(steps):
        kind = steps[start][0]
        end = start
        while end < len(steps) and steps[end][0] == kind:
            end += 1
        if kind != "equal" and (end == len(steps) or steps[end][0] == "equal"):
            _slide_to_block(steps, start, end, 1 if kind == "delete" else 2)
        start = end
    return steps


def _slide_to_block(steps, start, end, side):
    """Slide the removed (side 1) or added (side 2) run steps[start:end] back until it starts at
    a block, if the tokens before it repeat its last ones that far; else leave it.

    difflib may report an item added to a list as "Swim •" (the next item's bullet) rather than
    "• Swim": the same tokens, but the first reads as a changed bullet on an unchanged item.
    """
    run, after = steps[start:end], []
    while not isinstance(run[0][side], Block):
        before = steps[start - 1] if start > 0 else None
        if before is None or before[0] != "equal" or before[side] != run[-1][side]:
            return
        kind, last = run[0][0], run[-1]
        if side == 1:
            run = [(kind, before[1], None), *run[:-1]]
            after.insert(0, ("equal", last[1], before[2]))
        else:
            run = [(kind, None, before[2]), *run[:-1]]
            after.insert(0, ("equal", before[1], last[2]))
        start -= 1
    steps[start:end] = run + after


@dataclass(frozen=True)
class Item:
    """A token as one side shows it: marked or not, its counterpart on the other side when it
    is unchanged, and what comes before it: "" nothing, " " a space, "space" a space that is
    there on this side only (named, as a blank cannot be seen)."""

    token: object
    marked: bool
    counterpart: object = None
    space: str = ""


BREAKS = (Block, Break)  # what starts a new line


def _gap(token):
    return " " if getattr(token, "space", False) else ""


def _match(old, new):
    """Align two token lists: ([Item] of the old side, [Item] of the new side, notes)."""
    old_items, new_items, notes = [], [], []
    region = ([], [])

    def close_region():
        for note in _describe(*region):
            if note not in notes:
                notes.append(note)
        region[0].clear()
        region[1].clear()

    previous = (None, None)  # the token before, on each side
    for kind, a, b in _aligned(old, new):
        if kind != "equal":
            if a is not None:
                region[0].append(a)
                old_items.append(Item(a, True, space=_gap(a)))
            if b is not None:
                region[1].append(b)
                new_items.append(Item(b, True, space=_gap(b)))
            previous = (a or previous[0], b or previous[1])
            continue
        if region[0] or region[1]:
            close_region()
        old_gap, new_gap = _gap(a), _gap(b)
        # A gap that became a line or paragraph break is the break's change, marked as such.
        after_break = isinstance(previous[0], BREAKS) or isinstance(previous[1], BREAKS)
        if old_gap != new_gap and not after_break and isinstance(a, Word | Picture):
            old_gap, new_gap = old_gap and "space", new_gap and "space"
            if "the spacing between words" not in notes:
                notes.append("the spacing between words")
        old_items.append(Item(a, False, b, old_gap))
        new_items.append(Item(b, False, a, new_gap))
        previous = (a, b)
    close_region()
    return old_items, new_items, notes


def _renumbered(token, counterpart):
    return (
        isinstance(token, Block)
        and counterpart is not None
        and token.ordered
        and token.number != counterpart.number
    )


# Showing.


class _Writer:
    """One side of a field as HTML: blocks as <div>s, marked tokens in `mark` (del or ins)."""

    def __init__(self, mark, figures, ambiguous):
        self.mark, self.figures, self.ambiguous = mark, figures, ambiguous
        self.out, self.run, self.in_block, self.previous = [], False, False, None

    def marked_label(self, text):
        return format_html('<{} class="diff-label">{}</{}>', self.mark, text, self.mark)

    def close_run(self):
        if self.run:
            self.out.append(f"</{self.mark}>")
            self.run = False

    def block(self, token, marked, counterpart):
        self.close_run()
        if self.in_block:
            self.out.append("</div>")
        self.out.append(format_html('<div class="{}">', token.css_class()))
        self.in_block = True
        label = token.label()
        if marked or _renumbered(token, counterpart):
            self.out.append(format_html("{} ", self.marked_label(label)))
        elif token.kind != "paragraph" or token.quote:
            self.out.append(format_html('<span class="diff-label">{}</span> ', label))

    def write(self, items):
        for item in items:
            token, marked, space = item.token, item.marked, item.space
            if isinstance(token, Block):
                self.block(token, marked, item.counterpart)
                self.previous = token
                continue
            if not self.in_block:
                self.out.append('<div class="diff-block">')
                self.in_block = True
            if marked != self.run:
                self.close_run()
                # The space before the first changed word is not part of the change.
                self.out.append(" " if space == " " else "")
                space = "" if space == " " else space
                if marked:
                    self.out.append(f"<{self.mark}>")
                    self.run = True
            if space == "space":
                self.out.append(format_html("{} ", self.marked_label("space")))
            elif space:
                self.out.append(space)
            if isinstance(token, Record) and isinstance(self.previous, Record):
                self.out.append(", ")
            self.out.append(self.token(token, marked))
            self.previous = token
        self.close_run()
        if self.in_block:
            self.out.append("</div>")
        if not items:
            self.out.append('<span class="diff-empty">(none)</span>')
        return mark_safe("".join(str(part) for part in self.out))  # noqa: S308 - escaped parts.

    def token(self, token, marked):
        if isinstance(token, Word):
            html = escape(token.text)
            for mark in ("subscript", "superscript", "italics", "bold", "link"):
                if mark in token.marks:
                    tag = MARK_TAGS[mark]
                    css = ' class="diff-link"' if mark == "link" else ""
                    html = f"<{tag}{css}>{html}</{tag}>"
            return html
        if isinstance(token, Break):
            return '<span class="diff-label">line break</span><br>' if marked else "<br>"
        if isinstance(token, Link):
            title = format_html(", title “{}”", token.title) if token.title else ""
            return format_html(' <span class="diff-href">(link: {}{})</span>', token.href, title)
        if isinstance(token, Picture):
            return self.picture(token)
        text = escape(token.text)
        if marked and token.text in self.ambiguous:
            text = format_html("{} (#{})", token.text, token.key)
        return text

    def picture(self, token):
        if token.sha256 and self.figures is not None:
            shown = self.figures.thumbnail({"sha256": token.sha256, "alt": token.alt})
            for name, text in (("Caption", token.caption), ("Credit", token.credit)):
                if text:
                    shown += format_html(' <span class="diff-caption">{}: {}</span>', name, text)
            return format_html('<span class="diff-image">{}</span>', shown)
        return format_html(
            '<span class="diff-image">Image {}, alt text “{}”</span>', token.src, token.alt
        )


@dataclass
class FieldDiff:
    name: str
    anchor: str
    label: str
    changed: bool  # a visitor could see a difference
    old: str  # safe HTML: the old value, what was removed in <del>
    new: str  # safe HTML: the new value, what was added in <ins>
    notes: list  # what kind of change it is, in words
    markup_only: bool  # the stored value differs, but not what a visitor sees


def compare(model, old_content, new_content, *, source=None):
    """Field-by-field comparison of two snapshots of a `model` item, every field in its order.

    `old_content` None: `new_content` is the first version, shown as it is. `source`: the item a
    translation was made from, to name the version it was made from.
    """
    first = old_content is None
    old_content = old_content or {}
    snapshots = _Snapshots(model, old_content, new_content, source)
    refs = [*snapshots.images[0].values(), *snapshots.images[1].values()]
    figures = rendering.Figures(refs) if refs else None
    result = []
    for name in snapshots.names():
        old_tokens, new_tokens = snapshots.read(name)
        if first:
            old_items, notes = [], []
            new_items = [Item(t, False, space=_gap(t)) for t in new_tokens]
        else:
            old_items, new_items, notes = _match(old_tokens, new_tokens)
        changed = any(
            i.marked or i.space == "space" or _renumbered(i.token, i.counterpart)
            for i in old_items + new_items
        )
        removed = {i.token.text for i in old_items if i.marked and isinstance(i.token, Record)}
        added = {i.token.text for i in new_items if i.marked and isinstance(i.token, Record)}
        ambiguous = removed & added
        result.append(
            FieldDiff(
                name=name,
                anchor=f"diff-{name}",
                label=snapshots.label(name),
                changed=changed or (first and bool(new_tokens)),
                old=_Writer("del", figures, ambiguous).write(old_items),
                new=_Writer("ins", figures, ambiguous).write(new_items),
                notes=notes,
                markup_only=not first
                and not changed
                and old_content.get(name) != new_content.get(name),
            )
        )
    return result
