"""Outputs are written all-or-nothing; a failed run leaves earlier files intact.

(A process killed at each step of the write: test_output_kill.py.)
"""

import fcntl
import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from letterkit import manifest, output
from letterkit.errors import OutputError
from letterkit.output_journal import JOURNAL_NAME, LOCK_NAME


def _files(folder):
    return sorted(p.name for p in folder.iterdir())


def _contents(folder):
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())}


def test_writes_every_file(tmp_path):
    written = output.write_files_atomically(tmp_path / "out", {"a.txt": b"A", "b.pdf": b"B"})
    assert [p.name for p in written] == ["a.txt", "b.pdf"]
    assert (tmp_path / "out" / "a.txt").read_bytes() == b"A"
    assert _files(tmp_path / "out") == ["a.txt", "b.pdf"]


@pytest.mark.parametrize("failing_call", [1, 2])
def test_a_failed_rename_rolls_back_every_file(tmp_path, monkeypatch, failing_call):
    folder = tmp_path / "out"
    output.write_files_atomically(folder, {"a.txt": b"old A", "b.pdf": b"old B"})
    real_replace, calls = os.replace, []

    def flaky_replace(src, dst):
        if Path(dst).name in ("a.txt", "b.pdf", "c.html"):  # a temporary renamed over its output
            calls.append(dst)
            if len(calls) == failing_call:
                raise OSError(28, "No space left on device")
        return real_replace(src, dst)

    monkeypatch.setattr(os, "replace", flaky_replace)
    with pytest.raises(OutputError, match="No space left on device"):
        output.write_files_atomically(folder, {"a.txt": b"new A", "b.pdf": b"new B", "c.html": b"new C"})
    assert (folder / "a.txt").read_bytes() == b"old A"
    assert (folder / "b.pdf").read_bytes() == b"old B"
    assert _files(folder) == ["a.txt", "b.pdf"]  # no temporaries, backups or half-new files


def test_an_interruption_while_writing_leaves_nothing_behind(tmp_path, monkeypatch):
    folder = tmp_path / "out"
    output.write_files_atomically(folder, {"a.txt": b"old A"})
    real_fsync, calls = os.fsync, []

    def interrupted_fsync(fd):
        calls.append(fd)
        if len(calls) == 2:
            raise KeyboardInterrupt
        return real_fsync(fd)

    monkeypatch.setattr(os, "fsync", interrupted_fsync)
    with pytest.raises(KeyboardInterrupt):
        output.write_files_atomically(folder, {"a.txt": b"new A", "b.txt": b"new B"})
    assert (folder / "a.txt").read_bytes() == b"old A"
    assert _files(folder) == ["a.txt"]


@pytest.mark.parametrize(
    "name",
    [
        "../escape.txt",
        "..",
        "",
        "a/b.txt",
        "a\\b.txt",
        "x\x00.txt",
        LOCK_NAME,
        JOURNAL_NAME,
        ".letterkit-0123456789abcdef.a.tmp",
    ],
)
def test_names_cannot_escape_the_output_folder(tmp_path, name):
    with pytest.raises(OutputError):
        output.write_files_atomically(tmp_path / "out", {name: b"x"})
    assert not (tmp_path / "escape.txt").exists()


def test_a_symlinked_output_name_pointing_outside_is_refused(tmp_path):
    folder = tmp_path / "out"
    folder.mkdir()
    (folder / "a.txt").symlink_to(tmp_path / "victim.txt")
    with pytest.raises(OutputError, match="resolves outside"):
        output.write_files_atomically(folder, {"a.txt": b"x"})
    assert not (tmp_path / "victim.txt").exists()


def test_files_to_remove_go_in_the_same_all_or_nothing_set(tmp_path, monkeypatch):
    folder = tmp_path / "out"
    output.write_files_atomically(folder, {"a.txt": b"old A", "a.pdf": b"old PDF"})
    output.write_files_atomically(folder, {"a.txt": b"new A"}, remove=("a.pdf", "a.docx"))
    assert _files(folder) == ["a.txt"]
    # and when the write fails, the file to remove is back too
    output.write_files_atomically(folder, {"a.pdf": b"old PDF"})
    real_unlink = os.unlink

    def failing_unlink(path, *args, **kwargs):
        if str(path).endswith("a.pdf"):
            raise OSError(13, "Permission denied")
        return real_unlink(path, *args, **kwargs)

    monkeypatch.setattr(os, "unlink", failing_unlink)
    with pytest.raises(OutputError, match="Permission denied"):
        output.write_files_atomically(folder, {"a.txt": b"newer A"}, remove=("a.pdf",))
    monkeypatch.setattr(os, "unlink", real_unlink)
    assert (folder / "a.txt").read_bytes() == b"new A"
    assert (folder / "a.pdf").read_bytes() == b"old PDF"
    assert _files(folder) == ["a.pdf", "a.txt"]


def test_ctrl_c_while_switching_puts_every_file_back(tmp_path, monkeypatch):
    folder = tmp_path / "out"
    output.write_files_atomically(folder, {"a.txt": b"old A", "b.pdf": b"old B"})
    real_replace = os.replace

    def interrupted_replace(src, dst):
        if Path(dst).name == "b.pdf" and str(src).endswith(".tmp"):  # after a.txt was switched and c.html added
            raise KeyboardInterrupt
        return real_replace(src, dst)

    monkeypatch.setattr(os, "replace", interrupted_replace)
    with pytest.raises(KeyboardInterrupt):
        output.write_files_atomically(folder, {"a.txt": b"new A", "c.html": b"new C", "b.pdf": b"new B"})
    assert _contents(folder) == {"a.txt": b"old A", "b.pdf": b"old B"}


def test_a_roll_back_that_fails_too_is_finished_by_the_next_write(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    folder = tmp_path / "out"
    output.write_files_atomically(folder, {"a.txt": b"old A", "b.pdf": b"old B"})
    real_replace = os.replace

    def failing_replace(src, dst):
        if Path(dst).name == "b.pdf" and str(src).endswith(".tmp"):
            raise OSError(28, "No space left on device")
        if str(src).endswith(".bak"):  # putting a.txt back fails as well
            raise OSError(5, "Input/output error")
        return real_replace(src, dst)

    monkeypatch.setattr(os, "replace", failing_replace)
    with pytest.raises(OutputError) as failure:
        output.write_files_atomically(folder, {"a.txt": b"new A", "b.pdf": b"new B"})
    monkeypatch.setattr(os, "replace", real_replace)
    assert str(failure.value) == (
        "cannot write into out: No space left on device; restoring the previous files failed too "
        "(Input/output error): the next draft into this folder restores them first"
    )
    assert (folder / "a.txt").read_bytes() == b"new A"  # half-switched, as the journal records
    assert JOURNAL_NAME in _files(folder)
    output.write_files_atomically(folder, {})
    assert _contents(folder) == {"a.txt": b"old A", "b.pdf": b"old B"}


def test_the_next_write_deletes_letterkit_leftovers_and_nothing_else(tmp_path):
    folder = tmp_path / "out"
    output.write_files_atomically(folder, {"a.txt": b"A"})
    leftovers = [
        ".letterkit-0123456789abcdef.a.txt.tmp",
        ".letterkit-fedcba9876543210.a.txt.bak",
        ".letterkit-0123456789abcdef.journal.tmp",
        ".a.txt.k3j_4h5g.tmp",  # an earlier letterkit's temporary (tempfile's naming) and backup of a.txt
        f".a.txt.{'0' * 32}.bak",
    ]
    users = [
        ".notes.20240101.tmp",
        ".letterkit-notes.tmp",
        ".DS_Store",
        "b.tmp",
        ".letterkit",
        "c.txt",
        ".c.txt.k3j_4h5g.tmp",  # another program's temporary of c.txt (not a file letterkit writes here)
    ]
    for name in leftovers + users:
        (folder / name).write_bytes(b"x")
    output.write_files_atomically(folder, {"a.txt": b"new A"})
    assert _files(folder) == sorted(["a.txt", *users])


@pytest.mark.parametrize(
    ("journal", "problem"),
    [
        ("{", ".letterkit-journal.json:1:2: not valid JSON: Expecting property name enclosed in double quotes"),
        (
            {"format": "letterkit-write-journal/1", "steps": [{"target": "../x", "temporary": None, "backup": None}]},
            ".letterkit-journal.json:1:62: steps[0].target: not a file name in this folder: '../x'",
        ),
        (
            {"format": "letterkit-write-journal/1", "steps": [{"target": "a.txt", "temporary": None, "backup": "x"}]},
            ".letterkit-journal.json:1:100: steps[0].backup: not the name of a letterkit backup: 'x'",
        ),
    ],
    ids=["not JSON", "a target outside", "not a backup"],
)
def test_a_journal_letterkit_did_not_write_stops_the_write_and_changes_nothing(tmp_path, monkeypatch, journal, problem):
    monkeypatch.chdir(tmp_path)
    folder = tmp_path / "out"
    output.write_files_atomically(folder, {"a.txt": b"old A"})
    (folder / JOURNAL_NAME).write_text(journal if isinstance(journal, str) else json.dumps(journal))
    before = _contents(folder)
    with pytest.raises(OutputError) as failure:
        output.write_files_atomically(folder, {"a.txt": b"new A"})
    assert str(failure.value) == (
        f"out/{problem}; it is not a journal letterkit wrote, so the files of the interrupted draft cannot be "
        f"restored: check out, then remove {JOURNAL_NAME}"
    )
    assert _contents(folder) == before


def test_a_lock_file_that_is_a_symbolic_link_is_refused(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    folder = tmp_path / "out"
    folder.mkdir()
    (folder / LOCK_NAME).symlink_to(tmp_path / "elsewhere")
    with pytest.raises(OutputError) as failure:
        output.write_files_atomically(folder, {"a.txt": b"A"})
    assert (
        str(failure.value)
        == f"out/{LOCK_NAME} is a symbolic link; letterkit's lock file must be a plain file: remove it"
    )
    assert not (tmp_path / "elsewhere").exists()
    assert _files(folder) == [LOCK_NAME]


WRITER = (
    "import sys; from pathlib import Path; from letterkit import output\n"
    "output.write_files_atomically(Path(sys.argv[1]), {'a.txt': b'new A', 'b.txt': b'new B'})"
)


def _waiting_for_a_lock(pid):
    """Whether process `pid` is blocked in flock: the kernel lists it in /proc/locks after `->`."""
    return any(
        fields[1] == "->" and fields[5] == str(pid)
        for fields in (line.split() for line in Path("/proc/locks").read_text().splitlines())
    )


def test_a_second_writer_into_the_same_folder_waits_for_the_first(tmp_path):
    folder = tmp_path / "out"
    output.write_files_atomically(folder, {"a.txt": b"old A"})
    held = os.open(folder / LOCK_NAME, os.O_RDWR | os.O_CREAT)  # this process: a writer in the middle of its write
    fcntl.flock(held, fcntl.LOCK_EX)
    writer = subprocess.Popen([sys.executable, "-c", WRITER, str(folder)])
    try:
        for _ in range(12000):  # a guard against waiting for ever, not a timing
            if _waiting_for_a_lock(writer.pid) or writer.poll() is not None:
                break
            time.sleep(0.01)
        assert _waiting_for_a_lock(writer.pid)
        assert _contents(folder) == {LOCK_NAME: b"", "a.txt": b"old A"}  # not even a temporary yet
    finally:
        os.close(held)  # the first writer is done
    assert writer.wait(timeout=120) == 0
    assert _contents(folder) == {"a.txt": b"new A", "b.txt": b"new B"}


def test_manifest_json_is_switched_last_after_every_rename_and_removal(tmp_path, monkeypatch):
    folder = tmp_path / "out"
    output.write_files_atomically(folder, {"manifest.json": b"old", "a.txt": b"old A", "a.pdf": b"old PDF"})
    real_replace, real_unlink, switched = os.replace, os.unlink, []

    def recording_replace(src, dst):
        switched.append(("rename", Path(dst).name))
        return real_replace(src, dst)

    def recording_unlink(path, *args, **kwargs):
        switched.append(("remove", Path(path).name))
        return real_unlink(path, *args, **kwargs)

    monkeypatch.setattr(os, "replace", recording_replace)
    monkeypatch.setattr(os, "unlink", recording_unlink)
    output.write_files_atomically(
        folder, {"manifest.json": b"new", "a.txt": b"new A", "b.txt": b"B"}, remove=("a.pdf",)
    )
    changes = [change for change in switched if not change[1].startswith(".letterkit")]
    assert changes == [("rename", "a.txt"), ("rename", "b.txt"), ("remove", "a.pdf"), ("rename", "manifest.json")]
    assert switched.index(("remove", JOURNAL_NAME)) == switched.index(("rename", "manifest.json")) + 1  # the commit
    assert output.COMMITTED_LAST == manifest.FILE_NAME


def test_a_long_or_undecodable_output_name_gets_temporaries_within_the_name_limit(tmp_path):
    folder = tmp_path / "out"
    long_name, undecodable = "€" * 80 + ".txt", os.fsdecode(b"caf\xe9.txt")  # 244 bytes; not UTF-8
    for content in (b"old", b"new"):  # the second write makes backups and a journal too
        output.write_files_atomically(folder, {long_name: content, undecodable: content})
    assert _contents(folder) == {undecodable: b"new", long_name: b"new"}
