"""`letterkit new`: a skeleton that validates exactly when every placeholder is filled."""

import re

from typer.testing import CliRunner

from letterkit.cli import app

runner = CliRunner()


def _new(*args):
    return runner.invoke(app, ["new", *args])


def test_skeleton_names_its_company_and_refuses_until_filled_in(workspace):
    result = _new("--company", "aurora-grid", "data/letters/next.yaml")
    assert result.exit_code == 0, result.output
    assert result.stdout == (
        "wrote data/letters/next.yaml: replace every FILL IN, then run letterkit validate data/letters/next.yaml\n"
    )
    text = (workspace / "data" / "letters" / "next.yaml").read_text(encoding="utf-8")
    assert text.splitlines()[0] == "# yaml-language-server: $schema=" + _relative_schema(workspace)
    assert "company: aurora-grid" in text and 'city: "Redmond"' in text
    validation = runner.invoke(app, ["validate", "data/letters/next.yaml"])
    assert validation.exit_code == 2
    problems = validation.stderr.splitlines()
    assert problems[0] == (
        "data/letters/next.yaml:17:9: release.date: still a placeholder: replace "
        "'FILL IN the release date as YYYY-MM-DD'"
    )
    assert problems[-1] == "10 problems found; nothing was written."


def _relative_schema(workspace):
    import os

    from letterkit.paths import schemas_dir

    return os.path.relpath(schemas_dir() / "letter.schema.json", workspace / "data" / "letters")


def test_filling_every_placeholder_gives_a_letter_that_drafts(workspace):
    assert _new("--company", "callisto", "data/letters/next.yaml").exit_code == 0
    path = workspace / "data" / "letters" / "next.yaml"
    text = path.read_text(encoding="utf-8")
    text = re.sub(r"FILL IN the release date as YYYY-MM-DD", "2026-11-24", text)
    text = re.sub(r"FILL IN the date printed on the letter as YYYY-MM-DD", "2026-11-23", text)
    text = re.sub(r"FILL IN[^\n]*", "Filled in.", text)
    path.write_text(text, encoding="utf-8")
    assert runner.invoke(app, ["validate", "data/letters/next.yaml"]).exit_code == 0
    drafted = runner.invoke(app, ["draft", "data/letters/next.yaml", "-f", "txt"])
    assert drafted.exit_code == 0, drafted.output
    release = (workspace / "output" / "next" / "next.txt").read_text(encoding="utf-8")
    assert release.startswith("NEW YORK, Nov. 24, 2026 /PRNewswire/ -- Callisto Pharmaceuticals, Inc.")


def test_never_overwrites(workspace):
    existing = workspace / "data" / "letters" / "callisto-2007-shareholder-letter.yaml"
    before = existing.read_bytes()
    result = _new("--company", "callisto", "data/letters/callisto-2007-shareholder-letter.yaml")
    assert result.exit_code == 2
    assert result.stderr.splitlines()[0] == (
        "data/letters/callisto-2007-shareholder-letter.yaml:1:1: already exists; refusing to overwrite it"
    )
    assert existing.read_bytes() == before


def test_unknown_company(workspace):
    result = _new("--company", "nope", "data/letters/next.yaml")
    assert result.exit_code == 2
    assert result.stderr.splitlines()[0] == (
        "--company: no company profile 'nope': data/companies/nope.yaml does not exist; "
        "known: aurora-grid, callisto, glacier-ridge, halvorsen-marine, pinecrest-hollow"
    )
    assert not (workspace / "data" / "letters" / "next.yaml").exists()
