"""Where the time of one cold draft goes, phase by phase, in one fresh process.

    .venv/bin/python bench/phases.py [LETTER.yaml]

Runs the steps of `letterkit draft` in the order the pipeline runs them and
prints the wall and CPU time of each, imports included (a module's import is
charged to the first phase that needs it). For a call-level picture:

    .venv/bin/pyinstrument -m letterkit draft data/letters/callisto-2007-shareholder-letter.yaml --out /tmp/x
"""

import time

_MARKS: list[tuple[str, float, float]] = [("start", time.perf_counter(), time.process_time())]


def _mark(name: str) -> None:
    _MARKS.append((name, time.perf_counter(), time.process_time()))


import sys  # noqa: E402
import tempfile  # noqa: E402
from pathlib import Path  # noqa: E402

import letterkit.cli  # noqa: E402, F401

_mark("import the CLI (typer)")
from letterkit import drafting  # noqa: E402
from letterkit.checks import run_checks  # noqa: E402
from letterkit.compose.composer import compose  # noqa: E402
from letterkit.compose.template_store import TemplateStore  # noqa: E402
from letterkit.paths import templates_dir  # noqa: E402

_mark("import the pipeline (pydantic, Jinja2, markdown-it)")


def main() -> None:
    letter = Path(sys.argv[1] if len(sys.argv) > 1 else "data/letters/callisto-2007-shareholder-letter.yaml")
    store = TemplateStore(templates_dir())
    _mark("template store")
    inputs = drafting.load(letter, store=store)
    _mark("load and validate the YAML")
    composition = compose(inputs, store)
    _mark("compose (Jinja2 -> Markdown -> Document)")
    run_checks(inputs, composition)
    _mark("release checks (glyph coverage)")
    from letterkit.writers.text_writer import render_text

    files = {"x.txt": render_text(composition.document).encode()}
    _mark("text")
    from letterkit.writers.docx_writer import render_docx

    _mark("import python-docx")
    files["x.docx"] = render_docx(composition.document)
    _mark("DOCX")
    from letterkit.writers.html_writer import render_html

    html = render_html(composition.document, stylesheet=composition.stylesheet)
    files["x.html"] = html.encode()
    _mark("HTML")
    from letterkit.writers import pdf_writer

    _mark("import WeasyPrint")
    pdf_writer.font_configuration()
    _mark("font configuration")
    files["x.pdf"] = pdf_writer.html_to_pdf(html, release_date=composition.document.metadata.date)
    _mark("PDF (layout, subsetting, writing)")
    from letterkit import document_json
    from letterkit.output import write_files_atomically

    files["x.document.json"] = document_json.dumps(composition.document).encode()
    with tempfile.TemporaryDirectory() as out:
        write_files_atomically(Path(out), files)
        _mark("document.json and the atomic write")

    print(f"{'phase':52s} {'wall ms':>8s} {'CPU ms':>8s}")
    for (_, wall0, cpu0), (name, wall1, cpu1) in zip(_MARKS, _MARKS[1:], strict=False):
        print(f"{name:52s} {1000 * (wall1 - wall0):8.1f} {1000 * (cpu1 - cpu0):8.1f}")
    _, wall_start, cpu_start = _MARKS[0]
    _, wall_end, cpu_end = _MARKS[-1]
    print(
        f"{'total (after interpreter start-up)':52s} {1000 * (wall_end - wall_start):8.1f} {1000 * (cpu_end - cpu_start):8.1f}"
    )


if __name__ == "__main__":
    main()
