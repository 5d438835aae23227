"""One writer at a time in a folder: an `fcntl.flock` on `<folder>/.letterkit.lock`.

Two drafts into the same folder must not interleave their renames. A writer
holds an exclusive lock on the lock file for its whole write, and removes the
file before it lets go, so a folder at rest holds no lock file. A waiting
writer may then hold a lock on a file that is gone; it checks, after locking,
that the path still names the file it locked, and starts again if not.

The kernel releases the lock of a process that dies, even by SIGKILL: a lock
file left by a killed writer is harmless and simply used by the next one.
`letterkit verify`, which writes nothing, only asks whether a writer holds it.
"""

from __future__ import annotations

import errno
import fcntl
import os
import time
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from pathlib import Path

from letterkit.errors import OutputError, display_path
from letterkit.output_journal import LOCK_NAME


@contextmanager
def exclusive(folder: Path) -> Iterator[None]:
    """Hold `folder`'s writer lock; waits while another process holds it."""
    path = folder / LOCK_NAME
    while True:
        fd = _open(path, os.O_RDWR | os.O_CREAT)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX)
            if _still_named(fd, path):
                break
        except BaseException:
            os.close(fd)
            raise
        os.close(fd)
    try:
        yield
    finally:
        with suppress(OSError):
            os.unlink(path)  # while still locked, so that a writer waiting on this file sees it gone
        os.close(fd)


def writer_active(folder: Path, *, wait: float) -> bool:
    """Whether a process still holds `folder`'s writer lock after up to `wait` seconds."""
    path = folder / LOCK_NAME
    try:
        fd = _open(path, os.O_RDONLY)
    except OutputError:
        return False  # no lock file (or none letterkit could use): no writer
    try:
        deadline = time.monotonic() + wait
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_SH | fcntl.LOCK_NB)
                return False
            except BlockingIOError:
                if time.monotonic() >= deadline:
                    return True
                time.sleep(0.05)
    finally:
        os.close(fd)


def _open(path: Path, flags: int) -> int:
    try:
        return os.open(path, flags | os.O_NOFOLLOW | os.O_CLOEXEC, 0o644)
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            raise OutputError(
                f"{display_path(path.parent)}/{path.name} is a symbolic link; "
                "letterkit's lock file must be a plain file: remove it"
            ) from None
        raise OutputError(f"cannot lock {display_path(path.parent)}: {exc.strerror or exc}") from None


def _still_named(fd: int, path: Path) -> bool:
    try:
        named = os.lstat(path)
    except FileNotFoundError:
        return False
    locked = os.fstat(fd)
    return (named.st_dev, named.st_ino) == (locked.st_dev, locked.st_ino)
