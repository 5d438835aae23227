"""US business days: weekends, NYSE holidays and the NYSE's unscheduled closures.

A release is normally sent on a day the US markets trade. The holidays are
computed from NYSE Rule 7.2 as the exchange applies it, not listed by hand:
- New Year's Day, Martin Luther King Jr. Day (third Monday of January, observed
  by the NYSE since 1998), Washington's Birthday (third Monday of February),
  Good Friday, Memorial Day (last Monday of May), Juneteenth (June 19, since
  2022), Independence Day, Labor Day (first Monday of September), Thanksgiving
  (fourth Thursday of November) and Christmas Day;
- a holiday on a Sunday is observed on the Monday after; one on a Saturday on
  the Friday before, except New Year's Day: Friday, Dec. 31 ends a month and a
  year, so the market stays open (as in 2010, 2021).
Unscheduled closures cannot be computed; SPECIAL_CLOSURES lists the full-day
ones since 1990, from the exchanges' announcements. A closure announced after
this list was last updated is not known here. Years before 1998 are judged by
today's rules, which is wrong for some of them (no MLK Day closure then).
"""

from __future__ import annotations

import datetime

# Full-day NYSE closures other than holidays, 1990 onwards.
SPECIAL_CLOSURES: dict[datetime.date, str] = {
    datetime.date(1994, 4, 27): "national day of mourning for President Richard Nixon",
    datetime.date(2001, 9, 11): "the September 11 attacks",
    datetime.date(2001, 9, 12): "the September 11 attacks",
    datetime.date(2001, 9, 13): "the September 11 attacks",
    datetime.date(2001, 9, 14): "the September 11 attacks",
    datetime.date(2004, 6, 11): "national day of mourning for President Ronald Reagan",
    datetime.date(2007, 1, 2): "national day of mourning for President Gerald R. Ford",
    datetime.date(2012, 10, 29): "Hurricane Sandy",
    datetime.date(2012, 10, 30): "Hurricane Sandy",
    datetime.date(2018, 12, 5): "national day of mourning for President George H. W. Bush",
    datetime.date(2025, 1, 9): "national day of mourning for President Jimmy Carter",
}

_MONDAY, _THURSDAY, _FRIDAY, _SATURDAY, _SUNDAY = 0, 3, 4, 5, 6


def market_closure(day: datetime.date) -> str | None:
    """Why the NYSE is closed on `day` ("Saturday", "Good Friday", …), or None if it trades."""
    if day.weekday() == _SATURDAY:
        return "Saturday"
    if day.weekday() == _SUNDAY:
        return "Sunday"
    if day in SPECIAL_CLOSURES:
        return SPECIAL_CLOSURES[day]
    return holidays(day.year).get(day)


def holidays(year: int) -> dict[datetime.date, str]:
    """The NYSE holidays as observed in `year` (weekday dates only)."""
    observed: dict[datetime.date, str] = {}
    new_year = datetime.date(year, 1, 1)
    if new_year.weekday() != _SATURDAY:  # Rule 7.2: no Friday closure on Dec. 31
        observed[_observed(new_year)] = "New Year's Day"
    observed[_nth_weekday(year, 1, _MONDAY, 3)] = "Martin Luther King Jr. Day"
    observed[_nth_weekday(year, 2, _MONDAY, 3)] = "Washington's Birthday"
    observed[easter_sunday(year) - datetime.timedelta(days=2)] = "Good Friday"
    observed[_last_weekday(year, 5, _MONDAY)] = "Memorial Day"
    if year >= 2022:
        observed[_observed(datetime.date(year, 6, 19))] = "Juneteenth National Independence Day"
    observed[_observed(datetime.date(year, 7, 4))] = "Independence Day"
    observed[_nth_weekday(year, 9, _MONDAY, 1)] = "Labor Day"
    observed[_nth_weekday(year, 11, _THURSDAY, 4)] = "Thanksgiving Day"
    observed[_observed(datetime.date(year, 12, 25))] = "Christmas Day"
    return observed


def easter_sunday(year: int) -> datetime.date:
    """Western (Gregorian) Easter: the anonymous Gregorian algorithm (Meeus/Jones/Butcher)."""
    a, b, c = year % 19, year // 100, year % 100
    d, e = divmod(b, 4)
    f = (b + 8) // 25
    g = (b - f + 1) // 3
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    leap = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * leap) // 451
    month, day = divmod(h + leap - 7 * m + 114, 31)
    return datetime.date(year, month, day + 1)


def _observed(day: datetime.date) -> datetime.date:
    if day.weekday() == _SATURDAY:
        return day - datetime.timedelta(days=1)
    if day.weekday() == _SUNDAY:
        return day + datetime.timedelta(days=1)
    return day


def _nth_weekday(year: int, month: int, weekday: int, n: int) -> datetime.date:
    first = datetime.date(year, month, 1)
    offset = (weekday - first.weekday()) % 7
    return first + datetime.timedelta(days=offset + 7 * (n - 1))


def _last_weekday(year: int, month: int, weekday: int) -> datetime.date:
    next_month = datetime.date(year + month // 12, month % 12 + 1, 1)
    last = next_month - datetime.timedelta(days=1)
    return last - datetime.timedelta(days=(last.weekday() - weekday) % 7)
