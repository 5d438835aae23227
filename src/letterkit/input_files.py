"""Reading any file letterkit is given: regular files only, never more than a limit.

Every file letterkit reads is input (letters, profiles, templates, approval
records, locks, manifests, saved Documents, stylesheets, fonts, config), so it
is read the same careful way:
- opened without blocking (a FIFO given as a letter must not hang the run) and
  without following into a terminal; refused unless `fstat` says it is a
  regular file (a folder, FIFO, socket or device such as /dev/zero);
- read with a byte cap counted while reading, never trusting the size `stat`
  reports (/proc files and some devices say 0);
- where a file was *found* inside a folder (a company profile in the companies
  folder, a template in a template folder), a symbolic link that leads outside
  that folder is refused: a folder handed over by someone else must not read
  files elsewhere on the machine.

Failures raise `UnreadableFile` with a message in the user's words and no path;
each caller reports it in its own category (input, template or verify error),
at the file it was reading.
"""

from __future__ import annotations

import errno
import hashlib
import os
import stat
from pathlib import Path

# Byte caps by kind of file: far above any real file of that kind, far below what hurts.
YAML_LIMIT = 1_000_000  # a letter or company profile is a few kB
TEMPLATE_LIMIT = 1_000_000  # a template or stylesheet
RECORD_LIMIT = 256_000  # versions.toml, letterkit.toml
LOCK_LIMIT = 4_000_000  # templates.lock, manifest.json
DOCUMENT_LIMIT = 32_000_000  # <stem>.document.json
ASSET_LIMIT = 64_000_000  # a font
OUTPUT_LIMIT = 1_000_000_000  # an output re-hashed by verify (streamed, never held in memory)

_CHUNK = 1 << 20


class UnreadableFile(Exception):
    """A file that is not a regular file, too large, outside its folder or unreadable; str() says why."""


def _kind(mode: int) -> str:
    if stat.S_ISDIR(mode):
        return "a folder, not a file"
    if stat.S_ISFIFO(mode):
        return "a FIFO (named pipe), not a regular file"
    if stat.S_ISSOCK(mode):
        return "a socket, not a regular file"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device, not a regular file"
    return "not a regular file"


def _open_regular(path: Path) -> int:
    """A descriptor of `path` opened for reading, once it is known to be a regular file."""
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0) | getattr(os, "O_CLOEXEC", 0)
    try:
        fd = os.open(path, flags)
    except FileNotFoundError:
        raise UnreadableFile("file not found") from None
    except IsADirectoryError:
        raise UnreadableFile("is a folder, not a file") from None
    except OSError as exc:
        if exc.errno == errno.ENXIO:  # a socket, or a FIFO with no writer opened O_NONBLOCK for writing
            raise UnreadableFile("is a socket, not a regular file") from None
        raise UnreadableFile(f"cannot be read: {exc.strerror or exc}") from None
    mode = os.fstat(fd).st_mode
    if not stat.S_ISREG(mode):
        os.close(fd)
        raise UnreadableFile(f"is {_kind(mode)}")
    return fd


def _too_large(limit: int) -> UnreadableFile:
    return UnreadableFile(f"is larger than {limit:,} bytes, the limit for this kind of file")


def read_bytes(path: Path, *, limit: int) -> bytes:
    """The whole content of a regular file of at most `limit` bytes."""
    fd = _open_regular(path)
    try:
        chunks: list[bytes] = []
        total = 0
        while True:
            try:
                chunk = os.read(fd, min(_CHUNK, limit + 1 - total))
            except OSError as exc:
                raise UnreadableFile(f"cannot be read: {exc.strerror or exc}") from None
            if not chunk:
                break
            chunks.append(chunk)
            total += len(chunk)
            if total > limit:
                raise _too_large(limit)
        return b"".join(chunks)
    finally:
        os.close(fd)


def read_text(path: Path, *, limit: int) -> str:
    """A regular file of at most `limit` bytes, as UTF-8 (a byte-order mark is dropped)."""
    raw = read_bytes(path, limit=limit)
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise UnreadableFile(f"is not UTF-8 text (byte 0x{raw[exc.start]:02x} on line {line})") from None


def sha256_and_size(path: Path, *, limit: int = OUTPUT_LIMIT) -> tuple[str, int]:
    """SHA-256 and size of a regular file, streamed (for outputs far larger than what is read whole)."""
    fd = _open_regular(path)
    digest = hashlib.sha256()
    total = 0
    try:
        while chunk := os.read(fd, _CHUNK):
            total += len(chunk)
            if total > limit:
                raise _too_large(limit)
            digest.update(chunk)
    except OSError as exc:
        raise UnreadableFile(f"cannot be read: {exc.strerror or exc}") from None
    finally:
        os.close(fd)
    return digest.hexdigest(), total


def check_inside(path: Path, folder: Path) -> None:
    """Refuse `path` when it (or a symbolic link on the way) leads outside `folder`."""
    try:
        real = path.resolve(strict=False)
        root = folder.resolve(strict=False)
    except (OSError, RuntimeError) as exc:  # RuntimeError: a symlink loop
        raise UnreadableFile(f"cannot be resolved: {exc}") from None
    if not real.is_relative_to(root):
        raise UnreadableFile(f"is a symbolic link to {real}, outside {folder}; refused")
