"""WeasyPrint warmed up in a second process while this one prepares the letter.

A cold `letterkit draft` of one letter spends about 0.3 s importing WeasyPrint
and about as long importing and running everything else (typer, pydantic,
Jinja2, markdown-it, loading, composing, the DOCX), one after the other. With
a second core the two can overlap: `PdfProcess()` starts a process that
imports WeasyPrint and builds the font configuration straight away;
`render()` later sends it the HTML and gets the PDF back, laid out by the very
function (and so the very bytes) an in-process render would use.

Used by the CLI for a single letter when the machine has more than one CPU;
batches do not need it (their workers stay warm). If the helper cannot start
or dies, the PDF is made in this process instead. It writes no output, so
stopping it (an input error, Ctrl-C: the CLI's to handle) is always safe; it
ends with this process, even one killed by SIGKILL (child_processes.py), and
removes WeasyPrint's temporary font folder before it ends.
"""

from __future__ import annotations

import multiprocessing
import os
import sys
from functools import partial
from multiprocessing.connection import Connection
from typing import TYPE_CHECKING

from letterkit import child_processes

if TYPE_CHECKING:
    from letterkit.compose.composer import Composition

# As batch workers: a copy of this process on Linux, a fresh interpreter elsewhere.
_START_METHOD = "fork" if sys.platform.startswith("linux") else "spawn"


class PdfProcess:
    def __init__(self) -> None:
        context = multiprocessing.get_context(_START_METHOD)
        self._connection, theirs = context.Pipe()
        inherited = (self._connection,) if _START_METHOD == "fork" else ()  # a forked copy holds our end too
        # Not a daemon: multiprocessing would kill it at exit, possibly while it cleans up.
        self._process = context.Process(
            target=_serve, args=(theirs, os.getpid(), inherited), name="letterkit-pdf"
        )
        with child_processes.interrupts_held():
            self._process.start()
        theirs.close()
        self._delivered = False

    def render(self, composition: Composition) -> bytes:
        """The PDF of the composition, as pdf_writer.render_pdf makes it."""
        from letterkit.writers.html_writer import html_and_stylesheet

        html, css = html_and_stylesheet(composition.document, composition.stylesheet)
        date = composition.document.metadata.date
        try:
            self._connection.send((html, css, date))
            outcome, payload = self._connection.recv()
        except (EOFError, OSError):  # the helper never started or died: do it here
            from letterkit.writers.pdf_writer import html_to_pdf

            return html_to_pdf(html, release_date=date, stylesheet=css)
        self._delivered = True
        if outcome == "error":
            raise ValueError(payload)  # reported by the caller as a render error, as in-process
        return payload

    def close(self) -> None:
        """Stop the helper if it is still needed for nothing; never wait for it.

        Having answered, it removes its temporary files and ends by itself (multiprocessing
        reaps it as this process exits); otherwise it is told to stop and does the same.
        """
        self._connection.close()
        if not self._delivered and self._process.is_alive():
            self._process.terminate()

    def __enter__(self) -> PdfProcess:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()


def _serve(connection: Connection, parent_pid: int, inherited: tuple[Connection, ...]) -> None:
    """In the helper: import WeasyPrint, then lay out one HTML document."""

    def cleanup() -> None:
        connection.close()
        child_processes.release_fonts()

    child_processes.run_as_child(parent_pid, partial(_lay_out, connection), inherited=inherited, cleanup=cleanup)


def _lay_out(connection: Connection) -> None:
    try:
        from letterkit.startup import collector_paused

        with collector_paused():
            from letterkit.writers import pdf_writer

            pdf_writer.own_font_configuration()
        html, css, release_date = connection.recv()  # EOFError: the parent is gone, or needs no PDF
        try:
            pdf = pdf_writer.html_to_pdf(html, release_date=release_date, stylesheet=css)
        except (ValueError, OSError) as exc:  # what the in-process render reports as a render error
            connection.send(("error", str(exc)))
        else:
            connection.send(("pdf", pdf))
    except Exception:  # anything else: the parent renders itself if it still needs to
        pass
