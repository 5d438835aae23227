"""Write a set of output files so that a failed run changes nothing on disk.

1. Every file is written in full to a hidden temporary file in the target
   folder (same filesystem, so renames are atomic) and flushed to disk.
2. Each existing output is kept as a hidden backup (a hard link, so no copy).
3. The temporaries are renamed over the outputs, and files named in `remove`
   (outputs of an earlier draft this one does not replace) are deleted. If any
   step fails, the ones already done are rolled back from the backups.
Any failure or interruption (Ctrl-C included) removes temporaries and backups
and leaves earlier outputs byte-for-byte as they were.
"""

from __future__ import annotations

import os
import shutil
import tempfile
import uuid
from pathlib import Path

from letterkit.errors import OutputError


def safe_child(folder: Path, name: str) -> Path:
    """`folder/name`, refusing any name that would land outside `folder`."""
    if not name or name in (".", "..") or "/" in name or "\\" in name or "\x00" in name:
        raise OutputError(f"refusing output file name {name!r}")
    path = folder / name
    if path.resolve().parent != folder.resolve():
        raise OutputError(f"refusing output path {path}: it resolves outside {folder}")
    return path


def write_files_atomically(folder: Path, files: dict[str, bytes], remove: tuple[str, ...] = ()) -> list[Path]:
    """Write {file name: content} into `folder` and delete `remove`; all of it happens, or none."""
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise OutputError(f"cannot create output folder {folder}: {exc.strerror}") from exc
    targets = {safe_child(folder, name): content for name, content in files.items()}
    stale = [path for path in (safe_child(folder, name) for name in remove) if path.is_file() and path not in targets]
    temporaries: dict[Path, Path] = {}
    backups: dict[Path, Path] = {}
    replaced: list[Path] = []
    try:
        for target, content in targets.items():
            temporaries[target] = _write_temporary(folder, target.name, content)
        for target in [*targets, *stale]:
            if target.exists():
                backups[target] = _backup(folder, target)
        for target, temporary in temporaries.items():
            os.replace(temporary, target)
            replaced.append(target)
        for path in stale:
            path.unlink()
            replaced.append(path)
    except BaseException as exc:
        _roll_back(replaced, backups)
        if isinstance(exc, OSError):
            raise OutputError(f"cannot write into {folder}: {exc.strerror or exc}") from exc
        raise
    finally:
        for path in [*temporaries.values(), *backups.values()]:
            path.unlink(missing_ok=True)
    return list(targets)


def _write_temporary(folder: Path, name: str, content: bytes) -> Path:
    handle, temporary_name = tempfile.mkstemp(prefix=f".{name}.", suffix=".tmp", dir=folder)
    temporary = Path(temporary_name)
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(content)
            stream.flush()
            os.fsync(stream.fileno())
        os.chmod(temporary, 0o644)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise
    return temporary


def _backup(folder: Path, target: Path) -> Path:
    backup = folder / f".{target.name}.{uuid.uuid4().hex}.bak"
    try:
        os.link(target, backup)
    except OSError:  # filesystems without hard links
        shutil.copy2(target, backup)
    return backup


def _roll_back(replaced: list[Path], backups: dict[Path, Path]) -> None:
    for target in replaced:
        if target in backups:
            os.replace(backups[target], target)
        else:
            target.unlink(missing_ok=True)
