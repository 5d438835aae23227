"""Markdown -> Document blocks: template output (roles from containers) and the letter's own prose
(letterkit Markdown); data escaped by `escape` comes back literally."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from letterkit import markdown_reader
from letterkit.compose.markdown_escape import escape, lines, link
from letterkit.document import DocumentError, Heading, LineBreak, ListBlock, ListItem, Paragraph, Quote, Table, Text
from letterkit.markdown_reader import block_container, insert_container, read_letter_markdown


def read_markdown(source, **options):
    return markdown_reader.read_markdown(source, **options).blocks


def _items(*texts):
    return tuple(ListItem((Text(t),)) for t in texts)


def test_containers_give_roles_and_plain_blocks_are_body():
    blocks = read_markdown("::: lead\nFirst.\n:::\n\nBody text.\n\n::: letter-title\n## Title\n:::\n", origin="t@1")
    assert blocks == (
        Paragraph("lead", (Text("First."),), "t@1"),
        Paragraph("body", (Text("Body text."),), "t@1"),
        Heading("letter-title", (Text("Title"),), 1, "t@1"),
    )


def test_a_boilerplate_block_gives_its_kind_to_every_block_whatever_its_own_containers_say():
    opening, closing = block_container("forward-looking", "blocks/safe-harbor@2")
    source = f"{opening}::: boilerplate-heading\n### Safe Harbor\n:::\n\nText one.\n\n- a risk\n{closing}\nAfter.\n"
    assert read_markdown(source, origin="letter@2") == (
        Heading("forward-looking-heading", (Text("Safe Harbor"),), 1, "blocks/safe-harbor@2"),
        Paragraph("forward-looking", (Text("Text one."),), "blocks/safe-harbor@2"),
        ListBlock("forward-looking", "bullet", _items("a risk"), 1, "blocks/safe-harbor@2"),
        Paragraph("body", (Text("After."),), "letter@2"),
    )
    with pytest.raises(DocumentError, match="a boilerplate block holds only its headings and text, not a 'lead'"):
        read_markdown(f"{opening}::: lead\nx\n:::\n{closing}")


def test_an_insert_is_replaced_by_its_blocks_and_reported():
    inserted = (Paragraph("body", (Text("from the letter"),), "letter.body[0]"),)
    reading = markdown_reader.read_markdown("Before.\n" + insert_container("letter.body[0]") + "\nAfter.\n",
                                            inserts={"letter.body[0]": inserted})
    assert [b.inlines[0].text for b in reading.blocks] == ["Before.", "from the letter", "After."]
    assert reading.inserted == ("letter.body[0]",)
    with pytest.raises(DocumentError, match=r"nothing to insert for 'letter\.body\[9\]'"):
        read_markdown(insert_container("letter.body[9]"))


def test_lists_hard_breaks_emphasis_and_links():
    blocks = read_markdown(
        "1. one\n1. two\n\n- a\n- b\n\nName\\\nTitle **bold** *it* [site](<https://x.example>)\n"
    )
    assert blocks[0] == ListBlock("body", "number", _items("one", "two"), 1)
    assert blocks[1] == ListBlock("body", "bullet", _items("a", "b"), 1)
    assert blocks[2] == Paragraph(
        "body",
        (
            Text("Name"),
            LineBreak(),
            Text("Title "),
            Text("bold", bold=True),
            Text(" "),
            Text("it", italic=True),
            Text(" "),
            Text("site", href="https://x.example"),
        ),
    )


@pytest.mark.parametrize(
    "markup",
    ["```\ncode\n```\n", "---\n", "- a\n  - b\n    - c\n", "![img](x.png)\n", "::: nonsense-role\nx\n:::\n"],
)
def test_markup_a_letter_never_needs_is_a_template_error(markup):
    with pytest.raises(DocumentError):
        read_markdown(markup)


PROSE = """# Results

We grew. See **[the report](https://x.example/r)** or write to [us](mailto:ir@x.example).

## By region

| Region | 2025 | 2024 |
|:-------|-----:|-----:|
| North  | $4.1 million | $3.0 million |
| South  | 12% | *9%* |

3. third
4. fourth
   - detail

> “We are not done.”
>
> Second paragraph.

<b>not bold</b> ::: lead
"""


def test_letterkit_markdown_gives_subheadings_tables_nested_lists_and_quotations():
    blocks = read_letter_markdown(PROSE, origin="letter.body[2]")
    assert [type(b).__name__ for b in blocks] == ["Heading", "Paragraph", "Heading", "Table", "ListBlock", "Quote",
                                                   "Paragraph"]
    assert blocks[0] == Heading("section", (Text("Results"),), 1, "letter.body[2]")
    # A link whose words are not its address shows the address too: paper and wire text cannot follow links.
    assert blocks[1].inlines[1:8] == (
        Text("the report", bold=True, href="https://x.example/r"), Text(" ("), Text("https://x.example/r",
        href="https://x.example/r"), Text(") or write to "), Text("us", href="mailto:ir@x.example"), Text(" ("),
        Text("ir@x.example", href="mailto:ir@x.example"),
    )
    assert (blocks[2].role, blocks[2].level) == ("section", 2)
    table = blocks[3]
    assert isinstance(table, Table) and table.align == ("left", "right", "right")
    assert table.header == ((Text("Region"),), (Text("2025"),), (Text("2024"),))
    assert table.rows[1] == ((Text("South"),), (Text("12%"),), (Text("9%", italic=True),))
    listed = blocks[4]
    assert (listed.style, listed.start, listed.items[1].sublist.items) == ("number", 3, _items("detail"))
    assert blocks[5] == Quote("quote", ((Text("“We are not done.”"),), (Text("Second paragraph."),)), (),
                              "letter.body[2]")
    assert blocks[6] == Paragraph("body", (Text("<b>not bold</b> ::: lead"),), "letter.body[2]")


@pytest.mark.parametrize(
    "markup, message",
    [
        ("![chart](https://x.example/c.png)", "images are not allowed in a letter's text"),
        ("[x](javascript:alert(1))", "a link may only go to an http:, https: or mailto: address, not 'javascript:alert(1)'"),
        ("[x](file:///etc/passwd)", "a link may only go to an http:, https: or mailto: address, not 'file:///etc/passwd'"),
        ("[x](page.html)", "a link may only go to an http:, https: or mailto: address, not 'page.html'"),
        ("### Too deep", "subheadings inside the letter have two levels, # and ##; this one is ### (line 1)"),
        ("- a\n  - b\n    - c", "lists nest one level deep (line 3)"),
        ("    indented code", "letterkit Markdown has no a code block (a line indented by four spaces or more?) (line 1)"),
        ("text\n\n---\n", "letterkit Markdown has no a horizontal rule (---) (line 3)"),
    ],
)
def test_letterkit_markdown_refuses_what_a_release_cannot_carry(markup, message):
    with pytest.raises(DocumentError) as caught:
        read_letter_markdown(markup)
    assert str(caught.value) == message


HOSTILE = [
    "{{ 7*7 }} {% if x %}",
    "<script>alert(1)</script> <img src=file:///etc/passwd>",
    "AT&T &amp; &#169; url(file:///etc/passwd)",
    "*not italic* _nor this_ **nor bold** `code`",
    "# not a heading",
    "1) not a list",
    "- not a bullet",
    "[not a link](http://evil.example) <http://evil.example>",
    "back\\slash \\* ends with backslash\\",
    "### ",
]


@pytest.mark.parametrize("text", HOSTILE)
def test_escaped_data_comes_back_exactly_as_typed(text):
    (block,) = read_markdown(escape(text) + "\n")
    assert block == Paragraph("body", (Text(text.strip()),))


# Text as the schema lets it through: whitespace-normalised, no control characters.
printable = st.text(
    alphabet=st.characters(blacklist_categories=("Cc", "Cs", "Zl", "Zp"), blacklist_characters="\ufffe\uffff"),
    min_size=1,
).map(lambda s: " ".join(s.split())).filter(bool)


@given(printable)
def test_any_escaped_text_round_trips(text):
    (block,) = read_markdown(escape(text) + "\n")
    assert block == Paragraph("body", (Text(text),))


def test_link_and_lines_helpers_build_markup_on_purpose():
    (block,) = read_markdown(lines(["Gary S. Jacob, Ph.D.", None, "Chief *Executive* Officer"]) + "\n")
    assert block.inlines == (Text("Gary S. Jacob, Ph.D."), LineBreak(), Text("Chief *Executive* Officer"))
    (block,) = read_markdown(link("http://www.callistopharma.com") + "\n")
    assert block.inlines == (Text("http://www.callistopharma.com", href="http://www.callistopharma.com"),)
