import datetime
from decimal import Decimal

import pytest

from letterkit import wording


@pytest.mark.parametrize(
    ("amount", "currency", "expected"),
    [
        ("5750000", "USD", "$5.75 million"),
        ("12000000", "USD", "$12 million"),
        ("85000000", "USD", "$85 million"),
        ("1500000000", "USD", "$1.5 billion"),
        ("5125000", "USD", "$5.125 million"),
        ("5123456", "USD", "$5,123,456"),  # not scalable without rounding: every digit
        ("750000", "USD", "$750,000"),
        ("1234.5", "USD", "$1,234.50"),
        ("2000000", "EUR", "€2 million"),
        ("3000000", "GBP", "£3 million"),
        ("4000000", "CAD", "C$4 million"),
        ("12000000", "CHF", "CHF 12 million"),
    ],
)
def test_money_is_written_as_releases_write_it_and_never_rounded(amount, currency, expected):
    assert wording.money(Decimal(amount), currency) == expected


@pytest.mark.parametrize(
    ("phrase", "article"),
    [
        ("$5.75 million", "a"),
        ("$8 million", "an"),
        ("$800,000", "an"),
        ("$11 million", "an"),
        ("$18.5 million", "an"),
        ("$110 million", "a"),
        ("$1.1 million", "a"),
        ("€80 million", "an"),
        ("CHF 12 million", "a"),
        ("SEK 50 million", "an"),
        ("C$4 million", "a"),
    ],
)
def test_indefinite_article_follows_pronunciation(phrase, article):
    assert wording.indefinite_article(phrase) == article


@pytest.mark.parametrize(
    ("day", "ap", "ap_no_year", "ap_padded"),
    [
        (datetime.date(2007, 1, 4), "Jan. 4, 2007", "Jan. 4", "Jan. 04, 2007"),
        (datetime.date(2007, 3, 4), "March 4, 2007", "March 4", "March 04, 2007"),
        (datetime.date(2026, 9, 30), "Sept. 30, 2026", "Sept. 30", "Sept. 30, 2026"),
        (datetime.date(2026, 6, 1), "June 1, 2026", "June 1", "June 01, 2026"),
        (datetime.date(2026, 8, 12), "Aug. 12, 2026", "Aug. 12", "Aug. 12, 2026"),
    ],
)
def test_ap_style_dates(day, ap, ap_no_year, ap_padded):
    assert wording.ap_date(day) == ap
    assert wording.ap_date(day, year=False) == ap_no_year
    assert wording.ap_date(day, pad_day=True) == ap_padded


def test_long_date():
    assert wording.long_date(datetime.date(2007, 1, 3)) == "January 3, 2007"


def test_series_uses_serial_comma_like_the_reference():
    assert wording.series(["a"]) == "a"
    assert wording.series(["a", "b"]) == "a and b"
    assert wording.series(["a", "b", "c"]) == "a, b, and c"
    assert wording.numbered_series(["x", "y", "z"]) == "1) x, 2) y, and 3) z"


def test_ap_series_has_no_serial_comma_unless_an_item_holds_the_conjunction():
    assert wording.series(["a", "b", "c"], serial=False) == "a, b and c"
    assert wording.ap_series(["a"]) == "a"
    assert wording.ap_series(["a", "b"]) == "a and b"
    assert wording.ap_series(["risk", "prices", "competition"]) == "risk, prices and competition"
    # AP: the comma shows where the last item begins when an item has an "and" of its own.
    assert wording.ap_series(["iron, copper and freight", "competition", "capital"]) == (
        "iron, copper and freight, competition, and capital")
    assert wording.ap_series(["brand", "candor"]) == "brand and candor"  # "and" inside a word is no conjunction
    assert wording.ap_series(["brand", "candor", "hand"]) == "brand, candor and hand"
    assert wording.numbered_series(["x", "y"]) == "1) x and 2) y"
