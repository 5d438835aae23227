"""`letterkit new`: a commented skeleton letter for a company.

The skeleton names the company, fills what the profile knows (dateline city)
and marks everything else "FILL IN", which validation refuses; so the file
validates exactly when every placeholder has been replaced. An existing file
is never overwritten.
"""

from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path
from string import Template

from letterkit.errors import InputError, LetterkitError, OutputError, Problem, display_path
from letterkit.input_files import YAML_LIMIT, UnreadableFile, is_present, read_text
from letterkit.inputs.load import company_profile_path, known_companies_hint, no_companies_folder, read_company_profile
from letterkit.inputs.schema import Company
from letterkit.inputs.validation import validate
from letterkit.paths import resources_dir, schemas_dir
from letterkit.project_config import companies_folder
from letterkit.project_layout import check_company_id

LETTER_SKELETON = "letter-skeleton.yaml"
COMPANY_SKELETON = "company-skeleton.yaml"


def write_skeleton(letter_path: Path, company: str, companies_dir: Path | None = None) -> Path:
    if letter_path.exists():
        raise _exists(letter_path)
    check_company_id(company)
    companies_dir = companies_folder(letter_path, companies_dir)
    if companies_dir is None:
        raise InputError([Problem.about("--company", no_companies_folder(letter_path))])
    profile = _load_company(company, companies_dir)
    city = profile.headquarters.city if profile.headquarters else None
    text = letter_skeleton(letter_path, company, profile.names.legal, company_profile_path(company, companies_dir), city)
    return write_new_file(letter_path, text)


def letter_skeleton(letter_path: Path, company: str, company_name: str, company_file: Path, city: str | None) -> str:
    """The skeleton letter's text, its schema comment pointing at letterkit's schema from where it will be."""
    return Template(skeleton_template(LETTER_SKELETON)).substitute(
        schema_path=schema_reference(letter_path, "letter"),
        company=company,
        company_name=company_name,
        company_file=display_path(company_file),
        city=json.dumps(city or "FILL IN the dateline city", ensure_ascii=False),  # a JSON string is a YAML scalar
    )


def schema_reference(path: Path, kind: str) -> str:
    return os.path.relpath(schemas_dir() / f"{kind}.schema.json", Path(os.path.abspath(path)).parent)


def write_new_file(path: Path, text: str) -> Path:
    """Create `path` with `text`, whole or not at all; never over an existing file.

    Written beside its name, then linked into place: the link fails if anything is there
    (even something made meanwhile), and a kill leaves no half-written file under the name.
    """
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        descriptor, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
        try:
            with os.fdopen(descriptor, "w", encoding="utf-8") as stream:
                stream.write(text)
                stream.flush()
                os.fsync(stream.fileno())
            os.link(temporary, path)
        finally:
            os.unlink(temporary)
    except FileExistsError:
        raise _exists(path) from None
    except OSError as exc:
        raise OutputError(f"cannot write {display_path(path)}: {exc.strerror}") from exc
    return path


def skeleton_template(name: str) -> str:
    path = resources_dir() / name
    try:
        return read_text(path, limit=YAML_LIMIT)
    except UnreadableFile as exc:  # letterkit's own file: a broken installation
        raise LetterkitError(f"{display_path(path)}: {exc}; reinstall letterkit") from None


def _exists(letter_path: Path) -> InputError:
    return InputError([Problem.about(display_path(letter_path), "already exists; refusing to overwrite it")])


def _load_company(company: str, companies_dir: Path) -> Company:
    check_company_id(company)
    path = company_profile_path(company, companies_dir)
    if not is_present(path):
        message = f"no company profile {company!r}: {display_path(path)} does not exist" + known_companies_hint(
            company, companies_dir
        )
        raise InputError([Problem.about("--company", message)])
    source = read_company_profile(path, companies_dir)
    profile, problems = (None, source.problems) if source.problems else validate(Company, source)
    if profile is None:
        raise InputError(problems)
    return profile
