"""The PDF is PDF/A-2a and PDF/UA-1, checked by an independent validator.

The validator is `page` (PyPI: page-validation), a reimplementation of
veraPDF's machine-checkable rules for PDF/A-1 to 3 and PDF/UA-1. It cannot
judge what needs a person (is the reading order logical, are the tags
meaningful), and it is young software: see the README.
"""

from __future__ import annotations

import re

import page
import pytest
from pypdf import PdfReader
from pypdf.generic import IndirectObject

from letterkit import drafting
from letterkit.writers.pdf_writer import render_pdf

from conftest import CALLISTO, DATA
from sample_documents import every_block_document

EVERY_BLOCK = "every-block-document"  # the sample Document with one of every block and role
EXAMPLES = sorted((DATA / "letters").glob("*.yaml"))  # every shipped example letter
# The editions in other languages the examples have translations for (lang="de-DE", "fr-CA").
EDITIONS = {"callisto-2007-shareholder-letter": "de", "glacier-ridge-2026-letter-to-shareholders": "fr"}
SAMPLES = [letter.stem for letter in EXAMPLES] + [f"{stem}.{lang}" for stem, lang in EDITIONS.items()] + [EVERY_BLOCK]


@pytest.fixture(scope="module")
def pdfs(tmp_path_factory):
    out = tmp_path_factory.mktemp("pdfa")
    result = {}
    for letter in EXAMPLES:
        languages = ["en", EDITIONS[letter.stem]] if letter.stem in EDITIONS else None
        draft = drafting.draft(letter, out_dir=out / letter.stem, formats=["pdf"], languages=languages)
        for pdf in (p for p in draft.written if p.suffix == ".pdf"):
            result[pdf.stem] = (pdf, draft.document.metadata.date)
    document = every_block_document()
    path = out / f"{EVERY_BLOCK}.pdf"
    path.write_bytes(render_pdf(document))
    result[EVERY_BLOCK] = (path, document.metadata.date)
    return result


@pytest.mark.parametrize("sample", SAMPLES)
@pytest.mark.parametrize("profile", ["2a", "ua1"])
def test_the_pdf_conforms_to_pdf_a_2a_and_pdf_ua_1(pdfs, sample, profile):
    report = page.validate_pdf(pdfs[sample][0], profile=profile)
    assert [(f.rule_id, f.message) for f in report.failures] == []
    assert report.is_compliant
    assert report.rules.total > 100  # the whole profile ran, not a handful of rules


@pytest.mark.parametrize("sample", SAMPLES)
def test_the_xmp_claims_both_and_dates_only_the_release(pdfs, sample):
    path, release_date = pdfs[sample]
    metadata = PdfReader(path).trailer["/Root"]["/Metadata"].get_object()
    assert "/Filter" not in metadata  # readable by tools that do not decompress
    xmp = metadata.get_data().decode("utf-8")
    assert 'pdfaid:part="2"' in xmp and 'pdfaid:conformance="A"' in xmp
    assert 'pdfuaid:part="1"' in xmp
    # No clock time anywhere: the only date is the release date (the PDF's creation date).
    assert set(re.findall(r"\d{4}-\d{2}-\d{2}", xmp)) == {release_date.isoformat()}
    assert "uuid" not in xmp.lower()


def test_the_validator_catches_a_wrong_claim(pdfs):
    # Sanity: a same-length edit of the claim makes the same file fail, so a pass above means something.
    data = pdfs[CALLISTO.stem][0].read_bytes().replace(b'pdfaid:part="2"', b'pdfaid:part="3"')
    report = page.validate_pdf_bytes(data, profile="2a")
    assert not report.is_compliant
    assert [f.rule_id for f in report.failures] == ["PDFA2A-ID-PART-001"]


def test_a_release_without_a_headline_starts_its_headings_at_h1(tmp_path):
    # PDF/UA: the first heading is H1 and no level is skipped. Callisto has no headline.
    (html, _) = drafting.draft(CALLISTO, out_dir=tmp_path, formats=["html"]).written[:2]
    assert re.findall(r"<(h\d) class=\"([a-z-]+)\"", html.read_text(encoding="utf-8")) == [
        ("h1", "letter-title"),
        ("h1", "about-heading"),
        ("h1", "forward-looking-heading"),
    ]


def _structure(node) -> list:
    """(tag, [children]) of a structure element, without the Span/NonStruct leaves around text runs."""
    node = node.get_object()
    kids = node.get("/K", [])
    kids = kids if isinstance(kids, list) else [kids]
    children = [_structure(k) for k in kids if isinstance(k, IndirectObject) and "/S" in k.get_object()]
    return [str(node["/S"])[1:], [c for c in children if c[0] != "Span"]]


def _find(tree, tag: str) -> list:
    found = [tree] if tree[0] == tag else []
    return found + [hit for child in tree[1] for hit in _find(child, tag)]


def test_the_tags_carry_every_block_as_its_own_structure(pdfs):
    root = PdfReader(pdfs[EVERY_BLOCK][0]).trailer["/Root"]["/StructTreeRoot"].get_object()
    tree = _structure(root["/K"][0])
    parts = [element for part in tree[1] for element in part[1]]  # the Document's Parts: one per page
    # Headings in outline order, no level skipped.
    assert [e[0] for e in parts if e[0].startswith("H")] == ["H1", "H2", "H3", "H4", "H2", "H2", "H2", "H2"]
    # The table: a header row of TH, data rows of TD, each TD pointing at its column's header.
    (table,) = _find(tree, "Table")
    assert [(group[0], [[cell[0] for cell in row[1]] for row in group[1]]) for group in table[1]] == [
        ("THead", [["TH", "TH", "TH"]]),
        ("TBody", [["TD", "TD", "TD"], ["TD", "TD", "TD"]]),
    ]
    # The quotation: its two paragraphs and the attribution's, inside one BlockQuote.
    (quote,) = _find(tree, "BlockQuote")
    assert [child[0] for child in quote[1]] == ["P", "P", "NonStruct"]
    assert [grandchild[0] for grandchild in quote[1][2][1]] == ["P"]
    # Lists: every item a label and a body; a nested list is a list inside its parent list.
    lists = [e for e in parts if e[0] == "L"]
    assert len(lists) == 3  # the highlights, the lettered list, the numbered list
    lettered = lists[1]
    assert [child[0] for child in lettered[1]] == ["LI", "L", "LI", "L"]
    assert all([part[0] for part in item[1]] == ["Lbl", "LBody"] for item in _find(lettered, "LI"))
