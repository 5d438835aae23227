"""A file is hashed once while it stays the same, and again as soon as it changes."""

import hashlib
import os
import time

from letterkit import digests
from letterkit.digests import file_digest


def test_an_unchanged_file_is_read_once_and_a_changed_one_again(tmp_path, monkeypatch):
    font = tmp_path / "font.ttf"
    font.write_bytes(b"approved")
    assert file_digest(font) == (hashlib.sha256(b"approved").hexdigest(), 8)
    reads = []
    real_read = digests.sha256_and_size
    monkeypatch.setattr(digests, "sha256_and_size", lambda path, **kw: reads.append(path) or real_read(path, **kw))
    assert file_digest(font) == (hashlib.sha256(b"approved").hexdigest(), 8)
    assert reads == []
    # same size, mtime set back by hand: ctime still moves, so the change is seen
    stat = font.stat()
    deadline = time.monotonic() + 2
    while font.stat().st_ctime_ns == stat.st_ctime_ns and time.monotonic() < deadline:
        time.sleep(0.005)  # the kernel's file clock ticks every few ms; wait for the next tick
        font.write_bytes(b"tampered")
    os.utime(font, ns=(stat.st_atime_ns, stat.st_mtime_ns))
    assert file_digest(font) == (hashlib.sha256(b"tampered").hexdigest(), 8)
    assert reads == [font.resolve()]
