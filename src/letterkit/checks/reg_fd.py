"""Regulation FD timing: when the release goes out, and when the Form 8-K that carries it is dated.

Read from the letter's `filing:` (sec_schema.Filing):
- reg-fd-embargo: an `embargo` that ends before the release goes to the wire;
- reg-fd-window: the time the release becomes public (the `embargo`'s end, else
  `release_time`; US Eastern) falls in a window an exchange the
  company is listed on sets for material news (resources/reg-fd-windows.toml:
  a notice the exchange needs, as info; a time it asks issuers to avoid, as a
  warning; a window written from guidance rather than a rule text says it is
  an assumption);
- reg-fd-8k-late: the 8-K's `date` is later than the first business day after
  the release date. Furnishing the release on Form 8-K is how an issuer makes
  it "public disclosure" under Regulation FD (17 CFR 243.101(e)); done the same
  day or the next business day at the latest, the filing and the wire tell the
  market the same thing together.
Nothing is said for a letter without `filing:`.
"""

from __future__ import annotations

import datetime
import tomllib
from dataclasses import dataclass
from functools import cache

from letterkit.checks.release_text import ReleaseText
from letterkit.findings import Finding, Severity, finding_at
from letterkit.market_calendar import market_closure
from letterkit.paths import resources_dir

WINDOWS_FILE = "reg-fd-windows.toml"


@dataclass(frozen=True)
class Window:
    exchanges: frozenset[str]
    start: datetime.time
    end: datetime.time
    rule: str
    says: str
    severity: Severity
    assumption: bool


def check_reg_fd(release: ReleaseText) -> list[Finding]:
    inputs = release.inputs
    filing = inputs.letter.filing
    if filing is None:
        return []
    findings = []
    if filing.embargo is not None and filing.release_time is not None and filing.embargo < filing.release_time:
        message = (
            f"the embargo ends at {filing.embargo} ET, before the release goes to the wire at {filing.release_time} "
            "ET: the release is public when it crosses, so the embargo holds nothing"
        )
        findings.append(finding_at(release.inputs.letter_source, ("filing", "embargo"), "warning", "reg-fd-embargo", message))
    public = max(filter(None, (filing.release_time, filing.embargo)), default=None)  # HH:MM compares as text
    if public is not None:
        field = "embargo" if public == filing.embargo else "release_time"
        findings += _windows(release, public, field)
    if filing.date is not None:
        findings += _late_8k(release, filing.date)
    return findings


def _windows(release: ReleaseText, release_time: str, field: str) -> list[Finding]:
    """`release_time`: when the release becomes public (the embargo's end, else when it goes to the wire)."""
    inputs = release.inputs
    at = datetime.time.fromisoformat(release_time)
    listed = {listing.exchange for listing in inputs.company.listings}
    findings = []
    for window in release_windows():
        exchanges = sorted(window.exchanges & listed)
        if not exchanges or not window.start <= at < window.end:
            continue
        hours = f"{window.start:%H:%M}–{window.end:%H:%M} ET"
        caveat = " (letterkit's reading of the exchange's guidance, an assumption: confirm it with the exchange)" if window.assumption else ""
        when = "the embargo ends" if field == "embargo" else "the release goes out"
        message = (
            f"{when} at {release_time} ET, inside {hours} for {', '.join(exchanges)}: "
            f"{window.says} ({window.rule}){caveat}"
        )
        findings.append(finding_at(inputs.letter_source, ("filing", field), window.severity, "reg-fd-window", message))
    return findings


def _late_8k(release: ReleaseText, filed: datetime.date) -> list[Finding]:
    inputs = release.inputs
    released = inputs.letter.release.date
    latest = next_business_day(released)
    if filed <= latest:
        return []
    message = (
        f"the Form 8-K is dated {filed:%B} {filed.day}, {filed.year}, later than {latest:%A, %B} {latest.day}, "
        f"the first business day after the release ({released:%B} {released.day}): furnish it the same day or "
        "the next business day, so the filing and the wire disclose together (Regulation FD, 17 CFR 243.101(e))"
    )
    return [finding_at(inputs.letter_source, ("filing", "date"), "warning", "reg-fd-8k-late", message)]


def next_business_day(day: datetime.date) -> datetime.date:
    """The first day after `day` the US markets trade (weekends, NYSE holidays and closures skipped)."""
    day += datetime.timedelta(days=1)
    while market_closure(day) is not None:
        day += datetime.timedelta(days=1)
    return day


@cache
def release_windows() -> tuple[Window, ...]:
    data = tomllib.loads((resources_dir() / WINDOWS_FILE).read_text(encoding="utf-8"))
    return tuple(
        Window(
            exchanges=frozenset(entry["exchanges"]),
            start=datetime.time.fromisoformat(entry["start"]),
            end=datetime.time.fromisoformat(entry["end"]),
            rule=entry["rule"],
            says=entry["says"],
            severity=entry["severity"],
            assumption=bool(entry["assumption"]),
        )
        for entry in data["window"]
    )
