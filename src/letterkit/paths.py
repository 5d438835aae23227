"""Where letterkit's shipped templates and assets live.

In a source checkout (and an editable install) they are the repository's
`templates/` folder; a wheel carries the same folder as `letterkit/_templates`.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

_PACKAGE_DIR = Path(__file__).resolve().parent


@cache
def templates_dir() -> Path:
    for candidate in (_PACKAGE_DIR / "_templates", _PACKAGE_DIR.parent.parent / "templates"):
        if candidate.is_dir():
            return candidate
    raise FileNotFoundError("letterkit's templates folder is missing from this installation")


def assets_dir() -> Path:
    """Fonts and other files the PDF renderer may load; nothing outside it."""
    return templates_dir() / "assets"


@cache
def schemas_dir() -> Path:
    """The JSON Schemas of the inputs (for editors): the repository's schemas/ or the wheel's copy."""
    for candidate in (_PACKAGE_DIR / "_schemas", _PACKAGE_DIR.parent.parent / "schemas"):
        if candidate.is_dir():
            return candidate
    raise FileNotFoundError("letterkit's schemas folder is missing from this installation")


def resources_dir() -> Path:
    """Reference data shipped inside the package (exchange list, …)."""
    return _PACKAGE_DIR / "resources"
