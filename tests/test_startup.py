"""Commands import only what they use: `--help` and `validate` start fast (no timings asserted here)."""

import subprocess
import sys

import pytest

from conftest import ROOT

# Not pydantic: typer (0.29) itself builds each command's parameter coercion with it.
HEAVY = ("yaml", "jinja2", "markdown_it", "weasyprint", "docx", "fontTools", "rich")


def _imported_after(*args):
    """The heavy modules a fresh process has imported after running `letterkit ARGS`."""
    code = (
        "import sys\n"
        "from letterkit.cli import app\n"
        "try:\n"
        f"    app({list(args)!r})\n"
        "except SystemExit as exit:\n"
        "    assert not exit.code, exit.code\n"
        f"print(' '.join(m for m in {HEAVY!r} if m in sys.modules))\n"
    )
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True)
    return result.stdout.splitlines()[-1].split()


@pytest.mark.parametrize("args", [["--help"], ["draft", "--help"], ["--version"]], ids=" ".join)
def test_help_imports_nothing_heavy(args):
    assert _imported_after(*args) == []


def test_validate_needs_yaml_but_nothing_of_composing_or_rendering():
    assert _imported_after("validate", "data/letters/callisto-2007-shareholder-letter.yaml") == ["yaml"]


def test_check_composes_but_loads_no_writer_nor_fonttools():
    # The glyph check reads the shipped fonts' character maps itself (checks/font_cmap.py); no PDF or DOCX is made.
    imported = _imported_after("check", "data/letters/callisto-2007-shareholder-letter.yaml")
    assert imported == ["yaml", "jinja2", "markdown_it"]
