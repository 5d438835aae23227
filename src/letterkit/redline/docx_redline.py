"""The redline DOCX: the new draft's Word file, its changes since the old one as real tracked changes.

Both drafts are built by the normal DOCX writer, so every paragraph of the
redline is a copy of a paragraph of one of them: same named styles, list
numbering, keep-with-next, header and footer. Only the body is rearranged:
- an edited paragraph keeps its unchanged runs; deleted words are runs in
  `w:del` (their text in `w:delText`), inserted words runs in `w:ins`;
- a whole inserted or deleted paragraph has all its runs tracked and its
  paragraph mark too (`w:pPr/w:rPr/w:ins|w:del`), so accepting or rejecting
  removes the paragraph itself and not just its words;
- where a paragraph's properties differ between the drafts (a list item that
  moved lists, keep-with-next), `w:pPrChange` records the old ones;
- a list only the old draft had keeps its own numbering (its definition and
  instance are copied from the old draft), so its deleted items still count
  A, B, C or 1, 2, 3 and nest as they did when rejected.
Tables are rebuilt row by row from the drafts' own rows (`w:trPr`, cell
properties), each cell's paragraph made as any paragraph is: a changed cell has
its words tracked inside it; a row only one draft has is a tracked row
(`w:trPr/w:ins` or `w:del`) with its cells' words tracked too; a table only one
draft has is all such rows, so accepting or rejecting removes it whole. A table
both drafts have takes the new draft's table and column widths.

A removed paragraph mark joins its paragraph's content to the next paragraph.
The paragraph before a table, and the document's last, has no next one to
join, so where the two drafts' paragraphs before one (or at the end) differ,
the final paragraph holds both endings: its runs are tracked, its properties
are the new ending's with the old ending's in `w:pPrChange`, and the mark
before it is tracked instead. (A stretch of paragraphs only one draft has,
right before a table, has every mark tracked: accepting or rejecting empties
each paragraph, and an empty paragraph whose mark goes is removed.)

Every change carries the given author and date (the new release date by
default), never the clock, so the same drafts give the same bytes. Revision
tracking is switched on, so legal's own edits in Word are tracked too.
"""

from __future__ import annotations

import datetime
from copy import deepcopy
from dataclasses import dataclass, field

from docx.document import Document as WordDocument
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from lxml import etree

from letterkit.document import Document
from letterkit.redline.compare import ITEM, Change, Row, TableChange, Unit, parts, units
from letterkit.redline.marks import Slot, slots
from letterkit.writers.docx_writer import build_docx, package_docx

# Settings that come before w:trackRevisions in CT_Settings; it goes after the last present one.
_BEFORE_TRACK_REVISIONS = (
    "writeProtection", "view", "zoom", "removePersonalInformation", "removeDateAndTime",
    "doNotDisplayPageBoundaries", "displayBackgroundShape", "printPostScriptOverText",
    "printFractionalCharacterWidth", "printFormsData", "embedTrueTypeFonts", "embedSystemFonts",
    "saveSubsetFonts", "saveFormsData", "mirrorMargins", "alignBordersAndEdges",
    "bordersDoNotSurroundHeader", "bordersDoNotSurroundFooter", "gutterAtTop", "hideSpellingErrors",
    "hideGrammaticalErrors", "activeWritingStyle", "proofState", "formsDesign", "attachedTemplate",
    "linkStyles", "stylePaneFormatFilter", "stylePaneSortMethod", "documentType", "mailMerge", "revisionView",
)  # fmt: skip
_BODY_CONTENT = (qn("w:p"), qn("w:tbl"))


def render_redline_docx(
    old: Document, new: Document, changes: list[Change], *, author: str, date: datetime.date
) -> bytes:
    old_word, new_word = build_docx(old), build_docx(new)
    sides = _Sides(
        old_word,
        new_word,
        _unit_paragraphs(old_word, len(units(old))),
        _unit_paragraphs(new_word, len(units(new))),
        _Revisions(author, f"{date.isoformat()}T00:00:00Z"),
    )
    sides.map_old_lists(changes)
    body = new_word.element.body
    for element in [child for child in body if child.tag in _BODY_CONTENT]:
        body.remove(element)
    closing_section = body.sectPr  # looked up once: python-docx looks from the first child on (n² in all)
    for element in _body(changes, sides):
        closing_section.addprevious(element)
    _track_revisions(new_word)
    return package_docx(new_word, new.metadata)


@dataclass
class _Revisions:
    """Tracked-change elements with unique ids, all by one author at one time."""

    author: str
    date: str
    next_id: int = 1

    def mark(self, tag: str) -> etree._Element:
        element = OxmlElement(tag, {qn("w:id"): str(self.next_id), qn("w:author"): self.author, qn("w:date"): self.date})
        self.next_id += 1
        return element


@dataclass
class _Sides:
    old_word: WordDocument
    new_word: WordDocument
    old_paragraphs: list[etree._Element]  # the w:p of each unit, cells' included
    new_paragraphs: list[etree._Element]
    revisions: _Revisions
    old_num_ids: dict[str, str] = field(default_factory=dict)  # old draft's list numId -> the redline's

    def paragraph(self, unit: Unit, side: str) -> etree._Element:
        return (self.old_paragraphs if side == "old" else self.new_paragraphs)[unit.index]

    def map_old_lists(self, changes: list[Change]) -> None:
        """An old list continues as the new list its items were paired with, if that numbers alike (same
        definition, same start); any other old list gets a copy of its own numbering, so its items still
        count and nest as they did when rejected (a lettered list turned bulleted stays lettered)."""
        for change in changes:
            if change.old and change.new and change.old.kind == ITEM:
                old_id = _num_id(self.paragraph(change.old, "old"))
                new_id = _num_id(self.paragraph(change.new, "new"))
                if old_id not in self.old_num_ids and _numbers_alike(self.old_word, old_id, self.new_word, new_id):
                    self.old_num_ids[old_id] = new_id
        for change in changes:
            if change.old is not None and change.old.kind == ITEM:
                old_id = _num_id(self.paragraph(change.old, "old"))
                if old_id not in self.old_num_ids:
                    self.old_num_ids[old_id] = _copy_numbering(self.old_word, self.new_word, old_id)

    def properties(self, unit: Unit, side: str) -> etree._Element:
        """A copy of the unit's w:pPr in its draft (numbering mapped into the redline's)."""
        pPr = self.paragraph(unit, side).find(qn("w:pPr"))
        copy = deepcopy(pPr) if pPr is not None else OxmlElement("w:pPr")
        if side == "old":
            for num_id in copy.iterfind(f"{qn('w:numPr')}/{qn('w:numId')}"):
                num_id.set(qn("w:val"), self.old_num_ids[num_id.get(qn("w:val"))])
        return copy

    def run(self, unit: Unit, side: str, inline: int, text: str, tracked: str | None) -> etree._Element:
        """A copy of the run (or hyperlink) that renders inline `inline`, holding `text`, maybe tracked."""
        source = self.paragraph(unit, side)
        element = deepcopy([child for child in source if child.tag != qn("w:pPr")][inline])
        for t in element.iter(qn("w:t")):
            t.text = text
            t.set(qn("xml:space"), "preserve")
            if tracked == "w:del":
                t.tag = qn("w:delText")
        if element.tag == qn("w:hyperlink") and side == "old":
            self._relink(element)
        if tracked is None:
            return element
        wrapper = self.revisions.mark(tracked)
        if element.tag == qn("w:hyperlink"):  # the change goes inside the link: w:hyperlink/w:ins/w:r
            for child in list(element):
                wrapper.append(child)
            element.append(wrapper)
            return element
        wrapper.append(element)
        return wrapper

    def _relink(self, hyperlink: etree._Element) -> None:
        """A link copied from the old draft: its relationship must exist in the redline's part."""
        rId = hyperlink.get(qn("r:id"))
        target = self.old_word.part.rels[rId].target_ref
        hyperlink.set(qn("r:id"), self.new_word.part.relate_to(target, RT.HYPERLINK, is_external=True))


# --- body ---------------------------------------------------------------------------


def _body(changes: list[Change], sides: _Sides) -> list[etree._Element]:
    """The redline's body: stretches of paragraphs, each ending where a table (or the document) does."""
    elements: list[etree._Element] = []
    stretch: list[Change] = []
    for part in parts(changes):
        if isinstance(part, TableChange):
            elements += _paragraphs(stretch, sides)
            elements.append(_table(part, sides))
            stretch = []
        else:
            stretch.append(part)
    return elements + _paragraphs(stretch, sides)


def _paragraphs(changes: list[Change], sides: _Sides) -> list[etree._Element]:
    """A stretch's paragraphs, their marks tracked as marks.slots lays them out."""
    return [_slot_paragraph(slot, sides) for slot in slots(changes)]


def _slot_paragraph(slot: Slot, sides: _Sides) -> etree._Element:
    runs = [run for change in slot.changes for run in _runs(change, sides)]
    return _paragraph(sides, slot.new, slot.old, runs, slot.mark)


def _paragraph(
    sides: _Sides, new: Unit | None, old: Unit | None, runs: list[etree._Element], mark: str | None = None
) -> etree._Element:
    """One w:p with the properties of `new` in the new draft (else `old`'s), `old`'s in w:pPrChange where they
    differ, and its mark tracked as `mark` (w:ins, w:del) or not (None)."""
    pPr = sides.properties(new, "new") if new is not None else sides.properties(old, "old")
    if mark is not None:
        rPr = OxmlElement("w:rPr")
        rPr.append(sides.revisions.mark(mark))
        pPr.append(rPr)
    if new is not None and old is not None:
        before = sides.properties(old, "old")
        if etree.tostring(before) != etree.tostring(sides.properties(new, "new")):
            pPr.append(_properties_change(before, sides.revisions))
    paragraph = OxmlElement("w:p")
    paragraph.append(pPr)
    for run in runs:
        paragraph.append(run)
    return paragraph


def _runs(change: Change, sides: _Sides) -> list[etree._Element]:
    runs = []
    for piece in change.pieces:
        if piece.op == "delete":
            runs.append(sides.run(change.old, "old", piece.inline, piece.text, "w:del"))
        else:
            tracked = "w:ins" if piece.op == "insert" else None
            runs.append(sides.run(change.new, "new", piece.inline, piece.text, tracked))
    return runs


def _properties_change(before: etree._Element, revisions: _Revisions) -> etree._Element:
    change = revisions.mark("w:pPrChange")
    old = OxmlElement("w:pPr")
    for child in before:
        if child.tag not in (qn("w:rPr"), qn("w:sectPr"), qn("w:pPrChange")):
            old.append(deepcopy(child))
    change.append(old)
    return change


# --- tables -------------------------------------------------------------------------


def _table(table: TableChange, sides: _Sides) -> etree._Element:
    """A w:tbl of the table's rows: the new draft's table and widths where it has the table, else the old's."""
    first = next((row for row in table.rows if row.status != "deleted"), table.rows[0])
    source = _row_of(sides, first).getparent()
    tbl = OxmlElement("w:tbl")
    tbl.append(deepcopy(source.find(qn("w:tblPr"))))
    grid = deepcopy(source.find(qn("w:tblGrid")))
    tbl.append(grid)
    widths = [column.get(qn("w:w")) for column in grid.iterfind(qn("w:gridCol"))]
    for row in table.rows:
        tbl.append(_table_row(row, sides, widths))
    return tbl


def _row_of(sides: _Sides, row: Row) -> etree._Element:
    """The w:tr a redline row is copied from: the new draft's, unless only the old draft has the row."""
    cell = row.cells[0]
    side = "old" if cell.new is None else "new"
    return sides.paragraph(cell.unit if side == "new" else cell.old, side).getparent().getparent()


def _table_row(row: Row, sides: _Sides, widths: list[str]) -> etree._Element:
    tr = deepcopy(_row_of(sides, row))
    mark = {"inserted": "w:ins", "deleted": "w:del"}.get(row.status)
    if mark is not None:  # after the row's other properties, as CT_TrPr orders them
        tr.find(qn("w:trPr")).append(sides.revisions.mark(mark))  # the DOCX writer gives every row one
    for tc, change, width in zip(tr.iterfind(qn("w:tc")), row.cells, widths, strict=True):
        for paragraph in tc.findall(qn("w:p")):
            tc.remove(paragraph)
        # A cell's only paragraph: its words tracked, never its mark (the row's is).
        tc.append(_paragraph(sides, change.new, change.old, _runs(change, sides)))
        tcW = tc.find(f"{qn('w:tcPr')}/{qn('w:tcW')}")
        if tcW is not None:  # an old row in the new table's grid
            tcW.set(qn("w:w"), width)
            tcW.set(qn("w:type"), "dxa")
    return tr


# --- lists --------------------------------------------------------------------------


def _copy_numbering(old_word: WordDocument, new_word: WordDocument, old_id: str) -> str:
    """A numbering instance in the redline like the old draft's `old_id`: its definition (the redline's own
    where it has the same one), its start and level overrides. Returns the new numId."""
    old_numbering = old_word.part.numbering_part.element
    new_numbering = new_word.part.numbering_part.element
    num = old_numbering.num_having_numId(int(old_id))
    definition = _abstract_num(old_numbering, num.abstractNumId.val)
    same = [a for a in new_numbering.iterfind(qn("w:abstractNum")) if _definition_text(a) == _definition_text(definition)]
    if same:
        abstract_id = int(same[0].get(qn("w:abstractNumId")))
    else:
        ids = [int(a.get(qn("w:abstractNumId"))) for a in new_numbering.iterfind(qn("w:abstractNum"))]
        abstract_id = max(ids, default=-1) + 1
        copy = deepcopy(definition)
        copy.set(qn("w:abstractNumId"), str(abstract_id))
        first_num = new_numbering.find(qn("w:num"))  # schema order: every w:abstractNum before the first w:num
        if first_num is None:
            new_numbering.append(copy)
        else:
            first_num.addprevious(copy)
    copied = new_numbering.add_num(abstract_id)
    for override in num.iterfind(qn("w:lvlOverride")):
        copied.append(deepcopy(override))
    return str(copied.numId)


def _numbers_alike(old_word: WordDocument, old_id: str, new_word: WordDocument, new_id: str) -> bool:
    return _numbering_text(old_word, old_id) == _numbering_text(new_word, new_id)


def _numbering_text(word: WordDocument, num_id: str) -> bytes:
    """What a numbering instance draws: its definition's levels and its overrides."""
    numbering = word.part.numbering_part.element
    num = numbering.num_having_numId(int(num_id))
    overrides = b"".join(etree.tostring(override) for override in num.iterfind(qn("w:lvlOverride")))
    return _definition_text(_abstract_num(numbering, num.abstractNumId.val)) + overrides


def _abstract_num(numbering: etree._Element, abstract_id: int) -> etree._Element:
    return numbering.find(f"{qn('w:abstractNum')}[@{qn('w:abstractNumId')}='{abstract_id}']")


def _definition_text(abstract: etree._Element) -> bytes:
    return b"".join(etree.tostring(child) for child in abstract)


# --- the drafts -----------------------------------------------------------------------


def _unit_paragraphs(word: WordDocument, expected: int) -> list[etree._Element]:
    """Every paragraph of the body in reading order, a table's cell by cell: one per unit."""
    paragraphs = [p for element in word.element.body if element.tag in _BODY_CONTENT for p in element.iter(qn("w:p"))]
    if len(paragraphs) != expected:  # the DOCX writer's one-paragraph-per-unit promise is broken
        raise ValueError(f"the DOCX writer made {len(paragraphs)} paragraphs for {expected} units")
    return paragraphs


def _num_id(paragraph: etree._Element) -> str:
    return paragraph.find(f"{qn('w:pPr')}/{qn('w:numPr')}/{qn('w:numId')}").get(qn("w:val"))


def _track_revisions(word: WordDocument) -> None:
    settings = word.settings.element
    track = OxmlElement("w:trackRevisions")
    before = [child for child in settings if child.tag in {qn(f"w:{name}") for name in _BEFORE_TRACK_REVISIONS}]
    if before:
        before[-1].addnext(track)
    else:
        settings.insert(0, track)
