"""Dateline and dates: the checks a wire's editors make by hand.

- weekday (error): a weekday printed with a date must be that date's weekday
  ("Tuesday, Jan. 4, 2007" is wrong: it was a Thursday). A date without a year
  is taken in the year that puts it nearest the release date.
- ap-month (warning): month abbreviations as AP style writes them: Jan., Feb.,
  Aug., Sept., Oct., Nov., Dec. before a day; March-July never abbreviated; no
  abbreviation without a day. The news part (headline, lead with its
  dateline) must also abbreviate, unless the wire's house rules say its
  datelines spell months out (NewMediaWire, ACCESSWIRE, Newsfile, …); the
  letter itself may spell months out.
- business-day (warning): the release date should be a day the US markets
  trade (see market_calendar for what is covered).
- stale-year, stale-quarter (warning): text carried over from an old letter.
  Only the letter's own text is read (headline, lead, letter, sign-off); the
  About and Forward-Looking blocks are approved boilerplate whose history
  ("initiated … in 4Q 2005") is meant to stay. A year before the year ahead of
  the release's is flagged; years after it are plans, not stale text. A
  quarter with a year is flagged when it ended more than 15 months before the
  release (calendar quarters assumed). Years that say they are history are
  not flagged: both ends of a span ("from 2020 to 2022", "between 2019 and
  2021", "2020–2022", "from $1.5 billion in 2021 to $3.1 billion by 2027")
  and the year after "since", "founded in", "established in" or "incorporated
  in".
"""

from __future__ import annotations

import calendar
import datetime
import re

from letterkit.checks.release_text import LETTER, Passage, ReleaseText, finding_in
from letterkit.findings import Finding, finding_at
from letterkit.inputs.load import Inputs
from letterkit.inputs.yaml_source import Path_
from letterkit.locale_wording import long_date, month_names, weekday_names
from letterkit.market_calendar import market_closure
from letterkit.wires import rules_of
from letterkit.wording import AP_MONTHS, MONTHS, WEEKDAYS, ap_date

STALE_AFTER_MONTHS = 15  # a year's annual report, its filing window, and some slack

NEWS_ROLES = frozenset({"headline", "subheadline", "lead"})

_MONTH_WORD = r"Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sept?(?:ember)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?"
_WEEKDAY_DATE = re.compile(
    rf"\b(?P<weekday>{'|'.join(WEEKDAYS)}),?\s+(?P<month>{_MONTH_WORD})\.?\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\b"
    r"(?:,\s*(?P<year>\d{4})\b)?"
)
_MONTH_BEFORE_DAY = re.compile(rf"\b(?P<month>(?:{_MONTH_WORD})\.?)(?=\s+\d{{1,2}}\b)")
_ABBREVIATION_WITHOUT_DAY = re.compile(r"\b(?:Jan|Feb|Aug|Sept|Oct|Nov|Dec)\.(?!\s+\d{1,2}\b)")
_YEAR = re.compile(r"(?:(?<=FY)|(?<![\w$€£¥.,/\-]))(?P<year>(?:19|20)\d{2})(?![\w/]|[,.\-]\d)")
# Years written as history: a span's two ends, or a beginning. Within one sentence (no . ; between).
_SAME_SENTENCE = r"(?:[^.;]|\.(?=\d)){0,60}?"  # up to 60 characters, no sentence end (a decimal point is none)
_YEAR_SPAN = re.compile(
    rf"(?i:\bfrom|\bbetween)\b{_SAME_SENTENCE}\b(?:19|20)\d{{2}}\b{_SAME_SENTENCE}\b(?i:to|and|through|until)\b"
    rf"{_SAME_SENTENCE}\b(?:19|20)\d{{2}}\b"
    r"|\b(?:19|20)\d{2}\s?[–—-]\s?(?:(?:19|20)\d{2}|\d{2})\b"
    r"|(?i:\bsince|\bfounded in|\bestablished in|\bincorporated in|\bformed in)\s+(?:19|20)\d{2}\b"
)
_QUARTER = re.compile(
    r"\b(?:Q(?P<q1>[1-4])|(?P<q2>[1-4])Q)[\s\-’']*(?:FY\s*)?(?P<y1>(?:19|20)\d{2}|\d{2})\b"
    r"|\b(?P<ordinal>(?i:first|second|third|fourth))[\s\-]quarter(?:\s+of)?\s+(?:(?i:fiscal)\s+(?:year\s+)?)?"
    r"(?P<y2>(?:19|20)\d{2})\b"
)
_ORDINALS = ("first", "second", "third", "fourth")


def check_dates(release: ReleaseText) -> list[Finding]:
    inputs, composition = release.inputs, release.composition
    texts = release.passages
    release = inputs.letter.release.date
    findings = _business_day(inputs, release)
    rules = rules_of(composition.templates)
    news_roles = frozenset() if rules is not None and rules.months == "spelled-out" else NEWS_ROLES
    if inputs.language != "en":  # an edition: its weekdays in its own words; the other rules read English
        locale = composition.document.metadata.language
        return findings + [found for passage in texts for found in _local_weekdays(inputs, passage, release, locale)]
    for passage in texts:
        findings += _weekdays(inputs, passage, release)
        findings += _ap_months(inputs, passage, news_roles)
        # A table's years are the periods it compares ("2025 | 2024"), not text carried over.
        if passage.section == LETTER and passage.role != "table":
            findings += _stale_quarters_and_years(inputs, passage, release)
    return findings


def _local_weekdays(inputs: Inputs, passage: Passage, release: datetime.date, locale: str) -> list[Finding]:
    """The weekday rule in another language: "Donnerstag, 4. Januar 2007", "jeudi 4 janvier 2007"."""
    weekdays = weekday_names(locale)
    months = month_names(locale)
    weekday = "|".join(map(re.escape, weekdays))
    month = "|".join(sorted(map(re.escape, months), key=len, reverse=True))
    pattern = re.compile(
        rf"\b(?P<weekday>{weekday}),?\s+(?:den\s+)?(?P<day>\d{{1,2}})(?:\.|er)?\s+(?P<month>{month})\.?"
        r"(?:\s+(?P<year>\d{4}))?\b",
        re.IGNORECASE,
    )
    findings = []
    for match in pattern.finditer(passage.text):
        number = months.get(match["month"].lower().rstrip("."))
        day = _resolve_number(number, int(match["day"]), match["year"], release) if number else None
        if day is None or weekdays[day.weekday()].lower() == match["weekday"].lower():
            continue
        assumed = "" if match["year"] else f" (year {day.year} assumed)"
        named = f"{WEEKDAYS[day.weekday()]} ({weekdays[day.weekday()]})"
        message = f"“{match[0]}”: {long_date(day, locale)} is a {named}{assumed}"
        findings.append(finding_in(inputs, passage, match.start(), "error", "weekday", message))
    return findings


def add_months(day: datetime.date, months: int) -> datetime.date:
    """The same day `months` later (or the month's last day: Nov. 30 + 3 months = Feb. 28)."""
    year, month = divmod(day.year * 12 + day.month - 1 + months, 12)
    return datetime.date(year, month + 1, min(day.day, calendar.monthrange(year, month + 1)[1]))


def _business_day(inputs: Inputs, release: datetime.date) -> list[Finding]:
    closure = market_closure(release)
    if closure is None:
        return []
    why = "a weekend" if closure in ("Saturday", "Sunday") else f"the NYSE is closed for {closure}"
    message = f"the release date, {WEEKDAYS[release.weekday()]}, {ap_date(release)}, is not a US business day: {why}"
    return [finding_at(inputs.letter_source, ("release", "date"), "warning", "business-day", message)]


def _weekdays(inputs: Inputs, passage: Passage, release: datetime.date) -> list[Finding]:
    findings = []
    for match in _WEEKDAY_DATE.finditer(passage.text):
        day = _resolve(match["month"], int(match["day"]), match["year"], release)
        if day is None or WEEKDAYS[day.weekday()] == match["weekday"]:
            continue
        assumed = "" if match["year"] else f" (year {day.year} assumed)"
        message = f"“{match[0]}”: {ap_date(day)} is a {WEEKDAYS[day.weekday()]}{assumed}"
        findings.append(finding_in(inputs, passage, match.start(), "error", "weekday", message))
    return findings


def _resolve(month_word: str, day: int, year: str | None, release: datetime.date) -> datetime.date | None:
    return _resolve_number(_month_number(month_word), day, year, release)


def _resolve_number(month: int, day: int, year: str | None, release: datetime.date) -> datetime.date | None:
    years = [int(year)] if year else [release.year - 1, release.year, release.year + 1]
    candidates = []
    for candidate in years:
        try:
            candidates.append(datetime.date(candidate, month, day))
        except ValueError:  # Feb. 30: not a date at all, nothing to compare
            continue
    return min(candidates, key=lambda d: abs(d - release), default=None)


def _month_number(word: str) -> int:
    return [m[:3].lower() for m in MONTHS].index(word[:3].lower()) + 1


def _ap_months(inputs: Inputs, passage: Passage, news_roles: frozenset[str]) -> list[Finding]:
    findings = []
    for match in _MONTH_BEFORE_DAY.finditer(passage.text):
        written = match["month"]
        month = _month_number(written)
        ap_form, full = AP_MONTHS[month - 1], MONTHS[month - 1]
        if written == ap_form or (written == full and passage.role not in news_roles):
            continue
        where = " in the news text" if written == full else ""
        message = f"“{written}” before a day: AP style writes “{ap_form}”{where}"
        findings.append(finding_in(inputs, passage, match.start(), "warning", "ap-month", message))
    for match in _ABBREVIATION_WITHOUT_DAY.finditer(passage.text):
        full = MONTHS[_month_number(match[0]) - 1]
        message = f"“{match[0]}” without a day: AP style spells out “{full}”"
        findings.append(finding_in(inputs, passage, match.start(), "warning", "ap-month", message))
    return findings


def _stale_quarters_and_years(inputs: Inputs, passage: Passage, release: datetime.date) -> list[Finding]:
    findings = []
    quarter_spans = []
    for match in _QUARTER.finditer(passage.text):
        quarter_spans.append(match.span())
        quarter = int(match["q1"] or match["q2"] or _ORDINALS.index(match["ordinal"].lower()) + 1)
        year = _full_year(match["y1"] or match["y2"])
        end = datetime.date(year, 3 * quarter, calendar.monthrange(year, 3 * quarter)[1])
        if year < release.year - 1 or add_months(end, STALE_AFTER_MONTHS) < release:
            message = (
                f"“{match[0]}” ended more than {STALE_AFTER_MONTHS} months before the release date "
                f"({ap_date(release)}): possibly stale text from an old letter (calendar quarters assumed)"
            )
            findings.append(_stale(inputs, passage, match.start(), "stale-quarter", message, year))
    history = [match.span() for match in _YEAR_SPAN.finditer(passage.text)]
    for match in _YEAR.finditer(passage.text):
        year = int(match["year"])
        inside = any(start <= match.start() < end for start, end in (*quarter_spans, *history))
        if year < release.year - 1 and not inside:
            message = (
                f"{year} is neither the release's year ({release.year}) nor the year before: "
                "possibly stale text from an old letter"
            )
            findings.append(_stale(inputs, passage, match.start(), "stale-year", message, year))
    return findings


def _full_year(text: str) -> int:
    return int(text) if len(text) == 4 else 2000 + int(text)


def _stale(inputs: Inputs, passage: Passage, offset: int, rule: str, message: str, year: int) -> Finding:
    # A year a template printed comes from a dated milestone or financing ("In October 2024, we closed…").
    return finding_in(inputs, passage, offset, "warning", rule, message, driver=_dated_item(inputs, year))


def _dated_item(inputs: Inputs, year: int) -> Path_:
    letter = inputs.letter.letter
    for kind, items in (("financings", letter.financings), ("milestones", letter.milestones)):
        for index, item in enumerate(items):
            if item.date is not None and item.date.year == year:
                return ("letter", kind, index, "date")
    return ("release", "date")
