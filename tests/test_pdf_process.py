"""The PDF helper process: same bytes, same errors, and a fallback when it is gone."""

import os
import signal
import subprocess
import sys
from types import SimpleNamespace

import pytest
from typer.testing import CliRunner

from letterkit import batch, drafting
from letterkit.cli import app
from letterkit.writers.html_writer import default_stylesheet
from letterkit.writers.pdf_process import PdfProcess
from letterkit.writers.pdf_writer import AssetRefusedError, render_pdf

from conftest import AURORA, CALLISTO
from sample_documents import every_role_document


def _composition(stylesheet=None):
    return SimpleNamespace(document=every_role_document(), stylesheet=stylesheet or default_stylesheet())


def test_the_helper_lays_out_the_bytes_this_process_would():
    composition = _composition()
    with PdfProcess() as helper:
        assert helper.render(composition) == render_pdf(composition.document, stylesheet=composition.stylesheet)


def test_a_refused_asset_is_the_same_error_from_the_helper():
    composition = _composition("@import url(http://example.invalid/x.css);\n" + default_stylesheet())
    with pytest.raises(AssetRefusedError) as here:
        render_pdf(composition.document, stylesheet=composition.stylesheet)
    with PdfProcess() as helper, pytest.raises(ValueError) as there:
        helper.render(composition)
    assert str(there.value) == str(here.value)


def test_when_the_helper_is_gone_the_pdf_is_made_here():
    composition = _composition()
    with PdfProcess() as helper:
        helper._process.kill()
        helper._process.join()
        assert helper.render(composition) == render_pdf(composition.document, stylesheet=composition.stylesheet)


@pytest.mark.parametrize("cpus", [1, 2])
def test_the_cli_uses_a_helper_only_with_a_second_cpu_and_writes_the_same_pdf(workspace, monkeypatch, cpus):
    monkeypatch.setattr(batch, "default_workers", lambda: cpus)
    used = []
    real_render = PdfProcess.render
    monkeypatch.setattr(
        PdfProcess, "render", lambda self, composition: used.append(1) or real_render(self, composition)
    )
    result = CliRunner().invoke(app, ["draft", "data/letters/" + CALLISTO.name, "--out", "cli", "-f", "pdf"])
    assert result.exit_code == 0, result.output
    assert used == ([1] if cpus > 1 else [])
    alone = drafting.draft(workspace / "data" / "letters" / CALLISTO.name, out_dir=workspace / "alone", formats=["pdf"])
    (pdf,) = [path for path in alone.written if path.suffix == ".pdf"]
    assert (workspace / "cli" / pdf.name).read_bytes() == pdf.read_bytes()


@pytest.mark.parametrize(
    ("cpus", "args"),
    [(2, ["data/letters/" + CALLISTO.name]), (1, ["data/letters/" + CALLISTO.name]), (2, ["data/letters"])],
    ids=["one letter, helper", "one letter, in-process", "batch"],
)
def test_no_process_leaves_weasyprint_font_folders_behind(workspace, cpus, args):
    # WeasyPrint deletes its temporary font folder when its FontConfiguration is destroyed,
    # which the helper and the pool's workers (they end in os._exit), and the CLI process
    # (it skips the last garbage collections), must see to themselves.
    tmp = workspace / "tmp"
    tmp.mkdir()
    code = (
        "import sys\n"
        "from letterkit import batch, entry\n"
        f"batch.default_workers = lambda: {cpus}\n"
        f"sys.exit(entry.main(['draft', *{args!r}, '--out', 'out', '-f', 'pdf']))\n"
    )
    env = {**os.environ, "TMPDIR": str(tmp)}
    result = subprocess.run([sys.executable, "-c", code], cwd=workspace, env=env, capture_output=True)
    assert result.returncode == 0, result.stderr
    assert sorted(path.name for path in tmp.iterdir()) == []


def test_forked_workers_and_helpers_leave_this_process_fonts_alone(workspace):
    # A forked child inherits this process's font configuration, whose folder is ours.
    composition = _composition()
    expected = render_pdf(composition.document, stylesheet=composition.stylesheet)
    letters = workspace / "data" / "letters"
    jobs = batch.plan([letters / CALLISTO.name, letters / AURORA.name], out=workspace / "out")
    assert all(outcome.ok for outcome in batch.draft_all(jobs, batch.Options(formats=("pdf",)), workers=2))
    with PdfProcess() as helper:
        assert helper.render(composition) == expected
    assert render_pdf(composition.document, stylesheet=composition.stylesheet) == expected


def test_the_helper_leaves_ctrl_c_to_this_process_from_its_first_moment(capfd):
    composition = _composition()
    with PdfProcess() as helper:
        os.kill(helper._process.pid, signal.SIGINT)  # as a terminal sends it to the whole group, at once
        assert helper.render(composition) == render_pdf(composition.document, stylesheet=composition.stylesheet)
        assert helper._delivered  # laid out by the helper, not by this process after its death
    assert "KeyboardInterrupt" not in capfd.readouterr().err


def test_the_helper_ends_when_this_process_closes_its_pipe():
    # The portable sign of the parent's end: a forked helper closes its copy of our end,
    # so that closing ours (or dying) ends its wait for the HTML.
    helper = PdfProcess()
    helper._connection.close()
    helper._process.join(timeout=60)
    assert helper._process.exitcode == 0


def test_the_drafting_process_itself_never_imports_weasyprint(workspace):
    # With a helper, the parent only composes and writes the other formats: WeasyPrint's
    # ~0.8 s of imports belong to the helper alone (the reason it exists).
    code = (
        "import os, sys\n"
        "os.sched_getaffinity = lambda pid: {0, 1}\n"  # two CPUs, so the draft uses the helper
        "from letterkit.entry import main\n"
        f"code = main(['draft', {str(CALLISTO.relative_to(CALLISTO.parents[2]))!r}, '--out', 'out'])\n"
        "print(code, 'weasyprint' in sys.modules)\n"
        "sys.stdout.flush(); os._exit(0)\n"
    )
    result = subprocess.run([sys.executable, "-c", code], cwd=workspace, capture_output=True, text=True, timeout=120)
    assert result.stdout.splitlines()[-1] == "0 False", result.stderr
    assert (workspace / "out" / f"{CALLISTO.stem}.pdf").read_bytes().startswith(b"%PDF-")
