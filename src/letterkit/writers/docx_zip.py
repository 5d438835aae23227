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


def write_reproducible(entries: dict[str, bytes], stamp: datetime.date, *, stored: frozenset[str] = frozenset()) -> bytes:
    """A zip of `entries`, every entry dated `stamp` at 00:00 (local zip time).

    `stored`: entries written uncompressed. The embedded fonts are 3.5 MB that deflate only to
    half (zlib took 125 ms for them at its default level, 60 ms at its fastest: more than the
    rest of a DOCX); stored, they cost a copy, and the file is 1.7 MB larger.
    """
    date_time = _zip_date_time(stamp)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as zf:
        for name in _entry_order(entries):
            info = zipfile.ZipInfo(name, date_time=date_time)
            info.compress_type = zipfile.ZIP_STORED if name in stored else zipfile.ZIP_DEFLATED
            info.create_system = 0  # MS-DOS, as Word writes; not the host OS
            info.external_attr = 0
            zf.writestr(info, entries[name], compresslevel=_COMPRESS_LEVEL)
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
