"""A project's layout: the names of its files and folders, and the check of a company id given as an option.

Kept apart from project_config (which finds and reads a project) so that the input loader,
the skeletons and the template commands share one definition without importing that reader.
"""

from __future__ import annotations

from letterkit.errors import InputError, Problem
from letterkit.ids import ID_RULE, is_id

CONFIG_FILE = "letterkit.toml"
COMPANIES_FOLDER = "companies"  # <id>.yaml profiles, and <id>/blocks/ for each company's own blocks
OUTPUT_FOLDER = "output"


def check_company_id(company: str) -> None:
    """A company id given as --company: one problem naming the option, or nothing."""
    if not is_id(company):
        raise InputError([Problem.about("--company", f"{company!r} is not a company id ({ID_RULE})")])
