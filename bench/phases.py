"""Where the time of a draft goes, phase by phase: a cold process's first letter, then a warm one.

    .venv/bin/python bench/phases.py [LETTER.yaml]

Runs the steps of `letterkit draft` one after another, as the pipeline does
(no helper process, no pool), and prints the wall and CPU time of each:
first for a fresh process (imports are charged to the first phase that
needs them), then for a later letter in the same process, as a batch
worker drafts it. For a call-level picture:

    .venv/bin/pyinstrument -m letterkit draft data/letters/callisto-2007-shareholder-letter.yaml --out /tmp/x
"""

import time

_START = (time.perf_counter(), time.process_time())

import sys  # noqa: E402
import tempfile  # noqa: E402
from pathlib import Path  # noqa: E402


class Marks:
    def __init__(self, start: tuple[float, float]):
        self.last = start
        self.phases: dict[str, tuple[float, float]] = {}

    def __call__(self, name: str) -> None:
        now = (time.perf_counter(), time.process_time())
        self.phases[name] = (now[0] - self.last[0], now[1] - self.last[1])
        self.last = now


def draft(letter: Path, mark: Marks, store=None):
    if store is None:  # a process's first letter comes through the command line
        import typer.main

        import letterkit.cli

        mark("import the CLI (typer)")
        command = typer.main.get_command(letterkit.cli.app)
        context = command.make_context("letterkit", ["draft", str(letter)])
        command.get_command(context, "draft").make_context("draft", [str(letter)], parent=context)
        mark("typer reads the command line (pydantic types)")
    from letterkit import drafting
    from letterkit.checks import run_checks
    from letterkit.compose.composer import compose
    from letterkit.project_config import open_store

    mark("import the pipeline (Jinja2, markdown-it, schema)")
    store = store or open_store()
    mark("template store")
    inputs = drafting.load(letter, store=store)
    mark("load and validate the YAML")
    composition = compose(inputs, store)
    mark("compose (Jinja2 -> Markdown -> Document)")
    run_checks(inputs, composition)
    mark("release checks")
    from letterkit.writers.text_writer import render_text

    files = {"x.txt": render_text(composition.document).encode()}
    mark("text")
    from letterkit.writers.docx_writer import render_docx

    mark("import python-docx")
    files["x.docx"] = render_docx(composition.document)
    mark("DOCX")
    from letterkit.writers.html_writer import render_html

    html = render_html(composition.document, stylesheet=composition.stylesheet)
    files["x.html"] = html.encode()
    mark("HTML")
    from letterkit.writers import pdf_writer

    mark("import WeasyPrint")
    pdf_writer.font_configuration()
    mark("font configuration")
    files["x.pdf"] = pdf_writer.html_to_pdf(html, release_date=composition.document.metadata.date)
    mark("PDF (layout, subsetting, writing)")
    from letterkit import document_json
    from letterkit.edition import Edition
    from letterkit.manifest import build_manifest
    from letterkit.output import write_files_atomically

    files["x.document.json"] = document_json.dumps(composition.document).encode()
    files["manifest.json"] = build_manifest([Edition(inputs, composition)], files, allow_draft_templates=False, store=store)
    mark("document.json and manifest.json")
    with tempfile.TemporaryDirectory() as out:
        write_files_atomically(Path(out), files)
        mark("the atomic write")
    return store


def main() -> None:
    letter = Path(sys.argv[1] if len(sys.argv) > 1 else "data/letters/callisto-2007-shareholder-letter.yaml")
    cold = Marks(_START)
    store = draft(letter, cold)
    draft(letter, Marks((time.perf_counter(), time.process_time())), store)  # the second keeps the styled DOCX
    warm = Marks((time.perf_counter(), time.process_time()))
    draft(letter, warm, store)
    print(f"{'phase':52s} {'first letter (cold)':>21s} {'next letter (warm)':>21s}")
    print(f"{'':52s} {'wall ms':>10s} {'CPU ms':>10s} {'wall ms':>10s} {'CPU ms':>10s}")
    for name, (wall, cpu) in cold.phases.items():
        warm_wall, warm_cpu = warm.phases.get(name, (0.0, 0.0))
        print(f"{name:52s} {1000 * wall:10.1f} {1000 * cpu:10.1f} {1000 * warm_wall:10.1f} {1000 * warm_cpu:10.1f}")
    totals = [sum(phase[i] for phase in marks.phases.values()) for marks in (cold, warm) for i in (0, 1)]
    print(f"{'total (after interpreter start-up)':52s}" + "".join(f" {1000 * t:10.1f}" for t in totals))


if __name__ == "__main__":
    main()
