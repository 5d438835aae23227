"""The two sides of a redline: a letter's YAML file (composed now) or a draft's output folder.

An output folder holds `<stem>.document.json`, the Document exactly as that
draft printed it, so a redline against "the draft legal saw" does not depend
on the templates or inputs still being as they were. A manifest.json in the
folder is not needed and not read. The document is read as input_files reads
any file (a regular file, at most DOCUMENT_LIMIT bytes) and must be in the
folder itself: a symbolic link to elsewhere is refused.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from letterkit import document_json
from letterkit.compose.template_store import TemplateStore
from letterkit.document import Document
from letterkit.errors import InputError, Problem, display_path
from letterkit.input_files import DOCUMENT_LIMIT, UnreadableFile, read_text


@dataclass(frozen=True)
class Side:
    label: str  # what the user named, for messages and the blackline's heading
    document: Document


def load_side(
    path: Path,
    *,
    companies_dir: Path | None = None,
    store: TemplateStore | None = None,
    allow_draft_templates: bool = False,
    language: str = "en",
) -> Side:
    """One side, in the edition `language`: a folder's <stem>.<language>.document.json, or the letter composed
    in that language (from its translation)."""
    if path.is_dir():
        return Side(display_path(path), _from_folder(path, language))
    if path.suffix.lower() in (".yaml", ".yml") or not path.exists():
        from letterkit import drafting
        from letterkit.project_config import open_store

        store = store or open_store(letter=path)
        inputs, composition = drafting.compose_letter(
            path, companies_dir=companies_dir, store=store, allow_draft_templates=allow_draft_templates
        )
        if language != "en":
            edition = drafting.compose_editions(
                inputs, composition, store, [language], allow_draft_templates=allow_draft_templates
            )[-1]
            composition = edition.composition
        return Side(display_path(path), composition.document)
    raise InputError([_problem(path, "expected a letter's .yaml file or a draft's output folder")])


def _from_folder(folder: Path, language: str) -> Document:
    found = sorted(path for path in folder.glob("*.document.json") if _edition(path.name) == language)
    if len(found) != 1:
        pattern = "*.document.json" if language == "en" else f"*.{language}.document.json"
        what = f"no {pattern}" if not found else f"{len(found)} {pattern} files"
        editions = sorted({_edition(path.name) for path in folder.glob("*.document.json")} - {language})
        other = f" (it has the {', '.join(editions)} edition: give --lang)" if editions and not found else ""
        raise InputError(
            [_problem(folder, f"{what} in this folder{other}; redline needs exactly one (written by draft)")]
        )
    try:
        text = read_text(found[0], limit=DOCUMENT_LIMIT, inside=folder)
    except UnreadableFile as exc:
        raise InputError([_problem(found[0], str(exc))]) from None
    try:
        return document_json.loads(text)
    except (ValueError, KeyError, TypeError) as exc:
        raise InputError([_problem(found[0], f"not a letterkit document: {exc}")]) from None


def _problem(path: Path, message: str) -> Problem:
    return Problem.about(display_path(path), message)


def _edition(name: str) -> str:
    """The edition a saved Document belongs to: x.de.document.json is German, x.document.json English."""
    stem = name.removesuffix(".document.json")
    _, dot, language = stem.rpartition(".")
    return language if dot and len(language) == 2 and language.isalpha() and language.islower() else "en"
