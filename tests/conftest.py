"""Shared fixtures: project paths, a CLI runner, and golden-file comparison.

Golden files live in tests/golden/. After a reviewed change of output, run
`pytest --update-golden` to rewrite them, then read the diff before committing.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "data"
GOLDEN = Path(__file__).resolve().parent / "golden"
# The real 2007 release, copied verbatim from ../shared/reference so a clone anywhere can test against it.
REFERENCE = Path(__file__).resolve().parent / "reference" / "callisto-2007-shareholder-letter.txt"
SHARED_REFERENCE = ROOT.parent / "shared" / "reference" / "callisto-2007-shareholder-letter.txt"
CALLISTO = DATA / "letters" / "callisto-2007-shareholder-letter.yaml"
AURORA = DATA / "letters" / "aurora-2026-letter-to-shareholders.yaml"
PINECREST = DATA / "letters" / "pinecrest-hollow-2026-shareholder-update.yaml"
GLACIER = DATA / "letters" / "glacier-ridge-2026-letter-to-shareholders.yaml"
HALVORSEN = DATA / "letters" / "halvorsen-2026-letter-to-shareholders.yaml"
# Every shipped example letter: each is drafted, golden-checked and held to the same words in every format.
EXAMPLES = (CALLISTO, AURORA, PINECREST, GLACIER, HALVORSEN)


def pytest_addoption(parser):
    parser.addoption("--update-golden", action="store_true", help="rewrite golden files from current output")


@pytest.fixture
def golden(request):
    """golden(name, text): compare `text` with tests/golden/<name> (or rewrite it)."""
    update = request.config.getoption("--update-golden")

    def check(name: str, text: str) -> None:
        path = GOLDEN / name
        if update:
            path.write_text(text, encoding="utf-8")
            return
        assert path.exists(), f"golden file {path} missing; run pytest --update-golden and review it"
        assert text == path.read_text(encoding="utf-8"), f"output differs from golden file {path}"

    return check


@pytest.fixture
def workspace(tmp_path, monkeypatch):
    """A copy of the project (data/ and letterkit.toml) in a temporary folder that is also the working folder."""
    shutil.copytree(DATA, tmp_path / "data")
    shutil.copy(ROOT / "letterkit.toml", tmp_path / "letterkit.toml")
    monkeypatch.chdir(tmp_path)
    return tmp_path


@pytest.fixture
def two_examples(workspace):
    """A workspace whose data/letters/ holds the Callisto and Aurora examples only (for tests that count letters)."""
    for path in (workspace / "data" / "letters").glob("*.yaml"):
        if path.name not in (CALLISTO.name, AURORA.name):
            path.unlink()
    return workspace


@pytest.fixture
def templates_copy(tmp_path):
    """A copy of the shipped templates (with their versions.toml files, lock and fonts) to change freely."""
    copy = tmp_path / "templates"
    shutil.copytree(ROOT / "templates", copy)
    return copy


@pytest.fixture(autouse=True)
def _no_source_date_epoch_leak(monkeypatch):
    # Tests must not depend on the caller's environment for reproducible builds.
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    yield
    assert "SOURCE_DATE_EPOCH" not in os.environ, "a writer leaked SOURCE_DATE_EPOCH into the environment"
