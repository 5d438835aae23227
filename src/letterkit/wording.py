"""How a release writes dates, money and lists in running text.

Pure functions over values; the templates call them as Jinja filters.
"""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from decimal import Decimal

MONTHS = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)  # fmt: skip
# AP style: abbreviate only these months, and only when a day follows.
AP_MONTHS = ("Jan.", "Feb.", "March", "April", "May", "June", "July", "Aug.", "Sept.", "Oct.", "Nov.", "Dec.")
WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


def long_date(day: datetime.date) -> str:
    """January 3, 2007"""
    return f"{MONTHS[day.month - 1]} {day.day}, {day.year}"


def ap_date(day: datetime.date, *, year: bool = True, pad_day: bool = False) -> str:
    """Jan. 4, 2007 (AP style); `year=False` gives "Jan. 4"; `pad_day` gives "Jan. 04"."""
    number = f"{day.day:02d}" if pad_day else str(day.day)
    text = f"{AP_MONTHS[day.month - 1]} {number}"
    return f"{text}, {day.year}" if year else text


def month_year(year: int, month: int) -> str:
    """December 2006"""
    return f"{MONTHS[month - 1]} {year}"


# --- money -------------------------------------------------------------------

CURRENCY_SYMBOLS = {"USD": "$", "EUR": "€", "GBP": "£", "JPY": "¥", "CAD": "C$", "AUD": "A$", "NZD": "NZ$", "HKD": "HK$"}
_SCALES = ((Decimal(10) ** 12, "trillion"), (Decimal(10) ** 9, "billion"), (Decimal(10) ** 6, "million"))


def money(amount: Decimal, currency: str) -> str:
    """$5.75 million, $750,000, €1.2 billion, CHF 12 million, $5,750,000.50.

    Amounts are scaled to million/billion only when that loses nothing (at most
    three decimals); otherwise every digit is printed. Money is never rounded.
    """
    prefix = CURRENCY_SYMBOLS.get(currency, f"{currency} ")
    for scale, word in _SCALES:
        if amount >= scale:
            scaled = amount / scale
            if scaled == scaled.quantize(Decimal("0.001")):
                return f"{prefix}{_plain_number(scaled)} {word}"
            break
    return f"{prefix}{_grouped(amount, currency)}"


def _plain_number(value: Decimal) -> str:
    text = f"{value:f}"
    return text.rstrip("0").rstrip(".") if "." in text else text


def _grouped(value: Decimal, currency: str) -> str:
    """5,750,000 or 5,750,000.50: every digit the amount has, cents written out to the currency's minor unit."""
    if value == value.to_integral_value():
        return f"{int(value):,}"
    from babel.numbers import get_currency_precision  # only amounts with a fraction pay for CLDR

    digits = max(get_currency_precision(currency), -value.normalize().as_tuple().exponent)
    return f"{value.quantize(Decimal(1).scaleb(-digits)):,}"  # padding with zeros only: nothing is rounded


# Letters whose English name starts with a vowel sound: "an SEK", "an FX".
_VOWEL_SOUND_LETTERS = set("AEFHILMNORSX")


def indefinite_article(phrase: str) -> str:
    """"a" or "an" before a money phrase, by how it is spoken ("an $8 million", "an $11 million")."""
    head = phrase.lstrip("$€£¥")
    if head[:1].isalpha() and head[:1].isupper() and not head[1:2].islower():
        # a currency code or prefix like "C$", spoken letter by letter
        return "an" if head[0] in _VOWEL_SOUND_LETTERS else "a"
    digits = head.split(" ")[0].split(".")[0]
    leading_group = digits.split(",")[0]
    if leading_group.startswith("8") or leading_group in ("11", "18"):
        return "an"  # eight…, eleven…, eighteen…
    return "a"


# --- lists in running text ----------------------------------------------------


def series(items: Sequence[str], conjunction: str = "and", *, serial: bool = True) -> str:
    """a; a and b; a, b, and c (serial comma, as in the reference release's goals); with
    `serial=False`, AP style: a, b and c (its safe-harbor risk factors)."""
    if len(items) <= 2:
        return f" {conjunction} ".join(items)
    return ", ".join(items[:-1]) + ("," if serial else "") + f" {conjunction} " + items[-1]


def ap_series(items: Sequence[str], conjunction: str = "and") -> str:
    """AP style: a, b and c; with the serial comma only where an item holds the conjunction
    itself (a, b, and c and d), so the reader sees where the last item begins."""
    holds_conjunction = any(f" {conjunction} " in f" {item} " for item in items)
    return series(items, conjunction, serial=holds_conjunction)


def numbered_series(items: Sequence[str]) -> str:
    """1) a, 2) b, and 3) c"""
    return series([f"{number}) {item}" for number, item in enumerate(items, start=1)])
