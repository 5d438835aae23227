"""A draft killed (SIGKILL) at any step of its final write: verify says so, the next write restores one whole set.

A real `letterkit draft` runs in a subprocess whose letterkit.output kills the process
with SIGKILL just before its k-th call that changes the folder (creating, linking,
renaming or deleting a file), for every k. The folder held a complete earlier draft
of the letter (txt, docx); the new draft of the changed letter writes txt and html, so
its write replaces files, adds one (html) and removes one (docx).
"""

from __future__ import annotations

import re
import shutil
import signal
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor

import pytest
from typer.testing import CliRunner

from letterkit import drafting, output
from letterkit.cli import app
from letterkit.output_journal import JOURNAL_NAME, LOCK_NAME

from conftest import CALLISTO

STEM = CALLISTO.stem
LETTER = f"data/letters/{STEM}.yaml"
FOLDER = f"output/{STEM}"

# Runs `letterkit ARGS…` with letterkit.output's os module wrapped: SIGKILL before call number KILL_AT
# of the calls that change the folder; prints how many such calls it made when it was not killed.
KILLING_DRAFT = """
import os, signal, sys
import letterkit.output
from letterkit.entry import main

kill_at, calls, real_os = int(sys.argv[1]), 0, letterkit.output.os


class KillingOs:
    def __getattr__(self, name):
        function = getattr(real_os, name)
        if name not in ("open", "link", "replace", "unlink"):
            return function

        def step(*args, **kwargs):
            global calls
            if name != "open" or args[1] & os.O_CREAT:  # opening a folder to flush it changes nothing
                calls += 1
                if calls == kill_at:
                    os.kill(os.getpid(), signal.SIGKILL)
            return function(*args, **kwargs)

        return step


letterkit.output.os = KillingOs()
sys.argv = ["letterkit", *sys.argv[2:]]
try:
    sys.exit(main())
finally:
    print(f"calls that change the folder: {calls}", file=sys.stderr)
"""

OWN_LEFTOVER = re.compile(r"^\.letterkit-[0-9a-f]{16}\..*\.(tmp|bak)$")


def _files(folder):
    """Every entry of `folder`, hidden ones included, with its bytes."""
    return {path.name: path.read_bytes() for path in sorted(folder.iterdir())}


def _killing_draft(cwd, kill_at):
    args = [sys.executable, "-c", KILLING_DRAFT, str(kill_at), "draft", LETTER, "-f", "txt,html"]
    return subprocess.run(args, cwd=cwd, capture_output=True, text=True, timeout=120)


def _verify(folder):
    return CliRunner().invoke(app, ["verify", str(folder)])


def _expected_verify_stderr(state):
    """What verify must print for a folder left in `state` by a killed draft (None: it must pass)."""
    if JOURNAL_NAME in state:
        return (
            f"verify: {FOLDER}: a draft was interrupted while it switched this folder to its new outputs, "
            f"so the files are a mix of two drafts ({JOURNAL_NAME} lists them); the next draft into this folder "
            "first restores the previous outputs from their backups: draft again, then verify\n"
        )
    lines = []
    for name in sorted(state):
        if OWN_LEFTOVER.match(name) and name.endswith(".tmp"):
            lines.append(
                f"{FOLDER}/{name}: a temporary file left by an interrupted draft, not an output; "
                "the next draft into this folder deletes it (or delete it yourself)"
            )
        elif OWN_LEFTOVER.match(name):
            lines.append(
                f"{FOLDER}/{name}: a backup of an earlier output left by an interrupted draft, not part of this draft; "
                "the next draft into this folder deletes it (or delete it yourself)"
            )
    if not lines:
        return None
    return "".join(f"{line}\n" for line in lines) + f"verify: {len(lines)} file(s) differ from {FOLDER}/manifest.json\n"


@pytest.fixture
def killed_drafts(workspace):
    """(old set, new set, [(k, folder as the kill left it, its path)]) for every k."""
    old = drafting.draft(workspace / LETTER, formats=["txt", "docx"]).written[0].parent
    letter = workspace / LETTER
    letter.write_text(
        letter.read_text(encoding="utf-8").replace("very eventful", "truly eventful", 1), encoding="utf-8"
    )
    new = drafting.draft(letter, out_dir=workspace / "new", formats=["txt", "html"]).written[0].parent
    old_set, new_set = _files(old), _files(new)
    assert old_set.keys() != new_set.keys() and old_set[f"{STEM}.txt"] != new_set[f"{STEM}.txt"]

    def run(kill_at):
        cwd = workspace / "runs" / str(kill_at)
        shutil.copytree(workspace / "data", cwd / "data")
        shutil.copy(workspace / "letterkit.toml", cwd / "letterkit.toml")  # a project of its own: drafts into cwd/output
        shutil.copytree(old, cwd / FOLDER)
        return kill_at, cwd, _killing_draft(cwd, kill_at)

    _, cwd, unkilled = run(0)
    assert unkilled.returncode == 0, unkilled.stderr
    assert _files(cwd / FOLDER) == new_set
    steps = int(re.search(r"calls that change the folder: (\d+)", unkilled.stderr)[1])
    with ThreadPoolExecutor(max_workers=4) as pool:
        runs = list(pool.map(run, range(1, steps + 1)))
    for kill_at, _, result in runs:
        assert result.returncode == -signal.SIGKILL, (kill_at, result.stderr)
    return old_set, new_set, [(kill_at, _files(cwd / FOLDER), cwd / FOLDER) for kill_at, cwd, _ in runs]


def test_a_draft_killed_at_any_step_leaves_a_folder_verify_explains_and_the_next_write_restores(
    killed_drafts, monkeypatch
):
    old_set, new_set, kills = killed_drafts
    outcomes = []
    for kill_at, state, folder in kills:
        monkeypatch.chdir(folder.parent.parent)
        result = _verify(FOLDER)
        expected = _expected_verify_stderr(state)
        if expected is None:
            assert result.exit_code == 0, (kill_at, result.output)
        else:
            assert (result.exit_code, result.stderr) == (1, expected), kill_at
        if JOURNAL_NAME in state:  # the user does what verify says: draft again
            again = folder.parent / "drafted-again"
            shutil.copytree(folder, again)
            drafted = CliRunner().invoke(app, ["draft", LETTER, "-f", "txt,html", "--out", str(again)])
            assert drafted.exit_code == 0, (kill_at, drafted.output)
            assert _files(again) == new_set, kill_at
        output.write_files_atomically(folder, {})  # the next write: recovery, then nothing of its own
        after = _files(folder)
        assert after in (old_set, new_set), (kill_at, sorted(state), sorted(after))
        if JOURNAL_NAME in state:
            assert after == old_set, kill_at  # a failed run changes nothing
        outcomes.append("old" if after == old_set else "new")
        assert _verify(FOLDER).exit_code == 0, kill_at
    # Killed before its commit point a draft changed nothing; after it, its whole set is in place.
    switch = outcomes.index("new")
    assert outcomes == ["old"] * switch + ["new"] * (len(outcomes) - switch)
    assert switch > 0
    states = [state for _, state, _ in kills]
    assert any(JOURNAL_NAME in state for state in states)  # killed while half-switched
    assert any(OWN_LEFTOVER.match(name) for state in states if JOURNAL_NAME not in state for name in state)
    assert any(LOCK_NAME in state for state in states)  # a killed writer's lock is no obstacle
