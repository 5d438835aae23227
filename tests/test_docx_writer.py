"""The DOCX writer, checked the way legal's Word and a reviewer would see it."""

from __future__ import annotations

import dataclasses
import datetime
import io
import subprocess
import zipfile

import docx
import pytest
from docx.shared import Inches, Pt
from lxml import etree

from letterkit.document import (
    HEADING_ROLES,
    PARAGRAPH_ROLES,
    Document,
    Heading,
    ListBlock,
    ListItem,
    Paragraph,
    Text,
)
from letterkit.writers.docx_styles import ROLE_STYLES
from letterkit.writers.docx_writer import render_docx

from sample_documents import every_role_document

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
    assert run_styles == {"Strong", "Emphasis", "Hyperlink"}
    paragraph_direct = {
        etree.QName(child).localname for pPr in body.iter(f"{{{W}}}pPr") for child in pPr
    }
    assert paragraph_direct == {"pStyle", "numPr", "keepNext"}


def test_the_closing_lines_and_all_signatures_keep_together(word):
    # Direct keep-with-next (not the style's): the paragraph before the sign-off, and
    # each signature but the last, so two signatories never split across pages.
    kept = [p.text for p in word.paragraphs if p.paragraph_format.keep_with_next]
    assert kept == ["beta", "Maria Lindqvist\nPresident and Chief Executive Officer"]


def test_style_fonts_sizes_and_outline_levels(word):
    styles = word.styles
    assert styles["Normal"].font.name == "Times New Roman"
    assert styles["Normal"].font.size == Pt(12)
    headline = styles["Release Headline"]
    assert (headline.font.name, headline.font.bold, headline.font.size) == ("Arial", True, Pt(16))
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
    assert styles["Hyperlink"].font.underline is True


def test_document_defaults_use_word_fonts_and_language(entries):
    defaults = _xml(entries, "word/styles.xml").find("w:docDefaults/w:rPrDefault/w:rPr", NS)
    fonts = defaults.find("w:rFonts", NS)
    assert fonts.get(f"{{{W}}}ascii") == "Times New Roman"
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


def test_page_is_us_letter_with_one_inch_margins(word):
    section = word.sections[0]
    assert (section.page_width, section.page_height) == (Inches(8.5), Inches(11))
    margins = {section.top_margin, section.bottom_margin, section.left_margin, section.right_margin}
    assert margins == {Inches(1)}


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
