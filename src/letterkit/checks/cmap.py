"""The characters a font has glyphs for, read straight from its `cmap` table.

fontTools decodes a whole font's cmap into {character: glyph name}, and glyph
names need the `post` table: ~6 ms per font, and a draft's stylesheet names
eight fonts. The glyph check only needs to know which characters are there,
so this reads the Unicode subtable's segments (format 4) or groups (format 12)
with `struct`, in well under a millisecond. A font it cannot read that way
(a collection, an unusual subtable) goes to fontTools as before.
"""

from __future__ import annotations

import struct
from pathlib import Path

# fontTools' getBestCmap order: full Unicode first, then the Basic Multilingual Plane.
_PREFERRED = ((3, 10), (0, 6), (0, 4), (3, 1), (0, 3), (0, 2), (0, 1), (0, 0))


def covered_codepoints(font_path: Path) -> frozenset[int]:
    """Every code point the font maps to a glyph other than .notdef (glyph 0)."""
    try:
        return _read(font_path)
    except (_Unsupported, struct.error):  # struct.error: a table shorter than it says
        return _with_fonttools(font_path)


class _Unsupported(Exception):
    pass


def _read(font_path: Path) -> frozenset[int]:
    with font_path.open("rb") as stream:
        header = stream.read(12)
        if len(header) < 12 or header[:4] not in (b"\x00\x01\x00\x00", b"OTTO", b"true"):
            raise _Unsupported  # e.g. a font collection (ttcf) or WOFF
        (count,) = struct.unpack_from(">H", header, 4)
        directory = stream.read(16 * count)
        for index in range(count):
            tag, _, offset, length = struct.unpack_from(">4sLLL", directory, 16 * index)
            if tag == b"cmap":
                stream.seek(offset)
                return _codepoints(stream.read(length))
    raise _Unsupported


def _codepoints(cmap: bytes) -> frozenset[int]:
    _, count = struct.unpack_from(">HH", cmap, 0)
    subtables = {}
    for index in range(count):
        platform, encoding, offset = struct.unpack_from(">HHL", cmap, 4 + 8 * index)
        subtables.setdefault((platform, encoding), offset)
    for key in _PREFERRED:
        if key in subtables:
            offset = subtables[key]
            (fmt,) = struct.unpack_from(">H", cmap, offset)
            if fmt == 4:
                return _format_4(cmap, offset)
            if fmt == 12:
                return _format_12(cmap, offset)
            raise _Unsupported
    raise _Unsupported


def _format_4(cmap: bytes, offset: int) -> frozenset[int]:
    """Segments of the Basic Multilingual Plane: each a range of codes, a delta, maybe a glyph array."""
    (seg_count_x2,) = struct.unpack_from(">H", cmap, offset + 6)
    count = seg_count_x2 // 2
    ends = struct.unpack_from(f">{count}H", cmap, offset + 14)
    starts = struct.unpack_from(f">{count}H", cmap, offset + 16 + seg_count_x2)
    deltas = struct.unpack_from(f">{count}H", cmap, offset + 16 + 2 * seg_count_x2)
    range_offsets_at = offset + 16 + 3 * seg_count_x2
    range_offsets = struct.unpack_from(f">{count}H", cmap, range_offsets_at)
    codes: set[int] = set()
    for index, (start, end, delta, range_offset) in enumerate(zip(starts, ends, deltas, range_offsets, strict=True)):
        if start > end:
            continue
        if range_offset == 0:  # glyph = code + delta
            codes.update(code for code in range(start, end + 1) if (code + delta) & 0xFFFF)
            continue
        # The glyph array entry for `code`, addressed from this segment's idRangeOffset word.
        first = range_offsets_at + 2 * index + range_offset
        glyphs = struct.unpack_from(f">{end - start + 1}H", cmap, first)
        codes.update(
            code for code, glyph in zip(range(start, end + 1), glyphs, strict=True) if glyph and (glyph + delta) & 0xFFFF
        )
    codes.discard(0xFFFF)  # the table's closing segment, not a character
    return frozenset(codes)


def _format_12(cmap: bytes, offset: int) -> frozenset[int]:
    """Groups of consecutive codes mapped to consecutive glyphs, over all of Unicode."""
    (count,) = struct.unpack_from(">L", cmap, offset + 12)
    codes: set[int] = set()
    for index in range(count):
        start, end, glyph = struct.unpack_from(">LLL", cmap, offset + 16 + 12 * index)
        codes.update(range(start + (glyph == 0), end + 1))
    return frozenset(codes)


def _with_fonttools(font_path: Path) -> frozenset[int]:
    from fontTools.ttLib import TTFont  # only for fonts the reader above does not handle

    with TTFont(font_path, lazy=True, fontNumber=0) as font:
        return frozenset(code for code, glyph in font.getBestCmap().items() if glyph != ".notdef")
