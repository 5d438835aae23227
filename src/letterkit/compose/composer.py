"""Compose: validated inputs + versioned templates -> one Document.

The letter template is rendered by Jinja2 into Markdown, which markdown-it
parses into blocks. Which template versions were used is recorded on the
result, so outputs can say exactly what produced them.

Each slot takes the letter's pin, else the latest approved version. A draft
version is used only when the caller allows drafts (`--allow-draft-templates`),
and an approved one only if it still matches templates.lock. Templates can
include only the versions selected here, so nothing unchecked is rendered.
"""

from __future__ import annotations

from dataclasses import dataclass
from weakref import WeakKeyDictionary

from jinja2 import TemplateError as JinjaTemplateError

from letterkit.compose.approval import verify_selected
from letterkit.compose.jinja_env import make_environment
from letterkit.compose.markdown_reader import read_markdown
from letterkit.compose.sandbox import LetterSandbox, TemplateLimitExceeded, render_within_limits
from letterkit.compose.template_data import as_template_data
from letterkit.compose.template_store import (
    OPTIONAL_SLOTS,
    TemplateStore,
    TemplateVersion,
    parse_ref,
    template_slots,
)
from letterkit.document import Document, DocumentError, Metadata
from letterkit.errors import TemplateError, display_path
from letterkit.inputs.load import Inputs
from letterkit.inputs.schema import LetterFile


@dataclass(frozen=True)
class Selection:
    """The version a slot uses, and why."""

    version: TemplateVersion
    pinned: bool  # the letter named this version
    latest_approved: TemplateVersion | None  # of the same template, for "pinned but not latest" warnings


@dataclass(frozen=True)
class Composition:
    document: Document
    selections: dict[str, Selection]  # slot ("letter", "about", …) -> version used
    markdown: str  # what the letter template rendered, for debugging templates

    @property
    def templates(self) -> dict[str, TemplateVersion]:
        return {slot: selection.version for slot, selection in self.selections.items()}

    @property
    def stylesheet(self) -> str:
        """The print CSS of the selected (possibly pinned) styles/print version."""
        return self.templates["print_style"].text


def select_templates(store: TemplateStore, inputs: Inputs, *, allow_drafts: bool = False) -> dict[str, Selection]:
    """The version of each template slot: the letter's pin, else the latest approved.

    An optional slot whose template does not exist (a wire style without house rules) is left out.
    """
    letter = inputs.letter
    selections = {}
    for slot, name in template_slots(letter.release.wire).items():
        pin = getattr(letter.templates, slot)
        if slot in OPTIONAL_SLOTS and not store.versions(name):
            if pin is not None:
                message = f"pins {name}@{pin}, but there is no template {name}"
                raise TemplateError(str(inputs.letter_source.problem(("templates", slot), message)))
            continue
        latest = store.latest_approved(name)
        if pin is not None:
            version = store.get(name, pin)
        elif latest is not None:
            version = latest
        elif allow_drafts:
            version = store.get(name)
        else:
            raise TemplateError(
                f"{name} has no approved version (versions: {', '.join(str(v.version) for v in store.versions(name))}); "
                f"approve one with: letterkit templates approve {name}@N --by \"…\""
            )
        if not version.info.approved and not allow_drafts:
            message = (
                f"{version.ref} is a draft, not approved: approve it with "
                f"letterkit templates approve {version.ref} --by \"…\", or draft with --allow-draft-templates "
                "(the manifest records that)"
            )
            raise TemplateError(str(inputs.letter_source.problem(("templates", slot), message)) if pin else message)
        verify_selected(version, store)
        selections[slot] = Selection(version, pin is not None, latest)
    return selections


class _SelectedTemplates:
    """What the Jinja loader may serve: the selected versions and nothing else."""

    def __init__(self, selections: dict[str, Selection]):
        self._by_ref = {s.version.ref: s.version for s in selections.values()}

    def get_ref(self, ref: str) -> TemplateVersion:
        parse_ref(ref)
        if ref not in self._by_ref:
            raise TemplateError(f"{ref} is not one of the templates selected for this letter ({', '.join(self._by_ref)})")
        return self._by_ref[ref]


# One Jinja2 environment per store and set of selected versions, so each template is
# compiled once per process rather than once per letter (a batch worker drafts many
# letters with one store). An environment still serves only its own selection.
_ENVIRONMENTS: WeakKeyDictionary[TemplateStore, dict[tuple[str, ...], LetterSandbox]] = WeakKeyDictionary()


def environment(store: TemplateStore, selections: dict[str, Selection]) -> LetterSandbox:
    by_selection = _ENVIRONMENTS.setdefault(store, {})
    key = tuple(sorted(selection.version.ref for selection in selections.values()))
    if key not in by_selection:
        by_selection[key] = make_environment(_SelectedTemplates(selections))
    return by_selection[key]


def compose(inputs: Inputs, store: TemplateStore, *, allow_draft_templates: bool = False) -> Composition:
    selections = select_templates(store, inputs, allow_drafts=allow_draft_templates)
    templates = {slot: selection.version for slot, selection in selections.items()}
    env = environment(store, selections)
    context = _context(inputs, templates)
    letter_template = templates["letter"]
    try:
        markdown = render_within_limits(lambda: env.get_template(letter_template.ref).generate(context))
    except TemplateError as exc:  # raised by letterkit's own filters or finalize
        raise TemplateError(f"{_where(exc, templates, letter_template)}{exc}") from exc
    except Exception as exc:  # whatever a template did: it is the template's error, never an internal one
        raise TemplateError(f"{_where(exc, templates, letter_template)}{_describe(exc)}") from exc
    try:
        blocks = read_markdown(markdown, origin=letter_template.ref).blocks
    except DocumentError as exc:
        raise TemplateError(f"{letter_template.ref}: {exc}") from exc
    return Composition(Document(_metadata(inputs), blocks), selections, markdown)


def _where(exc: BaseException, templates: dict[str, TemplateVersion], letter: TemplateVersion) -> str:
    """"path/v2.md.j2:12: letters/shareholder-letter@2: " — the innermost template frame of the failure.

    Jinja rewrites a render's traceback so that template frames carry the template's file
    name and line; the innermost one is where the template went wrong.
    """
    by_file = {str(version.path): version for version in templates.values()}
    found, line = letter, None
    traceback = exc.__traceback__
    while traceback is not None:
        version = by_file.get(traceback.tb_frame.f_code.co_filename)
        if version is not None:
            found, line = version, traceback.tb_lineno
        traceback = traceback.tb_next
    if line is None:
        return f"{found.ref}: "
    return f"{display_path(found.path)}:{line}: {found.ref}: "


def _describe(exc: BaseException) -> str:
    """An exception from a render, in words ("division by zero", "maximum recursion depth exceeded")."""
    if isinstance(exc, (JinjaTemplateError, TemplateLimitExceeded)):
        return str(exc)
    if isinstance(exc, RecursionError):
        return "the template recursed too deeply (a macro calling itself without end?)"
    if isinstance(exc, MemoryError):
        return "the template ran out of memory"
    return f"{type(exc).__name__}: {exc}" if str(exc) else type(exc).__name__


def _context(inputs: Inputs, templates: dict[str, TemplateVersion]) -> dict[str, object]:
    """What the templates see: plain data (template_data.Record), never the validated models."""
    letter = inputs.letter
    data = {
        "company": inputs.company,
        "release": letter.release,
        "dateline_city": letter.release.city or inputs.company.headquarters.city,
        "dateline_state": letter.release.state if letter.release.city else inputs.company.headquarters.state,
        "letter": letter.letter,
        "milestone_paragraphs": _milestone_paragraphs(letter),
        "signatories": letter.signatories,
        "contacts": letter.contacts,
        "end_marker": letter.end_marker,
        "templates": {slot: version.ref for slot, version in templates.items()},
    }
    return {name: as_template_data(value, name) for name, value in data.items()}


def _milestone_paragraphs(letter: LetterFile) -> list[str]:
    """Milestones marked `same_paragraph` continue the paragraph before them."""
    paragraphs: list[str] = []
    for milestone in letter.letter.milestones:
        if milestone.same_paragraph and paragraphs:
            paragraphs[-1] += " " + milestone.text
        else:
            paragraphs.append(milestone.text)
    return paragraphs


def _metadata(inputs: Inputs) -> Metadata:
    letter, company = inputs.letter, inputs.company
    symbols = tuple(f"{listing.exchange}: {listing.symbol}" for listing in company.listings)
    return Metadata(
        title=letter.release.headline or f"{company.names.legal}: {letter.letter.title}",
        author=company.names.legal,
        subject=letter.letter.title,
        company=company.names.legal,
        date=letter.release.date,
        keywords=(*symbols, "letter to shareholders", "press release"),
    )
