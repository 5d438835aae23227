"""How wide a line of text sets in one of the house fonts: the DOCX's table columns are sized by it.

Word and LibreOffice lay a table's fixed column widths out as given; the PDF's table is as
wide as its words need. Measured with the very fonts the DOCX carries (their advance widths,
no kerning: a little wider than set, never narrower), a column is given what its longest
cell needs, so the two formats' tables match and no word breaks inside a cell.
"""

from __future__ import annotations

import io
from functools import cache
from pathlib import Path

from letterkit.house_style import HouseStyle, Look
from letterkit.input_files import ASSET_LIMIT, read_bytes


def text_width(house: HouseStyle, look: Look, text: str, assets: Path) -> float:
    """Points `text` takes on one line in the look's font (its bold or regular face) and size."""
    family = house.family(look.font)
    faces = family.faces()
    face = ("bold_italic" if look.italic else "bold") if look.bold else ("italic" if look.italic else "regular")
    file = faces.get(face) or faces["regular"]
    advances, units, fallback = _metrics(str(assets / file), str(assets))
    return sum(advances.get(ord(char), fallback) for char in text) * look.size / units


@cache
def _metrics(path: str, assets: str) -> tuple[dict[int, int], int, int]:
    """(advance width by code point, units per em, the widest advance: for a character the font lacks)."""
    from fontTools.ttLib import TTFont  # ~30 ms to import: only when a DOCX has a table

    data = read_bytes(Path(path), limit=ASSET_LIMIT, inside=Path(assets))
    with TTFont(io.BytesIO(data), lazy=True) as font:
        widths = font["hmtx"].metrics
        advances = {code: widths[glyph][0] for code, glyph in (font.getBestCmap() or {}).items() if glyph in widths}
        return advances, font["head"].unitsPerEm, max(width for width, _ in widths.values())
