"""`letterkit new`: a commented skeleton letter for a company.

The skeleton names the company, fills what the profile knows (dateline city)
and marks everything else "FILL IN", which validation refuses; so the file
validates exactly when every placeholder has been replaced. An existing file
is never overwritten.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from string import Template

from letterkit.errors import InputError, LetterkitError, OutputError, Problem, display_path
from letterkit.input_files import YAML_LIMIT, UnreadableFile, is_present, read_text
from letterkit.inputs.load import company_profile_path, default_companies_dir, read_company_profile
from letterkit.inputs.schema import Company
from letterkit.inputs.text_types import Slug
from letterkit.inputs.validation import validate
from letterkit.paths import resources_dir, schemas_dir

SKELETON_FILE = "letter-skeleton.yaml"


def write_skeleton(letter_path: Path, company: str, companies_dir: Path | None = None) -> Path:
    if letter_path.exists():
        raise _exists(letter_path)
    companies_dir = companies_dir or default_companies_dir(letter_path)
    profile = _load_company(company, companies_dir)
    text = Template(_skeleton_template()).substitute(
        schema_path=os.path.relpath(schemas_dir() / "letter.schema.json", letter_path.resolve().parent),
        company=company,
        company_name=profile.names.legal,
        company_file=display_path(company_profile_path(company, companies_dir)),
        # a JSON string is a valid YAML scalar
        city=json.dumps(profile.headquarters.city if profile.headquarters else "FILL IN the dateline city",
                        ensure_ascii=False),
    )
    try:
        letter_path.parent.mkdir(parents=True, exist_ok=True)
        with letter_path.open("x", encoding="utf-8") as stream:  # "x": fail rather than overwrite
            stream.write(text)
    except FileExistsError:
        raise _exists(letter_path) from None
    except OSError as exc:
        raise OutputError(f"cannot write {display_path(letter_path)}: {exc.strerror}") from exc
    return letter_path


def _skeleton_template() -> str:
    path = resources_dir() / SKELETON_FILE
    try:
        return read_text(path, limit=YAML_LIMIT)
    except UnreadableFile as exc:  # letterkit's own file: a broken installation
        raise LetterkitError(f"{display_path(path)}: {exc}; reinstall letterkit") from None


def _exists(letter_path: Path) -> InputError:
    return InputError([Problem.about(display_path(letter_path), "already exists; refusing to overwrite it")])


def _load_company(company: str, companies_dir: Path) -> Company:
    from pydantic import TypeAdapter, ValidationError

    try:
        TypeAdapter(Slug).validate_python(company)
    except ValidationError:
        raise InputError(
            [Problem.about("--company", f"{company!r} is not a company id (lower-case letters, digits, hyphens)")]
        ) from None
    path = company_profile_path(company, companies_dir)
    if not is_present(path):
        message = f"no company profile {company!r}: {display_path(path)} does not exist"
        raise InputError([Problem.about("--company", message)])
    source = read_company_profile(path, companies_dir)
    profile, problems = (None, source.problems) if source.problems else validate(Company, source)
    if profile is None:
        raise InputError(problems)
    return profile
