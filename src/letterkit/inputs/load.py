"""Load a letter and its company profile; collect every problem, then stop once."""

from __future__ import annotations

import difflib
import os
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from letterkit.errors import InputError, Problem, display_path
from letterkit.ids import is_id
from letterkit.input_files import is_present
from letterkit.inputs.schema import Company, LetterFile
from letterkit.inputs.validation import validate
from letterkit.inputs.yaml_source import YamlSource, read_yaml
from letterkit.project_layout import COMPANIES_FOLDER, CONFIG_FILE
from letterkit.template_names import template_slots

if TYPE_CHECKING:  # the store is handed in by drafting; only its type is named here
    from letterkit.compose.template_store import TemplateStore


@dataclass(frozen=True)
class Inputs:
    letter: LetterFile
    company: Company
    letter_path: Path
    company_path: Path
    letter_source: YamlSource
    company_source: YamlSource
    language: str = "en"  # the edition: en, or the language the prose was translated into (editions.py)

    @property
    def company_folder(self) -> Path:
        """The company's own template folder (its approved blocks): companies/<id>/ beside its profile."""
        return self.company_path.with_suffix("")


def load_inputs(letter_path: Path, *, templates: TemplateStore, companies_dir: Path | None) -> Inputs:
    """Parse and validate both files; raise InputError listing every problem found.

    `companies_dir`: the folder the profiles are in, as the project says (drafting.load finds it),
    or None when there is none, which is a problem of the letter's `company:`."""
    problems: list[Problem] = []
    letter_source = read_yaml(letter_path, display_path(letter_path))
    problems += letter_source.problems
    context = {"templates": templates}
    letter, letter_problems = validate(LetterFile, letter_source, context) if _readable(letter_source) else (None, [])
    problems += letter_problems

    company_path, company_source, company = _load_company(letter_source, letter_path, companies_dir, problems)

    if letter is not None:
        problems += _check_letter(letter, letter_source)
        problems += _check_dateline_pin(letter, letter_source, templates)
        if company is not None and company_path is not None:
            problems += _check_block_pins(letter, letter_source, company, templates.with_company(company_path.with_suffix("")))
    if problems or letter is None or company is None or company_path is None or company_source is None:
        raise InputError(problems)
    return Inputs(letter, company, letter_path, company_path, letter_source, company_source)


def _load_company(
    letter_source: YamlSource, letter_path: Path, companies_dir: Path | None, problems: list[Problem]
) -> tuple[Path | None, YamlSource | None, Company | None]:
    data = letter_source.data if isinstance(letter_source.data, dict) else {}
    slug = data.get("company")
    if not isinstance(slug, str) or not is_id(slug):
        return None, None, None  # the schema error already names the field
    if companies_dir is None:
        problems.append(letter_source.problem(("company",), no_companies_folder(letter_path)))
        return None, None, None
    company_path = company_profile_path(slug, companies_dir)
    if not is_present(company_path):
        problems.append(
            letter_source.problem(
                ("company",),
                f"no company profile {slug!r}: {display_path(company_path)} does not exist"
                + known_companies_hint(slug, companies_dir),
            )
        )
        return None, None, None
    source = read_company_profile(company_path, companies_dir)
    problems += source.problems
    if not _readable(source):
        return company_path, source, None
    company, company_problems = validate(Company, source)
    problems += company_problems
    if company is not None:
        problems += _check_company(company, source)
    return company_path, source, company


def known_companies_hint(slug: str, companies_dir: Path) -> str:
    """" (did you mean 'callisto'?); known: aurora-grid, callisto" from the profiles in the folder, or ""."""
    known = sorted(path.stem for path in companies_dir.glob("*.yaml") if is_id(path.stem)) if companies_dir.is_dir() else []
    if not known:
        return f"; {display_path(companies_dir)}/ holds no company profiles" if companies_dir.is_dir() else (
            f"; the companies folder {display_path(companies_dir)}/ does not exist (give it with --companies)"
        )
    near = difflib.get_close_matches(slug, known, n=1, cutoff=0.6)
    hint = f" (did you mean {near[0]!r}?)" if near else ""
    shown = ", ".join(known[:20]) + (f", and {len(known) - 20} more" if len(known) > 20 else "")
    return f"{hint}; known: {shown}"


def no_companies_folder(letter_path: Path) -> str:
    folder = display_path(Path(os.path.abspath(letter_path)).parent)
    return (
        f"no {COMPANIES_FOLDER}/ folder beside or above {folder}/ to find the company profile in; name one with "
        f"--companies DIR or as [companies] folder in {CONFIG_FILE} (letterkit init makes a project)"
    )


def company_profile_path(slug: str, companies_dir: Path) -> Path:
    return companies_dir / f"{slug}.yaml"


def read_company_profile(path: Path, companies_dir: Path) -> YamlSource:
    """A profile found in the companies folder: it must stay inside it (a link elsewhere is refused)."""
    return read_yaml(path, display_path(path), inside=companies_dir)


def _readable(source: YamlSource) -> bool:
    """Whole, or in part after a syntax error (the rest is still checked, so one mistake hides no other)."""
    return not source.problems or (source.unread_sections is not None and source.data is not None)


def _check_dateline_pin(letter: LetterFile, source: YamlSource, templates: TemplateStore) -> list[Problem]:
    """A pinned dateline version must exist for the letter's wire (the other pins are checked by the schema)."""
    name = template_slots(letter.release.wire)["dateline"]
    pin = letter.templates.dateline
    if pin is None or templates.has(name, pin) or not templates.has(name):
        return []
    known = ", ".join(str(v.version) for v in templates.versions(name))
    return [source.problem(("templates", "dateline"), f"template {name} has no version {pin} (versions: {known})")]


def _check_block_pins(letter: LetterFile, source: YamlSource, company: Company, store: TemplateStore) -> list[Problem]:
    """Pinned boilerplate versions must exist (in the company's folder, the user's or letterkit's)."""
    pins = letter.templates
    wanted = [(("templates", "about"), "about", pins.about), (("templates", "forward_looking"), "forward-looking",
                                                                  pins.forward_looking)]
    wanted += [(("templates", "blocks", name), name, version) for name, version in pins.blocks.items()]
    listed = {entry.block for entry in company.boilerplate}
    problems = []
    for path, block, version in wanted:
        name = f"blocks/{block}"
        if version is None:
            continue
        if block not in listed and path[1] == "blocks":
            problems.append(source.problem(path, f"the company profile's boilerplate does not list {block!r}", key=True))
        elif not store.has(name, version):
            known = ", ".join(str(v.version) for v in store.versions(name)) or "none"
            problems.append(source.problem(path, f"template {name} has no version {version} (versions: {known})"))
    return problems


def _check_letter(letter: LetterFile, source: YamlSource) -> list[Problem]:
    """Rules that need more than one field of the letter."""
    problems = []
    body = letter.letter
    if body.date is not None and letter.release.date < body.date:
        problems.append(
            source.problem(("release", "date"), f"release date {letter.release.date} is before the letter date {body.date}")
        )
    legacy = [name for name in _LEGACY_FIELDS if getattr(body, name)]
    if body.body is not None and legacy:
        problems.append(
            source.problem(
                ("letter", legacy[0]),
                f"the letter has a body, so {legacy[0]} has no place: put it in body (use either body or "
                "opening, milestones, financings, goals and closing)",
                key=True,
            )
        )
    if body.body is None and not legacy:
        problems.append(source.problem(("letter",), "the letter has no text: give its body (or opening and closing)"))
    if body.goals and body.goals_intro is None:
        problems.append(source.problem(("letter", "goals"), "goals need a goals_intro sentence to introduce them"))
    if body.goals_intro is not None and not body.goals:
        problems.append(source.problem(("letter", "goals_intro"), "goals_intro is set but there are no goals"))
    for path, milestones, financings in _structured_items(letter):
        problems += _check_items(source, letter, path, milestones, financings)
    return problems


# The fields of the letter's fixed shape (the simple case); `body` holds any shape instead.
_LEGACY_FIELDS = ("opening", "milestones", "financings", "goals_intro", "goals", "closing")


def _structured_items(letter: LetterFile):
    """(path, milestones, financings) of the letter's fixed fields and of each body block holding some."""
    yield ("letter",), letter.letter.milestones, letter.letter.financings
    for index, block in enumerate(letter.letter.body or ()):
        yield ("letter", "body", index), block.milestones or [], block.financings or []


def _check_items(source: YamlSource, letter: LetterFile, path: tuple, milestones: list, financings: list) -> list[Problem]:
    problems = []
    dated = [((*path, "milestones", i), m) for i, m in enumerate(milestones)]
    dated += [((*path, "financings", i), f) for i, f in enumerate(financings)]
    for item_path, item in dated:
        if item.date is not None and item.date.first_day > letter.release.date:
            message = f"{item.date} is after the release date {letter.release.date}"
            problems.append(source.problem((*item_path, "date"), message))
    for index, financing in enumerate(financings):
        if financing.date is None and financing.text is None:
            problems.append(
                source.problem(
                    (*path, "financings", index),
                    "a financing without a date needs its text: letterkit writes a sentence only for a financing "
                    "that closed on a known date",
                )
            )
    if milestones and milestones[0].same_paragraph:
        problems.append(
            source.problem((*path, "milestones", 0, "same_paragraph"), "the first milestone has no paragraph to join")
        )
    return problems


def _check_company(company: Company, source: YamlSource) -> list[Problem]:
    problems = []
    if company.reporting_status == "non-reporting" and company.latest_filing is not None:
        problems.append(
            source.problem(
                ("latest_filing",),
                "a non-reporting issuer files no periodic reports: remove latest_filing, or set reporting_status: "
                "reporting",
                key=True,
            )
        )
    names = [entry.block for entry in company.boilerplate]
    for index, name in enumerate(names):
        if name in names[:index]:
            problems.append(source.problem(("boilerplate", index), f"the block {name!r} is listed twice"))
    return problems
