"""Compare two Documents paragraph by paragraph, then word by word.

A Document becomes a list of units, one per Word paragraph: each heading,
paragraph and list item. Units are aligned with difflib; where a stretch
differs, units of the same kind and role whose words are at least half alike
are paired as edits (kept in order), and the rest are whole paragraphs
inserted or deleted (a removed milestone is a deleted paragraph). Paired units
are compared word by word: tokens are words (with their inner punctuation,
"$5.75", "10-K/A"), single punctuation marks, runs of whitespace and line
breaks, each carrying its formatting, so a word that turned bold is a change.
Whitespace alone between two changes joins them, so legal reads "~~old
words~~ new words" rather than word-by-word confetti.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from difflib import SequenceMatcher
from typing import Literal

from letterkit.document import Document, Heading, Inline, LineBreak, ListBlock

PAIRING_THRESHOLD = 0.5  # how alike two paragraphs' words must be to show as one edited paragraph

_TOKEN = re.compile(r"\s+|[$€£¥]?\w+(?:[.,’'/&\-]\w+)*|[^\w\s]")
_WORD = re.compile(r"\w")

Op = Literal["equal", "insert", "delete"]


@dataclass(frozen=True)
class Unit:
    """One Word paragraph of a Document."""

    index: int  # position among the Document's units (= its body paragraph in the DOCX)
    kind: str  # "heading", "paragraph", "numbered" or "bulleted"
    role: str
    inlines: tuple[Inline, ...]
    list_start: int = 1  # of the list the item belongs to

    @property
    def signature(self) -> tuple[object, ...]:
        return (self.kind, self.role, self.inlines)


@dataclass(frozen=True)
class Piece:
    """A stretch of one inline of one side, unchanged, inserted or deleted."""

    op: Op
    inline: int  # index into the inlines of the new unit (equal, insert) or the old one (delete)
    text: str  # "" for a line break


@dataclass(frozen=True)
class Change:
    old: Unit | None
    new: Unit | None
    pieces: tuple[Piece, ...]

    @property
    def status(self) -> Literal["same", "changed", "inserted", "deleted"]:
        if self.old is None:
            return "inserted"
        if self.new is None:
            return "deleted"
        return "same" if all(p.op == "equal" for p in self.pieces) else "changed"


@dataclass(frozen=True)
class Summary:
    words_inserted: int
    words_deleted: int
    edited: int
    inserted: int
    deleted: int

    @property
    def paragraphs_changed(self) -> int:
        return self.edited + self.inserted + self.deleted

    def __str__(self) -> str:
        if not self.paragraphs_changed:
            return "no changes"
        return (
            f"{_count(self.words_inserted, 'word')} inserted, {_count(self.words_deleted, 'word')} deleted, "
            f"{_count(self.paragraphs_changed, 'paragraph')} changed "
            f"({self.edited} edited, {self.inserted} inserted, {self.deleted} deleted)"
        )


def _count(number: int, noun: str) -> str:
    return f"{number} {noun}" if number == 1 else f"{number} {noun}s"


def units(document: Document) -> list[Unit]:
    found: list[Unit] = []
    for block in document.blocks:
        if isinstance(block, ListBlock):
            kind = "numbered" if block.ordered else "bulleted"
            for item in block.items:
                found.append(Unit(len(found), kind, block.role, item.inlines, block.start))
        else:
            kind = "heading" if isinstance(block, Heading) else "paragraph"
            found.append(Unit(len(found), kind, block.role, block.inlines))
    return found


def compare(old: Document, new: Document) -> list[Change]:
    """Every unit of both Documents in reading order, each with what happened to it."""
    return [_change(a, b) for a, b in align(units(old), units(new))]


def summarize(changes: list[Change]) -> Summary:
    inserted = sum(_words(p.text) for c in changes for p in c.pieces if p.op == "insert")
    deleted = sum(_words(p.text) for c in changes for p in c.pieces if p.op == "delete")
    statuses = [c.status for c in changes]
    return Summary(inserted, deleted, statuses.count("changed"), statuses.count("inserted"), statuses.count("deleted"))


def _words(text: str) -> int:
    return sum(1 for token in text.split() if _WORD.search(token))


# --- paragraphs -------------------------------------------------------------------


def align(old: list[Unit], new: list[Unit]) -> list[tuple[Unit | None, Unit | None]]:
    matcher = SequenceMatcher(None, [u.signature for u in old], [u.signature for u in new], autojunk=False)
    pairs: list[tuple[Unit | None, Unit | None]] = []
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            pairs += zip(old[i1:i2], new[j1:j2], strict=True)
        else:
            pairs += _pair_alike(old[i1:i2], new[j1:j2])
    return pairs


def _pair_alike(old: list[Unit], new: list[Unit]) -> list[tuple[Unit | None, Unit | None]]:
    """Pair edited paragraphs in order, maximising how alike the pairs are (a small alignment table)."""
    alike = [[_alike(a, b) for b in new] for a in old]
    score = [[0.0] * (len(new) + 1) for _ in range(len(old) + 1)]
    for i in range(1, len(old) + 1):
        for j in range(1, len(new) + 1):
            paired = score[i - 1][j - 1] + alike[i - 1][j - 1] if alike[i - 1][j - 1] >= PAIRING_THRESHOLD else 0.0
            score[i][j] = max(score[i - 1][j], score[i][j - 1], paired)
    pairs: list[tuple[Unit | None, Unit | None]] = []
    i, j = len(old), len(new)
    while i or j:  # walk back; an insertion is taken first so that, read forwards, it follows the deletions
        if i and j and alike[i - 1][j - 1] >= PAIRING_THRESHOLD and score[i][j] == score[i - 1][j - 1] + alike[i - 1][j - 1]:
            pairs.append((old[i - 1], new[j - 1]))
            i, j = i - 1, j - 1
        elif j and (not i or score[i][j] == score[i][j - 1]):
            pairs.append((None, new[j - 1]))
            j -= 1
        else:
            pairs.append((old[i - 1], None))
            i -= 1
    return pairs[::-1]


def _alike(old: Unit, new: Unit) -> float:
    if (old.kind, old.role) != (new.kind, new.role):
        return 0.0
    a, b = _words_of(old), _words_of(new)
    return SequenceMatcher(None, a, b, autojunk=False).ratio() if a or b else 1.0


def _words_of(unit: Unit) -> list[str]:
    return [text for text, _ in _tokens(unit) if not text.isspace()]


# --- words ------------------------------------------------------------------------


def _tokens(unit: Unit) -> Iterator[tuple[str, int]]:
    """(token text, inline index); a line break is the token "" ."""
    for index, inline in enumerate(unit.inlines):
        if isinstance(inline, LineBreak):
            yield "", index
        else:
            for token in _TOKEN.findall(inline.text):
                yield token, index


def _key(unit: Unit, token: tuple[str, int]) -> tuple[object, ...]:
    """What makes two tokens equal: their text and their inline's formatting (bold, italic, link)."""
    text, index = token
    inline = unit.inlines[index]
    if isinstance(inline, LineBreak):
        return ("break",)
    return (text, inline.bold, inline.italic, inline.href)


def _change(old: Unit | None, new: Unit | None) -> Change:
    if old is None or new is None:
        unit, op = (new, "insert") if old is None else (old, "delete")
        return Change(old, new, _merged([(op, token) for token in _tokens(unit)]))
    a, b = list(_tokens(old)), list(_tokens(new))
    matcher = SequenceMatcher(None, [_key(old, t) for t in a], [_key(new, t) for t in b], autojunk=False)
    ops: list[tuple[Op, tuple[str, int]]] = []
    for equal, i1, i2, j1, j2 in _regions(matcher.get_opcodes(), a):
        if equal:
            ops += [("equal", token) for token in b[j1:j2]]
        else:
            ops += [("delete", token) for token in a[i1:i2]] + [("insert", token) for token in b[j1:j2]]
    return Change(old, new, _merged(ops))


def _regions(opcodes, old_tokens) -> list[tuple[bool, int, int, int, int]]:
    """Opcodes as (equal?, ranges), with whitespace-only equal stretches between changes folded into them."""
    regions: list[tuple[bool, int, int, int, int]] = []
    for index, (tag, i1, i2, j1, j2) in enumerate(opcodes):
        equal = tag == "equal"
        between_changes = 0 < index < len(opcodes) - 1
        if equal and between_changes and all(old_tokens[k][0].isspace() for k in range(i1, i2)):
            equal = False
        if regions and not equal and not regions[-1][0]:
            _, a1, _, b1, _ = regions.pop()
            i1, j1 = a1, b1
        regions.append((equal, i1, i2, j1, j2))
    return regions


def _merged(ops: list[tuple[Op, tuple[str, int]]]) -> tuple[Piece, ...]:
    """Consecutive tokens of one inline with the same op become one piece (one Word run)."""
    pieces: list[Piece] = []
    for op, (text, index) in ops:
        if pieces and pieces[-1].op == op and pieces[-1].inline == index and text and pieces[-1].text:
            pieces[-1] = Piece(op, index, pieces[-1].text + text)
        else:
            pieces.append(Piece(op, index, text))
    return tuple(pieces)
