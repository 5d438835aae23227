"""Stock exchanges a listing may name, as releases print them.

The key is the label printed in the ticker tag "(LABEL: SYMBOL)"; the value is
the exchange's full name used in prose ("also listed on the Frankfurt Stock
Exchange"). Several labels may name one exchange (AMEX was renamed NYSE
American; Nasdaq's own style is "Nasdaq" where wires long used "NASDAQ").
"""

from __future__ import annotations

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
