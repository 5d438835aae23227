"""Length and cost: the release's word count as the wires count it, priced by the rate card.

Counted: the headline and subheadline, the lead with its dateline, the
letter, the signatures, and the About and Forward-Looking blocks. Not
counted: the contact block and ###. A word is a whitespace-separated token
with at least one letter or digit ("$5.75", "L-Annamycin" and "10-K/A" are
one word each; a lone "—" or "&" is none), as a word processor counts.

- word-count (info): the count and, from the rate card, the price;
- word-band (warning): the release is only a few words into a paid 100-word
  band, so cutting them saves a band's price;
- rate-card (error): the rate card file is broken (the draft is still written).
The rate card is `ratecards.yaml` in the data folder (the folder holding
companies/), or the file given with --ratecard.
"""

from __future__ import annotations

import re
from decimal import Decimal
from pathlib import Path

from letterkit.checks.release_text import CONTACTS, END, ReleaseText
from letterkit.errors import display_path
from letterkit.findings import Finding, finding_at
from letterkit.input_files import is_present
from letterkit.inputs.load import Inputs
from letterkit.ratecards import BAND_WORDS, RateCard, load_rate_card, price
from letterkit.wording import CURRENCY_SYMBOLS

COUNTED = "headline, dateline and lead, letter, signatures, About and Forward-Looking; not contacts or ###"
_WORD = re.compile(r"\w")


def default_rate_card(inputs: Inputs) -> Path:
    return inputs.company_path.parent.parent / "ratecards.yaml"


def count_words(release: ReleaseText) -> int:
    counted = (p.text for p in release.passages if p.section not in (CONTACTS, END))
    return sum(1 for text in counted for token in text.split() if _WORD.search(token))


def check_length(release: ReleaseText, *, rate_card: Path | None = None) -> list[Finding]:
    inputs = release.inputs
    words = count_words(release)
    here = (inputs.letter_source, ("release", "wire"))
    counted = f"{words} words as the wires count them ({COUNTED})"
    path = rate_card or default_rate_card(inputs)
    if not is_present(path):  # anything else there (a folder, a FIFO) is read, and refused as a rate-card error
        return [finding_at(*here, "info", "word-count", f"{counted}; no rate card at {display_path(path)}")]
    card, problems = load_rate_card(path)
    if card is None:
        return [Finding(p.file, p.line, "error", "rate-card", f"{p.path}: {p.message}" if p.path else p.message)
                for p in problems]
    return _priced(inputs, card, display_path(path), words, counted)


def _priced(inputs: Inputs, card: RateCard, card_name: str, words: int, counted: str) -> list[Finding]:
    here = (inputs.letter_source, ("release", "wire"))
    release = inputs.letter.release
    label = f"{'EXAMPLE ' if card.example else ''}rate card {card_name}"
    wire = card.wires.get(release.wire)
    if wire is None:
        return [finding_at(*here, "info", "word-count", f"{counted}; no {release.wire!r} rates in the {label}")]
    circuit = release.circuit if release.circuit in wire.circuits else wire.default_circuit
    rate = wire.circuits.get(circuit)
    if rate is None:
        message = f"{counted}; the {label} has no {circuit!r} circuit for {wire.name}"
        return [finding_at(*here, "info", "word-count", message)]
    cost = price(rate, words)
    money = _money_in(card.currency)
    breakdown = f"first {rate.base_words} words {money(rate.base_price)}"
    if cost.extra_bands:
        breakdown += f", {cost.extra_bands} × {BAND_WORDS} more words at {money(rate.per_100_words)}"
    message = f"{counted}; {wire.name} {circuit}: {money(cost.total)} ({breakdown}) by the {label}"
    findings = [finding_at(*here, "info", "word-count", message)]
    into = cost.words_into_last_band(words)
    if 0 < into <= card.band_warning_words:
        message = (
            f"{words} words is {into} word(s) into a new {BAND_WORDS}-word band: "
            f"cutting {into} word(s) saves {money(rate.per_100_words)} on {wire.name} {circuit}"
        )
        findings.append(finding_at(*here, "warning", "word-band", message))
    return findings


def _money_in(currency: str):
    symbol = CURRENCY_SYMBOLS.get(currency, f"{currency} ")

    def money(amount: Decimal) -> str:
        return f"{symbol}{amount:,.2f}"

    return money
