"""A file is hashed once while it stays the same, and again as soon as it changes."""

import hashlib
import os
import time

from letterkit.digests import file_sha256


def test_an_unchanged_file_is_read_once_and_a_changed_one_again(tmp_path, monkeypatch):
    font = tmp_path / "font.ttf"
    font.write_bytes(b"approved")
    assert file_sha256(font) == hashlib.sha256(b"approved").hexdigest()
    reads = []
    real_read = type(font).read_bytes
    monkeypatch.setattr(type(font), "read_bytes", lambda self: reads.append(self) or real_read(self))
    assert file_sha256(font) == hashlib.sha256(b"approved").hexdigest()
    assert reads == []
    # same size, mtime set back by hand: ctime still moves, so the change is seen
    stat = font.stat()
    deadline = time.monotonic() + 2
    while font.stat().st_ctime_ns == stat.st_ctime_ns and time.monotonic() < deadline:
        time.sleep(0.005)  # the kernel's file clock ticks every few ms; wait for the next tick
        font.write_bytes(b"tampered")
    os.utime(font, ns=(stat.st_atime_ns, stat.st_mtime_ns))
    assert file_sha256(font) == hashlib.sha256(b"tampered").hexdigest()
