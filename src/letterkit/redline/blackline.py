"""The blackline: the redline as HTML (and PDF) for readers without Word.

The new draft laid out with the normal HTML writer's elements and print
stylesheet, with inserted words in <ins> (underlined) and deleted words in
<del> (struck through), whole inserted or deleted paragraphs, list items and
table rows marked as such, and a line at the top saying what is compared and
how much changed. Blocks are the HTML writer's: a list is <ul>/<ol> (lettered:
type="A") with its nested list inside the parent's <li>; a table is <table
class="table"> with <thead> (<th scope="col">) and <tbody>, each cell's
alignment a class; a quotation is <blockquote class="quote"> with its
attribution in a <footer class="attribution">.
"""

from __future__ import annotations

import dataclasses
from html import escape

from letterkit.document import LineBreak
from letterkit.redline.compare import (
    ATTRIBUTION,
    CELL,
    HEADING,
    ITEM,
    QUOTATION,
    Change,
    Piece,
    Row,
    TableChange,
    blocks,
    parts,
)
from letterkit.writers.html_writer import heading_tag, render_inlines, render_page

# Appended to the print stylesheet. Colour and line both, so a grey printout still shows the changes.
BLACKLINE_CSS = """
/* ---- Blackline: insertions underlined, deletions struck through ---- */
ins { text-decoration: underline; text-decoration-thickness: 0.08em; color: #0b4f9c; }
del { text-decoration: line-through; color: #a3250f; }
li.deleted::marker { color: #a3250f; }
li.inserted::marker { color: #0b4f9c; }
tr.deleted > * { border-left: 1.5pt solid #a3250f; }
tr.inserted > * { border-left: 1.5pt solid #0b4f9c; }
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
    for group in blocks(changes):
        kind = group[0].unit.kind
        if kind == ITEM:
            content += _lists(group)
        elif kind == CELL:
            content += [_table(table) for table in parts(group)]
        elif kind in (QUOTATION, ATTRIBUTION):
            content.append(_quote(group))
        else:
            content += [_block(change, promote) for change in group]
    metadata = dataclasses.replace(new_metadata, title=f"Blackline: {new_metadata.title}")
    return render_page(metadata, "\n".join(content), stylesheet=stylesheet + BLACKLINE_CSS)


def _summary_line(old_label: str, new_label: str, summary: str) -> str:
    return (
        f'<p class="redline-summary">Blackline of {escape(new_label)} against {escape(old_label)}: '
        f"<ins>inserted</ins>, <del>deleted</del>. {escape(summary)}.</p>"
    )


def _block(change: Change, promote: bool) -> str:
    unit = change.unit
    if unit.kind != HEADING:
        return f'<p class="{unit.role}{_status_class(change.status)}">{_pieces(change)}</p>'
    tag = heading_tag(unit.role, promote=promote)
    if unit.level == 2:  # a level-2 section sits one level under the level-1 ones
        tag = f"h{int(tag[1:]) + 1}"
    level = f' data-level="{unit.level}"' if unit.role == "section" else ""
    return f'<{tag} class="{unit.role}{_status_class(change.status)}"{level}>{_pieces(change)}</{tag}>'


# --- lists --------------------------------------------------------------------------


def _lists(changes: list[Change]) -> list[str]:
    """One list's items (of either draft): <ol>/<ul>, each nested item inside the <li> above it.

    Items of another style (an old list's deleted items beside a new one's) make a list of their own.
    """
    items: list[tuple[Change | None, list[Change]]] = []  # (item, the nested items under it)
    for change in changes:
        if change.unit.depth == 0 or not items:
            items.append((change if change.unit.depth == 0 else None, []))
        if change.unit.depth == 1:
            items[-1][1].append(change)
    lists: list[str] = []
    for run in _same_style_runs(items, lambda item: (item[0] or item[1][0]).unit.list_style):
        lines = [_list_item(item, nested) for item, nested in run]
        lists.append(_list_element((run[0][0] or run[0][1][0]), lines))
    return lists


def _list_item(item: Change | None, nested: list[Change]) -> str:
    text = f"{_pieces(item)}" if item is not None else ""
    sublists = [
        _list_element(run[0], [f'<li{_class_attr(c.status)}>{_pieces(c)}</li>' for c in run])
        for run in _same_style_runs(nested, lambda change: change.unit.list_style)
    ]
    inside = "".join(f"\n{sublist}\n" for sublist in sublists)
    return f"<li{_class_attr(item.status if item else 'same')}>{text}{inside}</li>"


def _list_element(first: Change, lines: list[str]) -> str:
    unit = first.unit
    items = "\n".join(lines)
    if unit.list_style == "letter":
        return f'<ol class="{unit.role}" type="A" start="{unit.list_start}">\n{items}\n</ol>'
    if unit.list_style == "number":
        return f'<ol class="{unit.role}" start="{unit.list_start}">\n{items}\n</ol>'
    return f'<ul class="{unit.role}">\n{items}\n</ul>'


def _same_style_runs(things: list, style) -> list[list]:
    runs: list[list] = []
    for thing in things:
        if runs and style(runs[-1][-1]) == style(thing):
            runs[-1].append(thing)
        else:
            runs.append([thing])
    return runs


# --- tables and quotations ------------------------------------------------------------


def _table(table: TableChange) -> str:
    head = [_row(row) for row in table.rows if row.header]
    body = [_row(row) for row in table.rows if not row.header]
    role = table.rows[0].cells[0].unit.role
    return (
        f'<table class="{role}">\n<thead>\n{"".join(head)}</thead>\n'
        f"<tbody>\n{''.join(body)}</tbody>\n</table>"
    )


def _row(row: Row) -> str:
    tag, scope = ("th", ' scope="col"') if row.header else ("td", "")
    cells = "".join(f'<{tag}{scope} class="align-{c.unit.align}">{_pieces(c)}</{tag}>' for c in row.cells)
    return f"<tr{_class_attr(row.status)}>{cells}</tr>\n"


def _quote(changes: list[Change]) -> str:
    paragraphs = [f"<p{_class_attr(c.status)}>{_pieces(c)}</p>" for c in changes if c.unit.kind == QUOTATION]
    attributions = [f"<p{_class_attr(c.status)}>{_pieces(c)}</p>" for c in changes if c.unit.kind == ATTRIBUTION]
    if attributions:
        paragraphs.append('<footer class="attribution">' + "".join(attributions) + "</footer>")
    role = changes[0].unit.role
    return f'<blockquote class="{role}">\n' + "\n".join(paragraphs) + "\n</blockquote>"


# --- words ----------------------------------------------------------------------------


def _status_class(status: str) -> str:
    return f" {status}" if status in ("inserted", "deleted") else ""


def _class_attr(status: str) -> str:
    return f' class="{status}"' if status in ("inserted", "deleted") else ""


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
