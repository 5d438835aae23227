"""The EDGAR exhibit (Exhibit 99.1): the release's words in the HTML EDGAR accepts, and the checker of that HTML."""

import re
from pathlib import Path

import lxml.html
import pytest
from typer.testing import CliRunner

from letterkit import drafting
from letterkit.cli import app
from letterkit.edgar.check import check_exhibit
from letterkit.writers.edgar_writer import EXHIBIT_LABEL, exhibit_file_name

from conftest import DATA
from extract import text_file_words

LETTERS = sorted((DATA / "letters").glob("*.yaml"))
SEC_FILERS = ["aurora-2026-letter-to-shareholders", "callisto-2007-shareholder-letter", "halvorsen-2026-letter-to-shareholders"]
MANUAL = "EDGAR Filer Manual, Volume II, section"


@pytest.fixture(scope="module")
def drafts(tmp_path_factory):
    out = tmp_path_factory.mktemp("edgar")
    return {letter.stem: drafting.draft(letter, out_dir=out / letter.stem, formats=["txt", "edgar"]) for letter in LETTERS}


def _exhibit(draft) -> Path:
    (path,) = [path for path in draft.written if path.suffix == ".htm"]
    return path


@pytest.mark.parametrize("stem", [letter.stem for letter in LETTERS])
def test_every_example_gives_an_exhibit_the_checker_passes(drafts, stem):
    path = _exhibit(drafts[stem])
    assert path.name == exhibit_file_name(stem) and len(path.name) <= 32
    assert check_exhibit(path.name, path.read_bytes(), file_name=path.name) == []
    path.read_bytes().decode("ascii")  # every other character is a character reference


@pytest.mark.parametrize("stem", [letter.stem for letter in LETTERS])
def test_the_exhibit_has_the_words_of_the_text_output(drafts, stem):
    path = _exhibit(drafts[stem])
    body = lxml.html.document_fromstring(path.read_text(encoding="ascii")).body
    for br in body.iter("br"):  # a line break separates words as the text output's new line does
        br.tail = "\n" + (br.tail or "")
    for cell in body.iter("td", "th"):  # and so does a table's column gap
        cell.tail = " " + (cell.tail or "")
    label, *paragraphs = body
    assert label.text_content() == EXHIBIT_LABEL
    words = " ".join(element.text_content() for element in paragraphs).split()
    (txt,) = [p for p in drafts[stem].written if p.suffix == ".txt"]
    assert words == text_file_words(txt)


def test_curly_quotes_dashes_and_accents_are_character_references(drafts):
    html = _exhibit(drafts["aurora-2026-letter-to-shareholders"]).read_text(encoding="ascii")
    assert "O&#8217;Connor" in html  # Daniel O’Connor
    assert "&#8220;" in html and "&#8221;" in html


def test_links_are_written_as_text_unless_they_point_into_the_secs_archive(drafts):
    for stem in drafts:
        html = _exhibit(drafts[stem]).read_text(encoding="ascii")
        assert all(
            href.startswith("https://www.sec.gov/Archives/edgar/data/") for href in re.findall(r'href="([^"]*)"', html)
        )


def test_exhibit_file_names_follow_edgars_rules():
    assert exhibit_file_name("callisto-2007-shareholder-letter") == "callisto-2007-shareho-ex99-1.htm"
    assert exhibit_file_name("Q3 Letter (final)") == "q3-letter-final-ex99-1.htm"
    assert exhibit_file_name("__") == "release-ex99-1.htm"
    assert exhibit_file_name("a" * 80) == "a" * 21 + "-ex99-1.htm"


def test_the_exhibit_is_drafted_by_default_for_sec_filers_only(tmp_path):
    for letter in LETTERS:
        inputs = drafting.load(letter)
        assert ("edgar" in drafting.default_formats(inputs)) == (letter.stem in SEC_FILERS), letter.stem


def test_a_draft_without_the_exhibit_removes_an_earlier_one(tmp_path):
    letter = DATA / "letters" / "callisto-2007-shareholder-letter.yaml"
    first = drafting.draft(letter, out_dir=tmp_path)
    assert (tmp_path / exhibit_file_name(letter.stem)) in first.written
    drafting.draft(letter, out_dir=tmp_path, formats=["txt"])
    assert not (tmp_path / exhibit_file_name(letter.stem)).exists()


# ---------------------------------------------------------------- the checker on exhibits made by others

PAGE = "<html>\n<head>\n<title>x</title>\n</head>\n<body>\n{}\n</body>\n</html>\n"
BAD = {
    "script": (
        "<p>Hello</p>\n<script>alert(1)</script>",
        [f"7: error: edgar-active-content: <script> is active content, which EDGAR refuses ({MANUAL} 5.2.2)"],
    ),
    "stylesheet": (
        '<link rel="stylesheet" href="https://example.com/site.css">\n<p>Hello</p>',
        [f"6: error: edgar-external-reference: <link> refers to files outside the document, which EDGAR refuses ({MANUAL} 5.2.2)"],
    ),
    "web-image": (
        '<p><img src="https://example.com/logo.gif" alt="logo"></p>',
        [
            '6: error: edgar-external-reference: <img src="https://example.com/logo.gif"> points outside the '
            f"submission; EDGAR accepts none ({MANUAL} 5.2.2)"
        ],
    ),
    "png-image": (
        '<p><img src="logo.png" alt="logo"></p>',
        [f'6: error: edgar-image: <img src="logo.png">: EDGAR accepts images only as GIF or JPEG files of the submission ({MANUAL} 5.2.2)'],
    ),
    "curly-quote": (
        "<p>The Company\u2019s plan</p>",
        [
            "6: error: edgar-character: '\u2019' (U+2019 RIGHT SINGLE QUOTATION MARK) at column 15 is not ASCII text; "
            f"EDGAR accepts it only written as a character reference (&#8217;) ({MANUAL} 5.2.1.1)"
        ],
    ),
    "nested-table": (
        "<table><tr><td>\n<table><tr><td>x</td></tr></table>\n</td></tr></table>",
        ["7: error: edgar-nested-table: a table inside a table: EDGAR's viewers lay nested tables out unevenly (letterkit's rule)"],
    ),
    "event-attribute": (
        '<p onclick="steal()">Hello</p>',
        [f"6: error: edgar-active-content: the onclick attribute of <p> is a script (active content), which EDGAR refuses ({MANUAL} 5.2.2)"],
    ),
    "javascript-link": (
        '<p><a href="javascript:steal()">Hello</a></p>',
        [f'6: error: edgar-active-content: <a href="javascript:steal()"> is a script, which EDGAR refuses ({MANUAL} 5.2.2)'],
    ),
    "web-link": (
        '<p><a href="https://www.example.com/ir">IR site</a></p>',
        [
            '6: error: edgar-external-reference: <a href="https://www.example.com/ir"> points outside the submission; '
            f"EDGAR accepts only links to documents filed on www.sec.gov/Archives/edgar/data/ ({MANUAL} 5.2.2)"
        ],
    ),
    "css-url": (
        "<p style=\"background: url('https://example.com/x.gif')\">Hello</p>",
        [f"6: error: edgar-external-reference: the style of <p> loads a file (url() or @import), outside the submission ({MANUAL} 5.2.2)"],
    ),
    "unknown-tag": (
        "<marquee>Hello</marquee>",
        [f"6: error: edgar-tag: <marquee> is not among the HTML tags EDGAR accepts ({MANUAL} 5.2.2)"],
    ),
    "form": (
        '<form action="x"><input name="q"></form>',
        [
            f"6: error: edgar-active-content: <form> is active content, which EDGAR refuses ({MANUAL} 5.2.2)",
            f"6: error: edgar-active-content: <input> is active content, which EDGAR refuses ({MANUAL} 5.2.2)",
        ],
    ),
    "attribute": (
        '<p contenteditable="true">Hello</p>',
        [f"6: error: edgar-attribute: EDGAR does not accept the contenteditable attribute on <p> ({MANUAL} 5.2.2)"],
    ),
}


@pytest.mark.parametrize("case", list(BAD), ids=list(BAD))
def test_each_bad_exhibit_gives_exactly_its_finding(case):
    body, expected = BAD[case]
    findings = check_exhibit("bad.htm", PAGE.format(body).encode("utf-8"), file_name="bad.htm")
    assert [str(finding) for finding in findings] == [f"bad.htm:{line}" for line in expected]


def test_an_empty_file_is_not_an_html_document():
    assert [str(f) for f in check_exhibit("x.htm", b"  \n", file_name="x.htm")] == [
        "x.htm:1: error: edgar-not-html: no HTML document could be read: Document is empty"
    ]


def test_a_control_character_is_named_as_one():
    (finding,) = check_exhibit("x.htm", PAGE.format("<p>a\x07b</p>").encode(), file_name="x.htm")
    assert str(finding) == (
        "x.htm:6: error: edgar-character: '\\x07' (U+0007 unnamed character) at column 5 is a control character, "
        f"which an EDGAR document may not hold ({MANUAL} 5.2.1.1)"
    )


# What each rule lets through: the passing side of every failing case above.
GOOD = {
    "tags and attributes EDGAR accepts": '<div align="center"><p style="text-align: center"><b>Bold</b> <i>it</i> <u>u</u></p></div>',
    "a character reference for every other character": "<p>The Company&#8217;s &#8220;plan&#8221; &#8212; &amp; more</p>",
    "one table, not nested": '<table border="0" cellpadding="2"><tr><th scope="col">A</th><td colspan="1">1</td></tr></table>',
    "a GIF or JPEG of the submission": '<p><img src="logo.gif" alt="logo"> <img src="chart.jpeg" alt="chart"></p>',
    "a style without url() or scripts": '<p style="margin-left: 0.25in; font-family: Times">x</p>',
    "a comment": "<!-- prepared by letterkit --><p>x</p>",
}


@pytest.mark.parametrize("case", list(GOOD), ids=list(GOOD))
def test_what_each_rule_lets_through(case):
    assert check_exhibit("ok.htm", PAGE.format(GOOD[case]).encode("ascii"), file_name="ok.htm") == []


def test_sec_archive_links_and_links_inside_the_submission_pass():
    body = (
        '<p><a href="https://www.sec.gov/Archives/edgar/data/1178727/000117872707000001/ex99.htm">filed</a> '
        '<a href="#top">top</a> <a href="ex99-2.htm">exhibit 99.2</a> <img src="logo.jpg" alt="logo"></p>'
    )
    assert check_exhibit("ok.htm", PAGE.format(body).encode(), file_name="ok.htm") == []


@pytest.mark.parametrize(
    ("name", "problem"),
    [
        ("a-file-name-that-is-far-too-long-for-edgar.htm", "is 46 characters long; EDGAR accepts at most 32"),
        ("-release.htm", "may hold only letters, digits, '.', '-' and '_', and begins with a letter or digit"),
        ("press release.htm", "may hold only letters, digits, '.', '-' and '_', and begins with a letter or digit"),
        ("release.html", "must end in .htm (an HTML document)"),
    ],
)
def test_file_names_edgar_refuses(name, problem):
    findings = check_exhibit(name, PAGE.format("<p>x</p>").encode(), file_name=name)
    assert [str(finding) for finding in findings] == [
        f"{name}:1: error: edgar-file-name: the file name {name!r} {problem} ({MANUAL} 5.1.1)"
    ]


def test_many_raw_characters_are_reported_up_to_a_limit():
    findings = check_exhibit("x.htm", PAGE.format("<p>" + "\u2014" * 60 + "</p>").encode(), file_name="x.htm")
    assert len(findings) == 51
    assert str(findings[-1]) == f"x.htm:6: error: edgar-character: 10 more characters outside ASCII ({MANUAL} 5.2.1.1)"


def test_check_edgar_on_the_command_line(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "good.htm").write_text(PAGE.format("<p>Hello</p>"), encoding="ascii")
    (tmp_path / "bad.htm").write_text(PAGE.format("<script>x</script>"), encoding="ascii")
    result = CliRunner().invoke(app, ["check", "--edgar", "good.htm", "--edgar", "bad.htm"])
    assert result.exit_code == 4
    assert result.stdout.splitlines()[:3] == [
        "good.htm: 0 error(s), 0 warning(s), 0 info",
        f"bad.htm:6: error: edgar-active-content: <script> is active content, which EDGAR refuses ({MANUAL} 5.2.2)",
        "bad.htm: 1 error(s), 0 warning(s), 0 info",
    ]
    missing = CliRunner().invoke(app, ["check", "--edgar", "missing.htm"])
    assert missing.exit_code == 2 and "missing.htm:1:1: does not exist" in missing.stderr
    neither = CliRunner().invoke(app, ["check"])
    assert neither.exit_code == 2 and "give a LETTER.yaml to check, or --edgar FILE.htm" in neither.stderr


def test_a_byte_that_is_not_utf8_is_reported_as_a_byte():
    data = PAGE.format("<p>Caf\xe9</p>").encode("latin-1")
    assert [str(f) for f in check_exhibit("x.htm", data, file_name="x.htm")] == [
        "x.htm:6: error: edgar-character: byte 0xE9 at column 7 is not ASCII text (nor UTF-8); EDGAR accepts only "
        f"ASCII, other characters written as character references ({MANUAL} 5.2.1.1)"
    ]
