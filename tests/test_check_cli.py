"""`letterkit check` as users meet it: findings on stdout, a summary, exit codes, nothing written."""

from typer.testing import CliRunner

from letterkit.cli import app

from checking import AURORA, CALLISTO, edit

runner = CliRunner()


def test_the_callisto_example_passes_with_its_findings_listed(workspace):
    result = runner.invoke(app, ["check", str(CALLISTO)])
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert [line.split(": ")[1:3] for line in lines[:-1]] == [["info", "word-count"]] + [["info", "forward-looking"]] * 6
    assert lines[-1] == f"{CALLISTO}: 0 error(s), 0 warning(s), 7 info"
    assert not (workspace / "output").exists()


def test_an_error_exits_4(workspace):
    edit(CALLISTO, "that you may not have seen.", "that you may not have seen on Tuesday, Jan. 4.")
    result = runner.invoke(app, ["check", str(CALLISTO)])
    assert result.exit_code == 4
    assert f"{CALLISTO}:21: error: weekday: “Tuesday, Jan. 4”: Jan. 4, 2007 is a Thursday" in result.stdout
    assert result.stdout.splitlines()[-1] == f"{CALLISTO}: 1 error(s), 0 warning(s), 7 info"
    assert result.stderr == "1 release check error(s): fix them before sending this to the wire.\n"


def test_strict_makes_warnings_errors(workspace):
    edit(AURORA, "end_marker: true", "end_marker: false")
    assert runner.invoke(app, ["check", str(AURORA)]).exit_code == 0
    strict = runner.invoke(app, ["check", str(AURORA), "--strict"])
    assert strict.exit_code == 4
    assert strict.stderr == "1 release check error(s) or warning(s) (--strict): fix them before sending this to the wire.\n"


def test_draft_prints_the_same_findings_as_check(workspace):
    edit(AURORA, "end_marker: true", "end_marker: false")
    checked = runner.invoke(app, ["check", str(AURORA)]).stdout.splitlines()[:-1]
    drafted = runner.invoke(app, ["draft", str(AURORA), "-f", "txt"])
    assert drafted.exit_code == 0
    assert drafted.stderr.splitlines() == checked
    assert runner.invoke(app, ["draft", str(AURORA), "-f", "txt", "--strict"]).exit_code == 4


def test_check_reports_input_errors_like_validate(workspace):
    edit(CALLISTO, "  wire: prnewswire-2007", "  wier: prnewswire-2007")
    result = runner.invoke(app, ["check", str(CALLISTO)])
    assert result.exit_code == 2
    assert result.stderr.splitlines()[-1] == "2 problems found; nothing was written."


def test_help_has_examples():
    for command in ("check", "redline"):
        result = runner.invoke(app, [command, "--help"])
        assert result.exit_code == 0
        assert f"letterkit {command} " in result.stdout


def test_checks_help_speaks_of_checking_not_of_writing_files():
    result = runner.invoke(app, ["check", "--help"], env={"COLUMNS": "200"})
    assert result.exit_code == 0
    options = {line.split()[0]: line for line in result.stdout.splitlines() if line.strip().startswith("--")}
    assert "Check the text output as draft --ascii would write it" in options["--ascii"]
    assert "Check with template versions not yet approved." in options["--allow-draft-templates"]
    assert "manifest.json" not in result.stdout and "Write " not in result.stdout
