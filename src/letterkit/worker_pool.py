"""Worker processes given one task at a time, so that a worker's death costs only the task it had.

concurrent.futures' ProcessPoolExecutor cannot tell which task a dead worker was running or
how it died, and one death breaks the pool and fails every task not yet finished. Here each
worker has a pipe of its own and one task at a time: when a worker dies, its task gets a
`Died` (its exit code, or the signal that killed it), a new worker takes the tasks left, and
the others never notice.

- Workers start with child_processes' rules: Ctrl-C is this process's to handle, and they end
  with it, even when it is killed by SIGKILL.
- With the "fork" start method a worker is a copy of this process, forked while it runs no
  thread (this pool starts none); its collector never scans what it inherited (gc.freeze).
- Nothing here prints.
"""

from __future__ import annotations

import contextlib
import gc
import os
import signal
from collections import deque
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from letterkit import child_processes

if TYPE_CHECKING:
    from multiprocessing.connection import Connection
    from multiprocessing.context import BaseContext
    from multiprocessing.process import BaseProcess


@dataclass(frozen=True)
class Died:
    """The result of a task whose worker process died while it had it."""

    exitcode: int  # negative: killed by that signal

    def describe(self) -> str:
        """How the worker ended: "exited with code 3", "was killed by SIGKILL (…)"."""
        if self.exitcode >= 0:
            return f"exited with code {self.exitcode}"
        number = -self.exitcode
        try:
            name = signal.Signals(number).name
        except ValueError:
            name = f"signal {number}"
        if name == "SIGKILL":  # what the kernel's out-of-memory killer sends
            return "was killed by SIGKILL (the system may have run out of memory)"
        return f"was killed by {name}"


@dataclass
class _Worker:
    process: BaseProcess
    connection: Connection  # this process's end of the worker's pipe
    task: int | None = None  # the index of the task it has


class WorkerPool:
    """Up to `size` workers, each running `initializer(*initargs)` once, then `work(task)` per task.

    The three functions are module-level (a spawned worker imports them); `cleanup` runs as a
    worker ends, however it ends.
    """

    def __init__(
        self,
        context: BaseContext,
        size: int,
        *,
        initializer: Callable[..., None],
        initargs: tuple[Any, ...],
        work: Callable[[Any], Any],
        cleanup: Callable[[], None],
    ):
        self._context, self._size = context, size
        self._setup = (initializer, initargs, work, cleanup)
        self._tasks: Sequence[Any] = ()
        self._pending: deque[int] = deque()
        self._busy: dict[Connection, _Worker] = {}
        self._ready: deque[tuple[int, Any]] = deque()  # results received, not yet handed on
        self._workers: list[_Worker] = []  # every worker started, busy or not, alive or not

    def run(self, tasks: Sequence[Any]) -> Iterator[tuple[int, Any]]:
        """(index, result) for every task as it finishes; a result is a `Died` if its worker died."""
        self._tasks, self._pending = tasks, deque(range(len(tasks)))
        while self._pending and len(self._busy) < self._size:
            self._give(self._start(), self._pending.popleft())
        while self._busy or self._ready:
            yield from self._finished(next_tasks=True)

    def finish(self) -> Iterator[tuple[int, Any]]:
        """After Ctrl-C: no task starts any more; those being run finish (a second Ctrl-C stops them)."""
        self._pending.clear()
        try:
            while self._busy or self._ready:
                yield from self._finished(next_tasks=False)
        except KeyboardInterrupt:
            for worker in self._busy.values():  # SIGTERM: each unwinds its task and cleans up
                worker.process.terminate()

    def close(self) -> None:
        """End every worker and wait for each: told by its pipe closing, it cleans up and exits."""
        self._busy.clear()
        for worker in self._workers:
            worker.connection.close()
        for worker in self._workers:
            worker.process.join()

    def _start(self) -> _Worker:
        ours, theirs = self._context.Pipe()
        # A forked worker also holds this process's ends of every pipe: it closes them, so
        # that a pipe closes (the portable sign of this process ending) when this process ends.
        ends = (*(worker.connection for worker in self._workers if not worker.connection.closed), ours)
        inherited = ends if self._context.get_start_method() == "fork" else ()
        process = self._context.Process(
            target=_serve, args=(theirs, os.getpid(), inherited, *self._setup), name="letterkit-worker"
        )
        with child_processes.interrupts_held():  # a Ctrl-C now is raised once all this is done
            gc.freeze()
            try:
                process.start()
            finally:
                gc.unfreeze()
            theirs.close()
            self._workers.append(_Worker(process, ours))
        return self._workers[-1]

    def _give(self, worker: _Worker, index: int) -> None:
        # Whole or not at all: a Ctrl-C between marking the worker busy and the task reaching
        # it (or in the middle of the message) would leave finish() waiting for a result
        # that never comes. It is raised as soon as the task is sent.
        with child_processes.interrupts_held():
            worker.task = index
            self._busy[worker.connection] = worker
            with contextlib.suppress(OSError):  # the worker is gone: its death comes with this task
                worker.connection.send(self._tasks[index])

    def _finished(self, *, next_tasks: bool) -> Iterator[tuple[int, Any]]:
        from multiprocessing.connection import wait

        for connection in wait(list(self._busy)) if self._busy else ():
            with child_processes.interrupts_held():  # whole: received, and its worker given its next task
                self._ready.append(self._collect(connection, next_tasks=next_tasks))
        # A Ctrl-C raised as the block above ends leaves the result here, for finish() to hand on;
        # one handed on is dropped only when the next is asked for (the caller has it by then).
        while self._ready:
            yield self._ready[0]
            self._ready.popleft()

    def _collect(self, connection: Connection, *, next_tasks: bool) -> tuple[int, Any]:
        """The result of the worker at `connection`, which has one; and that worker's next task."""
        worker: _Worker | None = self._busy.pop(connection)
        assert worker is not None and worker.task is not None
        index = worker.task
        try:
            result = connection.recv()
        except (EOFError, OSError):  # its end of the pipe closed: it died
            connection.close()
            worker.process.join()
            result = Died(worker.process.exitcode or 0)
            worker = None
        if next_tasks and self._pending:
            self._give(worker if worker is not None else self._start(), self._pending.popleft())
        elif worker is not None:
            worker.connection.close()  # no more tasks for it: it ends
        return index, result


def _serve(
    connection: Connection,
    parent_pid: int,
    inherited: tuple[Connection, ...],
    initializer: Callable[..., None],
    initargs: tuple[Any, ...],
    work: Callable[[Any], Any],
    cleanup: Callable[[], None],
) -> None:
    """A worker's life: set up once, then one task after another until its pipe closes."""

    def serve() -> None:
        initializer(*initargs)
        while True:
            try:
                task = connection.recv()
            except EOFError:  # this pool is done with it, or its parent is gone
                return
            connection.send(work(task))

    def end() -> None:
        connection.close()
        cleanup()

    child_processes.run_as_child(parent_pid, serve, inherited=inherited, cleanup=end)
