"""A Document table as a real Word table (`w:tbl`).

The table takes our table style (docx_table_style) for its rules; each cell's
paragraph takes the style of its column's alignment (TABLE_CELL_STYLES: a
right-aligned column's cells are Table Figure); the header row repeats atop
each page the table runs onto (`w:tblHeader`) and no row splits across pages
(`w:cantSplit`). As in the PDF, the table is as wide as its words need, up to the
text block (then its columns share the block by how much text each holds),
measured in the house fonts the DOCX carries (text_measure), at fixed widths so
Word and LibreOffice lay it out alike.
"""

from __future__ import annotations

from collections.abc import Callable

from docx.document import Document as WordDocument
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Twips
from docx.text.paragraph import Paragraph as WordParagraph

from letterkit.document import Inlines, Table, inline_text
from letterkit.house_style import HouseStyle
from letterkit.writers.docx_styles import TABLE_CELL_STYLES
from letterkit.writers.docx_table_style import CELL_MARGINS, TABLE_STYLE

# An 11 pt character's average width, a little over: digits are half an em (110), most letters less.
_CHARACTER_WIDTH = 100
_MIN_CHARACTERS = 4  # a column of short figures still gets room for its header
_TWIPS_PER_EMU = 635  # python-docx lengths are EMUs

Fill = Callable[[WordParagraph, str, Inlines], None]


def add_table(word: WordDocument, table: Table, fill: Fill, house: HouseStyle) -> None:
    """Append `table` to the body; `fill(paragraph, style, inlines)` writes each cell's text."""
    widths = column_widths(table, _text_width(word), measure=_house_measure(house))
    grid = word.add_table(rows=1 + len(table.rows), cols=len(table.header))
    grid.style = word.styles[TABLE_STYLE]
    grid.autofit = False  # w:tblLayout fixed: the widths below, not the client's guess
    _set_table_properties(grid._tbl.tblPr, sum(widths))
    for column, width in zip(grid.columns, widths, strict=True):
        column.width = Twips(width)
    for index, (row, cells) in enumerate(zip(grid.rows, (table.header, *table.rows), strict=True)):
        _set_row_properties(row._tr, header=index == 0)
        for cell, inlines, align, width in zip(row.cells, cells, table.align, widths, strict=True):
            cell.width = Twips(width)
            fill(cell.paragraphs[0], TABLE_CELL_STYLES[align][0 if index == 0 else 1], inlines)


Measure = Callable[[str, bool, bool], int]  # (text, header row?, last column?) -> twips its cell needs


def column_widths(table: Table, total: int, *, measure: Measure | None = None) -> list[int]:
    """Each column's width in twentieths of a point, adding up to at most `total`.

    With `measure` (the house fonts' widths), a table whose longest cells fit is as wide as
    they need, as in the PDF; without it, columns share the whole width in proportion to
    their longest cell (estimated from its characters). When that is more
    than the page has, the columns of text give up width, each down to its longest
    word; a right-aligned column of figures keeps its width, so "$12.4 million"
    stays on one line.
    """
    columns = list(zip(table.header, *table.rows, strict=True))
    if measure is not None:
        last = len(columns) - 1
        natural = [
            max(measure(inline_text(cell, " "), row == 0, number == last) for row, cell in enumerate(column))
            for number, column in enumerate(columns)
        ]
        if sum(natural) <= total:
            return natural
    else:
        natural = [_width_of(max((inline_text(cell, " ") for cell in column), key=len)) for column in columns]
    least = [
        width if align == "right" else _width_of(max(_words(column), key=len, default=""))
        for width, align, column in zip(natural, table.align, columns, strict=True)
    ]
    if sum(natural) <= total or sum(least) >= total:
        basis = natural if sum(natural) <= total else least
        widths = [total * width // sum(basis) for width in basis]
    else:
        excess, slack = sum(natural) - total, [n - m for n, m in zip(natural, least, strict=True)]
        widths = [n - excess * s // sum(slack) for n, s in zip(natural, slack, strict=True)]
    widths[-1] += total - sum(widths)
    return widths


def _house_measure(house: HouseStyle) -> Measure:
    from letterkit.paths import assets_dir
    from letterkit.writers.text_measure import text_width

    assets = assets_dir()
    heading, text = house.look("table-heading"), house.look("table-text")

    def measure(words: str, header: bool, last: bool) -> int:
        width = text_width(house, heading if header else text, words, assets)
        # The PDF's cells are padded 1.2 em on the right but the last; Word's cells have margins both sides.
        gap = 0.0 if last else 1.2 * (heading if header else text).size
        margins = (CELL_MARGINS["left"] + CELL_MARGINS["right"]) / 20
        return round((width + max(gap, margins) + 2) * 20)  # +2 pt: Word's and LibreOffice's rounding

    return measure


def _words(cells) -> list[str]:
    return [word for cell in cells for word in inline_text(cell, " ").split()]


def _width_of(text: str) -> int:
    """About how wide `text` sets in a cell (11 pt type, with the cell's margins)."""
    return max(len(text), _MIN_CHARACTERS) * _CHARACTER_WIDTH + CELL_MARGINS["left"] + CELL_MARGINS["right"]


def _text_width(word: WordDocument) -> int:
    section = word.sections[-1]
    return (section.page_width - section.left_margin - section.right_margin) // _TWIPS_PER_EMU


def _set_table_properties(tblPr, width: int) -> None:
    tblW = tblPr.find(qn("w:tblW"))
    tblW.set(qn("w:type"), "dxa")
    tblW.set(qn("w:w"), str(width))
    # Which parts of the table style apply: the header row's look, and nothing else.
    look = tblPr.find(qn("w:tblLook"))
    for name, value in (("firstRow", "1"), ("lastRow", "1"), ("firstColumn", "0"), ("lastColumn", "0"),
                        ("noHBand", "1"), ("noVBand", "1"), ("val", "0660")):
        look.set(qn(f"w:{name}"), value)


def _set_row_properties(tr, header: bool) -> None:
    trPr = tr.get_or_add_trPr()
    trPr.append(OxmlElement("w:cantSplit"))
    if header:
        trPr.append(OxmlElement("w:tblHeader"))  # after w:cantSplit, as the schema orders them
