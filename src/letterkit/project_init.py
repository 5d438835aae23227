"""`letterkit init`: a new project folder that validates once its placeholders are filled.

It holds letterkit.toml (naming the companies and output folders), one
company profile and one letter, each a commented skeleton whose "FILL IN"
values validation refuses, and an empty output folder. Nothing existing is
ever replaced: when any of those files is there already, nothing is written.
Each file is written as `letterkit new` writes its skeleton (write_new_file):
whole or absent, never half-written.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from string import Template

from letterkit.errors import InputError, Problem, display_path
from letterkit.inputs.text_types import PLACEHOLDER
from letterkit.project_layout import COMPANIES_FOLDER, CONFIG_FILE, OUTPUT_FOLDER, check_company_id
from letterkit.skeleton import (
    COMPANY_SKELETON,
    letter_skeleton,
    schema_reference,
    skeleton_template,
    write_new_file,
)

LETTERS_FOLDER = "letters"

CONFIG_TEXT = f"""\
# A letterkit project: letterkit commands find their files from here, run in
# this folder or below it, or given a letter that is (README: "Projects").
[companies]
folder = "{COMPANIES_FOLDER}"     # company profiles: <id>.yaml, and <id>/blocks/ for the company's own blocks

[output]
folder = "{OUTPUT_FOLDER}"        # each draft goes into {OUTPUT_FOLDER}/<letter file stem>/

# [templates]
# folder = "templates"   # your own templates and their templates.lock (README: "Your own templates")
"""


def init_project(folder: Path, company: str, legal_name: str | None = None) -> list[Path]:
    """Create the project's files; the paths created, in order (the output folder last)."""
    check_company_id(company)
    if legal_name is not None and (not legal_name.strip() or "\n" in legal_name):
        raise InputError([Problem.about("--name", "must be the company's full legal name, on one line")])
    config = folder / CONFIG_FILE
    profile = folder / COMPANIES_FOLDER / f"{company}.yaml"
    letter = folder / LETTERS_FOLDER / f"{company}-letter-to-shareholders.yaml"
    files = {
        config: CONFIG_TEXT,
        profile: Template(skeleton_template(COMPANY_SKELETON)).substitute(
            schema_path=schema_reference(profile, "company"),
            company=company,
            legal_name=json.dumps(legal_name or f"{PLACEHOLDER} the full legal name", ensure_ascii=False),
        ),
        letter: letter_skeleton(letter, company, legal_name or company, profile, None),
    }
    there = [path for path in files if os.path.lexists(path)]
    if there:
        raise InputError(
            [Problem.about(display_path(path), "already exists; letterkit init writes nothing over it") for path in there]
        )
    created: list[Path] = []
    try:
        for path, text in files.items():
            write_new_file(path, text)
            created.append(path)
        (folder / OUTPUT_FOLDER).mkdir(exist_ok=True)
    except BaseException:
        for path in created:  # all or nothing: a project with a config but no profile would mislead
            path.unlink(missing_ok=True)
        raise
    return [*created, folder / OUTPUT_FOLDER]
