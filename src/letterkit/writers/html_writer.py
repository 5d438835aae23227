"""The HTML writer: a Document as one standalone HTML5 file.

The same HTML is what the PDF writer lays out, so the saved .html and the PDF
cannot disagree. Every block becomes one element whose class is its role; the
print stylesheet (a versioned template) is inlined, so the file needs nothing
beside it. All text is escaped: data never becomes markup.

Heading levels form an outline that starts at h1 and skips no level (PDF/UA
requires both). Each heading role has a rank:
- the headline ranks first;
- the letter title, each boilerplate heading (About, Forward-Looking, other
  legal blocks) and the contacts heading rank second: they are sibling
  sections of the release (About is not part of the letter);
- a section heading inside the letter ranks third (level 1) or fourth (level 2).
A heading sits under the nearest heading before it of a higher rank, one level
below it; a heading with none above it is an h1. So with a headline the letter
title is h2 and its sections h3 and h4; without a headline everything moves up
one level; without a letter title a level-1 section sits right under the
headline (h2); a level-2 section with no level-1 section above it sits one level
below whatever heads it. The subheadline is the headline's deck: one level
below the headline, never the parent of another heading, and kept out of the
PDF's bookmarks by the stylesheet.

Blocks other than headings and paragraphs:
- a list is <ul> or <ol> (lettered: type="A"), a nested list inside its <li>;
- a table is <table class="table"> with <thead> (<th scope="col">) and <tbody>,
  each cell's alignment a class (align-left, align-center, align-right);
- a quotation is <blockquote class="quote">: its paragraphs as <p>, then the
  attribution, "— Name, Title", as a <p> in a <footer class="attribution">
  (the blockquote's own footer in HTML; WeasyPrint tags the footer as a
  NonStruct grouping and the attribution as a P inside the PDF's BlockQuote).
"""

from __future__ import annotations

from collections.abc import Iterable
from html import escape
from urllib.parse import urlsplit

from letterkit import __version__
from letterkit.document import (
    Block,
    Document,
    Heading,
    Inline,
    Inlines,
    LineBreak,
    ListBlock,
    ListItem,
    Metadata,
    Quote,
    Table,
)
from letterkit.writers.markers import ATTRIBUTION_DASH

PRINT_STYLE = "styles/print"  # the template slot a letter can pin (templates.print_style)
GENERATOR = f"letterkit {__version__}"

# Each heading role's rank in the release's outline (see the module docstring);
# a section heading ranks SECTION_RANK + its level - 1. The subheadline has none.
OUTLINE_RANKS = {
    "headline": 1,
    "letter-title": 2,
    "about-heading": 2,
    "forward-looking-heading": 2,
    "boilerplate-heading": 2,
    "contacts-heading": 2,
}
SECTION_RANK = 3
DECK_ROLE = "subheadline"

# Links a release may carry; anything else (relative paths, file:, javascript:)
# is a template bug we refuse rather than publish.
LINK_SCHEMES = frozenset({"http", "https", "mailto", "tel"})

# Languages written right to left: the page direction follows the letter.
RTL_LANGUAGES = frozenset({"ar", "fa", "he", "iw", "ur", "yi"})


def render_html(document: Document, *, stylesheet: str | None = None) -> str:
    """The complete HTML file for `document`.

    `stylesheet` is the print CSS to inline (the version a letter pinned);
    by default the latest approved shipped `styles/print` template.
    """
    levels = iter(heading_levels(block for block in document.blocks if isinstance(block, Heading)))
    blocks = "\n".join(
        render_block(block, level=next(levels)) if isinstance(block, Heading) else render_block(block)
        for block in document.blocks
    )
    return render_page(document.metadata, blocks, stylesheet=stylesheet)


def heading_levels(headings: Iterable[Heading]) -> list[int]:
    """The level (1 for h1, …) of each heading, in order: the outline rule of the module docstring."""
    levels: list[int] = []
    above: list[tuple[int, int]] = []  # (rank, level) of the headings the next one may sit under
    for heading in headings:
        if heading.role == DECK_ROLE:
            levels.append(above[-1][1] + 1 if above else 1)
            continue
        rank = _outline_rank(heading)
        while above and above[-1][0] >= rank:
            above.pop()
        level = above[-1][1] + 1 if above else 1
        above.append((rank, level))
        levels.append(level)
    return levels


def _outline_rank(heading: Heading) -> int:
    if heading.role == "section":
        return SECTION_RANK + heading.level - 1
    return OUTLINE_RANKS[heading.role]


def render_page(metadata: Metadata, content: str, *, stylesheet: str | None = None) -> str:
    """A standalone page around `content` (HTML of the release's blocks): head, metadata, inlined CSS."""
    css = stylesheet if stylesheet is not None else default_stylesheet()
    parts = [
        "<!DOCTYPE html>",
        _html_open(metadata),
        _head(metadata, css),
        _body(metadata, content),
        "</html>",
    ]
    return "\n".join(parts) + "\n"


def html_and_stylesheet(document: Document, stylesheet: str | None) -> tuple[str, str]:
    """The page without its CSS, and the CSS, for the PDF: together they are render_html's page.

    WeasyPrint parses a <style> element's CSS for every letter (~15 ms of each in a batch);
    handed over on its own, it is parsed once per process (pdf_writer._parsed). Here, not in
    pdf_writer, so that the parent of the PDF helper never imports WeasyPrint.
    """

    return render_html(document, stylesheet=""), stylesheet if stylesheet is not None else default_stylesheet()


def default_stylesheet(*, for_print: bool = True) -> str:
    """The latest approved shipped print stylesheet with the house rules (imported lazily: not every command needs it)."""
    from letterkit.compose.shipped import shipped_house_style
    from letterkit.compose.template_store import TemplateStore
    from letterkit.house_css import stylesheet_with_house_rules
    from letterkit.paths import templates_dir

    store = TemplateStore(templates_dir())
    print_css = (store.latest_approved(PRINT_STYLE) or store.get(PRINT_STYLE)).text
    return stylesheet_with_house_rules(print_css, shipped_house_style(), for_print=for_print)


def _html_open(metadata: Metadata) -> str:
    lang = metadata.language
    direction = ' dir="rtl"' if lang.split("-")[0].lower() in RTL_LANGUAGES else ""
    return f'<html lang="{_attr(lang)}"{direction}>'


def _head(metadata: Metadata, css: str) -> str:
    if "</style" in css.lower():
        # Would end the <style> element early and turn the rest into markup.
        raise ValueError("the print stylesheet may not contain '</style'")
    lines = [
        "<head>",
        '<meta charset="utf-8">',
        f"<title>{_text(metadata.title)}</title>",
        _meta("author", metadata.author),
        _meta("description", metadata.subject),
        # No keywords, no element: an empty one would become an empty PDF Keywords entry.
        *([_meta("keywords", ", ".join(metadata.keywords))] if metadata.keywords else []),
        _meta("generator", GENERATOR),
        # WeasyPrint takes the PDF creation date from this and nothing else.
        _meta("dcterms.created", metadata.date.isoformat()),
        f"<style>\n{css.rstrip()}\n</style>",
        "</head>",
    ]
    return "\n".join(lines)


def _meta(name: str, content: str) -> str:
    return f'<meta name="{name}" content="{_attr(content)}">'


def _body(metadata: Metadata, content: str) -> str:
    # The company rides on an attribute so the print CSS can pull it into the
    # running header with string-set; data never enters the CSS text.
    company = _attr(metadata.company)
    return f'<body data-company="{company}">\n<main class="release">\n{content}\n</main>\n</body>'


def render_block(block: Block, *, level: int = 1) -> str:
    """One block as one element whose class is its role; a heading as h`level` (see heading_levels)."""
    if isinstance(block, Heading):
        # A section's own level (1 or 2) rides on an attribute: its element's level depends on the outline.
        section = f' data-level="{block.level}"' if block.role == "section" else ""
        return f'<h{level} class="{block.role}"{section}>{render_inlines(block.inlines)}</h{level}>'
    if isinstance(block, ListBlock):
        return _list(block)
    if isinstance(block, Table):
        return _table(block)
    if isinstance(block, Quote):
        return _quote(block)
    return f'<p class="{block.role}">{render_inlines(block.inlines)}</p>'


def heading_tag(role: str, *, promote: bool = False) -> str:
    """The element of a heading role where every rank above it is present; `promote`: one level up (no headline).

    For writers that place headings without the whole outline (the blackline);
    render_html places each heading by heading_levels.
    """
    rank = SECTION_RANK if role == "section" else OUTLINE_RANKS.get(role, OUTLINE_RANKS["headline"] + 1)
    return f"h{max(1, rank - 1)}" if promote else f"h{rank}"


def _list(block: ListBlock) -> str:
    items = "\n".join(_list_item(item) for item in block.items)
    if block.style == "letter":
        return f'<ol class="{block.role}" type="A" start="{block.start}">\n{items}\n</ol>'
    if block.ordered:
        return f'<ol class="{block.role}" start="{block.start}">\n{items}\n</ol>'
    return f'<ul class="{block.role}">\n{items}\n</ul>'


def _list_item(item: ListItem) -> str:
    nested = f"\n{_list(item.sublist)}\n" if item.sublist is not None else ""
    return f"<li>{render_inlines(item.inlines)}{nested}</li>"


def _table(block: Table) -> str:
    header = "".join(_cell("th", cell, align) for cell, align in zip(block.header, block.align, strict=True))
    rows = "".join(
        "<tr>" + "".join(_cell("td", cell, align) for cell, align in zip(row, block.align, strict=True)) + "</tr>\n"
        for row in block.rows
    )
    return (
        f'<table class="{block.role}">\n<thead>\n<tr>{header}</tr>\n</thead>\n'
        f"<tbody>\n{rows}</tbody>\n</table>"
    )


def _cell(tag: str, cell: Inlines, align: str) -> str:
    # scope="col": the PDF links each data cell to its column's header (PDF/UA).
    scope = ' scope="col"' if tag == "th" else ""
    return f'<{tag}{scope} class="align-{align}">{render_inlines(cell)}</{tag}>'


def _quote(block: Quote) -> str:
    paragraphs = [f"<p>{render_inlines(paragraph)}</p>" for paragraph in block.paragraphs]
    if block.attribution:
        attribution = f"{ATTRIBUTION_DASH} {render_inlines(block.attribution)}"
        paragraphs.append(f'<footer class="attribution"><p>{attribution}</p></footer>')
    return f'<blockquote class="{block.role}">\n' + "\n".join(paragraphs) + "\n</blockquote>"


def render_inlines(inlines: Inlines) -> str:
    return "".join(_inline(inline) for inline in inlines)


def _inline(inline: Inline) -> str:
    if isinstance(inline, LineBreak):
        return "<br>"
    html = _text(inline.text)
    # Innermost first, so a bold link reads <a><strong>…</strong></a>.
    if inline.italic:
        html = f"<em>{html}</em>"
    if inline.bold:
        html = f"<strong>{html}</strong>"
    if inline.href is not None:
        html = f'<a href="{_attr(_checked_href(inline.href))}">{html}</a>'
    return html


def _checked_href(href: str) -> str:
    scheme = urlsplit(href).scheme.lower()
    if scheme not in LINK_SCHEMES:
        raise ValueError(f"link {href!r}: only {', '.join(sorted(LINK_SCHEMES))} links may be published")
    return href


def _text(text: str) -> str:
    return escape(text, quote=False)


def _attr(text: str) -> str:
    return escape(text, quote=True)

