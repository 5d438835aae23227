"""Regulation FD timing: the release time against the exchanges' windows, the Form 8-K's date against the release's."""

import datetime

import pytest
from typer.testing import CliRunner

from letterkit import drafting
from letterkit.checks.reg_fd import next_business_day
from letterkit.cli import app

AURORA = "data/letters/aurora-2026-letter-to-shareholders.yaml"  # NYSE American and TSX; released Tue Nov 24, 2026
HALVORSEN = "data/letters/halvorsen-2026-letter-to-shareholders.yaml"  # Nasdaq; released Wed Mar 18, 2026


def _with_filing(workspace, letter, filing_lines):
    path = workspace / letter
    source = path.read_text(encoding="utf-8")
    start = source.index("\nfiling:\n")
    path.write_text(source[:start] + "\nfiling:\n" + "".join(f"  {line}\n" for line in filing_lines), encoding="utf-8")
    return path


def _findings(path):
    inputs, composition = drafting.compose_letter(path)
    from letterkit.checks import run_checks

    return [str(f) for f in run_checks(inputs, composition) if f.rule.startswith("reg-fd")]


def test_a_release_before_the_nyse_opens_is_not_flagged(workspace):
    assert _findings(_with_filing(workspace, AURORA, ['item: "7.01"', 'release_time: "08:00"'])) == []


def test_a_release_during_nyse_hours_needs_notice_to_the_exchange(workspace):
    path = _with_filing(workspace, AURORA, ['item: "7.01"', 'release_time: "10:30"'])
    assert _findings(path) == [
        f"{AURORA}:87: info: reg-fd-window: the release goes out at 10:30 ET, inside 09:30–16:00 ET for NYSE "
        "American: material news released while the market is open needs notice to the Exchange (NYSE Market Watch) "
        "at least ten minutes before it crosses the wire (NYSE Listed Company Manual 202.06(B) (NYSE American Company "
        "Guide Sec. 402(b)))"
    ]


def test_a_release_just_after_the_nyse_close_is_a_warning_marked_as_an_assumption(workspace):
    (finding,) = _findings(_with_filing(workspace, AURORA, ['item: "7.01"', 'release_time: "16:05"']))
    assert finding.startswith(f"{AURORA}:87: warning: reg-fd-window: the release goes out at 16:05 ET, inside 16:00–16:15 ET")
    assert finding.endswith("(letterkit's reading of the exchange's guidance, an assumption: confirm it with the exchange)")


def test_nasdaqs_closing_cross_and_its_notice_rule(workspace):
    findings = _findings(_with_filing(workspace, HALVORSEN, ['item: "8.01"', 'release_time: "15:55"']))
    assert [finding.split(": ")[1:3] for finding in findings] == [["info", "reg-fd-window"], ["warning", "reg-fd-window"]]
    assert "Nasdaq Rule 5250(b)(1)" in findings[0] and "Closing Cross" in findings[1]
    assert _findings(_with_filing(workspace, HALVORSEN, ['item: "8.01"', 'release_time: "20:00"'])) == []


def test_an_8k_dated_after_the_next_business_day_is_a_warning(workspace):
    path = _with_filing(workspace, AURORA, ['item: "7.01"', "date: 2026-11-27"])
    assert _findings(path) == [
        f"{AURORA}:87: warning: reg-fd-8k-late: the Form 8-K is dated November 27, 2026, later than Wednesday, "
        "November 25, the first business day after the release (November 24): furnish it the same day or the next "
        "business day, so the filing and the wire disclose together (Regulation FD, 17 CFR 243.101(e))"
    ]
    assert _findings(_with_filing(workspace, AURORA, ['item: "7.01"', "date: 2026-11-25"])) == []


def test_the_next_business_day_skips_weekends_and_holidays():
    assert next_business_day(datetime.date(2026, 3, 20)) == datetime.date(2026, 3, 23)  # Friday -> Monday
    assert next_business_day(datetime.date(2026, 7, 2)) == datetime.date(2026, 7, 6)  # July 3 observed
    assert next_business_day(datetime.date(2026, 11, 25)) == datetime.date(2026, 11, 27)  # Thanksgiving


def test_a_letter_without_filing_is_not_checked(workspace):
    path = workspace / "data/letters/pinecrest-hollow-2026-shareholder-update.yaml"
    assert _findings(path) == []


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ('release_time: "8am"', "filing.release_time: '8am' is not a 24-hour time HH:MM (e.g. 08:00 or 16:30, US Eastern)"),
        ('item: "9.01"', "filing.item: "),
    ],
)
def test_filing_mistakes_are_input_errors_at_their_line(workspace, line, message):
    lines = ['item: "7.01"', line] if not line.startswith("item") else [line]
    _with_filing(workspace, AURORA, lines)
    result = CliRunner().invoke(app, ["validate", AURORA])
    assert result.exit_code == 2
    assert message in result.stderr


@pytest.mark.parametrize(
    ("field", "value", "shape"),
    [
        ("cik", '"12345678901"', "a CIK (up to ten digits, e.g. 0001178727)"),
        ("file_number", '"1-32325"', "a Commission File Number (three digits, a hyphen, five or six digits, e.g. 001-32325)"),
        ("irs_ein", '"912000001"', "an IRS Employer Identification No. (two digits, a hyphen, seven digits, e.g. 13-3529723)"),
    ],
)
def test_cover_page_numbers_are_checked_for_their_shape(workspace, field, value, shape):
    company = workspace / "data/companies/aurora-grid.yaml"
    source = company.read_text(encoding="utf-8")
    lines = source.splitlines()
    number = next(i for i, text in enumerate(lines) if text.startswith(f"  {field}: "))
    lines[number] = f"  {field}: {value}"
    company.write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = CliRunner().invoke(app, ["validate", AURORA])
    assert result.exit_code == 2
    shown = value.strip('"')
    assert f"data/companies/aurora-grid.yaml:{number + 1}:" in result.stderr
    assert f"sec.{field}: '{shown}' is not {shape}" in result.stderr


def test_the_embargo_is_when_the_release_becomes_public(workspace):
    path = _with_filing(workspace, AURORA, ['item: "7.01"', 'release_time: "07:00"', 'embargo: "10:00"'])
    (finding,) = _findings(path)
    assert finding.startswith(f"{AURORA}:88: info: reg-fd-window: the embargo ends at 10:00 ET, inside 09:30–16:00 ET")


def test_an_embargo_that_ends_before_the_release_goes_out_holds_nothing(workspace):
    path = _with_filing(workspace, AURORA, ['item: "7.01"', 'release_time: "08:00"', 'embargo: "07:30"'])
    assert _findings(path) == [
        f"{AURORA}:88: warning: reg-fd-embargo: the embargo ends at 07:30 ET, before the release goes to the wire at "
        "08:00 ET: the release is public when it crosses, so the embargo holds nothing"
    ]
