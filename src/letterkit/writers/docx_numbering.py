"""Real Word numbering for the letter's lists.

Word's "List Number" and "List Bullet" styles each point at one numbering
definition shared by the whole document, so a second numbered list would go
on counting from the first. Every list here gets its own `w:num` instance of
the style's definition; an ordered one also gets a `w:startOverride`, which is
what Word itself writes for "Restart at 1".
"""

from __future__ import annotations

from docx.document import Document as WordDocument
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.text.paragraph import Paragraph

# Marker at 0.25", text at 0.5": indented from the letter's left edge.
_TEXT_INDENT = 720  # twentieths of a point
_HANGING = 360


def prepare_list_styles(document: WordDocument, style_names: tuple[str, ...]) -> None:
    """Indent the template's list definitions the way a letter's lists sit."""
    for name in style_names:
        _indent_level_zero(_abstract_num(document, name))


def start_list(document: WordDocument, style_name: str, start: int | None) -> int:
    """A fresh numbering instance for one list; returns its numId.

    `start` is given for ordered lists (they always restart), None for bullets.
    """
    numbering = _numbering(document)
    abstract_id = int(_abstract_num(document, style_name).get(qn("w:abstractNumId")))
    num = numbering.add_num(abstract_id)
    if start is not None:
        num.add_lvlOverride(ilvl=0).add_startOverride(start)
    return num.numId


def number_paragraph(paragraph: Paragraph, num_id: int) -> None:
    """Attach a list paragraph to its list's numbering instance (level 0)."""
    numPr = paragraph._p.get_or_add_pPr().get_or_add_numPr()
    numPr.get_or_add_ilvl().val = 0
    numPr.get_or_add_numId().val = num_id


def _numbering(document: WordDocument):
    return document.part.numbering_part.element


def _abstract_num(document: WordDocument, style_name: str):
    """The w:abstractNum the template's list style points at (style -> num -> abstractNum)."""
    style = document.styles[style_name]
    num_id = style.element.pPr.numPr.numId.val
    numbering = _numbering(document)
    abstract_id = numbering.num_having_numId(num_id).abstractNumId.val
    return numbering.find(f"{qn('w:abstractNum')}[@{qn('w:abstractNumId')}='{abstract_id}']")


def _indent_level_zero(abstract_num) -> None:
    pPr = abstract_num.find(f"{qn('w:lvl')}[@{qn('w:ilvl')}='0']/{qn('w:pPr')}")
    for old in list(pPr):
        pPr.remove(old)
    tabs = OxmlElement("w:tabs")
    tabs.append(OxmlElement("w:tab", {qn("w:val"): "num", qn("w:pos"): str(_TEXT_INDENT)}))
    pPr.append(tabs)
    pPr.append(
        OxmlElement("w:ind", {qn("w:left"): str(_TEXT_INDENT), qn("w:hanging"): str(_HANGING)})
    )
