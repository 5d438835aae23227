"""letterkit's own files in a folder it writes into, and the write journal among them.

While `output.write_files_atomically` runs, the folder holds, beside the outputs:
- `.letterkit.lock`, the lock that keeps a second writer out (removed at the end);
- `.letterkit-<16 hex>.<name>.tmp`, the new content of `<name>` before it is renamed into place;
- `.letterkit-<16 hex>.<name>.bak`, a hard link to the `<name>` being replaced or removed;
- `.letterkit-journal.json`, from just before the first rename until the commit: every
  rename and removal of the write, each with its backup, so that a write killed at any
  step can be rolled back by the next one.
Nothing else in a folder is ever touched as letterkit's own: other files, dot-files
included, are the user's.
"""

from __future__ import annotations

import json
import os
import re
import secrets
from collections.abc import Collection
from pathlib import Path
from typing import Annotated, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict

from letterkit import input_files
from letterkit.errors import Problem
from letterkit.json_records import read_record

LOCK_NAME = ".letterkit.lock"
JOURNAL_NAME = ".letterkit-journal.json"
JOURNAL_FORMAT = "letterkit-write-journal/1"
TEMPORARY, BACKUP = "tmp", "bak"

_OWN = re.compile(r"^\.letterkit-[0-9a-f]{16}\.(?P<name>.*)\.(?P<kind>tmp|bak)\Z", re.DOTALL)
# What letterkit before the journal left when killed: tempfile's `.<name>.XXXXXXXX.tmp`, `.<name>.<uuid hex>.bak`.
_EARLIER = re.compile(r"^\.(?P<name>.+)\.(?:[a-z0-9_]{8}\.(?P<tmp>tmp)|[0-9a-f]{32}\.(?P<bak>bak))\Z", re.DOTALL)
_NAME_PART = 200  # bytes of the output's name kept, so that the temporary's name stays within the 255 a name may have


def fresh_name(name: str, kind: str) -> str:
    """A new name for a temporary (TEMPORARY) or backup (BACKUP) of the file `name`."""
    return f".letterkit-{secrets.token_hex(8)}.{os.fsdecode(os.fsencode(name)[:_NAME_PART])}.{kind}"


def leftover_kind(entry: str, names_in_use: Collection[str]) -> str | None:
    """TEMPORARY or BACKUP if `entry` is one of letterkit's temporaries or backups, else None.

    An earlier letterkit's naming (tempfile's) is recognised only for a file named in
    `names_in_use` (what a write writes or removes; for verify, the folder's files), since
    other programs name their temporaries that way too: `.notes.20240101.tmp` is the user's.
    """
    own = _OWN.match(entry)
    if own:
        return own["kind"]
    earlier = _EARLIER.match(entry)
    if earlier and earlier["name"] in names_in_use:
        return TEMPORARY if earlier["tmp"] else BACKUP
    return None


def is_own_file(name: str) -> bool:
    """Whether `name` is one letterkit keeps for itself in a folder (never an output's name)."""
    return name in (LOCK_NAME, JOURNAL_NAME) or _OWN.match(name) is not None


def is_plain_name(name: str) -> bool:
    """Whether `name` names a file directly inside a folder: not a path, not `..`, not letterkit's own."""
    return (
        bool(name) and name not in (".", "..") and not any(char in name for char in "/\\\x00") and not is_own_file(name)
    )


# ---------------------------------------------------------------- the journal


def _own_name(kind: str):  # noqa: ANN202 - a validator
    def check(value: str | None) -> str | None:
        match = _OWN.match(value) if value is not None else None
        if value is not None and (match is None or match["kind"] != kind):
            raise ValueError(f"not the name of a letterkit {'temporary' if kind == TEMPORARY else 'backup'}: {value!r}")
        return value

    return AfterValidator(check)


def _plain_name(value: str) -> str:
    if not is_plain_name(value):
        raise ValueError(f"not a file name in this folder: {value!r}")
    return value


class Step(BaseModel):
    """One change of a write: `temporary` renamed over `target`, or `target` removed (no temporary)."""

    model_config = ConfigDict(strict=True, frozen=True, extra="forbid")

    target: Annotated[str, AfterValidator(_plain_name)]
    temporary: Annotated[str | None, _own_name(TEMPORARY)]
    backup: Annotated[str | None, _own_name(BACKUP)]  # None: `target` did not exist before the write


class Journal(BaseModel):
    model_config = ConfigDict(strict=True, frozen=True, extra="forbid")

    format: Literal["letterkit-write-journal/1"]
    steps: list[Step]


def journal_bytes(steps: list[Step]) -> bytes:
    journal = Journal(format=JOURNAL_FORMAT, steps=steps)
    return (json.dumps(journal.model_dump(), indent=1) + "\n").encode("ascii")  # names are any bytes, JSON is text


def read_journal(path: Path, display_name: str) -> tuple[Journal | None, list[Problem]]:
    return read_record(path, display_name, Journal, limit=input_files.LOCK_LIMIT)
