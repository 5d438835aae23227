"""`letterkit preview`: the HTML writer's page, served on 127.0.0.1 only, redrawn when an input is saved.

The server is tested over real HTTP; the live reload in a real browser (Debian's Chromium, driven by
Playwright, installed by scripts/setup --test) against a real `letterkit preview` process.
"""

import http.client
import json
import re
import signal
import subprocess
import sys
import threading
import time

import pytest

from letterkit import drafting
from letterkit.preview import LetterPreview, PreviewServer
from letterkit.writers.html_writer import render_html

LETTER = "data/letters/callisto-2007-shareholder-letter.yaml"
FONT = "templates/assets/fonts/NotoSerif-Regular.ttf"


@pytest.fixture
def served(workspace):
    drawn = []
    preview = LetterPreview(workspace / LETTER, on_drawn=drawn.append)
    server = PreviewServer(preview, 0)
    preview.current()
    preview.watch()
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    yield server, drawn
    preview.stop()
    server.shutdown()
    server.server_close()


def _until(condition, seconds=10):
    """Saves reach the preview through the file watcher, a moment later."""
    deadline = time.monotonic() + seconds
    while not condition():
        assert time.monotonic() < deadline, "the preview did not follow the save"
        time.sleep(0.02)


def _get(server, path, *, method="GET", host=None):
    port = server.server_address[1]
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    connection.request(method, path, headers={"Host": host or f"127.0.0.1:{port}"})
    response = connection.getresponse()
    return response.status, dict(response.getheaders()), response.read()


def test_the_page_is_the_html_writers_page_with_the_reload_script(served, workspace):
    server, _ = served
    status, headers, body = _get(server, "/")
    assert status == 200 and headers["Content-Type"] == "text/html; charset=utf-8"
    _, composition = drafting.compose_letter(workspace / LETTER)
    written = render_html(composition.document, stylesheet=composition.stylesheet)
    nonce = re.search(r"script-src 'nonce-([^']+)'", headers["Content-Security-Policy"])[1]
    page = body.decode()
    script = re.search(rf'<script nonce="{re.escape(nonce)}">.*?</script>\n', page, re.S)[0]
    assert page.replace(script, "") == written  # Callisto has no check errors or warnings: no panel
    assert headers["Cache-Control"] == "no-store" and headers["X-Frame-Options"] == "DENY"
    assert headers["Content-Security-Policy"].startswith("default-src 'none';")


def test_only_the_stylesheets_fonts_are_served_and_only_for_this_address(served):
    from conftest import ROOT

    server, _ = served
    status, headers, body = _get(server, "/fonts/NotoSerif-Regular.ttf")
    assert (status, headers["Content-Type"], body) == (200, "font/ttf", (ROOT / FONT).read_bytes())
    for path in ("/fonts/../templates.lock", "/fonts/%2e%2e/templates.lock", "/data/letters/", "/../README.md"):
        assert _get(server, path)[0] == 404, path
    assert _get(server, "/", host="evil.example")[0] == 421  # a rebinding page elsewhere reads nothing
    assert _get(server, "/", host=f"localhost:{server.server_address[1]}")[0] == 200
    assert _get(server, "/", method="POST")[0] == 405


def test_the_page_is_drawn_again_only_when_an_input_changes(served, workspace):
    server, drawn = served
    first = _get(server, "/state")[2]
    assert _get(server, "/state")[2] == first and len(drawn) == 1
    (workspace / "data" / "letters" / "unrelated.txt").write_text("not an input")
    (workspace / "output").mkdir(exist_ok=True)
    (workspace / "output" / "x.txt").write_text("not an input")
    time.sleep(0.5)
    assert len(drawn) == 1
    profile = workspace / "data" / "companies" / "callisto.yaml"
    profile.write_text(profile.read_text().replace("Callisto Pharmaceuticals", "Kallisto Pharmaceuticals"))
    _until(lambda: len(drawn) == 2)
    assert _get(server, "/state")[2] != first
    assert "Kallisto Pharmaceuticals" in _get(server, "/")[2].decode()


def test_input_problems_are_shown_on_the_page_and_in_the_terminal(served, workspace):
    server, drawn = served
    letter = workspace / LETTER
    good = _get(server, "/")[2].decode()
    letter.write_text(letter.read_text().replace("date: 2007-01-04", "date: 2007-13-04"))
    _until(lambda: len(drawn) == 2)
    page = _get(server, "/")[2].decode()
    # The last good release stays on screen, under the list.
    assert "<strong>Input problems (below: the last release drawn without them)</strong>" in page
    assert good.split("<script")[0] in page
    assert (
        "<li>data/letters/callisto-2007-shareholder-letter.yaml:11:9: release.date: not a valid date: "
        "&#x27;2007-13-04&#x27; (month value is outside expected range of 1-12); write dates as YYYY-MM-DD</li>"
    ) in page
    assert drawn[-1].summary == "not drawn: 1 problem found; nothing was written."
    status, headers, pdf = _get(server, "/release.pdf")  # the PDF, on request: of the release on screen
    assert (status, headers["Content-Type"], pdf[:5]) == (200, "application/pdf", b"%PDF-")


def test_each_open_page_hears_of_a_new_drawing_as_it_happens(served, workspace):
    server, drawn = served
    port = server.server_address[1]
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    connection.request("GET", "/events", headers={"Host": f"127.0.0.1:{port}"})
    events = connection.getresponse()
    assert events.getheader("Content-Type") == "text/event-stream"
    first = events.readline().decode().strip()
    assert events.readline() == b"\n"
    letter = workspace / LETTER
    letter.write_text(letter.read_text().replace("very eventful", "truly eventful"))
    second = events.readline().decode().strip()
    assert first.startswith("data: ") and second.startswith("data: ") and first != second
    assert second == "data: " + json.loads(_get(server, "/state")[2])["version"]
    connection.close()


def test_a_port_in_use_is_one_clear_message(served, workspace):
    server, _ = served
    result = subprocess.run(
        [sys.executable, "-m", "letterkit", "preview", LETTER, "--port", str(server.server_address[1])],
        capture_output=True, text=True, cwd=workspace, timeout=60,
    )
    assert (result.returncode, result.stdout) == (1, "")
    assert result.stderr == (
        f"output error: cannot listen on 127.0.0.1:{server.server_address[1]}: Address already in use; "
        "choose another port with --port (0: any free one)\n"
    )


# ------------------------------------------------------------------------------------------ in a browser

CHROMIUM = "/usr/bin/chromium"
# As root Chromium needs --no-sandbox; the rest keep it off this machine's closed network.
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run"]


def test_the_browser_follows_each_save_and_ctrl_c_stops_the_server(workspace):
    from playwright.sync_api import sync_playwright

    process = subprocess.Popen(
        [sys.executable, "-m", "letterkit", "preview", LETTER, "--port", "0"],
        cwd=workspace, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        # Ctrl-C as a terminal delivers it, even where pytest itself runs with SIGINT ignored (a background job).
        preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL),
    )
    try:
        url = re.search(r"at (http://127\.0\.0\.1:\d+/) ", process.stdout.readline())[1]
        letter = workspace / LETTER
        original = letter.read_text(encoding="utf-8")
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            page = browser.new_page()
            page.goto(url)
            assert page.inner_text(".letter-title") == "CEO Letter to\u00a0Shareholders"  # typesetting: last words together
            assert page.evaluate("document.fonts.check('12px \"Noto Serif Letterkit\"')")

            letter.write_text(original.replace("title: CEO Letter to Shareholders", "title: A Letter to Owners"))
            # A selector, not a script: the page's Content-Security-Policy lets no other script run.
            page.wait_for_selector(".letter-title:text-is('A Letter to Owners')", timeout=15_000)

            letter.write_text(original.replace("  date: 2007-01-04", "   date: 2007-01-04"))  # a YAML mistake
            page.wait_for_selector("#letterkit-preview-problems", timeout=15_000)
            assert "indentation: line 11" in page.inner_text("#letterkit-preview-problems")

            assert page.inner_text(".letter-title") == "A Letter to\u00a0Owners"  # the last good release, still shown

            letter.write_text(original)
            page.wait_for_selector("#letterkit-preview-problems", state="detached", timeout=15_000)
            assert page.inner_text(".letter-title") == "CEO Letter to\u00a0Shareholders"  # typesetting: last words together
            browser.close()
        process.send_signal(signal.SIGINT)
        out, err = process.communicate(timeout=20)
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
    assert process.returncode == 0, err
    assert out.splitlines()[-1] == "preview stopped" and err == ""
    drawn = [line.split(" ", 1)[1] for line in out.splitlines()[:-1]]
    assert drawn[0] == "drawn: 0 release check error(s), 0 warning(s)"
    assert "not drawn: 1 problem found; nothing was written." in drawn



def test_an_edition_is_previewed_and_follows_its_translation(workspace):
    drawn = []
    preview = LetterPreview(workspace / LETTER, on_drawn=drawn.append, language="de")
    server = PreviewServer(preview, 0)
    preview.current()
    preview.watch()
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    try:
        page = _get(server, "/")[2].decode()
        assert '<html lang="de-DE">' in page and "Mit freundlichen Grüßen" in page
        translation = workspace / "data" / "letters" / "translations" / "callisto-2007-shareholder-letter.de.yaml"
        translation.write_text(translation.read_text(encoding="utf-8").replace(
            "de: Mit freundlichen Grüßen", "de: Mit besten Grüßen"), encoding="utf-8")
        _until(lambda: len(drawn) == 2)
        assert "Mit besten Grüßen" in _get(server, "/")[2].decode()
    finally:
        preview.stop()
        server.shutdown()
        server.server_close()


def test_a_save_before_the_watcher_started_is_still_drawn(workspace):
    """The first drawing, then a save, then the watcher: the OS sends it no event for that save."""
    drawn = []
    preview = LetterPreview(workspace / LETTER, on_drawn=drawn.append)
    first = preview.current()
    letter = workspace / LETTER
    letter.write_text(letter.read_text().replace("date: 2007-01-04", "date: 2007-13-04"))
    preview.watch()
    try:
        _until(lambda: len(drawn) == 2)
        assert drawn[0] is first and drawn[1].summary.startswith("not drawn: ")
    finally:
        preview.stop()
