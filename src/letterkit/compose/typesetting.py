"""Typesetting rules, decided once in the Document so every layout format gets them.

A typesetter of press releases keeps together what a reader must not see split
across two lines, and sets quotes as quotes. Applied to every text run of the
composed Document (the letter's prose and what templates wrote alike), never to
a link or to code-like words (web and e-mail addresses), so the PDF, HTML, DOCX
and EDGAR exhibit all carry them:

- a non-breaking space (U+00A0) inside a ticker parenthetical, "(NYSE American:
  AGSX)"; between a month (abbreviated or not) and its day, "Jan. 4"; between a
  figure and its scale, "$5.75 million"; after "Form", "Item", "Rule" and
  "Section" before their number, "Form 10-K"; after an honorific, "Dr. Jacob";
  before a credential after a comma, "Jacob, Ph.D.";
- typographic quotes and apostrophes for straight ones: "plan" -> “plan”,
  Company's -> Company’s;
- the last two words of the headline, subheadline and letter title joined, so a
  wrapped headline never ends in one lone word ("…Letter to" / "Shareholders").

The wire text has no line layout: the text writer prints the non-breaking
spaces as ordinary ones, and with --ascii the quotes are straight again. Each
rule maps one character to one character, so offsets into a run stay valid.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable
from functools import partial

from letterkit.document import Block, Document, Heading, ListBlock, ListItem, Paragraph, Quote, Table, Text

NBSP = "\u00a0"

# Code-like words are left exactly as typed.
_CODE_LIKE = re.compile(r"(?:[a-z][a-z0-9+.-]*://|www\.)\S+|\S+@\S+\.\S+", re.IGNORECASE)

_MONTHS = (
    r"Jan\.|Feb\.|Mar\.|Apr\.|Aug\.|Sept\.|Sep\.|Oct\.|Nov\.|Dec\.|January|February|March|April|May|June|July|"
    r"August|September|October|November|December"
)
_KEEP_TOGETHER = (
    # (NYSE American: AGSX), (FWB: CA4), (TSXV: GRM): every space inside the parenthetical.
    re.compile(r"\((?:[A-Z][A-Za-z&]*\.? )*[A-Z][A-Za-z&]*\.?: [A-Z0-9][A-Z0-9.\-]*\)"),
    re.compile(rf"\b(?:{_MONTHS}) (?=\d{{1,2}}\b)"),
    re.compile(r"\d(?:[\d,]*\d)?(?:\.\d+)? (?=(?:million|billion|thousand|trillion)\b)"),
    re.compile(r"\b(?:Form|Forms|Item|Items|Rule|Section) (?=[0-9]|[A-Z]{1,2}-\d)"),
    re.compile(r"\b(?:Dr|Mr|Mrs|Ms|Prof)\. (?=[A-Z])"),
    re.compile(r", (?=(?:Ph\.D\.|M\.D\.|J\.D\.|D\.Phil\.|CPA|CFA|MBA|Esq\.)(?![A-Za-z]))"),
)
# Headings set large and centred, where a lone last word shows (the section headings are short, left-aligned).
_DISPLAY_HEADINGS = frozenset({"headline", "subheadline", "letter-title"})
_OPENING_CONTEXT = set(" \t\n\u00a0([{\u2014\u2013-/") | {""}


def typeset_document(document: Document) -> Document:
    blocks = tuple(_block(block) for block in document.blocks)
    language = document.metadata.language
    if language.startswith("fr"):  # French spaces its punctuation: after the rules above
        # Canadian usage (and windows-1252 wires) take the no-break space where France takes the narrow one.
        narrow = NBSP if language == "fr-CA" else "\u202f"
        fix = partial(_french_inlines, narrow=narrow)
        blocks = tuple(_block(block, fix, display=False) for block in blocks)
    return dataclasses.replace(document, blocks=blocks)


def _block(block: Block, fix: Callable[[tuple], tuple] | None = None, *, display: bool = True) -> Block:
    """`block` with `fix` (the rules above, by default) applied to each run of its text."""
    fix = fix or _inlines
    if isinstance(block, Heading) and block.role in _DISPLAY_HEADINGS and display:
        return dataclasses.replace(block, inlines=_last_words_together(fix(block.inlines)))
    if isinstance(block, (Heading, Paragraph)):
        return dataclasses.replace(block, inlines=fix(block.inlines))
    if isinstance(block, ListBlock):
        return dataclasses.replace(block, items=tuple(_item(item, fix) for item in block.items))
    if isinstance(block, Table):
        return dataclasses.replace(
            block,
            header=tuple(fix(cell) for cell in block.header),
            rows=tuple(tuple(fix(cell) for cell in row) for row in block.rows),
        )
    if isinstance(block, Quote):
        return dataclasses.replace(
            block,
            paragraphs=tuple(fix(paragraph) for paragraph in block.paragraphs),
            attribution=fix(block.attribution) if block.attribution else block.attribution,
        )
    return block


# French typography: a no-break space before ":" and inside « », a narrow one before ; ! ?
# A colon is spaced only where it ends a word before a space or the end ("Source :", "(TSX : GRM)"),
# never in "https://" or "10:30"; links are left as they are.
_FRENCH_SPACES = (
    (re.compile(r"[ \u00a0\u202f]+(?=:)"), NBSP),
    (re.compile(r"(?<=[^\s\d\u00a0\u202f]):(?=\s|$)"), NBSP + ":"),
    (re.compile(r"[ \u00a0\u202f]+(?=[;!?])"), "\u202f"),
    (re.compile(r"(?<=[^\s\d\u00a0\u202f])(?=[;!?](?:\s|$))"), "\u202f"),
    (re.compile(r"(?<=«)[ \u00a0\u202f]+"), NBSP),
    (re.compile(r"[ \u00a0\u202f]+(?=»)"), NBSP),
)


def _french_inlines(inlines: tuple, *, narrow: str) -> tuple:
    result = []
    for inline in inlines:
        if isinstance(inline, Text) and inline.href is None:
            text = inline.text
            for pattern, space in _FRENCH_SPACES:
                text = pattern.sub(space.replace("\u202f", narrow), text)
            inline = dataclasses.replace(inline, text=text)
        result.append(inline)
    return tuple(result)


def _last_words_together(inlines: tuple) -> tuple:
    """The last two words of a display heading joined by a non-breaking space: a headline that wraps
    never leaves one word alone on its last line."""
    for index in range(len(inlines) - 1, -1, -1):
        inline = inlines[index]
        if not isinstance(inline, Text):
            return inlines  # a line break: the heading's lines are the writer's own
        text = inline.text.rstrip()
        space = text.rfind(" ")
        if inline.href is None and space > 0 and len(text.split()) >= 2:
            joined = text[:space] + NBSP + text[space + 1 :] + inline.text[len(text) :]
            return (*inlines[:index], dataclasses.replace(inline, text=joined), *inlines[index + 1 :])
        if text.strip():
            return inlines  # the last word is a run of its own (a link, a bold word): left as it is
    return inlines


def _item(item: ListItem, fix: Callable[[tuple], tuple]) -> ListItem:
    sublist = _block(item.sublist, fix) if item.sublist is not None else None
    return dataclasses.replace(item, inlines=fix(item.inlines), sublist=sublist)


def _inlines(inlines: tuple) -> tuple:
    result, before = [], ""
    for inline in inlines:
        if isinstance(inline, Text):
            if inline.href is None:
                inline = dataclasses.replace(inline, text=typeset_text(inline.text, before=before))
            before = inline.text[-1:] or before
        else:  # a line break: what follows starts a line
            before = ""
        result.append(inline)
    return tuple(result)


def typeset_text(text: str, *, before: str = "") -> str:
    """`text` with the rules above; `before`: the character printed just before it (quote direction)."""
    parts, last = [], 0
    for code in _CODE_LIKE.finditer(text):
        parts.append(_prose(text[last : code.start()], before if last == 0 else text[last - 1]))
        parts.append(code.group())
        last = code.end()
    parts.append(_prose(text[last:], before if last == 0 else text[last - 1]))
    return "".join(parts)


def _prose(text: str, before: str) -> str:
    if not text:
        return text
    chars = list(_quotes(text, before))
    for pattern in _KEEP_TOGETHER:
        for match in pattern.finditer(text):
            for offset in range(match.start(), match.end()):
                if chars[offset] == " ":
                    chars[offset] = NBSP
    return "".join(chars)


def _quotes(text: str, before: str) -> str:
    out = []
    previous = before
    for index, char in enumerate(text):
        if char == '"':
            char = "\u201c" if previous in _OPENING_CONTEXT else "\u201d"
        elif char == "'":
            elided_digits = text[index + 1 : index + 2].isdigit()  # ’90s, ’26: an apostrophe, not a quote
            char = "\u2018" if previous in _OPENING_CONTEXT and not elided_digits else "\u2019"
        out.append(char)
        previous = char
    return "".join(out)
