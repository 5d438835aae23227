"""The quick cmap reader answers exactly as fontTools does."""

import pytest
from fontTools.ttLib import TTCollection, TTFont

from letterkit.checks.cmap import covered_codepoints
from letterkit.paths import assets_dir

SHIPPED = sorted((assets_dir() / "fonts").glob("*.ttf"))


def _fonttools(path):
    with TTFont(path, lazy=True) as font:
        return frozenset(code for code, glyph in font.getBestCmap().items() if glyph != ".notdef")


@pytest.mark.parametrize("font", SHIPPED, ids=lambda path: path.name)
def test_every_shipped_font_reads_as_fonttools_reads_it(font):
    assert covered_codepoints(font) == _fonttools(font)


def test_a_font_collection_goes_to_fonttools(tmp_path):
    collection = TTCollection()
    collection.fonts.append(TTFont(SHIPPED[0]))
    collection.save(tmp_path / "one.ttc")
    assert covered_codepoints(tmp_path / "one.ttc") == _fonttools(SHIPPED[0])
