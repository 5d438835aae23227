"""Where letterkit's shipped folders live.

In a source checkout (and an editable install) they are the repository's
`templates/` and `schemas/` folders; a wheel carries the same folders as
`letterkit/_templates` and `letterkit/_schemas`.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

_PACKAGE_DIR = Path(__file__).resolve().parent


@cache
def _shipped_dir(name: str) -> Path:
    for candidate in (_PACKAGE_DIR / f"_{name}", _PACKAGE_DIR.parent.parent / name):
        if candidate.is_dir():
            return candidate
    raise FileNotFoundError(f"letterkit's {name} folder is missing from this installation")


def templates_dir() -> Path:
    return _shipped_dir("templates")


def assets_dir() -> Path:
    """Fonts and other files the PDF renderer may load; nothing outside it."""
    return templates_dir() / "assets"


def schemas_dir() -> Path:
    """The JSON Schemas of the inputs (for editors)."""
    return _shipped_dir("schemas")


def resources_dir() -> Path:
    """Reference data shipped inside the package (the letter skeleton, …)."""
    return _PACKAGE_DIR / "resources"
