"""Field types for the schema: text that is safe in every output format.

Every text value is whitespace-normalised (YAML folding and indentation never
reach the outputs) and refused when it holds characters that cannot be printed
in a release or stored in DOCX XML.
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Annotated
from urllib.parse import urlsplit

from pydantic import AfterValidator, BeforeValidator, Field, WithJsonSchema
from pydantic.fields import FieldInfo

from letterkit.ids import ID_PATTERN

_WHITESPACE_RUN = re.compile(r"[ \t\r\n]+")
# C0 controls but tab/newline/CR, DEL, C1 controls, lone surrogates and non-characters: rejected by
# python-docx, invisible in text and PDF, and never intended in a release.
_FORBIDDEN = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")
# What `letterkit new` writes where the user must supply text.
PLACEHOLDER = "FILL IN"
# Bidirectional overrides can make printed text read differently from what was
# approved ("Trojan Source"); letters never need them.
_BIDI_CONTROLS = re.compile(r"[\u202a-\u202e\u2066-\u2069]")


def _refuse_unprintable(value: str) -> None:
    if match := _FORBIDDEN.search(value):
        raise ValueError(
            f"contains control character U+{ord(match.group()):04X} at position {match.start() + 1}, "
            "which cannot appear in a release; remove it"
        )
    if match := _BIDI_CONTROLS.search(value):
        raise ValueError(
            f"contains bidirectional control character U+{ord(match.group()):04X} at position "
            f"{match.start() + 1}; remove it (it can make printed text differ from what was approved)"
        )


def _normalise_text(value: str) -> str:
    _refuse_unprintable(value)
    text = _WHITESPACE_RUN.sub(" ", value).strip()
    if not text:
        raise ValueError("must not be empty")
    if PLACEHOLDER in text:
        raise ValueError(f"still a placeholder: replace {text!r}")
    return text


# One run of prose or a short line; all text fields share this type.
Text = Annotated[str, AfterValidator(_normalise_text)]

# Lengths far beyond any real release, far below what makes a draft slow: a legal name
# of 50,000 words is a mistake to report at its line, not a heading to lay out for minutes.
NAME_LIMIT = 300  # names, titles of people, labels, places, phone numbers
LINE_LIMIT = 1_000  # headlines, the descriptor, salutations: one line of a release
PROSE_LIMIT = 20_000  # one paragraph (the longest real safe-harbor paragraphs are ~3,000)
ITEMS_LIMIT = 500  # items of any list in a letter or profile


def _at_most(limit: int, what: str) -> AfterValidator:
    def check(text: str) -> str:
        if len(text) > limit:
            raise ValueError(f"is {len(text):,} characters long; {what} may have at most {limit:,}")
        return text

    return AfterValidator(check)


def _bounded(limit: int, what: str) -> tuple[AfterValidator, FieldInfo]:
    """Checked after normalisation, in letterkit's words; the JSON Schema tells editors the same limit."""
    return _at_most(limit, what), Field(json_schema_extra={"maxLength": limit})


Name = Annotated[Text, *_bounded(NAME_LIMIT, "a name or label")]
Line = Annotated[Text, *_bounded(LINE_LIMIT, "a line such as a headline")]
Prose = Annotated[Text, *_bounded(PROSE_LIMIT, "a paragraph")]


def _check_url(value: str) -> str:
    parts = urlsplit(value)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise ValueError(f"must be a web address starting with http:// or https://, got {value!r}")
    if re.search(r"[\s<>\"'`\\]", value):
        raise ValueError(f"web address contains a space, quote or angle bracket: {value!r}")
    return value


WebAddress = Annotated[Text, _at_most(LINE_LIMIT, "a web address"), AfterValidator(_check_url)]

Slug = Annotated[
    str,
    Field(pattern=f"^{ID_PATTERN}$", description="lower-case letters, digits and hyphens"),
]


def _parse_amount(value: object) -> object:
    """Accept 5750000, 5_750_000 and 5,750,000 (thousands commas only)."""
    if isinstance(value, str):
        text = value.strip().replace("_", "")
        if re.fullmatch(r"\d{1,3}(,\d{3})+(\.\d+)?", text):
            text = text.replace(",", "")
        if not re.fullmatch(r"\d+(\.\d+)?", text):
            raise ValueError(f"must be a plain number such as 5750000 or 5750000.00, got {value!r}")
        try:
            return Decimal(text)
        except InvalidOperation:  # pragma: no cover - the pattern above already guarantees a number
            raise ValueError(f"not a number: {value!r}") from None
    return value


AMOUNT_LIMIT = Decimal(10) ** 12  # one trillion: more than any financing a release announces


def _within_limit(amount: Decimal) -> Decimal:
    if amount > AMOUNT_LIMIT:
        raise ValueError(f"{amount:f} is more than an amount a release states: at most {AMOUNT_LIMIT:f} (one trillion)")
    return amount


Amount = Annotated[
    Decimal,
    BeforeValidator(_parse_amount),
    Field(gt=0),
    AfterValidator(_within_limit),
    WithJsonSchema(
        {
            "type": ["string", "number"],
            "description": "a positive amount, e.g. 5750000, exact to the currency's minor unit, at most one trillion",
        }
    ),
]


def check_currency(code: str) -> str:
    """An ISO 4217 code that CLDR knows ("USD", "EUR"), else a ValueError with the nearest codes."""
    from babel.numbers import is_currency, list_currencies  # only letters that name a currency pay for CLDR

    if not is_currency(code):
        import difflib

        codes = sorted(list_currencies())
        swapped = [known for known in codes if sorted(known) == sorted(code)]  # "UDS" for "USD"
        near = swapped or difflib.get_close_matches(code, codes, n=3, cutoff=0.6)
        hint = f" (did you mean {' or '.join(repr(c) for c in near)}?)" if near else ""
        raise ValueError(f"{code!r} is not an ISO 4217 currency code{hint}")
    return code


def check_minor_unit(amount: Decimal, currency: str) -> None:
    """Refuse an amount finer than its currency's minor unit: a release never rounds money, so it could not print it."""
    exponent = amount.normalize().as_tuple().exponent
    if not isinstance(exponent, int) or exponent >= 0:
        return  # a whole amount (normalize() writes 5750000 as 5.75E+6)
    from babel.numbers import get_currency_precision

    digits = get_currency_precision(currency)
    if -exponent > digits:
        unit = f"{digits} decimal{'s' if digits != 1 else ''}" if digits else "no decimals"
        raise ValueError(
            f"{amount:f} is finer than {currency} can be paid ({unit}): money is never rounded, "
            "so write the exact amount the release states"
        )


@dataclass(frozen=True, order=True)
class ItemDate:
    """A date known to the day (2006-12-20) or only to the month (2006-12)."""

    year: int
    month: int
    day: int | None = None

    @property
    def first_day(self) -> datetime.date:
        return datetime.date(self.year, self.month, self.day or 1)

    def __str__(self) -> str:
        return f"{self.year:04d}-{self.month:02d}" + (f"-{self.day:02d}" if self.day else "")


def _parse_item_date(value: object) -> ItemDate:
    if isinstance(value, ItemDate):
        return value
    match = re.fullmatch(r"(\d{4})-(\d{2})(?:-(\d{2}))?", str(value).strip())
    if not match:
        raise ValueError(f"must be a date as YYYY-MM-DD or a month as YYYY-MM, got {value!r}")
    year, month = int(match[1]), int(match[2])
    day = int(match[3]) if match[3] else None
    try:
        datetime.date(year, month, day or 1)
    except ValueError as exc:
        raise ValueError(f"{value!r} is not a real date: {exc}") from None
    return ItemDate(year, month, day)


DayOrMonth = Annotated[
    ItemDate,
    BeforeValidator(_parse_item_date),
    WithJsonSchema({"type": "string", "pattern": r"^\d{4}-\d{2}(-\d{2})?$", "description": "YYYY-MM-DD or YYYY-MM"}),
]


# --- letterkit Markdown: the prose fields that may carry emphasis, links, lists, tables -----


class MarkdownText(str):
    """Text written in letterkit Markdown, with what it parses to (Document blocks or inlines).

    Parsed once, while validating, so that a construct a release cannot carry (an image, a
    javascript: link, a third heading level) is an input error at its field; the composer
    then uses the parsed result and never parses the text again.
    """

    blocks: tuple = ()
    inlines: tuple = ()


def _parse_markdown_blocks(text: str) -> MarkdownText:
    from letterkit.document import DocumentError
    from letterkit.markdown_reader import read_letter_markdown

    try:
        blocks = read_letter_markdown(text)
    except DocumentError as exc:
        raise ValueError(f"{exc} (letterkit Markdown)") from None
    if not blocks:
        raise ValueError("must not be empty")
    parsed = MarkdownText(text)
    parsed.blocks = blocks
    return parsed


def _parse_markdown_inline(text: str) -> MarkdownText:
    from letterkit.document import DocumentError
    from letterkit.markdown_reader import read_letter_inline

    try:
        inlines = read_letter_inline(text)
    except DocumentError as exc:
        raise ValueError(f"{exc} (letterkit Markdown)") from None
    parsed = MarkdownText(text)
    parsed.inlines = inlines
    return parsed


def _keep_lines(value: str) -> str:
    """Like Text, but line breaks stay: in Markdown a blank line separates paragraphs."""
    _refuse_unprintable(value)
    text = "\n".join(line.rstrip() for line in value.replace("\r\n", "\n").replace("\r", "\n").split("\n")).strip()
    if not text:
        raise ValueError("must not be empty")
    if PLACEHOLDER in text:
        raise ValueError(f"still a placeholder: replace {text[:80]!r}")
    return text


# Block-level prose: paragraphs, subheadings, lists, tables, quotations (up to 50,000 characters).
LetterMarkdown = Annotated[
    str,
    AfterValidator(_keep_lines),
    _at_most(5 * PROSE_LIMIT // 2, "a text"),
    AfterValidator(_parse_markdown_blocks),
    Field(json_schema_extra={"maxLength": 5 * PROSE_LIMIT // 2}),
]
# One line of prose: a list item, a table cell, a highlight (emphasis and links only).
InlineMarkdown = Annotated[
    Text,
    *_bounded(PROSE_LIMIT, "a line"),
    AfterValidator(_parse_markdown_inline),
]
