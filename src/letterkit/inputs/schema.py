"""The input schema: a company profile and a letter, as pydantic models.

Unknown keys are errors (`extra="forbid"`); every text field is `Text` bounded as a
`Name`, `Line` or `Prose` (see text_types). Field descriptions become the JSON Schema editors use.
"""

from __future__ import annotations

import datetime
import difflib
import re
from decimal import Decimal
from typing import Annotated, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    ValidationInfo,
    WithJsonSchema,
    field_validator,
    model_validator,
)

from letterkit.exchanges import EXCHANGES, SYMBOL_PATTERN, suggest_label
from letterkit.inputs.sec_schema import Filing, SecFiler
from letterkit.inputs.text_types import (
    ITEMS_LIMIT,
    Amount,
    DayOrMonth,
    InlineMarkdown,
    LetterMarkdown,
    Line,
    Name,
    Prose,
    Slug,
    WebAddress,
    check_currency,
    check_minor_unit,
)


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
    defined_terms: list[Name] = Field(
        [],
        max_length=10,
        description='Terms the default lead defines after the legal name, in order: ["CTi", "the Company"] prints '
        '(“CTi” or the “Company”); a leading "the" stays outside the quotation marks',
    )
    defined_terms_joiner: Literal["or", "and"] = Field("or", description='"or" or "and" between the defined terms')
    defined_terms_position: Literal["before-tickers", "after-tickers"] = Field(
        "before-tickers", description="Where the default lead prints the defined terms: before or after the ticker tags"
    )


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


class Website(Model):
    label: Name | None = Field(None, description='What it is, printed before it: "Investor relations", "LinkedIn"')
    url: WebAddress


BOILERPLATE_KIND = Literal["about", "forward-looking", "boilerplate"]
# The two blocks whose kind their name says; any other block names its kind.
_NAMED_KINDS = {"about": "about", "forward-looking": "forward-looking"}


class BoilerplateBlock(Model):
    block: Slug = Field(description="The block template's name: blocks/<block> in the company's folder, else letterkit's")
    kind: BOILERPLATE_KIND = Field(
        description="about, forward-looking (any safe-harbor, cautionary or disclaimer text) or boilerplate (other)"
    )


def _block_entry(value: object) -> object:
    """`about` and `forward-looking` may be written by name alone: their kind is their name."""
    if isinstance(value, str):
        return {"block": value, "kind": _NAMED_KINDS.get(value)} if value in _NAMED_KINDS else {"block": value}
    return value


DEFAULT_BOILERPLATE = (
    BoilerplateBlock(block="about", kind="about"),
    BoilerplateBlock(block="forward-looking", kind="forward-looking"),
)


def _language(value: str) -> str:
    """An edition's language: an ISO 639-1 code CLDR knows ("de", "fr"); its region comes from the company."""
    from babel import Locale, UnknownLocaleError

    if not re.fullmatch(r"[a-z]{2}", value):
        raise ValueError(f"{value!r} is not a two-letter language code such as en, de or fr")
    try:
        Locale.parse(value)
    except (UnknownLocaleError, ValueError):
        raise ValueError(f"{value!r} is not a language CLDR knows") from None
    return value


def _editions(values: list[str]) -> list[str]:
    if len(set(values)) != len(values):
        raise ValueError("lists a language twice")
    if values and values[0] != "en":
        raise ValueError("must start with en: every edition is made from the English release legal approved")
    return values


validated_language = _language
Language = Annotated[str, AfterValidator(_language)]
Editions = Annotated[list[Language], Field(max_length=10), AfterValidator(_editions)]
EDITIONS_DESCRIPTION = (
    "The editions drafted: en, then each language whose translation sits in translations/ beside this file"
)


class Company(Model):
    """A company profile, reused by every letter of that company."""

    names: CompanyNames
    descriptor: Line | None = Field(None, description='Who the company is, as the default lead says it: "a developer of …"')
    listings: list[Listing] = Field(
        min_length=1, max_length=ITEMS_LIMIT, description="Listings in the order the ticker tags are printed"
    )
    headquarters: Place | None = Field(None, description="The default dateline place (a letter may give its own)")
    website: WebAddress | None = Field(None, description="The company's website, cited by letterkit's About block")
    websites: list[Website] = Field(
        [], max_length=20, description="Further web addresses letterkit's About block lists: IR page, social media, …"
    )
    about: Paragraphs | None = Field(None, description="The facts letterkit's About block is built from, in order")
    reporting_status: Literal["reporting", "non-reporting"] = Field(
        "reporting",
        description="reporting: files periodic reports with the SEC; non-reporting: files none (no filing is cited "
        "and the filing checks do not apply)",
    )
    latest_filing: PeriodicFiling | None = Field(
        None, description="The latest periodic filing letterkit's forward-looking block cites"
    )
    risk_factors: list[Prose] = Field(
        [], max_length=ITEMS_LIMIT, description="Risk factors letterkit's forward-looking block lists"
    )
    boilerplate: Annotated[list[Annotated[BoilerplateBlock, BeforeValidator(_block_entry)]], Field(max_length=20)] = (
        Field(
            list(DEFAULT_BOILERPLATE),
            description="The legal blocks after the letter, in order: about, forward-looking, or {block, kind} for "
            "a block of the company's own (templates in companies/<id>/blocks/)",
        )
    )
    sec: SecFiler | None = Field(
        None, description="Files with the SEC: drafts include the EDGAR exhibit; its Form 8-K cover-page facts"
    )
    editions: Editions = Field([], description=EDITIONS_DESCRIPTION + " (a letter may list its own)")


# --- letter ------------------------------------------------------------------------


def _template_catalog(info: ValidationInfo):  # -> TemplateStore | None
    """The template store passed as validation context (absent when only checking shape)."""
    return (info.context or {}).get("templates")


class EditionPins(Model):
    """The template versions an edition in another language pins: those that have a version per language."""

    letter: int | None = Field(None, ge=1, description="letters/shareholder-letter-<language>")
    about: int | None = Field(None, ge=1, description="blocks/about-<language>")
    forward_looking: int | None = Field(None, ge=1, description="blocks/forward-looking-<language>")
    dateline: int | None = Field(None, ge=1, description="datelines/<wire>-<language>")
    blocks: dict[Slug, Annotated[int, Field(ge=1)]] = Field(
        {}, description="Versions of the company's other boilerplate blocks in that language, by block name"
    )


class TemplatePins(Model):
    """Template versions this letter pins; absent means the latest approved version."""

    letter: int | None = Field(None, ge=1)
    about: int | None = Field(None, ge=1)
    forward_looking: int | None = Field(None, ge=1)
    dateline: int | None = Field(None, ge=1, description="checked against the wire's dateline template")
    print_style: int | None = Field(None, ge=1)
    house_style: int | None = Field(None, ge=1, description="styles/house: every role's look in the PDF and the DOCX")
    form_8k: int | None = Field(None, ge=1, description="filings/form-8k, for letterkit filing")
    wire_rules: int | None = Field(None, ge=1, description="checked against the wire's house rules template")
    blocks: dict[Slug, Annotated[int, Field(ge=1)]] = Field(
        {}, description="Versions of the company's other boilerplate blocks, by block name"
    )
    editions: dict[Language, EditionPins] = Field(
        {}, max_length=10, description="Each other edition's own pins, by language (the styles are the English pins')"
    )

    @field_validator("letter", "print_style", "house_style")  # blocks and the dateline are checked once the company is known
    @classmethod
    def _version_exists(cls, version: int | None, info: ValidationInfo) -> int | None:
        from letterkit.template_names import template_slots

        store = _template_catalog(info)
        name = template_slots("")[str(info.field_name)]
        if store is not None and version is not None and not store.has(name, version):
            known = ", ".join(str(v.version) for v in store.versions(name))
            raise ValueError(f"template {name} has no version {version} (versions: {known})")
        return version


class Highlights(Model):
    intro: Line | None = Field(None, description='The line before the bullets, e.g. "Key points:"')
    items: list[InlineMarkdown] = Field(min_length=1, max_length=20)
    position: Literal["under-headline", "after-lead"] = "under-headline"


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
    state: Name | None = Field(None, description='AP-style state after the city, e.g. "Wash.", or "NY" as a wire prints it')
    date: datetime.date = Field(description="Release date (YYYY-MM-DD)")
    headline: Line | None = None
    subheadline: Line | None = None
    lead: Prose | None = Field(
        None, description="The whole lead after the dateline, in the company's words (instead of letterkit's)"
    )
    lead_continues: Prose | None = Field(
        None,
        description='How the default lead sentence goes on after the company and its descriptor, instead of '
        '"today released a letter to shareholders from …": e.g. "today released a letter to shareholders outlining …"',
    )
    summary: Prose | None = Field(None, description="Sentences that follow the lead sentence")
    highlights: Highlights | None = Field(None, description="A few bullets under the headline or after the lead")
    source: Name | None = Field(None, description='Printed as "Source: …" at the end of the release')


class Milestone(Model):
    title: Line = Field(description="A short label for the milestone (not printed)")
    date: DayOrMonth | None = None
    kind: Name | None = Field(None, description="clinical, regulatory, commercial, analyst coverage, …")
    text: Prose = Field(description="The prose printed in the letter")
    same_paragraph: bool = Field(False, description="Print in the same paragraph as the milestone before")


class Financing(Model):
    # currency first: the amount is checked against the currency's minor unit
    currency: Annotated[
        str, Field(pattern=r"^[A-Z]{3}$", description="ISO 4217 code, e.g. USD"), AfterValidator(check_currency)
    ] = "USD"
    amount: Amount
    instrument: Line = Field(description='e.g. "private placement", "registered direct offering"')
    date: DayOrMonth | None = Field(
        None, description="When it closed: YYYY-MM-DD, or YYYY-MM; without a date the financing needs its text"
    )
    text: Prose | None = Field(None, description="Prose; without it a sentence is built from the amount and date")

    @field_validator("amount")
    @classmethod
    def _printable_in_its_currency(cls, amount: Decimal, info: ValidationInfo) -> Decimal:
        currency = info.data.get("currency")  # absent when the currency itself was refused
        if currency is not None:
            check_minor_unit(amount, currency)
        return amount


class Goal(Model):
    text: Prose


GoalsStyle = Literal["inline", "numbered", "bulleted", "lettered"]


class Goals(Model):
    intro: Prose = Field(description="The sentence(s) that introduce the goals")
    style: GoalsStyle = Field(
        "inline", description='inline: "1) …, 2) …, and 3) …" in the intro paragraph; or a numbered, bulleted or '
        "lettered list"
    )
    items: list[Goal] = Field(min_length=1, max_length=ITEMS_LIMIT)


def _entry(value: object) -> object:
    """A list entry may be written as its text alone."""
    return {"text": value} if isinstance(value, str) else value


class ListEntry(Model):
    text: InlineMarkdown
    items: list[InlineMarkdown] = Field([], max_length=ITEMS_LIMIT, description="Lines nested under this one")
    items_style: Literal["bulleted", "numbered"] = "bulleted"


class Column(Model):
    title: InlineMarkdown
    align: Literal["left", "center", "right"] | None = Field(
        None, description="default: right for a column of figures, else left"
    )


def _column(value: object) -> object:
    return {"title": value} if isinstance(value, str) else value


class TableSpec(Model):
    columns: list[Annotated[Column, BeforeValidator(_column)]] = Field(min_length=1, max_length=12)
    rows: list[Annotated[list[InlineMarkdown], Field(max_length=12)]] = Field(min_length=1, max_length=ITEMS_LIMIT)

    @model_validator(mode="after")
    def _rows_fit_the_columns(self) -> TableSpec:
        for number, row in enumerate(self.rows):
            if len(row) != len(self.columns):
                raise ValueError(
                    f"rows[{number}] has {len(row)} cell(s); the table has {len(self.columns)} column(s)"
                )
        return self


# What a body block may be, by the key that says so; the other keys belong to one of them.
BODY_KINDS = ("text", "heading", "list", "table", "quote", "milestones", "financings", "goals")
_COMPANION_KEYS = {"level": "heading", "style": "list", "start": "list", "attribution": "quote"}


def _body_entry(value: object) -> object:
    """A paragraph (or several, with lists and tables) may be written as its text alone."""
    return {"text": value} if isinstance(value, str) else value


# Module-level aliases: inside BodyBlock, the field named `list` hides the builtin.
ListEntries = Annotated[list[Annotated[ListEntry, BeforeValidator(_entry)]], Field(min_length=1, max_length=ITEMS_LIMIT)]
Milestones = Annotated[list[Milestone], Field(max_length=ITEMS_LIMIT)]
Financings = Annotated[list[Financing], Field(max_length=ITEMS_LIMIT)]


class BodyBlock(Model):
    """One block of the letter's body, in print order."""

    text: LetterMarkdown | None = Field(
        None, description="Prose in letterkit Markdown: paragraphs, **bold**, *italic*, [links](https://…), lists, "
        "tables, # and ## subheadings, > quotations"
    )
    heading: Line | None = Field(None, description="A subheading")
    level: Annotated[int, Field(ge=1, le=2)] | None = Field(None, description="1 (default) or 2, a subheading under a level-1 one")
    list: ListEntries | None = None
    style: Literal["bulleted", "numbered", "lettered"] | None = Field(None, description="The list's style (bulleted)")
    start: Annotated[int, Field(ge=1, le=1000)] | None = Field(None, description="A numbered list's first number")
    table: TableSpec | None = None
    quote: LetterMarkdown | None = Field(None, description="A quotation: its paragraphs")
    attribution: Line | None = Field(None, description="Who is quoted, e.g. \"Frank Ruiz, Chief Executive Officer\"")
    milestones: Milestones | None = None
    financings: Financings | None = None
    goals: Goals | None = None

    @model_validator(mode="after")
    def _one_kind(self) -> BodyBlock:
        kinds = [kind for kind in BODY_KINDS if getattr(self, kind) is not None]
        if len(kinds) != 1:
            found = f"; this one has {' and '.join(kinds)}" if kinds else ""
            raise ValueError(f"a body block is one of {', '.join(BODY_KINDS)}{found}")
        for key, owner in _COMPANION_KEYS.items():
            if getattr(self, key) is not None and owner != kinds[0]:
                raise ValueError(f"{key} belongs to a {owner}, not to a {kinds[0]}")
        if self.quote is not None and any(type(block).__name__ != "Paragraph" for block in self.quote.blocks):
            raise ValueError("a quotation holds paragraphs only (no headings, lists or tables)")
        return self

    @property
    def kind(self) -> str:
        return next(kind for kind in BODY_KINDS if getattr(self, kind) is not None)


BodyBlocks = Annotated[list[Annotated[BodyBlock, BeforeValidator(_body_entry)]], Field(min_length=1, max_length=ITEMS_LIMIT)]


class LetterBody(Model):
    date: datetime.date | None = Field(None, description="The date printed on the letter")
    title: Line | None = None
    salutation: Line | None = None
    body: BodyBlocks | None = Field(
        None,
        description="The letter's blocks in print order (instead of opening, milestones, financings, goals, closing)",
    )
    opening: Paragraphs | None = None
    milestones: list[Milestone] = Field([], max_length=ITEMS_LIMIT)
    financings: list[Financing] = Field([], max_length=ITEMS_LIMIT)
    goals_intro: Prose | None = Field(None, description="The sentence(s) that introduce the goals")
    goals_style: GoalsStyle = Field(
        "inline", description='inline: "1) …, 2) …, and 3) …" in the intro paragraph; or a numbered, bulleted or '
        "lettered list"
    )
    goals: list[Goal] = Field([], max_length=ITEMS_LIMIT)
    closing: Paragraphs | None = None
    sign_off: Line | None = Field(None, description='e.g. "Very truly yours,"')


class Signatory(Model):
    name: Name = Field(description='Name without credentials, e.g. "Gary S. Jacob"')
    credentials: Name | None = Field(None, description='Printed after the name, e.g. "Ph.D."')
    honorific: Name | None = Field(None, description='e.g. "Dr."')
    title: Name = Field(description='e.g. "Chief Executive Officer"')
    short_title: Name | None = Field(None, description='Used in the lead, e.g. "CEO"')


class Contact(Model):
    label: Name | None = Field(None, description='e.g. "Media", "Investor Relations"; printed with a colon')
    lines: list[Line] = Field(
        [], max_length=12,
        description='The contact\'s lines as printed, in order, instead of the fields below: ["Tel: 516.212.0727", …]',
    )
    name: Name | None = None
    title: Name | None = None
    organization: Name | None = None
    address: list[Name] = Field([], max_length=6, description="Address lines")
    phone: Name | None = None
    email: Name | None = None
    website: WebAddress | None = None

    @model_validator(mode="after")
    def _says_something(self) -> Contact:
        fields = (self.name, self.title, self.organization, self.phone, self.email, self.website, self.address)
        if self.lines and any(fields):
            raise ValueError("a contact is either its lines or its fields (name, title, …), not both")
        if not self.lines and not any(fields):
            raise ValueError("a contact needs at least a name, organization, phone, e-mail, address or website")
        return self


def _heading_flag(value: object) -> object:
    """`contacts_heading: false` prints no heading; `true` (the default) prints "Contacts"."""
    if isinstance(value, str) and value.strip().lower() in ("true", "false"):
        return value.strip().lower() == "true"
    return value


class LetterFile(Model):
    """A letter to shareholders and the release that carries it."""

    company: Slug = Field(description="The company profile: companies/<company>.yaml")
    templates: TemplatePins = TemplatePins()
    release: Release
    letter: LetterBody = LetterBody()
    signatories: list[Signatory] = Field([], max_length=ITEMS_LIMIT, description="Printed in order, named in the lead")
    contacts: list[Contact] = Field([], max_length=ITEMS_LIMIT)
    contacts_heading: Annotated[bool | Line, BeforeValidator(_heading_flag)] = Field(
        True, description='The heading over the contacts: true ("Contacts"), false (none) or its text'
    )
    contacts_position: Literal["after-boilerplate", "before-boilerplate"] = Field(
        "after-boilerplate", description="Where the contacts go: after the About and other legal blocks, or before"
    )
    end_marker: bool = Field(False, description="End the release with ###")
    filing: Filing | None = Field(None, description="The Form 8-K that furnishes or files the release (letterkit filing)")
    editions: Editions = Field([], description=EDITIONS_DESCRIPTION + " (else the company profile's)")
