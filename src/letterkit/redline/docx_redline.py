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
  moved lists, keep-with-next), `w:pPrChange` records the old ones.
A removed paragraph mark joins its paragraph's content to the next one. The
document's last paragraph has no next, so when the two drafts end in
different paragraphs, the final paragraph holds both endings: its runs are
tracked, its properties are the new ending's with the old ending's in
`w:pPrChange`, and the mark before it is tracked instead.

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
from letterkit.redline.compare import Change, Unit, units
from letterkit.writers.docx_numbering import start_list
from letterkit.writers.docx_writer import build_docx, package_docx

_LIST_KINDS = ("numbered", "bulleted")
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


def render_redline_docx(
    old: Document, new: Document, changes: list[Change], *, author: str, date: datetime.date
) -> bytes:
    old_word, new_word = build_docx(old), build_docx(new)
    sides = _Sides(
        old_word,
        new_word,
        _body_paragraphs(old_word, len(units(old))),
        _body_paragraphs(new_word, len(units(new))),
        _Revisions(author, f"{date.isoformat()}T00:00:00Z"),
    )
    sides.map_old_lists(changes)
    body = new_word.element.body
    for paragraph in sides.new_paragraphs:
        body.remove(paragraph)
    for paragraph in _paragraphs(changes, sides):
        body.sectPr.addprevious(paragraph)
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
    old_paragraphs: list[etree._Element]
    new_paragraphs: list[etree._Element]
    revisions: _Revisions
    old_num_ids: dict[str, str] = field(default_factory=dict)  # old draft's list numId -> the redline's

    def map_old_lists(self, changes: list[Change]) -> None:
        """An old list continues as the new list its items were paired with; a list only the old draft had
        gets its own numbering instance, so its deleted items still count 1, 2, 3 when rejected."""
        for change in changes:
            if change.old and change.new and change.old.kind in _LIST_KINDS:
                old_id = _num_id(self.old_paragraphs[change.old.index])
                self.old_num_ids.setdefault(old_id, _num_id(self.new_paragraphs[change.new.index]))
        for change in changes:
            unit = change.old
            if unit is not None and unit.kind in _LIST_KINDS:
                old_id = _num_id(self.old_paragraphs[unit.index])
                if old_id not in self.old_num_ids:
                    ordered = unit.kind == "numbered"
                    start = unit.list_start if ordered else None
                    self.old_num_ids[old_id] = str(start_list(self.new_word, "number" if ordered else "bullet", start))

    def properties(self, unit: Unit, side: str) -> etree._Element:
        """A copy of the unit's w:pPr in its draft (numbering mapped into the redline's)."""
        source = (self.old_paragraphs if side == "old" else self.new_paragraphs)[unit.index]
        pPr = source.find(qn("w:pPr"))
        copy = deepcopy(pPr) if pPr is not None else OxmlElement("w:pPr")
        if side == "old":
            for num_id in copy.iterfind(f"{qn('w:numPr')}/{qn('w:numId')}"):
                num_id.set(qn("w:val"), self.old_num_ids[num_id.get(qn("w:val"))])
        return copy

    def run(self, unit: Unit, side: str, inline: int, text: str, tracked: str | None) -> etree._Element:
        """A copy of the run (or hyperlink) that renders inline `inline`, holding `text`, maybe tracked."""
        source = (self.old_paragraphs if side == "old" else self.new_paragraphs)[unit.index]
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


def _paragraphs(changes: list[Change], sides: _Sides) -> list[etree._Element]:
    last_old = max(i for i, c in enumerate(changes) if c.old is not None)
    last_new = max(i for i, c in enumerate(changes) if c.new is not None)
    final = len(changes) - 1
    other_ending = min(last_old, last_new) if last_old != last_new else None
    folded: list[etree._Element] = []  # runs of a single-sided ending, carried into the final paragraph
    paragraphs = []
    for index, change in enumerate(changes):
        mark = {"inserted": "w:ins", "deleted": "w:del"}.get(change.status)
        if index == other_ending:
            if change.old is None or change.new is None:
                folded = _runs(change, sides)
                continue
            mark = "w:ins" if last_new == final else "w:del"  # this mark ends the shorter draft
        if index == final and other_ending is not None:
            ending = (changes[last_new].new, changes[last_old].old)
            paragraphs.append(_paragraph(change, sides, None, folded, ending))
        else:
            paragraphs.append(_paragraph(change, sides, mark))
    return paragraphs


def _paragraph(
    change: Change,
    sides: _Sides,
    mark: str | None,
    folded: list[etree._Element] = (),
    ending: tuple[Unit, Unit] | None = None,
) -> etree._Element:
    """One w:p; `ending` = (new draft's last unit, old draft's last unit) for the final paragraph."""
    new_props, old_props = ending or (change.new, change.old)
    pPr = sides.properties(new_props, "new") if new_props else sides.properties(old_props, "old")
    if mark is not None:
        rPr = OxmlElement("w:rPr")
        rPr.append(sides.revisions.mark(mark))
        pPr.append(rPr)
    if new_props is not None and old_props is not None:
        before = sides.properties(old_props, "old")
        if etree.tostring(before) != etree.tostring(sides.properties(new_props, "new")):
            pPr.append(_properties_change(before, sides.revisions))
    paragraph = OxmlElement("w:p")
    paragraph.append(pPr)
    for run in [*folded, *_runs(change, sides)]:
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


def _body_paragraphs(word: WordDocument, expected: int) -> list[etree._Element]:
    paragraphs = word.element.body.findall(qn("w:p"))
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
