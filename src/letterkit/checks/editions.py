"""Every edition states the English release's figures, dates and tickers.

A translation is prose; what it must not change is what the release states. So each
edition's Document is compared with the English one, not its text with the English
text: for every block the letter's own content made (by its origin, the input field
it came from) and for the rest of the release taken together (the lead, the About
and Forward-Looking blocks letterkit's templates wrote in each language), the numbers
(read as each language writes them: 5.75 / 5,75, 5,750,000 / 5.750.000 / 5 750 000),
the dates (January 4, 2007 / 4. Januar 2007 / 4 janvier 2007, a date without a year
taking the release's) and the ticker tags must be the same, as many times each.
"""

from __future__ import annotations

import datetime
import re
from collections import Counter
from collections.abc import Iterable
from decimal import Decimal, InvalidOperation

from letterkit.compose.composer import Composition
from letterkit.document import Document, inline_text, text_runs
from letterkit.findings import Finding, finding_at
from letterkit.inputs.load import Inputs
from letterkit.inputs.yaml_source import Path_
from letterkit.locale_wording import month_names
from letterkit.wording import AP_MONTHS, MONTHS

RULE = "edition-figures"
# A ticker tag inside its parentheses: "(AMEX: KAL)", "(TSXV: GRM; OTCQB: GRMCF)"; a symbol has a letter.
_TICKER = re.compile(
    r"(?:(?<=\()|(?<=[,;] ))([A-Z][A-Za-z]*(?:[ -][A-Z][A-Za-z]*)*)[\u00a0\u202f]?: "
    r"((?=[A-Z0-9.\-]*[A-Z])[A-Z0-9]{1,6}(?:[.\-][A-Z0-9]{1,3})?)(?=[),;])"
)
# Numbers as each language groups and points them (a space groups only three digits that follow).
_NUMBERS = {
    "en": re.compile(r"\d+(?:,\d{3})*(?:\.\d+)?"),
    "de": re.compile(r"\d+(?:\.\d{3})*(?:,\d+)?"),
    "fr": re.compile(r"\d+(?:[\u00a0\u202f ]\d{3}(?![\d\-]))*(?:,\d+)?"),
}


def check_edition_figures(english: Composition, inputs: Inputs, edition: Composition) -> list[Finding]:
    """Findings for each part of `edition` (in inputs.language) whose figures differ from the English."""
    language = inputs.language
    release_year = english.document.metadata.date.year
    ours = _figures_by_part(english.document, "en", release_year)
    theirs = _figures_by_part(edition.document, language, release_year)
    findings = []
    for part in sorted(set(ours) | set(theirs)):
        missing = ours.get(part, Counter()) - theirs.get(part, Counter())
        extra = theirs.get(part, Counter()) - ours.get(part, Counter())
        if not missing and not extra:
            continue
        said = []  # missing: the English states it, the edition does not; extra: the other way round
        if missing:
            said.append(f"lacks {_listed(missing)}")
        if extra:
            said.append(f"states {_listed(extra)} the English does not")
        where = "the release's own text (lead, About, Forward-Looking)" if part == "" else part
        message = (
            f"the {language} edition's {where} {' and '.join(said)}: a translation must state "
            "the English release's figures, dates and tickers"
        )
        findings.append(finding_at(inputs.letter_source, _field(part), "error", RULE, message))
    return findings


def _listed(figures: Counter) -> str:
    return ", ".join(f"{figure} (×{count})" if count > 1 else figure for figure, count in sorted(figures.items()))


def _field(part: str) -> Path_:
    path: list[str | int] = []
    for piece in re.finditer(r"([a-z_]+)|\[(\d+)\]", part):
        path.append(piece[1] if piece[1] else int(piece[2]))
    return tuple(path)


def _figures_by_part(document: Document, language: str, year: int) -> dict[str, Counter]:
    """Figures of each block of the letter's own content (by origin), and of the rest together ("")."""
    parts: dict[str, Counter] = {}
    for block in document.blocks:
        origin = block.origin if block.origin.startswith(("letter.", "release.", "signatories", "contacts")) else ""
        text = " ".join(inline_text(run, " ") for run in text_runs(block))
        parts.setdefault(_part(origin), Counter()).update(figures(text, language, year))
    return {part: counter for part, counter in parts.items() if counter}


def _part(origin: str) -> str:
    """letter.body[2].list -> letter.body[2]: a block's field, as the translation file names it."""
    return re.sub(r"^((?:letter|release)\.[a-z_]+(?:\[\d+\])?).*$", r"\1", origin)


def figures(text: str, language: str, year: int) -> Counter:
    """The dates, numbers and ticker tags `text` states, each in one form whatever the language."""
    found: Counter = Counter()
    for match in _TICKER.finditer(text):
        found[f"{match[1]}: {match[2]}"] += 1
    text = _TICKER.sub(" ", text)
    text, dates = _dates(text, language, year)
    found.update(dates)
    for match in _NUMBERS[language].finditer(text):
        value = _number(match[0], language)
        if value is not None:
            found[value] += 1
    return found


def _number(text: str, language: str) -> str | None:
    digits = text.replace(",", "") if language == "en" else (
        text.replace(".", "").replace(",", ".") if language == "de"
        else re.sub(r"[\u00a0\u202f ]", "", text).replace(",", ".")
    )
    try:
        return format(Decimal(digits).normalize(), "f")
    except InvalidOperation:
        return None


def _dates(text: str, language: str, year: int) -> tuple[str, Iterable[str]]:
    """`text` with its dates taken out, and those dates as 2007-01-04 (or 2006-12 for a month)."""
    names = _english_months() if language == "en" else month_names(_LOCALES[language])
    spelled = [*MONTHS, *(m.rstrip(".") for m in AP_MONTHS), "Sept"] if language == "en" else names
    word = "|".join(sorted((re.escape(name) for name in set(spelled)), key=len, reverse=True))
    if language == "en":
        pattern = re.compile(rf"\b(?P<month>{word})\.?(?:\s+(?P<day>\d{{1,2}})(?!\d))?(?:,?\s+(?P<year>\d{{4}}))?\b")
    else:
        day = r"(?P<day>\d{1,2})(?:\.|er)?\s+" if language == "de" else r"(?P<day>\d{1,2})(?:er)?\s+"
        pattern = re.compile(rf"(?:\b{day})?(?P<month>{word})\.?(?:\s+(?P<year>\d{{4}}))?\b", re.IGNORECASE)
    found = []

    def take(match: re.Match) -> str:
        month = names.get(match["month"].lower().rstrip("."))
        if month is None or not (match["day"] or match["year"]):
            return match[0]  # "May" alone, "mars" alone: not a date
        when = int(match["year"]) if match["year"] else year
        try:
            stated = datetime.date(when, month, int(match["day"])).isoformat() if match["day"] else f"{when}-{month:02d}"
        except ValueError:
            return match[0]
        found.append(stated)
        return " "

    return pattern.sub(take, text), found


_LOCALES = {"de": "de-DE", "fr": "fr-FR"}


def _english_months() -> dict[str, int]:
    names = {}
    for number, (full, short) in enumerate(zip(MONTHS, AP_MONTHS, strict=True), start=1):
        names[full.lower()] = names[short.lower().rstrip(".")] = names[full[:3].lower()] = number
    return names
