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

Failures raise `UnreadableFile` with a message in the user's words that does
not name the file (it may name a folder or a link's target); each caller
reports it in its own category (input, template or verify error), at the file
it was reading.

Paths the user names (a letter on the command line, `--ratecard`) may be
symbolic links: the user chose them. A folder the user names as a template
folder must not be one (`check_real_folder`): letterkit names the real folder,
so a template folder is never taken from elsewhere without a word.
"""

from __future__ import annotations

import codecs
import errno
import hashlib
import os
import stat
from pathlib import Path

from letterkit.errors import display_path

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


class NotText(UnreadableFile):
    """A file that is not UTF-8 text, with the position of the first byte that is not."""

    def __init__(self, byte: int, line: int, column: int):
        self.byte, self.line, self.column = byte, line, column
        super().__init__(f"is not UTF-8 text (byte 0x{byte:02x} on line {line}, column {column})")


def is_present(path: Path) -> bool:
    """Whether anything is at `path`, even a broken symbolic link, a FIFO or a folder.

    Where an absent file is normal (no versions.toml, no letterkit.toml), this
    decides whether to read: anything that is there is read, so a FIFO or a
    link to /dev/zero is refused with a message instead of silently skipped.
    """
    return os.path.lexists(path)


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


def _open_regular(path: Path, inside: Path | None) -> int:
    """A descriptor of `path` opened for reading, once it is known to be a regular file (inside `inside`)."""
    if inside is not None:
        check_inside(path, inside)
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0) | getattr(os, "O_CLOEXEC", 0)
    try:
        fd = os.open(path, flags)
    except ValueError:  # a NUL character (a name taken from a stylesheet's url(...), say)
        raise UnreadableFile("has a NUL character in its name") from None
    except FileNotFoundError:
        raise UnreadableFile("does not exist") from None
    except IsADirectoryError:
        raise UnreadableFile("is a folder, not a file") from None
    except OSError as exc:
        if exc.errno == errno.ENXIO:  # a socket, or a FIFO with no writer opened O_NONBLOCK for writing
            raise UnreadableFile("is a socket, not a regular file") from None
        if exc.errno == errno.ELOOP:
            raise UnreadableFile("is a loop of symbolic links") from None
        raise UnreadableFile(f"cannot be read: {exc.strerror or exc}") from None
    mode = os.fstat(fd).st_mode
    if not stat.S_ISREG(mode):
        os.close(fd)
        raise UnreadableFile(f"is {_kind(mode)}")
    return fd


def _too_large(limit: int) -> UnreadableFile:
    return UnreadableFile(f"is larger than {limit:,} bytes, the limit for this kind of file")


def read_bytes(path: Path, *, limit: int, inside: Path | None = None) -> bytes:
    """The whole content of a regular file of at most `limit` bytes (that stays inside the folder `inside`)."""
    fd = _open_regular(path, inside)
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


def read_text(path: Path, *, limit: int, inside: Path | None = None) -> str:
    """A regular file of at most `limit` bytes, as UTF-8 (a byte-order mark is dropped); NotText if it is not."""
    return decode_text(read_bytes(path, limit=limit, inside=inside))


def decode_text(raw: bytes) -> str:
    """UTF-8 bytes as text, without a leading byte-order mark; NotText at the first byte that is not UTF-8."""
    body = raw.removeprefix(codecs.BOM_UTF8)
    try:
        return body.decode("utf-8")
    except UnicodeDecodeError as exc:
        start = exc.start + len(raw) - len(body)
        line = raw.count(b"\n", 0, start) + 1
        column = start - (raw.rfind(b"\n", 0, start) + 1) + 1
        raise NotText(raw[start], line, column) from None


def sha256_and_size(path: Path, *, limit: int = OUTPUT_LIMIT, inside: Path | None = None) -> tuple[str, int]:
    """SHA-256 and size of a regular file, streamed (for outputs far larger than what is read whole)."""
    fd = _open_regular(path, inside)
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
    real, root = _resolved(path), _resolved(folder)
    if real.is_relative_to(root):
        return
    where = display_path(folder)
    if not Path(os.path.abspath(path)).is_relative_to(os.path.abspath(folder)):  # `..` or an absolute name
        raise UnreadableFile(f"is outside {where}; refused")
    how = "is a symbolic link" if path.is_symlink() else "leads through a symbolic link"
    raise UnreadableFile(f"{how} to {display_path(real)}, outside {where}; refused")


def check_real_folder(folder: Path) -> None:
    """Refuse a folder that is itself a symbolic link, naming the folder it leads to.

    For folders whose content letterkit trusts (a template folder): a link
    would make letterkit use a folder elsewhere without a word, so the user
    names the real folder instead.
    """
    if folder.is_symlink():
        real = display_path(_resolved(folder))
        raise UnreadableFile(f"is a symbolic link to {real}; name {real} itself")


def _resolved(path: Path) -> Path:
    try:
        return path.resolve(strict=False)
    except RuntimeError:  # Python 3.11's "Symlink loop"
        raise UnreadableFile("is a loop of symbolic links") from None
    except ValueError:
        raise UnreadableFile("has a NUL character in its name") from None
    except OSError as exc:  # newer Pythons report a loop as ELOOP
        raise UnreadableFile(f"cannot be resolved: {exc.strerror or exc}") from None
