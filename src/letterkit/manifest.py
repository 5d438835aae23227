"""The provenance manifest of a draft, and `letterkit verify`.

`output/<stem>/manifest.json` is written with the outputs, in the same
all-or-nothing set. It records what produced them and what they are:
- the letterkit version and whether draft templates were allowed;
- the SHA-256 and size of each input file (named by file name only, so the
  same letter drafted from another folder or machine gives the same manifest),
  of the very bytes that were read and validated (not a second read);
- every template used (slot, name@version, letterkit's or the user's folder,
  file, SHA-256, status and approval, pinned or not) and the assets its
  stylesheet loads;
- each output's SHA-256 and size.
It holds no time and no absolute path: identical inputs give identical bytes.

`verify_folder` re-hashes the outputs, the templates and the assets against it,
staying inside the folder: the manifest is read as input (manifest_schema), an
output must be the plain file the draft wrote (a symbolic link, a folder or a
device in its place is tampering, never followed or read), and letterkit's own
leftovers of an interrupted draft (output_journal) are reported with what to do.
"""

from __future__ import annotations

import hashlib
import json
import os
import stat
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from letterkit import __version__, folder_lock, input_files
from letterkit.compose.approval import asset_digest
from letterkit.compose.composer import Selection
from letterkit.compose.template_store import COMPANY, USER, TemplateStore, TemplateVersion
from letterkit.errors import LetterkitError, Problem, display_path
from letterkit.inputs.yaml_source import YamlSource
from letterkit.json_records import read_record
from letterkit.manifest_schema import FORMAT, AssetRecord, Manifest, OutputRecord, TemplateRecord

if TYPE_CHECKING:
    from letterkit.edition import Edition
from letterkit.output_journal import BACKUP, JOURNAL_NAME, LOCK_NAME, TEMPORARY, leftover_kind

FILE_NAME = "manifest.json"


class VerifyError(LetterkitError):
    category = "verify"


def _digest(content: bytes) -> dict[str, Any]:
    return {"sha256": hashlib.sha256(content).hexdigest(), "size": len(content)}


def _source_digest(source: YamlSource) -> dict[str, Any]:
    """An input file's digest: of exactly the bytes that were read, validated and composed."""
    return {"sha256": source.sha256, "size": source.size}


def _asset_digest(stylesheet: TemplateVersion, asset: str, store: TemplateStore) -> dict[str, Any]:
    """As _digest, for an asset: the approval check has usually hashed it already (see digests)."""
    sha256, size = asset_digest(stylesheet, asset, store.assets_root)
    return {"sha256": sha256, "size": size}


def build_manifest(
    editions: Sequence[Edition],
    outputs: dict[str, bytes],
    *,
    allow_draft_templates: bool,
    store: TemplateStore,
) -> bytes:
    """The provenance of a draft: every input and translation read, every template and asset each edition used,
    every output with the edition it belongs to."""
    from letterkit.inputs.editions import translation_sources

    english = editions[0].inputs
    inputs = [
        {"role": role, "file": path.name, **_source_digest(source)}
        for role, path, source in (
            ("letter", english.letter_path, english.letter_source),
            ("company", english.company_path, english.company_source),
        )
    ]
    templates, assets = [], {}
    for edition in editions:
        inputs += [{"role": role, "file": _beside(source), **_source_digest(source)}
                   for role, source in translation_sources(edition.inputs)]
        templates += [_template_record(edition.language, slot, selection)
                      for slot, selection in sorted(edition.composition.selections.items())]
        for version, asset in edition.composition.style_assets():
            assets.setdefault((asset, version.ref), {"file": asset, "used_by": version.ref,
                                                     **_asset_digest(version, asset, store)})
    data = {
        "format": FORMAT,
        "letterkit": __version__,
        "allow_draft_templates": allow_draft_templates,
        **({"editions": [edition.language for edition in editions]} if _translated(editions) else {}),
        "inputs": inputs,
        "templates": templates,
        "assets": [assets[key] for key in sorted(assets)],
        "outputs": [{**_edition_of(name, editions), "file": name, **_digest(content)}
                    for name, content in sorted(outputs.items())],
    }
    return (json.dumps(data, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


def _translated(editions: Sequence[Edition]) -> bool:
    """Whether any edition is not English: a draft of the English alone writes the manifest it always has."""
    return any(edition.language != "en" for edition in editions)


def _template_record(language: str, slot: str, selection: Selection) -> dict[str, Any]:
    version = selection.version
    return {
        **({"edition": language} if language != "en" else {}),
        "slot": slot,
        "template": version.ref,
        "source": version.source,
        "file": version.file,
        **_digest(version.content),
        "status": version.info.status,
        "approved_by": version.info.approved_by,
        "approved_on": _iso(version.info.approved_on),
        "pinned": selection.pinned,
    }


def _edition_of(name: str, editions: Sequence[Edition]) -> dict[str, str]:
    """{"edition": "de"} for a file of the German edition (<stem>.de.<format>); {} for an English one."""
    for edition in editions:
        if edition.language != "en" and f".{edition.language}." in name:
            return {"edition": edition.language}
    return {}


def _beside(source: YamlSource) -> str:
    """A translation's file as the manifest names it: translations/<stem>.<language>.yaml."""
    return "/".join(Path(source.display_name).parts[-2:])


def _iso(date: Any) -> str | None:
    return date.isoformat() if date is not None else None


@dataclass(frozen=True)
class Verification:
    checked: dict[str, int]  # "outputs"/"templates"/"assets" -> how many were checked
    differences: list[str]  # one line per file that is missing or differs, or should not be there
    notes: list[str]  # worth saying, not a failure (another letterkit version, files the manifest does not cover)


class ManifestProblems(VerifyError):
    """manifest.json is not one letterkit wrote: every problem, then why nothing was verified."""

    def __init__(self, where: str, problems: list[Problem]):
        self.where, self.problems = where, problems
        super().__init__(f"{where} is not a manifest letterkit wrote")

    def lines(self) -> list[str]:
        count = len(self.problems)
        noun = "problem" if count == 1 else "problems"
        return [*map(str, self.problems), f"{self.category}: {self} ({count} {noun}); nothing was verified"]


WRITER_WAIT = 5.0  # seconds verify waits for a draft that is writing into the folder


def verify_folder(folder: Path, store: TemplateStore, *, companies_dir: Path | None = None) -> Verification:
    """Re-hash what the manifest in `folder` lists; `companies_dir` finds the company's own blocks, if it used any."""
    if folder_lock.writer_active(folder, wait=WRITER_WAIT):
        raise VerifyError(
            f"another letterkit process is writing into {display_path(folder)}; verify again when it has finished"
        )
    if os.path.lexists(folder / JOURNAL_NAME):
        raise VerifyError(
            f"{display_path(folder)}: a draft was interrupted while it switched this folder to its new outputs, "
            f"so the files are a mix of two drafts ({JOURNAL_NAME} lists them); the next draft into this folder "
            "first restores the previous outputs from their backups: draft again, then verify"
        )
    manifest = _read_manifest(folder)
    differences: list[str] = []
    for entry in manifest.outputs:
        differences += _compare_output(folder, entry)
    company = _company_folder(manifest, companies_dir)
    if company is not None:
        store = store.with_company(company)
    for entry in manifest.templates:
        version = store.find(entry.source, entry.template)
        if version is None:
            differences.append(f"template {entry.template}: not found in {_where_templates_are(entry.source, company)}")
        else:
            differences += _compare(version.path, display_path(version.path), entry, f"template {entry.template} ")
    for entry in manifest.assets:
        differences += _compare_asset(store.assets_root, entry)
    notes = []
    if manifest.letterkit != __version__:
        notes.append(f"drafted with letterkit {manifest.letterkit}; this is letterkit {__version__}")
    if manifest.allow_draft_templates:
        notes.append("drafted with --allow-draft-templates: check the templates' status above")
    other_differences, other_notes = _files_not_covered(folder, manifest)
    checked = {kind: len(getattr(manifest, kind)) for kind in ("outputs", "templates", "assets")}
    return Verification(checked, differences + other_differences, notes + other_notes)


def _company_folder(manifest: Manifest, companies_dir: Path | None) -> Path | None:
    """companies/<id>/ of the company whose profile the manifest lists, when the draft used its own blocks."""
    if companies_dir is None or not any(entry.source == COMPANY for entry in manifest.templates):
        return None
    profile = next((entry.file for entry in manifest.inputs if entry.role == "company"), None)
    return companies_dir / Path(profile).stem if profile else None


def _where_templates_are(source: str, company: Path | None) -> str:
    if source == USER:
        return "your template folder (--templates or letterkit.toml)"
    if source == COMPANY:
        return (f"the company's folder {display_path(company)}" if company is not None
                else "the company's own folder (name the companies folder with --companies)")
    return "letterkit"


def _files_not_covered(folder: Path, manifest: Manifest) -> tuple[list[str], list[str]]:
    """What else the folder holds: letterkit's leftovers and another draft's outputs (differences), the rest (notes)."""
    covered = {entry.file for entry in manifest.outputs} | {FILE_NAME, LOCK_NAME}
    names = os.listdir(folder)
    # A file named like this draft's outputs but not in its manifest is from another draft:
    # someone could attach it to the wire believing it verified.
    prefixes = tuple(f"{stem}." for stem in _stems(manifest))
    differences, notes = [], []
    for name in sorted(set(names) - covered):
        where = _shown(folder, name)
        leftover = leftover_kind(name, names)
        if leftover == TEMPORARY:
            differences.append(
                f"{where}: a temporary file left by an interrupted draft, not an output; "
                "the next draft into this folder deletes it (or delete it yourself)"
            )
        elif leftover == BACKUP:
            differences.append(
                f"{where}: a backup of an earlier output left by an interrupted draft, not part of this draft; "
                "the next draft into this folder deletes it (or delete it yourself)"
            )
        elif name.startswith(prefixes):
            differences.append(f"{where}: not part of this draft (not in manifest.json); remove it or draft again")
        else:
            notes.append(f"{where} is not covered by the manifest")
    return differences, notes


def _shown(folder: Path, name: str) -> str:
    """A file in `folder` as verify prints it: unresolved (it may be a link), escaped if a terminal would act on it."""
    shown = name if name.isprintable() else repr(name)
    return shown if display_path(folder) == "." else f"{display_path(folder)}/{shown}"


def _stems(manifest: Manifest) -> list[str]:
    """The letter stems a manifest's outputs are named after (`<stem>.document.json`, `<stem>.de.document.json`)."""
    stems = []
    for entry in manifest.outputs:
        suffix = ".document.json" if entry.edition == "en" else f".{entry.edition}.document.json"
        if entry.file.endswith(suffix):
            stems.append(entry.file[: -len(suffix)])
    return list(dict.fromkeys(stems))


def drafted_letters(folder: Path) -> list[str]:
    """The stems of the letters whose draft the folder's manifest records ([] without a readable one)."""
    path = folder / FILE_NAME
    if not input_files.is_present(path) or os.path.islink(path):
        return []
    manifest, _ = read_record(path, FILE_NAME, Manifest, limit=input_files.LOCK_LIMIT)
    return _stems(manifest) if manifest is not None else []  # a broken one is verify's to report


def _read_manifest(folder: Path) -> Manifest:
    path, where = folder / FILE_NAME, _shown(folder, FILE_NAME)
    try:
        mode = os.lstat(path).st_mode
    except (FileNotFoundError, NotADirectoryError):
        raise VerifyError(
            f"{where} does not exist: is {display_path(folder)} a folder letterkit draft wrote?"
        ) from None
    if stat.S_ISLNK(mode):
        raise VerifyError(
            f"{where} is a symbolic link, not the manifest a draft writes: tampering; nothing was verified"
        )
    manifest, problems = read_record(path, where, Manifest, limit=input_files.LOCK_LIMIT)
    if manifest is None:
        raise ManifestProblems(where, problems)
    return manifest


def _compare_output(folder: Path, entry: OutputRecord) -> list[str]:
    """As _compare, for an output: which must be the plain file the draft wrote, not a link or anything else."""
    path, where = folder / entry.file, _shown(folder, entry.file)
    try:
        mode = os.lstat(path).st_mode
    except FileNotFoundError:
        return [f"{where}: is missing"]
    if stat.S_ISLNK(mode):
        return [
            f"{where}: is a symbolic link (to {os.readlink(path)!r}) where the draft wrote a file: "
            "tampering; not followed"
        ]
    if not stat.S_ISREG(mode):
        return [f"{where}: is {_kind(mode)} where the draft wrote a file: tampering; not read"]
    return _compare(path, where, entry, "")


def _kind(mode: int) -> str:
    kinds = ((stat.S_ISDIR, "a folder"), (stat.S_ISFIFO, "a FIFO (named pipe)"), (stat.S_ISSOCK, "a socket"))
    return next((name for test, name in kinds if test(mode)), "a device")


def _compare_asset(assets_root: Path, entry: AssetRecord) -> list[str]:
    path = assets_root / entry.file
    try:
        input_files.check_inside(path, assets_root)
    except input_files.UnreadableFile as exc:
        return [f"{_shown(assets_root, entry.file)}: asset {entry.file} {exc}"]
    return _compare(path, _shown(assets_root, entry.file), entry, f"asset {entry.file} ")


def _compare(path: Path, where: str, entry: OutputRecord | TemplateRecord | AssetRecord, what: str) -> list[str]:
    """[] when `path` (shown as `where`) has the manifest's hash, else one line; `what` ("template x@1 ") begins it."""
    try:
        sha256, size = input_files.sha256_and_size(path)
    except input_files.UnreadableFile as exc:
        return [f"{where}: {what}{exc if os.path.lexists(path) else 'is missing'}"]
    if sha256 == entry.sha256:
        return []
    sizes = f"{size} bytes, manifest {entry.size}" if size != entry.size else f"same size, {size} bytes"
    now = f"SHA-256 now {sha256[:12]}…, manifest {entry.sha256[:12]}…; {sizes}"
    return [f"{where}: {what}differs from the manifest ({now})"]
