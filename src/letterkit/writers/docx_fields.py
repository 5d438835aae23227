"""Word fields (PAGE, NUMPAGES), which python-docx has no API for.

A field is written in its complex form (begin / instruction / separate /
cached result / end) because every reader, Word and LibreOffice alike,
updates page fields in headers and footers from that form on layout.
"""

from __future__ import annotations

from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.text.paragraph import Paragraph


def add_field(paragraph: Paragraph, instruction: str, cached_result: str = "1") -> None:
    """Append the field `instruction` (e.g. "PAGE") to the paragraph."""
    _append_run(paragraph, _fld_char("begin"))
    _append_run(paragraph, _instr_text(f" {instruction} \\* MERGEFORMAT "))
    _append_run(paragraph, _fld_char("separate"))
    paragraph.add_run(cached_result)
    _append_run(paragraph, _fld_char("end"))


def add_page_x_of_y(paragraph: Paragraph, words: tuple[str, str] = ("Page", "of")) -> None:
    """ "Page N of M" (`words` in the edition's language): lets legal see at a glance that no page is missing."""
    paragraph.add_run(f"{words[0]} ")
    add_field(paragraph, "PAGE")
    paragraph.add_run(f" {words[1]} ")
    add_field(paragraph, "NUMPAGES")


def _append_run(paragraph: Paragraph, child) -> None:
    paragraph.add_run()._r.append(child)


def _fld_char(kind: str):
    return OxmlElement("w:fldChar", {qn("w:fldCharType"): kind})


def _instr_text(text: str):
    instr = OxmlElement("w:instrText", {qn("xml:space"): "preserve"})
    instr.text = text
    return instr
