"""Tickers: one company, the same tickers everywhere, with the exchange's name of the day."""

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
