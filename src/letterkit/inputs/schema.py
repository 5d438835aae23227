"""The input schema: a company profile and a letter, as pydantic models.

Unknown keys are errors (`extra="forbid"`); every text field is `Text` bounded as a
`Name`, `Line` or `Prose` (see text_types). Field descriptions become the JSON Schema editors use.
"""

from __future__ import annotations

import datetime
import difflib
from typing import Annotated, Literal

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, ValidationInfo, WithJsonSchema, field_validator

from letterkit.exchanges import EXCHANGES, SYMBOL_PATTERN, suggest_label
from letterkit.inputs.text_types import ITEMS_LIMIT, Amount, DayOrMonth, Line, Name, Prose, Slug, WebAddress


class Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


def _as_list(value: object) -> object:
    """Let a single paragraph be written without the list dashes."""
    return [value] if isinstance(value, str) else value


Paragraphs = Annotated[
    list[Prose],
    BeforeValidator(_as_list),
    Field(min_length=1, max_length=ITEMS_LIMIT),
    WithJsonSchema(
        {
            "anyOf": [{"type": "string"}, {"type": "array", "items": {"type": "string"}, "minItems": 1}],
            "description": "one paragraph, or a list of paragraphs",
        }
    ),
]

# --- company profile -------------------------------------------------------------


class CompanyNames(Model):
    legal: Name = Field(description='Full legal name, e.g. "Callisto Pharmaceuticals, Inc."')
    common: Name | None = Field(
        None, description='Name without the legal suffix, e.g. "Callisto Pharmaceuticals"; defaults to the legal name'
    )
    short: Name = Field(description='Short name used in running text, e.g. "Callisto"')


class Listing(Model):
    exchange: Name = Field(description='Exchange label as printed in the ticker tag, e.g. "NYSE American", "FWB"')
    symbol: Name = Field(description='Ticker symbol, e.g. "KAL"')

    @field_validator("exchange")
    @classmethod
    def _known_exchange(cls, value: str) -> str:
        if value not in EXCHANGES:
            suggestion = suggest_label(value)
            hint = f" (did you mean {suggestion}?)" if suggestion else ""
            raise ValueError(f"unknown exchange {value!r}{hint}; see `letterkit exchanges` for the known labels")
        return value

    @field_validator("symbol")
    @classmethod
    def _well_formed_symbol(cls, value: str) -> str:
        if not SYMBOL_PATTERN.match(value):
            raise ValueError(
                f"ticker symbol {value!r} is not well-formed: 1-6 capital letters or digits, "
                "optionally a class suffix such as .B"
            )
        return value


class Place(Model):
    city: Name
    state: Name | None = Field(None, description='AP-style state or region printed after the city, e.g. "Wash."')
    country: Name | None = None


FORM_TITLES = {
    "10-K": ("Annual Report", "year"),
    "10-K/A": ("Annual Report", "year"),
    "10-KSB": ("Annual Report", "year"),
    "10-KSB/A": ("Annual Report", "year"),
    "20-F": ("Annual Report", "year"),
    "20-F/A": ("Annual Report", "year"),
    "40-F": ("Annual Report", "year"),
    "10-Q": ("Quarterly Report", "quarter"),
    "10-Q/A": ("Quarterly Report", "quarter"),
    "10-QSB": ("Quarterly Report", "quarter"),
}


class PeriodicFiling(Model):
    form: Name = Field(description='SEC form, e.g. "10-K", "10-K/A", "10-Q", "20-F"')
    period_end: datetime.date = Field(description="Last day of the period the filing covers")
    filed_on: datetime.date | None = Field(None, description="Date the filing was made")

    @field_validator("form")
    @classmethod
    def _known_form(cls, value: str) -> str:
        if value not in FORM_TITLES:
            raise ValueError(f"unknown periodic filing form {value!r}; known: {', '.join(FORM_TITLES)}")
        return value


class Company(Model):
    """A company profile, reused by every letter of that company."""

    names: CompanyNames
    descriptor: Line = Field(description='Who the company is, as the lead says it: "a developer of …"')
    listings: list[Listing] = Field(min_length=1, max_length=ITEMS_LIMIT, description="Listings in the order the ticker tags are printed")
    headquarters: Place
    website: WebAddress
    about: Paragraphs = Field(description="The facts the About paragraph is built from, in order")
    latest_filing: PeriodicFiling = Field(description="The latest periodic filing the forward-looking block cites")
    risk_factors: list[Prose] = Field(min_length=1, max_length=ITEMS_LIMIT, description="Risk factors the forward-looking block lists")


# --- letter ------------------------------------------------------------------------


def _template_catalog(info: ValidationInfo):  # -> TemplateStore | None
    """The template store passed as validation context (absent when only checking shape)."""
    return (info.context or {}).get("templates")


class TemplatePins(Model):
    """Template versions this letter pins; absent means the latest approved version."""

    letter: int | None = Field(None, ge=1)
    about: int | None = Field(None, ge=1)
    forward_looking: int | None = Field(None, ge=1)
    dateline: int | None = Field(None, ge=1, description="checked against the wire's dateline template")
    print_style: int | None = Field(None, ge=1)
    wire_rules: int | None = Field(None, ge=1, description="checked against the wire's house rules template")

    @field_validator("letter", "about", "forward_looking", "print_style")
    @classmethod
    def _version_exists(cls, version: int | None, info: ValidationInfo) -> int | None:
        from letterkit.compose.template_store import template_slots

        store = _template_catalog(info)
        name = template_slots("")[str(info.field_name)]
        if store is not None and version is not None and not store.has(name, version):
            known = ", ".join(str(v.version) for v in store.versions(name))
            raise ValueError(f"template {name} has no version {version} (versions: {known})")
        return version


class Release(Model):
    wire: Slug = Field(
        description="Wire style: its dateline (datelines/<wire>) and house rules (wire-rules/<wire>). Shipped: "
        "prnewswire-2007, prnewswire, businesswire, globenewswire, newmediawire, newmediawire-2024, newsdirect, "
        "accesswire, accessnewswire, newsfile; or one of your template folder's"
    )

    @field_validator("wire")
    @classmethod
    def _known_wire(cls, wire: str, info: ValidationInfo) -> str:
        store = _template_catalog(info)
        if store is not None and wire not in store.wires():
            close = difflib.get_close_matches(wire, store.wires(), n=1)
            hint = f" (did you mean {close[0]!r}?)" if close else ""
            raise ValueError(f"unknown wire style {wire!r}{hint}; known: {', '.join(sorted(store.wires()))}")
        return wire
    circuit: Name | None = Field(None, description='Wire circuit in the dateline, e.g. "FirstCall"')
    city: Name | None = Field(None, description="Dateline city; defaults to the company's headquarters city")
    state: Name | None = Field(None, description='AP-style state after the city, e.g. "Wash."')
    date: datetime.date = Field(description="Release date (YYYY-MM-DD)")
    headline: Line | None = None
    subheadline: Line | None = None
    summary: Prose | None = Field(None, description="Sentences that follow the lead sentence")


class Milestone(Model):
    title: Line = Field(description="A short label for the milestone (not printed)")
    date: DayOrMonth | None = None
    kind: Name | None = Field(None, description="clinical, regulatory, commercial, analyst coverage, …")
    text: Prose = Field(description="The prose printed in the letter")
    same_paragraph: bool = Field(False, description="Print in the same paragraph as the milestone before")


class Financing(Model):
    amount: Amount
    currency: Annotated[str, Field(pattern=r"^[A-Z]{3}$", description="ISO 4217 code, e.g. USD")] = "USD"
    instrument: Line = Field(description='e.g. "private placement", "registered direct offering"')
    date: DayOrMonth = Field(description="When it closed: YYYY-MM-DD, or YYYY-MM if only the month is stated")
    text: Prose | None = Field(None, description="Prose; without it a sentence is built from the fields")


class Goal(Model):
    text: Prose


class LetterBody(Model):
    date: datetime.date = Field(description="The date printed on the letter")
    title: Line
    salutation: Line
    opening: Paragraphs
    milestones: list[Milestone] = Field([], max_length=ITEMS_LIMIT)
    financings: list[Financing] = Field([], max_length=ITEMS_LIMIT)
    goals_intro: Prose | None = Field(None, description="The sentence(s) that introduce the goals")
    goals_style: Literal["inline", "numbered", "bulleted"] = Field(
        "inline", description='inline: "1) …, 2) …, and 3) …" in the intro paragraph; or a numbered/bulleted list'
    )
    goals: list[Goal] = Field([], max_length=ITEMS_LIMIT)
    closing: Paragraphs
    sign_off: Line = Field(description='e.g. "Very truly yours,"')


class Signatory(Model):
    name: Name = Field(description='Name without credentials, e.g. "Gary S. Jacob"')
    credentials: Name | None = Field(None, description='Printed after the name, e.g. "Ph.D."')
    honorific: Name | None = Field(None, description='e.g. "Dr."')
    title: Name = Field(description='e.g. "Chief Executive Officer"')
    short_title: Name | None = Field(None, description='Used in the lead, e.g. "CEO"')


class Contact(Model):
    label: Name = Field(description='e.g. "Media", "Investors"')
    name: Name
    organization: Name | None = None
    phone: Name | None = None
    email: Name | None = None


class LetterFile(Model):
    """A letter to shareholders and the release that carries it."""

    company: Slug = Field(description="The company profile: companies/<company>.yaml")
    templates: TemplatePins = TemplatePins()
    release: Release
    letter: LetterBody
    signatories: list[Signatory] = Field(min_length=1, max_length=ITEMS_LIMIT)
    contacts: list[Contact] = Field([], max_length=ITEMS_LIMIT)
    end_marker: bool = Field(False, description="End the release with ###")
