"""Compose: validated inputs + versioned templates -> one Document.

The letter template is rendered by Jinja2 into Markdown, which markdown-it
parses into blocks. Which template versions were used is recorded on the
result, so outputs can say exactly what produced them.
"""

from __future__ import annotations

from dataclasses import dataclass
from weakref import WeakKeyDictionary

from jinja2 import TemplateError as JinjaTemplateError
from jinja2.sandbox import ImmutableSandboxedEnvironment

from letterkit.compose.jinja_env import make_environment
from letterkit.compose.markdown_reader import read_markdown
from letterkit.compose.template_store import TemplateStore, TemplateVersion, template_slots
from letterkit.document import Document, DocumentError, Metadata
from letterkit.errors import TemplateError
from letterkit.inputs.load import Inputs
from letterkit.inputs.schema import LetterFile


@dataclass(frozen=True)
class Composition:
    document: Document
    templates: dict[str, TemplateVersion]  # slot ("letter", "about", …) -> version used
    markdown: str  # what the letter template rendered, for debugging templates

    @property
    def stylesheet(self) -> str:
        """The print CSS of the selected (possibly pinned) styles/print version."""
        return self.templates["print_style"].text


def select_templates(store: TemplateStore, letter: LetterFile) -> dict[str, TemplateVersion]:
    """The version of each template slot: the letter's pin, else the latest."""
    return {
        slot: store.get(name, getattr(letter.templates, slot))
        for slot, name in template_slots(letter.release.wire).items()
    }


# One Jinja2 environment per template store, so each template is compiled once
# per process, not once per letter (a batch worker drafts many with one store).
_ENVIRONMENTS: WeakKeyDictionary[TemplateStore, ImmutableSandboxedEnvironment] = WeakKeyDictionary()


def environment(store: TemplateStore) -> ImmutableSandboxedEnvironment:
    if store not in _ENVIRONMENTS:
        _ENVIRONMENTS[store] = make_environment(store)
    return _ENVIRONMENTS[store]


def compose(inputs: Inputs, store: TemplateStore) -> Composition:
    templates = select_templates(store, inputs.letter)
    env = environment(store)
    context = _context(inputs, templates)
    letter_template = templates["letter"]
    try:
        markdown = env.get_template(letter_template.ref).render(context)
        blocks = read_markdown(markdown)
    except (JinjaTemplateError, DocumentError) as exc:
        raise TemplateError(f"{letter_template.ref}: {exc}") from exc
    return Composition(Document(_metadata(inputs), blocks), templates, markdown)


def _context(inputs: Inputs, templates: dict[str, TemplateVersion]) -> dict[str, object]:
    letter = inputs.letter
    return {
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
