"""Stock exchanges a listing may name, as releases print them.

The key is the label printed in the ticker tag "(LABEL: SYMBOL)"; the value is
the exchange's full name used in prose ("also listed on the Frankfurt Stock
Exchange"). Several labels may name one exchange (AMEX was renamed NYSE
American; Nasdaq's own style is "Nasdaq" where wires long used "NASDAQ").
"""

from __future__ import annotations

import datetime
import re

EXCHANGES: dict[str, str] = {
    "NYSE": "New York Stock Exchange",
    "NYSE American": "NYSE American",
    "NYSE MKT": "NYSE MKT",
    "AMEX": "American Stock Exchange",
    "NYSE Arca": "NYSE Arca",
    "NASDAQ": "Nasdaq Stock Market",
    "Nasdaq": "Nasdaq Stock Market",
    "OTCQX": "OTCQX Best Market",
    "OTCQB": "OTCQB Venture Market",
    "OTC Pink": "OTC Pink Open Market",
    "OTCBB": "OTC Bulletin Board",
    "Cboe": "Cboe BZX Exchange",
    "TSX": "Toronto Stock Exchange",
    "TSXV": "TSX Venture Exchange",
    "TSX-V": "TSX Venture Exchange",
    "CSE": "Canadian Securities Exchange",
    "LSE": "London Stock Exchange",
    "AIM": "AIM market of the London Stock Exchange",
    "FWB": "Frankfurt Stock Exchange",
    "FSE": "Frankfurt Stock Exchange",
    "XETRA": "Xetra",
    "Xetra": "Xetra",
    "SIX": "SIX Swiss Exchange",
    "Euronext": "Euronext",
    "Euronext Paris": "Euronext Paris",
    "Euronext Amsterdam": "Euronext Amsterdam",
    "Euronext Brussels": "Euronext Brussels",
    "Oslo Børs": "Oslo Børs",
    "Nasdaq Stockholm": "Nasdaq Stockholm",
    "Nasdaq Copenhagen": "Nasdaq Copenhagen",
    "Nasdaq Helsinki": "Nasdaq Helsinki",
    "ASX": "Australian Securities Exchange",
    "NZX": "New Zealand Exchange",
    "TASE": "Tel Aviv Stock Exchange",
    "HKEX": "Hong Kong Stock Exchange",
    "SEHK": "Hong Kong Stock Exchange",
    "TSE": "Tokyo Stock Exchange",
    "JSE": "Johannesburg Stock Exchange",
    "BSE": "BSE (Bombay Stock Exchange)",
    "NSE": "National Stock Exchange of India",
    "SGX": "Singapore Exchange",
    "KRX": "Korea Exchange",
}

# Symbols: letters and digits, optionally a class or market suffix ("BRK.B", "RDS-A", "7203").
SYMBOL_PATTERN = re.compile(r"^[A-Z0-9]{1,6}([.\-][A-Z0-9]{1,3})?$")


def exchange_name(label: str) -> str:
    return EXCHANGES[label]


# Labels that name one market, so "(AMEX: KAL)" and "(NYSE American: KAL)" are
# the same listing written two ways. A release should write it one way.
SAME_MARKET: tuple[frozenset[str], ...] = (
    frozenset({"AMEX", "NYSE MKT", "NYSE American"}),
    frozenset({"NASDAQ", "Nasdaq"}),
    frozenset({"TSXV", "TSX-V"}),
    frozenset({"FWB", "FSE"}),
    frozenset({"XETRA", "Xetra"}),
    frozenset({"HKEX", "SEHK"}),
)


def market_of(label: str) -> frozenset[str]:
    """Every label naming the same market as `label` (itself included)."""
    return next((group for group in SAME_MARKET if label in group), frozenset({label}))


# The months in which renamed labels were the exchange's name, as (year, month):
# (first month, month it was renamed or None, today's label). The American Stock
# Exchange became NYSE Alternext US when NYSE Euronext's purchase closed (October 2008),
# then NYSE Amex Equities (March 2009), NYSE MKT (May 2012) and NYSE American (July 2017).
# Only months are recorded, so a release in the month of a rename is never judged.
Month = tuple[int, int]
LABEL_PERIODS: dict[str, tuple[Month | None, Month | None, str]] = {
    "AMEX": (None, (2008, 10), "NYSE American"),
    "NYSE MKT": ((2012, 5), (2017, 7), "NYSE American"),
    "NYSE American": ((2017, 7), None, "NYSE American"),
}


def label_out_of_date(label: str, day: datetime.date) -> str | None:
    """Why `label` is not what its exchange was called on `day`; None if it was, or if we do not know."""
    if label not in LABEL_PERIODS:
        return None
    first, renamed, today = LABEL_PERIODS[label]
    month = (day.year, day.month)
    if renamed is not None and month > renamed:
        return f"{label} was renamed in {renamed[0]} (its label today is {today})"
    if first is not None and month < first:
        return f"the exchange was first called {label} in {first[0]}"
    return None
