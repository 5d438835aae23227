"""The worker pool under Ctrl-C at the moments its bookkeeping and its workers could disagree.

Each case runs in its own process with a timeout: the defect these guard against is a hang.
"""

from __future__ import annotations

import subprocess
import sys
import textwrap

POOL = textwrap.dedent(
    """
    import multiprocessing, os, signal, sys
    from letterkit.worker_pool import WorkerPool

    def nothing(*args): pass
    def arrive(text):  # called in the parent as a result is unpickled: Ctrl-C comes with it
        os.kill(os.getpid(), signal.SIGINT)
        return text
    class SignalsOnArrival:
        def __init__(self, text): self.text = text
        def __reduce__(self): return (arrive, (self.text,))
    def echo(task):
        return SignalsOnArrival(f"done {task[1:]}") if task.startswith("!") else f"done {task}"

    class InterruptsAsItIsSent:  # pickled by the parent as the task goes down the pipe
        def __reduce__(self):
            os.kill(os.getpid(), signal.SIGINT)
            return (str, ("task",))

    if __name__ == "__main__":
        pool = WorkerPool(multiprocessing.get_context("fork"), 1, initializer=nothing, initargs=(),
                          work=echo, cleanup=nothing)
        try:
            for result in pool.run(TASKS):
                print("ran", result)
        except KeyboardInterrupt:
            print("interrupted")
            for result in pool.finish():
                print("finished", result)
        finally:
            pool.close()
        print("closed")
    """
)


def _pool_run(tasks: str) -> list[str]:
    script = POOL.replace("TASKS", tasks)
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=20)
    assert (result.returncode, result.stderr) == (0, "")
    return result.stdout.splitlines()


def test_ctrl_c_while_a_task_is_handed_to_a_worker_lets_that_task_finish():
    # Ctrl-C lands while the task is being sent: the worker still gets all of it, finish()
    # collects its result instead of waiting for ever on a worker that has no task.
    assert _pool_run("[InterruptsAsItIsSent(), 'second']") == [
        "interrupted",
        "finished (0, 'done task')",
        "closed",
    ]


def test_without_ctrl_c_every_task_runs_in_order_of_finishing():
    assert _pool_run("['a', 'b', 'c']") == ["ran (0, 'done a')", "ran (1, 'done b')", "ran (2, 'done c')", "closed"]


def test_ctrl_c_as_a_result_arrives_loses_no_result():
    # Ctrl-C lands while a finished task's result is received: the result is still handed
    # on, by finish(), instead of being dropped between the pipe and the caller.
    assert _pool_run("['!first']") == ["interrupted", "finished (0, 'done first')", "closed"]
