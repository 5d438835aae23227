"""Our Word table style: the rules of a letter's tables and the look of their header row.

The borders live in the style, never on the cells, so legal restyles every
table of the letter by editing one style in Word. It is a financial table's
look: a rule above the table and one below it, a thinner rule under the
header row, light rules between rows, no vertical rules; cells aligned at
their bottom, so figures sit on the last line of a label that wraps.
"""

from __future__ import annotations

from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.styles.style import BaseStyle

TABLE_STYLE = "Letter Table"

_RULE, _LIGHT_RULE = "000000", "A6A6A6"
# Border widths in eighths of a point; cell margins in twentieths of a point.
_OUTER, _HEADER, _ROW = 8, 6, 4
CELL_MARGINS = {"top": 60, "left": 85, "bottom": 60, "right": 85}


def define_table_style(style: BaseStyle) -> None:
    """Give a new, empty table style (named TABLE_STYLE, based on Normal Table) our rules."""
    style.quick_style = True
    element = style.element
    table_properties = OxmlElement("w:tblPr")
    table_properties.append(_borders("w:tblBorders", top=(_OUTER, _RULE), insideH=(_ROW, _LIGHT_RULE)))
    margins = OxmlElement("w:tblCellMar")
    for side, width in CELL_MARGINS.items():
        margins.append(OxmlElement(f"w:{side}", {qn("w:w"): str(width), qn("w:type"): "dxa"}))
    table_properties.append(margins)
    element.append(table_properties)
    cell_properties = OxmlElement("w:tcPr")
    cell_properties.append(OxmlElement("w:vAlign", {qn("w:val"): "bottom"}))
    element.append(cell_properties)
    header_row = OxmlElement("w:tblStylePr", {qn("w:type"): "firstRow"})
    header_cells = OxmlElement("w:tcPr")
    header_cells.append(_borders("w:tcBorders", bottom=(_HEADER, _RULE)))
    header_row.append(header_cells)
    element.append(header_row)
    last_row = OxmlElement("w:tblStylePr", {qn("w:type"): "lastRow"})
    last_cells = OxmlElement("w:tcPr")
    margins = OxmlElement("w:tcMar")
    margins.append(OxmlElement("w:bottom", {qn("w:w"): "240", qn("w:type"): "dxa"}))
    last_cells.append(margins)
    last_row.append(last_cells)
    element.append(last_row)


def _borders(tag: str, **sides: tuple[int, str]):
    borders = OxmlElement(tag)
    for side in ("top", "left", "bottom", "right", "insideH", "insideV"):  # the schema's order
        if side in sides:
            size, color = sides[side]
            borders.append(OxmlElement(f"w:{side}", {
                qn("w:val"): "single", qn("w:sz"): str(size), qn("w:space"): "0", qn("w:color"): color,
            }))
    return borders
