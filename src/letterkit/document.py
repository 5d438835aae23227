"""The Document: the one intermediate model every writer renders.

Writers (text, DOCX, HTML/PDF) see only this module's types, never YAML or
Jinja, so the formats cannot disagree about content. The block set is closed
and every block carries a *role* from a closed list; a writer maps roles to
its own styles (Word paragraph styles, CSS classes, text layout).
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Text:
    """A run of text with its emphasis; `href` makes it a hyperlink."""

    text: str
    bold: bool = False
    italic: bool = False
    href: str | None = None


@dataclass(frozen=True)
class LineBreak:
    """A hard line break inside a paragraph (signature and contact lines)."""


Inline = Text | LineBreak

# Roles, by block kind. A template that asks for any other role is a template
# error, caught when the Document is built.
HEADING_ROLES = frozenset(
    {
        "headline",  # release headline, above the dateline
        "subheadline",  # the line under the headline
        "letter-title",  # "CEO Letter to Shareholders"
        "boilerplate-heading",  # "About …", "Forward-Looking Statements"
        "contacts-heading",  # "Contacts"
    }
)
PARAGRAPH_ROLES = frozenset(
    {
        "lead",  # dateline + first paragraph of the release
        "letter-date",
        "salutation",
        "body",
        "signoff",  # "Very truly yours,"
        "signature",  # name and title lines of one signatory
        "boilerplate",  # About / Forward-Looking text
        "contact",  # one contact: label, name, phone, e-mail lines
        "end-marker",  # "###"
    }
)
LIST_ROLES = frozenset({"body"})


@dataclass(frozen=True)
class Heading:
    role: str
    inlines: tuple[Inline, ...]

    def __post_init__(self) -> None:
        _check_role("heading", self.role, HEADING_ROLES)


@dataclass(frozen=True)
class Paragraph:
    role: str
    inlines: tuple[Inline, ...]

    def __post_init__(self) -> None:
        _check_role("paragraph", self.role, PARAGRAPH_ROLES)


@dataclass(frozen=True)
class ListBlock:
    """A numbered (`ordered`) or bulleted list; each item is one line of inlines."""

    role: str
    ordered: bool
    items: tuple[tuple[Inline, ...], ...]
    start: int = 1

    def __post_init__(self) -> None:
        _check_role("list", self.role, LIST_ROLES)


Block = Heading | Paragraph | ListBlock


@dataclass(frozen=True)
class Metadata:
    """What every format records about the release besides its words."""

    title: str  # PDF/DOCX title: the headline, else the letter title
    author: str  # the company's legal name
    subject: str  # e.g. "Letter to shareholders"
    company: str  # printed in the running header after page one
    date: datetime.date  # release date: the only date stamped into files
    language: str = "en-US"  # BCP 47 with region: Word spell-checks by region
    keywords: tuple[str, ...] = ()


@dataclass(frozen=True)
class Document:
    metadata: Metadata
    blocks: tuple[Block, ...] = field(default_factory=tuple)


class DocumentError(ValueError):
    """A Document that breaks the model's rules (a template bug, not user input)."""


def _check_role(kind: str, role: str, allowed: frozenset[str]) -> None:
    if role not in allowed:
        raise DocumentError(
            f"unknown {kind} role {role!r}; known: {', '.join(sorted(allowed))}"
        )


def inline_text(inlines: tuple[Inline, ...], line_break: str = "\n") -> str:
    """The plain words of a run of inlines, line breaks as `line_break`."""
    return "".join(
        line_break if isinstance(inline, LineBreak) else inline.text for inline in inlines
    )
