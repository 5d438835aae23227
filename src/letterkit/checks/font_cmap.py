"""The characters a font draws, read straight from its cmap table.

The glyph check needs, for each shipped font, the set of code points mapped to
a real glyph. fontTools answers that too, but importing it and decoding a cmap
costs ~45 ms of a cold draft's CPU; the two common layouts of that table are
read here with `struct` in well under a millisecond. The subtable is chosen as
fontTools' getBestCmap and HarfBuzz choose it. Anything else (a font
collection, a best subtable in another format, a truncated table) returns None
and the caller asks fontTools, so no font is ever misread here.
"""

from __future__ import annotations

import struct

# (platform, encoding) in the order HarfBuzz and fontTools' getBestCmap prefer them.
_PREFERENCES = ((3, 10), (0, 6), (0, 4), (3, 1), (0, 3), (0, 2), (0, 1), (0, 0))
_SFNT_VERSIONS = (b"\x00\x01\x00\x00", b"OTTO", b"true")
_LAST_CODE_POINT = 0x10FFFF


def covered_codepoints(font: bytes) -> frozenset[int] | None:
    """Code points the font maps to a glyph other than .notdef (glyph 0); None if not read here."""
    try:
        tables = _table_directory(font)
        if tables is None or b"cmap" not in tables or b"maxp" not in tables:
            return None
        (glyph_count,) = struct.unpack_from(">H", font, tables[b"maxp"] + 4)
        subtable = _best_subtable(font, tables[b"cmap"])
        if subtable is None:
            return None
        (format_,) = struct.unpack_from(">H", font, subtable)
        if format_ == 4:
            return _format_4(font, subtable, glyph_count)
        if format_ == 12:
            return _format_12(font, subtable, glyph_count)
        return None
    except (struct.error, IndexError):
        return None


def _table_directory(font: bytes) -> dict[bytes, int] | None:
    if font[:4] not in _SFNT_VERSIONS:
        return None  # a collection (ttcf), WOFF or not a font
    (count,) = struct.unpack_from(">H", font, 4)
    tables = {}
    for number in range(count):
        tag, _checksum, offset, _length = struct.unpack_from(">4sIII", font, 12 + 16 * number)
        tables[tag] = offset
    return tables


def _best_subtable(font: bytes, cmap: int) -> int | None:
    (count,) = struct.unpack_from(">H", font, cmap + 2)
    offsets: dict[tuple[int, int], int] = {}
    for number in range(count):
        platform, encoding, offset = struct.unpack_from(">HHI", font, cmap + 4 + 8 * number)
        offsets.setdefault((platform, encoding), cmap + offset)  # the first of a pair, as fontTools' getcmap
    for pair in _PREFERENCES:
        if pair in offsets:
            return offsets[pair]
    return None


def _format_4(font: bytes, at: int, glyph_count: int) -> frozenset[int]:
    """Segment mapping to delta values (the BMP)."""
    (segments_x2,) = struct.unpack_from(">H", font, at + 6)
    count = segments_x2 // 2
    ends = struct.unpack_from(f">{count}H", font, at + 14)
    starts = struct.unpack_from(f">{count}H", font, at + 16 + segments_x2)
    deltas = struct.unpack_from(f">{count}H", font, at + 16 + 2 * segments_x2)
    range_offsets_at = at + 16 + 3 * segments_x2
    range_offsets = struct.unpack_from(f">{count}H", font, range_offsets_at)
    covered: set[int] = set()
    for segment in range(count - 1):  # the last segment is the 0xFFFF terminator (fontTools skips it too)
        start, end, delta, range_offset = starts[segment], ends[segment], deltas[segment], range_offsets[segment]
        if end < start:
            continue
        if range_offset == 0:
            glyphs = (((code + delta) & 0xFFFF, code) for code in range(start, end + 1))
        else:
            # The glyph index array is addressed from this segment's own idRangeOffset entry.
            first = range_offsets_at + 2 * segment + range_offset
            raw = struct.unpack_from(f">{end - start + 1}H", font, first)
            glyphs = (((glyph + delta) & 0xFFFF if glyph else 0, start + i) for i, glyph in enumerate(raw))
        covered.update(code for glyph, code in glyphs if 0 < glyph < glyph_count)
    return frozenset(covered)


def _format_12(font: bytes, at: int, glyph_count: int) -> frozenset[int] | None:
    """Segmented coverage (the whole of Unicode): groups of consecutive code points and glyphs."""
    (groups,) = struct.unpack_from(">I", font, at + 12)
    covered: set[int] = set()
    for number in range(groups):
        start, end, first_glyph = struct.unpack_from(">III", font, at + 16 + 12 * number)
        if end < start:
            continue
        if end > _LAST_CODE_POINT:
            return None  # not a valid table: fontTools decides what it means
        # Glyphs first_glyph … first_glyph + (end - start); keep those in 1 … glyph_count - 1.
        low = start + max(0, 1 - first_glyph)
        high = min(end, start + (glyph_count - 1 - first_glyph))
        covered.update(range(low, high + 1))
    return frozenset(covered)
