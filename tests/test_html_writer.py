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

from letterkit.compose.template_store import TemplateStore
from letterkit.document import Document, Heading, LineBreak, ListBlock, ListItem, Metadata, Paragraph, Text
from letterkit.paths import templates_dir
from letterkit.writers.html_writer import render_html

from sample_documents import every_role_document

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
    assert styles[0].lstrip().startswith("/* letterkit-template: styles/print  version: 1 */")
    assert "@page" in styles[0]


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


def test_block_text_is_the_documents_text(every_role):
    document, root = every_role
    for block, element in zip(document.blocks, blocks_of(root), strict=True):
        if isinstance(block, ListBlock):
            assert [element_text(li) for li in element.findall("li")] == [
                "".join(i.text for i in item.inlines) for item in block.items
            ]
        else:
            expected = "".join("" if isinstance(i, LineBreak) else i.text for i in block.inlines)
            assert element_text(element) == expected


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
    template = TemplateStore(templates_dir()).get("styles/print")
    assert template.ref == "styles/print@1"
    assert template.text.split("\n", 1)[0] == "/* letterkit-template: styles/print  version: 1 */"
    assert "hyphens: manual" in template.text


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
