"""Batch drafting: several letters or a folder in one call, in parallel, failures reported at the end."""

import faulthandler
import os
import shutil
import signal
import subprocess
import sys

import pytest
from typer.testing import CliRunner

from letterkit import batch, drafting
from letterkit.batch import Outcome
from letterkit.cli import _BarProgress, _LineProgress, _progress, app

from conftest import AURORA, CALLISTO

runner = CliRunner()
OUTPUTS = ("txt", "docx", "pdf", "html", "document.json")


def _written(stem, extensions=OUTPUTS):
    """The files a draft of <stem>.yaml writes into its folder. By default, the EDGAR exhibit too: the
    letters here (Callisto, Aurora and copies of them) are of companies that file with the SEC."""
    exhibit = [drafting.output_name(stem, "edgar")] if extensions == OUTPUTS else []
    return sorted([*(f"{stem}.{ext}" for ext in extensions), *exhibit, "manifest.json"])


def _run(*args):
    return runner.invoke(app, list(args))


def _files(folder):
    return {path.name: path.read_bytes() for path in sorted(folder.iterdir())}


pytestmark = pytest.mark.usefixtures("two_examples")  # batch tests count letters


@pytest.fixture
def letters(workspace):
    """The two examples and a copy of Callisto under another name, in data/letters/."""
    folder = workspace / "data" / "letters"
    shutil.copy(CALLISTO, folder / "callisto-copy.yaml")
    return folder


def test_a_batch_writes_the_same_bytes_as_drafting_each_letter_alone(letters, workspace):
    stems = sorted(path.stem for path in letters.glob("*.yaml"))
    for stem in stems:
        result = _run("draft", f"data/letters/{stem}.yaml", "--out", f"single/{stem}")
        assert result.exit_code == 0, result.output
    for jobs in ("1", "2"):
        result = _run("draft", "data/letters", "--out", f"batch-{jobs}", "--jobs", jobs)
        assert result.exit_code == 0, result.output
        for stem in stems:
            batch_files = _files(workspace / f"batch-{jobs}" / stem)
            assert sorted(batch_files) == _written(stem)
            assert batch_files == _files(workspace / "single" / stem), f"--jobs {jobs}: {stem} differs"


def test_several_letter_files_go_to_output_stem_folders(letters, workspace):
    result = _run("draft", "data/letters/callisto-copy.yaml", str(AURORA.relative_to(AURORA.parents[2])), "-j", "1")
    assert result.exit_code == 0, result.output
    assert result.stdout == (
        "[1/2] wrote output/callisto-copy/\n"
        "[2/2] wrote output/aurora-2026-letter-to-shareholders/\n"
        "drafted 2 of 2 letters into output/\n"
    )
    assert sorted(p.name for p in (workspace / "output").iterdir()) == [
        "aurora-2026-letter-to-shareholders",
        "callisto-copy",
    ]


def _break(letter):
    letter.write_text(letter.read_text(encoding="utf-8").replace("  wire: prnewswire-2007", "  wier: prnewswire-2007"),
                      encoding="utf-8")


BROKEN_REPORT = [
    "data/letters/callisto-copy.yaml:8:3: release.wier: unknown key 'wier' (did you mean 'wire'?)",
    "data/letters/callisto-copy.yaml:8:3: release.wire: field required",
    "1 of 3 letters failed and was not written: data/letters/callisto-copy.yaml",
]


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_a_broken_letter_is_reported_at_the_end_with_its_file_and_line_and_the_others_are_written(
    letters, workspace, jobs
):
    _break(letters / "callisto-copy.yaml")
    result = _run("draft", "data/letters", "--jobs", jobs)
    assert result.exit_code == 5
    progress = result.stdout.splitlines()  # the plain form: not a terminal
    assert [line.split(" ", 1)[0] for line in progress[:3]] == ["[1/3]", "[2/3]", "[3/3]"]
    finished = [line.split(" ", 1)[1] for line in progress[:3]]
    expected = [
        "wrote output/aurora-2026-letter-to-shareholders/",
        "wrote output/callisto-2007-shareholder-letter/",
        "failed data/letters/callisto-copy.yaml",
    ]
    # One after another, in the letters' order; from a pool, in the order they finish.
    assert finished == expected if jobs == "1" else sorted(finished) == sorted(expected)
    assert progress[3:] == ["drafted 2 of 3 letters into output/"]
    *findings, problem_1, problem_2, summary = result.stderr.splitlines()
    # The written letters' release-check findings, in the letters' order whatever finished first,
    # then each failure with its file and line, then what failed.
    assert [line.split(":", 1)[0] for line in findings] == sorted(line.split(":", 1)[0] for line in findings)
    assert {line.split(":", 1)[0] for line in findings} == {
        "data/letters/aurora-2026-letter-to-shareholders.yaml",
        "data/letters/callisto-2007-shareholder-letter.yaml",
    }
    assert [problem_1, problem_2, summary] == BROKEN_REPORT
    assert sorted(p.name for p in (workspace / "output").iterdir()) == [
        "aurora-2026-letter-to-shareholders",
        "callisto-2007-shareholder-letter",
    ]
    stem = "callisto-2007-shareholder-letter"
    assert sorted(p.name for p in (workspace / "output" / stem).iterdir()) == _written(stem)


@pytest.mark.parametrize("jobs", ["0", "-1"])
def test_jobs_must_be_at_least_one(workspace, jobs):
    result = _run("draft", "data/letters", "--jobs", jobs)
    assert result.exit_code == 2
    assert "Invalid value for '--jobs' / '-j': Input should be greater than or equal to 1" in result.output
    assert not (workspace / "output").exists()


def test_letters_with_the_same_file_name_are_refused_before_anything_is_drafted(workspace):
    other = workspace / "data" / "other"
    other.mkdir()
    shutil.copy(CALLISTO, other / CALLISTO.name)
    result = _run("draft", "data/letters", "data/other")
    assert result.exit_code == 2
    assert result.stderr.splitlines() == [
        "data/other/callisto-2007-shareholder-letter.yaml:1:1: same file name as "
        "data/letters/callisto-2007-shareholder-letter.yaml: both would be drafted into "
        "output/callisto-2007-shareholder-letter/; rename one of them",
        "1 problem found; nothing was written.",
    ]
    assert not (workspace / "output").exists()


def test_the_same_file_named_twice_is_drafted_once(workspace):
    result = _run("draft", "data/letters", "data/letters/callisto-2007-shareholder-letter.yaml", "-j", "1", "-f", "txt")
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines()[-1] == "drafted 2 of 2 letters into output/"


def test_a_folder_without_letters_is_an_input_error(workspace):
    (workspace / "empty").mkdir()
    result = _run("draft", "empty")
    assert result.exit_code == 2
    assert result.stderr.splitlines()[0] == "empty:1:1: no letter files (*.yaml) in this folder"


def test_out_is_the_parent_of_one_folder_per_letter(workspace):
    result = _run("draft", "data/letters", "--out", "build", "-f", "txt", "-j", "1")
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in (workspace / "build").iterdir()) == [
        "aurora-2026-letter-to-shareholders",
        "callisto-2007-shareholder-letter",
    ]
    assert result.stdout.splitlines()[-1] == "drafted 2 of 2 letters into build/"


# --- progress --------------------------------------------------------------------------


class _Terminal:
    """A stream that says it is a terminal and keeps what is written."""

    def __init__(self):
        self.parts = []

    def isatty(self):
        return True

    def write(self, text):
        self.parts.append(text)
        return len(text)

    def flush(self):
        pass

    @property
    def text(self):
        return "".join(self.parts)


def _outcome(name, ok=True):
    letter = CALLISTO.with_name(f"{name}.yaml")
    return Outcome(letter, letter.parent / name, error=() if ok else ("broken",), exit_code=0 if ok else 2)


def test_a_terminal_gets_a_progress_bar_and_no_lines():
    stream = _Terminal()
    progress = _progress(2, stream)
    assert isinstance(progress, _BarProgress)
    with progress:
        progress.advance(_outcome("a"))
        progress.advance(_outcome("b", ok=False))
    assert "2/2" in stream.text
    assert "[1/2]" not in stream.text and "wrote" not in stream.text


def test_anything_else_gets_plain_lines(tmp_path):
    with open(tmp_path / "log", "w", encoding="utf-8") as stream:
        progress = _progress(2, stream)
        assert isinstance(progress, _LineProgress)
        with progress:
            progress.advance(_outcome("a"))
            progress.advance(_outcome("b", ok=False))
    assert (tmp_path / "log").read_text(encoding="utf-8").splitlines()[1].startswith("[2/2] failed ")


@pytest.mark.skipif(not hasattr(os, "openpty"), reason="needs a pseudo-terminal")
def test_a_real_terminal_shows_the_bar(workspace):
    import pty  # noqa: F401 - POSIX only, like os.openpty

    primary, secondary = os.openpty()
    command = [sys.executable, "-m", "letterkit", "draft", "data/letters", "-f", "txt", "-j", "1"]
    process = subprocess.run(command, stdout=secondary, stderr=subprocess.PIPE, cwd=workspace, timeout=60)
    os.close(secondary)
    output = b""
    while True:
        try:
            chunk = os.read(primary, 65536)
        except OSError:  # the terminal's other end is closed: all read
            break
        if not chunk:
            break
        output += chunk
    os.close(primary)
    assert process.returncode == 0, process.stderr
    text = output.decode("utf-8", "replace")
    assert "drafting" in text and "2/2" in text
    assert "[1/2]" not in text
    assert "drafted 2 of 2 letters into output/" in text


# --- Ctrl-C ----------------------------------------------------------------------------


@pytest.mark.parametrize("workers", [1, 2])
def test_ctrl_c_stops_the_batch_and_leaves_only_whole_drafts(letters, workspace, workers):
    jobs = batch.plan(batch.collect_letters([letters]), out=workspace / "out")
    assert len(jobs) == 3

    def interrupt(outcome):
        raise KeyboardInterrupt

    with pytest.raises(batch.Interrupted) as interrupted:
        batch.draft_all(jobs, batch.Options(formats=("txt", "html")), workers=workers, on_outcome=interrupt)
    assert len(interrupted.value.outcomes) >= 1
    drafted = sorted((workspace / "out").iterdir())
    assert 1 <= len(drafted) <= workers + 1  # the first, and any a worker had already started
    for folder in drafted:  # each letter has all its files or none, and no temporaries
        assert sorted(p.name for p in folder.iterdir()) == _written(folder.name, ("txt", "html", "document.json"))


@pytest.mark.skipif(batch._START_METHOD != "fork", reason="workers are forked only on Linux")
def test_workers_are_forked_while_this_process_runs_no_other_thread(letters, workspace, monkeypatch):
    import threading

    threads_at_fork = []
    real_fork = os.fork

    def fork():
        threads_at_fork.append(threading.active_count())
        return real_fork()

    monkeypatch.setattr(os, "fork", fork)
    jobs = batch.plan(batch.collect_letters([letters]), out=workspace / "out")
    with _progress(len(jobs), _Terminal()) as progress:  # the bar draws without a thread of its own
        outcomes = batch.draft_all(jobs, batch.Options(formats=("txt",)), workers=2, on_outcome=progress.advance)
    assert all(outcome.ok for outcome in outcomes)
    assert threads_at_fork == [1, 1]


def test_the_draft_options_apply_to_every_letter_of_a_batch(letters, workspace):
    # --ascii (as --templates, --allow-draft-templates, --companies and --strict) reaches the workers.
    stems = ("aurora-2026-letter-to-shareholders", "callisto-copy")
    singles = [
        _run("draft", f"data/letters/{stem}.yaml", "--out", f"single/{stem}", "-f", "txt", "--ascii") for stem in stems
    ]
    result = _run(
        "draft", *(f"data/letters/{stem}.yaml" for stem in stems), "--out", "batch", "-f", "txt", "--ascii", "-j", "2"
    )
    # Release-check errors (exit 4) still write the files, alone or in a batch.
    assert result.exit_code == max(single.exit_code for single in singles) in (0, 4), result.output
    for stem in stems:
        text = (workspace / "batch" / stem / f"{stem}.txt").read_bytes()
        assert text == (workspace / "single" / stem / f"{stem}.txt").read_bytes()
    assert text.isascii()  # Callisto's text, all of whose characters have ASCII forms


# --- a worker that dies ----------------------------------------------------------------


def _die_by(signum):
    def die():
        faulthandler.disable()  # pytest's: it would print the worker's stack on SIGSEGV
        os.kill(os.getpid(), signum)

    return die


@pytest.mark.skipif(batch._START_METHOD != "fork", reason="a stand-in for drafting reaches only forked workers")
@pytest.mark.parametrize(
    ("death", "how"),
    [
        (_die_by(signal.SIGKILL), "was killed by SIGKILL (the system may have run out of memory)"),
        (_die_by(signal.SIGSEGV), "was killed by SIGSEGV"),
        (_die_by(signal.SIGTERM), "was killed by SIGTERM"),  # after cleaning up (child_processes)
        (lambda: os._exit(3), "exited with code 3"),
    ],
    ids=["SIGKILL", "SIGSEGV", "SIGTERM", "exit 3"],
)
@pytest.mark.parametrize("dying", ["aurora-2026-letter-to-shareholders", "extra-2"], ids=["first", "last"])
def test_a_worker_that_dies_costs_only_the_letter_it_was_drafting(letters, workspace, monkeypatch, death, how, dying):
    for number in range(3):  # six letters for two workers: after an early death, a new worker drafts the rest
        shutil.copy(CALLISTO, letters / f"extra-{number}.yaml")
    real_draft = drafting.draft

    def draft(letter, **options):
        if letter.stem == dying:
            death()
        return real_draft(letter, **options)

    monkeypatch.setattr(drafting, "draft", draft)  # before the pool forks its workers
    result = _run("draft", "data/letters", "--jobs", "2")
    assert result.exit_code == 5, result.output
    *findings, error, summary = result.stderr.splitlines()
    assert all(": info: " in line for line in findings)
    assert [error, summary] == [
        f"data/letters/{dying}.yaml: the worker process drafting it {how}",
        f"1 of 6 letters failed and was not written: data/letters/{dying}.yaml",
    ]
    assert result.stdout.splitlines()[-1] == "drafted 5 of 6 letters into output/"
    stems = sorted(path.stem for path in letters.glob("*.yaml"))
    assert sorted(path.name for path in (workspace / "output").iterdir()) == [stem for stem in stems if stem != dying]
    for stem in stems:
        if stem != dying:
            assert sorted(p.name for p in (workspace / "output" / stem).iterdir()) == _written(stem)
