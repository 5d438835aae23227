"""End to end: the shipped examples, drafted as a user drafts them.

- The Callisto text reproduces the real 2007 release (../shared/reference).
- Both examples' text output is held by golden files.
- TXT, DOCX and PDF carry the same words.
- Drafting twice, into different folders, gives byte-identical files,
  provenance manifest included.
"""

from __future__ import annotations

import re

import pytest

from letterkit import drafting

from conftest import AURORA, CALLISTO, EXAMPLES, REFERENCE, SHARED_REFERENCE
from extract import body_words, docx_words, pdftotext_pages, text_file_words


def _normalised_lines(text: str) -> list[str]:
    """Trailing whitespace and runs of blank lines aside, as the issue states the comparison."""
    lines = [line.rstrip() for line in text.strip().splitlines()]
    return [line for index, line in enumerate(lines) if line or (index and lines[index - 1])]


@pytest.fixture(scope="module")
def drafts(tmp_path_factory):
    """Each example drafted once in all formats."""
    out = tmp_path_factory.mktemp("drafts")
    return {path.stem: drafting.draft(path, out_dir=out / path.stem) for path in EXAMPLES}


def _output(drafts, stem, fmt):
    (path,) = [p for p in drafts[stem].written if p.suffix == f".{fmt}"]
    return path


def test_callisto_text_reproduces_the_reference_release_line_for_line(drafts):
    ours = _output(drafts, CALLISTO.stem, "txt").read_text(encoding="utf-8")
    reference = REFERENCE.read_text(encoding="utf-8")
    assert _normalised_lines(ours) == _normalised_lines(reference)
    # Stronger still: byte for byte, to the last character (the reference ends without a newline).
    assert ours == reference


@pytest.mark.skipif(not SHARED_REFERENCE.exists(), reason="../shared is only beside the main checkout")
def test_the_reference_copy_is_the_shared_reference():
    assert REFERENCE.read_bytes() == SHARED_REFERENCE.read_bytes()


@pytest.mark.parametrize("letter", EXAMPLES, ids=lambda p: p.stem)
def test_text_output_matches_its_golden_file(drafts, golden, letter):
    golden(f"{letter.stem}.txt", _output(drafts, letter.stem, "txt").read_text(encoding="utf-8"))


@pytest.mark.parametrize("letter", EXAMPLES, ids=lambda p: p.stem)
def test_docx_carries_the_same_words_as_the_text(drafts, letter):
    assert docx_words(_output(drafts, letter.stem, "docx")) == text_file_words(_output(drafts, letter.stem, "txt"))


@pytest.mark.parametrize("letter", EXAMPLES, ids=lambda p: p.stem)
def test_pdf_carries_the_same_words_as_the_text(drafts, letter):
    draft = drafts[letter.stem]
    pages = pdftotext_pages(_output(drafts, letter.stem, "pdf"))
    assert body_words(pages, draft.document.metadata.company) == text_file_words(
        _output(drafts, letter.stem, "txt")
    )


@pytest.mark.parametrize("letter", EXAMPLES, ids=lambda p: p.stem)
def test_html_is_what_the_pdf_was_made_from(drafts, letter):
    html = _output(drafts, letter.stem, "html").read_text(encoding="utf-8")
    assert html.startswith("<!DOCTYPE html>")
    assert f"<title>{drafts[letter.stem].document.metadata.title}</title>" in html
    assert re.search(r"letterkit-template: styles/print\s+version: 3 ", html)  # the selected stylesheet
    assert "/* The house style styles/house@1 (letterkit house style)" in html  # with the house rules
    # The .html stands on its own: it loads no font or any other file.
    assert "url(" not in html and "@import" not in html and "src=" not in html


def test_two_drafts_in_different_folders_are_byte_identical(drafts, tmp_path):
    again = drafting.draft(AURORA, out_dir=tmp_path / "again")
    first = {p.name: p.read_bytes() for p in drafts[AURORA.stem].written}
    second = {p.name: p.read_bytes() for p in again.written}
    assert sorted(first) == sorted(
        [
            *(f"{AURORA.stem}.{fmt}" for fmt in ("txt", "docx", "pdf", "html", "document.json")),
            drafting.output_name(AURORA.stem, "edgar"),  # Aurora files with the SEC
            "manifest.json",
        ]
    )
    assert first == second  # the manifest too: it holds no time and no absolute path


def test_the_second_example_exercises_what_callisto_does_not(drafts):
    text = _output(drafts, AURORA.stem, "txt").read_text(encoding="utf-8")
    assert text.startswith("Aurora Grid Systems Issues Letter to Shareholders\n")
    assert "REDMOND, Wash.--(BUSINESS WIRE)--Aurora Grid Systems, Inc. (NYSE American: AGSX); (TSX: AGS)," in text
    assert "from CEO Maria Lindqvist and CFO Daniel O’Connor." in text
    assert re.search(r"^• qualify a second supplier of electrolyte materials$", text, re.MULTILINE)
    assert "On October 2, 2026, we closed an $85 million convertible note offering." in text
    assert "Media:\nPriya Raman\nAurora Grid Systems\n+1 425-555-0142\nmedia@aurora-grid.example" in text
    assert text.endswith("\n\n###")


@pytest.mark.parametrize("letter", EXAMPLES, ids=lambda p: p.stem)
def test_no_page_starts_with_what_the_house_style_keeps_with_what_is_above_it(drafts, letter):
    # The sign-off, a signature, a quotation's attribution and ### never open a page on their own.
    from letterkit.document import inline_text, text_runs

    document = drafts[letter.stem].document
    kept = {"signoff", "signature", "end-marker"}
    openers = {" ".join(inline_text(run, " ").split()) for b in document.blocks if b.role in kept for run in text_runs(b)}
    company = document.metadata.company
    for number, page in enumerate(pdftotext_pages(_output(drafts, letter.stem, "pdf"))[1:], start=2):
        lines = [" ".join(line.split()) for line in page.splitlines() if line.strip()]
        body = [line for line in lines if line != company]  # the running header
        assert body and body[0] not in openers, (number, body[:2])


@pytest.mark.parametrize("letter", EXAMPLES, ids=lambda p: p.stem)
def test_no_page_ends_with_a_heading_or_a_lone_first_line(drafts, letter):
    # A heading stays with what follows it; no paragraph leaves one line alone at a page's foot.
    from letterkit.document import Heading, Paragraph, inline_text

    document = drafts[letter.stem].document
    headings = {" ".join(inline_text(h.inlines, " ").split()) for h in document.blocks if isinstance(h, Heading)}
    first_lines = {}
    for block in document.blocks:
        if isinstance(block, Paragraph):
            words = " ".join(inline_text(block.inlines, " ").split())
            first_lines[words] = words
    pages = pdftotext_pages(_output(drafts, letter.stem, "pdf"))
    for number, page in enumerate(pages[:-1], start=1):
        lines = [" ".join(line.split()) for line in page.splitlines() if line.strip()]
        body = [line for line in lines if not line.startswith("Page ")]  # the footer
        assert body[-1] not in headings, (number, body[-3:])
        # The last line is no paragraph's first line unless the whole paragraph is that line.
        opening = [text for text in first_lines if text.startswith(body[-1]) and text != body[-1]]
        assert not opening, (number, body[-1])
