"""The DOCX writer: a Document as the .docx legal reviews in Word.

Everything Word shows as formatting comes from named styles (docx_styles),
lists are real Word numbering (docx_numbering), tables real Word tables in our
table style (docx_tables), the footer counts pages with fields (docx_fields),
and the package is scrubbed of python-docx's template identity (docx_package)
and zipped reproducibly (docx_zip).
"""

from __future__ import annotations

import io

import docx
from docx.document import Document as WordDocument
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Inches, Pt
from docx.text.paragraph import Paragraph as WordParagraph

from letterkit import locale_wording
from letterkit.compose.shipped import shipped_house_style
from letterkit.document import (
    Block,
    Document,
    Heading,
    Inline,
    Inlines,
    LineBreak,
    ListBlock,
    Metadata,
    Quote,
    Table,
    Text,
)
from letterkit.house_style import HouseStyle
from letterkit.paths import assets_dir
from letterkit.writers import docx_package, docx_zip
from letterkit.writers.docx_fields import add_page_x_of_y
from letterkit.writers.docx_fonts import embed_fonts
from letterkit.writers.docx_numbering import number_paragraph, prepare_list_styles, start_list, start_sublist
from letterkit.writers.docx_styles import (
    ATTRIBUTION_STYLE,
    QUOTE_STYLE,
    ROLE_STYLES,
    STYLE_ROLES,
    SUBSECTION_STYLE,
    apply_styles,
    list_style,
    style_gives,
)
from letterkit.writers.docx_tables import add_table
from letterkit.writers.markers import ATTRIBUTION_DASH

# The template's own list styles, whose numbering legal gets when applying them in Word.
_TEMPLATE_LIST_STYLES = ("List Number", "List Bullet")


def render_docx(document: Document, *, house: HouseStyle | None = None) -> bytes:
    """The complete .docx file for `document` in the house style (default: letterkit's own, latest approved);
    the same Document and style give the same bytes."""
    house = house or shipped_house_style()
    return package_docx(build_docx(document, house=house), document.metadata, house)


def build_docx(document: Document, *, house: HouseStyle | None = None) -> WordDocument:
    """The Word document before packaging: one body paragraph per heading, paragraph, list item
    (nested ones too) and quotation paragraph or attribution; a w:tbl per table.

    The redline starts from this and rearranges the paragraphs.
    """
    house = house or shipped_house_style()
    word = _styled_document(document.metadata.language, house)
    _prepare(word, document.metadata, house)
    for block in document.blocks:
        _add_block(word, block, house)
    return word


# python-docx's template with our styles and list styles, kept per language: applying the
# style table is most of a DOCX's time and the same for every letter of a batch. Loading the
# saved package gives the same document, and bytes, as building it. A process's first letter
# builds it without saving (a single draft never pays for that); the second saves it.
_STYLED_TEMPLATES: dict[tuple[str, HouseStyle], bytes | None] = {}
# Style name -> w:styleId, the same in every styled template. python-docx finds a style by
# name by walking all ~180 of them, and then the default one too: ~1 ms for each paragraph.
_STYLE_IDS: dict[str, str] = {}
_STYLE_NAMES: dict[str, str] = {}  # the other way round


def _styled_document(language: str, house: HouseStyle) -> WordDocument:
    key = (language, house)
    saved = _STYLED_TEMPLATES.get(key)
    if saved is not None:
        return docx.Document(io.BytesIO(saved))
    word = docx.Document()
    apply_styles(word, language, house)
    prepare_list_styles(word, _TEMPLATE_LIST_STYLES)
    _STYLE_IDS.update((style.name, style.style_id) for style in word.styles)
    _STYLE_NAMES.update((style_id, name) for name, style_id in _STYLE_IDS.items())
    if key in _STYLED_TEMPLATES:
        buffer = io.BytesIO()
        word.save(buffer)
        _STYLED_TEMPLATES[key] = buffer.getvalue()
    else:
        _STYLED_TEMPLATES[key] = None
    return word


def _prepare(word: WordDocument, metadata: Metadata, house: HouseStyle) -> None:
    _set_up_page(word, metadata, house)
    docx_package.set_core_properties(word, metadata)
    docx_package.drop_unused_parts(word)
    docx_package.modernise_settings(word)


def package_docx(word: WordDocument, metadata: Metadata, house: HouseStyle | None = None) -> bytes:
    entries = docx_zip.package_entries(word)
    # The fonts come from where the PDF's come from (the PDF renderer loads nothing else).
    fonts = embed_fonts(entries, house or shipped_house_style(), assets_dir())
    entries[docx_package.APP_PROPERTIES_ENTRY] = docx_package.app_properties_xml(metadata)
    return docx_zip.write_reproducible(entries, metadata.date, stored=fonts)


# --- page ---------------------------------------------------------------------------


def _set_up_page(word: WordDocument, metadata: Metadata, house: HouseStyle) -> None:
    """US Letter, the house style's margins; company name atop pages 2+, "Page N of M" on every page."""
    section = word.sections[0]
    section.page_width, section.page_height = Inches(8.5), Inches(11)
    page = house.page
    section.top_margin, section.right_margin = Pt(page.margin_top), Pt(page.margin_right)
    section.bottom_margin, section.left_margin = Pt(page.margin_bottom), Pt(page.margin_left)
    section.header_distance = section.footer_distance = Inches(0.5)
    # Page one opens the release (headline, dateline); a running header there would repeat it.
    section.different_first_page_header_footer = True
    section.header.paragraphs[0].add_run(metadata.company)
    section.first_page_header.is_linked_to_previous = False  # an explicit empty header
    # …in Normal: the Header style's rule would print under nothing.
    section.first_page_header.paragraphs[0]._p.style = None  # Normal, set as python-docx sets it (no pStyle)
    language = metadata.language.split("-")[0]
    words = (locale_wording.word("Page", language), locale_wording.word("of", language))
    for footer in (section.footer, section.first_page_footer):
        add_page_x_of_y(footer.paragraphs[0], words)


# --- blocks -------------------------------------------------------------------------


def _add_block(word: WordDocument, block: Block, house: HouseStyle) -> None:
    if _keeps_with_previous(block, house):
        _keep_last_paragraph_with_next(word, house)
    if isinstance(block, ListBlock):
        _add_list(word, block, house)
    elif isinstance(block, Table):
        add_table(word, block, lambda paragraph, style, inlines: _fill_paragraph(paragraph, style, inlines, house), house)
    elif isinstance(block, Quote):
        _add_quote(word, block, house)
    else:
        _add_paragraph(word, _block_style(block), block.inlines, house)


def _block_style(block: Block) -> str:
    if isinstance(block, Heading) and block.role == "section" and block.level == 2:
        return SUBSECTION_STYLE
    return ROLE_STYLES[block.role]


def _add_paragraph(word: WordDocument, style: str, inlines: Inlines, house: HouseStyle) -> WordParagraph:
    paragraph = _append_paragraph(word)
    _fill_paragraph(paragraph, style, inlines, house)
    return paragraph


def _append_paragraph(word: WordDocument) -> WordParagraph:
    """word.add_paragraph(), the same element in the same place: before the body's closing section
    properties. python-docx looks for those from the body's first child on, so a letter of n
    paragraphs paid n² (7 of the 14 s of a 15,000-paragraph DOCX); they are the body's last child."""
    body = word.element.body
    paragraph = OxmlElement("w:p")
    last = next(body.iterchildren(reversed=True), None)  # lxml steps back from the last child: no walk
    if last is not None and last.tag == qn("w:sectPr"):
        last.addprevious(paragraph)
    else:
        body.append(paragraph)
    return WordParagraph(paragraph, word._body)


def _fill_paragraph(paragraph: WordParagraph, style: str, inlines: Inlines, house: HouseStyle) -> None:
    paragraph._p.style = _STYLE_IDS[style]  # never Normal, which python-docx would leave unnamed
    for inline in inlines:
        _add_inline(paragraph, style, inline, house)


def _keeps_with_previous(block: Block, house: HouseStyle) -> bool:
    """Whether the house style keeps the block's role with what is above it (sign-off, signature, ###).

    Word has no such property: the paragraph above is kept with the next instead.
    """
    if isinstance(block, (ListBlock, Table, Quote)):
        return False  # a quotation's attribution is kept by its Quote style's keep-with-next
    return house.look(STYLE_ROLES[_block_style(block)]).keep_with_previous


def _keep_last_paragraph_with_next(word: WordDocument, house: HouseStyle) -> None:
    """Carry the letter's last lines over with the sign-off, every signature with the
    next, the contacts with ###: a closing, a second signatory or the end mark alone
    at the top of a page looks detached from the release."""
    # The body's last block (python-docx's iter_inner_content lists them all: a letter of n
    # blocks would pay n² for this). A paragraph only (a table's rows already stay together),
    # and only where its style does not already keep with next (the sign-off's does).
    last = _last_block(word)
    if last is not None and last.tag == qn("w:p"):
        paragraph = WordParagraph(last, word._body)
        if not style_gives(house, _STYLE_NAMES.get(last.style or "", "Normal"), "keep_with_next"):
            paragraph.paragraph_format.keep_with_next = True


def _last_block(word: WordDocument):
    """The last paragraph or table of the body (its section properties come after it), or None."""
    for child in reversed(word.element.body):
        if child.tag in (qn("w:p"), qn("w:tbl")):
            return child
    return None


def _add_list(word: WordDocument, block: ListBlock, house: HouseStyle) -> None:
    style = list_style(block.role, block.ordered)
    sublists = [item.sublist for item in block.items if item.sublist is not None]
    nested = (sublists[0].style, sublists[0].start) if sublists else ("bullet", 1)
    # A new numbering instance per list: ordered lists restart at their own start.
    num_id = start_list(word, block.style, block.start if block.ordered else None, *nested)
    for item in block.items:
        number_paragraph(_add_paragraph(word, style, item.inlines, house), num_id)
        if item.sublist is None:
            continue
        # Nested items at level 1 of the list's own instance, unless this sublist's style or
        # start differs from the first one's (a level has one format per instance).
        sub_id = num_id
        if (item.sublist.style, item.sublist.start) != nested:
            sub_id = start_sublist(word, block.style, item.sublist.style, item.sublist.start)
        for sub in item.sublist.items:
            number_paragraph(_add_paragraph(word, style, sub.inlines, house), sub_id, level=1)


def _add_quote(word: WordDocument, block: Quote, house: HouseStyle) -> None:
    for paragraph in block.paragraphs:
        _add_paragraph(word, QUOTE_STYLE, paragraph, house)
    if block.attribution:
        # The dash is text, as in the wire text: Word has no style that prints one.
        _add_paragraph(word, ATTRIBUTION_STYLE, (Text(f"{ATTRIBUTION_DASH} "), *block.attribution), house)


# --- inlines ------------------------------------------------------------------------


def _add_inline(paragraph: WordParagraph, style: str, inline: Inline, house: HouseStyle) -> None:
    if isinstance(inline, LineBreak):
        paragraph.add_run().add_break()
    elif inline.href:
        _add_hyperlink(paragraph, style, inline, house)
    else:
        _add_text_run(paragraph, style, inline, house)


def _add_text_run(paragraph: WordParagraph, style: str, text: Text, house: HouseStyle) -> None:
    bold, italic = _emphasis_to_add(house, style, text)
    # One character style per run: Strong for bold (italic too, if both), else Emphasis.
    char_style = "Strong" if bold else "Emphasis" if italic else None
    run = _styled_run(paragraph, text.text, char_style)
    if bold and italic:
        run.italic = True


def _styled_run(paragraph: WordParagraph, text: str, char_style: str | None):
    """paragraph.add_run(text, style=char_style), with the style's id looked up once per process:
    python-docx searches the styles part twice for every styled run (~2 ms of every letter)."""
    run = paragraph.add_run(text)
    if char_style is not None:
        run._r.style = _STYLE_IDS[char_style]
    return run


def _add_hyperlink(paragraph: WordParagraph, style: str, text: Text, house: HouseStyle) -> None:
    """A real w:hyperlink with an external relationship, styled by Word's Hyperlink style."""
    rId = paragraph.part.relate_to(text.href, RT.HYPERLINK, is_external=True)
    link = OxmlElement("w:hyperlink", {qn("r:id"): rId, qn("w:history"): "1"})
    run = _styled_run(paragraph, text.text, "Hyperlink")
    bold, italic = _emphasis_to_add(house, style, text)
    run.bold = True if bold else None
    run.italic = True if italic else None
    link.append(run._r)  # moves the run from the paragraph into the link
    paragraph._p.append(link)


def _emphasis_to_add(house: HouseStyle, style: str, text: Text) -> tuple[bool, bool]:
    """Bold/italic the paragraph style does not already give.

    Word treats bold and italic as toggles: Strong inside a bold style would
    switch bold *off*, so emphasis the style already has is not re-applied.
    """
    return text.bold and not style_gives(house, style, "bold"), text.italic and not style_gives(house, style, "italic")
