"""The Document: the one intermediate model every writer renders.

Writers (text, DOCX, HTML/PDF) see only this module's types, never YAML or
Jinja, so the formats cannot disagree about content. The block set is closed
(headings, paragraphs, lists, tables, quotations) and every block carries a
*role* from a closed list that says what it is — the lead, the letter's body,
a subheading, highlights, the About block, the forward-looking statements,
other boilerplate, contacts — so checks and writers never guess it from its
words. A writer maps roles to its own styles (Word paragraph styles, CSS
classes, text layout). Each block also says where it came from (`origin`).
"""

from __future__ import annotations

import datetime
from collections.abc import Iterator
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Text:
    """A run of text with its emphasis; `href` makes it a hyperlink."""

    text: str
    bold: bool = False
    italic: bool = False
    href: str | None = None


@dataclass(frozen=True)
class LineBreak:
    """A hard line break inside a paragraph (signature and contact lines)."""


Inline = Text | LineBreak
Inlines = tuple[Inline, ...]

# Boilerplate comes in three kinds, each with a heading role and a text role.
ABOUT, FORWARD_LOOKING, OTHER_BOILERPLATE = "about", "forward-looking", "boilerplate"
BOILERPLATE_KINDS = (ABOUT, FORWARD_LOOKING, OTHER_BOILERPLATE)

# Roles, by block kind. A template that asks for any other role is a template
# error, caught when the Document is built.
HEADING_ROLES = frozenset(
    {
        "headline",  # release headline, above the dateline
        "subheadline",  # the line under the headline
        "letter-title",  # "CEO Letter to Shareholders"
        "section",  # a subheading inside the letter: level 1, or 2 under one
        "about-heading",  # "About Callisto Pharmaceuticals, Inc."
        "forward-looking-heading",  # "Forward-Looking Statements", "Safe Harbor Provision", "Disclaimer", …
        "boilerplate-heading",  # the heading of any other legal block the company keeps
        "contacts-heading",  # "Contacts"
    }
)
PARAGRAPH_ROLES = frozenset(
    {
        "lead",  # dateline + first paragraph of the release
        "highlights",  # "Key points:" introducing the highlights list
        "letter-date",
        "salutation",
        "body",
        "signoff",  # "Very truly yours,"
        "signature",  # name and title lines of one signatory
        "about",  # the About block's text
        "forward-looking",  # the safe-harbor text, whatever its heading
        "boilerplate",  # another legal block's text (reporting status, a subsidiary's About, …)
        "contact",  # one contact: label, name, phone, e-mail lines
        "source",  # "Source: …"
        "end-marker",  # "###"
    }
)
LIST_ROLES = frozenset({"body", "highlights", "about", "forward-looking", "boilerplate"})
TABLE_ROLES = frozenset({"table"})
QUOTE_ROLES = frozenset({"quote"})

LIST_STYLES = ("bullet", "number", "letter")  # •, 1. 2. 3., A. B. C.
ALIGNMENTS = ("left", "center", "right")
SECTION_LEVELS = (1, 2)


@dataclass(frozen=True)
class Heading:
    role: str
    inlines: Inlines
    level: int = 1  # a "section" heading's level (1 or 2); 1 for every other role
    origin: str = ""

    def __post_init__(self) -> None:
        _check_role("heading", self.role, HEADING_ROLES)
        if self.level not in SECTION_LEVELS or (self.level != 1 and self.role != "section"):
            raise DocumentError(f"a {self.role} heading cannot have level {self.level}")


@dataclass(frozen=True)
class Paragraph:
    role: str
    inlines: Inlines
    origin: str = ""

    def __post_init__(self) -> None:
        _check_role("paragraph", self.role, PARAGRAPH_ROLES)


@dataclass(frozen=True)
class ListItem:
    """One line of a list, with at most one list nested under it (whose items nest nothing)."""

    inlines: Inlines
    sublist: ListBlock | None = None


@dataclass(frozen=True)
class ListBlock:
    """A bulleted, numbered or lettered list; `start` is the first number (or letter: 1 = A)."""

    role: str
    style: str
    items: tuple[ListItem, ...]
    start: int = 1
    origin: str = ""

    def __post_init__(self) -> None:
        _check_role("list", self.role, LIST_ROLES)
        if self.style not in LIST_STYLES:
            raise DocumentError(f"unknown list style {self.style!r}; known: {', '.join(LIST_STYLES)}")
        if not self.items:
            raise DocumentError("a list needs at least one item")
        if self.start < 1 or (self.style == "letter" and self.start + len(self.items) - 1 > 26):
            raise DocumentError(f"a {self.style} list cannot start at {self.start} with {len(self.items)} items")
        for item in self.items:
            if item.sublist is not None and any(sub.sublist is not None for sub in item.sublist.items):
                raise DocumentError("lists nest one level deep: an item of a nested list cannot hold another list")

    @property
    def ordered(self) -> bool:
        return self.style != "bullet"


Cell = Inlines


@dataclass(frozen=True)
class Table:
    """A table with one header row; `align` per column (figures are right-aligned)."""

    role: str
    header: tuple[Cell, ...]
    rows: tuple[tuple[Cell, ...], ...]
    align: tuple[str, ...]
    origin: str = ""

    def __post_init__(self) -> None:
        _check_role("table", self.role, TABLE_ROLES)
        width = len(self.header)
        if width == 0:
            raise DocumentError("a table needs at least one column")
        if len(self.align) != width or any(a not in ALIGNMENTS for a in self.align):
            raise DocumentError(f"a table of {width} columns needs {width} alignments from {', '.join(ALIGNMENTS)}")
        for number, row in enumerate(self.rows, start=1):
            if len(row) != width:
                raise DocumentError(f"table row {number} has {len(row)} cells; the header has {width}")


@dataclass(frozen=True)
class Quote:
    """A quotation of one or more paragraphs, with who said it (empty when the text says so itself)."""

    role: str
    paragraphs: tuple[Inlines, ...]
    attribution: Inlines = ()
    origin: str = ""

    def __post_init__(self) -> None:
        _check_role("quotation", self.role, QUOTE_ROLES)
        if not self.paragraphs:
            raise DocumentError("a quotation needs at least one paragraph")


Block = Heading | Paragraph | ListBlock | Table | Quote


@dataclass(frozen=True)
class Metadata:
    """What every format records about the release besides its words."""

    title: str  # PDF/DOCX title: the headline, else the letter title
    author: str  # the company's legal name
    subject: str  # e.g. "Letter to shareholders"
    company: str  # printed in the running header after page one
    date: datetime.date  # release date: the only date stamped into files
    language: str = "en-US"  # BCP 47 with region: Word spell-checks by region
    keywords: tuple[str, ...] = ()


@dataclass(frozen=True)
class Document:
    metadata: Metadata
    blocks: tuple[Block, ...] = field(default_factory=tuple)


class DocumentError(ValueError):
    """A Document that breaks the model's rules (a template bug, not user input).

    `origin`: the template that wrote the offending block, when the reader knows it
    better than its caller (a boilerplate block inside the letter template's output).
    """

    origin: str = ""


def _check_role(kind: str, role: str, allowed: frozenset[str]) -> None:
    if role not in allowed:
        raise DocumentError(f"unknown {kind} role {role!r}; known: {', '.join(sorted(allowed))}")


def inline_text(inlines: Inlines, line_break: str = "\n") -> str:
    """The plain words of a run of inlines, line breaks as `line_break`."""
    return "".join(line_break if isinstance(inline, LineBreak) else inline.text for inline in inlines)


def list_lines(block: ListBlock) -> Iterator[tuple[int, ListItem]]:
    """Every item of a list in reading order, with its depth (0, or 1 for a nested item)."""
    for item in block.items:
        yield 0, item
        if item.sublist is not None:
            for sub in item.sublist.items:
                yield 1, sub


def text_runs(block: Block) -> Iterator[Inlines]:
    """Each run of text a block holds, in reading order: what a reader reads as one line or paragraph.

    A heading or paragraph is one; a list has one per item (nested ones included); a
    table one per cell, header first, row by row; a quotation one per paragraph, then
    its attribution.
    """
    if isinstance(block, (Heading, Paragraph)):
        yield block.inlines
    elif isinstance(block, ListBlock):
        for _, item in list_lines(block):
            yield item.inlines
    elif isinstance(block, Table):
        yield from block.header
        for row in block.rows:
            yield from row
    elif isinstance(block, Quote):
        yield from block.paragraphs
        if block.attribution:
            yield block.attribution


def boilerplate_kind(role: str) -> str | None:
    """"about", "forward-looking" or "boilerplate" for a boilerplate heading or text role; else None."""
    kind = role.removesuffix("-heading")
    return kind if kind in BOILERPLATE_KINDS else None


def letter_marker(number: int) -> str:
    """1 -> "A", 2 -> "B", … (lettered lists run from A to Z)."""
    return chr(ord("A") + number - 1)
