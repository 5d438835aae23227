"""Byte-reproducible zip packaging for the .docx.

python-docx stamps each zip entry with the current time, so two renders of
the same letter would differ. Rewriting the archive with fixed timestamps,
order, compression and attributes makes the bytes depend on content only.
"""

from __future__ import annotations

import datetime
import io
import zipfile
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from docx.document import Document as WordDocument

_CONTENT_TYPES = "[Content_Types].xml"
_COMPRESS_LEVEL = 6  # zlib's default, fixed so a changed default cannot change bytes
# The embedded fonts (3.5 MB): zlib's fastest level packs them 8 % larger in half the time
# (60 ms instead of 125 ms, once per process: a single draft pays it in full).
_CONSTANT_COMPRESS_LEVEL = 1


def package_entries(word: WordDocument) -> dict[str, bytes]:
    """The entries python-docx would zip for `word` (Document.save), without zipping them.

    Saving to a zip and reading it back compressed and decompressed every part once
    more for nothing (~3 ms of each letter). python-docx's PackageWriter (pinned
    version) writes each part through `phys_writer.write(pack_uri, blob)`: collected here.
    """
    from docx.opc.pkgwriter import PackageWriter

    package = word.part.package
    parts = list(package.parts)
    for part in parts:
        part.before_marshal()
    collected = _Collected()
    PackageWriter._write_content_types_stream(collected, parts)
    PackageWriter._write_pkg_rels(collected, package.rels)
    PackageWriter._write_parts(collected, parts)
    return collected.entries


class _Collected:
    """A stand-in for python-docx's PhysPkgWriter that keeps the blobs."""

    def __init__(self) -> None:
        self.entries: dict[str, bytes] = {}

    def write(self, pack_uri, blob: bytes) -> None:
        self.entries[pack_uri.membername] = blob


def write_reproducible(entries: dict[str, bytes], stamp: datetime.date, *, constant: frozenset[str] = frozenset()) -> bytes:
    """A zip of `entries`, every entry dated `stamp` at 00:00 (local zip time).

    `constant`: names of entries that are the same in every package of a process (the
    embedded fonts, megabytes that take most of the zip's time): zipped once, with
    [Content_Types].xml, into a prefix that later packages start from and append to.
    """
    date_time = _zip_date_time(stamp)
    first = [_CONTENT_TYPES, *sorted(name for name in entries if name in constant)]
    key = (date_time, tuple((name, entries[name]) for name in first))
    prefix = _PREFIXES.get(key)
    if prefix is None:
        prefix = _zip(io.BytesIO(), "w", first, entries, date_time, constant=constant)
        _PREFIXES.clear()  # one house style and one date at a time, in practice: keep one
        _PREFIXES[key] = prefix
    rest = [name for name in _entry_order(entries) if name not in first]
    return _zip(io.BytesIO(prefix), "a", rest, entries, date_time)


_PREFIXES: dict[tuple, bytes] = {}


def _zip(
    buffer: io.BytesIO, mode: str, names: list[str], entries: dict[str, bytes], date_time: tuple,
    *, constant: frozenset[str] = frozenset(),
) -> bytes:
    buffer.seek(0, io.SEEK_END)
    with zipfile.ZipFile(buffer, mode) as zf:  # type: ignore[arg-type]
        for name in names:
            info = zipfile.ZipInfo(name, date_time=date_time)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.create_system = 0  # MS-DOS, as Word writes; not the host OS
            info.external_attr = 0
            level = _CONSTANT_COMPRESS_LEVEL if name in constant else _COMPRESS_LEVEL
            zf.writestr(info, entries[name], compresslevel=level)
    return buffer.getvalue()


def _entry_order(entries: dict[str, bytes]) -> list[str]:
    """[Content_Types].xml first (readers that stream the zip expect it), then by name."""
    return sorted(entries, key=lambda name: (name != _CONTENT_TYPES, name))


def _zip_date_time(stamp: datetime.date) -> tuple[int, int, int, int, int, int]:
    # The zip format cannot store dates outside 1980-2107.
    year = min(max(stamp.year, 1980), 2107)
    if year != stamp.year:
        return (year, 1, 1, 0, 0, 0)
    return (stamp.year, stamp.month, stamp.day, 0, 0, 0)
