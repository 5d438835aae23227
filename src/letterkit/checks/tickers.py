"""Tickers: the company is written with the same tickers everywhere in the release.

The lead's tags come from the company profile, so they are right by
construction; what can go wrong is ticker text typed elsewhere (a headline
"(NASDAQ: KAL)", a profile About sentence "under the symbol KAK") or an
exchange label that is out of date. Every mention in the release is read:
- "(LABEL: SYMBOL)" / "LABEL: SYMBOL" / "(LABEL:SYMBOL)" for any known exchange
  label ("OTC", "OTCQB", "OTC Pink", "OTCPK", …), and
- "ticker symbol X" / "under the symbol X" (with "on the <exchange name>"
  when the sentence names one).
Rules:
- ticker-mismatch (error): a symbol the profile does not list, or listed on
  another exchange or tier ("OTCQX" for a listing on OTCQB);
- ticker-naming (warning): the right listing written with another label of the
  same market than the lead uses ("NYSE American" vs "AMEX"; "OTC" or "OTCPK"
  vs "OTC Pink");
- exchange-name-date (warning): a label that was not the exchange's name on
  the release date (AMEX after its 2008 renaming, NYSE American before 2017).
"""

from __future__ import annotations

import re

from letterkit.checks.release_text import Passage, ReleaseText, finding_in, sentences
from letterkit.exchanges import EXCHANGES, exchange_name, label_out_of_date, market_of
from letterkit.findings import Finding, finding_at
from letterkit.inputs.load import Inputs

_SYMBOL = r"[A-Z0-9]{1,6}(?:[.\-][A-Z0-9]{1,3})?"
_LABELS = "|".join(re.escape(label) for label in sorted(EXCHANGES, key=len, reverse=True))
_TAG = re.compile(rf"(?<![\w-])(?P<label>{_LABELS})\s*:\s*(?P<symbol>{_SYMBOL})\b")
_SYMBOL_PHRASE = re.compile(rf"\b(?:ticker\s+)?symbols?\s+[“\"]?(?P<symbol>{_SYMBOL})\b")
_NAMES = "|".join(re.escape(name) for name in sorted(set(EXCHANGES.values()), key=len, reverse=True))
_ON_EXCHANGE = re.compile(rf"\bon the (?P<name>{_NAMES})\b")


def check_tickers(release: ReleaseText) -> list[Finding]:
    inputs = release.inputs
    listings = {listing.symbol: listing.exchange for listing in inputs.company.listings}
    findings = _labels_for_date(inputs)
    for passage in release.passages:
        for match in _TAG.finditer(passage.text):
            findings += _tag_findings(inputs, passage, match, listings)
        for start, end in sentences(passage.text):
            findings += _phrase_findings(inputs, passage, start, end, listings)
    return findings


def _listed(listings: dict[str, str]) -> str:
    return ", ".join(f"{symbol} on {label}" for symbol, label in listings.items())


def _tag_findings(inputs: Inputs, passage: Passage, match: re.Match[str], listings: dict[str, str]) -> list[Finding]:
    label, symbol = match["label"], match["symbol"]
    listed_on = listings.get(symbol)
    driver = ("company",)
    if listed_on is None or label not in market_of(listed_on):
        message = f"“{match[0]}”: the company profile lists {_listed(listings)}"
        return [finding_in(inputs, passage, match.start(), "error", "ticker-mismatch", message, driver=driver)]
    findings = []
    if label != listed_on:
        message = f"“{match[0]}” names the market the lead writes as “{listed_on}: {symbol}”: write it one way"
        findings.append(finding_in(inputs, passage, match.start(), "warning", "ticker-naming", message, driver=driver))
    why = label_out_of_date(label, inputs.letter.release.date)
    if why and label != listed_on:  # the profile's own labels are reported once, at the profile
        message = f"“{match[0]}”: {why}"
        findings.append(finding_in(inputs, passage, match.start(), "warning", "exchange-name-date", message))
    return findings


def _phrase_findings(
    inputs: Inputs, passage: Passage, start: int, end: int, listings: dict[str, str]
) -> list[Finding]:
    findings = []
    exchanges_named = list(_ON_EXCHANGE.finditer(passage.text, start, end))
    for match in _SYMBOL_PHRASE.finditer(passage.text, start, end):
        symbol = match["symbol"]
        listed_on = listings.get(symbol)
        # The exchange this symbol is said to trade on: the one named last before it in the sentence.
        named = next((n["name"] for n in reversed(exchanges_named) if n.start() < match.start()), None)
        if listed_on is None or (named is not None and named not in _names_of(listed_on)):
            said = f" on the {named}" if named else ""
            message = f"“{match[0]}”{said}: the company profile lists {_listed(listings)}"
            findings.append(
                finding_in(inputs, passage, match.start(), "error", "ticker-mismatch", message, driver=("company",))
            )
    return findings


def _names_of(label: str) -> set[str]:
    """The prose names a listing on `label` may be called by ("OTC Markets" for one on OTCQB)."""
    return {exchange_name(other) for other in market_of(label)}


def _labels_for_date(inputs: Inputs) -> list[Finding]:
    findings = []
    for index, listing in enumerate(inputs.company.listings):
        why = label_out_of_date(listing.exchange, inputs.letter.release.date)
        if why:
            message = f"the ticker tag “({listing.exchange}: {listing.symbol})”: {why}"
            path = ("listings", index, "exchange")
            findings.append(finding_at(inputs.company_source, path, "warning", "exchange-name-date", message))
    return findings
