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

from letterkit import drafting

from conftest import AURORA, CALLISTO


@pytest.fixture(scope="module")
def pdfs(tmp_path_factory):
    out = tmp_path_factory.mktemp("pdfa")
    result = {}
    for letter in (CALLISTO, AURORA):
        draft = drafting.draft(letter, out_dir=out / letter.stem, formats=["pdf"])
        (pdf,) = [p for p in draft.written if p.suffix == ".pdf"]
        result[letter.stem] = (pdf, draft.document.metadata.date)
    return result


@pytest.mark.parametrize("letter", [CALLISTO, AURORA], ids=lambda p: p.stem)
@pytest.mark.parametrize("profile", ["2a", "ua1"])
def test_the_pdf_conforms_to_pdf_a_2a_and_pdf_ua_1(pdfs, letter, profile):
    report = page.validate_pdf(pdfs[letter.stem][0], profile=profile)
    assert [(f.rule_id, f.message) for f in report.failures] == []
    assert report.is_compliant
    assert report.rules.total > 100  # the whole profile ran, not a handful of rules


@pytest.mark.parametrize("letter", [CALLISTO, AURORA], ids=lambda p: p.stem)
def test_the_xmp_claims_both_and_dates_only_the_release(pdfs, letter):
    path, release_date = pdfs[letter.stem]
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
