"""Typesetting decided once in the Document: non-breaking spaces where a line must not break, typographic quotes."""

import re
import subprocess

import pytest

from letterkit import drafting
from letterkit.compose.typesetting import NBSP, typeset_text
from letterkit.document import inline_text

from conftest import DATA
from extract import run

CALLISTO = DATA / "letters" / "callisto-2007-shareholder-letter.yaml"
AURORA = DATA / "letters" / "aurora-2026-letter-to-shareholders.yaml"
PINECREST = DATA / "letters" / "pinecrest-hollow-2026-shareholder-update.yaml"


@pytest.mark.parametrize(
    ("typed", "set_as"),
    [
        ("Callisto (AMEX: KAL); (FWB: CA4)", f"Callisto (AMEX:{NBSP}KAL); (FWB:{NBSP}CA4)"),
        ("Aurora (NYSE American: AGSX)", f"Aurora (NYSE{NBSP}American:{NBSP}AGSX)"),
        ("on Jan. 4, 2007 and March 18", f"on Jan.{NBSP}4, 2007 and March{NBSP}18"),
        ("a $5.75 million placement of 1,200 million shares", f"a $5.75{NBSP}million placement of 1,200{NBSP}million shares"),
        ("its Form 10-K/A and Item 7.01 under Rule 425", f"its Form{NBSP}10-K/A and Item{NBSP}7.01 under Rule{NBSP}425"),
        ("Dr. Jacob, Gary S. Jacob, Ph.D. and Ann Lee, CPA", f"Dr.{NBSP}Jacob, Gary S. Jacob,{NBSP}Ph.D. and Ann Lee,{NBSP}CPA"),
        ("May 2026 and the month of May", "May 2026 and the month of May"),  # no day: nothing to keep
    ],
)
def test_non_breaking_spaces(typed, set_as):
    assert typeset_text(typed) == set_as


@pytest.mark.parametrize(
    ("typed", "set_as"),
    [
        ('Words such as "plan," "expect"', "Words such as \u201cplan,\u201d \u201cexpect\u201d"),
        ("the Company's plans", "the Company\u2019s plans"),
        ("'quoted' and rock 'n' roll", "\u2018quoted\u2019 and rock \u2018n\u2019 roll"),
        ("since the '90s", "since the \u201990s"),
        ('("a")', "(\u201ca\u201d)"),
    ],
)
def test_typographic_quotes(typed, set_as):
    assert typeset_text(typed) == set_as


def test_addresses_are_left_exactly_as_typed():
    typed = "see https://example.com/it's?a=\"b\" or ir@example.com's team at www.example.com/x'y"
    assert typeset_text(typed) == "see https://example.com/it's?a=\"b\" or ir@example.com's team at www.example.com/x'y"


def test_a_quote_after_a_bold_run_turns_by_what_was_printed_before_it():
    assert typeset_text('" next', before="d") == "\u201d next"
    assert typeset_text('"next', before=" ") == "\u201cnext"


def test_the_document_carries_the_spaces_and_the_wire_text_does_not(tmp_path):
    draft = drafting.draft(CALLISTO, out_dir=tmp_path, formats=["txt", "html", "docx"])
    lead = inline_text(draft.document.blocks[0].inlines)
    assert f"(AMEX:{NBSP}KAL)" in lead and f"Jan.{NBSP}4" in lead
    text = (tmp_path / f"{CALLISTO.stem}.txt").read_text(encoding="utf-8")
    assert NBSP not in text and "(AMEX: KAL)" in text
    assert f"(AMEX:{NBSP}KAL)" in (tmp_path / f"{CALLISTO.stem}.html").read_text(encoding="utf-8")


@pytest.mark.parametrize("letter", sorted((DATA / "letters").glob("*.yaml")), ids=lambda letter: letter.stem)
def test_no_pdf_line_ends_inside_a_ticker_tag_a_date_or_an_amount(tmp_path, letter):
    drafting.draft(letter, out_dir=tmp_path, formats=["pdf"])
    lines = [line.rstrip() for line in run("pdftotext", "-layout", tmp_path / f"{letter.stem}.pdf", "-").splitlines()]
    broken = re.compile(r"(\((?:[A-Z][A-Za-z]* )*[A-Z][A-Za-z]*:|\b(?:Jan|Feb|Aug|Sept|Oct|Nov|Dec)\.|\$[\d.,]+|\bForm)$")
    assert [line for line in lines if broken.search(line)] == []


def test_the_docx_keeps_the_spaces(tmp_path):
    drafting.draft(AURORA, out_dir=tmp_path, formats=["docx"])
    docx_xml = subprocess.run(
        ["unzip", "-p", str(tmp_path / f"{AURORA.stem}.docx"), "word/document.xml"], capture_output=True, check=True
    ).stdout.decode("utf-8")
    assert f"NYSE{NBSP}American:{NBSP}AGSX" in docx_xml


def test_straight_quotes_typed_in_a_letter_print_curly_and_ascii_gives_them_back(tmp_path):
    draft = drafting.draft(PINECREST, out_dir=tmp_path / "typeset", formats=["txt"])
    text = draft.written[0].read_text(encoding="utf-8")
    assert "season\u2019s working capital" in text and "\u201cplan,\u201d" in text and "'" not in text
    ascii_draft = drafting.draft(PINECREST, out_dir=tmp_path / "ascii", formats=["txt"], ascii=True)
    assert "season's working capital" in ascii_draft.written[0].read_text(encoding="utf-8")


def test_findings_still_name_the_field_a_quote_was_typed_in(tmp_path):
    draft = drafting.draft(PINECREST, out_dir=tmp_path, formats=["txt"])
    # "We will introduce ..." is letter prose; its finding is placed at its own field, quotes typeset or not.
    assert any(f.rule == "forward-looking" and "letter.body[5].text" in f.message for f in draft.findings)


def test_a_wrapped_headline_never_ends_in_one_lone_word(tmp_path):
    from letterkit.document import Heading

    for letter in sorted((DATA / "letters").glob("*.yaml")):
        out = tmp_path / letter.stem
        draft = drafting.draft(letter, out_dir=out, formats=["pdf"])
        headings = [b for b in draft.document.blocks if isinstance(b, Heading) and b.role in ("headline", "letter-title")]
        lines = [line.strip() for line in run("pdftotext", "-layout", out / f"{letter.stem}.pdf", "-").splitlines()]
        lines = [line for line in lines if line]
        for heading in headings:
            words = inline_text(heading.inlines).split()
            assert words[-2] + NBSP + words[-1] in inline_text(heading.inlines) or len(words) < 2
            start = next(i for i, line in enumerate(lines) if line.split()[:2] == words[:2])
            printed, taken = [], 0
            while taken < len(words):  # the heading's lines as laid out
                printed.append(lines[start + len(printed)])
                taken += len(printed[-1].split())
            assert all(len(line.split()) > 1 for line in printed), (letter.stem, printed)
