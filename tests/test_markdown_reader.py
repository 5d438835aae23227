"""Template Markdown -> Document blocks; data escaped by `escape` comes back literally."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from letterkit.compose.markdown_escape import escape, lines, link
from letterkit.compose.markdown_reader import read_markdown
from letterkit.document import DocumentError, Heading, LineBreak, ListBlock, Paragraph, Text


def test_containers_give_roles_and_plain_blocks_are_body():
    blocks = read_markdown("::: lead\nFirst.\n:::\n\nBody text.\n\n::: letter-title\n## Title\n:::\n")
    assert blocks == (
        Paragraph("lead", (Text("First."),)),
        Paragraph("body", (Text("Body text."),)),
        Heading("letter-title", (Text("Title"),)),
    )


def test_lists_hard_breaks_emphasis_and_links():
    blocks = read_markdown(
        "1. one\n1. two\n\n- a\n- b\n\nName\\\nTitle **bold** *it* [site](<https://x.example>)\n"
    )
    assert blocks[0] == ListBlock("body", True, ((Text("one"),), (Text("two"),)), 1)
    assert blocks[1] == ListBlock("body", False, ((Text("a"),), (Text("b"),)), 1)
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
    ["```\ncode\n```\n", "> quote\n", "---\n", "- a\n  - nested\n", "![img](x.png)\n", "::: nonsense-role\nx\n:::\n"],
)
def test_markup_a_letter_never_needs_is_a_template_error(markup):
    with pytest.raises(DocumentError):
        read_markdown(markup)


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
