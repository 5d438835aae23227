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
from letterkit.redline import make_redline, render_redline
from letterkit.redline.compare import compare, summarize
from letterkit.redline.docx_redline import render_redline_docx
from letterkit.writers.docx_writer import render_docx

from checking import AURORA, edit
from conftest import DATA
from redline_versions import make_versions
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
