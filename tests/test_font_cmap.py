"""The glyph check's own cmap reader answers exactly what fontTools answers, or leaves the font to it."""

import io
from pathlib import Path

import pytest
from fontTools.ttLib import TTCollection, TTFont
from fontTools.ttLib.tables._c_m_a_p import cmap_format_6

from letterkit.checks import glyphs
from letterkit.checks.font_cmap import covered_codepoints

from conftest import ROOT

SHIPPED = sorted((ROOT / "templates" / "assets" / "fonts").glob("*.ttf"))
# Debian's fonts too, where installed: other vendors' cmaps (DejaVu, Liberation…).
INSTALLED = sorted(path for path in Path("/usr/share/fonts").rglob("*") if path.suffix.lower() in (".ttf", ".otf"))


def _fonttools_coverage(data: bytes) -> frozenset[int]:
    with TTFont(io.BytesIO(data), lazy=True, fontNumber=0) as font:
        return frozenset(code for code, glyph in font.getBestCmap().items() if glyph != ".notdef")


@pytest.mark.parametrize("path", SHIPPED + INSTALLED[:60], ids=lambda path: path.name)
def test_coverage_equals_fonttools(path):
    data = path.read_bytes()
    assert covered_codepoints(data) == _fonttools_coverage(data)


def test_the_shipped_fonts_cover_what_the_examples_print():
    covered = covered_codepoints((ROOT / "templates/assets/fonts/NotoSerif-Regular.ttf").read_bytes())
    assert {ord(char) for char in "Callisto’s “Atiprimod” — €5.75 Ελλάδα Україна"} <= covered
    assert 0x4EAC not in covered  # 京: not in Noto Serif


def _with_format_6_cmap(path: Path) -> bytes:
    """The font with its Unicode cmap rewritten as one format 6 subtable (A–Z only)."""
    font = TTFont(path)
    cmap = font.getBestCmap()
    table = cmap_format_6(6)
    table.platformID, table.platEncID, table.language = 3, 1, 0
    table.cmap = {code: cmap[code] for code in range(ord("A"), ord("Z") + 1)}
    font["cmap"].tables = [table]
    buffer = io.BytesIO()
    font.save(buffer)
    return buffer.getvalue()


def test_a_subtable_format_it_does_not_read_goes_to_fonttools():
    data = _with_format_6_cmap(SHIPPED[0])
    assert covered_codepoints(data) is None
    assert glyphs._covered_by_fonttools(data) == set(range(ord("A"), ord("Z") + 1))


def test_a_collection_goes_to_fonttools():
    collection = TTCollection()
    collection.fonts = [TTFont(SHIPPED[0]), TTFont(SHIPPED[1])]
    buffer = io.BytesIO()
    collection.save(buffer)
    data = buffer.getvalue()
    assert covered_codepoints(data) is None
    assert glyphs._covered_by_fonttools(data) == _fonttools_coverage(SHIPPED[0].read_bytes())


@pytest.mark.parametrize("cut", [3, 11, 200, 2000])
def test_a_truncated_font_is_not_misread(cut):
    data = SHIPPED[0].read_bytes()
    with TTFont(SHIPPED[0], lazy=True) as font:
        cmap_start = font.reader.tables["cmap"].offset
    # Cut inside the table directory (3, 11) or inside the cmap table (200, 2000 bytes into it).
    truncated = data[: cmap_start + cut] if cut > 100 else data[:cut]
    assert covered_codepoints(truncated) is None


def test_not_a_font():
    assert covered_codepoints(b"") is None
    assert covered_codepoints(b"wOFF" + bytes(100)) is None
