"""Compose the Form 8-K that carries a release as Exhibit 99.1, from the approved filings/form-8k template.

The same inputs as the release: the company profile's `sec:` cover-page facts,
the letter's `filing:` (item, date, signer) and release date. The template
version is selected, approved and locked like any other (slot `form_8k`, pinned
by `templates.form_8k`), and renders Markdown read into a Document, so the DOCX
and EDGAR writers write it as they write a release. Missing cover-page facts
are input errors at the company file, all of them at once.
"""

from __future__ import annotations

from letterkit.compose.composer import Composition, environment, letter_store, render_markdown, select_version
from letterkit.compose.template_data import as_template_data
from letterkit.compose.template_store import TemplateStore
from letterkit.compose.typesetting import typeset_document
from letterkit.document import Document, Metadata
from letterkit.errors import InputError
from letterkit.inputs.load import Inputs
from letterkit.template_names import HOUSE_STYLE_TEMPLATE

FORM_8K_TEMPLATE = "filings/form-8k"
FORM_8K_SLOT = "form_8k"
# The cover page's facts a Form 8-K cannot go without (sec_schema.SecFiler).
COVER_FACTS = ("file_number", "irs_ein", "state_of_incorporation", "address", "phone")


def compose_filing(inputs: Inputs, store: TemplateStore, *, allow_draft_templates: bool = False) -> Composition:
    _check_facts(inputs)
    store = letter_store(store, inputs)
    pin = inputs.letter.templates.form_8k
    selection = select_version(store, inputs, FORM_8K_SLOT, FORM_8K_TEMPLATE, pin, allow_drafts=allow_draft_templates)
    # The 8-K's DOCX looks as the release's does: the same house style, recorded with it.
    house = select_version(
        store, inputs, "house_style", HOUSE_STYLE_TEMPLATE, inputs.letter.templates.house_style,
        allow_drafts=allow_draft_templates,
    )  # fmt: skip
    selections = {FORM_8K_SLOT: selection, "house_style": house}
    context = {name: as_template_data(value, name) for name, value in _context(inputs).items()}
    markdown, reading = render_markdown(
        environment(store, selections), {FORM_8K_SLOT: selection.version}, selection.version, context
    )
    return Composition(typeset_document(Document(_metadata(inputs), reading.blocks)), selections, markdown)


def _check_facts(inputs: Inputs) -> None:
    company, letter = inputs.company, inputs.letter
    source, letter_source = inputs.company_source, inputs.letter_source
    problems = []
    if letter.filing is None:
        problems.append(letter_source.problem((), "letterkit filing needs a filing: block (item 7.01 or 8.01)"))
    if company.sec is None:
        problems.append(source.problem((), "letterkit filing needs the company's sec: block (CIK and cover-page facts)"))
    else:
        for fact in COVER_FACTS:
            if not getattr(company.sec, fact):
                problems.append(source.problem(("sec",), f"{fact} is needed for the Form 8-K's cover page"))
    if letter.filing is not None and letter.filing.signer is None and not letter.signatories:
        problems.append(letter_source.problem(("filing",), "filing.signer is needed: the letter has no signatory to sign the 8-K"))
    if problems:
        raise InputError(problems)


def _context(inputs: Inputs) -> dict[str, object]:
    letter, company = inputs.letter, inputs.company
    filing = letter.filing
    signer = filing.signer or letter.signatories[0]
    return {
        "company": company,
        "sec": company.sec,
        "release": letter.release,
        "filing": filing,
        "report_date": filing.date or letter.release.date,
        "signer": {"name": signer.name, "title": signer.title},
    }


def _metadata(inputs: Inputs) -> Metadata:
    company, letter = inputs.company, inputs.letter
    return Metadata(
        title=f"{company.names.legal}: Form 8-K (Item {letter.filing.item})",
        author=company.names.legal,
        subject="Current Report on Form 8-K",
        company=company.names.legal,
        date=letter.filing.date or letter.release.date,
        keywords=("Form 8-K", f"Item {letter.filing.item}", "Exhibit 99.1"),
    )
