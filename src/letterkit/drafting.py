"""The drafting pipeline: load -> compose -> render every format -> write.

All formats are rendered into memory before anything touches the disk, so a
failure in any writer leaves earlier outputs as they were. The provenance
manifest (manifest.json) is written in the same all-or-nothing set.

Importing this module is cheap: pydantic, Jinja2, markdown-it and the writers
are imported by the steps that use them, so `validate` and `--help` do not pay
for composing and rendering.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from letterkit.compose.template_store import TemplateStore
from letterkit.edition import Edition
from letterkit.errors import InputError, Problem, RenderError, display_path
from letterkit.output import write_files_atomically
from letterkit.project_config import companies_folder, open_store, output_folder

if TYPE_CHECKING:
    from letterkit.compose.composer import Composition
    from letterkit.document import Document
    from letterkit.findings import Finding
    from letterkit.inputs.load import Inputs

FORMATS = ("txt", "docx", "pdf", "html", "edgar")
# Drafted when no format is named: the EDGAR exhibit too when the company files with the SEC.
DEFAULT_FORMATS = ("txt", "docx", "pdf", "html")


def _render_txt(composition: Composition, *, ascii: bool = False) -> bytes:
    from letterkit.writers.text_writer import render_text

    return render_text(composition.document, ascii=ascii).encode("utf-8")


def _render_docx(composition: Composition) -> bytes:
    from letterkit.writers.docx_writer import render_docx

    return render_docx(composition.document, house=composition.house_style)


def _render_html(composition: Composition) -> bytes:
    from letterkit.writers.html_writer import render_html

    return render_html(composition.document, stylesheet=composition.screen_stylesheet).encode("utf-8")


def _render_pdf(composition: Composition) -> bytes:
    from letterkit.writers.pdf_writer import render_pdf  # imports WeasyPrint: only when a PDF is asked for

    return render_pdf(composition.document, stylesheet=composition.stylesheet)


def _render_edgar(composition: Composition, *, name: str) -> bytes:
    from letterkit.writers.edgar_writer import EXHIBIT_LABEL

    return _checked_edgar(composition.document, name, label=EXHIBIT_LABEL, what="the exhibit")


def _checked_edgar(document: Document, name: str, *, label: str | None, what: str) -> bytes:
    """`document` as EDGAR HTML named `name`, checked by the EDGAR checker before it may be written."""
    from letterkit.edgar.check import check_exhibit
    from letterkit.writers.edgar_writer import render_edgar

    html = render_edgar(document, label=label).encode("ascii")
    # The writer only writes what EDGAR accepts; a finding here is letterkit's bug, never published.
    findings = check_exhibit(name, html, file_name=name)
    if findings:
        raise ValueError(f"{what} breaks EDGAR's rules: " + "; ".join(str(finding) for finding in findings))
    return html


_RENDERERS: dict[str, Callable[[Composition], bytes]] = {
    "txt": _render_txt,
    "docx": _render_docx,
    "pdf": _render_pdf,
    "html": _render_html,
}


def output_name(stem: str, fmt: str, language: str = "en") -> str:
    """The file a format is written to: <stem>.<format> (<stem>.<language>.<format> for another edition),
    the EDGAR exhibit under an EDGAR file name."""
    if fmt == "edgar":
        from letterkit.writers.edgar_writer import exhibit_file_name

        return exhibit_file_name(stem)
    return f"{stem}.{fmt}" if language == "en" else f"{stem}.{language}.{fmt}"


def document_name(stem: str, language: str = "en") -> str:
    """The saved Document of an edition, which redline and verify read."""
    return output_name(stem, "document.json", language)


# Only the English edition is filed with the SEC (EDGAR takes English): the exhibit and the 8-K are its.
ENGLISH_ONLY_FORMATS = ("edgar",)


def filing_names(stem: str) -> tuple[str, str]:
    """The Form 8-K's files: the DOCX for legal, the EDGAR HTML for the filing agent."""
    from letterkit.writers.edgar_writer import form_8k_file_name

    return f"{stem}.form-8k.docx", form_8k_file_name(stem)


def _render_filing(
    inputs: Inputs, store: TemplateStore, stem: str, *, allow_draft_templates: bool
) -> tuple[dict[str, bytes], Composition]:
    """The Form 8-K for the release (compose/filing.py), as DOCX and as EDGAR HTML checked like the exhibit."""
    from letterkit.compose.filing import compose_filing
    from letterkit.writers.docx_writer import render_docx

    composition = compose_filing(inputs, store, allow_draft_templates=allow_draft_templates)
    docx_name, html_name = filing_names(stem)
    document = composition.document
    try:
        html = _checked_edgar(document, html_name, label=None, what="the Form 8-K")
        return {docx_name: render_docx(document, house=composition.house_style), html_name: html}, composition
    except (ValueError, OSError) as exc:
        raise RenderError(f"could not render the Form 8-K: {exc}") from exc


def includes_format(formats: Sequence[str], fmt: str) -> bool:
    """Whether drafting with `formats` writes `fmt` (none named: the default set, which has docx and pdf)."""
    return fmt in (formats or DEFAULT_FORMATS)


def default_formats(inputs: Inputs) -> tuple[str, ...]:
    """What `draft` writes when no format is named: the EDGAR exhibit too for an SEC filer."""
    return DEFAULT_FORMATS + (("edgar",) if inputs.company.sec is not None else ())


@dataclass(frozen=True)
class Draft:
    inputs: Inputs  # of the English edition (the first drafted, when English is not)
    composition: Composition
    written: list[Path]
    findings: list[Finding]
    editions: tuple[Edition, ...] = ()

    @property
    def document(self) -> Document:
        return self.composition.document


def load(letter_path: Path, *, companies_dir: Path | None = None, store: TemplateStore | None = None) -> Inputs:
    from letterkit.inputs.load import load_inputs

    store = store or open_store(letter=letter_path)
    return load_inputs(letter_path, templates=store, companies_dir=companies_folder(letter_path, companies_dir))


def compose_letter(
    letter_path: Path,
    *,
    companies_dir: Path | None = None,
    store: TemplateStore | None = None,
    allow_draft_templates: bool = False,
) -> tuple[Inputs, Composition]:
    """Load and compose a letter without rendering or writing anything (draft, check, redline)."""
    from letterkit.compose.composer import compose

    store = store or open_store(letter=letter_path)
    inputs = load(letter_path, companies_dir=companies_dir, store=store)
    return inputs, compose(inputs, store, allow_draft_templates=allow_draft_templates)


def draft(
    letter_path: Path,
    *,
    out_dir: Path | None = None,
    formats: Sequence[str] | None = None,
    companies_dir: Path | None = None,
    store: TemplateStore | None = None,
    allow_draft_templates: bool = False,
    ascii: bool = False,
    pdf: Callable[[Composition], bytes] | None = None,
    filing: bool = False,
    languages: Sequence[str] | None = None,
) -> Draft:
    """Draft a letter. `store` defaults to letterkit's templates plus letterkit.toml's folder, if any.

    `ascii`: the text output is plain ASCII (and checked as such) for wires that carry nothing else.
    `pdf`: what lays out the PDF instead of this process (the CLI's PdfProcess).
    `filing`: the Form 8-K too (`letterkit filing`), with the EDGAR exhibit it furnishes, in the same manifest.
    `languages`: the editions to draft (`--lang`); by default the letter's or profile's editions, else English.
    A batch worker passes the same `store` for every letter, so templates are read and compiled once.
    """
    from letterkit import document_json
    from letterkit.manifest import FILE_NAME as MANIFEST_FILE
    from letterkit.manifest import build_manifest

    stem = letter_path.stem
    folder = out_dir if out_dir is not None else output_folder(letter_path)
    _refuse_another_letters_folder(folder, stem, given=out_dir is not None)
    store = store or open_store(letter=letter_path)
    inputs, composition = compose_letter(
        letter_path, companies_dir=companies_dir, store=store, allow_draft_templates=allow_draft_templates
    )
    editions = compose_editions(inputs, composition, store, languages, allow_draft_templates=allow_draft_templates)
    findings = check_editions(editions, english=composition, ascii=ascii)
    formats = tuple(formats) if formats else default_formats(inputs)
    if filing:
        formats = tuple(dict.fromkeys((*formats, "edgar")))  # the 8-K furnishes the exhibit: both are filed
    renderers = {**_RENDERERS, "pdf": pdf} if pdf is not None else _RENDERERS
    rendered: dict[str, bytes] = {}
    for edition in editions:
        edition_formats = [fmt for fmt in formats if edition.language == "en" or fmt not in ENGLISH_ONLY_FORMATS]
        for fmt in edition_formats:
            name = output_name(stem, fmt, edition.language)
            rendered[name] = _render(fmt, edition.composition, renderers, ascii=ascii, stem=stem)
        # The Document itself, so later commands (redline, verify) can work from the folder alone.
        rendered[document_name(stem, edition.language)] = document_json.dumps(edition.composition.document).encode()
    recorded = [edition for edition in editions]
    if filing:
        if editions[0].language != "en":
            raise InputError([Problem.about("--lang", "the Form 8-K files the English release: draft en too")])
        filing_files, form = _render_filing(inputs, store, stem, allow_draft_templates=allow_draft_templates)
        rendered.update(filing_files)
        english = replace(composition, selections={**composition.selections, **form.selections})
        recorded[0] = replace(editions[0], composition=english)
    rendered[MANIFEST_FILE] = build_manifest(
        recorded, rendered, allow_draft_templates=allow_draft_templates, store=store
    )
    # Formats not drafted this time would be left from an earlier draft beside a manifest that
    # does not cover them: a stale PDF could go to the wire. The folder holds one draft.
    stale = tuple(name for name in _every_output_name(stem, inputs, folder) if name not in rendered)
    stale += () if filing else filing_names(stem)
    written = write_files_atomically(folder, rendered, remove=stale)
    drafted = next((edition for edition in editions if edition.language == "en"), editions[0])
    return Draft(drafted.inputs, drafted.composition, written, findings, tuple(editions))


def compose_editions(
    inputs: Inputs,
    composition: Composition,
    store: TemplateStore,
    languages: Sequence[str] | None,
    *,
    allow_draft_templates: bool = False,
) -> list[Edition]:
    """Each edition drafted, from the English inputs and composition (`languages`: --lang, else the listed ones).

    The English is composed whether drafted or not: every other edition is checked against it.
    """
    from letterkit.compose.composer import compose
    from letterkit.inputs.editions import chosen_editions, edition_inputs

    editions = []
    for language in chosen_editions(inputs, languages):
        if language == "en":
            editions.append(Edition(inputs, composition))
            continue
        translated = edition_inputs(inputs, language, store)
        editions.append(Edition(translated, compose(translated, store, allow_draft_templates=allow_draft_templates)))
    return editions


def check_editions(
    editions: Sequence[Edition], *, english: Composition | None = None, ascii: bool = False,
    rate_card: Path | None = None,
) -> list[Finding]:
    """The release checks of every edition, each edition's findings saying which it is, and each edition's
    figures, dates and tickers against the English (`english`: its composition, drafted or not)."""
    from letterkit.checks import run_checks
    from letterkit.findings import Finding

    findings: list[Finding] = []
    for edition in editions:
        found = run_checks(edition.inputs, edition.composition, ascii=ascii, rate_card=rate_card)
        if edition.language != "en":
            from letterkit.checks.editions import check_edition_figures

            assert english is not None, "every other edition is checked against the English"
            found += check_edition_figures(english, edition.inputs, edition.composition)
            found = [Finding(f.file, f.line, f.severity, f.rule, f"({edition.language}) {f.message}") for f in found]
        findings += found
    return sorted(set(findings))


def _every_output_name(stem: str, inputs: Inputs, folder: Path) -> list[str]:
    """Every file a draft of this letter may write, in any edition it lists or an earlier draft wrote into
    `folder` (for removing stale ones: a German PDF of an earlier draft must not outlive it)."""
    import re

    from letterkit.inputs.editions import listed_editions

    earlier = re.compile(rf"{re.escape(stem)}\.([a-z]{{2}})\.(?:txt|docx|pdf|html|document\.json)")
    found = [match[1] for name in (os.listdir(folder) if folder.is_dir() else ()) if (match := earlier.fullmatch(name))]
    languages = dict.fromkeys(("en", *listed_editions(inputs), *sorted(found)))
    return [name for language in languages for fmt in (*FORMATS, "document.json")
            if language == "en" or fmt not in ENGLISH_ONLY_FORMATS for name in [output_name(stem, fmt, language)]]


def _refuse_another_letters_folder(folder: Path, stem: str, *, given: bool) -> None:
    """A folder holds one letter's draft: writing another's there would replace the manifest that proves the first."""
    from letterkit.manifest import drafted_letters

    others = [other for other in drafted_letters(folder) if other != stem]
    if others:
        where = "--out" if given else display_path(folder)
        raise InputError(
            [
                Problem.about(
                    where,
                    f"{display_path(folder)}/ holds the draft of another letter ({', '.join(others)}, by its "
                    f"manifest.json); drafting {stem} there would take that draft's provenance away: "
                    "draft into a folder of its own",
                )
            ]
        )


def _render(
    fmt: str,
    composition: Composition,
    renderers: dict[str, Callable[[Composition], bytes]] = _RENDERERS,
    *,
    ascii: bool = False,
    stem: str = "release",
) -> bytes:
    if fmt == "txt":
        renderer = partial(_render_txt, ascii=ascii)
    elif fmt == "edgar":
        renderer = partial(_render_edgar, name=output_name(stem, fmt))
    else:
        renderer = renderers[fmt]
    try:
        return renderer(composition)
    except (ValueError, OSError) as exc:
        raise RenderError(f"could not render {fmt.upper()}: {exc}") from exc
