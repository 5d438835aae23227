"""SHA-256 and size of files, read once per process while the file stays the same.

A draft hashes the shipped fonts (3.5 MB) twice, for the approval check and for
the manifest, and a batch does so for every letter. The cache key includes
the file's ctime, which changes with any write and cannot be set back by hand,
so an edited file is hashed again (ctime ticks every few milliseconds: only a
same-size rewrite within one tick of hashing, with its mtime forged back,
could go unseen by a process that had already hashed it).

The file is streamed through input_files (a regular file, at most ASSET_LIMIT
bytes, inside the folder `inside` when given); failures raise UnreadableFile.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from letterkit.input_files import ASSET_LIMIT, check_inside, sha256_and_size


def file_digest(path: Path, *, inside: Path | None = None) -> tuple[str, int]:
    """(SHA-256, size) of a file, hashed again only when it has changed."""
    if inside is not None:
        check_inside(path, inside)  # every time: the cache knows the file, not the folder it was found in
    try:
        stat = path.stat()
    except (OSError, ValueError):
        return sha256_and_size(path, limit=ASSET_LIMIT)  # fails too, saying why
    return _digest(str(path.resolve()), stat.st_dev, stat.st_ino, stat.st_size, stat.st_mtime_ns, stat.st_ctime_ns)


@lru_cache(maxsize=256)
def _digest(path: str, *identity: int) -> tuple[str, int]:
    return sha256_and_size(Path(path), limit=ASSET_LIMIT)
