"""Wire-ready plain text: one line per paragraph, a blank line between blocks.

This is what the newswire receives, so it carries no markup at all: headings
are plain lines, list items are "1. …" or "• …" lines, line breaks inside a
signature or contact stay line breaks, links print their text. With
`ascii=True` typography becomes plain ASCII (see ascii_text) for wires that
carry nothing else.
"""

from __future__ import annotations

from letterkit.document import Document, ListBlock, inline_text, letter_marker
from letterkit.writers.ascii_text import to_ascii

BULLET = "•"


def render_text(document: Document, *, ascii: bool = False) -> str:
    chunks = []
    for block in document.blocks:
        if isinstance(block, ListBlock):
            chunks.append(_list_lines(block))
        else:
            chunks.append(inline_text(block.inlines))
    text = "\n\n".join(chunks) + "\n"
    return to_ascii(text) if ascii else text


def _list_lines(block: ListBlock) -> str:
    lines = []
    for number, item in enumerate(block.items, start=block.start):
        lines.append(f"{_marker(block.style, number)} {inline_text(item.inlines)}")
        if item.sublist is not None:
            for sub_number, sub in enumerate(item.sublist.items, start=item.sublist.start):
                lines.append(f"   {_marker(item.sublist.style, sub_number)} {inline_text(sub.inlines)}")
    return "\n".join(lines)


def _marker(style: str, number: int) -> str:
    if style == "bullet":
        return BULLET
    return f"{letter_marker(number) if style == 'letter' else number}."
