"""The wire text of every block: exact text, as the wire's plain-text feed receives it."""

from __future__ import annotations

import dataclasses

from hypothesis import given, settings
from hypothesis import strategies as st

from letterkit.document import Heading, LineBreak, ListBlock, ListItem, Paragraph, Quote, Table, Text
from letterkit.writers.ascii_text import to_ascii
from letterkit.writers.text_table import MIN_LABEL_WIDTH, TABLE_WIDTH, display_width
from letterkit.writers.text_writer import render_text

from sample_documents import every_block_document, every_role_document


def _text(*blocks, ascii=False) -> str:
    """The text of `blocks`, as lines: each ends with a newline (the output's last line has none; see below)."""
    base = every_role_document()
    return render_text(dataclasses.replace(base, blocks=blocks), ascii=ascii) + "\n"


def test_the_text_ends_with_its_last_character():
    # As the wire's own copy of a release does (the Callisto reference): no newline after ###.
    assert render_text(every_role_document()).endswith("\n\n###")


def _runs(*texts):
    return tuple((Text(t),) for t in texts)


def _table(header, *rows, align=None):
    return Table("table", _runs(*header), tuple(_runs(*row) for row in rows), align or ("left",) * len(header))


def _items(*texts, style="bullet"):
    return ListBlock("body", style, tuple(ListItem((Text(t),)) for t in texts))


# --- the whole Document -------------------------------------------------------------


def test_every_block_document_text(golden):
    golden("every-block-document.txt", render_text(every_block_document()))


def test_every_block_document_ascii_text(golden):
    text = render_text(every_block_document(), ascii=True)
    assert text.isascii()
    golden("every-block-document.ascii.txt", text)


def test_every_role_document_is_unchanged_by_the_new_blocks():
    # The Callisto reference guards the real pipeline; this guards the plain blocks on their own.
    text = render_text(every_role_document())
    assert text.startswith("Aurora Grid Systems Issues Letter to Shareholders\n\nGrid storage orders triple; Q4 outlook")
    assert "\n\n• expand the Tacoma plant\n• enter the Nordic market\n\n" in text
    assert "\n\n1. alpha\n2. beta\n\n" in text
    assert "\n\nMaria Lindqvist\nPresident and Chief Executive Officer\n\n" in text
    assert text.endswith("\n\n###")


# --- headings, highlights, source -----------------------------------------------------


def test_section_headings_of_both_levels_are_lines_of_their_own():
    text = _text(
        Heading("section", (Text("Our Year"),)),
        Paragraph("body", (Text("We grew."),)),
        Heading("section", (Text("In Europe"),), level=2),
        Paragraph("body", (Text("Sales doubled."),)),
    )
    assert text == "Our Year\n\nWe grew.\n\nIn Europe\n\nSales doubled.\n"


def test_highlights_are_their_intro_then_bullets():
    text = _text(
        Paragraph("highlights", (Text("Key points:"),)),
        ListBlock("highlights", "bullet", (ListItem((Text("Revenue up 41%"),)), ListItem((Text("Two new sites"),)))),
        Paragraph("source", (Text("Source: Borealis Assay, Inc."),)),
    )
    assert text == "Key points:\n\n• Revenue up 41%\n• Two new sites\n\nSource: Borealis Assay, Inc.\n"


# --- lists ----------------------------------------------------------------------------


def test_lettered_list_with_numbered_sublist():
    nested = ListBlock("body", "number", (ListItem((Text("one"),)), ListItem((Text("two"),))), start=1)
    lettered = ListBlock("body", "letter", (ListItem((Text("Research"),), nested), ListItem((Text("Sales"),))), start=3)
    assert _text(lettered) == "C. Research\n   1. one\n   2. two\nD. Sales\n"


def test_nested_items_start_under_their_parents_first_word():
    nested = ListBlock("body", "bullet", (ListItem((Text("under ten"),)),))
    items = tuple(ListItem((Text(f"item {n}"),)) for n in range(1, 10)) + (ListItem((Text("item 10"),), nested),)
    text = _text(ListBlock("body", "number", items))
    assert text.endswith("\n9. item 9\n10. item 10\n    – under ten\n")
    bullets = _text(ListBlock("body", "bullet", (ListItem((Text("parent"),), nested),)))
    assert bullets == "• parent\n  – under ten\n"


def test_nested_bullets_are_hyphens_in_ascii():
    nested = ListBlock("body", "bullet", (ListItem((Text("child"),)),))
    assert _text(ListBlock("body", "bullet", (ListItem((Text("parent"),), nested),)), ascii=True) == "* parent\n  - child\n"


# --- quotations ------------------------------------------------------------------------


def test_quotation_paragraphs_then_attribution_on_the_line_under_them():
    quote = Quote("quote", _runs("“First paragraph.", "Second paragraph.”"), (Text("Ingrid Solberg, CEO"),))
    assert _text(quote) == "“First paragraph.\n\nSecond paragraph.”\n— Ingrid Solberg, CEO\n"
    assert _text(quote, ascii=True) == '"First paragraph.\n\nSecond paragraph."\n-- Ingrid Solberg, CEO\n'


def test_quotation_without_attribution_prints_only_its_paragraphs():
    assert _text(Quote("quote", _runs("Said plainly."))) == "Said plainly.\n"


# --- tables ---------------------------------------------------------------------------


def test_table_columns_aligned_by_their_alignment():
    table = _table(("Item", "Where", "Amount"), ("Cash", "US", "$5"), ("Receivables", "Canada", "$1,200"),
                   align=("left", "center", "right"))
    assert _text(table) == (
        "Item         Where   Amount\n"
        "Cash           US        $5\n"
        "Receivables  Canada  $1,200\n"
    )


def test_a_table_exactly_as_wide_as_the_limit_stays_in_columns():
    label = "L" * (TABLE_WIDTH - 2 - 10)
    text = _text(_table(("Metric", "Value"), (label, "1234567890"), align=("left", "right")))
    lines = text.splitlines()
    assert lines == [f"Metric{' ' * (len(label) - 6)}       Value", f"{label}  1234567890"]
    assert max(len(line) for line in lines) == TABLE_WIDTH


def test_too_wide_a_table_wraps_its_labels_with_the_figures_on_their_last_line():
    label = "Cash, cash equivalents, restricted cash and marketable securities at year end"
    text = _text(_table(("Metric", "2025", "2024"), (label, "$112.4 million", "$98.8 million"),
                        ("Revenue", "$12.4 million", "$8.8 million"), align=("left", "right", "right")))
    assert text == (
        "Metric                                               2025           2024\n"
        "Cash, cash equivalents, restricted cash\n"
        "and marketable securities at year end      $112.4 million  $98.8 million\n"
        "Revenue                                     $12.4 million   $8.8 million\n"
    )
    assert max(len(line) for line in text.splitlines()) == TABLE_WIDTH
    # The words read in order, row by row, as a cell-by-cell reading has them.
    assert text.split() == ["Metric", "2025", "2024", *label.split(), "$112.4", "million", "$98.8", "million",
                            "Revenue", "$12.4", "million", "$8.8", "million"]


def test_a_table_that_cannot_fit_is_printed_as_groups_of_header_and_value_lines():
    header = ("Metric", "2021", "2022", "2023", "2024", "2025")
    row = ("Revenue", "$12.4 million", "$13.1 million", "$15.0 million", "$16.2 million", "$18.9 million")
    text = _text(_table(header, row, ("Customers", "120", "", "180", "201", "240"),
                        align=("left",) + ("right",) * 5))
    assert text == (
        "Metric: Revenue\n"
        "  2021: $12.4 million\n"
        "  2022: $13.1 million\n"
        "  2023: $15.0 million\n"
        "  2024: $16.2 million\n"
        "  2025: $18.9 million\n"
        "\n"
        "Metric: Customers\n"
        "  2021: 120\n"
        "  2023: 180\n"
        "  2024: 201\n"
        "  2025: 240\n"
    )


def test_stacked_rows_keep_values_of_columns_without_a_header():
    text = _text(_table(("", "Note"), ("Revenue", "x" * 80)))
    assert text == "Revenue\n  Note: " + "x" * 80 + "\n"


def test_ascii_table_is_aligned_in_its_ascii_form():
    table = _table(("Period", "Change"), ("2024–2025", "up — a lot"), ("2025", "flat"))
    assert _text(table, ascii=True) == "Period     Change\n2024-2025  up -- a lot\n2025       flat\n"


def test_wide_characters_take_two_columns():
    assert display_width("株式会社") == 8
    assert display_width("café") == display_width("cafe\u0301") == 4
    table = _table(("Name", "Shares"), ("株式会社", "10"), ("Acme", "200"), align=("left", "right"))
    assert _text(table) == "Name      Shares\n株式会社      10\nAcme         200\n"


def test_a_line_break_in_a_cell_reads_as_a_space_and_empty_rows_are_left_out():
    table = Table("table", ((Text("Name"),), (Text("Role"),)),
                  (((Text("Ingrid"), LineBreak(), Text("Solberg")), (Text("CEO"),)), ((), ())), ("left", "left"))
    assert _text(table) == "Name            Role\nIngrid Solberg  CEO\n"


def test_a_table_with_no_text_prints_nothing():
    empty = Table("table", ((),), (), ("left",))
    assert _text(Paragraph("body", (Text("Before."),)), empty, Paragraph("body", (Text("After."),))) == (
        "Before.\n\nAfter.\n"
    )


def test_a_label_column_squeezed_below_its_longest_word_stacks_instead():
    # Wrapping would have to break "Pharmaceutical-grade" (20 columns) in a 19-column label column.
    table = _table(("Item", "A", "B"), ("Pharmaceutical-grade reagents sold", "x" * 25, "y" * 24))
    assert _text(table) == "Item: Pharmaceutical-grade reagents sold\n  A: " + "x" * 25 + "\n  B: " + "y" * 24 + "\n"


# --- any table ------------------------------------------------------------------------

_words = st.text(alphabet=st.sampled_from("abcxyz$%.,-–—’株"), min_size=1, max_size=18)
_cells = st.lists(_words, max_size=6).map(" ".join)


@st.composite
def _tables(draw):
    columns = draw(st.integers(1, 7))
    header = draw(st.lists(_cells, min_size=columns, max_size=columns))
    rows = draw(st.lists(st.lists(_cells, min_size=columns, max_size=columns), max_size=5))
    align = tuple(draw(st.lists(st.sampled_from(("left", "center", "right")), min_size=columns, max_size=columns)))
    return _table(header, *rows, align=align)


@settings(max_examples=300, deadline=None)
@given(table=_tables(), ascii=st.booleans())
def test_any_table_keeps_its_words_in_order_within_the_width_or_stacks_its_rows(table, ascii):
    plain = to_ascii if ascii else str
    header = [" ".join(plain(cell[0].text).split()) for cell in table.header]
    rows = [[" ".join(plain(cell[0].text).split()) for cell in row] for row in table.rows]
    text = _text(table, ascii=ascii)
    lines = text.splitlines()
    assert all(line == line.rstrip() for line in lines)
    widths = [max(display_width(cell) for cell in column) for column in zip(header, *rows, strict=True)]
    groups = [[f"{name}: {value}" if name else value for name, value in zip(header, row, strict=True) if value]
              for row in rows]
    stacked = "\n\n".join("\n".join(("  " if i else "") + line for i, line in enumerate(group))
                           for group in groups if group)
    def total(column_widths):
        return sum(column_widths) + 2 * (len(column_widths) - 1)

    label_width = TABLE_WIDTH - total([0, *widths[1:]])
    longest_label_word = max((display_width(w) for text in (header[0], *(r[0] for r in rows)) for w in text.split()),
                             default=0)
    if total(widths) <= TABLE_WIDTH or label_width >= max(MIN_LABEL_WIDTH, longest_label_word) or not rows:
        # In columns, or with wrapped labels: the words in order, every line fits (a lone header row may not).
        assert text.split() == " ".join(header + [cell for row in rows for cell in row]).split()
        assert all(display_width(line) <= TABLE_WIDTH for line in lines) or not rows
    else:
        # Too wide even with its labels wrapped: each row a group of "Header: value" lines.
        assert text == stacked + "\n"
