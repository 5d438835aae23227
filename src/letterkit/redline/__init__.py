"""Redline: what changed between the draft legal saw and the new one.

- compare: the two Documents aligned paragraph by paragraph, then word by word;
- docx_redline: the new draft's DOCX carrying the changes as Word tracked changes;
- blackline: the same as HTML/PDF, insertions underlined and deletions struck;
- sources: a side is a letter's YAML file or a draft's output folder.

The tracked changes' author and date come from the inputs, never the clock:
by default the new draft's author (the company's legal name, as in its DOCX
properties) and its release date; `--author`/`--date` override them. So a
redline made from two YAML files and one made from their output folders are
the same bytes.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from pathlib import Path

from letterkit.compose.template_store import TemplateStore
from letterkit.redline.compare import Change, Summary, compare, summarize
from letterkit.redline.sources import Side, load_side

FORMATS = ("docx", "html", "pdf")


@dataclass(frozen=True)
class Redline:
    old: Side
    new: Side
    changes: list[Change]
    summary: Summary
    author: str
    date: datetime.date


def make_redline(
    old: Path,
    new: Path,
    *,
    author: str | None = None,
    date: datetime.date | None = None,
    companies_dir: Path | None = None,
    store: TemplateStore | None = None,
    allow_draft_templates: bool = False,
    language: str = "en",
) -> Redline:
    """The redline between two drafts of one edition (`language`); YAML sides are composed with `store`
    (default: as `draft` does)."""
    options = dict(companies_dir=companies_dir, store=store, allow_draft_templates=allow_draft_templates,
                   language=language)
    old_side = load_side(old, **options)
    new_side = load_side(new, **options)
    changes = compare(old_side.document, new_side.document)
    metadata = new_side.document.metadata
    return Redline(old_side, new_side, changes, summarize(changes), author or metadata.author, date or metadata.date)


def render_redline(redline: Redline, fmt: str) -> bytes:
    """One format of the redline: the tracked-changes DOCX, or the blackline HTML or PDF."""
    if fmt == "docx":
        from letterkit.redline.docx_redline import render_redline_docx

        return render_redline_docx(
            redline.old.document, redline.new.document, redline.changes, author=redline.author, date=redline.date
        )
    html = _blackline_html(redline)
    if fmt == "html":
        return html.encode("utf-8")
    from letterkit.writers.pdf_writer import html_to_pdf  # imports WeasyPrint: only when a PDF is asked for

    return html_to_pdf(html, release_date=redline.date)


def _blackline_html(redline: Redline) -> str:
    from letterkit.redline.blackline import render_blackline_html
    from letterkit.writers.html_writer import default_stylesheet

    return render_blackline_html(
        redline.changes,
        new_metadata=redline.new.document.metadata,
        old_label=redline.old.label,
        new_label=redline.new.label,
        summary=str(redline.summary),
        stylesheet=default_stylesheet(),
    )
