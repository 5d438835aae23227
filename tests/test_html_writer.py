"""The HTML writer: one element per block, classed by role; escaped data; metadata in <head>.

The HTML is parsed with tinyhtml5, the parser WeasyPrint itself uses, so these
tests see the page exactly as the PDF renderer does.
"""

from __future__ import annotations

import dataclasses
import datetime
import subprocess
import sys

import pytest
import tinyhtml5
from hypothesis import given
from hypothesis import strategies as st

from letterkit.compose.template_store import TemplateStore
from letterkit.document import (
    HEADING_ROLES,
    Document,
    Heading,
    LineBreak,
    ListBlock,
    ListItem,
    Metadata,
    Paragraph,
    Quote,
    Table,
    Text,
    inline_text,
    text_runs,
)
from letterkit.paths import templates_dir
from letterkit.writers.html_writer import default_stylesheet, heading_levels, render_html

from sample_documents import every_block_document, every_role_document

HOSTILE = """<script>alert("x")</script> & "double" 'single' </style> &amp; <img src=file:///etc/passwd>"""


def parse(html: str):
    return tinyhtml5.parse(html, namespace_html_elements=False)


def element_text(element) -> str:
    return "".join(element.itertext())


def blocks_of(root) -> list:
    """The elements standing for the Document's blocks, in order."""
    return list(root.find("body/main"))


def meta(root, name: str) -> str:
    matches = [m.get("content") for m in root.iter("meta") if m.get("name") == name]
    assert len(matches) == 1, f"expected one <meta name={name}>, found {matches}"
    return matches[0]


@pytest.fixture(scope="module")
def every_role():
    document = every_role_document()
    return document, parse(render_html(document))


def test_starts_with_doctype_and_is_one_standalone_file():
    document = every_role_document()
    html = render_html(document)
    assert html.startswith(f'<!DOCTYPE html>\n<html lang="{document.metadata.language}">')
    assert html.endswith("</html>\n")
    root = parse(html)
    # Nothing to fetch from the page itself: no external stylesheet, script or image.
    assert not [e for e in root.iter() if e.tag in ("link", "script", "img", "iframe", "object")]


def test_head_carries_language_title_and_metadata(every_role):
    document, root = every_role
    assert root.get("lang") == document.metadata.language
    assert root.get("dir") is None
    assert element_text(root.find("head/title")) == document.metadata.title
    assert meta(root, "author") == "Aurora Grid Systems, Inc."
    assert meta(root, "description") == "Letter to shareholders"
    assert meta(root, "keywords") == "AGSX, letter to shareholders"
    assert meta(root, "generator").startswith("letterkit ")
    assert meta(root, "dcterms.created") == "2026-11-24"


def test_no_keywords_no_keywords_element():
    root = parse(render_html(_document(Paragraph("body", (Text("x"),)))))
    assert not [m for m in root.iter("meta") if m.get("name") == "keywords"]


def test_print_stylesheet_is_inlined(every_role):
    _, root = every_role
    styles = [element_text(s) for s in root.iter("style")]
    assert len(styles) == 1
    assert styles[0].lstrip().startswith("/* letterkit-template: styles/print  version: 3 */")  # the latest approved
    assert "@page" in styles[0]
    assert "/* The house style styles/house@1 (letterkit house style)" in styles[0]  # its rules where v3 marks them


def test_every_block_is_one_element_classed_by_role(every_role):
    document, root = every_role
    elements = blocks_of(root)
    assert [(e.tag, e.get("class")) for e in elements] == [
        ("h1", "headline"),
        ("h2", "subheadline"),
        ("p", "lead"),
        ("p", "letter-date"),
        ("h2", "letter-title"),
        ("p", "salutation"),
        ("p", "body"),
        ("p", "body"),
        ("ul", "body"),
        ("p", "body"),
        ("ol", "body"),
        ("p", "body"),
        ("ol", "body"),
        ("p", "signoff"),
        ("p", "signature"),
        ("p", "signature"),
        ("h2", "about-heading"),
        ("p", "about"),
        ("h2", "forward-looking-heading"),
        ("p", "forward-looking"),
        ("h2", "contacts-heading"),
        ("p", "contact"),
        ("p", "contact"),
        ("p", "end-marker"),
    ]
    assert len(elements) == len(document.blocks)


def test_lists_are_ol_and_ul_with_start(every_role):
    _, root = every_role
    lists = [e for e in blocks_of(root) if e.tag in ("ol", "ul")]
    assert [(e.tag, e.get("start"), len(e.findall("li"))) for e in lists] == [
        ("ul", None, 2),
        ("ol", "1", 3),
        ("ol", "1", 2),  # the second numbered list restarts at one
    ]


def test_ordered_list_keeps_a_later_start():
    document = _document(ListBlock("body", "number", (ListItem((Text("four"),)), ListItem((Text("five"),))), start=4))
    (ol,) = blocks_of(parse(render_html(document)))
    assert ol.tag == "ol" and ol.get("start") == "4"


def test_line_breaks_emphasis_and_links(every_role):
    _, root = every_role
    elements = blocks_of(root)
    signature = elements[14]
    assert len(signature.findall("br")) == 1
    assert signature.text == "Maria Lindqvist"
    assert signature.find("br").tail == "President and Chief Executive Officer"
    body = elements[6]
    assert element_text(body.find("strong")) == "three"
    assert element_text(elements[1].find("em")) == "Q4 outlook"
    (link,) = elements[17].findall("a")
    assert link.get("href") == "https://www.aurora-grid.example"
    assert element_text(link) == "https://www.aurora-grid.example"


def test_bold_italic_link_nests_inside_the_anchor():
    document = _document(Paragraph("body", (Text("site", bold=True, italic=True, href="https://x.example/?a=1&b=2"),)))
    html = render_html(document)
    assert '<a href="https://x.example/?a=1&amp;b=2"><strong><em>site</em></strong></a>' in html


def test_hostile_text_appears_literally_everywhere():
    metadata = Metadata(
        title=HOSTILE, author=HOSTILE, subject=HOSTILE, company=HOSTILE,
        date=datetime.date(2026, 1, 2), keywords=(HOSTILE,),
    )
    document = Document(metadata, (
        Heading("headline", (Text(HOSTILE),)),
        Paragraph("body", (Text(HOSTILE, bold=True), LineBreak(), Text(HOSTILE, href='https://x.example/"><script>'))),
        ListBlock("body", "bullet", (ListItem((Text(HOSTILE),)),)),
    ))
    html = render_html(document)
    root = parse(html)

    # Nothing became markup: the only elements are the ones the writer makes.
    assert not list(root.iter("script")) and not list(root.iter("img"))
    assert len(list(root.iter("style"))) == 1
    # ...and every piece of data reads back exactly as given.
    assert element_text(root.find("head/title")) == HOSTILE
    assert meta(root, "author") == HOSTILE
    assert root.find("body").get("data-company") == HOSTILE
    h1, p, ul = blocks_of(root)
    assert element_text(h1) == HOSTILE
    assert element_text(p.find("strong")) == HOSTILE
    assert p.find("a").get("href") == 'https://x.example/"><script>'
    assert element_text(ul.find("li")) == HOSTILE
    # The escapes themselves, as a reviewer reads the file.
    assert "&lt;script&gt;alert(\"x\")&lt;/script&gt; &amp; \"double\"" in html
    assert "&amp;amp;" in html  # a literal "&amp;" in the data stays literal
    assert 'data-company="&lt;script&gt;alert(&quot;x&quot;)' in html


@pytest.mark.parametrize("href", ["javascript:alert(1)", "file:///etc/passwd", "data:text/html,x", "../secret", "//evil.example/x"])
def test_links_other_than_web_mail_phone_are_refused(href):
    document = _document(Paragraph("body", (Text("click", href=href),)))
    with pytest.raises(ValueError, match="may be published"):
        render_html(document)


@pytest.mark.parametrize("href", ["https://a.example", "http://a.example", "mailto:ir@a.example", "tel:+12065550100"])
def test_web_mail_and_phone_links_are_kept(href):
    document = _document(Paragraph("body", (Text("x", href=href),)))
    (p,) = blocks_of(parse(render_html(document)))
    assert p.find("a").get("href") == href


def test_output_is_deterministic():
    assert render_html(every_role_document()) == render_html(every_role_document())


def test_right_to_left_language_sets_direction():
    document = dataclasses.replace(
        _document(Paragraph("body", (Text("שלום"),))),
        metadata=dataclasses.replace(_metadata(), language="he"),
    )
    root = parse(render_html(document))
    assert (root.get("lang"), root.get("dir")) == ("he", "rtl")


def test_a_given_stylesheet_replaces_the_default():
    html = render_html(every_role_document(), stylesheet="p { color: red }")
    assert "<style>\np { color: red }\n</style>" in html
    assert "letterkit-template" not in html


def test_a_stylesheet_that_would_close_the_style_element_is_refused():
    with pytest.raises(ValueError, match="</style"):
        render_html(every_role_document(), stylesheet="p {} </STYLE><script>x</script>")


def test_shipped_print_stylesheet_is_a_versioned_template():
    store = TemplateStore(templates_dir())
    template = store.latest_approved("styles/print")
    assert template.ref == "styles/print@3"
    assert template.text.split("\n", 1)[0] == "/* letterkit-template: styles/print  version: 3 */"
    assert "hyphens: manual" in template.text
    assert store.get("styles/print", 1).info.status == "approved"  # v1 stays, for letters that pin it


# ---------------------------------------------------------------- every block real letters have


@pytest.fixture(scope="module")
def every_block():
    document = every_block_document()
    return document, parse(render_html(document))


def test_every_block_of_real_letters_is_one_element_classed_by_role(every_block):
    document, root = every_block
    elements = blocks_of(root)
    assert [(e.tag, e.get("class")) for e in elements] == [
        ("h1", "headline"),
        ("p", "highlights"),
        ("ul", "highlights"),
        ("p", "lead"),
        ("h2", "letter-title"),
        ("p", "salutation"),
        ("h3", "section"),
        ("p", "body"),
        ("h4", "section"),
        ("table", "table"),
        ("ol", "body"),
        ("ol", "body"),
        ("blockquote", "quote"),
        ("p", "signoff"),
        ("p", "signature"),
        ("h2", "about-heading"),
        ("p", "about"),
        ("h2", "boilerplate-heading"),
        ("p", "boilerplate"),
        ("h2", "forward-looking-heading"),
        ("p", "forward-looking"),
        ("h2", "contacts-heading"),
        ("p", "contact"),
        ("p", "source"),
    ]
    assert len(elements) == len(document.blocks)


@pytest.mark.parametrize("sample", ["every_role", "every_block"])
def test_every_block_carries_exactly_the_documents_text(request, sample):
    document, root = request.getfixturevalue(sample)
    for block, element in zip(document.blocks, blocks_of(root), strict=True):
        expected = [inline_text(run, "") for run in text_runs(block)]
        if isinstance(block, Quote):
            expected[-1] = f"— {expected[-1]}"
        assert _runs_of(element) == expected, block


def _runs_of(element) -> list[str]:
    """The text of each piece of `element` that stands for one of text_runs' runs, in order."""
    if element.tag in ("ul", "ol"):
        return [run for li in element.findall("li") for run in [_own_text(li), *_nested_runs(li)]]
    if element.tag == "table":
        return [element_text(cell) for cell in element.iter() if cell.tag in ("th", "td")]
    if element.tag == "blockquote":
        return [element_text(p) for p in element.iter("p")]
    return [element_text(element)]


def _own_text(li) -> str:
    """A list item's text without the list nested in it."""
    inline = "".join(element_text(child) + (child.tail or "") for child in li if child.tag not in ("ul", "ol"))
    return ((li.text or "") + inline).strip()


def _nested_runs(li) -> list[str]:
    return [element_text(sub) for nested in li if nested.tag in ("ul", "ol") for sub in nested.findall("li")]


def test_section_headings_carry_their_own_level(every_block):
    _, root = every_block
    sections = [e for e in blocks_of(root) if e.get("class") == "section"]
    assert [(e.tag, e.get("data-level"), element_text(e)) for e in sections] == [
        ("h3", "1", "A Strong Year"),
        ("h4", "2", "Results by Region"),
    ]
    assert not [e for e in blocks_of(root) if e.get("data-level") and e.get("class") != "section"]


def _heading(role: str, level: int = 1) -> Heading:
    return Heading(role, (Text(f"{role} {level}"),), level=level)


def _outline(*headings: Heading) -> list[tuple[str, str]]:
    """(element, class) of each heading of a document made of `headings` and a paragraph after each."""
    blocks = [block for heading in headings for block in (heading, Paragraph("body", (Text("text"),)))]
    root = parse(render_html(_document(*blocks)))
    return [(e.tag, e.get("class")) for e in blocks_of(root) if e.tag != "p"]


HEADLINE, SUBHEADLINE, TITLE = _heading("headline"), _heading("subheadline"), _heading("letter-title")
SECTION, SUBSECTION = _heading("section"), _heading("section", 2)
ABOUT, SAFE_HARBOR, CONTACTS = _heading("about-heading"), _heading("forward-looking-heading"), _heading("contacts-heading")


@pytest.mark.parametrize(
    ("headings", "expected"),
    [
        pytest.param(
            (HEADLINE, SUBHEADLINE, TITLE, SECTION, SUBSECTION, SECTION, ABOUT, SAFE_HARBOR, CONTACTS),
            ["h1", "h2", "h2", "h3", "h4", "h3", "h2", "h2", "h2"],
            id="headline-and-title",
        ),
        pytest.param(
            (TITLE, SECTION, SUBSECTION, ABOUT, SAFE_HARBOR),
            ["h1", "h2", "h3", "h1", "h1"],
            id="no-headline",
        ),
        pytest.param(
            (HEADLINE, SECTION, SUBSECTION, SECTION, ABOUT, CONTACTS),
            ["h1", "h2", "h3", "h2", "h2", "h2"],
            id="no-letter-title",
        ),
        pytest.param(
            (SECTION, SUBSECTION, SECTION, ABOUT),
            ["h1", "h2", "h1", "h1"],
            id="neither",
        ),
        pytest.param(
            (HEADLINE, TITLE, SUBSECTION, SECTION, SUBSECTION),
            ["h1", "h2", "h3", "h3", "h4"],
            id="level-2-without-a-level-1-above",
        ),
        pytest.param(
            (HEADLINE, SECTION, TITLE, SECTION),
            ["h1", "h2", "h2", "h3"],
            id="section-before-the-letter-title",
        ),
        pytest.param(
            (HEADLINE, SUBHEADLINE, SECTION),
            ["h1", "h2", "h2"],
            id="the-deck-heads-nothing",
        ),
    ],
)
def test_heading_levels_form_an_outline_without_skips(headings, expected):
    assert _outline(*headings) == [(tag, h.role) for tag, h in zip(expected, headings, strict=True)]


ANY_HEADING = st.one_of(
    st.sampled_from(sorted(HEADING_ROLES - {"section"})).map(_heading),
    st.sampled_from([1, 2]).map(lambda level: _heading("section", level)),
)


@given(st.lists(ANY_HEADING, min_size=1, max_size=12))
def test_any_sequence_of_headings_starts_at_h1_and_skips_no_level(headings):
    levels = heading_levels(headings)
    assert levels[0] == 1
    assert all(later <= earlier + 1 for earlier, later in zip(levels, levels[1:], strict=False))
    # A section heading sits below the nearest heading before it that is not a section or the deck.
    for index, heading in enumerate(headings):
        above = [levels[i] for i in range(index) if headings[i].role not in ("section", "subheadline")]
        if heading.role == "section" and above:
            assert levels[index] > above[-1]


def test_a_table_has_a_header_row_a_body_and_alignment_classes(every_block):
    _, root = every_block
    (table,) = root.iter("table")
    assert [child.tag for child in table] == ["thead", "tbody"]
    (header,) = table.find("thead")
    assert [(th.tag, th.get("scope"), th.get("class"), element_text(th)) for th in header] == [
        ("th", "col", "align-left", "Metric"),
        ("th", "col", "align-right", "2025"),
        ("th", "col", "align-right", "2024"),
    ]
    rows = list(table.find("tbody"))
    assert [[(td.tag, td.get("class"), element_text(td)) for td in row] for row in rows] == [
        [("td", "align-left", "Revenue"), ("td", "align-right", "$12.4 million"), ("td", "align-right", "$8.8 million")],
        [("td", "align-left", "Gross margin"), ("td", "align-right", "46%"), ("td", "align-right", "39%")],
    ]
    assert element_text(rows[1][0].find("strong")) == "Gross margin"


def test_no_element_carries_an_inline_style(every_block):
    _, root = every_block
    assert [e.tag for e in root.iter() if e.get("style") is not None] == []


def test_a_centred_column_and_a_table_without_rows():
    table = Table("table", ((Text("Year"),), (Text("Note"),)), (), ("center", "left"))
    (element,) = blocks_of(parse(render_html(_document(table))))
    assert [th.get("class") for th in element.find("thead/tr")] == ["align-center", "align-left"]
    assert list(element.find("tbody")) == []


def test_a_lettered_list_is_ol_type_a_with_its_nested_lists_inside_their_items(every_block):
    _, root = every_block
    lettered, numbered = [e for e in blocks_of(root) if e.tag == "ol"]
    assert (lettered.get("type"), lettered.get("start")) == ("A", "1")
    items = lettered.findall("li")
    assert [li.text.strip() for li in items] == ["Laboratory services", "Field kits"]
    assert [[element_text(sub) for sub in li.find("ul").findall("li")] for li in items] == [
        ["Blood panels", "Soil assays"],
        ["Water kits"],
    ]
    assert [li.find("ul").get("class") for li in items] == ["body", "body"]
    # A numbered list keeps its start; only its second item holds a list.
    assert (numbered.get("type"), numbered.get("start")) == (None, "3")
    assert [li.find("ul") is not None for li in numbered.findall("li")] == [False, True]


def test_a_lettered_list_can_start_later_and_nest_a_numbered_list():
    nested = ListBlock("body", "number", (ListItem((Text("one"),)), ListItem((Text("two"),))))
    block = ListBlock("body", "letter", (ListItem((Text("C item"),), nested),), start=3)
    (ol,) = blocks_of(parse(render_html(_document(block))))
    assert (ol.get("type"), ol.get("start")) == ("A", "3")
    inner = ol.find("li/ol")
    assert (inner.get("type"), inner.get("start"), [element_text(li) for li in inner]) == (None, "1", ["one", "two"])


def test_the_shipped_stylesheet_letters_lettered_lists_and_styles_every_new_role():
    css = default_stylesheet()  # the print stylesheet's mechanics with the house style's role rules
    assert 'ol[type="A"] { list-style-type: upper-alpha; }' in css
    for selector in (".section[data-level=\"2\"]", "p.highlights", "ul.highlights", "table.table", ".table th",
                     ".align-right", "blockquote.quote", ".quote .attribution", ".about-heading",
                     ".forward-looking-heading", "p.forward-looking", "p.about,", "p.source", "li > ul"):
        assert selector in css, selector


def test_a_quotation_is_a_blockquote_with_its_paragraphs_and_an_attribution_footer(every_block):
    _, root = every_block
    (quote,) = root.iter("blockquote")
    assert quote.get("class") == "quote"
    assert [(child.tag, child.get("class")) for child in quote] == [("p", None), ("p", None), ("footer", "attribution")]
    assert [element_text(p) for p in quote.findall("p")] == ["“We built the lab our region needed.", "And we are not done.”"]
    (attribution,) = quote.find("footer")
    assert (attribution.tag, element_text(attribution)) == ("p", "— Ingrid Solberg, Chief Executive Officer")


def test_a_quotation_without_attribution_has_no_footer():
    (quote,) = blocks_of(parse(render_html(_document(Quote("quote", ((Text("Said."),),))))))
    assert [child.tag for child in quote] == ["p"]


def test_hostile_text_in_tables_and_quotations_stays_text():
    cell = (Text(HOSTILE),)
    document = _document(
        Table("table", (cell,), ((cell,),), ("right",)),
        Quote("quote", (cell,), (Text(HOSTILE, italic=True),)),
    )
    root = parse(render_html(document))
    assert not list(root.iter("script")) and not list(root.iter("img"))
    assert [element_text(e) for e in root.iter() if e.tag in ("th", "td")] == [HOSTILE, HOSTILE]
    assert element_text(root.find(".//blockquote/p")) == HOSTILE
    assert element_text(root.find(".//blockquote/footer/p/em")) == HOSTILE


def test_making_html_does_not_import_weasyprint():
    # WeasyPrint costs ~0.4 s to import: only a PDF may pay for it.
    code = (
        "import sys, letterkit.cli, letterkit.drafting\n"
        "from letterkit.writers.html_writer import render_html\n"
        "sys.path.insert(0, 'tests')\n"
        "from sample_documents import every_role_document\n"
        "render_html(every_role_document())\n"
        "assert 'weasyprint' not in sys.modules, 'weasyprint was imported'\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True, cwd=templates_dir().parent)


def _metadata() -> Metadata:
    return Metadata(title="T", author="A", subject="S", company="C", date=datetime.date(2026, 1, 2))


def _document(*blocks) -> Document:
    return Document(_metadata(), tuple(blocks))
