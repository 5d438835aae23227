"""The HTML writer: a Document as one standalone HTML5 file.

The same HTML is what the PDF writer lays out, so the saved .html and the PDF
cannot disagree. Every block becomes one element whose class is its role; the
print stylesheet (a versioned template) is inlined, so the file needs nothing
beside it. All text is escaped: data never becomes markup.
"""

from __future__ import annotations

from html import escape
from urllib.parse import urlsplit

from letterkit import __version__
from letterkit.document import Block, Document, Heading, Inline, LineBreak, ListBlock, ListItem, Metadata

PRINT_STYLE = "styles/print"  # the template slot a letter can pin (templates.print_style)
GENERATOR = f"letterkit {__version__}"

# Heading role -> element. The headline is the page's h1; the letter, each
# boilerplate block and the contacts are sibling sections of the release, so
# h2 (About is not part of the letter, and the PDF outline shows it so). The
# subheadline is the headline's deck: h2, kept out of the outline by the CSS.
# A release without a headline moves every heading up one level, so its first
# heading is still an h1 (PDF/UA: heading levels start at 1 and skip none).
HEADING_TAGS = {
    "headline": "h1",
    "subheadline": "h2",
    "letter-title": "h2",
    "section": "h3",
    "about-heading": "h2",
    "forward-looking-heading": "h2",
    "boilerplate-heading": "h2",
    "contacts-heading": "h2",
}

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
    promote = not any(block.role == "headline" for block in document.blocks)
    blocks = "\n".join(render_block(block, promote=promote) for block in document.blocks)
    return render_page(document.metadata, blocks, stylesheet=stylesheet)


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


def default_stylesheet() -> str:
    """The latest approved shipped print stylesheet (imported lazily: not every command needs it)."""
    from letterkit.compose.template_store import TemplateStore
    from letterkit.paths import templates_dir

    store = TemplateStore(templates_dir())
    return (store.latest_approved(PRINT_STYLE) or store.get(PRINT_STYLE)).text


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


def render_block(block: Block, *, promote: bool = False) -> str:
    """One block as one element whose class is its role; `promote`: headings one level up (no headline)."""
    if isinstance(block, Heading):
        tag = heading_tag(block.role, promote=promote)
        return f'<{tag} class="{block.role}">{render_inlines(block.inlines)}</{tag}>'
    if isinstance(block, ListBlock):
        return _list(block)
    return f'<p class="{block.role}">{render_inlines(block.inlines)}</p>'


def heading_tag(role: str, *, promote: bool = False) -> str:
    """The element of a heading role; `promote`: one level up, for a release without a headline."""
    tag = HEADING_TAGS[role]
    return f"h{max(1, int(tag[1:]) - 1)}" if promote else tag


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


def render_inlines(inlines: tuple[Inline, ...]) -> str:
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

