"""Extract the words of each output format, as a reader (or a wire's pipeline) gets them.

Used by the writer tests and by the cross-format test that holds TXT, DOCX and
PDF to the same words.
"""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import docx

from letterkit.document import Document, ListBlock, Quote, inline_text, letter_marker, text_runs

PAGE_FOOTER = re.compile(r"^Page (\d+) of (\d+)$")


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
        rejoin = text.endswith("-") and len(text) > 1 and not text[-2].isspace()
        text += line if rejoin else " " + line
    return text


def document_words(document: Document) -> list[str]:
    """The Document's words in reading order, with the marks every format prints: list markers
    (•, 1., A.; – for a nested bullet) and the dash before a quotation's attribution."""
    chunks = []
    for block in document.blocks:
        if isinstance(block, ListBlock):
            chunks += _list_words(block)
        elif isinstance(block, Quote):
            chunks += [inline_text(paragraph, " ") for paragraph in block.paragraphs]
            chunks += ["—", inline_text(block.attribution, " ")] if block.attribution else []
        else:
            chunks += [inline_text(run, " ") for run in text_runs(block)]  # a table: cell by cell, row by row
    return " ".join(chunks).split()


def _list_words(block: ListBlock, nested: bool = False) -> list[str]:
    chunks = []
    for number, item in enumerate(block.items, start=block.start):
        if block.style == "bullet":
            chunks.append("–" if nested else "•")
        else:
            chunks.append(f"{letter_marker(number) if block.style == 'letter' else number}.")
        chunks.append(inline_text(item.inlines, " "))
        if item.sublist is not None:
            chunks += _list_words(item.sublist, nested=True)
    return chunks


def text_file_words(path: Path) -> list[str]:
    return path.read_text(encoding="utf-8").split()


def docx_words(path: Path) -> list[str]:
    """The body's words; list paragraphs get the marker Word draws for them (• or N.)."""
    word = docx.Document(str(path))
    numbering = word.part.numbering_part.element
    counters: dict[str, int] = {}
    words: list[str] = []
    for paragraph in word.paragraphs:
        num_id = paragraph._p.xpath("./w:pPr/w:numPr/w:numId/@w:val")
        if num_id:
            words.append(_list_marker(numbering, num_id[0], paragraph.style.name, counters))
        words += paragraph.text.split()
    return words


def _list_marker(numbering, num_id: str, style: str, counters: dict[str, int]) -> str:
    if style.startswith("List Bullet"):
        return "•"
    if num_id not in counters:
        start = numbering.xpath(f'./w:num[@w:numId="{num_id}"]/w:lvlOverride/w:startOverride/@w:val')
        counters[num_id] = int(start[0]) if start else 1
    else:
        counters[num_id] += 1
    return f"{counters[num_id]}."
