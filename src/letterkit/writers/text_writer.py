"""Wire-ready plain text: one line per paragraph, a blank line between blocks.

This is what the newswire receives, so it carries no markup at all:
- headings (section headings of both levels too) are plain lines of their own;
- list items are "• …", "1. …" or "A. …" lines; a nested item sits on its own
  line, under its parent's first word, its bullet an en dash (see markers);
- a table is plain-text columns (see text_table);
- a quotation is its paragraphs, then "— Name, Title" on the line under them;
- line breaks inside a signature or contact stay line breaks; links print
  their text.
With `ascii=True` typography becomes plain ASCII (see ascii_text) for wires that
carry nothing else; the table is laid out in that form, so its columns stay aligned.
"""

from __future__ import annotations

from collections.abc import Callable

from letterkit.document import Document, Inlines, ListBlock, Quote, Table, inline_text
from letterkit.writers.ascii_text import to_ascii
from letterkit.writers.markers import ATTRIBUTION_DASH, list_marker
from letterkit.writers.text_table import table_lines


def render_text(document: Document, *, ascii: bool = False) -> str:
    plain = to_ascii if ascii else str
    chunks = [_block_text(block, plain) for block in document.blocks]
    # No newline after the last line: the wire's own copy of a release (the 2007 Callisto
    # reference) ends with its last character, and the text output is that copy byte for byte.
    # The Document's non-breaking spaces (compose/typesetting.py) keep words together on a laid-out
    # line; a plain-text feed has no lines to lay out, and some wires garble U+00A0: ordinary spaces.
    return "\n\n".join(chunk for chunk in chunks if chunk is not None).replace("\u00a0", " ")


def _block_text(block, plain: Callable[[str], str]) -> str | None:
    """The block's text; None for a table with nothing in it (it prints no blank lines)."""
    if isinstance(block, ListBlock):
        return plain(_list_text(block))
    if isinstance(block, Table):
        return "\n".join(table_lines(block, plain)) or None
    if isinstance(block, Quote):
        return plain(_quote_text(block))
    return plain(inline_text(block.inlines))


def _list_text(block: ListBlock) -> str:
    lines = []
    for number, item in enumerate(block.items, start=block.start):
        marker = list_marker(block.style, number)
        lines.append(f"{marker} {inline_text(item.inlines)}")
        if item.sublist is not None:
            # Under the parent's text, where its first word starts.
            indent = " " * (len(marker) + 1)
            for sub_number, sub in enumerate(item.sublist.items, start=item.sublist.start):
                lines.append(f"{indent}{list_marker(item.sublist.style, sub_number, depth=1)} {inline_text(sub.inlines)}")
    return "\n".join(lines)


def _quote_text(block: Quote) -> str:
    text = "\n\n".join(inline_text(paragraph) for paragraph in block.paragraphs)
    if block.attribution:
        text += "\n" + _attribution_line(block.attribution)
    return text


def _attribution_line(attribution: Inlines) -> str:
    """"— Name, Title": who said a quotation, on the line under it."""
    return f"{ATTRIBUTION_DASH} {inline_text(attribution, ' ')}"
