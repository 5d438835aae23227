"""Dateline and dates: weekdays, AP months, business days, stale years and quarters."""

import datetime

import pytest

from letterkit.checks.dates import add_months
from letterkit.market_calendar import easter_sunday, holidays, market_closure

from checking import AURORA, CALLISTO, edit, findings

CLOSING = "      and we look forward to reporting our progress.\n"


def _closing(text):
    return edit(AURORA, CLOSING, f"      and we look forward to reporting our progress. {text}\n")


# --- weekday ----------------------------------------------------------------------


def test_a_weekday_that_does_not_match_its_date_is_an_error(workspace):
    _closing("Join us on Monday, Jan. 12, 2027, and on Wednesday, Dec. 3.")
    assert findings(AURORA, "weekday") == [
        f"{AURORA}:56: error: weekday: “Monday, Jan. 12, 2027”: Jan. 12, 2027 is a Tuesday in letter.closing[0]",
        f"{AURORA}:56: error: weekday: “Wednesday, Dec. 3”: Dec. 3, 2026 is a Thursday (year 2026 assumed) "
        "in letter.closing[0]",
    ]


def test_a_weekday_that_matches_its_date_passes(workspace):
    _closing("Join us on Tuesday, Jan. 12, 2027, on Thursday, December 3, and on Friday, Jan. 8.")
    assert findings(AURORA, "weekday") == []


# --- AP months --------------------------------------------------------------------


def test_months_abbreviated_other_than_ap_style_are_warnings(workspace):
    _closing("We meet on Sept 4 and Mar. 9, and report in Jan. 2027.")
    assert findings(AURORA, "ap-month") == [
        f"{AURORA}:56: warning: ap-month: “Jan.” without a day: AP style spells out “January” in letter.closing[0]",
        f"{AURORA}:56: warning: ap-month: “Mar.” before a day: AP style writes “March” in letter.closing[0]",
        f"{AURORA}:56: warning: ap-month: “Sept” before a day: AP style writes “Sept.” in letter.closing[0]",
    ]


def test_the_news_text_abbreviates_where_the_letter_may_spell_out(workspace):
    # The letter's "January 3, 2007" is a letter's date; in the lead it is news copy.
    assert findings(CALLISTO, "ap-month") == []
    edit(CALLISTO, "    In the letter, Dr. Jacob", "    In the letter, dated January 3, Dr. Jacob")
    assert findings(CALLISTO, "ap-month") == [
        f"{CALLISTO}:12: warning: ap-month: “January” before a day: AP style writes “Jan.” in the news text "
        "in release.summary"
    ]


# --- business day -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("release", "reason"),
    [
        ("2007-01-06", "a weekend"),
        ("2007-01-02", "the NYSE is closed for national day of mourning for President Gerald R. Ford"),
        ("2007-01-01", "the NYSE is closed for New Year's Day"),
    ],
)
def test_a_release_date_the_markets_are_closed_is_a_warning(workspace, release, reason):
    edit(CALLISTO, "  date: 2007-01-03\n", "  date: 2006-12-29\n")
    edit(CALLISTO, "  date: 2007-01-04\n", f"  date: {release}\n")
    day = datetime.date.fromisoformat(release)
    [finding] = findings(CALLISTO, "business-day")
    assert finding == (
        f"{CALLISTO}:11: warning: business-day: the release date, {day:%A}, Jan. {day.day}, 2007, "
        f"is not a US business day: {reason}"
    )


def test_the_examples_go_out_on_business_days(workspace):
    assert findings(CALLISTO, "business-day") == findings(AURORA, "business-day") == []


def test_nyse_holidays_follow_rule_7_2():
    assert market_closure(datetime.date(2007, 1, 4)) is None  # the Callisto release: a Thursday
    assert market_closure(datetime.date(2007, 1, 2)) == "national day of mourning for President Gerald R. Ford"
    # New Year's Day on a Saturday: no Friday closure, Dec. 31 ends the year (2022's calendar).
    assert market_closure(datetime.date(2021, 12, 31)) is None
    assert datetime.date(2022, 1, 1) not in holidays(2022)
    # Sunday holidays move to Monday, Saturday ones to Friday; Juneteenth from 2022.
    assert holidays(2022)[datetime.date(2022, 6, 20)] == "Juneteenth National Independence Day"
    assert holidays(2022)[datetime.date(2022, 12, 26)] == "Christmas Day"
    assert holidays(2026)[datetime.date(2026, 7, 3)] == "Independence Day"
    assert not any(name.startswith("Juneteenth") for name in holidays(2021).values())
    assert holidays(2024)[datetime.date(2024, 3, 29)] == "Good Friday"
    assert sorted(holidays(2023)) == [
        datetime.date(2023, m, d)
        for m, d in [(1, 2), (1, 16), (2, 20), (4, 7), (5, 29), (6, 19), (7, 4), (9, 4), (11, 23), (12, 25)]
    ]


def test_easter_and_month_arithmetic():
    assert [easter_sunday(y) for y in (2007, 2019, 2038)] == [
        datetime.date(2007, 4, 8), datetime.date(2019, 4, 21), datetime.date(2038, 4, 25)
    ]
    assert add_months(datetime.date(2005, 11, 30), 15) == datetime.date(2007, 2, 28)


# --- stale years and quarters -------------------------------------------------------


def test_a_year_before_last_year_in_the_letter_is_a_warning(workspace):
    edit(CALLISTO, "that you may not have seen.", "that you may not have seen in 2005.")
    assert findings(CALLISTO, "stale") == [
        f"{CALLISTO}:21: warning: stale-year: 2005 is neither the release's year (2007) nor the year before: "
        "possibly stale text from an old letter in letter.opening[0]"
    ]


@pytest.mark.parametrize(
    "history",
    [
        "From 2001 to 2003 we ran a pilot.",
        "Between 2002 and 2004 we ran a pilot.",
        "The 2001–2003 pilot ran well.",
        "Sales grew from $1.5 million in 2003 to $3.1 million by 2010.",
        "We have grown every year since 2002.",
        "Founded in 1999, we are proud of our history.",
    ],
)
def test_years_written_as_history_are_not_stale(workspace, history):
    edit(CALLISTO, "that you may not have seen.", f"that you may not have seen. {history}")
    assert findings(CALLISTO, "stale") == []


def test_a_year_printed_from_a_dated_financing_is_placed_at_its_date(workspace):
    edit(AURORA, "      date: 2026-10-02       # no prose", "      date: 2024-10-02       # no prose")
    assert findings(AURORA, "stale") == [
        f"{AURORA}:47: warning: stale-year: 2024 is neither the release's year (2026) nor the year before: "
        "possibly stale text from an old letter (written by a template)"
    ]


def test_boilerplate_history_and_future_years_are_not_stale(workspace):
    # Callisto's About says "4Q 2005" (history in approved boilerplate); Aurora plans for 2027 and 2028.
    assert findings(CALLISTO, "stale") == findings(AURORA, "stale") == []


def test_a_quarter_that_ended_more_than_15_months_before_the_release_is_a_warning(workspace):
    _closing("Orders doubled from Q2 2025 to Q3 2025 and again by 4Q26.")
    assert findings(AURORA, "stale") == [
        f"{AURORA}:56: warning: stale-quarter: “Q2 2025” ended more than 15 months before the release date "
        "(Nov. 24, 2026): possibly stale text from an old letter (calendar quarters assumed) in letter.closing[0]"
    ]


def test_a_quarter_two_years_back_is_reported_once_as_a_quarter(workspace):
    _closing("We shipped our first system in the fourth quarter of 2024.")
    assert findings(AURORA, "stale") == [
        f"{AURORA}:56: warning: stale-quarter: “fourth quarter of 2024” ended more than 15 months before the "
        "release date (Nov. 24, 2026): possibly stale text from an old letter (calendar quarters assumed) "
        "in letter.closing[0]"
    ]
