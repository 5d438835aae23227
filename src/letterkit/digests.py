"""SHA-256 of files, read once per process while the file stays the same.

A draft hashes the shipped fonts (3.5 MB) twice, for the approval check and for
the manifest, and a batch does so for every letter. The cache key includes
the file's ctime, which changes with any write and cannot be set back by hand,
so an edited file is hashed again (ctime ticks every few milliseconds: only a
same-size rewrite within one tick of hashing, with its mtime forged back,
could go unseen by a process that had already hashed it).
"""

from __future__ import annotations

import hashlib
from functools import lru_cache
from pathlib import Path


def file_sha256(path: Path) -> str:
    stat = path.stat()
    return _sha256(str(path.resolve()), stat.st_dev, stat.st_ino, stat.st_size, stat.st_mtime_ns, stat.st_ctime_ns)


@lru_cache(maxsize=256)
def _sha256(path: str, *identity: int) -> str:
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()
