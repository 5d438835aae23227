"""A Document table as plain-text columns, for the wire's text feed.

A wire's plain-text feed is read at 80 columns or fewer and may reflow or drop
characters it does not know, so a table is laid out with spaces only (no box
drawing, no rule of dashes) and kept within TABLE_WIDTH columns:
- it fits: a header line, then one line per row; two spaces between columns;
  a right-aligned column (figures) is padded on the left, a centred one on
  both sides; no line ends in spaces.
- it is too wide, but would fit with its first column (the row labels, where
  long text usually is) wrapped: the label wraps within its column and the
  row's other cells sit on the label's last line, as financial statements set
  a long line item. The words still read in order, row by row.
- it would not fit even so: each row is printed as a group of "Header: value"
  lines, one per cell, the groups apart by a blank line. Each such line is a
  short paragraph, so a feed that reflows the text still keeps it readable.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable

from letterkit.document import Table, inline_text

# 72 rather than 80: the table still reads unwrapped in an 80-column reader when a
# feed indents it or quotes it ("> ") as plain-text mail does.
TABLE_WIDTH = 72
GAP = "  "
# A label column narrower than this would wrap nearly every label: stack the rows instead.
MIN_LABEL_WIDTH = 16


def table_lines(table: Table, plain: Callable[[str], str] = str) -> list[str]:
    """The table's lines; `plain` is applied to each cell's text before it is measured (the ASCII form)."""
    header = [_cell_text(cell, plain) for cell in table.header]
    rows = [[_cell_text(cell, plain) for cell in row] for row in table.rows]
    widths = [max(display_width(text) for text in column) for column in zip(header, *rows, strict=True)]
    if _total(widths) <= TABLE_WIDTH:
        return _drop_blank([_line(cells, widths, table.align) for cells in (header, *rows)])
    label_width = TABLE_WIDTH - _total([0, *widths[1:]])
    longest_word = max((display_width(word) for text in (header[0], *(r[0] for r in rows)) for word in text.split()),
                       default=0)
    if label_width >= max(MIN_LABEL_WIDTH, longest_word):
        widths = [label_width, *widths[1:]]
        return _drop_blank([line for cells in (header, *rows) for line in _wrapped_label_lines(cells, widths, table.align)])
    return _stacked_lines(header, rows) if rows else _drop_blank(header)


def display_width(text: str) -> int:
    """Columns `text` takes in a fixed-width reader: wide (CJK) characters two, combining marks none."""
    width = 0
    for char in text:
        if unicodedata.combining(char) or unicodedata.category(char) in ("Mn", "Me", "Cf"):
            continue
        width += 2 if unicodedata.east_asian_width(char) in ("W", "F") else 1
    return width


def _drop_blank(lines: list[str]) -> list[str]:
    # A row of empty cells would be a blank line, which reads as the end of the table.
    return [line for line in lines if line]


def _cell_text(cell, plain: Callable[[str], str]) -> str:
    # A wire line cannot break inside a cell: a line break in a cell reads as a space.
    return " ".join(plain(inline_text(cell, " ")).split())


def _total(widths: list[int]) -> int:
    return sum(widths) + len(GAP) * (len(widths) - 1)


def _line(cells: list[str], widths: list[int], align: tuple[str, ...]) -> str:
    return GAP.join(_pad(text, width, how) for text, width, how in zip(cells, widths, align, strict=True)).rstrip()


def _pad(text: str, width: int, how: str) -> str:
    room = width - display_width(text)
    if how == "right":
        return " " * room + text
    if how == "center":
        return " " * (room // 2) + text + " " * (room - room // 2)
    return text + " " * room


def _wrapped_label_lines(cells: list[str], widths: list[int], align: tuple[str, ...]) -> list[str]:
    label_lines = _wrap(cells[0], widths[0])
    blank = [""] * (len(cells) - 1)
    lines = [_line([part, *blank], widths, align) for part in label_lines[:-1]]
    lines.append(_line([label_lines[-1], *cells[1:]], widths, align))
    return lines


def _wrap(text: str, width: int) -> list[str]:
    """Words into lines of at most `width` columns (no word is longer: the caller made sure)."""
    lines: list[str] = []
    for word in text.split():
        if lines and display_width(lines[-1]) + 1 + display_width(word) <= width:
            lines[-1] += " " + word
        else:
            lines.append(word)
    return lines or [""]


def _stacked_lines(header: list[str], rows: list[list[str]]) -> list[str]:
    lines: list[str] = []
    for row in rows:
        pairs = [f"{name}: {value}" if name else value for name, value in zip(header, row, strict=True) if value]
        if pairs and lines:
            lines.append("")
        lines += [pair if index == 0 else "  " + pair for index, pair in enumerate(pairs)]
    return lines
