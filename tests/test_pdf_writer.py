"""The PDF writer: the Document's words, shipped fonts only, metadata, reproducible bytes,
the running header and footer, and a fetcher that loads nothing but the shipped assets.

Checked with poppler's command-line tools (what a newswire's pipeline would use)
and pypdf. The renders are module-scoped: each PDF is made once.
"""

from __future__ import annotations

import dataclasses
import datetime
import hashlib
import io
import os
import re
import time
import zlib
from pathlib import Path

import pydyf
import pytest
from fontTools.ttLib import TTFont
from pypdf import PdfReader
from weasyprint.urls import FatalURLFetchingError

from letterkit.document import Document, Paragraph, Table, Text
from letterkit.paths import assets_dir
from letterkit.writers import pdf_writer
from letterkit.writers.asset_fetcher import AssetFetcher
from letterkit.writers.html_writer import render_html
from letterkit.writers.pdf_writer import AssetRefusedError, TableTooWideError, html_to_pdf, render_pdf

from extract import body_words, document_words, pdftotext_pages, run
from sample_documents import every_block_document, every_role_document, long_letter_document

LETTER_POINTS = (612, 792)
HEADER_BAND = 68  # points from the top edge: the top page margin, where the running header sits
FOOTER_BAND = 62  # points up from the bottom edge
TEXT_BLOCK = (72, 612 - 72)  # points: the left and right page margins are 1 in
SUBSET_FONT = re.compile(r"^[A-Z]{6}\+Noto-(Serif|Sans|Serif-Hebrew)-Letterkit(-Bold|-Italic|-BoldItalic|-Oblique)?$")


# ---------------------------------------------------------------- helpers

def long_document(paragraphs: int = 40) -> Document:
    """every_role_document with many body paragraphs before the sign-off: five pages."""
    base = every_role_document()
    blocks = list(base.blocks)
    signoff = next(i for i, b in enumerate(blocks) if b.role == "signoff")
    filler = tuple(
        Paragraph("body", (Text(
            f"Paragraph {n}: our forward-looking grid-scale storage business grew again, and the "
            "well-known, long-term build-out of the Tacoma plant continues on schedule with "
            "co-investment from partners."
        ),))
        for n in range(1, paragraphs + 1)
    )
    blocks[signoff:signoff] = filler
    return dataclasses.replace(base, blocks=tuple(blocks))


def table_document(table: Table) -> Document:
    """every_role_document with `table` after its first body paragraph."""
    blocks = list(every_role_document().blocks)
    first_body = next(i for i, b in enumerate(blocks) if b.role == "body")
    blocks.insert(first_body + 1, table)
    return dataclasses.replace(every_role_document(), blocks=tuple(blocks))


def _cells(*texts: str) -> tuple:
    return tuple((Text(text),) for text in texts)


def tall_rows_table(rows: int = 24) -> Table:
    """Rows of six or seven lines each, more than a page of them: where a page ends, a row would split."""
    label = "A label long enough to wrap onto several lines of its cell in this table. " * 7
    return Table(
        "table",
        _cells("Segment", "2025", "Share"),
        tuple(_cells(f"Row {n} begins. {label}Row {n} ends.", f"${n},000", f"{n}%") for n in range(1, rows + 1)),
        ("left", "right", "right"),
    )


def wide_table() -> Table:
    """Six columns whose longest words (one of them very long) cannot stand side by side in the text block."""
    return Table(
        "table",
        _cells("Segment", "Q1 2025 revenue", "Q2 2025 revenue", "Q3 2025 revenue", "Q4 2025 revenue", "Change"),
        (
            _cells("Laboratory services and clinical diagnostics", "$1,204,000", "$1,388,500", "$1,577,250",
                   "$1,902,125", "+58%"),
            _cells("Supercalifragilisticexpialidociousconsultingservices", "$1", "$2", "$3", "$4", "n/a"),
        ),
        ("left", "right", "right", "right", "right", "center"),
    )


def word_boxes(path: Path) -> list[tuple[int, float, float, str]]:
    """(page, xMin, xMax, word) for every word pdftotext finds."""
    boxes = []
    for number, page in enumerate(run("pdftotext", "-bbox", path, "-").split("<page ")[1:], start=1):
        for x_min, x_max, word in re.findall(r'<word xMin="([\d.]+)" yMin="[\d.]+" xMax="([\d.]+)"[^>]*>([^<]*)</word>', page):
            boxes.append((number, float(x_min), float(x_max), word))
    return boxes


def write(tmp_path: Path, pdf: bytes, name: str = "out.pdf") -> Path:
    path = tmp_path / name
    path.write_bytes(pdf)
    return path


def pdffonts(path: Path) -> list[dict[str, str]]:
    lines = run("pdffonts", path).splitlines()[2:]  # skip the header and the dashes
    rows = []
    for line in lines:
        name, *_, emb, sub, uni, _obj, _gen = line.split()
        rows.append({"name": name, "emb": emb, "sub": sub, "uni": uni})
    return rows


def pdfinfo(path: Path) -> dict[str, str]:
    info = {}
    for line in run("pdfinfo", "-isodates", "-f", "1", "-l", "99", path).splitlines():
        key, _, value = line.partition(":")
        info[key.strip()] = value.strip()
    return info


def embedded_font_programs(pdf: bytes) -> dict[str, str]:
    """BaseFont name -> PostScript name inside the embedded font program."""
    found = {}
    for page in PdfReader(io.BytesIO(pdf)).pages:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            descriptor = font["/DescendantFonts"][0].get_object()["/FontDescriptor"].get_object()
            program = TTFont(io.BytesIO(descriptor["/FontFile2"].get_object().get_data()))
            found[str(font["/BaseFont"])] = program["name"].getDebugName(6)
    return found


def shipped_postscript_names() -> set[str]:
    return {TTFont(path)["name"].getDebugName(6) for path in (assets_dir() / "fonts").glob("*.ttf")}


# ---------------------------------------------------------------- renders, once each

@pytest.fixture(scope="module")
def every_role_pdf() -> bytes:
    return render_pdf(every_role_document())


@pytest.fixture(scope="module")
def long_pdf() -> bytes:
    return render_pdf(long_document())


@pytest.fixture(scope="module")
def every_block_pdf() -> bytes:
    return render_pdf(every_block_document())


@pytest.fixture(scope="module")
def every_block_path(every_block_pdf, tmp_path_factory) -> Path:
    return write(tmp_path_factory.mktemp("blocks"), every_block_pdf)


@pytest.fixture(scope="module")
def tall_rows_path(tmp_path_factory) -> Path:
    return write(tmp_path_factory.mktemp("table"), render_pdf(table_document(tall_rows_table())))


@pytest.fixture(scope="module")
def every_role_path(every_role_pdf, tmp_path_factory) -> Path:
    return write(tmp_path_factory.mktemp("every"), every_role_pdf)


@pytest.fixture(scope="module")
def long_path(long_pdf, tmp_path_factory) -> Path:
    return write(tmp_path_factory.mktemp("long"), long_pdf)


# ---------------------------------------------------------------- words and layout

def test_pdf_words_are_the_documents_words(every_role_path):
    document = every_role_document()
    pages = pdftotext_pages(every_role_path)
    assert body_words(pages, document.metadata.company) == document_words(document)


def test_every_block_pdf_words_are_the_documents_words(every_block_path):
    # Highlights, sections, the table cell by cell, "A." and nested "–" markers, a list
    # starting at 3, the quotation with "— Name", boilerplate and the source line.
    document = every_block_document()
    words = body_words(pdftotext_pages(every_block_path), document.metadata.company)
    assert words == document_words(document)
    assert {"A.", "B.", "3.", "4.", "–", "—"} <= set(words)


def test_table_rows_are_never_split_and_the_header_repeats_on_each_page(tall_rows_path):
    pages = pdftotext_pages(tall_rows_path)
    spanned = [page for page in pages if "begins." in page]
    assert len(spanned) >= 3
    for page in spanned:
        assert re.findall(r"Row (\d+) begins", page) == re.findall(r"Row (\d+) ends", page)
        lines = [line.split() for line in page.splitlines() if line.strip()]
        header = lines.index(["Segment", "2025", "Share"])  # the column headers, once, above the first row
        assert "begins." in lines[header + 1] and ["Segment", "2025", "Share"] not in lines[header + 1:]
    # Beside a long text column the figures' columns keep the width of their widest figure.
    assert {f"${n},000" for n in range(1, 25)} <= set(" ".join(pages).split())


def test_a_table_of_long_cells_wraps_inside_the_text_block(tall_rows_path):
    boxes = word_boxes(tall_rows_path)
    assert min(x_min for _, x_min, _, _ in boxes) >= TEXT_BLOCK[0] - 0.5
    assert max(x_max for _, _, x_max, _ in boxes) <= TEXT_BLOCK[1] + 0.5


def test_a_table_wider_than_the_text_block_is_refused_naming_it():
    with pytest.raises(TableTooWideError) as refused:
        render_pdf(table_document(wide_table()))
    assert str(refused.value) == (
        "the table headed “Segment | Q1 2025 revenue | Q2 2025 revenue | Q3 2025 revenue | Q4 2025 revenue | Change” "
        "is 516 pt wide, wider than the 468 pt text block: give it fewer columns or shorter words (a column is as "
        "wide as its longest word or figure)"
    )
    assert isinstance(refused.value, ValueError)  # drafting reports it as a render error


def test_long_letter_words_survive_page_breaks_and_hyphens(long_path):
    document = long_document()
    pages = pdftotext_pages(long_path)
    assert len(pages) >= 4
    words = body_words(pages, document.metadata.company)
    assert words == document_words(document)
    assert "well-known," in words  # a hyphenated word broken across lines reads back whole


def test_company_header_only_after_page_one(long_path):
    company = every_role_document().metadata.company
    header = ("-y", "0", "-H", str(HEADER_BAND), "-W", str(LETTER_POINTS[0]))
    headers = [page.strip() for page in pdftotext_pages(long_path, *header)]
    assert headers[0] == ""
    assert headers[1:] == [company] * (len(headers) - 1)


def test_page_n_of_m_in_every_footer(long_path):
    footer = ("-y", str(LETTER_POINTS[1] - FOOTER_BAND), "-H", str(FOOTER_BAND), "-W", str(LETTER_POINTS[0]))
    footers = [page.strip() for page in pdftotext_pages(long_path, *footer)]
    total = len(footers)
    assert footers == [f"Page {n} of {total}" for n in range(1, total + 1)]


def test_signoff_and_signatures_share_a_page(long_path):
    pages = pdftotext_pages(long_path)
    on = {text: [n for n, page in enumerate(pages) if text in page] for text in
          ("Sincerely,", "President and Chief Executive Officer", "Chief Financial Officer")}
    assert len({tuple(where) for where in on.values()}) == 1, on
    # ...and the sign-off is not stranded at the top of its page without the letter.
    page = pdftotext_pages(long_path)[on["Sincerely,"][0]]
    lines = [line.strip() for line in page.splitlines() if line.strip()]
    assert lines[1] != "Sincerely,"


# ---------------------------------------------------------------- fonts, metadata, page

def test_only_shipped_noto_fonts_all_embedded_and_subset(every_role_path, every_role_pdf):
    rows = pdffonts(every_role_path)
    assert rows, "no fonts at all?"
    for row in rows:
        assert SUBSET_FONT.match(row["name"]), row
        assert (row["emb"], row["sub"], row["uni"]) == ("yes", "yes", "yes"), row
    # The embedded programs are the shipped files, not a system font of that name.
    programs = embedded_font_programs(every_role_pdf)
    assert set(programs.values()) <= shipped_postscript_names()
    assert {"NotoSerif-Regular", "NotoSerif-Bold", "NotoSerif-Italic", "NotoSans-Bold"} <= set(programs.values())


def test_hebrew_falls_back_to_noto_serif_hebrew(tmp_path):
    document = every_role_document()
    blocks = (*document.blocks[:3], Paragraph("body", (Text("Our Tel Aviv office (תל אביב) opened."),)))
    pdf = render_pdf(dataclasses.replace(document, blocks=blocks))
    assert "NotoSerifHebrew-Regular" in embedded_font_programs(pdf).values()
    assert "NotoSerif-Regular" in embedded_font_programs(pdf).values()


def test_metadata_and_page_size(every_role_path):
    info = pdfinfo(every_role_path)
    assert info["Title"] == "Aurora Grid Systems Issues Letter to Shareholders"
    assert info["Author"] == "Aurora Grid Systems, Inc."
    assert info["Subject"] == "Letter to shareholders"
    assert info["Keywords"] == "AGSX, letter to shareholders"
    assert info["Creator"].startswith("letterkit ")
    assert info["CreationDate"] == "2026-11-24T00:00:00Z"  # the release date, not the render time
    assert info["Tagged"] == "yes"
    sizes = {value for key, value in info.items() if key.startswith("Page") and key.endswith("size")}
    assert sizes == {"612 x 792 pts (letter)"}


def test_pdf_lays_out_exactly_the_html_writers_output(monkeypatch):
    # The page and its stylesheet go to WeasyPrint apart (the CSS is parsed once per process);
    # put back together they are render_html's page.
    seen = []
    real = pdf_writer.html_to_pdf
    monkeypatch.setattr(pdf_writer, "html_to_pdf", lambda html, **kw: seen.append((html, kw["stylesheet"])) or real(html, **kw))
    pdf_writer.render_pdf(every_role_document())
    ((html, css),) = seen
    assert html.replace("<style>\n\n</style>", f"<style>\n{css.rstrip()}\n</style>") == render_html(every_role_document())


def test_the_stylesheet_is_parsed_once_per_font_configuration():
    pdf_writer._PARSED.clear()
    first = pdf_writer.render_pdf(every_role_document())
    (kept,) = pdf_writer._PARSED.values()
    assert pdf_writer.render_pdf(every_role_document()) == first
    (again,) = pdf_writer._PARSED.values()
    assert again is kept  # the same parsed stylesheet, the same bytes


@pytest.mark.parametrize("sample", [every_role_document, every_block_document], ids=lambda f: f.__name__)
def test_no_weasyprint_warnings_for_the_shipped_stylesheet(caplog, sample):
    with caplog.at_level("WARNING", logger="weasyprint"):
        render_pdf(sample())
    assert [r.getMessage() for r in caplog.records if r.name == "weasyprint"] == []


# ---------------------------------------------------------------- reproducibility

def test_two_renders_are_byte_identical(every_role_pdf, every_block_pdf):
    assert render_pdf(every_role_document()) == every_role_pdf
    assert render_pdf(every_block_document()) == every_block_pdf


def test_identical_even_through_fonttools_subsetting_on_another_day(monkeypatch):
    # Without HarfBuzz's subsetter WeasyPrint subsets with fontTools, which stamps
    # the current time into each font unless SOURCE_DATE_EPOCH is set.
    import weasyprint.pdf.fonts

    monkeypatch.setattr(weasyprint.pdf.fonts, "harfbuzz_subset", None)
    today = render_pdf(every_role_document())
    real_time = time.time
    monkeypatch.setattr(time, "time", lambda: real_time() + 400 * 86400)
    assert render_pdf(every_role_document()) == today


def test_source_date_epoch_is_the_release_date_only_while_rendering(monkeypatch):
    seen = []
    real = pdf_writer.weasyprint.Document.write_pdf  # where fonts are subset and stamped

    def spy(self, *args, **kwargs):
        seen.append(os.environ.get("SOURCE_DATE_EPOCH"))
        return real(self, *args, **kwargs)

    monkeypatch.setattr(pdf_writer.weasyprint.Document, "write_pdf", spy)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "123")  # the caller's own value comes back afterwards
    render_pdf(every_role_document())
    assert seen == [str(int(datetime.datetime(2026, 11, 24, tzinfo=datetime.UTC).timestamp()))]
    assert os.environ["SOURCE_DATE_EPOCH"] == "123"
    monkeypatch.delenv("SOURCE_DATE_EPOCH")


def test_identifier_follows_the_html():
    html = render_html(every_role_document())
    assert pdf_writer.pdf_identifier(html) == pdf_writer.pdf_identifier(html)
    assert pdf_writer.pdf_identifier(html) != pdf_writer.pdf_identifier(html + " ")


def test_one_font_configuration_per_process():
    assert pdf_writer.font_configuration() is pdf_writer.font_configuration()


# ---------------------------------------------------------------- streams PDF/A validators can measure

def _stream_whose_flate_bytes_end_in_cr() -> bytes:
    """Some content whose zlib stream ends in CR (its Adler-32's low byte is 0x0D): one in 256 does."""
    return next(
        content
        for content in (f"BT /F1 9 Tf ({hashlib.sha256(bytes(n)).hexdigest()}) Tj ET".encode() for n in range(10_000))
        if zlib.compress(content, 9).endswith(b"\r")
    )


def test_a_stream_whose_compressed_bytes_end_in_cr_is_stored_uncompressed():
    pdf = pydyf.PDF()
    unlucky = pydyf.Stream([_stream_whose_flate_bytes_end_in_cr()])
    ordinary = pydyf.Stream([b"BT /F1 9 Tf (hello) Tj ET"])
    kept = pydyf.Stream([b"<x:xmpmeta/>"])
    for stream in (unlucky, ordinary, kept):
        pdf.add_object(stream)
    ordinary_content = ordinary.stream[0]
    pdf_writer.compress_streams(pdf, keep=kept)
    assert not unlucky.data.endswith(b"\r\nendstream") and b"/Filter" not in unlucky.data
    assert b"/Filter" not in kept.data
    # The ordinary one: Flate-compressed once, as pydyf's own compress=True writes it.
    assert ordinary.data == pydyf.Stream([ordinary_content], compress=True).data
    assert zlib.decompress(ordinary.stream[0]) == ordinary_content


@pytest.mark.parametrize("sample", ["every_role_pdf", "every_block_pdf", "long_pdf"])
def test_every_stream_ends_before_its_end_of_line_and_most_are_compressed(request, sample):
    pdf = request.getfixturevalue(sample)
    lengths = [int(length) for length in re.findall(rb"/Length (\d+)", pdf)]
    assert lengths and b"\r\nendstream" not in pdf
    assert pdf.count(b"/FlateDecode") >= len(lengths) - 2  # only the XMP (and a rare unlucky one) stored as is
    assert b"/ObjStm" not in pdf and b"\nxref\n" in pdf  # a classic cross-reference table, no compressed ones


# ---------------------------------------------------------------- the fetcher

@pytest.mark.parametrize("url", [
    "file:///etc/passwd",
    "http://example.com/font.ttf",
    "https://example.com/font.ttf",
    "ftp://example.com/font.ttf",
    "data:font/ttf;base64,AAAA",
    "file://example.com/etc/passwd",
    "/etc/passwd",
])
def test_fetcher_refuses_anything_but_local_files(url):
    with pytest.raises(FatalURLFetchingError):
        AssetFetcher().fetch(url)


@pytest.mark.parametrize("relative", [
    "../styles/print/v1.css",          # a real file, but outside the assets
    "fonts/../../styles/print/v1.css",
    "fonts/%2e%2e/%2e%2e/styles/print/v1.css",
    "../../../../../../../../etc/passwd",
    "fonts/NotoSerif-Regular.ttf?x=1",
    "fonts/missing.ttf",
    "fonts/",                          # a directory
])
def test_fetcher_refuses_escapes_from_the_asset_folder(relative):
    fetcher = AssetFetcher()
    with pytest.raises(FatalURLFetchingError):
        # No URL normalisation here: the fetcher must resolve `..` itself.
        fetcher.fetch(fetcher.base_url() + relative)


def test_fetcher_refuses_a_symlink_that_leads_outside(tmp_path):
    root = tmp_path / "assets"
    root.mkdir()
    secret = tmp_path / "secret.txt"
    secret.write_text("secret")
    (root / "innocent.ttf").symlink_to(secret)
    fetcher = AssetFetcher(root)
    with pytest.raises(FatalURLFetchingError):
        fetcher.fetch(fetcher.base_url() + "innocent.ttf")


def test_fetcher_serves_shipped_assets():
    fetcher = AssetFetcher()
    response = fetcher.fetch(fetcher.base_url() + "fonts/NotoSerif-Regular.ttf")
    assert response.read() == (assets_dir() / "fonts" / "NotoSerif-Regular.ttf").read_bytes()
    assert response.content_type == "font/ttf"


@pytest.mark.parametrize("html", [
    '<html lang="en"><img src="file:///etc/passwd"></html>',
    '<html lang="en"><head><link rel="attachment" href="file:///etc/passwd"></head></html>',
    '<html lang="en"><a rel="attachment" href="file:///etc/hostname">x</a></html>',
    '<html lang="en"><style>@import url(http://example.invalid/x.css);</style>x</html>',
    '<html lang="en"><style>@font-face { font-family: x; src: url(../../../../../../etc/passwd) }'
    ' p { font-family: x }</style><p>x</p></html>',
    '<html lang="en"><p style="background: url(../styles/print/v1.css)">x</p></html>',
    '<html lang="en"><img src="https://example.invalid/pixel.png"></html>',
])
def test_html_or_css_reaching_outside_the_assets_fails_the_render(html):
    with pytest.raises(AssetRefusedError, match="refused to load") as raised:
        html_to_pdf(html, release_date=datetime.date(2026, 1, 1))
    assert isinstance(raised.value.__cause__, FatalURLFetchingError)
    assert isinstance(raised.value, ValueError)  # drafting reports it as a render error


def test_hostile_document_text_is_printed_not_loaded(tmp_path):
    hostile = '<img src="file:///etc/passwd"> <link rel=attachment href=http://x.invalid> & "q"'
    document = every_role_document()
    document = dataclasses.replace(
        document,
        metadata=dataclasses.replace(document.metadata, company=hostile),
        blocks=(*document.blocks[:3], Paragraph("body", (Text(hostile),))),
    )
    pdf = render_pdf(document)
    text = " ".join(run("pdftotext", write(tmp_path, pdf), "-").split())
    assert hostile in text
    assert b"root:" not in pdf and len(PdfReader(io.BytesIO(pdf)).attachments) == 0


# ---------------------------------------------------------------- cost of long releases

def test_page_references_are_built_once_per_pdf_not_once_per_tagged_element(monkeypatch):
    from letterkit.writers import pydyf_pages

    built = []
    original = pydyf_pages._BUILT_BY_PYDYF.fget
    monkeypatch.setattr(pydyf_pages, "_BUILT_BY_PYDYF", property(lambda pdf: built.append(1) or original(pdf)))
    pdf = render_pdf(long_letter_document(400))
    assert len(PdfReader(io.BytesIO(pdf)).pages) >= 8
    # WeasyPrint's tagger asks for a page reference for each of the ~450 tagged elements.
    assert len(built) == 1


def test_remembered_page_references_are_pydyfs_own_and_follow_new_pages():
    from letterkit.writers import pydyf_pages

    assert pydyf_pages.remember_page_references()  # installed when pdf_writer was imported
    pdf = pydyf.PDF()
    for _ in range(3):
        pdf.add_page(pydyf.Dictionary({"Type": "/Page"}))
    assert pdf.page_references == pydyf_pages._BUILT_BY_PYDYF.fget(pdf) == (b"3 0 R", b"4 0 R", b"5 0 R")
    pdf.add_page(pydyf.Dictionary({"Type": "/Page"}))
    assert pdf.page_references == pydyf_pages._BUILT_BY_PYDYF.fget(pdf) and len(pdf.page_references) == 4


def test_a_long_release_is_the_same_pdf_with_pydyfs_own_page_references(monkeypatch):
    from letterkit.writers import pydyf_pages

    document = long_letter_document(400)
    remembered = render_pdf(document)
    monkeypatch.setattr(pydyf.PDF, "page_references", pydyf_pages._BUILT_BY_PYDYF)
    assert render_pdf(document) == remembered
