"""Tickers: one company, the same tickers everywhere, with the exchange's name of the day."""

import re

import pytest
from typer.testing import CliRunner

from letterkit import drafting
from letterkit.cli import app
from letterkit.errors import InputError

from checking import AURORA, CALLISTO, CALLISTO_PROFILE, edit, findings

RELEASE = "  date: 2007-01-04\n"


def _headline(text):
    return edit(CALLISTO, RELEASE, f"{RELEASE}  headline: \"{text}\"\n")


def test_the_examples_write_their_tickers_consistently(workspace):
    assert findings(CALLISTO, "ticker", "exchange") == findings(AURORA, "ticker", "exchange") == []


def test_a_typed_tag_that_repeats_the_listing_passes(workspace):
    _headline("Callisto Pharmaceuticals (AMEX: KAL) Issues CEO Letter")
    assert findings(CALLISTO, "ticker", "exchange") == []


def test_a_symbol_or_exchange_the_profile_does_not_list_is_an_error(workspace):
    _headline("Callisto (NASDAQ: KAL; AMEX: KAK) Issues CEO Letter")
    assert findings(CALLISTO, "ticker") == [
        f"{CALLISTO}:12: error: ticker-mismatch: “AMEX: KAK”: the company profile lists KAL on AMEX, CA4 on FWB "
        "in release.headline",
        f"{CALLISTO}:12: error: ticker-mismatch: “NASDAQ: KAL”: the company profile lists KAL on AMEX, CA4 on FWB "
        "in release.headline",
    ]


def test_symbols_in_prose_must_be_listed_on_the_exchange_named(workspace):
    edit(
        CALLISTO_PROFILE,
        "    Callisto also has drugs in preclinical development",
        "    Its shares trade on the New York Stock Exchange under the ticker symbol KAL.\n"
        "  - Callisto also has drugs in preclinical development",
    )
    assert findings(CALLISTO, "ticker") == [
        f"{CALLISTO_PROFILE}:60: error: ticker-mismatch: “ticker symbol KAL” on the New York Stock Exchange: "
        "the company profile lists KAL on AMEX, CA4 on FWB in about[7]",
    ]


def test_another_label_for_the_same_market_is_a_naming_warning(workspace):
    _headline("Callisto (NYSE American: KAL) Issues CEO Letter")
    assert findings(CALLISTO, "ticker", "exchange") == [
        f"{CALLISTO}:12: warning: exchange-name-date: “NYSE American: KAL”: the exchange was first called "
        "NYSE American in 2017 in release.headline",
        f"{CALLISTO}:12: warning: ticker-naming: “NYSE American: KAL” names the market the lead writes as "
        "“AMEX: KAL”: write it one way in release.headline",
    ]


def test_a_profile_label_out_of_date_on_the_release_date_is_a_warning(workspace):
    edit(CALLISTO, "  date: 2007-01-03\n", "  date: 2009-01-05\n")
    edit(CALLISTO, RELEASE, "  date: 2009-01-06\n")
    assert findings(CALLISTO, "exchange") == [
        f"{CALLISTO_PROFILE}:16: warning: exchange-name-date: the ticker tag “(AMEX: KAL)”: AMEX was renamed in "
        "2008 (its label today is NYSE American)"
    ]


def test_each_symbol_is_judged_against_the_exchange_named_before_it(workspace):
    edit(
        CALLISTO_PROFILE,
        "    Callisto also has drugs in preclinical development",
        "    Its shares trade on the American Stock Exchange under the symbol KAL and on the Frankfurt Stock "
        "Exchange under the symbol CA4.\n  - Callisto also has drugs in preclinical development",
    )
    assert findings(CALLISTO, "ticker") == []


# ---------------------------------------------------------------- OTC labels as releases print them


def _listed_on(exchange):
    edit(CALLISTO_PROFILE, "  - exchange: AMEX\n    symbol: KAL\n", f"  - exchange: {exchange}\n    symbol: KAL\n")


@pytest.mark.parametrize("tag", ["(OTC Pink: KAL)", "(OTC Pink:KAL)"])
def test_the_profiles_otc_label_repeated_passes(workspace, tag):
    _listed_on("OTC Pink")
    _headline(f"Callisto Pharmaceuticals {tag} Issues CEO Letter")
    assert findings(CALLISTO, "ticker", "exchange") == []


@pytest.mark.parametrize("label", ["OTC", "OTCPK"])
def test_otc_or_otcpk_for_a_listing_on_otc_pink_is_the_same_listing_with_another_label(workspace, label):
    _listed_on("OTC Pink")
    _headline(f"Callisto Pharmaceuticals ({label}:KAL) Issues CEO Letter")
    assert findings(CALLISTO, "ticker", "exchange") == [
        f"{CALLISTO}:12: warning: ticker-naming: “{label}:KAL” names the market the lead writes as "
        "“OTC Pink: KAL”: write it one way in release.headline"
    ]


def test_otc_for_a_listing_on_otcqb_is_a_naming_warning_but_another_tier_is_a_mismatch(workspace):
    _listed_on("OTCQB")
    _headline("Callisto (OTC: KAL) (OTCQX: KAL) (OTCQB: KAL) Issues CEO Letter")
    assert findings(CALLISTO, "ticker", "exchange") == [
        f"{CALLISTO}:12: error: ticker-mismatch: “OTCQX: KAL”: the company profile lists KAL on OTCQB, CA4 on FWB "
        "in release.headline",
        f"{CALLISTO}:12: warning: ticker-naming: “OTC: KAL” names the market the lead writes as “OTCQB: KAL”: "
        "write it one way in release.headline",
    ]


def test_a_profile_that_says_only_otc_accepts_any_tier_label_as_another_label(workspace):
    _listed_on("OTC")
    _headline("Callisto (OTC: KAL) (OTCQB: KAL) Issues CEO Letter")
    assert findings(CALLISTO, "ticker") == [
        f"{CALLISTO}:12: warning: ticker-naming: “OTCQB: KAL” names the market the lead writes as “OTC: KAL”: "
        "write it one way in release.headline"
    ]


def test_the_otc_markets_named_in_prose_is_the_market_of_any_tier(workspace):
    _listed_on("OTCQB")
    edit(
        CALLISTO_PROFILE,
        "    Callisto also has drugs in preclinical development",
        "    Its shares trade on the OTC Markets under the symbol KAL.\n"
        "  - Callisto also has drugs in preclinical development",
    )
    assert findings(CALLISTO, "ticker") == []


@pytest.mark.parametrize(
    ("typed", "suggestion"),
    [
        ("OTC PINK", "'OTC Pink'"),
        ("otc-qb", "'OTCQB'"),
        ("OTC Markets", "'OTC' for OTC Markets, any tier, or its tier: 'OTCQX', 'OTCQB' or 'OTC Pink'"),
        ("OTCMKTS", "'OTC' for OTC Markets, any tier, or its tier: 'OTCQX', 'OTCQB' or 'OTC Pink'"),
        ("Pink Sheets", "'OTC' for OTC Markets, any tier, or its tier: 'OTCQX', 'OTCQB' or 'OTC Pink'"),
    ],
)
def test_an_unknown_otc_like_label_is_never_corrected_to_a_guessed_tier(workspace, typed, suggestion):
    _listed_on(typed)
    with pytest.raises(InputError) as caught:
        drafting.load(CALLISTO)
    assert [str(p) for p in caught.value.problems] == [
        f"{CALLISTO_PROFILE}:16:15: listings[0].exchange: unknown exchange {typed!r} (did you mean {suggestion}?); "
        "see `letterkit exchanges` for the known labels"
    ]


def test_letterkit_exchanges_lists_the_otc_labels_with_their_prose_names():
    result = CliRunner().invoke(app, ["exchanges"])
    rows = dict(re.split(r"\s{2,}", line, maxsplit=1) for line in result.stdout.splitlines())
    assert {label: rows[label] for label in ("OTC", "OTCQX", "OTCQB", "OTC Pink", "OTCPK")} == {
        "OTC": "OTC Markets",
        "OTCQX": "OTCQX Best Market",
        "OTCQB": "OTCQB Venture Market",
        "OTC Pink": "OTC Pink Open Market",
        "OTCPK": "OTC Pink Open Market",
    }
