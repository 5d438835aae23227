"""Byte-reproducible zip packaging for the .docx.

python-docx stamps each zip entry with the current time, so two renders of
the same letter would differ. Rewriting the archive with fixed timestamps,
order, compression and attributes makes the bytes depend on content only.
"""

from __future__ import annotations

import datetime
import io
import zipfile

_CONTENT_TYPES = "[Content_Types].xml"
_COMPRESS_LEVEL = 6  # zlib's default, fixed so a changed default cannot change bytes


def read_entries(archive: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(archive)) as zf:
        return {name: zf.read(name) for name in zf.namelist()}


def write_reproducible(entries: dict[str, bytes], stamp: datetime.date) -> bytes:
    """A zip of `entries`, every entry dated `stamp` at 00:00 (local zip time)."""
    date_time = _zip_date_time(stamp)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as zf:
        for name in _entry_order(entries):
            info = zipfile.ZipInfo(name, date_time=date_time)
            info.compress_type = zipfile.ZIP_DEFLATED
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
