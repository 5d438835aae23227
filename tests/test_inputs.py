"""Loading letters: every problem in one run, each at file:line:column with its field."""

import textwrap

import pytest

from letterkit import drafting
from letterkit.compose.template_store import TemplateStore
from letterkit.errors import InputError
from letterkit.paths import templates_dir

from conftest import CALLISTO

STORE = TemplateStore(templates_dir())


def _letter(workspace, text, name="x.yaml"):
    path = workspace / "data" / "letters" / name
    path.write_text(text, encoding="utf-8")
    return path


def _problems(path):
    with pytest.raises(InputError) as caught:
        drafting.load(path, store=STORE)
    return [str(p) for p in caught.value.problems]


def _callisto_with(*replacements):
    text = CALLISTO.read_text(encoding="utf-8")
    for old, new in replacements:
        assert old in text, old
        text = text.replace(old, new, 1)
    return text


def test_the_examples_load():
    inputs = drafting.load(CALLISTO, store=STORE)
    assert inputs.company.names.legal == "Callisto Pharmaceuticals, Inc."
    assert [m.same_paragraph for m in inputs.letter.letter.milestones] == [False, True, False]
    assert str(inputs.letter.letter.financings[0].amount) == "5750000"


def test_five_mistakes_are_all_reported_in_one_run_with_their_lines(workspace):
    path = _letter(
        workspace,
        _callisto_with(
            ("  wire: prnewswire-2007 ", "  wire: prnewswire-2008 "),
            ("  date: 2007-01-04\n", "  date: 2007-13-04\n"),
            ("  title: CEO Letter", "  titel: CEO Letter"),
            ("    - amount: 5750000", "    - amount: 0"),
            ("    - text: advancing the Atiprimod", "    - txt: advancing the Atiprimod"),
        ),
    )
    assert _problems(path) == [
        "data/letters/x.yaml:8:9: release.wire: unknown wire style 'prnewswire-2008' (did you mean "
        "'prnewswire-2007'?); known: accessnewswire, accesswire, businesswire, globenewswire, newmediawire, "
        "newmediawire-2024, newsdirect, newsfile, prnewswire, prnewswire-2007",
        "data/letters/x.yaml:11:9: release.date: not a valid date: '2007-13-04' (month value is outside "
        "expected range of 1-12); write dates as YYYY-MM-DD",
        "data/letters/x.yaml:19:3: letter.titel: unknown key 'titel' (did you mean 'title'?)",
        "data/letters/x.yaml:51:15: letter.financings[0].amount: must be greater than 0, got 0",
        "data/letters/x.yaml:67:7: letter.goals[0].text: field required",
        "data/letters/x.yaml:67:7: letter.goals[0].txt: unknown key 'txt' (did you mean 'text'?)",
    ]


def test_problems_in_both_files_are_reported_together(workspace):
    company = workspace / "data" / "companies" / "callisto.yaml"
    company.write_text(
        company.read_text(encoding="utf-8").replace("    symbol: CA4", "    symbol: ca4"), encoding="utf-8"
    )
    path = _letter(workspace, _callisto_with(("  wire: prnewswire-2007", "  wier: prnewswire-2007")))
    assert _problems(path) == [
        "data/companies/callisto.yaml:19:13: listings[1].symbol: ticker symbol 'ca4' is not well-formed: "
        "1-6 capital letters or digits, optionally a class suffix such as .B",
        "data/letters/x.yaml:8:3: release.wier: unknown key 'wier' (did you mean 'wire'?)",
        "data/letters/x.yaml:8:3: release.wire: field required",
    ]


@pytest.mark.parametrize(
    ("replacement", "expected"),
    [
        (
            ("  date: 2007-01-04\n", "  date: 2007-01-02\n"),
            "data/letters/x.yaml:11:9: release.date: release date 2007-01-02 is before the letter date 2007-01-03",
        ),
        (
            ("company: callisto ", "company: calisto "),
            "data/letters/x.yaml:5:10: company: no company profile 'calisto': data/companies/calisto.yaml does not exist "
            "(did you mean 'callisto'?); known: aurora-grid, callisto, glacier-ridge, halvorsen-marine, pinecrest-hollow",
        ),
        (
            ("company: callisto ", "company: ../../etc/passwd "),
            "data/letters/x.yaml:5:10: company: '../../etc/passwd' does not have the expected form "
            "(^[a-z0-9][a-z0-9-]{0,63}$)",
        ),
        (
            ("      date: 2006-12\n", "      date: 2007-02\n"),
            "data/letters/x.yaml:55:13: letter.financings[0].date: 2007-02 is after the release date 2007-01-04",
        ),
        (
            ("      date: 2006-12\n", "      date: 2006-02-30\n"),
            "data/letters/x.yaml:55:13: letter.financings[0].date: '2006-02-30' is not a real date: "
            "day is out of range for month",
        ),
        (
            ("  goals_style: inline ", "  goals_style: table "),
            "data/letters/x.yaml:65:16: letter.goals_style: must be one of 'inline', 'numbered', 'bulleted' or 'lettered', "
            "got 'table'",
        ),
        (
            ("company: callisto ", "company: callisto\ntemplates: {about: 9}\n"),
            "data/letters/x.yaml:6:20: templates.about: template blocks/about has no version 9 (versions: 1, 2)",
        ),
        (
            ("    credentials: Ph.D.\n", "    credentials: \"Ph.D.\\0\"\n"),
            "data/letters/x.yaml:83:18: signatories[0].credentials: contains control character U+0000 at "
            "position 6, which cannot appear in a release; remove it",
        ),
        (
            ("  sign_off: Very truly yours,\n", "  sign_off: \"Very truly \\u202Eyours\"\n"),
            "data/letters/x.yaml:79:13: letter.sign_off: contains bidirectional control character U+202E at "
            "position 12; remove it (it can make printed text differ from what was approved)",
        ),
        (
            ("  salutation: \"Dear Shareholders:\"", "  salutation: \"   \""),
            "data/letters/x.yaml:20:15: letter.salutation: must not be empty",
        ),
    ],
)
def test_exact_messages(workspace, replacement, expected):
    assert _problems(_letter(workspace, _callisto_with(replacement))) == [expected]


def test_an_unsigned_letter_is_valid(workspace):
    text = _callisto_with(("signatories:\n  - name: Gary S. Jacob", "signatories: []\nx:\n  - name: Gary S. Jacob"))
    assert _problems(_letter(workspace, text)) == [
        "data/letters/x.yaml:82:1: x: unknown key 'x'; allowed: company, templates, release, letter, signatories, "
        "contacts, contacts_heading, contacts_position, end_marker, filing, editions"
    ]


def test_unknown_exchange_with_a_suggestion(workspace):
    company = workspace / "data" / "companies" / "callisto.yaml"
    company.write_text(company.read_text(encoding="utf-8").replace("exchange: AMEX", "exchange: AMX"), encoding="utf-8")
    assert _problems(CALLISTO_COPY(workspace)) == [
        "data/companies/callisto.yaml:16:15: listings[0].exchange: unknown exchange 'AMX' (did you mean 'AMEX'?); "
        "see `letterkit exchanges` for the known labels"
    ]


def CALLISTO_COPY(workspace):  # noqa: N802 - reads like the constant it stands for
    return workspace / "data" / "letters" / CALLISTO.name


def test_a_list_where_text_belongs_and_text_where_a_list_belongs(workspace):
    text = _callisto_with(("  title: CEO Letter to Shareholders", "  title: [CEO, Letter]"))
    text = text.replace("  milestones:\n", "  milestones: none\n  ignored:\n", 1)
    assert _problems(_letter(workspace, text))[:2] == [
        "data/letters/x.yaml:19:10: letter.title: expected text, got a list",
        "data/letters/x.yaml:26:15: letter.milestones: expected a list, got 'none'",
    ]


def test_yaml_1_1_words_stay_text_in_text_fields(workspace):
    path = _letter(workspace, _callisto_with(("  sign_off: Very truly yours,", "  sign_off: NO")))
    assert drafting.load(path, store=STORE).letter.letter.sign_off == "NO"


def test_flags_accept_yaml_words_for_booleans(workspace):
    path = _letter(workspace, _callisto_with(("      same_paragraph: true", "      same_paragraph: yes")))
    assert drafting.load(path, store=STORE).letter.letter.milestones[1].same_paragraph is True


def test_unknown_top_level_key_lists_the_allowed_ones(workspace):
    path = _letter(workspace, _callisto_with(("company: callisto ", "compnay: callisto ")))
    problems = _problems(path)
    assert problems[0] == "data/letters/x.yaml:5:1: company: field required"
    assert problems[1] == "data/letters/x.yaml:5:1: compnay: unknown key 'compnay' (did you mean 'company'?)"


def test_unknown_key_without_a_close_match_lists_allowed_keys(workspace):
    path = _letter(workspace, textwrap.dedent(_callisto_with(("  circuit: FirstCall\n", "  zzz: 1\n"))))
    assert _problems(path) == [
        "data/letters/x.yaml:9:3: release.zzz: unknown key 'zzz'; allowed: wire, circuit, city, state, date, "
        "headline, subheadline, lead, lead_continues, summary, highlights, source"
    ]


def test_a_legal_name_of_50000_words_is_an_input_error_at_its_line(workspace):
    profile = workspace / "data" / "companies" / "callisto.yaml"
    text = profile.read_text(encoding="utf-8")
    profile.write_text(text.replace("legal: Callisto Pharmaceuticals, Inc.", "legal: " + "word " * 50_000, 1))
    assert _problems(CALLISTO.relative_to(CALLISTO.parents[2])) == [
        "data/companies/callisto.yaml:5:10: names.legal: is 249,999 characters long; a name or label may have at "
        "most 300"
    ]


def test_lists_have_a_bounded_length(workspace):
    goals = "".join(f"    - text: goal number {n}\n" for n in range(501))
    path = _letter(workspace, _callisto_with(("  goals:\n", "  goals:\n" + goals)))
    assert _problems(path) == ["data/letters/x.yaml:67:5: letter.goals: has 504 items; at most 500 are allowed"]


# --- amounts: what a release can print --------------------------------------------------

_AMOUNT = "data/letters/x.yaml:51:15: letter.financings[0].amount: "
_FINER = ": money is never rounded, so write the exact amount the release states"


@pytest.mark.parametrize(
    ("amount", "currency", "expected"),
    [
        ("10000000000000000000000000000000000000000", "USD",
         "10000000000000000000000000000000000000000 is more than an amount a release states: "
         "at most 1000000000000 (one trillion)"),
        ("1000000000000.01", "USD",
         "1000000000000.01 is more than an amount a release states: at most 1000000000000 (one trillion)"),
        ("0.0000001", "USD", "0.0000001 is finer than USD can be paid (2 decimals)" + _FINER),
        ("5750000.505", "USD", "5750000.505 is finer than USD can be paid (2 decimals)" + _FINER),
        ("5750000.5", "JPY", "5750000.5 is finer than JPY can be paid (no decimals)" + _FINER),
        ("5750000.0005", "KWD", "5750000.0005 is finer than KWD can be paid (3 decimals)" + _FINER),
    ],
)  # fmt: skip
def test_an_amount_is_bounded_and_exact_to_its_currencys_minor_unit(workspace, amount, currency, expected):
    path = _letter(
        workspace,
        _callisto_with(("    - amount: 5750000", f"    - amount: {amount}"), ("currency: USD", f"currency: {currency}")),
    )
    assert _problems(path) == [_AMOUNT + expected]


@pytest.mark.parametrize(
    ("amount", "currency", "printed"),
    [
        ("1000000000000", "USD", "$1 trillion"),
        ("5750000.50", "USD", "$5,750,000.50"),
        ("5750000.500", "USD", "$5,750,000.50"),  # trailing zeros are not finer than a cent
        ("5750000.125", "KWD", "KWD 5,750,000.125"),
    ],
)
def test_an_amount_a_release_can_print_is_printed_exactly(workspace, amount, currency, printed):
    from letterkit.wording import money

    path = _letter(
        workspace,
        _callisto_with(("    - amount: 5750000", f"    - amount: {amount}"), ("currency: USD", f"currency: {currency}")),
    )
    financing = drafting.load(path, store=STORE).letter.letter.financings[0]
    assert money(financing.amount, financing.currency) == printed


@pytest.mark.parametrize(
    ("currency", "expected"),
    [
        ("UDS", "'UDS' is not an ISO 4217 currency code (did you mean 'USD'?)"),
        ("EUO", "'EUO' is not an ISO 4217 currency code (did you mean 'XEU' or 'EUR'?)"),  # XEU: the ECU
        ("QQQ", "'QQQ' is not an ISO 4217 currency code"),
    ],
)
def test_a_currency_is_one_cldr_knows(workspace, currency, expected):
    path = _letter(workspace, _callisto_with(("currency: USD", f"currency: {currency}")))
    assert _problems(path) == [f"data/letters/x.yaml:52:17: letter.financings[0].currency: {expected}"]


def test_a_missing_company_names_the_known_ones_or_says_the_folder_is_empty_or_absent(workspace):
    path = _letter(workspace, _callisto_with(("company: callisto ", "company: acme ")))
    prefix = "data/letters/x.yaml:5:10: company: no company profile 'acme': "
    assert _problems(path) == [
        prefix + "data/companies/acme.yaml does not exist; known: aurora-grid, callisto, glacier-ridge, "
        "halvorsen-marine, pinecrest-hollow"
    ]
    (workspace / "empty").mkdir()
    with pytest.raises(InputError) as caught:
        drafting.load(path, store=STORE, companies_dir=workspace / "empty")
    assert [str(p) for p in caught.value.problems] == [prefix + "empty/acme.yaml does not exist; empty/ holds no company profiles"]
    with pytest.raises(InputError) as caught:
        drafting.load(path, store=STORE, companies_dir=workspace / "nowhere")
    assert [str(p) for p in caught.value.problems] == [
        prefix + "nowhere/acme.yaml does not exist; the companies folder nowhere/ does not exist (give it with --companies)"
    ]
