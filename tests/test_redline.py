"""Redline: real Word tracked changes that accept to exactly the new draft and reject to exactly the old one."""

import dataclasses
import datetime
import io
import re
import shutil
import zipfile

import docx
import pytest
from lxml import etree

from letterkit import drafting
from letterkit.document import Paragraph, Text
from letterkit.redline import make_redline, render_redline
from letterkit.redline.compare import EXACT_PAIRING_CELLS, compare, summarize
from letterkit.redline.docx_redline import render_redline_docx
from letterkit.writers.docx_writer import render_docx

from checking import AURORA, edit
from conftest import DATA
from redline_versions import every_block_versions, give_halvorsen_its_own_about, make_versions, write_halvorsen
from tracked_changes import W, accept_all, paragraphs, reject_all, tracked_elements, w


def _docx(letter, store=None):
    return render_docx(drafting.compose_letter(letter, store=store)[1].document)


def _document_xml(docx_bytes):
    with zipfile.ZipFile(io.BytesIO(docx_bytes)) as zf:
        return etree.fromstring(zf.read("word/document.xml"))


def _words_with_list_markers(docx_bytes, tmp_path):
    from extract import docx_words

    path = tmp_path / "words.docx"
    path.write_bytes(docx_bytes)
    return docx_words(path)


@dataclasses.dataclass(frozen=True)
class Versions:
    old: object  # Path of the letter legal saw
    new: object  # Path of the revised letter
    templates: object  # the template store with blocks/about v2
    redline: object  # the Redline between them
    docx: bytes
    html: str
    old_docx: bytes
    new_docx: bytes

    def xml(self):
        return _document_xml(self.docx)


@pytest.fixture(scope="module")
def callisto(tmp_path_factory):
    """The two Callisto versions and their redline, made once for the module."""
    root = tmp_path_factory.mktemp("callisto")
    shutil.copytree(DATA, root / "data")
    old, new, store = make_versions(root)
    made = make_redline(old, new, store=store)
    return Versions(
        old, new, store, made, render_redline(made, "docx"), render_redline(made, "html").decode(),
        _docx(old, store), _docx(new, store),
    )


def _assert_round_trip(redline, old_docx, new_docx, tmp_path):
    assert paragraphs(accept_all(redline)) == paragraphs(new_docx)
    assert paragraphs(reject_all(redline)) == paragraphs(old_docx)
    # List numbering as Word draws it (restarts, deleted items) survives both ways too.
    assert _words_with_list_markers(accept_all(redline), tmp_path) == _words_with_list_markers(new_docx, tmp_path)
    assert _words_with_list_markers(reject_all(redline), tmp_path) == _words_with_list_markers(old_docx, tmp_path)


# --- the Callisto versions -----------------------------------------------------------


def test_accepting_gives_the_new_draft_and_rejecting_the_old(callisto, tmp_path):
    # The drafts also end differently (contacts and ### added): the final paragraph holds both endings.
    assert tracked_elements(callisto.docx)["pPrChange"] == 1
    _assert_round_trip(callisto.docx, callisto.old_docx, callisto.new_docx, tmp_path)


def test_and_the_same_backwards(callisto, tmp_path):
    backwards = render_redline(make_redline(callisto.new, callisto.old, store=callisto.templates), "docx")
    _assert_round_trip(backwards, callisto.new_docx, callisto.old_docx, tmp_path)


def test_the_summary_counts_words_and_paragraphs(callisto):
    assert str(callisto.redline.summary) == (
        "10 words inserted, 29 words deleted, 6 paragraphs changed (2 edited, 3 inserted, 1 deleted)"
    )


def test_the_changed_amount_is_a_word_change_inside_its_paragraph(callisto):
    [paragraph] = [p for p in callisto.xml().iter(w("p")) if "private placement" in "".join(p.itertext())]
    assert [t.text for t in paragraph.iterfind(f".//{w('del')}//{w('delText')}")] == ["$5.75"]
    assert [t.text for t in paragraph.iterfind(f".//{w('ins')}//{w('t')}")] == ["$6.25"]
    assert paragraph.find(f"{w('pPr')}/{w('rPr')}") is None  # the paragraph itself stays


def test_the_removed_milestone_is_a_deleted_paragraph_mark_and_all(callisto):
    [paragraph] = [p for p in callisto.xml().iter(w("p")) if "First Berlin" in "".join(p.itertext())]
    assert paragraph.find(f"{w('pPr')}/{w('pStyle')}").get(w("val")) == "LetterBody"
    assert paragraph.find(f"{w('pPr')}/{w('rPr')}/{w('del')}") is not None  # the paragraph mark
    assert paragraph.findall(f".//{w('t')}") == []  # every word is deleted text
    assert "".join(t.text for t in paragraph.iter(w("delText"))).startswith("We also recently received")


def test_the_new_about_version_shows_like_any_other_change(callisto):
    assert (
        "<del>More</del><ins>For more</ins> information <del>is available at</del><ins>about Callisto, visit</ins> "
        '<a href="http://www.callistopharma.com">http://www.callistopharma.com</a>.</p>'
    ) in callisto.html


def test_changes_carry_the_inputs_author_and_date_not_the_clock(callisto):
    marks = [e for e in callisto.xml().iter() if e.tag in (w("ins"), w("del"), w("pPrChange"))]
    assert {(e.get(w("author")), e.get(w("date"))) for e in marks} == {
        ("Callisto Pharmaceuticals, Inc.", "2007-01-04T00:00:00Z")
    }
    ids = [e.get(w("id")) for e in marks]
    assert len(ids) == len(set(ids))
    made = make_redline(
        callisto.old, callisto.new, author="Jane Roe, IR", date=datetime.date(2007, 1, 3), store=callisto.templates
    )
    other = _document_xml(render_redline(made, "docx"))
    assert {e.get(w("author")) for e in other.iter(w("ins"))} == {"Jane Roe, IR"}
    assert {e.get(w("date")) for e in other.iter(w("ins"))} == {"2007-01-03T00:00:00Z"}


def test_the_redline_is_a_normal_draft_in_every_other_respect(callisto):
    word = docx.Document(io.BytesIO(callisto.docx))
    normal = docx.Document(io.BytesIO(callisto.new_docx))
    assert {p.style.name for p in word.paragraphs} == {p.style.name for p in normal.paragraphs}
    assert word.sections[0].header.paragraphs[0].text == "Callisto Pharmaceuticals, Inc."
    assert word.core_properties.author == "Callisto Pharmaceuticals, Inc."
    assert word.settings.element.find(w("trackRevisions")) is not None  # legal's own edits are tracked too
    with zipfile.ZipFile(io.BytesIO(callisto.docx)) as zf, zipfile.ZipFile(io.BytesIO(callisto.new_docx)) as plain:
        assert zf.namelist() == plain.namelist()
        assert zf.read("word/styles.xml") == plain.read("word/styles.xml")


def test_output_folders_give_the_same_bytes_as_the_yaml_files(callisto, tmp_path):
    drafting.draft(callisto.old, out_dir=tmp_path / "seen", formats=["txt"], store=callisto.templates)
    drafting.draft(callisto.new, out_dir=tmp_path / "now", formats=["txt"], store=callisto.templates)
    assert render_redline(make_redline(tmp_path / "seen", tmp_path / "now"), "docx") == callisto.docx


def test_redline_xml_uses_only_the_tracked_change_elements_word_knows(callisto):
    tags = {re.sub(r"\{.*\}", "", e.tag) for e in callisto.xml().iter() if e.tag.startswith(f"{{{W}}}")}
    assert {"ins", "del", "delText"} <= tags
    assert not tags & {"moveFrom", "moveTo", "rPrChange"}


# --- lists, endings, formatting -------------------------------------------------------


def test_list_items_removed_changed_added_and_a_list_turned_numbered(workspace, tmp_path):
    before = _docx(AURORA)
    old_document = drafting.compose_letter(AURORA)[1].document
    edit(AURORA, "    - text: qualify a second supplier of electrolyte materials\n", "")
    edit(AURORA, "below $20 per kilowatt-hour", "below $18 per kilowatt-hour")
    edit(AURORA, "Canadian utilities\n", "Canadian utilities\n    - text: hire 40 engineers in Tacoma\n")
    once = drafting.compose_letter(AURORA)[1].document
    edit(AURORA, "goals_style: bulleted", "goals_style: numbered")
    twice = drafting.compose_letter(AURORA)[1].document
    for old, new in ((old_document, once), (once, twice)):  # items edited; then bullets become numbers
        redline = render_redline_docx(old, new, compare(old, new), author="A", date=datetime.date(2026, 11, 24))
        _assert_round_trip(redline, render_docx(old), render_docx(new), tmp_path)
    assert render_docx(old_document) == before


def test_formatting_and_links_survive(tmp_path):
    from letterkit.document import Document, LineBreak, Paragraph, Text

    from sample_documents import every_role_document

    old = every_role_document()
    link = Paragraph("boilerplate", (Text("See "), Text("our site", href="https://a.example"), Text(".")))
    new_link = Paragraph("boilerplate", (Text("See "), Text("our new site", href="https://b.example"), Text(".")))
    bold = Paragraph("body", (Text("We "), Text("shipped", bold=True), Text(" it."), LineBreak(), Text("Next.")))
    plain = Paragraph("body", (Text("We shipped it."), LineBreak(), Text("Then.")))
    a = dataclasses.replace(old, blocks=old.blocks[:3] + (link, bold) + old.blocks[3:])
    b = dataclasses.replace(old, blocks=old.blocks[:3] + (new_link, plain) + old.blocks[3:])
    for x, y in ((a, b), (Document(old.metadata, (plain,)), a)):
        redline = render_redline_docx(x, y, compare(x, y), author="A", date=datetime.date(2026, 11, 24))
        _assert_round_trip(redline, render_docx(x), render_docx(y), tmp_path)


def test_identical_drafts_give_a_redline_without_changes(workspace):
    redline = make_redline(AURORA, AURORA)
    assert str(redline.summary) == "no changes"
    assert tracked_elements(render_redline(redline, "docx")) == {"ins": 0, "del": 0, "pPrChange": 0}


def test_whitespace_between_changed_words_joins_them():
    from letterkit.document import Document, Metadata, Paragraph, Text

    meta = Metadata("t", "a", "s", "c", datetime.date(2026, 1, 5))
    old = Document(meta, (Paragraph("body", (Text("We closed a large private placement today."),)),))
    new = Document(meta, (Paragraph("body", (Text("We closed two small registered offerings today."),)),))
    [change] = compare(old, new)
    assert [(p.op, p.text) for p in change.pieces] == [
        ("equal", "We closed "),
        ("delete", "a large private placement"),
        ("insert", "two small registered offerings"),
        ("equal", " today."),
    ]
    assert str(summarize([change])) == (
        "4 words inserted, 4 words deleted, 1 paragraph changed (1 edited, 0 inserted, 0 deleted)"
    )


def test_the_example_turned_into_the_other_example_and_back(workspace, tmp_path):
    # Nearly everything changes: headline and contacts appear, the lead, the list, the ending differ.
    from checking import CALLISTO

    callisto, aurora = (drafting.compose_letter(p)[1].document for p in (CALLISTO, AURORA))
    for old, new in ((callisto, aurora), (aurora, callisto)):
        redline = render_redline_docx(old, new, compare(old, new), author="A", date=datetime.date(2026, 11, 24))
        _assert_round_trip(redline, render_docx(old), render_docx(new), tmp_path)


# --- a real client ---------------------------------------------------------------------


def test_libreoffice_opens_the_redline_and_its_accept_and_reject_give_the_two_drafts(callisto, tmp_path):
    from extract import run
    from libreoffice import accept_and_reject, convert

    source = tmp_path / "redline.docx"
    source.write_bytes(callisto.docx)
    profile = tmp_path / "profile"
    pdf = convert(source, "pdf", tmp_path, profile)
    shown = " ".join(run("pdftotext", pdf, "-").split())
    assert "$5.75" in shown and "$6.25" in shown and "First Berlin" in shown  # deletions are shown, struck
    accepted, rejected = tmp_path / "accepted.docx", tmp_path / "rejected.docx"
    accept_and_reject(source, accepted, rejected, profile)

    def styled_text(data):
        return [(p.style.name, p.text) for p in docx.Document(io.BytesIO(data)).paragraphs]

    assert tracked_elements(accepted.read_bytes()) == tracked_elements(rejected.read_bytes()) == {
        "ins": 0, "del": 0, "pPrChange": 0
    }
    assert styled_text(accepted.read_bytes()) == styled_text(callisto.new_docx)
    assert styled_text(rejected.read_bytes()) == styled_text(callisto.old_docx)


# --- every block: tables, nested and lettered lists, quotations, subheadings ---------------

EVERY_BLOCK = every_block_versions()
DATE = datetime.date(2026, 3, 3)


def _redline(old, new):
    return render_redline_docx(old, new, compare(old, new), author="A", date=DATE)


def _cell_rows(xml):
    """Each w:tr of the body as (its tracked mark or None, [each cell's text, deleted text struck as ~~…~~])."""
    rows = []
    for tr in xml.iter(w("tr")):
        mark = tr.find(f"{w('trPr')}/{w('ins')}")
        mark = "ins" if mark is not None else "del" if tr.find(f"{w('trPr')}/{w('del')}") is not None else None
        rows.append((mark, [_marked_text(tc) for tc in tr.iter(w("tc"))]))
    return rows


def _marked_text(element):
    """The element's words, inserted ones as [+…+] and deleted ones as [-…-]."""
    parts = []
    for t in element.iter(w("t"), w("delText")):
        inserted = any(a.tag == w("ins") for a in t.iterancestors())
        parts.append(f"[-{t.text}-]" if t.tag == w("delText") else f"[+{t.text}+]" if inserted else t.text)
    return "".join(parts)


@pytest.mark.parametrize("name", EVERY_BLOCK)
def test_every_block_accepts_to_the_new_draft_and_rejects_to_the_old_both_ways(name, tmp_path):
    old, new = EVERY_BLOCK[name]
    for a, b in ((old, new), (new, old)):
        _assert_round_trip(_redline(a, b), render_docx(a), render_docx(b), tmp_path)


def test_a_changed_cell_is_tracked_inside_its_cell():
    xml = _document_xml(_redline(*EVERY_BLOCK["a table cell"]))
    assert _cell_rows(xml) == [
        (None, ["Metric", "2025", "2024"]),
        (None, ["Revenue", "[-$12.4-][+$12.6+] million", "$8.8 million"]),
        (None, ["Gross margin", "46%", "39%"]),
    ]
    assert [len(xml.findall(f".//{w('tbl')}"))] == [1]


def test_a_row_added_or_removed_is_a_tracked_row_with_its_words_tracked():
    added = _document_xml(_redline(*EVERY_BLOCK["a table row added"]))
    assert _cell_rows(added)[2] == ("ins", ["[+Net income+]", "[+$1.1 million+]", "[+$0.4 million+]"])
    removed = _document_xml(_redline(*EVERY_BLOCK["a table row removed"]))
    assert _cell_rows(removed)[1:] == [
        ("del", ["[-Revenue-]", "[-$12.4 million-]", "[-$8.8 million-]"]),
        (None, ["Gross margin", "46%", "39%"]),
    ]
    # The row is what is tracked, not its cells' paragraph marks (a cell always keeps its last paragraph).
    assert not [p for p in removed.iter(w("tc")) if p.find(f"{w('p')}/{w('pPr')}/{w('rPr')}") is not None]
    # The row keeps its properties (kept whole on a page), the mark after them as the schema orders it.
    trPr = [tr.find(w("trPr")) for tr in removed.iter(w("tr"))][1]
    assert [etree.QName(child).localname for child in trPr] == ["cantSplit", "del"]


def test_a_table_only_one_draft_has_is_a_tracked_table(tmp_path):
    old, new = EVERY_BLOCK["a table only one draft has"]
    assert [mark for mark, _ in _cell_rows(_document_xml(_redline(old, new)))] == ["del", "del", "del"]
    assert [mark for mark, _ in _cell_rows(_document_xml(_redline(new, old)))] == ["ins", "ins", "ins"]
    assert [entry[0] for entry in paragraphs(accept_all(_redline(old, new)))].count("table") == 0
    replaced = _document_xml(_redline(*EVERY_BLOCK["a table for another table"]))
    assert [[mark for mark, _ in _cell_rows(tbl)] for tbl in replaced.iter(w("tbl"))] == [
        ["del", "del", "del"], ["ins", "ins"]
    ]


def test_a_lettered_list_turned_bulleted_is_its_letters_deleted_and_bullets_inserted(tmp_path):
    redline = _redline(*EVERY_BLOCK["a lettered list turned bulleted"])
    words = _words_with_list_markers(redline, tmp_path)  # list markers as Word draws them (no tracked text)
    # Deleted items keep the old draft's own numbering (letters, nested dashes), the new ones bullets. The
    # last deleted item and the first inserted share a paragraph: the mark before the insertion.
    assert words[words.index("39%") + 1:words.index("first")] == ["A.", "–", "–", "B.", "•", "–", "–", "•", "–", "3."]
    xml = _document_xml(redline)
    items = [_marked_text(p) for p in xml.iter(w("p")) if p.find(f"{w('pPr')}/{w('numPr')}") is not None][2:11]
    assert items == [
        "[-Laboratory services-]", "[-Blood panels-]", "[-Soil assays-]", "[-Field kits-]",
        "[-Water kits-][+Laboratory services+]", "[+Blood panels+]", "[+Soil assays+]", "[+Field kits+]",
        "[+Water kits+]",
    ]
    assert str(summarize(compare(*EVERY_BLOCK["a lettered list turned bulleted"]))) == (
        "10 words inserted, 10 words deleted, 10 paragraphs changed (0 edited, 5 inserted, 5 deleted)"
    )


def test_nested_items_are_tracked_at_their_level():
    xml = _document_xml(_redline(*EVERY_BLOCK["nested items"]))
    nested = [(p.find(f"{w('pPr')}/{w('numPr')}/{w('ilvl')}").get(w("val")), _marked_text(p))
              for p in xml.iter(w("p")) if p.find(f"{w('pPr')}/{w('numPr')}") is not None]
    assert nested[2:8] == [
        ("0", "Laboratory services"), ("1", "Blood panels"), ("1", "Soil [+and water +]assays"),
        ("1", "[+Air samples+]"), ("0", "Field kits"), ("1", "[-Water kits-]"),
    ]


def test_a_quotations_attribution_changes_word_by_word_after_its_dash():
    xml = _document_xml(_redline(*EVERY_BLOCK["a quotation's attribution"]))
    [attribution] = [p for p in xml.iter(w("p")) if p.find(f"{w('pPr')}/{w('pStyle')}").get(w("val")) == "QuoteAttribution"]
    assert _marked_text(attribution) == "— Ingrid Solberg, [-Chief Executive Officer-][+Founder+]"


def test_a_subheading_that_changed_level_is_one_paragraph_with_both_styles():
    # Before the table: the stretch's final paragraph holds both endings; rejecting restores the old style.
    xml = _document_xml(_redline(*EVERY_BLOCK["a subheading's level"]))
    [heading] = [p for p in xml.iter(w("p")) if "Results by Region" in "".join(p.itertext())]
    assert heading.find(f"{w('pPr')}/{w('pStyle')}").get(w("val")) == "LetterHeading"
    assert heading.find(f"{w('pPr')}/{w('pPrChange')}/{w('pPr')}/{w('pStyle')}").get(w("val")) == "LetterSubheading"
    assert _marked_text(heading) == "[-Results by Region-][+Results by Region+]"


def test_inserted_paragraphs_are_tracked_on_the_mark_before_them():
    # As Word records a paragraph typed in after another; LibreOffice's Reject All then leaves the
    # paragraph after them as it was (with each one's own mark tracked it hands theirs over).
    old, new = EVERY_BLOCK["a paragraph right after a table"]
    new = dataclasses.replace(new, blocks=new.blocks[:-1] + (Paragraph("body", (Text("Added."),)), new.blocks[-1]))
    xml = _document_xml(_redline(old, new))
    body = [p for p in xml.find(w("body")) if p.tag == w("p")]
    marks = [(p.find(f"{w('pPr')}/{w('rPr')}/{w('ins')}") is not None, "".join(p.itertext())) for p in body[-3:]]
    assert marks == [(True, "Investors:ir@borealis.example"), (False, "Added."), (False, "Source: Borealis Assay, Inc.")]
    added = body[-2]
    assert added.find(f"{w('pPr')}/{w('pPrChange')}/{w('pPr')}/{w('pStyle')}").get(w("val")) == "Contact"


def test_the_summary_counts_table_rows_apart_from_paragraphs():
    cell, added = (summarize(compare(*EVERY_BLOCK[name])) for name in ("a table cell", "a table row added"))
    assert str(cell) == "1 word inserted, 1 word deleted, 1 table row changed (1 edited, 0 inserted, 0 deleted)"
    assert str(added) == "6 words inserted, 0 words deleted, 1 table row changed (0 edited, 1 inserted, 0 deleted)"
    both = summarize(compare(*EVERY_BLOCK["a paragraph right after a table"]) + compare(*EVERY_BLOCK["a table cell"]))
    assert str(both) == (
        "5 words inserted, 1 word deleted, 2 paragraphs changed (0 edited, 2 inserted, 0 deleted), "
        "1 table row changed (1 edited, 0 inserted, 0 deleted)"
    )


# --- Halvorsen: a letter of every block, from the draft legal saw to the letter as it is now ---


@pytest.fixture(scope="module")
def halvorsen(tmp_path_factory):
    """Legal saw a draft (its folder); then the company got its own About and the letter was revised."""
    root = tmp_path_factory.mktemp("halvorsen")
    shutil.copytree(DATA, root / "data")
    old, new = write_halvorsen(root)
    drafting.draft(old, out_dir=root / "seen", formats=["txt"])
    give_halvorsen_its_own_about(root)
    made = make_redline(root / "seen", new)
    return Versions(
        root / "seen", new, None, made, render_redline(made, "docx"), render_redline(made, "html").decode(),
        render_docx(made.old.document), render_docx(made.new.document),
    )


def test_halvorsen_accepts_to_the_new_draft_and_rejects_to_the_old_both_ways(halvorsen, tmp_path):
    assert halvorsen.redline.new.document.blocks[-8].origin == "blocks/about@1"  # the company's own About
    _assert_round_trip(halvorsen.docx, halvorsen.old_docx, halvorsen.new_docx, tmp_path)
    backwards = render_redline(make_redline(halvorsen.new, halvorsen.old), "docx")
    _assert_round_trip(backwards, halvorsen.new_docx, halvorsen.old_docx, tmp_path)


def test_halvorsen_summary(halvorsen):
    # The lettered list turned bulleted: all 8 old items deleted and 9 new ones inserted; the subheading's
    # level: one deleted and one inserted; edited: the attribution and the About's heading and text.
    assert str(halvorsen.redline.summary) == (
        "76 words inserted, 88 words deleted, 22 paragraphs changed (3 edited, 10 inserted, 9 deleted), "
        "3 table rows changed (1 edited, 1 inserted, 1 deleted)"
    )


def test_halvorsen_table_rows_in_the_docx(halvorsen):
    assert _cell_rows(halvorsen.xml()) == [
        (None, ["Measure", "2025", "2024", "Change"]),
        # Figures and their scale are kept together by a non-breaking space (compose/typesetting.py).
        (None, ["Revenue", "[-$96.4-][+$96.9+]\u00a0million", "$61.0\u00a0million", "[-58-][+59+]%"]),
        ("del", ["[-Gross margin-]", "[-41%-]", "[-33%-]", "[-8 pts-]"]),
        (None, ["Signed backlog", "$212.0\u00a0million", "$118.5\u00a0million", "79%"]),
        (None, ["Vessels in service", "38", "24", "14"]),
        ("ins", ["[+Colleagues+]", "[+410+]", "[+296+]", "[+39%+]"]),
    ]


def test_the_blackline_shows_every_block_in_the_html_writers_elements(halvorsen):
    html = halvorsen.html
    assert (
        '<tr class="deleted"><td class="align-left"><del>Gross margin</del></td><td class="align-right"><del>41%</del>'
        '</td><td class="align-right"><del>33%</del></td><td class="align-right"><del>8 pts</del></td></tr>\n'
    ) in html
    assert '<tr class="inserted"><td class="align-left"><ins>Colleagues</ins></td>' in html
    assert '<td class="align-right"><del>$96.4</del><ins>$96.9</ins>\u00a0million</td>' in html
    assert html.count('<table class="table">\n<thead>\n<tr><th scope="col" class="align-left">Measure</th>') == 1
    assert (
        '<ol class="body" type="A" start="1">\n<li class="deleted"><del>Longer endurance</del>\n<ul class="body">\n'
        '<li class="deleted"><del>a hydrogen range extender for 21-day missions</del></li>\n'
    ) in html
    assert (
        '<li class="inserted"><ins>Lower cost per survey day</ins>\n<ul class="body">\n'
        '<li class="inserted"><ins>remote operations from one center for all three bases</ins></li>\n'
        '<li class="inserted"><ins>shared spare parts across the fleet</ins></li>\n</ul>\n</li>\n</ul>\n'
    ) in html
    assert '<h4 class="section deleted" data-level="2"><del>From Our Customers</del></h4>' in html
    assert '<h3 class="section inserted" data-level="1"><ins>From Our Customers</ins></h3>' in html
    assert (
        '<footer class="attribution"><p>— Ingrid Vaage, <del>Head of Operations</del><ins>Chief Operating Officer'
        "</ins>, Nordvik Offshore Wind</p></footer>\n</blockquote>"
    ) in html
    assert '<h2 class="about-heading">About Halvorsen Marine Robotics<del>, Inc.</del></h2>' in html


def test_the_blackline_pdf_prints_the_new_blocks(halvorsen, tmp_path):
    from extract import run

    pdf = tmp_path / "blackline.pdf"
    pdf.write_bytes(render_redline(halvorsen.redline, "pdf"))
    # -layout: a table row's cells read across (pdftotext's default reads each column down in turn).
    shown = " ".join(run("pdftotext", "-layout", pdf, "-").split())
    for words in ("Gross margin 41% 33% 8 pts", "Colleagues 410 296 39%", "$96.4$96.9 million",
                  "Head of OperationsChief Operating Officer", "shared spare parts across the fleet"):
        assert words in shown


# --- LibreOffice's own Accept All and Reject All, for every kind of change ---------------------


def _body_as_word_shows_it(data):
    """Each body paragraph as (style, text) and each table as its rows of (style, text) cells, via python-docx."""
    shown = []
    for block in docx.Document(io.BytesIO(data)).iter_inner_content():
        if isinstance(block, docx.table.Table):
            shown.append([[(cell.paragraphs[0].style.name, cell.text) for cell in row.cells] for row in block.rows])
        else:
            shown.append((block.style.name, block.text))
    return shown


# LibreOffice cannot remove the last paragraph mark before a table: paragraphs only one draft has, with
# no paragraph of the other draft before them (the document's start, or right after another table),
# leave one empty paragraph (of the first one's style) when they go. A release always starts with its
# headline or lead, so this takes two tables with nothing between them in one draft.
_LIBREOFFICE_LEAVES = {("paragraphs only one draft has, before a table", "new"): ("Letter Heading", ""),
                       ("paragraphs only one draft has, before a table", "old"): ("Letter Body", "")}


def test_libreoffice_accepts_to_the_new_draft_and_rejects_to_the_old_for_every_block(halvorsen, tmp_path):
    from libreoffice import accept_and_reject_each, convert

    cases = {(name, "new"): pair for name, pair in EVERY_BLOCK.items()}
    cases |= {(name, "old"): pair[::-1] for name, pair in EVERY_BLOCK.items()}  # the same change backwards
    sources, expected = [], []
    for number, ((name, direction), (old, new)) in enumerate(cases.items()):
        sources.append(tmp_path / f"redline-{number}.docx")
        sources[-1].write_bytes(_redline(old, new))
        expected.append(((name, direction), render_docx(new), render_docx(old)))
    sources.append(tmp_path / "halvorsen.docx")
    sources[-1].write_bytes(halvorsen.docx)
    expected.append((("halvorsen", "new"), halvorsen.new_docx, halvorsen.old_docx))
    profile = tmp_path / "profile"
    convert(sources[-1], "pdf", tmp_path, profile)  # starts LibreOffice once, making its profile
    for (accepted, rejected), (case, new_docx, old_docx) in zip(
        accept_and_reject_each(sources, profile), expected, strict=True
    ):
        want_accepted, want_rejected = _body_as_word_shows_it(new_docx), _body_as_word_shows_it(old_docx)
        if case in _LIBREOFFICE_LEAVES:  # the extra paragraph is the one before the table, on the side it goes
            leftover = _LIBREOFFICE_LEAVES[case]
            want_rejected, want_accepted = (
                ([leftover, *want_rejected], want_accepted) if case[1] == "new" else (want_rejected, [leftover, *want_accepted])
            )
        assert tracked_elements(accepted.read_bytes()) == tracked_elements(rejected.read_bytes()) == {
            "ins": 0, "del": 0, "pPrChange": 0
        }, case
        assert _body_as_word_shows_it(accepted.read_bytes()) == want_accepted, case
        assert _body_as_word_shows_it(rejected.read_bytes()) == want_rejected, case


def test_libreoffice_shows_halvorsens_tracked_rows_and_items(halvorsen, tmp_path):
    from extract import run
    from libreoffice import convert

    source = tmp_path / "halvorsen.docx"
    source.write_bytes(halvorsen.docx)
    shown = " ".join(run("pdftotext", "-layout", convert(source, "pdf", tmp_path, tmp_path / "profile"), "-").split())
    # Deleted rows and items are shown (struck), with the letters LibreOffice brackets for deleted numbering.
    for words in ("Gross margin 41% 33% 8 pts", "Colleagues 410 296 39%", "[A.] Longer endurance",
                  "– a second dock-and-charge station in the Gulf of Maine", "Head of OperationsChief Operating Officer"):
        assert words in shown


# --- long stretches of edits: paired within a moving window ----------------------------------


def _long_versions(count: int):
    """Two Documents of `count` paragraphs, every one edited; the new one also lost the 10th and gained two."""
    from letterkit.document import Document, Metadata

    meta = Metadata("t", "a", "s", "c", datetime.date(2026, 1, 5))

    def body(text):
        return Paragraph("body", (Text(text),))

    old = [body(f"Item {n} of our program moved ahead on plan in May.") for n in range(count)]
    new = [body(f"Item {n} of our program advanced on plan in May.") for n in range(count)]
    del new[10]
    new[40:40] = [body("An entirely new paragraph about the annual meeting date."), body("And another one, also new.")]
    return Document(meta, tuple(old)), Document(meta, tuple(new))


@pytest.mark.parametrize("count", [30, 200], ids=["exact table", "window"])
def test_every_paragraph_edited_pairs_each_with_its_revision_however_long(count):
    old, new = _long_versions(count)
    assert (count * (count + 1) > EXACT_PAIRING_CELLS) == (count == 200)  # each path is taken
    changes = compare(old, new)
    assert str(summarize(changes)) == (
        f"{count - 1 + 14} words inserted, {2 * (count - 1) + 11} words deleted, {count + 2} paragraphs changed "
        f"({count - 1} edited, 2 inserted, 1 deleted)"
    )
    deleted = [change.old.inlines[0].text for change in changes if change.new is None]
    assert deleted == ["Item 10 of our program moved ahead on plan in May."]
    for change in changes:  # an edit pairs a paragraph with its own revision, never with a neighbour's
        if change.old is not None and change.new is not None:
            assert change.old.inlines[0].text.split()[1] == change.new.inlines[0].text.split()[1]


def test_a_long_redline_accepts_to_the_new_draft_and_rejects_to_the_old():
    old, new = _long_versions(200)
    redline = render_redline_docx(old, new, compare(old, new), author="a", date=datetime.date(2026, 1, 5))
    assert paragraphs(accept_all(redline)) == paragraphs(render_docx(new))
    assert paragraphs(reject_all(redline)) == paragraphs(render_docx(old))


# --- a paragraph rewritten in place ----------------------------------------------------

REWRITTEN_OLD = "In 2025 we built the plant in Tacoma and hired the first crews for the lines."
REWRITTEN_NEW = "This year the Tacoma plant opened on time, and its crews now run both lines."


def _rewritten_versions():
    from sample_documents import every_role_document

    document = every_role_document()
    keep = (Paragraph("body", (Text("Kept."),)),)
    old = dataclasses.replace(document, blocks=(*keep, Paragraph("body", (Text(REWRITTEN_OLD),)), *keep))
    new = dataclasses.replace(document, blocks=(*keep, Paragraph("body", (Text(REWRITTEN_NEW),)), *keep))
    return old, new


def test_a_paragraph_rewritten_in_place_is_compared_word_by_word():
    old, new = _rewritten_versions()
    changes = compare(old, new)
    assert [c.status for c in changes] == ["same", "changed", "same"]  # one edited paragraph, not one out and one in
    marked = "".join(
        {"equal": p.text, "delete": f"[-{p.text}-]", "insert": f"[+{p.text}+]"}[p.op] for p in changes[1].pieces
    )
    assert marked == (
        "[-In 2025 we built-][+This year+] the [+Tacoma +]plant [-in Tacoma-][+opened on time,+] and "
        "[-hired the first-][+its+] crews [-for the-][+now run both+] lines."
    )


def test_the_blackline_and_the_tracked_changes_interleave_a_rewritten_paragraph(tmp_path):
    from letterkit.redline.blackline import render_blackline_html

    old, new = _rewritten_versions()
    changes = compare(old, new)
    html = render_blackline_html(
        changes, new_metadata=new.metadata, old_label="v1", new_label="v2", summary="s", stylesheet=""
    )
    (paragraph,) = [line for line in html.splitlines() if "Tacoma" in line]
    assert paragraph.startswith('<p class="body"><del>In 2025 we built</del><ins>This year</ins> the <ins>Tacoma </ins>')
    redline = _redline(old, new)
    (tracked,) = [p for p in _document_xml(redline).iter(w("p")) if "Tacoma" in "".join(p.itertext())]
    assert _marked_text(tracked).startswith("[-In 2025 we built-][+This year+] the [+Tacoma +]plant")
    _assert_round_trip(redline, render_docx(old), render_docx(new), tmp_path)


def test_a_deleted_paragraph_with_nothing_in_its_place_stays_a_deleted_paragraph():
    old, new = _rewritten_versions()
    shorter = dataclasses.replace(new, blocks=(new.blocks[0], new.blocks[2]))
    assert [c.status for c in compare(old, shorter)] == ["same", "deleted", "same"]
    other_role = dataclasses.replace(new, blocks=(new.blocks[0], Paragraph("about", (Text(REWRITTEN_NEW),)), new.blocks[2]))
    assert [c.status for c in compare(old, other_role)] == ["same", "deleted", "inserted", "same"]


def test_the_redline_docx_looks_for_the_body_end_as_often_for_a_long_letter_as_for_a_short_one(monkeypatch):
    """Each paragraph placed before the body's closing section properties, found once (not once per paragraph)."""
    from docx.oxml.document import CT_Body

    from sample_documents import long_letter_document

    lookups = []
    find = CT_Body.find
    monkeypatch.setattr(CT_Body, "find", lambda self, path, *args: lookups.append(path) or find(self, path, *args))

    def sectpr_lookups(paragraphs):
        lookups.clear()
        _redline(long_letter_document(paragraphs, "trial"), long_letter_document(paragraphs, "study"))
        return sum(path.endswith("}sectPr") for path in lookups)

    assert sectpr_lookups(10) == sectpr_lookups(80) <= 4
