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

`verify_folder` re-hashes the outputs, the templates and the assets against it.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from letterkit import __version__
from letterkit.compose.approval import asset_digest, referenced_assets
from letterkit.compose.composer import Composition
from letterkit.compose.template_store import TemplateStore, TemplateVersion
from letterkit.errors import LetterkitError, display_path
from letterkit.inputs.load import Inputs
from letterkit.inputs.yaml_source import YamlSource
from letterkit.json_files import read_json_file

FORMAT = "letterkit-manifest/1"
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
    inputs: Inputs,
    composition: Composition,
    outputs: dict[str, bytes],
    *,
    allow_draft_templates: bool,
    store: TemplateStore,
) -> bytes:
    stylesheet = composition.templates["print_style"]
    data = {
        "format": FORMAT,
        "letterkit": __version__,
        "allow_draft_templates": allow_draft_templates,
        "inputs": [
            {"role": role, "file": path.name, **_source_digest(source)}
            for role, path, source in (
                ("letter", inputs.letter_path, inputs.letter_source),
                ("company", inputs.company_path, inputs.company_source),
            )
        ],
        "templates": [
            {
                "slot": slot,
                "template": selection.version.ref,
                "source": selection.version.source,
                "file": selection.version.file,
                **_digest(selection.version.content),
                "status": selection.version.info.status,
                "approved_by": selection.version.info.approved_by,
                "approved_on": _iso(selection.version.info.approved_on),
                "pinned": selection.pinned,
            }
            for slot, selection in sorted(composition.selections.items())
        ],
        "assets": [
            {"file": asset, "used_by": stylesheet.ref, **_asset_digest(stylesheet, asset, store)}
            for asset in sorted(referenced_assets(stylesheet))
        ],
        "outputs": [{"file": name, **_digest(content)} for name, content in sorted(outputs.items())],
    }
    return (json.dumps(data, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


def _iso(date: Any) -> str | None:
    return date.isoformat() if date is not None else None


@dataclass(frozen=True)
class Verification:
    checked: dict[str, int]  # "outputs"/"templates"/"assets" -> how many were checked
    differences: list[str]  # one line per file that is missing or differs
    notes: list[str]  # worth saying, not a failure (another letterkit version, files the manifest does not cover)


def verify_folder(folder: Path, store: TemplateStore) -> Verification:
    manifest = _read_manifest(folder)
    differences: list[str] = []
    for entry in manifest["outputs"]:
        differences += _compare(folder / entry["file"], entry, "")
    for entry in manifest["templates"]:
        version = store.find(entry["source"], entry["template"])
        if version is None:
            where = "your template folder (--templates or letterkit.toml)" if entry["source"] == "user" else "letterkit"
            differences.append(f"template {entry['template']}: not found in {where}")
        else:
            differences += _compare(version.path, entry, f"template {entry['template']} ")
    for entry in manifest["assets"]:
        differences += _compare(store.assets_root / entry["file"], entry, f"asset {entry['file']} ")
    notes = []
    if manifest["letterkit"] != __version__:
        notes.append(f"drafted with letterkit {manifest['letterkit']}; this is letterkit {__version__}")
    if manifest["allow_draft_templates"]:
        notes.append("drafted with --allow-draft-templates: check the templates' status above")
    covered = {entry["file"] for entry in manifest["outputs"]} | {FILE_NAME}
    extra = sorted(
        p.name for p in folder.iterdir() if p.is_file() and p.name not in covered and not p.name.startswith(".")
    )
    # A file named like this draft's outputs but not in its manifest is from another draft:
    # someone could attach it to the wire believing it verified.
    prefixes = tuple(f"{stem}." for stem in _stems(manifest))
    for name in extra:
        where = display_path(folder / name)
        if name.startswith(prefixes):
            differences.append(f"{where}: not part of this draft (not in manifest.json); remove it or draft again")
        else:
            notes.append(f"{where} is not covered by the manifest")
    checked = {kind: len(manifest[kind]) for kind in ("outputs", "templates", "assets")}
    return Verification(checked, differences, notes)


def _stems(manifest: dict[str, Any]) -> list[str]:
    """The letter stems a manifest's outputs are named after (`<stem>.document.json`)."""
    suffix = ".document.json"
    return [entry["file"][: -len(suffix)] for entry in manifest["outputs"] if entry["file"].endswith(suffix)]


def _read_manifest(folder: Path) -> dict[str, Any]:
    path = folder / FILE_NAME
    if not path.is_file():
        raise VerifyError(
            f"{display_path(path)} does not exist: is {display_path(folder)} a folder letterkit draft wrote?"
        )
    return read_json_file(path, FORMAT, VerifyError)


def _compare(path: Path, entry: dict[str, Any], what: str) -> list[str]:
    """[] when `path` has the manifest's hash, else one line; `what` ("template x@1 ", "") begins the message."""
    where = display_path(path)
    if not path.is_file():
        return [f"{where}: {what}is missing"]
    now = _digest(path.read_bytes())
    if now["sha256"] == entry["sha256"]:
        return []
    size = (
        f"{now['size']} bytes, manifest {entry['size']}"
        if now["size"] != entry["size"]
        else f"same size, {now['size']} bytes"
    )
    return [
        f"{where}: {what}differs from the manifest (SHA-256 now {now['sha256'][:12]}…, "
        f"manifest {entry['sha256'][:12]}…; {size})"
    ]
