"""Stock exchanges a listing may name, as releases print them.

The key is the label printed in the ticker tag "(LABEL: SYMBOL)"; the value is
the exchange's full name used in prose ("also listed on the Frankfurt Stock
Exchange"). Several labels may name one exchange (AMEX was renamed NYSE
American; Nasdaq's own style is "Nasdaq" where wires long used "NASDAQ"), and
one label may name a market without its tier: "OTC" is OTC Markets, whichever
of OTCQX, OTCQB or OTC Pink (also printed "OTCPK") the shares trade on.
"""

from __future__ import annotations

import datetime
import difflib
import re

EXCHANGES: dict[str, str] = {
    "NYSE": "New York Stock Exchange",
    "NYSE American": "NYSE American",
    "NYSE MKT": "NYSE MKT",
    "AMEX": "American Stock Exchange",
    "NYSE Arca": "NYSE Arca",
    "NASDAQ": "Nasdaq Stock Market",
    "Nasdaq": "Nasdaq Stock Market",
    "OTC": "OTC Markets",
    "OTCQX": "OTCQX Best Market",
    "OTCQB": "OTCQB Venture Market",
    "OTC Pink": "OTC Pink Open Market",
    "OTCPK": "OTC Pink Open Market",
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


# The names an exchange goes by in another language, where it has one (the others are proper
# names, the same in every language: "Nasdaq Stock Market", "OTCQB Venture Market").
LOCAL_NAMES: dict[str, dict[str, str]] = {
    "de": {
        "FWB": "Frankfurter Wertpapierbörse", "FSE": "Frankfurter Wertpapierbörse", "NYSE": "New Yorker Börse",
        "LSE": "Londoner Börse", "SIX": "Schweizer Börse SIX", "TSX": "Toronto Stock Exchange",
    },
    "fr": {
        "TSX": "Bourse de Toronto", "TSXV": "Bourse de croissance TSX", "TSX-V": "Bourse de croissance TSX",
        "CSE": "Bourse des valeurs canadiennes", "NYSE": "Bourse de New York", "FWB": "Bourse de Francfort",
        "FSE": "Bourse de Francfort", "LSE": "Bourse de Londres", "SIX": "Bourse suisse SIX",
    },
}


def exchange_name(label: str, language: str = "en") -> str:
    return LOCAL_NAMES.get(language, {}).get(label) or EXCHANGES[label]


# Labels that name one market, so "(AMEX: KAL)" and "(NYSE American: KAL)" are
# the same listing written two ways. A release should write it one way.
SAME_MARKET: tuple[frozenset[str], ...] = (
    frozenset({"AMEX", "NYSE MKT", "NYSE American"}),
    frozenset({"NASDAQ", "Nasdaq"}),
    frozenset({"TSXV", "TSX-V"}),
    frozenset({"FWB", "FSE"}),
    frozenset({"XETRA", "Xetra"}),
    frozenset({"HKEX", "SEHK"}),
    frozenset({"OTC Pink", "OTCPK"}),
)

# Labels that name a market without saying which of its tiers: "(OTC: X)" is right for a
# listing on any OTC Markets tier, but "(OTCQX: X)" is wrong for one on OTCQB.
ANY_TIER: dict[str, frozenset[str]] = {"OTC": frozenset({"OTCQX", "OTCQB", "OTC Pink", "OTCPK"})}


def market_of(label: str) -> frozenset[str]:
    """Every label a listing on `label` may be printed with (itself included): its market's other
    labels, the label of its market without the tier ("OTC" for OTCQB) and, for such a label, every tier."""
    same = next((group for group in SAME_MARKET if label in group), frozenset({label}))
    untiered = {market for market, tiers in ANY_TIER.items() if same & tiers}
    return same.union(untiered, ANY_TIER.get(label, ()))


def suggest_label(typed: str) -> str | None:
    """What an unknown exchange label probably meant, for "did you mean …?"; None when nothing is close.

    The same letters in another case or spacing ("OTC PINK", "nyse american") give that label. Other
    OTC-like input ("OTC Markets", "OTCMKTS", "Pink Sheets") gets "OTC" and the tiers, never a guessed
    tier: which tier a company trades on is a fact to look up, not a spelling to correct.
    """
    squashed = _squashed(typed)
    same = [label for label in EXCHANGES if _squashed(label) == squashed]
    if same:
        return " or ".join(repr(label) for label in same)
    if squashed.startswith("otc") or "pink" in squashed:
        return "'OTC' for OTC Markets, any tier, or its tier: 'OTCQX', 'OTCQB' or 'OTC Pink'"
    close = difflib.get_close_matches(typed, EXCHANGES, n=1, cutoff=0.6)
    return repr(close[0]) if close else None


def _squashed(label: str) -> str:
    return re.sub(r"[^0-9a-z]", "", label.casefold())


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
