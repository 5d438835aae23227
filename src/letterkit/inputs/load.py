"""Load a letter and its company profile; collect every problem, then stop once."""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from pathlib import Path

from letterkit.compose.template_store import TemplateStore, template_slots
from letterkit.errors import InputError, Problem, display_path
from letterkit.input_files import is_present
from letterkit.inputs.schema import Company, LetterFile
from letterkit.inputs.validation import validate
from letterkit.inputs.yaml_source import YamlSource, read_yaml


@dataclass(frozen=True)
class Inputs:
    letter: LetterFile
    company: Company
    letter_path: Path
    company_path: Path
    letter_source: YamlSource
    company_source: YamlSource


def default_companies_dir(letter_path: Path) -> Path:
    """data/letters/x.yaml -> data/companies/"""
    return Path(os.path.realpath(letter_path)).parent.parent / "companies"  # realpath: a link loop is reported when read


def load_inputs(letter_path: Path, *, templates: TemplateStore, companies_dir: Path | None = None) -> Inputs:
    """Parse and validate both files; raise InputError listing every problem found."""
    problems: list[Problem] = []
    letter_source = read_yaml(letter_path, display_path(letter_path))
    problems += letter_source.problems
    context = {"templates": templates}
    letter, letter_problems = validate(LetterFile, letter_source, context) if not letter_source.problems else (None, [])
    problems += letter_problems

    companies_dir = companies_dir or default_companies_dir(letter_path)
    company_path, company_source, company = _load_company(letter_source, companies_dir, problems)

    if letter is not None:
        problems += _check_letter(letter, letter_source)
        problems += _check_dateline_pin(letter, letter_source, templates)
    if problems or letter is None or company is None or company_path is None or company_source is None:
        raise InputError(problems)
    return Inputs(letter, company, letter_path, company_path, letter_source, company_source)


def _load_company(
    letter_source: YamlSource, companies_dir: Path, problems: list[Problem]
) -> tuple[Path | None, YamlSource | None, Company | None]:
    data = letter_source.data if isinstance(letter_source.data, dict) else {}
    slug = data.get("company")
    if not isinstance(slug, str) or not _is_slug(slug):
        return None, None, None  # the schema error already names the field
    company_path = company_profile_path(slug, companies_dir)
    if not is_present(company_path):
        problems.append(
            letter_source.problem(
                ("company",), f"no company profile {slug!r}: {display_path(company_path)} does not exist"
            )
        )
        return None, None, None
    source = read_company_profile(company_path, companies_dir)
    problems += source.problems
    if source.problems:
        return company_path, source, None
    company, company_problems = validate(Company, source)
    problems += company_problems
    return company_path, source, company


def company_profile_path(slug: str, companies_dir: Path) -> Path:
    return companies_dir / f"{slug}.yaml"


def read_company_profile(path: Path, companies_dir: Path) -> YamlSource:
    """A profile found in the companies folder: it must stay inside it (a link elsewhere is refused)."""
    return read_yaml(path, display_path(path), inside=companies_dir)


def _is_slug(text: str) -> bool:
    return re.fullmatch(r"[a-z0-9][a-z0-9-]{0,63}", text) is not None


def _check_dateline_pin(letter: LetterFile, source: YamlSource, templates: TemplateStore) -> list[Problem]:
    """A pinned dateline version must exist for the letter's wire (the other pins are checked by the schema)."""
    name = template_slots(letter.release.wire)["dateline"]
    pin = letter.templates.dateline
    if pin is None or templates.has(name, pin) or not templates.has(name):
        return []
    known = ", ".join(str(v.version) for v in templates.versions(name))
    return [source.problem(("templates", "dateline"), f"template {name} has no version {pin} (versions: {known})")]


def _check_letter(letter: LetterFile, source: YamlSource) -> list[Problem]:
    """Rules that need more than one field of the letter."""
    problems = []
    if letter.release.date < letter.letter.date:
        problems.append(
            source.problem(
                ("release", "date"),
                f"release date {letter.release.date} is before the letter date {letter.letter.date}",
            )
        )
    if letter.letter.goals and letter.letter.goals_intro is None:
        problems.append(source.problem(("letter", "goals"), "goals need a goals_intro sentence to introduce them"))
    if letter.letter.goals_intro is not None and not letter.letter.goals:
        problems.append(source.problem(("letter", "goals_intro"), "goals_intro is set but there are no goals"))
    dated = [(("letter", "milestones", i), m) for i, m in enumerate(letter.letter.milestones)]
    dated += [(("letter", "financings", i), f) for i, f in enumerate(letter.letter.financings)]
    for path, item in dated:
        if item.date is not None and item.date.first_day > letter.release.date:
            message = f"{item.date} is after the release date {letter.release.date}"
            problems.append(source.problem((*path, "date"), message))
    if letter.letter.milestones and letter.letter.milestones[0].same_paragraph:
        problems.append(
            source.problem(
                ("letter", "milestones", 0, "same_paragraph"), "the first milestone has no paragraph to join"
            )
        )
    return problems
