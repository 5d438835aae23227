"""The EDGAR writer: the release as an HTML exhibit (Exhibit 99.1) for a Form 8-K.

The same Document as every other format, so the same words; only the markup
differs, kept to what the EDGAR Filer Manual, Volume II accepts (see
resources/edgar-html.toml, which edgar_check reads; every exhibit is checked
against it before it is written):
- 5.2.2: HTML 3.2/4.01 tags only (p, b, i, br, table, tr, th, td), inline
  style attributes instead of a stylesheet, no scripts or other active content;
- 5.2.2: no reference outside the submission; a link is kept only when it
  points into the SEC's own archive (www.sec.gov/Archives/edgar/data/), any
  other link is written as its text, as the wire text writes every link;
- 5.2.1.1: ASCII text only: every other character (curly quotes, dashes,
  non-breaking spaces, accented names) as a numeric character reference;
- 5.1.1: the file name (exhibit_file_name) at most 32 characters of letters,
  digits and hyphens, ending in .htm.

Lists are written as paragraphs carrying their markers ("1.", "•", "A."), not
<ol>/<ul>: EDGAR's renderers number lists differently, and the markers are then
the very ones the wire text and the PDF print. A table is one <table>, never
nested (letterkit's rule, edgar-html.toml).
"""

from __future__ import annotations

import re
from html import escape

from letterkit.document import (
    Block,
    Document,
    Heading,
    Inlines,
    LineBreak,
    ListBlock,
    Quote,
    Table,
    text_runs,
)
from letterkit.edgar.rules import edgar_rules
from letterkit.writers.markers import ATTRIBUTION_DASH, list_marker

EXHIBIT_LABEL = "Exhibit 99.1"
_SUFFIX = "-ex99-1"

_BODY_STYLE = "font-family: 'Times New Roman', Times, serif; font-size: 10pt"
_CENTERED = {"headline", "subheadline", "letter-title", "end-marker"}
_INDENT = 0.25  # inches per list level and for a quotation


def exhibit_file_name(stem: str) -> str:
    """The exhibit's EDGAR file name: see edgar_file_name."""
    return edgar_file_name(stem, _SUFFIX)


def form_8k_file_name(stem: str) -> str:
    """The Form 8-K's EDGAR file name, beside its exhibit's."""
    return edgar_file_name(stem, "-8k")


def edgar_file_name(stem: str, suffix: str) -> str:
    """An EDGAR file name from the letter's stem: lower-case letters, digits and hyphens, `suffix`
    and .htm, at most 32 characters in all (Filer Manual Vol. II 5.1.1)."""
    rules = edgar_rules()  # the limit and the extension the checker holds every name to
    extension = rules.extensions[0]
    slug = re.sub(r"[^a-z0-9]+", "-", stem.lower()).strip("-") or "release"
    room = rules.name_limit - len(suffix) - len(extension)
    return f"{slug[:room].rstrip('-')}{suffix}{extension}"


def render_edgar(document: Document, *, label: str | None = EXHIBIT_LABEL) -> str:
    """The complete EDGAR HTML document for `document` (ASCII only): an exhibit headed by its `label`
    (top right, and in the title), or with `label=None` a form of its own (the Form 8-K)."""
    metadata = document.metadata
    title = f"{_text(label)}: {_text(metadata.title)}" if label else _text(metadata.title)
    lines = [
        "<html>",
        "<head>",
        '<meta http-equiv="Content-Type" content="text/html; charset=us-ascii">',
        f"<title>{title}</title>",
        "</head>",
        f'<body style="{_BODY_STYLE}">',
        *([f'<p style="text-align: right"><b>{_text(label)}</b></p>'] if label else []),
        *(_block(block) for block in document.blocks),
        "</body>",
        "</html>",
    ]
    return "\n".join(lines) + "\n"


def _block(block: Block) -> str:
    if isinstance(block, Heading):
        return _heading(block)
    if isinstance(block, ListBlock):
        return "\n".join(_list_items(block, depth=0))
    if isinstance(block, Table):
        return _table(block)
    if isinstance(block, Quote):
        return _quote(block)
    (inlines,) = text_runs(block)
    return _paragraph(_inlines(inlines), centered=block.role in _CENTERED)


def _heading(block: Heading) -> str:
    content = _inlines(block.inlines)
    if block.role == "subheadline":
        content = f"<i>{content}</i>"
    elif block.role == "section" and block.level == 2:
        content = f"<b><i>{content}</i></b>"
    else:
        content = f"<b>{content}</b>"
    return _paragraph(content, centered=block.role in _CENTERED)


def _paragraph(content: str, *, centered: bool = False, indent: float = 0.0, hanging: bool = False) -> str:
    styles = []
    if centered:
        styles.append("text-align: center")
    if indent:
        styles.append(f"margin-left: {indent:g}in")
    if hanging:
        styles.append(f"text-indent: -{_INDENT:g}in")
    style = f' style="{"; ".join(styles)}"' if styles else ""
    return f"<p{style}>{content}</p>"


def _list_items(block: ListBlock, *, depth: int) -> list[str]:
    lines = []
    for number, item in enumerate(block.items, start=block.start):
        marker = _text(list_marker(block.style, number, depth=depth))
        indent = _INDENT * (depth + 1)
        lines.append(_paragraph(f"{marker} {_inlines(item.inlines)}", indent=indent, hanging=True))
        if item.sublist is not None:
            lines += _list_items(item.sublist, depth=depth + 1)
    return lines


def _table(block: Table) -> str:
    def row(tag: str, cells: tuple[Inlines, ...]) -> str:
        return "<tr>" + "".join(
            f'<{tag} style="text-align: {align}; padding: 2px 6px" valign="bottom">{_inlines(cell)}</{tag}>'
            for cell, align in zip(cells, block.align, strict=True)
        ) + "</tr>"

    rows = [row("th", block.header), *(row("td", cells) for cells in block.rows)]
    # The body's font named again: a page without a doctype is in quirks mode, where tables do not inherit it.
    style = f"border-collapse: collapse; {_BODY_STYLE}"
    return f'<table cellspacing="0" cellpadding="0" style="{style}">\n' + "\n".join(rows) + "\n</table>"


def _quote(block: Quote) -> str:
    lines = [_paragraph(_inlines(paragraph), indent=_INDENT * 2) for paragraph in block.paragraphs]
    if block.attribution:
        lines.append(_paragraph(f"{_text(ATTRIBUTION_DASH)} {_inlines(block.attribution)}", indent=_INDENT * 2))
    return "\n".join(lines)


def _inlines(inlines: Inlines) -> str:
    parts = []
    for inline in inlines:
        if isinstance(inline, LineBreak):
            parts.append("<br>")
            continue
        html = _text(inline.text)
        if inline.italic:
            html = f"<i>{html}</i>"
        if inline.bold:
            html = f"<b>{html}</b>"
        if inline.href is not None and edgar_rules().in_sec_archive(inline.href):
            html = f'<a href="{_text(inline.href, quote=True)}">{html}</a>'
        parts.append(html)
    return "".join(parts)


def _text(text: str, *, quote: bool = False) -> str:
    """Escaped, and every character outside printable ASCII as a numeric reference (5.2.1.1)."""
    return escape(text, quote=quote).encode("ascii", "xmlcharrefreplace").decode("ascii")
