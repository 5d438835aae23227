"""Approved template versions stay as legal approved them.

What is hashed (SHA-256), for each approved version:
- the version's file, byte for byte as on disk (its header line included);
- for a stylesheet, every asset file it loads with url(...) (the fonts): a
  changed font changes the PDF as surely as a changed rule.
Approval records (versions.toml) and the lock itself are not hashed content,
so approving changes no hashed byte; the lock also repeats who approved and
when, so a silent edit of an approval record is caught as well.

- `version_problems` / `check_store`: every way a folder disagrees with its lock.
- `verify_selected`: what `draft` calls on each version it is about to use.
- `approve`: record an approval in versions.toml and templates.lock.
"""

from __future__ import annotations

import datetime
from pathlib import Path

from letterkit.compose.stylesheet_refs import asset_files
from letterkit.compose.template_records import (
    LOCK_FILE,
    VERSIONS_FILE,
    LockEntry,
    VersionInfo,
    format_lock,
    format_versions_file,
    one_line,
)
from letterkit.compose.template_store import TemplateFolder, TemplateStore, TemplateVersion, parse_ref
from letterkit.digests import file_digest
from letterkit.errors import TemplateError, TemplateProblems, display_path
from letterkit.input_files import ASSET_LIMIT, UnreadableFile, is_present, read_bytes
from letterkit.output import write_files_atomically


def referenced_assets(version: TemplateVersion) -> list[str]:
    """The asset files a stylesheet or house style loads (relative to the assets folder), in order; [] for others.

    Read with a CSS parser; a reference the PDF renderer would refuse is a template error here, at its line.
    """
    from letterkit.house_style import is_house_style, read_house_style

    if is_house_style(version):  # its fonts, locked with it
        return read_house_style(version).font_files()
    if not version.path.name.endswith(".css"):
        return []
    return asset_files(version.path, version.text, version.ref)


def asset_digest(version: TemplateVersion, asset: str, assets_root: Path) -> tuple[str, int]:
    """SHA-256 and size of an asset `version` loads: a regular file inside the assets folder, else a TemplateError."""
    path = assets_root / asset
    try:
        return file_digest(path, inside=assets_root)
    except UnreadableFile as exc:
        raise _unusable_asset(version, asset, path, exc) from None


def read_asset(version: TemplateVersion, asset: str, assets_root: Path) -> bytes:
    """The content of an asset `version` loads, read as asset_digest reads it (the glyph check reads fonts)."""
    path = assets_root / asset
    try:
        return read_bytes(path, limit=ASSET_LIMIT, inside=assets_root)
    except UnreadableFile as exc:
        raise _unusable_asset(version, asset, path, exc) from None


def _unusable_asset(version: TemplateVersion, asset: str, path: Path, exc: UnreadableFile) -> TemplateError:
    return TemplateError(f"{display_path(path)}: the asset {asset}, used by {version.ref}, {exc}")


def _asset_hashes(version: TemplateVersion, assets_root: Path) -> dict[str, str]:
    return {asset: asset_digest(version, asset, assets_root)[0] for asset in referenced_assets(version)}


def version_problems(version: TemplateVersion, entry: LockEntry | None, assets_root: Path) -> list[str]:
    """How `version` disagrees with its lock entry ([] when it does not)."""
    where = f"{display_path(version.path)}: {version.ref}"
    info = version.info
    if entry is None:
        if info.approved:
            return [
                f"{where} is marked approved in {VERSIONS_FILE} but is not in {LOCK_FILE}; "
                f'approve it with: letterkit templates approve {version.ref} --by "…"'
            ]
        return []
    locked_approval = f"approved by {entry.approved_by} on {entry.approved_on}"
    if not info.approved:
        return [
            f"{where} is locked in {LOCK_FILE} ({locked_approval}) but {VERSIONS_FILE} says it is a draft; "
            "an approved version never goes back to draft"
        ]
    problems = []
    if version.sha256 != entry.sha256:
        problems.append(
            f"{where} was {locked_approval}, but its content has changed since "
            f"(SHA-256 now {version.sha256[:12]}…, locked {entry.sha256[:12]}…). Approved versions are immutable: "
            "restore the approved file, or put the change in a new draft version"
        )
    if (info.approved_by, info.approved_on) != (entry.approved_by, entry.approved_on):
        problems.append(f"{where}: {VERSIONS_FILE} says {info.approval()}, but {LOCK_FILE} says {locked_approval}")
    for asset, locked in sorted(entry.assets.items()):
        problems += _asset_problems(version, asset, locked, assets_root, locked_approval)
    return problems


def _asset_problems(version: TemplateVersion, asset: str, locked: str, assets_root: Path, approval: str) -> list[str]:
    path = assets_root / asset
    if not is_present(path):
        where = f"{display_path(version.path)}: {version.ref}"
        return [f"{where} uses the asset {asset}, which is missing from {display_path(assets_root)}"]
    try:
        sha256, _ = asset_digest(version, asset, assets_root)
    except TemplateError as exc:
        return [str(exc)]
    if sha256 == locked:
        return []
    return [
        f"{display_path(path)}: the asset {asset}, used by {version.ref} ({approval}), "
        "has changed since it was approved; restore it, or ship the new file under a new name "
        "with a new stylesheet version"
    ]


def check_folder(folder: TemplateFolder, assets_root: Path) -> list[str]:
    """Every problem of one template folder: tampered, unlocked or half-recorded approvals."""
    problems = []
    for versions in folder.versions.values():
        for version in versions:
            problems += version_problems(version, folder.lock.get(version.ref), assets_root)
    present = {v.ref for versions in folder.versions.values() for v in versions}
    for ref, entry in sorted(folder.lock.items()):
        if ref not in present:
            problems.append(
                f"{display_path(folder.root / LOCK_FILE)}: {ref} (approved by {entry.approved_by} on "
                f"{entry.approved_on}) is locked, but its file {entry.file} is missing"
            )
    for name, infos in sorted(folder.infos.items()):
        for number in sorted(infos):
            if f"{name}@{number}" not in present and f"{name}@{number}" not in folder.lock:  # else said above
                path = folder.root / name / VERSIONS_FILE
                problems.append(f"{display_path(path)}: [v{number}] describes {name}@{number}, which has no file")
    return problems


def check_store(store: TemplateStore) -> list[str]:
    """`letterkit templates check`: every problem in the shipped folder and the user's."""
    problems = []
    for folder in store.folders:
        problems += check_folder(folder, store.assets_root)
    return problems


def verify_selected(version: TemplateVersion, store: TemplateStore) -> None:
    """Refuse to draft with an approved version that differs from its lock."""
    problems = version_problems(version, store.lock_entry(version), store.assets_root)
    if problems:
        raise TemplateProblems(problems)


def approve(
    store: TemplateStore, ref: str, *, by: str, on: datetime.date, note: str | None = None
) -> tuple[TemplateVersion, LockEntry]:
    """Approve a draft version: record it in its versions.toml and lock its hash."""
    name, number = parse_ref(ref)
    if number is None:
        raise TemplateError(f"say which version to approve: {name}@N (versions: {_numbers(store, name)})")
    version = store.get(name, number)
    if version.info.approved:
        raise TemplateError(
            f"{version.ref} is already {version.info.approval()}; approved versions are immutable: "
            "put a change in a new version"
        )
    _check_renders(version, store)
    approved = VersionInfo(
        "approved",
        one_line(by, "--by (who approves)"),
        on,
        one_line(note if note is not None else version.info.note, "the change note (--note)"),
    )
    entry = LockEntry(
        version.file, version.sha256, approved.approved_by or "", on, _asset_hashes(version, store.assets_root)
    )
    folder = store.folder_of(version)
    infos = {**folder.infos.get(name, {}), number: approved}
    write_files_atomically(version.path.parent, {VERSIONS_FILE: format_versions_file(name, infos).encode("utf-8")})
    lock = {**folder.lock, version.ref: entry}
    write_files_atomically(folder.root, {LOCK_FILE: format_lock(lock).encode("utf-8")})
    return version, entry


def _check_renders(version: TemplateVersion, store: TemplateStore) -> None:
    """A text template must at least parse, wire rules and a house style be valid; the files a look loads exist."""
    from letterkit.house_style import is_house_style, read_house_style
    from letterkit.wires import is_wire_rules, read_wire_rules

    if is_wire_rules(version) or is_house_style(version):
        try:
            (read_wire_rules if is_wire_rules(version) else read_house_style)(version)
        except TemplateProblems as exc:
            raise TemplateProblems([f"{problem}; not approved" for problem in exc.problems]) from None
    if version.path.name.endswith(".j2"):
        from jinja2 import TemplateSyntaxError

        from letterkit.compose.jinja_env import make_environment

        try:
            make_environment(store).parse(version.text)
        except TemplateSyntaxError as exc:
            raise TemplateError(f"{display_path(version.path)}:{exc.lineno}: {exc.message}; not approved") from None
    _asset_hashes(version, store.assets_root)


def _numbers(store: TemplateStore, name: str) -> str:
    return ", ".join(str(v.version) for v in store.versions(name)) or "none"
