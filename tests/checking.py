"""Helpers for release-check tests: edit a copied example, run the checks, read findings as strings."""

from __future__ import annotations

import datetime
import shutil
from pathlib import Path

from letterkit import drafting
from letterkit.checks import run_checks
from letterkit.compose.approval import approve
from letterkit.compose.template_store import TemplateStore
from letterkit.paths import templates_dir

CALLISTO = Path("data/letters/callisto-2007-shareholder-letter.yaml")
AURORA = Path("data/letters/aurora-2026-letter-to-shareholders.yaml")
CALLISTO_PROFILE = Path("data/companies/callisto.yaml")
AURORA_PROFILE = Path("data/companies/aurora-grid.yaml")


def edit(path: Path, old: str, new: str) -> Path:
    """Replace the one occurrence of `old` in a (workspace) file."""
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, f"{old!r} occurs {text.count(old)} times in {path}"
    path.write_text(text.replace(old, new), encoding="utf-8")
    return path


def findings(letter: Path, *rules: str, store: TemplateStore | None = None, **options) -> list[str]:
    """The findings of `letter` whose rule id starts with one of `rules`, as printed."""
    inputs, composition = drafting.compose_letter(letter, store=store)
    found = run_checks(inputs, composition, **options)
    return [str(f) for f in found if f.rule.startswith(rules)]


def house_templates(root: Path, new_files: dict[str, str]) -> TemplateStore:
    """The shipped templates overlaid by a user folder holding `new_files` ({"blocks/about/v2.md.j2": text}).

    A user folder replaces every version of the names it defines, so it also gets the shipped
    versions of those names; all of them are approved there (as `letterkit templates approve` does).
    """
    folder = root / "house-templates"
    names = sorted({file.rsplit("/", 1)[0] for file in new_files})
    for name in names:
        (folder / name).mkdir(parents=True)
        for path in (templates_dir() / name).glob("v[0-9]*.*"):  # the version files, not versions.toml
            shutil.copy(path, folder / name / path.name)
    for file, text in new_files.items():
        (folder / file).write_text(text, encoding="utf-8")
    for name in names:
        for number in [v.version for v in _store(folder).versions(name)]:
            approve(_store(folder), f"{name}@{number}", by="Test Counsel", on=datetime.date(2026, 11, 1), note="Test.")
    return _store(folder)


def _store(folder: Path) -> TemplateStore:
    return TemplateStore(templates_dir(), user_root=folder)


def new_version(name: str, version: int, text: str) -> str:
    """A shipped template's v1 text turned into version `version`, with `text` edits applied by the caller."""
    return text.replace(f"letterkit-template: {name} version: 1", f"letterkit-template: {name} version: {version}")


def shipped(name: str) -> str:
    return next((templates_dir() / name).glob("v1.*")).read_text(encoding="utf-8")
