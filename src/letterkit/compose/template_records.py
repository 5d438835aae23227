"""The two records kept beside templates: approvals and the lock.

- `<group>/<name>/versions.toml`, one per template: each version's status
  (draft or approved), who approved it and when, and a one-line change note.
  A version the file does not mention is a draft.
- `templates.lock`, one per template folder: the SHA-256 of every approved
  version's file (and of the assets an approved stylesheet uses), with the
  approval it was locked under.

Neither record is part of a template's content, so approving a version changes
no byte of what is hashed. Both are written by `letterkit templates approve`
in a stable layout (sorted, fixed indentation), so a diff shows exactly what
an approval changed.
"""

from __future__ import annotations

import datetime
import json
import re
import tomllib
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from letterkit.compose.lock_schema import FORMAT as LOCK_FORMAT
from letterkit.compose.lock_schema import TemplatesLock
from letterkit.errors import TemplateError, TemplateProblems, display_path
from letterkit.input_files import LOCK_LIMIT, RECORD_LIMIT, UnreadableFile, is_present, read_text
from letterkit.inputs.yaml_source import Position
from letterkit.json_records import parse_record
from letterkit.toml_positions import toml_positions

VERSIONS_FILE = "versions.toml"
LOCK_FILE = "templates.lock"
STATUSES = ("draft", "approved")

_VERSION_KEY = re.compile(r"^v(?P<version>[1-9][0-9]*)$")
_INFO_KEYS = ("status", "approved_by", "approved_on", "note")


@dataclass(frozen=True)
class VersionInfo:
    """What versions.toml says about one version."""

    status: str = "draft"
    approved_by: str | None = None
    approved_on: datetime.date | None = None
    note: str = ""

    @property
    def approved(self) -> bool:
        return self.status == "approved"

    def approval(self) -> str:
        """ "approved by X on 2026-11-24", or "a draft"."""
        if not self.approved:
            return "a draft"
        return f"approved by {self.approved_by} on {self.approved_on}"


@dataclass(frozen=True)
class LockEntry:
    """One approved version as the lock recorded it."""

    file: str  # relative to the template folder, with forward slashes
    sha256: str
    approved_by: str
    approved_on: datetime.date
    assets: dict[str, str] = field(default_factory=dict)  # asset path (under assets/) -> SHA-256


def one_line(text: str, what: str) -> str:
    """`text` stripped; refused if empty, multi-line or holding control characters."""
    text = text.strip()
    if not text:
        raise TemplateError(f"{what} must not be empty")
    if any(unicodedata.category(char) in ("Cc", "Cf", "Zl", "Zp") for char in text):
        raise TemplateError(f"{what} must be one line of plain text (no line breaks or control characters)")
    return text


# ---------------------------------------------------------------- versions.toml


def parse_toml(text: str) -> dict[str, Any]:
    """TOML text as data; a ValueError saying why for anything else (however deeply nested: no RecursionError)."""
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ValueError(f"not valid TOML: {exc}") from None
    except RecursionError:
        raise ValueError("the TOML nests too deeply") from None


def read_versions_file(folder: Path, *, root: Path) -> dict[int, VersionInfo]:
    """The versions.toml of one template's folder inside the template folder `root` ({} when there is none).

    Every problem in the file is reported at once, each at its line: TemplateProblems.
    """
    path = folder / VERSIONS_FILE
    if not is_present(path):
        return {}  # every version is a draft
    shown = display_path(path)
    try:
        text = read_text(path, limit=RECORD_LIMIT, inside=root)
        data = parse_toml(text)
    except (UnreadableFile, ValueError) as exc:
        raise TemplateError(f"{shown}: {exc}") from None
    _, keys = toml_positions(text)

    def where(*at: str) -> str:
        position = keys.get(at) or keys.get(at[:1]) or Position(1, 1)
        return f"{shown}:{position.line}:{position.column}: [{at[0]}]" + (f" {at[1]}" if len(at) > 1 else "")

    infos: dict[int, VersionInfo] = {}
    problems: list[str] = []
    for key, entry in data.items():
        match = _VERSION_KEY.match(key)
        if match is None or not isinstance(entry, dict):
            problems.append(f"{where(key)}: expected one table per version, named like [v1]")
            continue
        try:
            infos[int(match["version"])] = _version_info(lambda *at, key=key: where(key, *at), entry)
        except TemplateProblems as exc:
            problems += exc.problems
    if problems:
        raise TemplateProblems(problems)
    return infos


def _version_info(where, entry: dict) -> VersionInfo:
    """One [vN] table as a VersionInfo; TemplateProblems listing all that is wrong with it."""
    problems = [
        f"{where(key)}: unknown key; allowed: {', '.join(_INFO_KEYS)}" for key in sorted(set(entry) - set(_INFO_KEYS))
    ]
    status = entry.get("status", "draft")
    if status not in STATUSES:
        problems.append(f'{where("status")}: must be "draft" or "approved", not {status!r}')
    note = entry.get("note", "")
    if not isinstance(note, str):
        problems.append(f"{where('note')}: must be a string")
    by, on = entry.get("approved_by"), entry.get("approved_on")
    if status == "draft" and (by is not None or on is not None):
        problems.append(
            f"{where('approved_by' if by is not None else 'approved_on')}: a draft has no approval: remove "
            "approved_by/approved_on, or approve it with letterkit templates approve"
        )
    if status == "approved":
        if not isinstance(by, str) or not by.strip():
            problems.append(f"{where('approved_by')}: an approved version needs approved_by (who approved it)")
        if type(on) is not datetime.date:
            problems.append(
                f"{where('approved_on')}: an approved version needs approved_on, a date written as YYYY-MM-DD"
            )
    if problems:
        raise TemplateProblems(problems)
    if status == "draft":
        return VersionInfo(note=note)
    return VersionInfo("approved", by, on, note)


def format_versions_file(name: str, infos: dict[int, VersionInfo]) -> str:
    lines = [
        f"# Versions of the template {name}.",
        '# status: "draft" (may still be edited) or "approved" (immutable: its SHA-256 is in templates.lock).',
        "# `letterkit templates approve NAME@VERSION --by ...` rewrites this file; edit only drafts' notes by hand.",
    ]
    for number in sorted(infos):
        info = infos[number]
        lines += ["", f"[v{number}]", f"status = {_toml_string(info.status)}"]
        if info.approved:
            lines += [f"approved_by = {_toml_string(str(info.approved_by))}", f"approved_on = {info.approved_on}"]
        lines.append(f"note = {_toml_string(info.note)}")
    return "\n".join(lines) + "\n"


def _toml_string(text: str) -> str:
    # JSON's escapes (\" \\ \n \uXXXX …) are all valid in a TOML basic string;
    # one_line() keeps DEL and other controls out of what we write.
    return json.dumps(text, ensure_ascii=False)


# ---------------------------------------------------------------- templates.lock


def read_lock(root: Path) -> dict[str, LockEntry]:
    """templates.lock of a template folder, as {"blocks/about@1": entry} ({} when there is none).

    Every problem in the file is reported at once, each at its line: TemplateProblems.
    """
    path = root / LOCK_FILE
    if not is_present(path):
        return {}
    shown = display_path(path)
    try:
        text = read_text(path, limit=LOCK_LIMIT, inside=root)
    except UnreadableFile as exc:
        raise TemplateError(f"{shown}: {exc}") from None
    lock, problems = parse_record(text, path, shown, TemplatesLock)
    if lock is None:
        hint = "restore templates.lock from version control, or re-approve with letterkit templates approve"
        raise TemplateProblems([str(problem) for problem in problems] + [f"{shown}: {hint}"])
    return {
        ref: LockEntry(entry.file, entry.sha256, entry.approved_by, entry.approved_on, dict(entry.assets))
        for ref, entry in lock.templates.items()
    }


def format_lock(entries: dict[str, LockEntry]) -> str:
    templates = {}
    for ref, entry in entries.items():
        record: dict[str, object] = {
            "file": entry.file,
            "sha256": entry.sha256,
            "approved_by": entry.approved_by,
            "approved_on": entry.approved_on.isoformat(),
        }
        if entry.assets:
            record["assets"] = entry.assets
        templates[ref] = record
    data = {
        "format": LOCK_FORMAT,
        "comment": "SHA-256 of every approved template version; written by `letterkit templates approve`, never by hand.",
        "templates": templates,
    }
    return json.dumps(data, ensure_ascii=False, indent=2, sort_keys=True) + "\n"
