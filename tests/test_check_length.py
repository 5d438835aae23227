"""Length and cost: words as the wires count them, priced from the rate card; band warnings."""

from letterkit import drafting
from letterkit.checks.length import count_words
from letterkit.checks.release_text import ReleaseText

from checking import AURORA, CALLISTO, edit, findings

COUNTED = "(headline, dateline and lead, letter, signatures, About and Forward-Looking; not contacts or ###)"


def test_the_count_and_price_of_each_example(workspace):
    assert findings(CALLISTO, "word", "rate") == [
        f"{CALLISTO}:8: info: word-count: 755 words as the wires count them {COUNTED}; PR Newswire FirstCall: "
        "$1,370.00 (first 400 words $650.00, 4 × 100 more words at $180.00) by the EXAMPLE rate card "
        "data/ratecards.yaml"
    ]
    assert findings(AURORA, "word", "rate") == [
        f"{AURORA}:11: info: word-count: 470 words as the wires count them {COUNTED}; Business Wire US National: "
        "$1,320.00 (first 400 words $1,050.00, 1 × 100 more words at $270.00) by the EXAMPLE rate card "
        "data/ratecards.yaml"
    ]


def test_what_counts_as_a_word(workspace):
    inputs, composition = drafting.compose_letter(AURORA)
    words = count_words(ReleaseText(inputs, composition))
    # Contacts and ### do not count; list bullets are not in the Document's text at all.
    without_contacts = AURORA.read_text(encoding="utf-8").split("contacts:\n")[0] + "end_marker: false\n"
    AURORA.write_text(without_contacts, encoding="utf-8")
    assert count_words(ReleaseText(*drafting.compose_letter(AURORA))) == words
    # "$5.75" and "L-Annamycin" are one word each; a lone "—" is none (755 = wc's 756 minus the dateline's dash).
    edit(AURORA, "2026 was the year", "2026 — a $5.75 L-Annamycin year — was the year")
    assert count_words(ReleaseText(*drafting.compose_letter(AURORA))) == words + 4  # a, $5.75, L-Annamycin, year


def test_a_release_a_few_words_into_a_paid_band_is_a_warning(workspace):
    # 470 words against a 460-word base: 10 words into the first paid band.
    edit(workspace / "data" / "ratecards.yaml",
         "US National:  {base_words: 400, base_price: 1050.00,", "US National:  {base_words: 460, base_price: 1050.00,")
    assert findings(AURORA, "word-band") == [
        f"{AURORA}:11: warning: word-band: 470 words is 10 word(s) into a new 100-word band: cutting 10 word(s) "
        "saves $270.00 on Business Wire US National"
    ]


def test_a_release_well_inside_its_band_is_not_warned(workspace):
    assert findings(CALLISTO, "word-band") == findings(AURORA, "word-band") == []


def test_the_letters_circuit_picks_the_rate(workspace):
    edit(CALLISTO, "  circuit: FirstCall\n", "  circuit: US1\n")
    [finding] = findings(CALLISTO, "word-count")
    assert "PR Newswire US1: $1,680.00 (first 400 words $800.00, 4 × 100 more words at $220.00)" in finding


def test_a_broken_rate_card_is_an_error_at_its_line(workspace):
    edit(workspace / "data" / "ratecards.yaml", "per_100_words: 270.00}", "per_100_words: -5}")
    assert findings(AURORA, "word", "rate") == [
        "data/ratecards.yaml:34: error: rate-card: wires.businesswire.circuits.US National.per_100_words: "
        "must be at least 0, got -5"
    ]


def test_without_a_rate_card_only_the_count_is_given(workspace):
    (workspace / "data" / "ratecards.yaml").unlink()
    assert findings(AURORA, "word") == [
        f"{AURORA}:11: info: word-count: 470 words as the wires count them {COUNTED}; no rate card at "
        "data/ratecards.yaml"
    ]


def test_another_rate_card_can_be_given(workspace):
    card = workspace / "contract.yaml"
    card.write_text(
        "example: false\ncurrency: EUR\nwires:\n  businesswire:\n    name: Business Wire\n"
        "    default_circuit: Europe\n    circuits:\n      Europe: {base_words: 500, base_price: 900, per_100_words: 100}\n",
        encoding="utf-8",
    )
    assert findings(AURORA, "word", rate_card=card) == [
        f"{AURORA}:11: info: word-count: 470 words as the wires count them {COUNTED}; Business Wire Europe: "
        "€900.00 (first 500 words €900.00) by the rate card contract.yaml"
    ]


def test_a_field_value_is_looked_for_where_it_can_begin():
    from letterkit.checks.release_text import _start_pattern

    starts = _start_pattern({"C", "$", "“"})
    text = "Callisto’s CEO: $5.75 million for “Callisto” (ACallisto is not a start)"
    assert [m.start() for m in starts.finditer(text)] == [0, 11, 16, 34, 35]
    assert _start_pattern(set()) is None
