"""The processes letterkit starts (a single draft's PDF helper, a batch's workers) end with it.

A child process, from its first instruction to its last:

- **leaves Ctrl-C to its parent.** A terminal sends SIGINT to the whole process group, and
  only the parent decides what stops (a batch lets the letters being drafted finish). SIGINT
  is blocked in the parent while it starts a child and stays blocked in the child until it
  ignores SIGINT, so no moment exists at which a child turns it into a KeyboardInterrupt.
- **ends when its parent ends**, however that happens, SIGKILL included. On Linux the kernel
  sends it SIGTERM (PR_SET_PDEATHSIG); a parent that died before the child asked for that is
  noticed by the child's parent having changed. Elsewhere the pipe to the parent closing is
  the sign (the child's reads end), so a forked child closes the parent's ends it inherited.
- **cleans up on SIGTERM**: the work is unwound, the cleanup (WeasyPrint's temporary font
  folder) runs to its end, and the process then ends by SIGTERM, so the parent can tell.
- **keeps its temporary files in a folder of its own**, removed as it ends: a SIGTERM landing
  inside WeasyPrint between its making a font folder and keeping a reference to it would
  otherwise leave that folder behind, owned by no one.
"""

from __future__ import annotations

import os
import shutil
import signal
import sys
import tempfile
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from multiprocessing.connection import Connection

_PR_SET_PDEATHSIG = 1  # <linux/prctl.h>
_CAN_BLOCK = hasattr(signal, "pthread_sigmask")  # not on Windows, which has no process groups to signal


class Terminated(BaseException):
    """SIGTERM in a child: its parent is gone, or told it to stop."""


@contextmanager
def interrupts_held() -> Iterator[None]:
    """In the parent, around what must happen whole (starting a child, handing it a task).

    A Ctrl-C meanwhile waits: the parent gets it as usual, a KeyboardInterrupt as soon as this
    block ends (a child started in it ignores Ctrl-C by then). Blocks nest.
    """
    if not _CAN_BLOCK:
        yield
        return
    previous = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT})
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, previous)


def run_as_child(
    parent_pid: int,
    body: Callable[[], None],
    *,
    inherited: Iterable[Connection] = (),
    cleanup: Callable[[], None] = lambda: None,
) -> None:
    """The whole life of a child process started under interrupts_held() by `parent_pid`.

    `inherited`: the parent's ends of pipes, copied into a forked child, closed here.
    `cleanup` runs after `body` however it ends, with SIGTERM ignored so that it finishes,
    and after a SIGTERM's unwinding is over: the frames it unwound hold on to nothing then
    (WeasyPrint's font configuration is freed only once no frame of a render refers to it).
    """
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    if _CAN_BLOCK:  # SIGTERM waits until the private folder is made and known to the cleanup
        signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGTERM})
    private = _own_temporary_folder()
    signal.signal(signal.SIGTERM, _terminate)
    terminated = False
    try:  # entered before SIGTERM is let in: wherever it lands from here, the folder is removed
        if _CAN_BLOCK:
            signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGINT, signal.SIGTERM})
        for connection in inherited:
            connection.close()
        _end_with(parent_pid)
        body()
    except Terminated:
        terminated = True
    finally:
        try:
            ignore_from_now_on(signal.SIGTERM)
        except Terminated:  # SIGTERM came just as the body ended: its handler ignores any more
            terminated = True
        cleanup()
        shutil.rmtree(private, ignore_errors=True)
    if terminated:
        signal.signal(signal.SIGTERM, signal.SIG_DFL)
        os.kill(os.getpid(), signal.SIGTERM)  # ends here, as a process killed by SIGTERM


def _own_temporary_folder() -> str:
    """A new folder in the temporary folder, where this process's temporary files go from now on."""
    folder = tempfile.mkdtemp(prefix=f"letterkit-{os.getpid()}-")
    tempfile.tempdir = folder
    return folder


def release_fonts() -> None:
    """Remove WeasyPrint's temporary font folder now, if this process made one.

    It goes when the font configuration is destroyed, which a process ending in os._exit
    (children) or without its last garbage collections (the CLI) never does by itself.
    """
    pdf_writer = sys.modules.get("letterkit.writers.pdf_writer")  # never imported here: that costs ~0.3 s
    if pdf_writer is not None:
        pdf_writer.release_font_configuration()


def _terminate(signum: int, frame: object) -> None:
    ignore_from_now_on(signal.SIGTERM)  # once: the cleanup is not to be cut short
    raise Terminated


def ignore_from_now_on(signum: int) -> None:
    """signal.signal(signum, SIG_IGN) with no moment at which that signal lands half-way.

    CPython first runs the handlers of signals already noted, then changes the handler. A
    signal landing between the two is noted for a handler that is gone by the time Python
    looks, and Python prints "Signal 15 ignored due to race condition" with a traceback.
    Blocked meanwhile, it waits in the kernel, which discards it as it becomes ignored.
    """
    if not _CAN_BLOCK:
        signal.signal(signum, signal.SIG_IGN)
        return
    previous = signal.pthread_sigmask(signal.SIG_BLOCK, {signum})
    try:
        signal.signal(signum, signal.SIG_IGN)
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, previous)


def _end_with(parent_pid: int) -> None:
    if sys.platform.startswith("linux"):
        import ctypes

        ctypes.CDLL(None).prctl(_PR_SET_PDEATHSIG, signal.SIGTERM, 0, 0, 0)
    if os.getppid() != parent_pid:  # the parent died before the line above, or its signal would come
        raise Terminated
