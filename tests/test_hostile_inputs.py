"""Hostile or odd input is data, never code, and never a crash.

Property-based (hypothesis): random and hostile values in every text field,
random structures anywhere in the letter, random bytes as a file. Each run
ends with outputs or with a clean LetterkitError, never anything else.
Deterministic: markup and template syntax come out literally in every format.
"""

from __future__ import annotations

import html
import shutil
import tempfile
from pathlib import Path

import docx
import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pypdf import PdfReader

from letterkit import drafting
from letterkit.compose.template_store import TemplateStore
from letterkit.errors import InputError
from letterkit.inputs.yaml_source import read_yaml
from letterkit.paths import templates_dir

from conftest import CALLISTO, DATA
from extract import pdftotext_pages

STORE = TemplateStore(templates_dir())
LETTER_DATA = read_yaml(CALLISTO, "x").data
# A letter whose body is letterkit Markdown (prose, a list, highlights): those fields parse Markdown.
BODY_LETTER = DATA / "letters" / "glacier-ridge-2026-letter-to-shareholders.yaml"
BODY_LETTER_DATA = read_yaml(BODY_LETTER, "x").data


def _string_paths(value, path=()):
    """Paths of every text value in the raw letter data."""
    if isinstance(value, str):
        yield path
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from _string_paths(item, (*path, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _string_paths(item, (*path, index))


TEXT_PATHS = list(_string_paths(LETTER_DATA))
BODY_TEXT_PATHS = list(_string_paths(BODY_LETTER_DATA))

HOSTILE = [
    "{{ 7*7 }}",
    "{% for x in range(10**9) %}x{% endfor %}",
    "{{ ''.__class__.__mro__[1].__subclasses__() }}",
    "<script>alert('x')</script>",
    '<img src="file:///etc/passwd"> <link rel=attachment href=file:///etc/passwd>',
    "url(file:///etc/passwd) @import 'http://evil.example/x.css';",
    "AT&T &amp; &lt;b&gt; &#0; &#x1F600;",
    "*em* **strong** `code` [link](javascript:alert(1)) ![img](file:///etc/passwd)",
    "# heading\n\n- bullet\n1) numbered\n> quote\n---\n```\ncode\n```",
    "## sub\n\n| a | b |\n|---|--:|\n| 1 | <b>2</b> |\n\n- a\n  - b\n    - c\n\n[x](file:///etc/passwd) <http://e.example>",
    "[ok](https://e.example) [mail](mailto:a@e.example) [bad](data:text/html,x) [rel](../x)",
    "### three levels\n\n    indented code\n\n![alt](https://e.example/i.png)",
    "::: lead\ninjected\n:::",
    "\\ backslash \\\\ end\\",
    "%PDF-1.7 trailer << /Root 1 0 R >>",
    "Ελλάδα Україна Zürich שלום “curly” — en–dash…",
    "\x00", "\x1b[31mred", "\u202eevil", "\ud800", "\ufffe", "\x85",
    "", "   ", "NO", "yes", "012345", "1e3", "2024-13-01", "null", "~",
    "a" * 3000,
]

text_values = st.one_of(st.sampled_from(HOSTILE), st.text(max_size=200), st.text(alphabet=st.characters(), max_size=40))
structures = st.recursive(
    st.none() | st.text(max_size=20) | st.integers().map(str),
    lambda children: st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=10), children, max_size=4),
    max_leaves=12,
)


def _set(data, path, value):
    target = data
    for part in path[:-1]:
        target = target[part]
    target[path[-1]] = value


def _draft_in_tmp(data, formats=("txt", "docx", "html")):
    """Write the letter beside a copy of the company profiles and draft it.

    Bad data must be stopped as an InputError naming the field; a writer failing
    on it (a RenderError) would mean validation let it through.
    """
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        shutil.copytree(DATA / "companies", root / "companies")
        (root / "letters").mkdir()
        letter = root / "letters" / "hostile.yaml"
        letter.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8", errors="surrogatepass")
        try:
            return drafting.draft(letter, out_dir=root / "out", formats=list(formats))
        except InputError as error:
            assert error.problems and all(p.file.endswith("hostile.yaml") or "companies" in p.file for p in error.problems)
            return error


def _copy(data=LETTER_DATA):
    return yaml.safe_load(yaml.safe_dump(data))


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(path=st.sampled_from(TEXT_PATHS), value=text_values)
def test_any_value_in_any_text_field_drafts_or_fails_cleanly(path, value):
    data = _copy()
    _set(data, path, value)
    _draft_in_tmp(data)


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(path=st.sampled_from(TEXT_PATHS + [("letter",), ("release",), ("signatories",), ("letter", "goals")]),
       value=structures)
def test_any_structure_anywhere_drafts_or_fails_cleanly(path, value):
    data = _copy()
    _set(data, path, value)
    _draft_in_tmp(data, formats=("txt",))


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(path=st.sampled_from(BODY_TEXT_PATHS), value=text_values)
def test_any_value_in_a_letterkit_markdown_letter_drafts_or_fails_cleanly(path, value):
    data = _copy(BODY_LETTER_DATA)
    _set(data, path, value)
    _draft_in_tmp(data)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(index=st.integers(0, 4), value=structures)
def test_any_structure_as_a_body_block_drafts_or_fails_cleanly(index, value):
    data = _copy(BODY_LETTER_DATA)
    data["letter"]["body"].insert(index, value)
    _draft_in_tmp(data, formats=("txt",))


@settings(max_examples=60, deadline=None)
@given(document=structures)
def test_any_top_level_structure_is_a_clean_input_error(document):
    with tempfile.TemporaryDirectory() as folder:
        letter = Path(folder) / "letters" / "x.yaml"
        letter.parent.mkdir()
        letter.write_text(yaml.safe_dump(document, allow_unicode=True), encoding="utf-8", errors="surrogatepass")
        with pytest.raises(InputError):
            drafting.load(letter, store=STORE)


@settings(max_examples=200, deadline=None)
@given(raw=st.binary(max_size=400))
def test_any_bytes_are_read_or_reported(raw):
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "x.yaml"
        path.write_bytes(raw)
        source = read_yaml(path, "x.yaml")
        assert source.problems or isinstance(source.data, dict)


MARKUP = "{{ 7*7 }} <script>alert(1)</script> <img src=file:///etc/passwd> AT&T &amp; *not em* [x](http://e.example)"


@pytest.fixture(scope="module")
def hostile_draft(tmp_path_factory):
    data = _copy()
    data["letter"]["closing"] = MARKUP
    data["letter"]["sign_off"] = "Very truly yours, " + "Supercalifragilistic" * 45  # a 900-letter word
    data["letter"]["opening"] = [" ".join(["shareholders"] * 1500)]  # one 1,500-word paragraph (19,499 characters)
    root = tmp_path_factory.mktemp("hostile")
    shutil.copytree(DATA / "companies", root / "companies")
    (root / "letters").mkdir()
    letter = root / "letters" / "hostile.yaml"
    letter.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    draft = drafting.draft(letter, out_dir=root / "out")
    return {path.suffix: path for path in draft.written}


def test_markup_and_template_syntax_are_literal_in_text(hostile_draft):
    text = hostile_draft[".txt"].read_text(encoding="utf-8")
    assert f"\n\n{MARKUP}\n\n" in text
    assert "49" not in text


def test_markup_is_literal_in_docx(hostile_draft):
    paragraphs = [p.text for p in docx.Document(str(hostile_draft[".docx"])).paragraphs]
    assert MARKUP in paragraphs


def test_markup_is_escaped_in_html(hostile_draft):
    page = hostile_draft[".html"].read_text(encoding="utf-8")
    assert html.escape(MARKUP, quote=False) in page
    assert "<script>" not in page and "<img" not in page


def test_markup_is_printed_not_loaded_in_pdf(hostile_draft):
    # Line breaks may fall inside the URL-like text ("http:// e.example"), so compare without spaces.
    letters = "".join(" ".join(pdftotext_pages(hostile_draft[".pdf"])).split())
    assert MARKUP.replace(" ", "") in letters
    reader = PdfReader(hostile_draft[".pdf"])
    assert all(not page.images for page in reader.pages)  # the <img> was text, not a picture
    assert "/EmbeddedFiles" not in reader.trailer["/Root"].get("/Names", {})  # nor an attachment


def test_long_words_and_paragraphs_lay_out(hostile_draft):
    words = " ".join(" ".join(pdftotext_pages(hostile_draft[".pdf"])).split())
    assert words.count("shareholders") >= 1500
    paragraphs = [p.text for p in docx.Document(str(hostile_draft[".docx"])).paragraphs]
    assert " ".join(["shareholders"] * 1500) in paragraphs
    assert "Very truly yours, " + "Supercalifragilistic" * 45 in paragraphs
