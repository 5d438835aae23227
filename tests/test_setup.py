"""scripts/setup waits for another apt/dpkg process instead of failing with apt's exit code 100."""

import fcntl
import os
import subprocess
import threading
from pathlib import Path

WAIT = Path(__file__).resolve().parent.parent / "scripts" / "wait-for-package-manager"


def _wait(locks, seconds):
    return subprocess.run(
        [str(WAIT), *map(str, locks)],
        env={**os.environ, "LETTERKIT_APT_WAIT": str(seconds)},
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_free_locks_pass_at_once_and_silently(tmp_path):
    lock = tmp_path / "lock-frontend"
    lock.touch()
    result = _wait([lock, tmp_path / "absent"], 5)
    assert (result.returncode, result.stdout, result.stderr) == (0, "", "")


def test_a_lock_held_past_the_timeout_is_one_clear_message(tmp_path):
    lock = tmp_path / "lock-frontend"
    with open(lock, "a") as held:
        fcntl.lockf(held, fcntl.LOCK_EX)  # as apt holds it: an fcntl lock, which flock(1) would not see
        result = _wait([lock], 1)
    assert result.returncode == 1
    assert result.stdout == f"setup: waiting for another apt/dpkg process to release {lock} (at most 1 s) ...\n"
    assert result.stderr == (
        f"setup: another apt/dpkg process still holds {lock} after 1 s; let it finish (or stop it), then run "
        "scripts/setup again (LETTERKIT_APT_WAIT=SECONDS waits longer)\n"
    )


def test_a_lock_released_in_time_lets_setup_go_on(tmp_path):
    lock = tmp_path / "lock"
    held = open(lock, "a")  # noqa: SIM115 - released by the timer below
    fcntl.lockf(held, fcntl.LOCK_EX)
    timer = threading.Timer(1.5, held.close)  # closing the file releases the lock
    timer.start()
    try:
        result = _wait([lock], 30)
    finally:
        timer.join()
    assert result.returncode == 0, result.stderr
    first, last = result.stdout.splitlines()
    assert first == f"setup: waiting for another apt/dpkg process to release {lock} (at most 30 s) ..."
    assert last.startswith("setup: the package manager is free after ") and last.endswith(" s")
