"""`letterkit redline` as users meet it: the draft legal saw (a folder) against the letter as it is now."""

from typer.testing import CliRunner

from letterkit.cli import app

from checking import CALLISTO, edit
from extract import run
from tracked_changes import accept_all, paragraphs

runner = CliRunner()


def test_redline_the_draft_legal_saw_against_the_edited_letter(workspace):
    assert runner.invoke(app, ["draft", str(CALLISTO), "--out", "output/seen", "-f", "txt"]).exit_code == 0
    edit(CALLISTO, "closed on a $5.75 million private", "closed on a $6.25 million private")
    result = runner.invoke(app, ["redline", "output/seen", str(CALLISTO), "--out", "review/callisto-redline.docx"])
    assert result.exit_code == 0, result.output
    assert result.stdout == (
        "wrote review/callisto-redline.docx\n"
        "wrote review/callisto-redline.html\n"
        "wrote review/callisto-redline.pdf\n"
        "redline: 1 word inserted, 1 word deleted, 1 paragraph changed (1 edited, 0 inserted, 0 deleted)\n"
    )
    html = (workspace / "review" / "callisto-redline.html").read_text(encoding="utf-8")
    assert f"Blackline of {CALLISTO} against output/seen" in html
    assert "<del>$5.75</del><ins>$6.25</ins>" in html
    pdf = " ".join(run("pdftotext", workspace / "review" / "callisto-redline.pdf", "-").split())
    assert "$5.75$6.25 million private placement" in pdf and "1 word inserted, 1 word deleted" in pdf
    runner.invoke(app, ["draft", str(CALLISTO), "--out", "output/now", "-f", "docx"])
    redline = (workspace / "review" / "callisto-redline.docx").read_bytes()
    now = (workspace / "output" / "now" / f"{CALLISTO.stem}.docx").read_bytes()
    assert paragraphs(accept_all(redline)) == paragraphs(now)


def test_only_the_formats_asked_for(workspace):
    result = runner.invoke(app, ["redline", str(CALLISTO), str(CALLISTO), "-o", "r.docx", "-f", "docx"])
    assert result.stdout.splitlines() == ["wrote r.docx", "redline: no changes"]


def test_a_folder_without_a_draft_is_an_input_error(workspace):
    (workspace / "empty").mkdir()
    result = runner.invoke(app, ["redline", "empty", str(CALLISTO), "--out", "r.docx"])
    assert result.exit_code == 2
    assert result.stderr.splitlines() == [
        "empty:1:1: no *.document.json in this folder; redline needs exactly one (written by draft)",
        "1 problem found; nothing was written.",
    ]
    assert not (workspace / "r.docx").exists()


def test_bad_options_are_input_errors(workspace):
    bad_date = runner.invoke(app, ["redline", str(CALLISTO), str(CALLISTO), "-o", "r.docx", "--date", "2007-13-01"])
    assert bad_date.exit_code == 2
    assert bad_date.stderr.splitlines()[0] == "--date: not a date: '2007-13-01'; write YYYY-MM-DD"
    bad_format = runner.invoke(app, ["redline", str(CALLISTO), str(CALLISTO), "-o", "r.docx", "-f", "rtf"])
    assert bad_format.stderr.splitlines()[-1] == (
        "Error: Invalid value for '--format' / '-f': 'rtf' is not one of 'docx', 'html', 'pdf'."
    )
