"""The drafting pipeline: load -> compose -> render every format -> write.

All formats are rendered into memory before anything touches the disk, so a
failure in any writer leaves earlier outputs as they were.

Importing this module is cheap: pydantic, Jinja2, markdown-it and the writers
are imported by the steps that use them, so `validate` and `--help` do not pay
for composing and rendering.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from letterkit.compose.template_store import TemplateStore
from letterkit.errors import InputError, Problem, RenderError
from letterkit.output import write_files_atomically
from letterkit.paths import templates_dir

if TYPE_CHECKING:
    from letterkit.compose.composer import Composition
    from letterkit.document import Document
    from letterkit.findings import Finding
    from letterkit.inputs.load import Inputs

FORMATS = ("txt", "docx", "pdf", "html")


def _render_txt(composition: Composition) -> bytes:
    from letterkit.writers.text_writer import render_text

    return render_text(composition.document).encode("utf-8")


def _render_docx(composition: Composition) -> bytes:
    from letterkit.writers.docx_writer import render_docx

    return render_docx(composition.document)


def _render_html(composition: Composition) -> bytes:
    from letterkit.writers.html_writer import render_html

    return render_html(composition.document, stylesheet=composition.stylesheet).encode("utf-8")


def _render_pdf(composition: Composition) -> bytes:
    from letterkit.writers.pdf_writer import render_pdf  # imports WeasyPrint: only when a PDF is asked for

    return render_pdf(composition.document, stylesheet=composition.stylesheet)


_RENDERERS: dict[str, Callable[[Composition], bytes]] = {
    "txt": _render_txt,
    "docx": _render_docx,
    "pdf": _render_pdf,
    "html": _render_html,
}


@dataclass(frozen=True)
class Draft:
    inputs: Inputs
    composition: Composition
    written: list[Path]
    findings: list[Finding]

    @property
    def document(self) -> Document:
        return self.composition.document


def parse_formats(text: str) -> list[str]:
    """"txt,pdf" -> ["txt", "pdf"]; unknown names are an input error."""
    names = [name.strip().lower() for name in text.split(",") if name.strip()]
    unknown = [name for name in names if name not in FORMATS]
    if unknown or not names:
        given = ", ".join(unknown) or "nothing"
        raise InputError([Problem("--format", 1, 1, "", f"unknown format {given}; choose from {','.join(FORMATS)}")])
    return list(dict.fromkeys(names))


def load(letter_path: Path, *, companies_dir: Path | None = None, store: TemplateStore | None = None) -> Inputs:
    from letterkit.inputs.load import load_inputs

    store = store or TemplateStore(templates_dir())
    return load_inputs(letter_path, templates=store, companies_dir=companies_dir)


def draft(
    letter_path: Path,
    *,
    out_dir: Path | None = None,
    formats: Sequence[str] = FORMATS,
    companies_dir: Path | None = None,
    store: TemplateStore | None = None,
    pdf: Callable[[Composition], bytes] | None = None,
) -> Draft:
    """Draft one letter.

    `store`: templates already read, to reuse across letters (batch workers).
    `pdf`: what lays out the PDF instead of this process (the CLI's PdfProcess).
    """
    from letterkit import document_json
    from letterkit.checks import run_checks
    from letterkit.compose.composer import compose

    store = store or TemplateStore(templates_dir())
    inputs = load(letter_path, companies_dir=companies_dir, store=store)
    composition = compose(inputs, store)
    findings = run_checks(inputs, composition)
    stem = letter_path.stem
    renderers = {**_RENDERERS, "pdf": pdf} if pdf is not None else _RENDERERS
    rendered = {f"{stem}.{fmt}": _render(fmt, composition, renderers) for fmt in formats}
    # The Document itself, so later commands (redline, verify) can work from the folder alone.
    rendered[f"{stem}.document.json"] = document_json.dumps(composition.document).encode("utf-8")
    folder = out_dir if out_dir is not None else Path("output") / stem
    written = write_files_atomically(folder, rendered)
    return Draft(inputs, composition, written, findings)


def _render(fmt: str, composition: Composition, renderers: dict[str, Callable[[Composition], bytes]]) -> bytes:
    try:
        return renderers[fmt](composition)
    except (ValueError, OSError) as exc:
        raise RenderError(f"could not render {fmt.upper()}: {exc}") from exc
