"""The DOCX writer, checked the way legal's Word and a reviewer would see it."""

from __future__ import annotations

import dataclasses
import datetime
import io
import subprocess
import zipfile

import docx
import pytest
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Inches, Pt
from docx.text.paragraph import Paragraph as DocxParagraph
from lxml import etree

from letterkit.document import (
    ALIGNMENTS,
    HEADING_ROLES,
    LIST_ROLES,
    PARAGRAPH_ROLES,
    Document,
    Heading,
    ListBlock,
    ListItem,
    Paragraph,
    Table,
    Text,
)
from letterkit.writers.docx_styles import LIST_ROLE_STYLES, ROLE_STYLES, TABLE_CELL_STYLES
from letterkit.writers.docx_tables import column_widths
from letterkit.writers.docx_writer import render_docx
from letterkit.writers.text_writer import render_text

from extract import body_words, document_words, docx_words, pdftotext_pages
from libreoffice import convert
from sample_documents import every_block_document, every_role_document, long_tables_document

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
NS = {"w": W, "r": "http://schemas.openxmlformats.org/officeDocument/2006/relationships"}
PKG_RELS_NS = {"rel": "http://schemas.openxmlformats.org/package/2006/relationships"}

EXPECTED_PARAGRAPHS = [
    ("Release Headline", "Aurora Grid Systems Issues Letter to Shareholders"),
    ("Release Subheadline", "Grid storage orders triple; Q4 outlook confirmed"),
    ("Release Lead", "SEATTLE--(BUSINESS WIRE)--Aurora Grid Systems, Inc. (NYSE American: AGSX), "
     "a maker of grid-scale batteries, today released a letter to shareholders "
     "from CEO Maria Lindqvist and CFO Daniel O’Connor."),
    ("Letter Date", "November 23, 2026"),
    ("Letter Title", "Letter to Our Shareholders"),
    ("Letter Salutation", "Dear Fellow Shareholders:"),
    ("Letter Body", "This year we shipped three new products — and more."),
    ("Letter Body", "For 2027, our priorities are:"),
    ("List Bullet", "expand the Tacoma plant"),
    ("List Bullet", "enter the Nordic market"),
    ("Letter Body", "Our numbered goals:"),
    ("List Number", "first goal"),
    ("List Number", "second goal"),
    ("List Number", "third goal"),
    ("Letter Body", "A second numbered list restarts at one:"),
    ("List Number", "alpha"),
    ("List Number", "beta"),
    ("Letter Sign-off", "Sincerely,"),
    ("Signature", "Maria Lindqvist\nPresident and Chief Executive Officer"),
    ("Signature", "Daniel O’Connor, CPA\nChief Financial Officer"),
    ("Boilerplate Heading", "About Aurora Grid Systems, Inc."),
    ("Boilerplate Text", "Aurora Grid Systems builds batteries. More information is available at "
     "https://www.aurora-grid.example."),
    ("Boilerplate Heading", "Forward-Looking Statements"),
    ("Boilerplate Text", ("Certain statements made in this press release are forward-looking. " * 12)),
    ("Contacts Heading", "Contacts"),
    ("Contact", "Media\nJane Roe\n+1 206-555-0100\nmedia@aurora-grid.example"),
    ("Contact", "Investors\nJohn Doe\nir@aurora-grid.example"),
    ("End Marker", "###"),
]

MULTI_SCRIPT = "“Quoted” — Ωmega, Привет, שלום, 株式会社, naïve café"


@pytest.fixture(scope="module")
def sample_bytes() -> bytes:
    return render_docx(every_role_document())


@pytest.fixture(scope="module")
def word(sample_bytes):
    return docx.Document(io.BytesIO(sample_bytes))


@pytest.fixture(scope="module")
def entries(sample_bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(sample_bytes)) as zf:
        return {name: zf.read(name) for name in zf.namelist()}


def _xml(entries, name):
    return etree.fromstring(entries[name])


def _with_blocks(*blocks, date=datetime.date(2026, 11, 24)) -> Document:
    base = every_role_document()
    return Document(metadata=dataclasses.replace(base.metadata, date=date), blocks=blocks)


# --- paragraphs and styles ----------------------------------------------------------


def test_paragraph_texts_and_styles_in_order(word):
    assert [(p.style.name, p.text) for p in word.paragraphs] == EXPECTED_PARAGRAPHS


def test_every_model_role_has_a_named_style():
    assert set(ROLE_STYLES) == HEADING_ROLES | PARAGRAPH_ROLES


def test_formatting_lives_in_styles_not_runs(entries):
    body = _xml(entries, "word/document.xml")
    run_formatting = {
        etree.QName(child).localname for rPr in body.iter(f"{{{W}}}rPr") for child in rPr
    }
    assert run_formatting == {"rStyle"}
    run_styles = {el.get(f"{{{W}}}val") for el in body.iter(f"{{{W}}}rStyle")}
    # The sample's only italic words are in the subheadline, which the house style sets in italic.
    assert run_styles == {"Strong", "Hyperlink"}
    paragraph_direct = {
        etree.QName(child).localname for pPr in body.iter(f"{{{W}}}pPr") for child in pPr
    }
    assert paragraph_direct == {"pStyle", "numPr", "keepNext"}


def test_the_closing_lines_and_all_signatures_keep_together(word):
    # Direct keep-with-next (not the style's): the paragraph before the sign-off,
    # each signature but the last, so two signatories never split across pages, and
    # the last contact, so ### never opens a page alone.
    kept = [p.text for p in word.paragraphs if p.paragraph_format.keep_with_next]
    assert kept == ["beta", "Maria Lindqvist\nPresident and Chief Executive Officer", "Investors\nJohn Doe\nir@aurora-grid.example"]


def test_style_fonts_sizes_and_outline_levels(word):
    styles = word.styles
    # The house style's fonts (the PDF's), not Word's usual Times New Roman and Arial.
    assert styles["Normal"].font.name == "Noto Serif"
    assert styles["Normal"].font.size == Pt(10.5)
    headline = styles["Release Headline"]
    assert (headline.font.name, headline.font.bold, headline.font.size) == ("Noto Sans", True, Pt(18))
    assert headline.paragraph_format.keep_with_next is True
    outline = {
        name: styles[name].element.pPr.outlineLvl.val
        for name in ("Release Headline", "Letter Title", "Boilerplate Heading", "Contacts Heading")
    }
    assert outline == {
        "Release Headline": 0,
        "Letter Title": 1,
        "Boilerplate Heading": 1,
        "Contacts Heading": 1,
    }
    assert styles["Letter Body"].base_style.name == "Normal"
    assert (styles["Hyperlink"].font.underline, str(styles["Hyperlink"].font.color.rgb)) == (True, "1F4E8C")  # as in the PDF


def test_document_defaults_use_word_fonts_and_language(entries):
    defaults = _xml(entries, "word/styles.xml").find("w:docDefaults/w:rPrDefault/w:rPr", NS)
    fonts = defaults.find("w:rFonts", NS)
    assert fonts.get(f"{{{W}}}ascii") == "Noto Serif"
    assert fonts.get(f"{{{W}}}asciiTheme") is None
    assert defaults.find("w:lang", NS).get(f"{{{W}}}val") == "en-US"


def test_emphasis_already_in_the_style_is_not_toggled_off():
    doc = _with_blocks(Heading("headline", (Text("Big ", bold=True), Text("news", italic=True))))
    runs = docx.Document(io.BytesIO(render_docx(doc))).paragraphs[0].runs
    # Strong inside a bold style would un-bold in Word; italic still needs Emphasis.
    assert [(r.text, r.style.name) for r in runs] == [
        ("Big ", "Default Paragraph Font"),
        ("news", "Emphasis"),
    ]


def test_bold_italic_run_uses_strong_plus_italic():
    doc = _with_blocks(Paragraph("body", (Text("both", bold=True, italic=True),)))
    (run,) = docx.Document(io.BytesIO(render_docx(doc))).paragraphs[0].runs
    assert (run.style.name, run.italic) == ("Strong", True)


def test_line_breaks_are_w_br_inside_one_paragraph(entries):
    body = _xml(entries, "word/document.xml")
    signature = body.xpath("//w:p[w:pPr/w:pStyle/@w:val='Signature']", namespaces=NS)[0]
    assert len(signature.findall(".//w:br", NS)) == 1


def test_non_ascii_text_survives():
    doc = _with_blocks(Paragraph("body", (Text(MULTI_SCRIPT),)))
    assert docx.Document(io.BytesIO(render_docx(doc))).paragraphs[0].text == MULTI_SCRIPT


# --- lists --------------------------------------------------------------------------


def _list_paragraphs(entries):
    """(style, numId, text) for every numbered paragraph, in order."""
    body = _xml(entries, "word/document.xml")
    return [
        (
            p.find("w:pPr/w:pStyle", NS).get(f"{{{W}}}val"),
            int(p.find("w:pPr/w:numPr/w:numId", NS).get(f"{{{W}}}val")),
            "".join(p.itertext()),
        )
        for p in body.xpath("//w:p[w:pPr/w:numPr]", namespaces=NS)
    ]


def _num_format_and_start(numbering, num_id):
    num = numbering.xpath(f"w:num[@w:numId='{num_id}']", namespaces=NS)[0]
    abstract_id = num.find("w:abstractNumId", NS).get(f"{{{W}}}val")
    lvl = numbering.xpath(
        f"w:abstractNum[@w:abstractNumId='{abstract_id}']/w:lvl[@w:ilvl='0']", namespaces=NS
    )[0]
    start = num.find("w:lvlOverride[@w:ilvl='0']/w:startOverride", NS)
    return (
        lvl.find("w:numFmt", NS).get(f"{{{W}}}val"),
        None if start is None else int(start.get(f"{{{W}}}val")),
    )


def test_list_items_keep_their_text_and_list(entries):
    paragraphs = _list_paragraphs(entries)
    assert [(style, text) for style, _, text in paragraphs] == [
        ("ListBullet", "expand the Tacoma plant"),
        ("ListBullet", "enter the Nordic market"),
        ("ListNumber", "first goal"),
        ("ListNumber", "second goal"),
        ("ListNumber", "third goal"),
        ("ListNumber", "alpha"),
        ("ListNumber", "beta"),
    ]
    num_ids = [num_id for _, num_id, _ in paragraphs]
    # One numbering instance per list, shared by that list's items only.
    assert num_ids[0] == num_ids[1]
    assert num_ids[2] == num_ids[3] == num_ids[4]
    assert num_ids[5] == num_ids[6]
    assert len({num_ids[0], num_ids[2], num_ids[5]}) == 3


def test_bullets_and_decimals_and_each_ordered_list_restarts(entries):
    numbering = _xml(entries, "word/numbering.xml")
    bullet_id, first_id, second_id = (_list_paragraphs(entries)[i][1] for i in (0, 2, 5))
    assert _num_format_and_start(numbering, bullet_id)[0] == "bullet"
    assert _num_format_and_start(numbering, first_id) == ("decimal", 1)
    assert _num_format_and_start(numbering, second_id) == ("decimal", 1)


def test_ordered_list_starts_at_its_start():
    doc = _with_blocks(ListBlock("body", "number", (ListItem((Text("x"),)),), start=4))
    with zipfile.ZipFile(io.BytesIO(render_docx(doc))) as zf:
        entries = {name: zf.read(name) for name in zf.namelist()}
    (_, num_id, _), = _list_paragraphs(entries)
    assert _num_format_and_start(_xml(entries, "word/numbering.xml"), num_id) == ("decimal", 4)


# --- page, header, footer -----------------------------------------------------------


def test_page_is_us_letter_with_the_house_styles_margins(word):
    section = word.sections[0]
    assert (section.page_width, section.page_height) == (Inches(8.5), Inches(11))
    margins = (section.top_margin, section.right_margin, section.bottom_margin, section.left_margin)
    assert margins == (Inches(0.95), Inches(1), Inches(0.9), Inches(1))  # the PDF's (test_house_style)


def test_header_is_company_after_page_one(word):
    section = word.sections[0]
    assert section.different_first_page_header_footer is True
    assert [p.text for p in section.header.paragraphs] == ["Aurora Grid Systems, Inc."]
    assert section.first_page_header.is_linked_to_previous is False
    assert "".join(p.text for p in section.first_page_header.paragraphs) == ""


@pytest.mark.parametrize("which", ["footer", "first_page_footer"])
def test_footer_is_page_n_of_m_from_fields(word, which):
    footer = getattr(word.sections[0], which)
    (paragraph,) = footer.paragraphs
    instructions = [el.text.split()[0] for el in paragraph._p.iter(f"{{{W}}}instrText")]
    assert instructions == ["PAGE", "NUMPAGES"]
    kinds = [el.get(f"{{{W}}}fldCharType") for el in paragraph._p.iter(f"{{{W}}}fldChar")]
    assert kinds == ["begin", "separate", "end"] * 2
    assert paragraph.text == "Page 1 of 1"  # cached results until Word lays out the pages


# --- package ------------------------------------------------------------------------


def test_core_properties(word):
    props = word.core_properties
    stamp = datetime.datetime(2026, 11, 24, tzinfo=datetime.UTC)
    assert (props.title, props.subject) == (
        "Aurora Grid Systems Issues Letter to Shareholders",
        "Letter to shareholders",
    )
    assert (props.author, props.last_modified_by) == ("Aurora Grid Systems, Inc.",) * 2
    assert props.keywords == "AGSX; letter to shareholders"
    assert (props.language, props.category, props.comments) == ("en-US", "Press release", "")
    assert props.revision == 1
    assert (props.created, props.modified) == (stamp, stamp)


def test_no_template_leftovers(entries):
    assert "docProps/thumbnail.jpeg" not in entries
    assert not [name for name in entries if "customXml" in name or "stylesWithEffects" in name]
    package_rels = _xml(entries, "_rels/.rels")
    assert not [t for t in package_rels.xpath("//rel:Relationship/@Type", namespaces=PKG_RELS_NS) if "thumbnail" in t]
    for name, data in entries.items():
        assert b"python-docx" not in data, name
    assert b"2013" not in entries["docProps/core.xml"]
    assert b"<Application>letterkit</Application>" in entries["docProps/app.xml"]
    assert b"Macintosh" not in entries["docProps/app.xml"]
    assert b'w:name="compatibilityMode" w:uri="http://schemas.microsoft.com/office/word" w:val="15"' in (
        entries["word/settings.xml"]
    )


def test_hyperlink_is_external_relationship(entries):
    body = _xml(entries, "word/document.xml")
    (link,) = body.iter(f"{{{W}}}hyperlink")
    assert "".join(link.itertext()) == "https://www.aurora-grid.example"
    rId = link.get(f"{{{NS['r']}}}id")
    rels = _xml(entries, "word/_rels/document.xml.rels")
    (rel,) = rels.xpath(f"//rel:Relationship[@Id='{rId}']", namespaces=PKG_RELS_NS)
    assert rel.get("Type").endswith("/hyperlink")
    assert (rel.get("Target"), rel.get("TargetMode")) == ("https://www.aurora-grid.example", "External")


def test_two_renders_are_byte_identical(sample_bytes):
    assert render_docx(every_role_document()) == sample_bytes


def test_zip_timestamps_follow_the_release_date(sample_bytes):
    other = render_docx(_with_blocks(*every_role_document().blocks, date=datetime.date(2027, 1, 4)))
    with zipfile.ZipFile(io.BytesIO(sample_bytes)) as a, zipfile.ZipFile(io.BytesIO(other)) as b:
        assert {i.date_time for i in a.infolist()} == {(2026, 11, 24, 0, 0, 0)}
        assert {i.date_time for i in b.infolist()} == {(2027, 1, 4, 0, 0, 0)}
        assert a.namelist()[0] == "[Content_Types].xml"
        assert a.namelist() == b.namelist()


# --- a real client ------------------------------------------------------------------


def test_libreoffice_opens_it(tmp_path):
    doc = every_role_document()
    doc = dataclasses.replace(doc, blocks=doc.blocks + (Paragraph("body", (Text(MULTI_SCRIPT),)),))
    source = tmp_path / "letter.docx"
    source.write_bytes(render_docx(doc))
    subprocess.run(
        [
            "soffice",
            f"-env:UserInstallation={(tmp_path / 'profile').as_uri()}",
            "--headless",
            "--convert-to",
            "txt:Text (encoded):UTF8",
            "--outdir",
            str(tmp_path),
            str(source),
        ],
        check=True,
        capture_output=True,
        timeout=120,
    )
    text = (tmp_path / "letter.txt").read_text(encoding="utf-8-sig")
    for words in ("Letter to Our Shareholders", "This year we shipped three new products",
                  "Chief Financial Officer", "###", MULTI_SCRIPT):
        assert words in text


def test_long_titles_are_shortened_in_the_properties_only():
    long_title = "Aurora Grid Systems " * 20  # 400 characters: over Word's 255 for a core property
    base = every_role_document()
    doc = dataclasses.replace(base, metadata=dataclasses.replace(base.metadata, title=long_title, author=long_title))
    word = docx.Document(io.BytesIO(render_docx(doc)))
    assert len(word.core_properties.title) == 255
    assert word.core_properties.title == long_title[:254] + "…"
    assert word.core_properties.author.endswith("…")


# --- every block real letters have (every_block_document) -----------------------------

EVERY_BLOCK_BODY = [
    ("Release Headline", "Borealis Assay Reports a Year of Firsts"),
    ("Highlights Intro", "Key points:"),
    ("Highlights List", "Revenue up 41%"),
    ("Highlights List", "Two new sites opened"),
    ("Release Lead", "DULUTH, Minn. / ACCESSWIRE / March 3, 2026 / Borealis Assay, Inc. (OTCQB: BRLA) today released "
     "a letter to shareholders."),
    ("Letter Title", "Letter to Shareholders"),
    ("Letter Salutation", "Dear Shareholders,"),
    ("Letter Heading", "A Strong Year"),
    ("Letter Body", "We grew in every quarter. Read more at our site."),
    ("Letter Subheading", "Results by Region"),
    ("table", [
        [("Table Heading", "Metric"), ("Table Figure Heading", "2025"), ("Table Figure Heading", "2024")],
        [("Table Text", "Revenue"), ("Table Figure", "$12.4 million"), ("Table Figure", "$8.8 million")],
        [("Table Text", "Gross margin"), ("Table Figure", "46%"), ("Table Figure", "39%")],
    ]),
    ("List Number", "Laboratory services"),
    ("List Number", "Blood panels"),
    ("List Number", "Soil assays"),
    ("List Number", "Field kits"),
    ("List Number", "Water kits"),
    ("List Number", "first"),
    ("List Number", "second"),
    ("List Number", "second, part one"),
    ("Quote", "“We built the lab our region needed."),
    ("Quote", "And we are not done.”"),
    ("Quote Attribution", "— Ingrid Solberg, Chief Executive Officer"),
    ("Letter Sign-off", "Sincerely,"),
    ("Signature", "Ingrid Solberg\nChief Executive Officer"),
    ("Boilerplate Heading", "About Borealis Assay, Inc."),
    ("Boilerplate Text", "Borealis Assay runs laboratories."),
    ("Boilerplate Heading", "About Our Subsidiary"),
    ("Boilerplate Text", "North Shore Labs is a subsidiary."),
    ("Boilerplate Heading", "Safe Harbor Provision"),
    ("Boilerplate Text", "This release contains forward-looking statements."),
    ("Contacts Heading", "Contacts"),
    ("Contact", "Investors:\nir@borealis.example"),
    ("Source Line", "Source: Borealis Assay, Inc."),
]


@pytest.fixture(scope="module")
def every_block_bytes() -> bytes:
    return render_docx(every_block_document())


@pytest.fixture(scope="module")
def every_block_entries(every_block_bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(every_block_bytes)) as zf:
        return {name: zf.read(name) for name in zf.namelist()}


def _entries_of(document: Document) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(render_docx(document))) as zf:
        return {name: zf.read(name) for name in zf.namelist()}


def _styled_body(data: bytes):
    """(style, text) per body paragraph; ("table", rows of (style, text) per cell) per table."""
    body = []
    for block in docx.Document(io.BytesIO(data)).iter_inner_content():
        if isinstance(block, DocxParagraph):
            body.append((block.style.name, block.text))
        else:
            body.append(("table", [[(p.style.name, p.text) for c in row.cells for p in c.paragraphs]
                                   for row in block.rows]))
    return body


def test_every_block_in_its_style_in_order(every_block_bytes):
    assert _styled_body(every_block_bytes) == EVERY_BLOCK_BODY


def test_every_list_and_table_role_has_its_styles():
    assert set(LIST_ROLE_STYLES) == LIST_ROLES
    assert set(TABLE_CELL_STYLES) == set(ALIGNMENTS)
    styles = docx.Document(io.BytesIO(render_docx(every_block_document()))).styles
    for name in {*ROLE_STYLES.values(), *(s for pair in LIST_ROLE_STYLES.values() for s in pair),
                 *(s for pair in TABLE_CELL_STYLES.values() for s in pair), "Letter Subheading",
                 "Quote", "Quote Attribution"}:
        assert styles[name].type == WD_STYLE_TYPE.PARAGRAPH, name


def test_boilerplate_roles_keep_the_boilerplate_styles():
    assert {ROLE_STYLES[f"{kind}-heading"] for kind in ("about", "forward-looking", "boilerplate")} == {
        "Boilerplate Heading"}
    assert {ROLE_STYLES[kind] for kind in ("about", "forward-looking", "boilerplate")} == {"Boilerplate Text"}
    doc = _with_blocks(ListBlock("forward-looking", "bullet", (ListItem((Text("a risk"),)),)))
    assert _styled_body(render_docx(doc)) == [("Boilerplate List", "a risk")]


def test_new_styles_look_and_outline_levels():
    styles = docx.Document(io.BytesIO(render_docx(every_block_document()))).styles
    outline = {name: styles[name].element.pPr.outlineLvl.val for name in ("Letter Heading", "Letter Subheading")}
    assert outline == {"Letter Heading": 2, "Letter Subheading": 3}
    quote = styles["Quote"]
    # Upright, set in 24 pt with a rule down its left side, as in the PDF.
    assert (quote.font.italic, quote.paragraph_format.left_indent, quote.paragraph_format.right_indent) == (
        False, Pt(24), None)
    (rule,) = quote.element.pPr.findall(f"{{{W}}}pBdr/{{{W}}}left")
    assert (rule.get(f"{{{W}}}sz"), rule.get(f"{{{W}}}space"), rule.get(f"{{{W}}}color")) == ("12", "9", "C9CCD1")
    assert quote.paragraph_format.keep_with_next is True  # a quotation stays with its attribution
    assert styles["Quote Attribution"].paragraph_format.left_indent == Pt(24)
    assert styles["Table Heading"].font.bold is True
    assert styles["Table Figure"].paragraph_format.alignment == WD_ALIGN_PARAGRAPH.RIGHT
    assert styles["Table Figure Heading"].paragraph_format.alignment == WD_ALIGN_PARAGRAPH.RIGHT
    assert styles["Table Figure Heading"].base_style.name == "Table Heading"
    assert styles["Table Text Centered"].paragraph_format.alignment == WD_ALIGN_PARAGRAPH.CENTER
    assert styles["Highlights List"].base_style.name == "List Bullet"


def test_quote_is_words_built_in_style(every_block_entries):
    styles = _xml(every_block_entries, "word/styles.xml")
    (quote,) = styles.xpath("w:style[@w:styleId='Quote']", namespaces=NS)
    assert quote.get(f"{{{W}}}customStyle") is None
    assert quote.find("w:name", NS).get(f"{{{W}}}val") == "Quote"
    (attribution,) = styles.xpath("w:style[w:name/@w:val='Quote Attribution']", namespaces=NS)
    assert attribution.get(f"{{{W}}}customStyle") == "1"


def test_formatting_of_every_block_lives_in_styles(every_block_entries):
    body = _xml(every_block_entries, "word/document.xml")
    assert {etree.QName(c).localname for rPr in body.iter(f"{{{W}}}rPr") for c in rPr} == {"rStyle"}
    assert {etree.QName(c).localname for pPr in body.iter(f"{{{W}}}pPr") for c in pPr} == {"pStyle", "numPr", "keepNext"}
    # Cells carry only their width, rows only "repeat" and "do not split"; no border or shading anywhere.
    assert {etree.QName(c).localname for tcPr in body.iter(f"{{{W}}}tcPr") for c in tcPr} == {"tcW"}
    assert {etree.QName(c).localname for trPr in body.iter(f"{{{W}}}trPr") for c in trPr} == {"cantSplit", "tblHeader"}
    assert {etree.QName(c).localname for tblPr in body.iter(f"{{{W}}}tblPr") for c in tblPr} == {
        "tblStyle", "tblW", "tblLayout", "tblLook"}


def test_bold_in_a_bold_style_is_not_toggled_off_through_its_base():
    table = Table("table", ((Text("Bold anyway", bold=True),), (Text("2025", bold=True),)), (), ("left", "right"))
    (table_block,) = docx.Document(io.BytesIO(render_docx(_with_blocks(table)))).tables
    runs = [run for cell in table_block.rows[0].cells for run in cell.paragraphs[0].runs]
    # Table Figure Heading is bold through its base, Table Heading: Strong would un-bold it in Word.
    assert [(r.text, r.style.name) for r in runs] == [("Bold anyway", "Default Paragraph Font"),
                                                      ("2025", "Default Paragraph Font")]


# --- tables ---------------------------------------------------------------------------


def test_table_is_a_word_table_in_our_table_style(every_block_entries):
    body = _xml(every_block_entries, "word/document.xml")
    (table,) = body.iter(f"{{{W}}}tbl")
    assert table.find("w:tblPr/w:tblStyle", NS).get(f"{{{W}}}val") == "LetterTable"
    assert table.find("w:tblPr/w:tblLayout", NS).get(f"{{{W}}}type") == "fixed"
    look = table.find("w:tblPr/w:tblLook", NS)
    assert {k.split("}")[1]: v for k, v in look.attrib.items()} == {
        "val": "0660", "firstRow": "1", "lastRow": "1", "firstColumn": "0", "lastColumn": "0",
        "noHBand": "1", "noVBand": "1"}
    rows = table.findall("w:tr", NS)
    assert [row.find("w:trPr/w:tblHeader", NS) is not None for row in rows] == [True, False, False]
    assert all(row.find("w:trPr/w:cantSplit", NS) is not None for row in rows)


def test_table_style_holds_the_rules_and_the_header_rows_look(every_block_entries):
    styles = _xml(every_block_entries, "word/styles.xml")
    (style,) = styles.xpath("w:style[@w:styleId='LetterTable']", namespaces=NS)
    assert (style.get(f"{{{W}}}type"), style.find("w:name", NS).get(f"{{{W}}}val")) == ("table", "Letter Table")
    assert style.find("w:basedOn", NS).get(f"{{{W}}}val") == "TableNormal"

    def border(path):
        (element,) = style.xpath(path, namespaces=NS)
        return element.get(f"{{{W}}}val"), element.get(f"{{{W}}}sz"), element.get(f"{{{W}}}color")

    assert border("w:tblPr/w:tblBorders/w:top") == ("single", "8", "000000")
    assert border("w:tblPr/w:tblBorders/w:insideH") == ("single", "4", "A6A6A6")
    assert not style.xpath("w:tblPr/w:tblBorders/w:insideV", namespaces=NS)
    assert border("w:tblStylePr[@w:type='firstRow']/w:tcPr/w:tcBorders/w:bottom") == ("single", "6", "000000")
    # Room under the table, as a paragraph has, from the last row's bottom margin.
    (margin,) = style.xpath("w:tblStylePr[@w:type='lastRow']/w:tcPr/w:tcMar/w:bottom/@w:w", namespaces=NS)
    assert margin == "240"
    assert style.xpath("w:tcPr/w:vAlign/@w:val", namespaces=NS) == ["bottom"]


def test_table_widths_fit_the_text_block(every_block_entries):
    body = _xml(every_block_entries, "word/document.xml")
    (table,) = body.iter(f"{{{W}}}tbl")
    grid = [int(w) for w in table.xpath("w:tblGrid/w:gridCol/@w:w", namespaces=NS)]
    # As wide as its words need in the house fonts (as in the PDF), within the 6.5-inch block.
    assert sum(grid) == int(table.find("w:tblPr/w:tblW", NS).get(f"{{{W}}}w")) <= 9360
    for row in table.findall("w:tr", NS):
        assert [int(w) for w in row.xpath("w:tc/w:tcPr/w:tcW/@w:w", namespaces=NS)] == grid


def test_a_table_that_fits_is_as_wide_as_its_cells_measured_in_the_house_fonts():
    from letterkit.compose.shipped import shipped_house_style
    from letterkit.writers.docx_tables import _house_measure

    measure = _house_measure(shipped_house_style())
    # Real advance widths, not a count of characters: ten W's set far wider than ten i's.
    assert measure("W" * 10, False, True) - measure("i" * 10, False, True) > 20 * 30
    bold = measure("Revenue", True, True)
    assert bold > measure("Revenue", False, True)  # the header row's bold sans is wider
    table = Table("table", ((Text("Metric"),), (Text("2025"),)), (((Text("Revenue"),), (Text("$12.4 million"),)),),
                  ("left", "right"))  # fmt: skip
    widths = column_widths(table, 9360, measure=measure)
    assert widths == [max(measure("Metric", True, False), measure("Revenue", False, False)),
                      max(measure("2025", True, True), measure("$12.4 million", False, True))]  # fmt: skip
    assert sum(widths) < 9360 / 2


def test_column_widths_share_the_width_by_content_and_keep_figures_whole():
    def table(header, row, align):
        return Table("table", tuple((Text(t),) for t in header), (tuple((Text(t),) for t in row),), align)

    fits = column_widths(table(("Metric", "2025"), ("Revenue", "$12.4 million"), ("left", "right")), 9360)
    assert sum(fits) == 9360 and fits[0] < fits[1]
    # Too wide for the page: the label column gives way; each figure column keeps the width of "$12.4 million".
    label = "Cash, cash equivalents and marketable securities at year end"
    squeezed = column_widths(table(("Metric", *"ABCDE"), (label, *["$12.4 million"] * 5), ("left",) + ("right",) * 5),
                             9360)
    assert squeezed[1:] == [13 * 100 + 170] * 5
    assert squeezed[0] == 9360 - 5 * 1470
    # Nothing can give way: every column at its longest word, shared out in proportion.
    crowded = column_widths(table(["x"] * 8, ["$12.4 million"] * 8, ("right",) * 8), 9360)
    assert sum(crowded) == 9360 and len(set(crowded[:-1])) == 1


def test_centred_and_empty_cells():
    doc = long_tables_document()
    sites = docx.Document(io.BytesIO(render_docx(doc))).tables[-1]
    assert [[(c.paragraphs[0].style.name, c.text) for c in row.cells] for row in sites.rows] == [
        [("Table Heading", "Site"), ("Table Heading Centered", "Status"), ("Table Figure Heading", "Staff")],
        [("Table Text", "Duluth"), ("Table Text Centered", "open"), ("Table Figure", "120")],
        [("Table Text", "Fargo"), ("Table Text Centered", ""), ("Table Figure", "35")],
    ]


# --- lists: lettered, nested ------------------------------------------------------------


def _numbered(entries):
    """(text, numId, ilvl) for every numbered paragraph, in order."""
    body = _xml(entries, "word/document.xml")
    return [
        ("".join(p.itertext()), p.find("w:pPr/w:numPr/w:numId", NS).get(f"{{{W}}}val"),
         int(p.find("w:pPr/w:numPr/w:ilvl", NS).get(f"{{{W}}}val")))
        for p in body.xpath("//w:p[w:pPr/w:numPr]", namespaces=NS)
    ]


def _level(entries, num_id, ilvl):
    """(numFmt, lvlText, start) that Word uses for this instance's level (startOverride first)."""
    numbering = _xml(entries, "word/numbering.xml")
    (num,) = numbering.xpath(f"w:num[@w:numId='{num_id}']", namespaces=NS)
    abstract_id = num.find("w:abstractNumId", NS).get(f"{{{W}}}val")
    (lvl,) = numbering.xpath(f"w:abstractNum[@w:abstractNumId='{abstract_id}']/w:lvl[@w:ilvl='{ilvl}']",
                             namespaces=NS)
    override = num.xpath(f"w:lvlOverride[@w:ilvl='{ilvl}']/w:startOverride/@w:val", namespaces=NS)
    start = int(override[0]) if override else int(lvl.find("w:start", NS).get(f"{{{W}}}val"))
    return lvl.find("w:numFmt", NS).get(f"{{{W}}}val"), lvl.find("w:lvlText", NS).get(f"{{{W}}}val"), start


def test_lettered_list_with_nested_bullets_is_one_numbering_instance(every_block_entries):
    numbered = _numbered(every_block_entries)
    lettered = numbered[2:7]
    assert [(text, ilvl) for text, _, ilvl in lettered] == [
        ("Laboratory services", 0), ("Blood panels", 1), ("Soil assays", 1), ("Field kits", 0), ("Water kits", 1)]
    assert len({num_id for _, num_id, _ in lettered}) == 1
    num_id = lettered[0][1]
    assert _level(every_block_entries, num_id, 0) == ("upperLetter", "%1.", 1)
    assert _level(every_block_entries, num_id, 1) == ("bullet", "–", 1)


def test_numbered_list_keeps_its_start_and_nests_at_level_one(every_block_entries):
    numbered = _numbered(every_block_entries)
    highlights, lettered, number_list = numbered[0:2], numbered[2:7], numbered[7:10]
    assert [(text, ilvl) for text, _, ilvl in number_list] == [("first", 0), ("second", 0), ("second, part one", 1)]
    num_id = number_list[0][1]
    assert {n for _, n, _ in number_list} == {num_id}
    assert _level(every_block_entries, num_id, 0) == ("decimal", "%1.", 3)
    assert _level(every_block_entries, num_id, 1) == ("bullet", "–", 1)
    assert _level(every_block_entries, highlights[0][1], 0) == ("bullet", "•", 1)
    # A new instance per list.
    assert len({highlights[0][1], lettered[0][1], num_id}) == 3


def test_nested_numbered_lists_restart_under_each_parent_and_an_odd_one_gets_its_own_instance(tmp_path):
    numbers = ListBlock("body", "number", (ListItem((Text("one"),)), ListItem((Text("two"),))))
    from_five = ListBlock("body", "number", (ListItem((Text("five"),)),), start=5)
    bullets = ListBlock("body", "bullet", (ListItem((Text("dot"),)),))
    outer = ListBlock("body", "letter", (ListItem((Text("A"),), numbers), ListItem((Text("B"),), numbers),
                                         ListItem((Text("C"),), bullets), ListItem((Text("D"),), from_five)))
    doc = _with_blocks(outer)
    entries = _entries_of(doc)
    numbered = _numbered(entries)
    main = numbered[0][1]
    assert [(text, num_id == main, ilvl) for text, num_id, ilvl in numbered] == [
        ("A", True, 0), ("one", True, 1), ("two", True, 1), ("B", True, 0), ("one", True, 1), ("two", True, 1),
        ("C", True, 0), ("dot", False, 1), ("D", True, 0), ("five", False, 1)]
    assert _level(entries, main, 1) == ("decimal", "%2.", 1)
    assert _level(entries, numbered[7][1], 1) == ("bullet", "–", 1)
    assert _level(entries, numbered[9][1], 1) == ("decimal", "%2.", 5)
    path = tmp_path / "nested.docx"
    path.write_bytes(render_docx(doc))
    assert docx_words(path) == render_text(doc).split() == [
        "A.", "A", "1.", "one", "2.", "two", "B.", "B", "1.", "one", "2.", "two", "C.", "C", "–", "dot",
        "D.", "D", "5.", "five"]


def test_numbering_definitions_are_shared_by_lists_of_one_kind():
    doc = _with_blocks(*(ListBlock("body", "letter", (ListItem((Text(t),)),)) for t in ("x", "y")))
    numbering = _xml(_entries_of(doc), "word/numbering.xml")
    ours = numbering.xpath("w:abstractNum[starts-with(w:name/@w:val, 'letterkit')]", namespaces=NS)
    assert [a.find("w:name", NS).get(f"{{{W}}}val") for a in ours] == ["letterkit letter list, bullet sublists from 1"]
    assert len(ours[0].findall("w:lvl", NS)) == 9
    # Schema order: every definition before the first instance.
    tags = [etree.QName(child).localname for child in numbering]
    assert tags.index("num") > max(i for i, tag in enumerate(tags) if tag == "abstractNum")


# --- the same words as the text ---------------------------------------------------------


@pytest.mark.parametrize("make", [every_role_document, every_block_document], ids=lambda f: f.__name__)
def test_docx_words_are_the_text_words(make, tmp_path):
    document = make()
    path = tmp_path / "letter.docx"
    path.write_bytes(render_docx(document))
    assert docx_words(path) == render_text(document).split() == document_words(document)


def test_every_block_document_renders_byte_identical_twice(every_block_bytes):
    assert render_docx(every_block_document()) == every_block_bytes


# --- a real client: LibreOffice ----------------------------------------------------------


def test_libreoffice_lays_out_every_block_with_the_same_words(tmp_path):
    document = every_block_document()
    source = tmp_path / "letter.docx"
    source.write_bytes(render_docx(document))
    pdf = convert(source, "pdf", tmp_path, tmp_path / "profile")
    pages = pdftotext_pages(pdf)
    assert body_words(pages, document.metadata.company) == render_text(document).split()
    table_lines = [line.split() for line in pages[0].splitlines() if "million" in line or "Metric" in line]
    assert table_lines == [["Metric", "2025", "2024"], ["Revenue", "$12.4", "million", "$8.8", "million"]]


def test_libreoffice_repeats_the_header_row_of_a_table_that_runs_over_a_page(tmp_path):
    document = long_tables_document()
    source = tmp_path / "tables.docx"
    source.write_bytes(render_docx(document))
    pages = pdftotext_pages(convert(source, "pdf", tmp_path, tmp_path / "profile"))
    assert len(pages) > 1
    first_lines = [[line.split() for line in page.splitlines() if line.strip()][:2] for page in pages[1:]]
    # Line 0 is the running header (the company); the header row comes right under it.
    assert first_lines[0] == [document.metadata.company.split(), ["Quarter", "Revenue", "Gross", "margin"]]


def test_a_link_in_a_cell_is_a_real_hyperlink():
    cell = (Text("our report", href="https://borealis.example/report"),)
    entries = _entries_of(_with_blocks(Table("table", ((Text("Source"),),), ((cell,),), ("left",))))
    body = _xml(entries, "word/document.xml")
    (link,) = body.xpath("//w:tbl//w:tc//w:hyperlink", namespaces=NS)
    assert "".join(link.itertext()) == "our report"
    rels = _xml(entries, "word/_rels/document.xml.rels")
    rId = link.get(f"{{{NS['r']}}}id")
    (rel,) = rels.xpath(f"//rel:Relationship[@Id='{rId}']", namespaces=PKG_RELS_NS)
    assert rel.get("Target") == "https://borealis.example/report"


def test_a_table_of_only_a_header_row_of_empty_cells_is_still_a_valid_table():
    entries = _entries_of(_with_blocks(Table("table", ((), ()), (), ("left", "right"))))
    (table,) = _xml(entries, "word/document.xml").iter(f"{{{W}}}tbl")
    cells = table.findall("w:tr/w:tc", NS)
    assert len(cells) == 2 and all(cell.find("w:p", NS) is not None for cell in cells)  # Word needs a w:p per cell
    assert 0 < sum(int(w) for w in table.xpath("w:tblGrid/w:gridCol/@w:w", namespaces=NS)) <= 9360


# --- cost of long releases ---------------------------------------------------------


def test_paragraphs_are_added_as_python_docx_adds_them(monkeypatch):
    from letterkit.writers import docx_writer

    ours = render_docx(every_block_document())
    monkeypatch.setattr(docx_writer, "_append_paragraph", lambda word: word.add_paragraph())
    assert render_docx(every_block_document()) == ours


def test_adding_a_paragraph_never_searches_the_body(monkeypatch):
    """python-docx finds the body's closing section properties from its first child on: n² for n paragraphs."""
    from docx.oxml.xmlchemy import BaseOxmlElement

    searched = []
    first_child_found_in = BaseOxmlElement.first_child_found_in

    def counted(self, *tagnames):
        if self.tag.endswith("}body"):
            searched.append(tagnames)
        return first_child_found_in(self, *tagnames)

    monkeypatch.setattr(BaseOxmlElement, "first_child_found_in", counted)
    render_docx(every_block_document())
    tables = sum(isinstance(block, Table) for block in every_block_document().blocks)
    assert tables and searched == [("w:sectPr",)] * tables  # only python-docx's add_table looks (a few per letter)
