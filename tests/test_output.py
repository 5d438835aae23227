"""Outputs are written all-or-nothing; a failed run leaves earlier files intact."""

import os

import pytest

from letterkit import output
from letterkit.errors import OutputError


def _files(folder):
    return sorted(p.name for p in folder.iterdir())


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
        calls.append(dst)
        if len(calls) == failing_call and str(src).endswith(".tmp"):
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


@pytest.mark.parametrize("name", ["../escape.txt", "..", "", "a/b.txt", "a\\b.txt", "x\x00.txt"])
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
