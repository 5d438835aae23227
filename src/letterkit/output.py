"""Write a set of files into a folder so that it ends with all of the new files or all of the old ones.

This holds for an exception, Ctrl-C and a process killed at any instant (SIGKILL, a
power cut once the disk has what was flushed). The commit protocol:

1. Take the folder's writer lock (folder_lock): two writers never interleave.
2. Recover whatever an earlier, interrupted write left (see `_recover`).
3. Write each new file in full to a temporary beside its target, flushed to disk.
4. Keep each file to be replaced or removed as a backup (a hard link, no copy).
5. Write the journal, which lists every rename and removal with its backup,
   atomically: a temporary, flushed, renamed into place, the folder flushed.
6. Rename the temporaries over their targets and remove the files to remove;
   manifest.json is renamed last, so a new manifest never sits beside old outputs.
7. Remove the journal: this is the commit point. Then remove the backups.

Until step 7, an exception rolls back at once. A killed process leaves the journal,
and the next write into the folder rolls back from it first: the previous files
come back from their backups, and the journal, temporaries and backups are deleted.
A failed run changes nothing, even when it is killed; `letterkit verify` reports
the state in between (see output_journal for the names of these files).
"""

from __future__ import annotations

import os
import shutil
from contextlib import suppress
from pathlib import Path

from letterkit import folder_lock
from letterkit.errors import OutputError, display_path
from letterkit.output_journal import (
    BACKUP,
    JOURNAL_NAME,
    TEMPORARY,
    Step,
    fresh_name,
    is_plain_name,
    journal_bytes,
    leftover_kind,
    read_journal,
)

COMMITTED_LAST = "manifest.json"  # manifest.FILE_NAME (not imported: it would import the whole composer)


def safe_child(folder: Path, name: str) -> Path:
    """`folder/name`, refusing any name that would land outside `folder` or is one of letterkit's own."""
    if not is_plain_name(name):
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
    targets = [safe_child(folder, name) for name in files]
    removals = [safe_child(folder, name) for name in remove if name not in files]
    with folder_lock.exclusive(folder):
        _recover(folder, names_in_use={*files, *remove})
        try:
            _commit(folder, files, [path.name for path in removals if path.is_file()])
        except OSError as exc:
            raise OutputError(f"cannot write into {display_path(folder)}: {_reason(exc)}") from exc
    return targets


def _recover(folder: Path, *, names_in_use: set[str]) -> None:
    """Undo what an interrupted write left in `folder`; the caller holds the folder's lock.

    With a journal, every file it lists is put back as it was before that write. Then
    letterkit's temporaries and backups are deleted; those named as an earlier letterkit
    named them only when they belong to a file of this write (`names_in_use`), since
    other programs' temporaries may look the same.
    """
    journal_path = folder / JOURNAL_NAME
    try:
        if os.path.lexists(journal_path):
            journal, problems = read_journal(journal_path, display_path(journal_path))
            if journal is None:
                raise OutputError(
                    f"{problems[0]}; it is not a journal letterkit wrote, so the files of the interrupted draft "
                    f"cannot be restored: check {display_path(folder)}, then remove {JOURNAL_NAME}"
                )
            _roll_back(folder, journal.steps)
        for name in os.listdir(folder):
            if leftover_kind(name, names_in_use) is not None:
                _remove(folder / name)
    except OSError as exc:
        raise OutputError(
            f"cannot restore what an interrupted draft left in {display_path(folder)}: {exc.strerror or exc}"
        ) from exc


def _commit(folder: Path, files: dict[str, bytes], stale: list[str]) -> None:
    created: list[Path] = []  # every temporary and backup made, to delete if the write fails before the journal
    steps: list[Step] = []
    journal_written = False
    try:
        for name, content in files.items():
            steps.append(Step(target=name, temporary=_write_temporary(folder, name, content, created), backup=None))
        steps += [Step(target=name, temporary=None, backup=None) for name in stale]
        if not steps:
            return
        steps = [_with_backup(folder, step, created) for step in _in_commit_order(steps)]
        _fsync_folder(folder)  # the backups' links are on disk before the journal names them
        journal = _write_temporary(folder, "journal", journal_bytes(steps), created)
        os.replace(folder / journal, folder / JOURNAL_NAME)
        journal_written = True
        _fsync_folder(folder)
        for step in steps:
            if step.temporary is not None:
                os.replace(folder / step.temporary, folder / step.target)
            else:
                os.unlink(folder / step.target)
        _fsync_folder(folder)
        os.unlink(folder / JOURNAL_NAME)  # the commit point
    except BaseException as failure:
        if not journal_written:
            _remove_all(created)
            raise
        try:
            _roll_back(folder, steps)
        except OSError as exc:  # the journal and the backups stay: the next write rolls back
            raise OutputError(
                f"cannot write into {display_path(folder)}: {_reason(failure)}; restoring the previous files failed "
                f"too ({exc.strerror or exc}): the next draft into this folder restores them first"
            ) from failure
        raise
    with suppress(OSError):  # committed: what is left is tidying, and the next write tidies too
        _fsync_folder(folder)
        _remove_all([folder / step.backup for step in steps if step.backup is not None])


def _in_commit_order(steps: list[Step]) -> list[Step]:
    """Renames as given, then removals, then manifest.json: whoever sees the new manifest sees the new set."""
    last = [step for step in steps if step.target == COMMITTED_LAST]
    renames = [step for step in steps if step.temporary is not None and step.target != COMMITTED_LAST]
    removals = [step for step in steps if step.temporary is None]
    return [*renames, *removals, *last]


def _roll_back(folder: Path, steps: list[Step]) -> None:
    """Put back every file `steps` replaced or removed, then delete the journal.

    Each step can be undone twice, so a roll-back that is itself killed is simply done
    again by the next write. (Renaming a backup over the very file it links to does
    nothing: that backup is deleted with the others.)
    """
    for step in reversed(steps):
        target = folder / step.target
        if step.backup is not None:
            if os.path.lexists(folder / step.backup):
                os.replace(folder / step.backup, target)
        elif step.temporary is not None:  # a file the write added
            with suppress(FileNotFoundError):
                os.unlink(target)
    _fsync_folder(folder)
    _remove_all([folder / own for step in steps for own in (step.temporary, step.backup) if own is not None])
    _remove(folder / JOURNAL_NAME)  # last: until it is gone, the roll-back is still to be done
    _fsync_folder(folder)


def _write_temporary(folder: Path, name: str, content: bytes, created: list[Path]) -> str:
    temporary = fresh_name(name, TEMPORARY)
    fd = os.open(folder / temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW | os.O_CLOEXEC, 0o644)
    created.append(folder / temporary)
    with os.fdopen(fd, "wb") as stream:
        stream.write(content)
        stream.flush()
        os.fchmod(stream.fileno(), 0o644)  # outputs are readable by all, whatever the umask
        os.fsync(stream.fileno())
    return temporary


def _with_backup(folder: Path, step: Step, created: list[Path]) -> Step:
    """`step` with a backup of its target, if the target exists."""
    target = folder / step.target
    if not os.path.lexists(target):
        return step
    backup = fresh_name(step.target, BACKUP)
    created.append(folder / backup)
    try:
        os.link(target, folder / backup, follow_symlinks=False)
    except OSError:  # a filesystem without hard links
        _copy_file(target, folder / backup)
    return step.model_copy(update={"backup": backup})


def _copy_file(source: Path, copy: Path) -> None:
    fd = os.open(copy, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW | os.O_CLOEXEC, 0o644)
    with open(source, "rb") as original, os.fdopen(fd, "wb") as stream:
        shutil.copyfileobj(original, stream)
        stream.flush()
        os.fsync(stream.fileno())
    shutil.copystat(source, copy)


def _reason(failure: BaseException) -> str:
    if isinstance(failure, OSError):
        return failure.strerror or str(failure)
    return "interrupted" if isinstance(failure, KeyboardInterrupt) else str(failure) or type(failure).__name__


def _remove_all(paths: list[Path]) -> None:
    for path in paths:
        _remove(path)


def _remove(path: Path) -> None:
    with suppress(FileNotFoundError):
        os.unlink(path)


def _fsync_folder(folder: Path) -> None:
    fd = os.open(folder, os.O_RDONLY | os.O_DIRECTORY | os.O_CLOEXEC)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
