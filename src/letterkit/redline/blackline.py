"""The blackline: the redline as HTML (and PDF) for readers without Word.

The new draft laid out by the normal HTML writer's elements and print
stylesheet, with inserted words in <ins> (underlined) and deleted words in
<del> (struck through), whole inserted or deleted paragraphs marked as such,
and a line at the top saying what is compared and how much changed.
"""

from __future__ import annotations

import dataclasses
from html import escape
from itertools import groupby

from letterkit.document import LineBreak
from letterkit.redline.compare import Change, Piece, Unit
from letterkit.writers.html_writer import heading_tag, render_inlines, render_page

# Appended to the print stylesheet. Colour and line both, so a grey printout still shows the changes.
BLACKLINE_CSS = """
/* ---- Blackline: insertions underlined, deletions struck through ---- */
ins { text-decoration: underline; text-decoration-thickness: 0.08em; color: #0b4f9c; }
del { text-decoration: line-through; color: #a3250f; }
li.deleted::marker { color: #a3250f; }
li.inserted::marker { color: #0b4f9c; }
.redline-summary {
  font: 400 8.5pt/1.35 "Noto Sans Letterkit", sans-serif;
  color: #4a4f57;
  border-bottom: 0.5pt solid #8a8f98;
  padding-bottom: 0.6em;
  margin-bottom: 1.6em;
}
"""


def render_blackline_html(
    changes: list[Change], *, new_metadata, old_label: str, new_label: str, summary: str, stylesheet: str
) -> str:
    content = [_summary_line(old_label, new_label, summary)]
    promote = not any(change.new and change.new.role == "headline" for change in changes)  # as render_html does
    # Consecutive items of one kind of list make one <ol>/<ul>, deleted and inserted items included.
    for kind, group in groupby(changes, key=lambda c: _unit(c).kind):
        group = list(group)
        if kind in ("numbered", "bulleted"):
            content.append(_list(group))
        else:
            content += [_block(change, promote) for change in group]
    metadata = dataclasses.replace(new_metadata, title=f"Blackline: {new_metadata.title}")
    return render_page(metadata, "\n".join(content), stylesheet=stylesheet + BLACKLINE_CSS)


def _summary_line(old_label: str, new_label: str, summary: str) -> str:
    return (
        f'<p class="redline-summary">Blackline of {escape(new_label)} against {escape(old_label)}: '
        f"<ins>inserted</ins>, <del>deleted</del>. {escape(summary)}.</p>"
    )


def _unit(change: Change) -> Unit:
    return change.new or change.old


def _block(change: Change, promote: bool) -> str:
    unit = _unit(change)
    tag = heading_tag(unit.role, promote=promote) if unit.kind == "heading" else "p"
    return f'<{tag} class="{unit.role}{_status_class(change)}">{_pieces(change)}</{tag}>'


def _list(changes: list[Change]) -> str:
    unit = _unit(changes[0])
    items = "\n".join(f'<li class="{_status_class(c).strip()}">{_pieces(c)}</li>' for c in changes)
    if unit.kind == "numbered":
        return f'<ol class="{unit.role}" start="{unit.list_start}">\n{items}\n</ol>'
    return f'<ul class="{unit.role}">\n{items}\n</ul>'


def _status_class(change: Change) -> str:
    return f" {change.status}" if change.status in ("inserted", "deleted") else ""


def _pieces(change: Change) -> str:
    return "".join(_piece(change, piece) for piece in change.pieces)


def _piece(change: Change, piece: Piece) -> str:
    unit = change.old if piece.op == "delete" else change.new
    inline = unit.inlines[piece.inline]
    html = render_inlines((inline if isinstance(inline, LineBreak) else dataclasses.replace(inline, text=piece.text),))
    if piece.op == "equal":
        return html
    tag = "ins" if piece.op == "insert" else "del"
    return f"<{tag}>{html}</{tag}>"

