"""Extract the words of each output format, as a reader (or a wire's pipeline) gets them.

Used by the writer tests and by the cross-format test that holds TXT, DOCX and
PDF to the same words.
"""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import docx
from docx.text.paragraph import Paragraph as DocxParagraph
from lxml import etree

from letterkit.document import Document, ListBlock, Quote, inline_text, text_runs
from letterkit.writers.markers import ATTRIBUTION_DASH, list_marker

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
PAGE_FOOTER = re.compile(r"^(?:Page|Seite) (\d+) (?:of|von|de) (\d+)$")  # English, German, French


def run(*args: str | Path) -> str:
    return subprocess.run([str(a) for a in args], check=True, capture_output=True, text=True).stdout


def pdftotext_pages(path: Path, *crop: str) -> list[str]:
    """Each page's text, lines as laid out (-layout keeps line-end hyphens, unlike the default mode)."""
    pages = run("pdftotext", "-layout", *crop, path, "-").split("\f")
    return pages[:-1]  # pdftotext ends every page, the last one too, with a form feed


def body_words(pages: list[str], company: str) -> list[str]:
    """The words of the letter itself, as a reader of the PDF gets them.

    Drops the running header (the company, pages after the first) and the
    footer ("Page N of M"), asserting they are where they belong, then joins a
    line ending in a hyphen to the next line without a space: with `hyphens:
    manual` a line only ends in "-" where the text itself has a hyphen
    ("well-known"), never an inserted one. (Text with a free-standing "pre-"
    at a line end would be joined wrongly; our samples have none.)
    """
    lines: list[str] = []
    for number, page in enumerate(pages, start=1):
        page_lines = [line.strip() for line in page.splitlines() if line.strip()]
        footer = page_lines.pop()
        assert PAGE_FOOTER.match(footer).groups() == (str(number), str(len(pages))), footer
        if number > 1:
            assert page_lines.pop(0) == company
        lines.extend(page_lines)
    return join_hyphenated(lines).split()


def join_hyphenated(lines: list[str]) -> str:
    text = ""
    for line in lines:
        if text.endswith("\u2010"):  # WeasyPrint's automatic hyphenation (the editions' hyphens: auto)
            text = text[:-1] + line
            continue
        rejoin = text.endswith("-") and len(text) > 1 and not text[-2].isspace()
        text += line if rejoin else " " + line
    return text


def document_words(document: Document) -> list[str]:
    """The Document's words in reading order, with the marks every format prints (list
    markers, the quotation's attribution dash): what a reader of the PDF gets.

    Nested items follow their parent; table cells run header first, row by row;
    a quotation's paragraphs come before its attribution.
    """
    chunks = []
    for block in document.blocks:
        if isinstance(block, ListBlock):
            for number, item in enumerate(block.items, start=block.start):
                chunks += [list_marker(block.style, number), inline_text(item.inlines, " ")]
                if item.sublist is not None:
                    for sub_number, sub in enumerate(item.sublist.items, start=item.sublist.start):
                        chunks += [list_marker(item.sublist.style, sub_number, depth=1), inline_text(sub.inlines, " ")]
        elif isinstance(block, Quote):
            chunks += [inline_text(paragraph, " ") for paragraph in block.paragraphs]
            if block.attribution:
                chunks += [ATTRIBUTION_DASH, inline_text(block.attribution, " ")]
        else:
            chunks += [inline_text(run, " ") for run in text_runs(block)]
    return " ".join(chunks).split()


def text_file_words(path: Path) -> list[str]:
    return path.read_text(encoding="utf-8").split()


def docx_words(path: Path) -> list[str]:
    """The body's words in reading order, table cells row by row; a list paragraph gets
    the marker Word draws for it, worked out from its numbering level's format."""
    word = docx.Document(str(path))
    markers = _WordListMarkers(word.part.numbering_part.element)
    words: list[str] = []
    for block in word.iter_inner_content():
        paragraphs = [block] if isinstance(block, DocxParagraph) else [
            paragraph for row in block.rows for cell in row.cells for paragraph in cell.paragraphs
        ]
        for paragraph in paragraphs:
            numbering = paragraph._p.xpath("./w:pPr/w:numPr")
            if numbering:
                num_id = numbering[0].xpath("./w:numId/@w:val")[0]
                level = int((numbering[0].xpath("./w:ilvl/@w:val") or ["0"])[0])
                words.append(markers.next(num_id, level))
            words += paragraph.text.split()
    return words


class _WordListMarkers:
    """Word's list counters: one per numbering instance and level, a level restarting after
    an item of a level above; the marker from the level's w:numFmt and w:lvlText."""

    _FORMATS = {"decimal": str, "upperLetter": lambda n: chr(ord("A") + n - 1)}

    def __init__(self, numbering):
        self.numbering = numbering
        self.counters: dict[str, list[int | None]] = {}

    def next(self, num_id: str, level: int) -> str:
        (num,) = self._find(self.numbering, f'w:num[@w:numId="{num_id}"]')
        (abstract_id,) = self._find(num, "w:abstractNumId/@w:val")
        (lvl,) = self._find(self.numbering, f'w:abstractNum[@w:abstractNumId="{abstract_id}"]/w:lvl[@w:ilvl="{level}"]')
        counters = self.counters.setdefault(num_id, [None] * 9)
        if counters[level] is None:
            override = self._find(num, f'w:lvlOverride[@w:ilvl="{level}"]/w:startOverride/@w:val')
            counters[level] = int(override[0] if override else self._find(lvl, "w:start/@w:val")[0])
        else:
            counters[level] += 1
        counters[level + 1:] = [None] * (8 - level)
        (text,) = self._find(lvl, "w:lvlText/@w:val")
        (fmt,) = self._find(lvl, "w:numFmt/@w:val")
        if fmt == "bullet":
            return text
        for index, value in enumerate(counters[: level + 1]):
            text = text.replace(f"%{index + 1}", self._FORMATS[fmt](value) if value is not None else "")
        return text

    @staticmethod
    def _find(element, path: str) -> list:
        # lxml's own xpath: python-docx's override of it takes no namespaces, and plain elements need them.
        return etree._Element.xpath(element, f"./{path}", namespaces={"w": W})
