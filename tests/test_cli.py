"""The command line as users meet it: messages, exit codes, and files on disk."""

import os
import re
import subprocess
import sys

import pytest
from typer.testing import CliRunner

from letterkit.cli import app

runner = CliRunner()


def _run(*args):
    return runner.invoke(app, list(args))


def test_validate_ok(workspace):
    result = _run("validate", "data/letters/callisto-2007-shareholder-letter.yaml")
    assert result.exit_code == 0
    assert result.stdout == (
        "data/letters/callisto-2007-shareholder-letter.yaml: ok (company profile data/companies/callisto.yaml)\n"
    )


def test_bad_input_exits_2_with_one_line_per_problem_and_writes_nothing(workspace):
    letter = workspace / "data" / "letters" / "callisto-2007-shareholder-letter.yaml"
    letter.write_text(letter.read_text().replace("  wire: prnewswire-2007", "  wier: prnewswire-2007"))
    result = _run("draft", str(letter.relative_to(workspace)))
    assert result.exit_code == 2
    assert result.stderr.splitlines() == [
        "data/letters/callisto-2007-shareholder-letter.yaml:8:3: release.wier: unknown key 'wier' "
        "(did you mean 'wire'?)",
        "data/letters/callisto-2007-shareholder-letter.yaml:8:3: release.wire: field required",
        "2 problems found; nothing was written.",
    ]
    assert "Traceback" not in result.output
    assert not (workspace / "output").exists()


def test_a_missing_letter_file_is_an_input_error(workspace):
    result = _run("validate", "data/letters/nope.yaml")
    assert result.exit_code == 2
    assert result.stderr.splitlines()[0] == "data/letters/nope.yaml:1:1: does not exist"


@pytest.mark.parametrize(
    ("given", "message"),
    [
        ("txt,rtf", "'rtf' is not one of 'txt', 'docx', 'pdf', 'html', 'edgar'."),
        (" , ", "name at least one of 'txt', 'docx', 'pdf', 'html', 'edgar'."),
    ],
)
def test_an_unknown_format_is_the_frameworks_usage_error(workspace, given, message):
    result = _run("draft", "data/letters/callisto-2007-shareholder-letter.yaml", "--format", given)
    assert result.exit_code == 2
    assert result.stderr.splitlines() == [
        "Usage: letterkit draft [OPTIONS] {LETTER.yaml|FOLDER}...",
        "Try 'letterkit draft -h' for help.",
        "",
        f"Error: Invalid value for '--format' / '-f': {message}",
    ]
    assert not (workspace / "output" / "callisto-2007-shareholder-letter").exists()


def test_formats_are_given_comma_separated_or_repeated_in_any_case(workspace):
    result = _run("draft", "data/letters/callisto-2007-shareholder-letter.yaml", "-f", "TXT,txt", "-f", "Html")
    assert result.exit_code == 0, result.output
    assert [line.rsplit(".", 1)[-1] for line in result.stdout.splitlines()] == ["txt", "html", "json", "json"]


def test_the_cli_knows_the_formats_the_pipeline_writes():
    from letterkit import cli, cli_review, drafting, redline

    assert (cli.DRAFT_FORMATS, cli_review.REDLINE_FORMATS) == (drafting.FORMATS, redline.FORMATS)


def test_draft_text_only_into_a_chosen_folder(workspace):
    result = _run("draft", "data/letters/callisto-2007-shareholder-letter.yaml", "--out", "build", "-f", "txt")
    assert result.exit_code == 0, result.output
    assert result.stdout == (
        "wrote build/callisto-2007-shareholder-letter.txt\n"
        "wrote build/callisto-2007-shareholder-letter.document.json\n"
        "wrote build/manifest.json\n"
    )
    assert (workspace / "build" / "callisto-2007-shareholder-letter.txt").read_text().startswith("NEW YORK, Jan. 4")


def test_a_failed_draft_leaves_earlier_outputs_intact(workspace):
    assert _run("draft", "data/letters/callisto-2007-shareholder-letter.yaml", "-f", "txt").exit_code == 0
    output = workspace / "output" / "callisto-2007-shareholder-letter" / "callisto-2007-shareholder-letter.txt"
    before = output.read_bytes()
    letter = workspace / "data" / "letters" / "callisto-2007-shareholder-letter.yaml"
    letter.write_text(letter.read_text().replace("symbol: KAL", "symbol: kal"), encoding="utf-8")
    company = workspace / "data" / "companies" / "callisto.yaml"
    company.write_text(company.read_text().replace("symbol: KAL", "symbol: kal"), encoding="utf-8")
    result = _run("draft", "data/letters/callisto-2007-shareholder-letter.yaml", "-f", "txt")
    assert result.exit_code == 2
    assert output.read_bytes() == before
    assert sorted(p.name for p in output.parent.iterdir()) == [
        "callisto-2007-shareholder-letter.document.json",
        output.name,
        "manifest.json",
    ]


def test_exchanges_lists_labels_and_names():
    result = _run("exchanges")
    assert result.exit_code == 0
    rows = dict(re.split(r"\s{2,}", line, maxsplit=1) for line in result.stdout.splitlines())
    assert rows["FWB"] == "Frankfurt Stock Exchange"
    assert rows["NYSE American"] == "NYSE American"
    assert rows["AMEX"] == "American Stock Exchange"


def test_help_of_every_command_has_examples():
    for command in ("draft", "validate", "new", "schema", "exchanges"):
        result = _run(command, "--help")
        assert result.exit_code == 0
        assert "letterkit " + command in result.stdout


EVERY_COMMAND = (
    "draft",
    "validate",
    "new",
    "schema",
    "exchanges",
    "verify",
    "check",
    "redline",
    "templates list",
    "templates show",
    "templates diff",
    "templates approve",
    "templates check",
)


def _help(command: str, columns: int) -> str:
    result = subprocess.run(
        [sys.executable, "-m", "letterkit", *command.split(), "--help"],
        capture_output=True,
        text=True,
        env={**os.environ, "COLUMNS": str(columns)},
        check=True,
    )
    return result.stdout


def _example_lines(epilog: str) -> list[str]:
    return [line.strip() for line in epilog.splitlines() if line.strip().startswith("letterkit ")]


@pytest.mark.parametrize("columns", [60, 100])
def test_help_prints_every_example_whole_and_every_value_by_what_it_is(columns):
    epilogs = {info.name or info.callback.__name__: info.epilog for info in app.registered_commands}
    from letterkit.cli_templates import templates_app
    epilogs |= {
        f"templates {info.name or info.callback.__name__}": info.epilog for info in templates_app.registered_commands
    }
    for command in EVERY_COMMAND:
        text = _help(command, columns)
        examples = _example_lines(epilogs[command])
        assert examples, command
        assert _example_lines(text) == examples, command  # each on one line, never broken mid-word
        # an option names the value it asks for, not its Python type (typer 0.29 prints an argument's
        # type after its name, as "ref <str>", and a list argument's as <list[Path]>)
        options = [line for line in text.splitlines() if re.match(r"\s+(-\w, )?--\w", line)]
        assert options, command
        assert not [line for line in options if re.search(r"<(str|int|int range|float)>", line)], command


def test_a_real_process_shows_no_traceback_and_debug_shows_one(workspace):
    bad = workspace / "data" / "letters" / "bad.yaml"
    bad.write_text("company: callisto\nrelease: [\n", encoding="utf-8")
    command = [sys.executable, "-m", "letterkit"]
    quiet = subprocess.run([*command, "validate", str(bad)], capture_output=True, text=True)
    assert quiet.returncode == 2
    assert quiet.stderr.startswith("data/letters/bad.yaml:3:1: YAML syntax error")
    assert "Traceback" not in quiet.stderr
    loud = subprocess.run([*command, "--debug", "validate", str(bad)], capture_output=True, text=True)
    assert "Traceback" in loud.stderr and "InputError" in loud.stderr


@pytest.mark.parametrize(
    ("typed", "offered"),
    [
        ("letterkit dr", ["draft"]),
        ("letterkit templates a", ["approve"]),
        ("letterkit draft --fo", ["--format"]),
        ("letterkit draft -f txt,p", ["txt,pdf"]),  # the formats not yet listed, after the last comma
        ("letterkit redline -f ", ["docx", "html", "pdf"]),
    ],
)
def test_the_shell_completes_commands_and_options(typed, offered):
    words = typed.split()
    current = len(words) if typed.endswith(" ") else len(words) - 1  # a trailing space starts a new word
    completion = {"_LETTERKIT_COMPLETE": "complete_bash", "COMP_WORDS": typed, "COMP_CWORD": str(current)}
    result = subprocess.run(
        [sys.executable, "-m", "letterkit"], capture_output=True, text=True, env={**os.environ, **completion}
    )
    assert (result.returncode, result.stdout.split(), result.stderr) == (0, offered, "")


def test_the_completion_script_calls_letterkit_back():
    result = _run("--show-completion", "bash")
    assert result.exit_code == 0
    assert "_LETTERKIT_COMPLETE=complete_bash" in result.stdout
    assert "complete -o default -F _letterkit_completion letterkit" in result.stdout
