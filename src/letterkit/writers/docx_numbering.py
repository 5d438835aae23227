"""Real Word numbering for the letter's lists.

Each list is one Word list: its items at level 0, the items nested under them
at level 1 of the same numbering instance (`w:ilvl="1"`), so Word shows them
as one outline that legal can promote and demote. What the markers are comes
from a numbering definition (`w:abstractNum`) of ours per kind of list: level 0
bullet "•", decimal "1." or upper letter "A.", level 1 the sublists' style
(bullet "–", decimal, letter) — the marks the wire text prints (markers). One
definition serves every list of that kind; it is named for its kind, so the
next list finds it.

A numbered sequence in Word runs on through every `w:num` of one definition,
so every list gets its own `w:num` instance, and an ordered one a
`w:startOverride` on level 0: what Word itself writes for "Restart at 1". A
nested numbered list restarts under each parent item by itself (a level
restarts after an item of the level above).

The template's own List Bullet / List Number definitions stay, indented as
ours, for lists legal starts in Word by applying those styles.
"""

from __future__ import annotations

from docx.document import Document as WordDocument
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.text.paragraph import Paragraph

from letterkit.writers.markers import BULLET, NESTED_BULLET

# Marker at 0.25", text at 0.5"; each level 0.25" further in: a nested marker sits under its parent's text.
_TEXT_INDENT = 720  # twentieths of a point
_HANGING = 360
_LEVEL_STEP = 360
_LEVELS = 9  # Word defines all nine, so legal can demote further in Word
_FORMATS = {"bullet": "bullet", "number": "decimal", "letter": "upperLetter"}


def prepare_list_styles(document: WordDocument, style_names: tuple[str, ...]) -> None:
    """Indent the template's list definitions the way a letter's lists sit."""
    for name in style_names:
        pPr = _abstract_num_of_style(document, name).find(f"{qn('w:lvl')}[@{qn('w:ilvl')}='0']/{qn('w:pPr')}")
        for old in list(pPr):
            pPr.remove(old)
        for child in _indentation(0):
            pPr.append(child)


def start_list(document: WordDocument, style: str, start: int | None, nested_style: str = "bullet",
               nested_start: int = 1) -> int:
    """A fresh numbering instance for one list; returns its numId.

    `style` is the list's ("bullet", "number" or "letter"), `nested_style` and
    `nested_start` those of the lists nested in it. `start` is given for ordered
    lists (they always restart), None for bullets.
    """
    numbering = _numbering(document)
    abstract_id = _definition(numbering, style, nested_style, nested_start)
    num = numbering.add_num(abstract_id)
    if start is not None:
        num.add_lvlOverride(ilvl=0).add_startOverride(start)
    return num.numId


def start_sublist(document: WordDocument, parent_style: str, style: str, start: int) -> int:
    """A numbering instance for a nested list unlike the list's other nested lists (another style or start).

    Its items are at level 1 of it, restarting at `start`.
    """
    num_id = start_list(document, parent_style, None, style, start)
    num = _numbering(document).num_having_numId(num_id)
    num.add_lvlOverride(ilvl=1).add_startOverride(start)
    return num_id


def number_paragraph(paragraph: Paragraph, num_id: int, level: int = 0) -> None:
    """Attach a list paragraph to its list's numbering instance, at `level` (1 for a nested item)."""
    numPr = paragraph._p.get_or_add_pPr().get_or_add_numPr()
    numPr.get_or_add_ilvl().val = level
    numPr.get_or_add_numId().val = num_id


def _numbering(document: WordDocument):
    return document.part.numbering_part.element


def _definition(numbering, style: str, nested_style: str, nested_start: int) -> int:
    """The abstractNumId of our definition for this kind of list, added on first use."""
    name = f"letterkit {style} list, {nested_style} sublists from {nested_start}"
    found = numbering.xpath(f"./w:abstractNum[w:name/@w:val='{name}']/@w:abstractNumId")
    if found:
        return int(found[0])
    ids = [int(value) for value in numbering.xpath("./w:abstractNum/@w:abstractNumId")]
    abstract_id = max(ids, default=-1) + 1
    abstract = OxmlElement("w:abstractNum", {qn("w:abstractNumId"): str(abstract_id)})
    abstract.append(OxmlElement("w:multiLevelType", {qn("w:val"): "multilevel"}))
    abstract.append(OxmlElement("w:name", {qn("w:val"): name}))
    for level in range(_LEVELS):
        if level == 0:
            abstract.append(_level(level, style, 1))
        else:
            abstract.append(_level(level, nested_style, nested_start if level == 1 else 1))
    # Schema order: every w:abstractNum before the first w:num.
    first_num = numbering.find(qn("w:num"))
    if first_num is None:
        numbering.append(abstract)
    else:
        first_num.addprevious(abstract)
    return abstract_id


def _level(level: int, style: str, start: int):
    lvl = OxmlElement("w:lvl", {qn("w:ilvl"): str(level)})
    lvl.append(OxmlElement("w:start", {qn("w:val"): str(start)}))
    lvl.append(OxmlElement("w:numFmt", {qn("w:val"): _FORMATS[style]}))
    text = (BULLET if level == 0 else NESTED_BULLET) if style == "bullet" else f"%{level + 1}."
    lvl.append(OxmlElement("w:lvlText", {qn("w:val"): text}))
    lvl.append(OxmlElement("w:lvlJc", {qn("w:val"): "left"}))
    pPr = OxmlElement("w:pPr")
    for child in _indentation(level):
        pPr.append(child)
    lvl.append(pPr)
    return lvl


def _indentation(level: int) -> list:
    left = _TEXT_INDENT + level * _LEVEL_STEP
    tabs = OxmlElement("w:tabs")
    tabs.append(OxmlElement("w:tab", {qn("w:val"): "num", qn("w:pos"): str(left)}))
    return [tabs, OxmlElement("w:ind", {qn("w:left"): str(left), qn("w:hanging"): str(_HANGING)})]


def _abstract_num_of_style(document: WordDocument, style_name: str):
    """The w:abstractNum the template's list style points at (style -> num -> abstractNum)."""
    style = document.styles[style_name]
    num_id = style.element.pPr.numPr.numId.val
    numbering = _numbering(document)
    abstract_id = numbering.num_having_numId(num_id).abstractNumId.val
    return numbering.find(f"{qn('w:abstractNum')}[@{qn('w:abstractNumId')}='{abstract_id}']")
