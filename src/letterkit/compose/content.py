"""The letter's own content as Document blocks, and the letter's body as templates see it.

What the letter's author wrote — paragraphs (literal text in the fixed fields,
letterkit Markdown in `body`), subheadings, lists, tables, quotations,
highlights — becomes Document blocks here, directly from the validated
inputs. Templates never re-read it as Markdown: they print a placeholder
(`item.insert`) where it goes, and the Markdown reader puts these blocks
there. What letterkit writes in its own words (a financing's sentence, goals
run into their intro as "1) …, 2) … and 3) …") stays the template's, so the
body reaches templates as a list of items of three kinds:

- `{kind: "content", insert}`: blocks built here;
- `{kind: "financing", amount, currency, instrument, date, text}`;
- `{kind: "goals", intro, style, items, list}` (`list`: the placeholder of
  the goals as a list, for the styles that are one).

A letter of the fixed shape (opening, milestones, financings, goals,
closing) becomes the same items in that order.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from typing import Any

from letterkit.compose.markdown_escape import Markdown
from letterkit.document import Block, Heading, Inlines, ListBlock, ListItem, Paragraph, Quote, Table, Text, inline_text
from letterkit.inputs.load import Inputs
from letterkit.inputs.schema import BodyBlock, Financing, Goal, Milestone, TableSpec
from letterkit.markdown_reader import insert_container

LIST_STYLES = {"bulleted": "bullet", "numbered": "number", "lettered": "letter"}


@dataclass
class BodyContent:
    body: list[dict[str, Any]] = field(default_factory=list)  # the items templates iterate
    inserts: dict[str, tuple[Block, ...]] = field(default_factory=dict)  # placeholder key -> its blocks
    fixed_shape: set[str] = field(default_factory=set)  # keys a fixed-shape template prints from the fields itself
    highlights: dict[str, Any] | None = None
    milestone_paragraphs: list[str] = field(default_factory=list)  # for templates of the fixed shape

    def place(self, key: str, blocks: Sequence[Block]) -> dict[str, Any]:
        self.inserts[key] = tuple(blocks)
        return {"kind": "content", "insert": Markdown(insert_container(key))}


def build_content(inputs: Inputs) -> BodyContent:
    content = BodyContent()
    letter = inputs.letter.letter
    content.milestone_paragraphs = [text for text, _ in _milestone_paragraphs(letter.milestones)]
    highlights = inputs.letter.release.highlights
    if highlights is not None:
        blocks: list[Block] = []
        if highlights.intro:
            blocks.append(Paragraph("highlights", (Text(highlights.intro),), "release.highlights"))
        items = tuple(ListItem(item.inlines) for item in highlights.items)
        blocks.append(ListBlock("highlights", "bullet", items, origin="release.highlights"))
        content.highlights = {"position": highlights.position, **content.place("release.highlights", blocks)}
    if letter.body is not None:
        for index, block in enumerate(letter.body):
            _body_block(content, f"letter.body[{index}]", block)
    else:
        _fixed_shape(content, inputs)
    return content


def _fixed_shape(content: BodyContent, inputs: Inputs) -> None:
    letter = inputs.letter.letter
    groups = [
        ("letter.opening", [_paragraph(text, f"letter.opening[{i}]") for i, text in enumerate(letter.opening or ())]),
        ("letter.milestones", _milestone_blocks(letter.milestones, "letter.milestones")),
    ]
    for key, blocks in groups:
        if blocks:
            content.body.append(content.place(key, blocks))
            content.fixed_shape.add(key)
    content.body += [_financing(financing) for financing in letter.financings]
    if letter.goals:
        content.body.append(_goals(content, "letter.goals", letter.goals_intro or "", letter.goals_style, letter.goals))
        content.fixed_shape.add("letter.goals")
    closing = [_paragraph(text, f"letter.closing[{i}]") for i, text in enumerate(letter.closing or ())]
    if closing:
        content.body.append(content.place("letter.closing", closing))
        content.fixed_shape.add("letter.closing")


def _body_block(content: BodyContent, key: str, block: BodyBlock) -> None:
    kind = block.kind
    if kind == "financings":
        content.body += [_financing(financing) for financing in block.financings or ()]
        return
    if kind == "goals":
        goals = block.goals
        assert goals is not None
        content.body.append(_goals(content, f"{key}.goals", goals.intro, goals.style, goals.items))
        return
    blocks: Sequence[Block]
    if kind == "text":
        blocks = [_with_origin(b, key) for b in block.text.blocks]  # type: ignore[union-attr]
    elif kind == "heading":
        blocks = [Heading("section", (Text(block.heading or ""),), block.level or 1, key)]
    elif kind == "list":
        blocks = [_list(block, key)]
    elif kind == "table":
        assert block.table is not None
        blocks = [_table(block.table, key)]
    elif kind == "quote":
        paragraphs = tuple(b.inlines for b in block.quote.blocks)  # type: ignore[union-attr]  # paragraphs only (schema)
        attribution = (Text(block.attribution),) if block.attribution else ()
        blocks = [Quote("quote", paragraphs, attribution, key)]
    else:  # milestones
        blocks = _milestone_blocks(block.milestones or (), key)
    content.body.append(content.place(key, blocks))


def _paragraph(text: str, origin: str) -> Paragraph:
    return Paragraph("body", (Text(text),), origin)


def _with_origin(block: Block, origin: str) -> Block:
    return replace(block, origin=origin)


def _milestone_paragraphs(milestones: Iterable[Milestone]) -> list[tuple[str, int]]:
    """(text, index of its first milestone): milestones marked `same_paragraph` continue the one before."""
    paragraphs: list[tuple[str, int]] = []
    for index, milestone in enumerate(milestones):
        if milestone.same_paragraph and paragraphs:
            text, first = paragraphs[-1]
            paragraphs[-1] = (f"{text} {milestone.text}", first)
        else:
            paragraphs.append((milestone.text, index))
    return paragraphs


def _milestone_blocks(milestones: Sequence[Milestone], key: str) -> list[Block]:
    return [_paragraph(text, f"{key}.milestones[{first}]" if key.startswith("letter.body") else f"{key}[{first}]")
            for text, first in _milestone_paragraphs(milestones)]


def _financing(financing: Financing) -> dict[str, Any]:
    return {
        "kind": "financing",
        "amount": financing.amount,
        "currency": financing.currency,
        "instrument": financing.instrument,
        "date": financing.date,
        "text": financing.text,
    }


def _goals(content: BodyContent, key: str, intro: str, style: str, goals: Sequence[Goal]) -> dict[str, Any]:
    item: dict[str, Any] = {
        "kind": "goals", "intro": intro, "style": style, "items": tuple(goal.text for goal in goals), "list": None,
    }
    if style != "inline":
        items = tuple(ListItem((Text(goal.text),)) for goal in goals)
        placed = content.place(key, [ListBlock("body", LIST_STYLES[style], items, origin=key)])
        item["list"] = placed["insert"]
    return item


def _list(block: BodyBlock, key: str) -> ListBlock:
    items = []
    for entry in block.list or ():
        sublist = None
        if entry.items:
            nested = tuple(ListItem(line.inlines) for line in entry.items)
            sublist = ListBlock("body", LIST_STYLES[entry.items_style], nested, origin=key)
        items.append(ListItem(entry.text.inlines, sublist))
    return ListBlock("body", LIST_STYLES[block.style or "bulleted"], tuple(items), block.start or 1, key)


# A figure: an amount, a count, a percentage or a multiple, as tables print them
# ("$12.4 million", "(1,204)", "46%", "-3.1", "2.5x"); a dash or n/a stands for none.
_FIGURE = re.compile(
    r"^\(?[-+−–]?\s?(?:[$€£¥]|[A-Z]{1,3}\$|USD|EUR|CAD)?\s?\d[\d,.\u00a0 ]*"
    r"(?:\s?(?:%|x|bps?|pts?|million|billion|thousand|[MBKk]|MM|bn|mn))?\)?$"
)
_NO_FIGURE = frozenset({"", "-", "—", "–", "n/a", "N/A", "nm", "NM"})


def _table(table: TableSpec, key: str) -> Table:
    header = tuple(column.title.inlines for column in table.columns)
    rows = tuple(tuple(cell.inlines for cell in row) for row in table.rows)
    align = tuple(
        column.align or _natural_alignment(row[number] for row in rows) for number, column in enumerate(table.columns)
    )
    return Table("table", header, rows, align, key)


def _natural_alignment(cells: Iterable[Inlines]) -> str:
    """Right for a column of figures, left for anything else."""
    texts = [inline_text(cell, " ").strip() for cell in cells]
    figures = [text for text in texts if text not in _NO_FIGURE]
    return "right" if figures and all(_FIGURE.match(text) for text in figures) else "left"
