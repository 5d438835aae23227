"""An edition's inputs: the English letter or profile with its prose replaced by an approved translation.

A file's translation into a language sits beside it, in `translations/<stem>.<language>.yaml`
(`data/letters/translations/callisto-2007-shareholder-letter.de.yaml`,
`data/companies/translations/callisto.de.yaml`). It maps each prose field, by the path the
error messages use, to the English it was translated from and its translation:

    language: de
    translation_of: callisto-2007-shareholder-letter.yaml
    translator: …
    fields:
      letter.milestones[0].text:
        en: A notable advancement was …
        de: Ein bemerkenswerter Fortschritt war …

Everything else — numbers, dates, amounts, tickers, names, identifiers, the structure —
is the English file's, so an edition cannot state other figures than the release legal
approved. Every prose field needs its translation (a German release never gets a silent
English paragraph), and each translation must have been made from the English the file
holds now: an edited English field makes its translation stale, an input error.
"""

from __future__ import annotations

import copy
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from letterkit.errors import Problem, display_path
from letterkit.input_files import is_present
from letterkit.inputs.yaml_source import Path_, YamlSource, format_path, read_yaml

ENGLISH = "en"
TRANSLATIONS_FOLDER = "translations"

# Fields whose text is the same in every language: identifiers, names, places, numbers, dates,
# addresses and the structure's own words (kinds, styles). Any other text is prose to translate.
UNTRANSLATED_KEYS = frozenset({
    "company", "wire", "circuit", "city", "state", "country", "date", "period_end", "kind", "same_paragraph",
    "amount", "currency", "goals_style", "style", "items_style", "position", "level", "start", "align",
    "templates", "filing", "editions", "name", "credentials", "honorific", "email", "phone", "url", "website",
    "organization", "address", "legal", "common", "short", "listings", "latest_filing", "reporting_status",
    "sec", "boilerplate", "defined_terms_position", "defined_terms_joiner", "headquarters", "end_marker", "contacts_position",
})  # fmt: skip

_TOP_KEYS = ("language", "translation_of", "translator", "note", "fields")
_PATH_PART = re.compile(r"([a-z_][a-z0-9_]*)|\[(\d{1,4})\]")


def language_name(language: str) -> str:
    """"German" for de, from CLDR."""
    from babel import Locale

    return Locale.parse(language).get_display_name(ENGLISH) or language


def translation_path(path: Path, language: str) -> Path:
    """Where the translation of the file at `path` into `language` sits."""
    return path.parent / TRANSLATIONS_FOLDER / f"{path.stem}.{language}.yaml"


def prose_fields(data: Any, path: Path_ = ()) -> dict[Path_, str]:
    """Every text of an input file that is prose to translate, by its path."""
    found: dict[Path_, str] = {}
    if isinstance(data, dict):
        for key, value in data.items():
            if key not in UNTRANSLATED_KEYS:
                found.update(prose_fields(value, (*path, key)))
    elif isinstance(data, list):
        for index, value in enumerate(data):
            found.update(prose_fields(value, (*path, index)))
    elif isinstance(data, str) and path:
        found[path] = data
    return found


def translation_skeleton(english: YamlSource, english_path: Path, language: str) -> str:
    """A translation file to fill in: every prose field's English, and FILL IN where its translation goes.

    Each text is written as a YAML double-quoted scalar (JSON's quoting, which YAML reads alike),
    so no text can break the file's structure.
    """
    import json

    from letterkit.inputs.text_types import PLACEHOLDER

    name = language_name(language)
    lines = [
        f"# The {name} ({language}) translation of {english_path.name}: replace every {PLACEHOLDER}.\n",
        "# Keep each en as it is: it is the English translated, and letterkit refuses the translation\n",
        "# once the English it was made from changes.\n",
        f"language: {language}\n",
        f"translation_of: {json.dumps(english_path.name, ensure_ascii=False)}\n",
        f"translator: {PLACEHOLDER}\n",
        "fields:\n",
    ]
    for path, text in prose_fields(english.data).items():
        lines.append(f"  {json.dumps(format_path(path))}:\n")
        lines.append(f"    {ENGLISH}: {json.dumps(_words(text), ensure_ascii=False)}\n")
        lines.append(f"    {language}: {PLACEHOLDER}\n")
    return "".join(lines)


@dataclass
class TranslatedSource(YamlSource):
    """An English file's data with its prose translated; a translated field's problems name the translation."""

    translation: YamlSource | None = None
    translated: dict[Path_, Path_] = field(default_factory=dict)  # field -> its entry in the translation

    def problem(self, path: Path_, message: str, *, key: bool = False) -> Problem:
        assert self.translation is not None
        for end in range(len(path), 0, -1):
            entry = self.translated.get(path[:end])
            if entry is not None:
                return self.translation.problem(entry, message, key=key)
        return super().problem(path, message, key=key)


def translate(english: YamlSource, english_path: Path, language: str) -> TranslatedSource:
    """`english` with its prose in `language`; every problem found is in the result's `problems`."""
    where = translation_path(english_path, language)
    translated = TranslatedSource(
        english.display_name, copy.deepcopy(english.data), english.values, english.keys, [], english.sha256,
        english.unread_sections, english.size,
    )
    needed = prose_fields(english.data)
    name = language_name(language)
    if not is_present(where):
        if needed:
            first = next(iter(needed))
            message = (
                f"the {name} ({language}) edition needs a translation of {len(needed)} field(s) "
                f"({format_path(first)}, …): {display_path(where)} does not exist"
            )
            translated.problems.append(english.problem(first, message))
        translated.translation = english
        return translated
    source = read_yaml(where, display_path(where), inside=english_path.parent)
    translated.translation = source
    if source.problems:
        translated.problems += source.problems
        return translated
    translated.problems += _check_top(source, english_path, language)
    entries = source.data.get("fields") if isinstance(source.data, dict) else None
    if not isinstance(entries, dict):
        return translated
    answered: set[Path_] = set()  # fields with an entry, good or not (a bad one is its own problem)
    for key, entry in entries.items():
        path = _parse_path(key)
        entry_path: Path_ = ("fields", key)
        if path is None or path not in needed:
            message = (
                f"{key!r} is not a prose field of {english.display_name}" if path is not None
                else f"{key!r} is not a field path such as letter.milestones[0].text"
            )
            translated.problems.append(source.problem(entry_path, message, key=True))
            continue
        answered.add(path)
        problem = _entry_problem(source, entry_path, entry, needed[path], language)
        if problem is not None:
            translated.problems.append(problem)
            continue
        _set(translated.data, path, entry[language])
        translated.translated[path] = (*entry_path, language)
    for path in needed:
        if path not in answered:
            message = f"has no {name} ({language}) translation in {display_path(where)}"
            translated.problems.append(english.problem(path, message))
    return translated


def _check_top(source: YamlSource, english_path: Path, language: str) -> list[Problem]:
    data = source.data
    problems = [source.problem((key,), f"unknown key {key!r}; a translation has {', '.join(_TOP_KEYS)}", key=True)
                for key in data if key not in _TOP_KEYS]
    if data.get("language") != language:
        problems.append(source.problem(("language",), f"must be {language!r}: the file's name says so"))
    if data.get("translation_of") != english_path.name:
        problems.append(source.problem(("translation_of",), f"must be {english_path.name!r}, the file it translates"))
    if not isinstance(data.get("translator"), str) or not data["translator"].strip() or "FILL IN" in data["translator"]:
        problems.append(source.problem(("translator",), "say who translated it (a person, an agency)"))
    if not isinstance(data.get("fields"), dict):
        problems.append(source.problem(("fields",), "must map each prose field to its en and translated text"))
    return problems


def _entry_problem(source: YamlSource, path: Path_, entry: Any, english: str, language: str) -> Problem | None:
    if not isinstance(entry, dict) or set(entry) != {ENGLISH, language}:
        return source.problem(path, f"must have exactly two keys: {ENGLISH} (the English translated) and {language}")
    if not all(isinstance(entry[key], str) for key in entry):
        return source.problem(path, f"{ENGLISH} and {language} must be text")
    if _words(entry[ENGLISH]) != _words(english):
        return source.problem(
            (*path, ENGLISH),
            "the English field has changed since it was translated: translate the new English and copy it here",
        )
    return None


def _words(text: str) -> str:
    return " ".join(text.split())


def _parse_path(text: str) -> Path_ | None:
    parts: list[str | int] = []
    position = 0
    for piece in text.split("."):
        position = 0
        if not piece:
            return None
        while position < len(piece):
            match = _PATH_PART.match(piece, position)
            if match is None or (match.group(1) and position):
                return None
            parts.append(match.group(1) if match.group(1) else int(match.group(2)))
            position = match.end()
    return tuple(parts) or None


def _set(data: Any, path: Path_, value: str) -> None:
    for part in path[:-1]:
        data = data[part]
    data[path[-1]] = value
