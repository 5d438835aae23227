"""Helpers for release-check tests: edit a copied example, run the checks, read findings as strings."""

from __future__ import annotations

import shutil
from pathlib import Path

from letterkit import drafting
from letterkit.checks import run_checks
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


def template_copy(root: Path, new_files: dict[str, str]) -> TemplateStore:
    """A copy of the shipped templates under `root`, with extra versions added: {"blocks/about/v2.md.j2": text}."""
    target = root / "templates"
    shutil.copytree(templates_dir(), target, ignore=shutil.ignore_patterns("assets"))
    for name, text in new_files.items():
        (target / name).parent.mkdir(parents=True, exist_ok=True)
        (target / name).write_text(text, encoding="utf-8")
    return TemplateStore(target)


def new_version(name: str, version: int, text: str) -> str:
    """A shipped template's v1 text turned into version `version`, with `text` edits applied by the caller."""
    return text.replace(f"letterkit-template: {name} version: 1", f"letterkit-template: {name} version: {version}")


def shipped(name: str) -> str:
    return next((templates_dir() / name).glob("v1.*")).read_text(encoding="utf-8")
