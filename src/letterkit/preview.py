"""`letterkit preview`: the release in a browser, redrawn each time one of its inputs is saved.

The page is exactly the HTML writer's output (the HTML that the PDF is laid
out from), with two things added just before </body>: a panel that lists the
input errors and the release checks' errors and warnings, and a small script
that listens to the server's events (EventSource) and reloads the page when a
new drawing is announced. Files are watched with watchfiles (the operating
system's change notifications, not a loop of stat calls); a save is drawn at
once and announced to every open page. An input error keeps the last good
drawing on screen under the list of problems. `/release.pdf` lays the current
drawing out as the PDF, on request. Nothing is written to disk.

The server is for the person at this machine only:
- it listens on 127.0.0.1 only;
- it answers only requests whose Host header names that address and port
  (127.0.0.1 or localhost), so a web page elsewhere cannot read the draft
  through DNS rebinding;
- it serves the page (`/`), its state (`/state`), its events (`/events`), its
  PDF (`/release.pdf`) and the fonts the print stylesheet loads (`/fonts/…`,
  only those, read as the PDF writer reads them);
- every response forbids caching and framing, and the page's
  Content-Security-Policy lets it load only those fonts and run only its own
  script.
"""

from __future__ import annotations

import hashlib
import html
import json
import os
import secrets
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cached_property
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from letterkit.errors import LetterkitError, OutputError

KEEPALIVE_S = 15  # a comment line on the event stream, so a dead browser connection is noticed


@dataclass(frozen=True)
class Rendering:
    """One drawing of the page: the page, the fonts it loads, and what the terminal is told."""

    page: bytes  # without the reload script: its hash is the version
    nonce: str
    fonts: dict[str, bytes] = field(default_factory=dict)  # "NotoSerif-Regular.ttf" (below fonts/) -> its bytes
    summary: str = ""
    composition: object | None = None  # the Composition drawn (the last good one under input problems)

    @cached_property  # asked on every request and every wake of an event stream: hashed once
    def version(self) -> str:
        return hashlib.sha256(self.page).hexdigest()[:16]


@dataclass
class LetterPreview:
    """A letter's page, drawn again when a file it depends on changes (checked when the page asks)."""

    letter: Path
    companies: Path | None = None
    templates: Path | None = None
    allow_draft_templates: bool = False
    on_drawn: Callable[[Rendering], None] = lambda rendering: None
    language: str = "en"  # the edition shown (its translation is watched too)
    _lock: threading.RLock = field(default_factory=threading.RLock, repr=False)
    _changed: threading.Condition = field(default_factory=threading.Condition, repr=False)
    _stop: threading.Event = field(default_factory=threading.Event, repr=False)
    _rendering: Rendering | None = None
    _last_good: Rendering | None = None
    _pdf: tuple[str, bytes] | None = None
    _drawn_from: tuple = ()  # the watched files as they stood just before the last drawing read them

    def current(self) -> Rendering:
        with self._lock:
            if self._rendering is None:
                self._redraw_locked()
            assert self._rendering is not None
            return self._rendering

    def redraw(self) -> None:
        with self._lock:
            self._redraw_locked()
        with self._changed:
            self._changed.notify_all()

    def _redraw_locked(self) -> None:
        self._drawn_from = self._files_state()
        self._rendering = self._draw()
        self.on_drawn(self._rendering)

    def wait_for_change(self, shown: str, timeout: float) -> str:
        """The version once it differs from `shown` (or after `timeout` seconds, or when stopping)."""
        with self._changed:
            self._changed.wait_for(lambda: self.current().version != shown or self._stop.is_set(), timeout=timeout)
        return self.current().version

    def pdf(self) -> bytes | None:
        """The PDF of what is on screen (None when nothing was drawn yet), laid out once per drawing."""
        from letterkit.writers.pdf_writer import render_pdf

        with self._lock:
            rendering = self.current()
            composition = rendering.composition
            if composition is None:
                return None
            if self._pdf is None or self._pdf[0] != rendering.version:
                self._pdf = (rendering.version, render_pdf(composition.document, stylesheet=composition.stylesheet))
            return self._pdf[1]

    def watch(self) -> threading.Thread:
        """Redraw on every save, in a thread of its own, until stop()."""
        thread = threading.Thread(target=self._watch, name="letterkit-preview-watch", daemon=True)
        thread.start()
        return thread

    @property
    def stopping(self) -> bool:
        return self._stop.is_set()

    def stop(self) -> None:
        self._stop.set()
        with self._changed:
            self._changed.notify_all()

    def _watch(self) -> None:
        import watchfiles

        while not self._stop.is_set():
            folders, files = self._watched()
            watched = {os.path.abspath(path) for path in files}
            inside = tuple(os.path.abspath(folder) + os.sep for folder in folders)

            def relevant(change: object, path: str, watched: set = watched, inside: tuple = inside) -> bool:
                return path in watched or path.startswith(inside)

            roots = sorted({os.path.dirname(path) for path in watched} | {os.path.abspath(f) for f in folders})
            # A save between the last drawing and the watcher's start (a thread, then the OS's watches:
            # also each time it starts again below) sends no event: the first wake-up after the start,
            # at the latest SETTLED_CHECK_MS later, compares the files with those the drawing read.
            checked = False
            for changes in watchfiles.watch(
                *roots, watch_filter=relevant, stop_event=self._stop, debounce=50, step=20,
                rust_timeout=SETTLED_CHECK_MS, yield_on_timeout=True,
            ):
                if changes or (not checked and self._files_state() != self._drawn_from):
                    self.redraw()
                    break  # the files to watch may change with the letter (another company, letterkit.toml)
                checked = True

    def _files_state(self) -> tuple:
        """Each watched file's (path, size, modification time, inode), those in watched folders too."""
        folders, files = self._watched()
        paths = [os.path.abspath(path) for path in files]
        for folder in folders:
            for root, dirs, names in os.walk(folder):
                dirs.sort()
                paths += (os.path.join(root, name) for name in sorted(names))
        return tuple((path, *_signature(path)) for path in paths)

    def _draw(self) -> Rendering:
        from letterkit import drafting
        from letterkit.checks import run_checks
        from letterkit.compose.approval import read_asset
        from letterkit.project_config import open_store
        from letterkit.writers.html_writer import render_html

        nonce = secrets.token_urlsafe(16)
        try:
            store = open_store(self.templates, letter=self.letter)
            inputs, composition = drafting.compose_letter(
                self.letter,
                companies_dir=self.companies,
                store=store,
                allow_draft_templates=self.allow_draft_templates,
            )
            if self.language == "en":
                found = run_checks(inputs, composition)
            else:
                editions = drafting.compose_editions(
                    inputs, composition, store, [self.language], allow_draft_templates=self.allow_draft_templates
                )
                found = drafting.check_editions(editions, english=composition)
                composition = editions[-1].composition
            findings = [f for f in found if f.severity in ("error", "warning")]
            fonts = {
                asset[len("fonts/") :]: read_asset(version, asset, store.assets_root)
                for version, asset in composition.style_assets()
                if asset.startswith("fonts/")
            }
            page = render_html(composition.document, stylesheet=composition.stylesheet)
        except LetterkitError as exc:
            lines = exc.lines()
            summary = f"not drawn: {lines[-1]}"
            good = self._last_good
            if good is None:
                return Rendering(_problems_page(lines), nonce, summary=summary)
            title = "Input problems (below: the last release drawn without them)"
            page = _with_before_body_end(good.page.decode("utf-8"), _panel(lines, title) + "\n")
            return Rendering(page.encode("utf-8"), nonce, good.fonts, summary, good.composition)
        counts = {kind: sum(f.severity == kind for f in findings) for kind in ("error", "warning")}
        summary = f"drawn: {counts['error']} release check error(s), {counts['warning']} warning(s)"
        panel = _panel([str(f) for f in findings], "Release checks") + "\n" if findings else ""
        self._last_good = Rendering(page.encode("utf-8"), nonce, fonts, summary, composition)
        return Rendering(_with_before_body_end(page, panel).encode("utf-8"), nonce, fonts, summary, composition)

    def _watched(self) -> tuple[list[Path], list[Path]]:
        """(folders, files) the page depends on: the companies and template folders; the letter, letterkit.toml."""
        from letterkit.inputs.translation import TRANSLATIONS_FOLDER
        from letterkit.project_config import companies_folder, find_project, user_templates_dir

        files, folders = [self.letter], []
        if self.language != "en":
            folders.append(self.letter.parent / TRANSLATIONS_FOLDER)  # the letter's translation (the company's is
            # in the companies folder, watched below)
        try:
            project = find_project(self.letter)
            if project.config is not None:
                files.append(project.config)
            folders.append(companies_folder(self.letter, self.companies))
            folders.append(user_templates_dir(self.templates, letter=self.letter))
        except LetterkitError:
            pass  # a broken letterkit.toml: drawn as a problem; saving it again redraws
        return [Path(folder) for folder in folders if folder is not None and Path(folder).is_dir()], files


# --- the page ------------------------------------------------------------------------------------

_PANEL_STYLE = (
    "position:fixed;top:0;right:0;max-width:40em;max-height:60vh;overflow:auto;margin:0;padding:.6em 1em;"
    "background:#fff3cd;color:#3d2c00;border:1px solid #c9a227;font:13px/1.4 monospace;"
    "z-index:2147483647"
)


SETTLED_CHECK_MS = 200  # after the watcher starts: when it looks for saves made before it did


def _signature(path: str) -> tuple[int, int, int]:
    try:
        status = os.stat(path)
    except OSError:
        return (-1, -1, -1)  # gone, or not readable: a state of its own
    return (status.st_size, status.st_mtime_ns, status.st_ino)


def _panel(lines: list[str], title: str) -> str:
    items = "\n".join(f"<li>{html.escape(line)}</li>" for line in lines)
    return (
        f'<aside id="letterkit-preview-problems" role="status" style="{_PANEL_STYLE}">'
        f"<strong>{html.escape(title)}</strong><ul style=\"margin:0;padding-left:1.2em\">\n{items}\n</ul></aside>"
    )


def _problems_page(lines: list[str]) -> bytes:
    page = (
        '<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n<title>letterkit preview: '
        "problems</title>\n</head>\n<body>\n<p>The release cannot be drawn until these are fixed; this page "
        "follows as soon as the files are saved.</p>\n"
        f"{_panel(lines, 'Input problems')}\n</body>\n</html>\n"
    )
    return page.encode("utf-8")


def _with_before_body_end(page: str, insert: str) -> str:
    """`insert` just before the page's last </body> (at its end if it has none): the panel, the reload script."""
    head, body_end, tail = page.rpartition("</body>")
    return f"{head}{insert}{body_end}{tail}" if body_end else page + insert


def _reload_script(version: str, nonce: str) -> str:
    return (
        f'<script nonce="{nonce}">\n'
        f"(() => {{\n  const shown = {json.dumps(version)};\n"
        '  const events = new EventSource("/events");\n'
        "  events.onmessage = (event) => { if (event.data !== shown) { events.close(); location.reload(); } };\n"
        '  events.onerror = () => document.documentElement.setAttribute("data-preview-offline", "");\n'
        '  events.onopen = () => document.documentElement.removeAttribute("data-preview-offline");\n'
        "})();\n</script>\n"
    )


def served_page(rendering: Rendering) -> bytes:
    script = _reload_script(rendering.version, rendering.nonce)
    return _with_before_body_end(rendering.page.decode("utf-8"), script).encode("utf-8")


# --- the server ----------------------------------------------------------------------------------

_COMMON_HEADERS = {
    "Cache-Control": "no-store",
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "no-referrer",
    "Cross-Origin-Resource-Policy": "same-origin",
}


class _Handler(BaseHTTPRequestHandler):
    server: PreviewServer
    server_version = "letterkit-preview"
    sys_version = ""

    def do_GET(self) -> None:  # noqa: N802 - the name http.server calls
        if not self._host_allowed():
            self._send(HTTPStatus.MISDIRECTED_REQUEST, b"this server answers only for its own address\n", "text/plain")
            return
        path = self.path.split("?", 1)[0]
        rendering = self.server.preview.current()
        if path == "/":
            csp = (
                "default-src 'none'; style-src 'unsafe-inline'; font-src 'self'; img-src 'self' data:; "
                f"script-src 'nonce-{rendering.nonce}'; connect-src 'self'; base-uri 'none'; form-action 'none'; "
                "frame-ancestors 'none'"
            )
            self._send(HTTPStatus.OK, served_page(rendering), "text/html; charset=utf-8", csp)
        elif path == "/state":
            self._send(HTTPStatus.OK, json.dumps({"version": rendering.version}).encode(), "application/json")
        elif path == "/events":
            self._events(rendering.version)
        elif path == "/release.pdf":
            pdf = self.server.preview.pdf()
            if pdf is None:
                self._send(HTTPStatus.CONFLICT, b"nothing drawn yet: fix the input problems first\n", "text/plain")
            else:
                self._send(HTTPStatus.OK, pdf, "application/pdf")
        elif path.startswith("/fonts/") and path[len("/fonts/") :] in rendering.fonts:
            self._send(HTTPStatus.OK, rendering.fonts[path[len("/fonts/") :]], "font/ttf")
        else:
            self._send(HTTPStatus.NOT_FOUND, b"not found\n", "text/plain")

    def _events(self, shown: str) -> None:
        """Server-sent events: the version now, then each new one as it is drawn (and a comment now and then)."""
        self.send_response(HTTPStatus.OK)
        self.send_header("Content-Type", "text/event-stream")
        for name, value in _COMMON_HEADERS.items():
            self.send_header(name, value)
        self.end_headers()
        preview = self.server.preview
        try:
            self.wfile.write(f"data: {shown}\n\n".encode())
            self.wfile.flush()
            while not preview.stopping:
                version = preview.wait_for_change(shown, KEEPALIVE_S)
                self.wfile.write(f"data: {version}\n\n".encode() if version != shown else b": still here\n\n")
                self.wfile.flush()
                shown = version
        except OSError:
            pass  # the page went away
        self.close_connection = True

    def do_HEAD(self) -> None:  # noqa: N802
        self._send(HTTPStatus.METHOD_NOT_ALLOWED, b"", "text/plain")

    do_POST = do_PUT = do_DELETE = do_PATCH = do_OPTIONS = do_HEAD  # noqa: N815 - read-only

    def _host_allowed(self) -> bool:
        port = self.server.server_address[1]
        return self.headers.get("Host", "") in (f"127.0.0.1:{port}", f"localhost:{port}")

    def _send(self, status: HTTPStatus, body: bytes, kind: str, csp: str | None = None) -> None:
        self.send_response(status)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        for name, value in _COMMON_HEADERS.items():
            self.send_header(name, value)
        if csp:
            self.send_header("Content-Security-Policy", csp)
        if status == HTTPStatus.METHOD_NOT_ALLOWED:
            self.send_header("Allow", "GET")
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - the terminal shows drawings only
        pass


class PreviewServer(ThreadingHTTPServer):
    daemon_threads = True  # a browser's open connections never keep letterkit running after Ctrl-C
    allow_reuse_address = True

    def __init__(self, preview: LetterPreview, port: int):
        self.preview = preview
        try:
            super().__init__(("127.0.0.1", port), _Handler)
        except OSError as exc:
            raise OutputError(
                f"cannot listen on 127.0.0.1:{port}: {exc.strerror}; choose another port with --port (0: any free one)"
            ) from None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server_address[1]}/"


def drawn_line(rendering: Rendering) -> str:
    return f"{time.strftime('%H:%M:%S')} {rendering.summary}"
