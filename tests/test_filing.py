"""`letterkit filing`: the release, its EDGAR exhibit and the Form 8-K that carries it, in one manifest."""

import json

import lxml.html
import pytest
from typer.testing import CliRunner

from letterkit import drafting
from letterkit.cli import app
from letterkit.edgar.check import check_exhibit

from conftest import DATA
from extract import docx_words

AURORA = DATA / "letters" / "aurora-2026-letter-to-shareholders.yaml"  # Item 7.01, an emerging growth company
HALVORSEN = DATA / "letters" / "halvorsen-2026-letter-to-shareholders.yaml"  # Item 8.01
CALLISTO = DATA / "letters" / "callisto-2007-shareholder-letter.yaml"


@pytest.fixture(scope="module")
def filings(tmp_path_factory):
    out = tmp_path_factory.mktemp("filings")
    return {letter.stem: drafting.draft(letter, out_dir=out / letter.stem, filing=True) for letter in (AURORA, HALVORSEN, CALLISTO)}


def _html_words(path):
    body = lxml.html.document_fromstring(path.read_text(encoding="ascii")).body
    for element in body.iter("br", "td", "th"):
        element.tail = " " + (element.tail or "")
    return " ".join(element.text_content() for element in body).split()


@pytest.mark.parametrize("letter", [AURORA, HALVORSEN, CALLISTO], ids=lambda letter: letter.stem)
def test_the_8k_is_written_as_docx_and_edgar_html_with_the_same_words(filings, letter):
    docx_name, html_name = drafting.filing_names(letter.stem)
    folder = filings[letter.stem].written[0].parent
    html = folder / html_name
    assert check_exhibit(html_name, html.read_bytes(), file_name=html_name) == []
    assert len(html_name) <= 32
    assert docx_words(folder / docx_name) == _html_words(html)


@pytest.mark.parametrize("letter", [AURORA, HALVORSEN, CALLISTO], ids=lambda letter: letter.stem)
def test_the_manifest_covers_the_release_the_exhibit_and_the_8k(filings, letter):
    folder = filings[letter.stem].written[0].parent
    manifest = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
    files = {entry["file"] for entry in manifest["outputs"]}
    assert {drafting.output_name(letter.stem, "edgar"), *drafting.filing_names(letter.stem)} <= files
    assert {"slot": "form_8k", "template": "filings/form-8k@1"}.items() <= next(
        entry for entry in manifest["templates"] if entry["slot"] == "form_8k"
    ).items()
    result = CliRunner().invoke(app, ["verify", str(folder)])
    assert result.exit_code == 0, result.output


def test_the_cover_page_item_and_signature_of_a_7_01_filing(filings):
    words = " ".join(_html_words(filings[AURORA.stem].written[0].parent / drafting.filing_names(AURORA.stem)[1]))
    for expected in (
        "FORM 8-K",
        "Date of Report (Date of earliest event reported): November 24, 2026",
        "Aurora Grid Systems, Inc. (Exact name of registrant as specified in its charter)",
        "Delaware 001-41901 91-2000001",
        "16000 NE 85th Street, Suite 400 Redmond, Washington 98052",
        "Registrant\u2019s telephone number, including area code: (425) 555-0140",
        "Common Stock, par value $0.001 per share AGSX NYSE American LLC",
        "Emerging growth company &#9746;".replace("&#9746;", "\u2612"),
        "Item 7.01 Regulation FD Disclosure.",
        "is being furnished and shall not be deemed \u201cfiled\u201d for purposes of Section 18",
        "99.1 Press release of Aurora Grid Systems, Inc. dated November 24, 2026",
        "104 Cover Page Interactive Data File",
        "By: /s/ Maria Lindqvist Name: Maria Lindqvist Title: President and Chief Executive Officer Date: November 24, 2026",
    ):
        assert expected in words, expected


def test_an_8_01_filing_files_the_release_and_a_company_that_is_not_an_egc_says_so(filings):
    words = " ".join(_html_words(filings[HALVORSEN.stem].written[0].parent / drafting.filing_names(HALVORSEN.stem)[1]))
    assert "Item 8.01 Other Events." in words and "is filed as Exhibit 99.1" in words
    assert "Item 7.01" not in words and "furnished" not in words
    assert "Emerging growth company \u2610" in words and "extended transition period" not in words


def test_missing_cover_page_facts_are_input_errors_all_at_once(workspace):
    company = workspace / "data/companies/aurora-grid.yaml"
    source = company.read_text(encoding="utf-8")
    company.write_text(source.replace('  file_number: "001-41901"\n', "").replace("  phone: (425) 555-0140\n", ""), encoding="utf-8")
    result = CliRunner().invoke(app, ["filing", "data/letters/aurora-2026-letter-to-shareholders.yaml"])
    assert result.exit_code == 2
    line = source.splitlines().index("sec:") + 2  # the block's first line
    assert result.stderr.splitlines() == [
        f"data/companies/aurora-grid.yaml:{line}:3: sec: file_number is needed for the Form 8-K's cover page",
        f"data/companies/aurora-grid.yaml:{line}:3: sec: phone is needed for the Form 8-K's cover page",
        "2 problems found; nothing was written.",
    ]
    assert not (workspace / "output").exists() or not any((workspace / "output").iterdir())


def test_a_draft_after_a_filing_removes_the_8k_it_no_longer_covers(workspace):
    assert CliRunner().invoke(app, ["filing", "data/letters/halvorsen-2026-letter-to-shareholders.yaml"]).exit_code == 0
    folder = workspace / "output" / HALVORSEN.stem
    assert all((folder / name).exists() for name in drafting.filing_names(HALVORSEN.stem))
    assert CliRunner().invoke(app, ["draft", "data/letters/halvorsen-2026-letter-to-shareholders.yaml"]).exit_code == 0
    assert not any((folder / name).exists() for name in drafting.filing_names(HALVORSEN.stem))
    assert CliRunner().invoke(app, ["verify", str(folder)]).exit_code == 0
