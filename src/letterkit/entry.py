"""The `letterkit` command (and `python -m letterkit`): Ctrl-C at any moment prints one line, exits 130.

Inside a command, cli._run turns Ctrl-C into its one line, which says what is on disk. These
moments are outside it, and handled here:

- importing the CLI (typer, the commands: ~0.1 s);
- typer reading the command line (it builds its parameter types: ~0.1 s), where click would
  print "Aborted!" and exit 1, and typer exits 130 without a word;
- the end: after the command, the interpreter's exit runs atexit handlers (multiprocessing's
  waits for child processes). From the command's end, Ctrl-C ends the process at once.

The command line is run as click's main runs it (usage errors: click's message and exit 2;
--help, --version: exit 0; a closed stdout: exit 1), except that Ctrl-C is left to this module.
This module imports nothing at first, so that it protects as soon as it runs. Out of its reach:
the interpreter's own start, before Python has a SIGINT handler (Ctrl-C ends the process by the
signal then, printing nothing; shells report that as 130 too), and the few milliseconds before
this module runs (Python's `site`, the console script's `import re`).
"""

from __future__ import annotations

import atexit
import os
import sys

from letterkit.interruption import EXIT_INTERRUPTED, NOTHING_WRITTEN, caused_by_interrupt


def main(args: list[str] | None = None) -> int:
    """Run `letterkit ARGS` (default: the process's own); the exit code."""
    atexit.register(_leave_interrupts_alone)  # registered first, so it runs after every other
    sys.unraisablehook = _interrupt_again_when_swallowed
    # letterkit uses no pydantic plugin; looking for them reads every installed package's entry points.
    os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")
    cli = None
    try:
        from letterkit import cli

        code = _invoke(cli.app, sys.argv[1:] if args is None else args)
        _end_at_once_on_interrupt(cli.interrupted_line(), said=code == EXIT_INTERRUPTED)  # cli said it
    except BaseException as error:  # outside cli._run: importing, reading the command line
        if not caused_by_interrupt(error):
            raise
        line = cli.interrupted_line() if cli is not None else NOTHING_WRITTEN
        _end_at_once_on_interrupt(line, said=True)
        print(line, file=sys.stderr)
        code = EXIT_INTERRUPTED
    _before_exit()
    return code


def _interrupt_again_when_swallowed(unraisable: object) -> None:
    """Ctrl-C inside a callback Python cannot raise from (importlib's lock weakrefs): raise it again.

    Python would print "Exception ignored in …" with a traceback and carry on as if no Ctrl-C
    came. Raised here, it would be swallowed the same way, so an alarm delivers it a moment
    later, in the code that runs next, where the handlers above see it.
    """
    swallowed = getattr(unraisable, "exc_value", None)
    # In a child process (they inherit this hook), SIGTERM's Terminated is swallowed the same way.
    terminated = type(swallowed).__name__ == "Terminated" and type(swallowed).__module__ == "letterkit.child_processes"
    if isinstance(swallowed, KeyboardInterrupt) or terminated:
        import signal

        _SWALLOWED["signal"] = signal.SIGTERM if terminated else signal.SIGINT
        signal.signal(signal.SIGALRM, _deliver_the_swallowed_interrupt)
        signal.setitimer(signal.ITIMER_REAL, SWALLOWED_INTERRUPT_DELAY)
        return
    sys.__unraisablehook__(unraisable)  # type: ignore[arg-type]


_SWALLOWED: dict[str, int] = {}  # which signal the alarm delivers again


SWALLOWED_INTERRUPT_DELAY = 0.001  # seconds


def _deliver_the_swallowed_interrupt(signum: int, frame: object) -> None:
    """Act as Ctrl-C does now, unless still inside the hook above (it would swallow it again)."""
    import signal

    if getattr(frame, "f_code", None) is _interrupt_again_when_swallowed.__code__:
        signal.setitimer(signal.ITIMER_REAL, SWALLOWED_INTERRUPT_DELAY)
        return
    signum = _SWALLOWED.get("signal", signal.SIGINT)
    handler = signal.getsignal(signum)
    if callable(handler):
        handler(signum, frame)
    elif handler != signal.SIG_IGN and signum == signal.SIGINT:  # ignored from the interpreter's last moments on
        raise KeyboardInterrupt


COMPLETION_VARIABLE = "_LETTERKIT_COMPLETE"  # as click names it for the program `letterkit`


def _invoke(app: object, args: list[str]) -> int:
    """What click's main does with the command line, except for Ctrl-C."""
    import typer
    from typer.main import get_command

    command = get_command(app)  # type: ignore[arg-type]
    if os.environ.get(COMPLETION_VARIABLE):  # the shell asks for completions (`letterkit --install-completion`)
        try:
            command._main_shell_completion({}, "letterkit", COMPLETION_VARIABLE)  # type: ignore[attr-defined]
        except SystemExit as done:
            return done.code if isinstance(done.code, int) else 0
    try:
        with command.make_context("letterkit", args) as context:
            command.invoke(context)
        sys.stdout.flush()  # a closed pipe shows now, not at the interpreter's exit
    except typer.Exit as exit:  # --help, --version, and every command's own exit code (130 said its line)
        return exit.exit_code
    except typer.Abort:
        print("Aborted!", file=sys.stderr)
        return 1
    except typer.TyperException as error:  # click's usage errors (all ClickException): its message, exit 2
        error.show()  # type: ignore[attr-defined]
        return error.exit_code
    except BrokenPipeError:  # stdout closed early (`| head`): quietly, as click does
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 1
    return 0


def _end_at_once_on_interrupt(line: str, *, said: bool) -> None:
    """The command is over: from now on Ctrl-C ends the process at once, with `line` unless `said`.

    At once: neither a KeyboardInterrupt in an atexit handler (a traceback) nor waiting for
    children, which end by themselves (child_processes.py).
    """
    import signal

    message = b"" if said else (line + "\n").encode()

    def end(signum: int, frame: object) -> None:
        for stream in (sys.stdout, sys.stderr):
            try:
                stream.flush()
            except Exception:  # interrupted in the middle of a write, or a closed pipe: as it is
                pass
        os.write(2, message)
        os._exit(EXIT_INTERRUPTED)

    signal.signal(signal.SIGINT, end)


def _leave_interrupts_alone() -> None:
    """The last atexit handler: Ctrl-C is ignored from here to the end, and the exit code stands.

    Python's finalisation soon drops every handler (Ctrl-C would then kill the process by the
    signal, silently); an ignored signal it leaves ignored. Nothing of letterkit's runs any more.
    """
    import signal

    from letterkit.child_processes import ignore_from_now_on

    ignore_from_now_on(signal.SIGINT)


def _before_exit() -> None:
    """Spare the interpreter's last garbage collections: ~0.2 s with WeasyPrint & co loaded.

    They only look for reference cycles to free, and the process is ending. The one
    cycle that owns something outside the process, the font configuration and its
    temporary folder, is released first.
    """
    import gc

    from letterkit.child_processes import release_fonts

    release_fonts()
    gc.freeze()
