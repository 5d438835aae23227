"""Ctrl-C at any moment, and SIGKILL: real `letterkit` processes, real signals, what is left afterwards.

Ctrl-C is sent as a terminal sends it, to the whole process group (the PDF helper and batch
workers get it too). An interrupted run ends with exit 130 and exactly one line on stderr
(after whatever the command had printed by then), no traceback, and its output folder holds
the complete earlier draft or the complete new one. SIGKILL goes to the letterkit process
alone: every process it started must then end by itself, leaving no temporary font folder.

Two moments are out of letterkit's reach, and recognised here for what they are: the
interpreter's start before Python has a SIGINT handler (the process ends by the signal,
printing nothing), and Python's own start-up before the first line of letterkit runs
(`site`, the console script's `import re`): a KeyboardInterrupt traceback with no frame in
letterkit's code.
"""

from __future__ import annotations

import hashlib
import os
import random
import shutil
import signal
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import pytest

import letterkit
from letterkit.entry import NOTHING_WRITTEN

from conftest import AURORA, CALLISTO

pytestmark = pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="reads processes from /proc")

_CONSOLE_SCRIPT = Path(sys.executable).with_name("letterkit")
LETTERKIT = [str(_CONSOLE_SCRIPT)] if _CONSOLE_SCRIPT.exists() else [sys.executable, "-m", "letterkit"]
PACKAGE_DIR = str(Path(letterkit.__file__).parent)
CALLISTO_ARG = f"data/letters/{CALLISTO.name}"
STEMS = sorted([CALLISTO.stem, AURORA.stem])  # the letters of the two_examples workspace
RUNS = 6  # moments per test, spread over the run (each test picks new ones)


# --- processes, from /proc --------------------------------------------------------------


def _stat(pid: int) -> tuple[int, str, str] | None:
    """(parent pid, state, start time) of a process, or None when there is none."""
    try:
        text = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return None
    fields = text.rsplit(")", 1)[1].split()  # after "pid (command)"
    return int(fields[1]), fields[0], fields[19]


def _descendants(pid: int) -> dict[int, str]:
    """Every process below `pid`, with its start time (so that a reused pid is not taken for it)."""
    parents: dict[int, list[int]] = {}
    started: dict[int, str] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit() and (stat := _stat(int(entry.name))) is not None:
            parents.setdefault(stat[0], []).append(int(entry.name))
            started[int(entry.name)] = stat[2]
    found: dict[int, str] = {}
    queue = [pid]
    while queue:
        for child in parents.get(queue.pop(), []):
            found[child] = started[child]
            queue.append(child)
    return found


def _running(processes: dict[int, str]) -> list[int]:
    """Those still running: not gone, and not a zombie (this machine's init may not reap orphans)."""
    running = []
    for pid, start in processes.items():
        stat = _stat(pid)
        if stat is not None and stat[2] == start and stat[1] != "Z":
            running.append(pid)
    return running


def _assert_all_end(processes: dict[int, str], what: str) -> None:
    deadline = time.monotonic() + 30  # a bound for a loaded machine, not a timing
    while _running(processes) and time.monotonic() < deadline:
        time.sleep(0.05)
    left = _running(processes)
    for pid in left:  # not to leave them to the next test
        os.kill(pid, signal.SIGKILL)
    assert not left, f"{what}: processes it started are still running: {left}"


# --- runs ---------------------------------------------------------------------------------


@dataclass
class Run:
    returncode: int
    stdout: str
    stderr: str
    descendants: dict[int, str]  # the processes below letterkit when the signal was sent


def _run(args: list[str], workspace: Path, tmp: Path, *, signal_after: float | None = None, kill=False) -> Run:
    """`letterkit ARGS`; after `signal_after` seconds, Ctrl-C (or SIGKILL with `kill`)."""
    process = subprocess.Popen(
        [*LETTERKIT, *args],
        cwd=workspace,
        env={**os.environ, "TMPDIR": str(tmp)},
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        process_group=0,  # its own group, as a terminal's foreground job has
    )
    descendants: dict[int, str] = {}
    if signal_after is not None:
        time.sleep(signal_after)
        descendants = _descendants(process.pid)
        try:
            if kill:
                process.kill()
            else:
                os.killpg(process.pid, signal.SIGINT)
        except ProcessLookupError:  # already over
            pass
    stdout, stderr = process.communicate(timeout=120)
    return Run(process.returncode, stdout.decode(), stderr.decode(), descendants)


def _moments(duration: float) -> list[float]:
    """RUNS moments from 0 to past the end of a run that takes `duration`: one in each slice, at random."""
    step = 1.25 * duration / RUNS
    return [0.0] + [(index + random.random()) * step for index in range(1, RUNS)]


def _tree(folder: Path) -> dict[str, str]:
    """Every file below `folder` (hidden ones too) and its SHA-256."""
    if not folder.exists():
        return {}
    return {
        str(path.relative_to(folder)): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(folder.rglob("*"))
        if not path.is_dir()
    }


def _before_letterkit_ran(run: Run) -> bool:
    """Ctrl-C came while Python itself started, before any of letterkit's code: out of its reach."""
    if run.returncode == -signal.SIGINT:  # no SIGINT handler yet: ended by the signal, silently
        return run.stdout == run.stderr == ""
    return (
        run.stdout == ""
        and run.stderr.startswith(("Traceback", *(f"Fatal Python error: init_{step}" for step in ("import_site", "sys_streams"))))
        and run.stderr.rstrip().endswith("KeyboardInterrupt")
        and PACKAGE_DIR not in run.stderr
    )


def _interrupt_line(run: Run, normal_stderr: str) -> str:
    """The one line an interrupted run added to what the command printed before it; checks the rest."""
    assert run.returncode == 130, (run.returncode, run.stderr)
    assert "Traceback" not in run.stderr, run.stderr
    *printed, line = run.stderr.splitlines()
    assert printed == normal_stderr.splitlines()[: len(printed)], run.stderr
    return line


def _changed_letters(workspace: Path) -> dict[Path, str]:
    """Edit both example letters (another earlier draft than the new one); the original texts."""
    originals = {}
    for letter in (workspace / "data" / "letters").glob("*.yaml"):
        originals[letter] = letter.read_text(encoding="utf-8")
        letter.write_text(originals[letter].replace("look forward to", "expect to be"), encoding="utf-8")
    return originals


def _earlier_and_new(workspace: Path, tmp: Path, args: list[str]) -> tuple[dict[str, str], Run, float]:
    """Draft the edited letters (the earlier draft), then the letters as they are (the new one)."""
    originals = _changed_letters(workspace)
    assert _run(args, workspace, tmp).returncode == 0
    earlier = _tree(workspace / "output")
    for letter, text in originals.items():
        letter.write_text(text, encoding="utf-8")
    shutil.copytree(workspace / "output", workspace / "earlier")
    started = time.monotonic()
    normal = _run(args, workspace, tmp)
    duration = time.monotonic() - started
    assert normal.returncode == 0, normal.stderr
    assert _tree(workspace / "output") != earlier
    return earlier, normal, duration


def _back_to_the_earlier_draft(workspace: Path) -> None:
    shutil.rmtree(workspace / "output")
    shutil.copytree(workspace / "earlier", workspace / "output")


def _assert_nothing_left(run: Run, tmp: Path, what: str) -> None:
    _assert_all_end(run.descendants, what)
    assert not list(tmp.glob("weasyprint-*")), f"{what}: WeasyPrint's temporary font folder was left"
    assert not list(tmp.iterdir()), f"{what}: a temporary file or folder was left"  # a child's own folder too


@pytest.fixture
def tmp(tmp_path):
    """The TMPDIR of the letterkit processes (WeasyPrint puts its font folders there)."""
    folder = tmp_path / "tmpdir"
    folder.mkdir()
    return folder


# --- Ctrl-C at random moments -----------------------------------------------------------


def test_ctrl_c_at_any_moment_of_a_draft(workspace, tmp):
    args = ["draft", CALLISTO_ARG]  # every format; on 2 CPUs the PDF comes from the helper process
    earlier, normal, duration = _earlier_and_new(workspace, tmp, args)
    new = _tree(workspace / "output")
    written = f"interrupted after writing the draft into output/{CALLISTO.stem}/ in full."
    for moment in _moments(duration):
        _back_to_the_earlier_draft(workspace)
        run = _run(args, workspace, tmp, signal_after=moment)
        what = f"Ctrl-C after {moment:.3f} s"
        outputs = _tree(workspace / "output")
        if run.returncode == 0:
            assert (run.stderr, outputs == new) == (normal.stderr, True), what
        elif _before_letterkit_ran(run):
            assert outputs == earlier, what
        else:
            line = _interrupt_line(run, normal.stderr)
            assert line in (NOTHING_WRITTEN, written), f"{what}: {line}"
            assert outputs == (earlier if line == NOTHING_WRITTEN else new), f"{what}: {line}"
        _assert_nothing_left(run, tmp, what)


def _files_of(tree: dict[str, str], stem: str) -> dict[str, str]:
    return {name: digest for name, digest in tree.items() if name.startswith(f"{stem}/")}


def test_ctrl_c_at_any_moment_of_a_batch(two_examples, tmp):
    workspace = two_examples
    args = ["draft", "data/letters", "-j", "2"]
    earlier, normal, duration = _earlier_and_new(workspace, tmp, args)
    new = _tree(workspace / "output")
    for moment in _moments(duration):
        _back_to_the_earlier_draft(workspace)
        run = _run(args, workspace, tmp, signal_after=moment)
        what = f"Ctrl-C after {moment:.3f} s"
        outputs = _tree(workspace / "output")
        assert {name.split("/")[0] for name in outputs} == set(STEMS), what
        for stem in STEMS:  # each letter has exactly its earlier draft or its new one
            assert _files_of(outputs, stem) in (_files_of(earlier, stem), _files_of(new, stem)), f"{what}: {stem}"
        drafted = sum(_files_of(outputs, stem) == _files_of(new, stem) for stem in STEMS)
        if run.returncode == 0:
            assert (run.stderr, drafted) == (normal.stderr, 2), what
        elif _before_letterkit_ran(run):
            assert drafted == 0, what
        else:
            said = {
                NOTHING_WRITTEN: 0,  # before the batch started
                "interrupted: 0 of 2 letters were drafted; no others were written.": 0,
                "interrupted: 1 of 2 letters were drafted; no others were written.": 1,
                "interrupted: 2 of 2 letters were drafted; no others were written.": 2,
                "interrupted after drafting 2 of 2 letters into output/.": 2,  # as the report was printed
            }
            line = _interrupt_line(run, normal.stderr)
            assert said.get(line) == drafted, f"{what}: {line} ({drafted} drafted)"
        _assert_nothing_left(run, tmp, what)


def test_ctrl_c_at_any_moment_of_validate(workspace, tmp):
    args = ["validate", CALLISTO_ARG]
    started = time.monotonic()
    normal = _run(args, workspace, tmp)
    duration = time.monotonic() - started
    assert normal.returncode == 0
    for moment in _moments(duration):
        run = _run(args, workspace, tmp, signal_after=moment)
        what = f"Ctrl-C after {moment:.3f} s"
        if run.returncode == 0:
            assert (run.stdout, run.stderr) == (normal.stdout, ""), what
        elif not _before_letterkit_ran(run):
            assert _interrupt_line(run, "") == NOTHING_WRITTEN, what
            # Nothing, or the whole verdict when Ctrl-C came as the process ended after printing it
            # (test_ctrl_c_while_the_interpreter_exits_ends_it_at_once): never a part of it.
            assert run.stdout in ("", normal.stdout), what
        assert not (workspace / "output").exists()


# --- SIGKILL at random moments: no process outlives its draft --------------------------


@pytest.mark.parametrize(
    "args",
    [["draft", CALLISTO_ARG, "-f", "pdf"], ["draft", "data/letters", "-j", "2"]],
    ids=["one letter, PDF helper", "batch, 2 workers"],
)
@pytest.mark.usefixtures("two_examples")
def test_killed_at_any_moment_every_process_it_started_ends_and_cleans_up(workspace, tmp, args):
    started = time.monotonic()
    assert _run(args, workspace, tmp).returncode == 0
    duration = time.monotonic() - started
    children_seen = 0
    for moment in _moments(duration):
        run = _run(args, workspace, tmp, signal_after=moment, kill=True)
        children_seen += bool(run.descendants)
        _assert_nothing_left(run, tmp, f"SIGKILL after {moment:.3f} s")
    assert children_seen, "no kill came while letterkit had child processes: the test tested nothing"


# --- Ctrl-C at chosen moments -----------------------------------------------------------


def _python(code: str, workspace: Path) -> subprocess.CompletedProcess[str]:
    """A Python process running `code` (which calls letterkit.entry.main)."""
    return subprocess.run([sys.executable, "-c", code], cwd=workspace, capture_output=True, text=True, timeout=120)


INTERRUPT = "import os, signal\ninterrupt = lambda *args, **kwargs: os.kill(os.getpid(), signal.SIGINT)\n"


def _validate_with_ctrl_c_as_typer_is_imported(how: str, workspace: Path) -> subprocess.CompletedProcess[str]:
    """`validate` in a process where the lines `how` run as typer (the CLI's first import) is found."""
    code = INTERRUPT + (
        "import sys, weakref\n"
        "class Finder:\n"
        "    def find_spec(self, name, path=None, target=None):\n"
        "        if name == 'typer':\n"
        + "".join(f"            {line}\n" for line in how.splitlines())
        + "sys.meta_path.insert(0, Finder())\n"
        "from letterkit.entry import main\n"
        f"sys.exit(main(['validate', {CALLISTO_ARG!r}]))\n"
    )
    return _python(code, workspace)


def test_ctrl_c_while_the_cli_is_imported(workspace):
    result = _validate_with_ctrl_c_as_typer_is_imported("interrupt()", workspace)
    assert (result.returncode, result.stdout, result.stderr) == (130, "", NOTHING_WRITTEN + "\n")


def test_ctrl_c_inside_a_callback_python_cannot_raise_from_still_interrupts(workspace):
    as_importlibs_module_lock_callback_is_interrupted = (
        "class Lock: pass\n"
        "lock = Lock()\n"
        "self.ref = weakref.ref(lock, lambda _: (interrupt(), sum(range(10**5))))\n"
        "del lock\n"
    )
    result = _validate_with_ctrl_c_as_typer_is_imported(as_importlibs_module_lock_callback_is_interrupted, workspace)
    assert (result.returncode, result.stdout, result.stderr) == (130, "", NOTHING_WRITTEN + "\n")


def test_ctrl_c_while_typer_reads_the_command_line(workspace):
    code = INTERRUPT + (
        "import sys, typer.main\n"
        "real = typer.main.get_command\n"  # builds the command line's parameters
        "typer.main.get_command = lambda app: interrupt() or real(app)\n"
        "from letterkit.entry import main\n"
        f"sys.exit(main(['validate', {CALLISTO_ARG!r}]))\n"
    )
    result = _python(code, workspace)
    assert (result.returncode, result.stdout, result.stderr) == (130, "", NOTHING_WRITTEN + "\n")


def test_ctrl_c_after_the_draft_was_written_says_so(workspace):
    code = INTERRUPT + (
        "import sys\n"
        "from letterkit import cli\n"
        "cli._report = lambda findings, strict=False: interrupt()\n"  # as the findings are printed
        "from letterkit.entry import main\n"
        f"sys.exit(main(['draft', {CALLISTO_ARG!r}, '-f', 'txt']))\n"
    )
    result = _python(code, workspace)
    folder = f"output/{CALLISTO.stem}"
    assert (result.returncode, result.stderr) == (130, f"interrupted after writing the draft into {folder}/ in full.\n")
    assert result.stdout.splitlines()[-1] == f"wrote {folder}/manifest.json"
    assert sorted(path.name for path in (workspace / folder).iterdir()) == [
        f"{CALLISTO.stem}.document.json",
        f"{CALLISTO.stem}.txt",
        "manifest.json",
    ]


def test_ctrl_c_while_the_interpreter_exits_ends_it_at_once(workspace):
    # An atexit handler registered after main() runs before letterkit's last one, as
    # multiprocessing's does (it waits for child processes).
    code = INTERRUPT + (
        "import atexit, sys, time\n"
        "from letterkit.entry import main\n"
        f"code = main(['validate', {CALLISTO_ARG!r}])\n"
        "atexit.register(lambda: (interrupt(), time.sleep(60)))\n"
        "sys.exit(code)\n"
    )
    result = _python(code, workspace)
    assert (result.returncode, result.stderr) == (130, NOTHING_WRITTEN + "\n")
    assert result.stdout == f"{CALLISTO_ARG}: ok (company profile data/companies/callisto.yaml)\n"  # flushed first


def test_ctrl_c_in_the_interpreters_last_moments_is_ignored(workspace):
    # An atexit handler registered before main() runs after letterkit's last one.
    code = INTERRUPT + (
        "import atexit, sys, time\n"
        "atexit.register(lambda: (interrupt(), time.sleep(0.1)))\n"
        "from letterkit.entry import main\n"
        f"sys.exit(main(['validate', {CALLISTO_ARG!r}]))\n"
    )
    result = _python(code, workspace)
    assert (result.returncode, result.stderr) == (0, "")


def test_ctrl_c_inside_a_command_is_its_one_line(workspace):
    code = INTERRUPT + (
        "import sys\n"
        "from letterkit import drafting\n"
        "drafting.load = lambda *args, **kwargs: interrupt()\n"
        "from letterkit.entry import main\n"
        f"sys.exit(main(['validate', {CALLISTO_ARG!r}]))\n"
    )
    result = _python(code, workspace)
    assert (result.returncode, result.stdout, result.stderr) == (130, "", NOTHING_WRITTEN + "\n")


# Ctrl-C inside code that wraps whatever it catches: Python's class creation calls __set_name__
# (a pydantic model's validators) and raises a RuntimeError from the KeyboardInterrupt;
# pydantic-core's validator building raises a SchemaError holding only its text.
AS_A_CLASS_IS_DEFINED = (
    "class Descriptor:\n"
    "    def __set_name__(self, owner, name):\n"
    "        interrupt(); sum(range(10**6))\n"
    "class Model:\n"
    "    field = Descriptor()\n"
)
AS_PYDANTIC_CORE_BUILDS_A_VALIDATOR = (
    "import pydantic_core\n"
    "raise pydantic_core.SchemaError("
    "'Error building \"model\" validator:\\n  SchemaError: Error building \"function-after\" validator:\\n"
    "  KeyboardInterrupt: ')\n"
)


@pytest.mark.parametrize("wrapped", [AS_A_CLASS_IS_DEFINED, AS_PYDANTIC_CORE_BUILDS_A_VALIDATOR], ids=["set_name", "schema"])
def test_ctrl_c_wrapped_in_another_exception_inside_a_command_is_still_its_one_line(workspace, wrapped):
    code = INTERRUPT + (
        "import sys\n"
        "from letterkit import drafting\n"
        "def load(*args, **kwargs):\n"
        + "".join(f"    {line}\n" for line in wrapped.splitlines())
        + "drafting.load = load\n"
        "from letterkit.entry import main\n"
        f"sys.exit(main(['validate', {CALLISTO_ARG!r}]))\n"
    )
    result = _python(code, workspace)
    assert (result.returncode, result.stdout, result.stderr) == (130, "", NOTHING_WRITTEN + "\n")


@pytest.mark.parametrize("wrapped", [AS_A_CLASS_IS_DEFINED, AS_PYDANTIC_CORE_BUILDS_A_VALIDATOR], ids=["set_name", "schema"])
def test_ctrl_c_wrapped_in_another_exception_while_the_cli_is_imported(workspace, wrapped):
    result = _validate_with_ctrl_c_as_typer_is_imported(wrapped, workspace)
    assert (result.returncode, result.stdout, result.stderr) == (130, "", NOTHING_WRITTEN + "\n")


def test_a_real_error_that_merely_follows_an_interrupt_elsewhere_is_still_a_bug_report(workspace):
    code = (
        "import sys\n"
        "from letterkit import drafting\n"
        "def load(*args, **kwargs):\n"
        "    raise RuntimeError('Error building: ValueError: no interrupt here')\n"
        "drafting.load = load\n"
        "from letterkit.entry import main\n"
        f"sys.exit(main(['validate', {CALLISTO_ARG!r}]))\n"
    )
    result = _python(code, workspace)
    assert (result.returncode, result.stderr) == (
        1,
        "internal error: RuntimeError: Error building: ValueError: no interrupt here (run with --debug for the traceback)\n",
    )


# --- the command line, as click's main would run it -------------------------------------


@pytest.mark.parametrize(
    "args",
    [[], ["--help"], ["--version"], ["draft", "--help"], ["nosuch"], ["draft", "data/letters", "-j", "0"],
     ["validate"], ["exchanges"]],
    ids=" ".join,
)
def test_the_command_behaves_as_typers_own_main(workspace, args):
    typers_main = [sys.executable, "-c", "from letterkit.cli import app; app(prog_name='letterkit')"]
    expected = subprocess.run([*typers_main, *args], cwd=workspace, capture_output=True, text=True, timeout=60)
    result = subprocess.run([*LETTERKIT, *args], cwd=workspace, capture_output=True, text=True, timeout=60)
    assert (result.returncode, result.stdout, result.stderr) == (expected.returncode, expected.stdout, expected.stderr)
    assert "Traceback" not in result.stderr


def test_a_closed_stdout_ends_quietly(workspace):
    reader, writer = os.pipe()
    os.close(reader)  # nobody reads: the first write fails with EPIPE
    result = subprocess.run([*LETTERKIT, "schema"], cwd=workspace, stdout=writer, stderr=subprocess.PIPE, timeout=60)
    os.close(writer)
    assert (result.returncode, result.stderr) == (1, b"")


# --- child processes end with their parent ---------------------------------------------


def test_a_child_whose_parent_is_already_gone_ends_at_once_and_cleans_up(workspace):
    # Its parent died before the child could ask the kernel to follow it: the child's parent is
    # then another process than the one that started it (here: a pid that is not its parent).
    code = (
        "import os\n"
        "from letterkit import child_processes\n"
        "child_processes.run_as_child(\n"
        "    os.getpid(), lambda: print('worked', flush=True), cleanup=lambda: print('cleaned up', flush=True)\n"
        ")\n"
    )
    result = _python(code, workspace)
    assert (result.returncode, result.stdout, result.stderr) == (-signal.SIGTERM, "cleaned up\n", "")


def test_the_pdf_helper_killed_with_its_parent_while_it_lays_out_leaves_no_font_folder(workspace, tmp):
    code = (
        "import sys, time\n"
        "from letterkit.writers.pdf_process import PdfProcess\n"
        "from letterkit.writers.html_writer import default_stylesheet, render_html\n"
        "sys.path.insert(0, sys.argv[1])\n"
        "from sample_documents import every_role_document\n"
        "document = every_role_document()\n"
        "helper = PdfProcess()\n"
        "helper._connection.send((render_html(document, stylesheet=default_stylesheet()), document.metadata.date))\n"
        "print(helper._process.pid, flush=True)\n"
        "time.sleep(120)\n"
    )
    for moment in (0.0, 0.2, 0.4):  # importing WeasyPrint, laying out, or done
        parent = subprocess.Popen(
            [sys.executable, "-c", code, str(Path(__file__).parent)],
            cwd=workspace,
            env={**os.environ, "TMPDIR": str(tmp)},
            stdout=subprocess.PIPE,
            text=True,
        )
        pid = int(parent.stdout.readline())
        time.sleep(moment)
        helper = {pid: _stat(pid)[2]}
        parent.kill()
        parent.wait()
        parent.stdout.close()
        _assert_all_end(helper, f"the PDF helper, its parent killed after {moment} s")
        assert not list(tmp.glob("weasyprint-*")), f"{moment} s: WeasyPrint's temporary font folder was left"


def test_sigterm_swallowed_inside_a_callback_in_a_child_still_ends_it(workspace):
    # A child's SIGTERM (Terminated) raised inside a callback Python cannot raise from is
    # delivered again a moment later, instead of "Exception ignored in …" and carrying on.
    code = (
        "import os, signal, sys, time, weakref\n"
        "from letterkit import entry\n"
        "from letterkit.child_processes import Terminated\n"
        "def terminate(signum, frame): raise Terminated()\n"
        "signal.signal(signal.SIGTERM, terminate)\n"
        "sys.unraisablehook = entry._interrupt_again_when_swallowed\n"
        "class Lock: pass\n"
        "lock = Lock()\n"
        "ref = weakref.ref(lock, lambda _: (os.kill(os.getpid(), signal.SIGTERM), sum(range(10**5))))\n"
        "try:\n"
        "    del lock\n"
        "    time.sleep(5)\n"
        "    print('carried on')\n"
        "except Terminated:\n"
        "    print('terminated')\n"
    )
    result = _python(code, workspace)
    assert (result.returncode, result.stdout, result.stderr) == (0, "terminated\n", "")


@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGINT])
def test_a_signal_becomes_ignored_with_no_moment_at_which_it_can_land_half_way(monkeypatch, signum):
    # CPython's signal.signal runs pending handlers, then changes the handler: a signal landing
    # between the two printed "Signal 15 ignored due to race condition" and a traceback (CI,
    # a child SIGTERMed by its parent and by the kernel as the parent ended). While the handler
    # changes, the signal must wait in the kernel, which discards it as it becomes ignored.
    from letterkit.child_processes import ignore_from_now_on

    calls = []

    def record(number, handler):
        calls.append((number, handler, signum in signal.pthread_sigmask(signal.SIG_BLOCK, set())))

    monkeypatch.setattr(signal, "signal", record)
    ignore_from_now_on(signum)
    assert calls == [(signum, signal.SIG_IGN, True)]
    assert signum not in signal.pthread_sigmask(signal.SIG_BLOCK, set())  # and only meanwhile
