"""The JSON Schema editors use is the schema letterkit validates with."""

import json

import pytest
from typer.testing import CliRunner

from letterkit.cli import app

from conftest import DATA, ROOT

runner = CliRunner()


@pytest.mark.parametrize("kind", ["letter", "company"])
def test_shipped_schema_files_are_what_letterkit_schema_prints(kind):
    result = runner.invoke(app, ["schema", kind])
    assert result.exit_code == 0
    shipped = (ROOT / "schemas" / f"{kind}.schema.json").read_text(encoding="utf-8")
    assert result.stdout == shipped, f"regenerate: letterkit schema {kind} > schemas/{kind}.schema.json"
    schema = json.loads(shipped)
    assert schema["additionalProperties"] is False  # unknown keys are flagged in the editor too


@pytest.mark.parametrize(
    ("folder", "kind"), [("letters", "letter"), ("companies", "company")]
)
def test_every_example_names_its_schema_on_line_one(folder, kind):
    for path in (DATA / folder).glob("*.yaml"):
        first_line = path.read_text(encoding="utf-8").splitlines()[0]
        assert first_line == f"# yaml-language-server: $schema=../../schemas/{kind}.schema.json", path


def test_unknown_kind_is_an_input_error():
    result = runner.invoke(app, ["schema", "memo"])
    assert result.exit_code == 2
    assert result.stderr.splitlines()[0] == "KIND:1:1: unknown input kind 'memo'; choose letter or company"
