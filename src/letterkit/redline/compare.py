"""Compare two Documents paragraph by paragraph, then word by word.

A Document becomes a list of units, one per Word paragraph: each heading,
paragraph, list item (nested ones too), table cell, quotation paragraph and
attribution, in reading order, each with what it is (kind, role, a heading's
level, a list item's style and depth, a cell's column and whether it heads its
table). The Documents are aligned by line — a unit, or a whole table row —
with difflib; where a stretch differs, lines of the same kind whose words are
at least half alike are paired as edits (kept in order; a row's cells then pair
column by column), and the rest are whole paragraphs or rows inserted or
deleted (a removed milestone is a deleted paragraph, an added table row an
inserted row) — except a paragraph rewritten in place: deleted paragraphs
followed by as many inserted ones of the same kinds and roles pair one by one,
so a rewritten paragraph shows word by word (as Word's own comparison and the
tracked changes show it), not as a struck block above an underlined one. Paired units are compared word by word: tokens are words (with
their inner punctuation, "$5.75", "10-K/A"), single punctuation marks, runs of
whitespace and line breaks, each carrying its formatting, so a word that turned
bold is a change. Whitespace alone between two changes joins them, so legal
reads "~~old words~~ new words" rather than word-by-word confetti.

A unit pairs only with one of its own kind: a lettered list turned bulleted
(nested items too), or a subheading moved to the other level, is its old
paragraphs deleted and new ones inserted.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from difflib import SequenceMatcher
from typing import Literal

from letterkit.document import Document, Heading, Inline, LineBreak, ListBlock, Quote, Table, Text
from letterkit.writers.markers import ATTRIBUTION_DASH

PAIRING_THRESHOLD = 0.5  # how alike two paragraphs' words must be to show as one edited paragraph
EXACT_PAIRING_CELLS = 2_500  # up to 50 × 50 edited lines in one stretch are paired exactly
PAIRING_WINDOW = 25  # how far ahead a longer stretch looks for an old line's partner

_TOKEN = re.compile(r"\s+|[$€£¥]?\w+(?:[.,’'/&\-]\w+)*|[^\w\s]")
_WORD = re.compile(r"\w")
_CELL_BOUNDARY = "\x1f"  # between two cells' words when rows are compared: no word spans cells

Op = Literal["equal", "insert", "delete"]
Status = Literal["same", "changed", "inserted", "deleted"]

# Unit kinds; list items, cells and a quotation's paragraphs share a block with their neighbours.
HEADING, PARAGRAPH, ITEM, CELL, QUOTATION, ATTRIBUTION = (
    "heading", "paragraph", "item", "cell", "quotation", "attribution"
)


@dataclass(frozen=True)
class Unit:
    """One Word paragraph of a Document (a table cell's one paragraph included)."""

    index: int  # position among the Document's units (= its paragraph, in reading order, in the DOCX body)
    kind: str  # HEADING, PARAGRAPH, ITEM, CELL, QUOTATION or ATTRIBUTION
    role: str
    inlines: tuple[Inline, ...]
    block: int = 0  # the Document block it belongs to: the units of one list, table or quotation share it
    level: int = 1  # a heading's level (a section is 1 or 2)
    list_style: str = ""  # an item's list: "bullet", "number" or "letter" (a nested item's is its sublist's)
    outline_style: str = ""  # an item's top-level list's style (its own, for a top-level item)
    depth: int = 0  # 1 for a nested list item
    list_start: int = 1  # of the list the item belongs to
    row: int = 0  # a cell's row, 0 being the header row
    column: int = 0  # a cell's column
    align: str = ""  # a cell's column alignment

    @property
    def key(self) -> tuple[object, ...]:
        """What two units must share to be paired as one edited paragraph."""
        header = self.kind == CELL and self.row == 0
        # A nested item pairs only within an outline of the same style: a restyled list is deleted and
        # inserted whole (its nested items' numbering changes with it, and clients reject that poorly).
        return (self.kind, self.role, self.level, self.list_style, self.outline_style, self.depth, self.column, header)

    @property
    def signature(self) -> tuple[object, ...]:
        return (self.key, self.inlines)


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
    def status(self) -> Status:
        if self.old is None:
            return "inserted"
        if self.new is None:
            return "deleted"
        return "same" if all(p.op == "equal" for p in self.pieces) else "changed"

    @property
    def unit(self) -> Unit:
        """The new side's unit, else the old one's: what the change is shown as."""
        return self.new or self.old


@dataclass(frozen=True)
class Row:
    """One table row of the redline: its cells' changes, column by column."""

    cells: tuple[Change, ...]

    @property
    def status(self) -> Status:
        if all(cell.old is None for cell in self.cells):
            return "inserted"
        if all(cell.new is None for cell in self.cells):
            return "deleted"
        return "same" if all(cell.status == "same" for cell in self.cells) else "changed"

    @property
    def header(self) -> bool:
        return self.cells[0].unit.row == 0


@dataclass(frozen=True)
class TableChange:
    """A table of the redline: the rows of a table of either draft, or of a table both have."""

    rows: tuple[Row, ...]


@dataclass(frozen=True)
class Summary:
    words_inserted: int
    words_deleted: int
    edited: int
    inserted: int
    deleted: int
    rows_edited: int = 0
    rows_inserted: int = 0
    rows_deleted: int = 0

    @property
    def paragraphs_changed(self) -> int:
        return self.edited + self.inserted + self.deleted

    @property
    def rows_changed(self) -> int:
        return self.rows_edited + self.rows_inserted + self.rows_deleted

    def __str__(self) -> str:
        if not self.paragraphs_changed and not self.rows_changed:
            return "no changes"
        said = [f"{_count(self.words_inserted, 'word')} inserted", f"{_count(self.words_deleted, 'word')} deleted"]
        if self.paragraphs_changed or not self.rows_changed:
            said.append(_changed(self.paragraphs_changed, "paragraph", self.edited, self.inserted, self.deleted))
        if self.rows_changed:  # said only when a table changed, so a letter without one reads as before
            said.append(_changed(self.rows_changed, "table row", self.rows_edited, self.rows_inserted, self.rows_deleted))
        return ", ".join(said)


def _changed(number: int, noun: str, edited: int, inserted: int, deleted: int) -> str:
    return f"{_count(number, noun)} changed ({edited} edited, {inserted} inserted, {deleted} deleted)"


def _count(number: int, noun: str) -> str:
    return f"{number} {noun}" if number == 1 else f"{number} {noun}s"


def units(document: Document) -> list[Unit]:
    """Every unit of a Document in reading order: what the DOCX writer makes one paragraph each."""
    found: list[Unit] = []

    def add(kind: str, role: str, inlines: tuple[Inline, ...], block: int, **details) -> None:
        found.append(Unit(len(found), kind, role, inlines, block, **details))

    for number, block in enumerate(document.blocks):
        if isinstance(block, ListBlock):
            for item in block.items:
                add(ITEM, block.role, item.inlines, number, list_style=block.style, outline_style=block.style,
                    list_start=block.start)
                for sub in item.sublist.items if item.sublist is not None else ():
                    add(ITEM, block.role, sub.inlines, number, list_style=item.sublist.style,
                        outline_style=block.style, depth=1, list_start=item.sublist.start)
        elif isinstance(block, Table):
            for row, cells in enumerate((block.header, *block.rows)):
                for column, (cell, align) in enumerate(zip(cells, block.align, strict=True)):
                    add(CELL, block.role, cell, number, row=row, column=column, align=align)
        elif isinstance(block, Quote):
            for paragraph in block.paragraphs:
                add(QUOTATION, block.role, paragraph, number)
            if block.attribution:
                # The dash is printed text in every format (a run of its own in the DOCX), so it is the unit's too.
                add(ATTRIBUTION, block.role, (Text(f"{ATTRIBUTION_DASH} "), *block.attribution), number)
        elif isinstance(block, Heading):
            add(HEADING, block.role, block.inlines, number, level=block.level)
        else:
            add(PARAGRAPH, block.role, block.inlines, number)
    return found


def compare(old: Document, new: Document) -> list[Change]:
    """Every unit of both Documents in reading order, each with what happened to it."""
    return [_change(a, b) for a, b in align(units(old), units(new))]


def summarize(changes: list[Change]) -> Summary:
    inserted = sum(_words(p.text) for c in changes for p in c.pieces if p.op == "insert")
    deleted = sum(_words(p.text) for c in changes for p in c.pieces if p.op == "delete")
    statuses = [c.status for c in changes if c.unit.kind != CELL]
    rows = [row.status for part in parts(changes) if isinstance(part, TableChange) for row in part.rows]
    return Summary(
        inserted, deleted, statuses.count("changed"), statuses.count("inserted"), statuses.count("deleted"),
        rows.count("changed"), rows.count("inserted"), rows.count("deleted"),
    )


def _words(text: str) -> int:
    return sum(1 for token in text.split() if _WORD.search(token))


# --- blocks -----------------------------------------------------------------------


def blocks(changes: list[Change]) -> list[list[Change]]:
    """The changes grouped as the redline shows them: a heading or paragraph alone; a list's items, a
    table's cells, a quotation's paragraphs and attribution together.

    A group runs on while each change belongs to a block (of either draft) already in it, so a list
    whose items were edited stays one list, and a list or table only one draft has stands alone.
    """
    groups: list[list[Change]] = []
    for change in changes:
        if groups and _joins(groups[-1], change):
            groups[-1].append(change)
        else:
            groups.append([change])
    return groups


def _family(unit: Unit) -> str:
    return QUOTATION if unit.kind == ATTRIBUTION else unit.kind


def _joins(group: list[Change], change: Change) -> bool:
    if _family(change.unit) not in (ITEM, CELL, QUOTATION) or _family(change.unit) != _family(group[0].unit):
        return False
    old_blocks = {c.old.block for c in group if c.old is not None}
    new_blocks = {c.new.block for c in group if c.new is not None}
    return (change.old is not None and change.old.block in old_blocks) or (
        change.new is not None and change.new.block in new_blocks
    )


def parts(changes: list[Change]) -> list[Change | TableChange]:
    """The changes as the body holds them: every paragraph's alone, each table's cells as its rows."""
    found: list[Change | TableChange] = []
    for group in blocks(changes):
        if group[0].unit.kind != CELL:
            found += group
            continue
        rows: list[list[Change]] = []
        for cell in group:  # a row's cells come together, column 0 first (align keeps rows whole)
            if cell.unit.column == 0:
                rows.append([])
            rows[-1].append(cell)
        found.append(TableChange(tuple(Row(tuple(row)) for row in rows)))
    return found


# --- paragraphs and rows ------------------------------------------------------------


@dataclass(frozen=True)
class _Line:
    """What the Documents are aligned by: one unit, or a table row with its cells side by side."""

    units: tuple[Unit, ...]

    @property
    def key(self) -> tuple[object, ...]:
        first = self.units[0]
        if first.kind != CELL:
            return first.key
        return (CELL, first.role, first.row == 0, len(self.units))  # a row pairs with a row as wide

    @property
    def signature(self) -> tuple[object, ...]:
        return (self.key, tuple(unit.inlines for unit in self.units))


def _lines(found: list[Unit]) -> list[_Line]:
    lines: list[list[Unit]] = []
    for unit in found:
        if unit.kind == CELL and unit.column > 0:
            lines[-1].append(unit)
        else:
            lines.append([unit])
    return [_Line(tuple(line)) for line in lines]


def align(old: list[Unit], new: list[Unit]) -> list[tuple[Unit | None, Unit | None]]:
    """Pairs of units in reading order: (old, new) for a unit kept or edited, one side None otherwise."""
    pairs: list[tuple[Unit | None, Unit | None]] = []
    for a, b in _align_lines(_lines(old), _lines(new)):
        if a is not None and b is not None:
            pairs += zip(a.units, b.units, strict=True)
        else:
            pairs += [(unit, None) for unit in a.units] if a is not None else [(None, unit) for unit in b.units]
    return pairs


def _align_lines(old: list[_Line], new: list[_Line]) -> list[tuple[_Line | None, _Line | None]]:
    matcher = SequenceMatcher(None, [line.signature for line in old], [line.signature for line in new], autojunk=False)
    pairs: list[tuple[_Line | None, _Line | None]] = []
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            pairs += zip(old[i1:i2], new[j1:j2], strict=True)
        else:
            pairs += _pair_rewritten(_pair_alike(old[i1:i2], new[j1:j2]))
    return pairs


def _pair_rewritten(pairs: list[tuple[_Line | None, _Line | None]]) -> list[tuple[_Line | None, _Line | None]]:
    """Pair paragraphs rewritten in place: deleted lines followed by as many inserted ones, each of the
    same kind and role as the one it replaces, are one edited paragraph each (word by word), as Word's
    own comparison shows a rewritten paragraph. Table rows stay rows deleted and inserted."""
    result: list[tuple[_Line | None, _Line | None]] = []
    index = 0
    while index < len(pairs):
        end = index
        while end < len(pairs) and (pairs[end][0] is None) != (pairs[end][1] is None):
            end += 1
        run = pairs[index:end]
        deleted = [a for a, b in run if b is None]
        inserted = [b for a, b in run if a is None]
        in_order = run == [(a, None) for a in deleted] + [(None, b) for b in inserted]
        if run and in_order and len(deleted) == len(inserted) and all(
            a.key == b.key and a.units[0].kind != CELL for a, b in zip(deleted, inserted, strict=True)
        ):
            result += zip(deleted, inserted, strict=True)
        else:
            result += run
        if end < len(pairs):
            result.append(pairs[end])
        index = end + 1
    return result


def _pair_alike(old: list[_Line], new: list[_Line]) -> list[tuple[_Line | None, _Line | None]]:
    """Pair edited lines in order, so that the pairs are as alike as possible.

    A stretch of up to EXACT_PAIRING_CELLS old × new lines is paired exactly (an alignment
    table); a longer one, where every line of a long letter was edited, within a window that
    moves along it, so the cost grows with the stretch, not with its square.
    """
    alike = _Likeness(old, new)
    if len(old) * len(new) <= EXACT_PAIRING_CELLS:
        return _pair_exactly(old, new, alike)
    return _pair_in_window(old, new, alike)


def _pair_exactly(old: list[_Line], new: list[_Line], likeness: _Likeness) -> list[tuple[_Line | None, _Line | None]]:
    alike = [[likeness(i, j) for j in range(len(new))] for i in range(len(old))]
    score = [[0.0] * (len(new) + 1) for _ in range(len(old) + 1)]
    for i in range(1, len(old) + 1):
        for j in range(1, len(new) + 1):
            paired = score[i - 1][j - 1] + alike[i - 1][j - 1] if alike[i - 1][j - 1] >= PAIRING_THRESHOLD else 0.0
            score[i][j] = max(score[i - 1][j], score[i][j - 1], paired)
    pairs: list[tuple[_Line | None, _Line | None]] = []
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


def _pair_in_window(old: list[_Line], new: list[_Line], alike: _Likeness) -> list[tuple[_Line | None, _Line | None]]:
    """Pairs of mutual best partners within a window moving along both stretches.

    An old line pairs with the most alike of the next PAIRING_WINDOW new lines not yet used,
    if that one is alike enough and is not more alike to one of the next old lines (then this
    old line was deleted: pairing it would shift every later pair by one); the new lines it
    passes over are inserted before it.
    """
    pairs: list[tuple[_Line | None, _Line | None]] = []
    j = 0
    for i, line in enumerate(old):
        best, best_score = None, PAIRING_THRESHOLD
        for k in range(j, min(len(new), j + PAIRING_WINDOW)):
            score = alike(i, k)
            if score > best_score or (best is None and score == best_score):
                best, best_score = k, score
        if best is not None and any(
            alike(later, best) > best_score for later in range(i + 1, min(len(old), i + PAIRING_WINDOW))
        ):
            best = None
        if best is None:
            pairs.append((line, None))
            continue
        pairs += [(None, inserted) for inserted in new[j:best]]
        pairs.append((line, new[best]))
        j = best + 1
    return pairs + [(None, inserted) for inserted in new[j:]]


class _Likeness:
    """How alike old line i and new line j are (0 to 1): their words split once per line, not once per pair."""

    def __init__(self, old: list[_Line], new: list[_Line]) -> None:
        self.old, self.new = old, new
        self.old_words = [_line_words(line) for line in old]
        self.new_words = [_line_words(line) for line in new]

    def __call__(self, i: int, j: int) -> float:
        if self.old[i].key != self.new[j].key:
            return 0.0
        a, b = self.old_words[i], self.new_words[j]
        if not (a or b):
            return 1.0
        if 2 * min(len(a), len(b)) < PAIRING_THRESHOLD * (len(a) + len(b)):
            return 0.0  # the ratio's own upper bound is under the threshold: skip the comparison
        return SequenceMatcher(None, a, b, autojunk=False).ratio()


def _line_words(line: _Line) -> list[str]:
    words: list[str] = []
    for number, unit in enumerate(line.units):
        words += ([_CELL_BOUNDARY] if number else []) + _words_of(unit)
    return words


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
