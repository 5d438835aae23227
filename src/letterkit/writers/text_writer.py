"""Wire-ready plain text: one line per paragraph, a blank line between blocks.

This is what the newswire receives, so it carries no markup at all: headings
are plain lines, list items are "1. …" or "• …" lines, line breaks inside a
signature or contact stay line breaks, links print their text.
"""

from __future__ import annotations

from letterkit.document import Document, ListBlock, inline_text

BULLET = "•"


def render_text(document: Document) -> str:
    chunks = []
    for block in document.blocks:
        if isinstance(block, ListBlock):
            chunks.append(_list_lines(block))
        else:
            chunks.append(inline_text(block.inlines))
    return "\n\n".join(chunks) + "\n"


def _list_lines(block: ListBlock) -> str:
    lines = []
    for number, item in enumerate(block.items, start=block.start):
        marker = f"{number}." if block.ordered else BULLET
        lines.append(f"{marker} {inline_text(item)}")
    return "\n".join(lines)
