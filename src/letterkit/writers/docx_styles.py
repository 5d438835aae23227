"""The Word style table: one small spec per style, applied to python-docx's template.

Legal edits the DOCX in Word, so every paragraph carries a named style and
the formatting lives in the style, never in the runs. Fonts are ones every
Word installation has (the PDF's Noto fonts are not on legal's machines).
"""

from __future__ import annotations

from dataclasses import dataclass

from docx.document import Document as WordDocument
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Pt, RGBColor
from docx.styles.style import BaseStyle, StyleFactory

from letterkit.writers.docx_table_style import TABLE_STYLE, define_table_style

BODY_FONT = "Times New Roman"
HEADING_FONT = "Arial"


@dataclass(frozen=True)
class StyleSpec:
    """What one Word style looks like; None leaves the base style's value alone."""

    name: str
    kind: WD_STYLE_TYPE = WD_STYLE_TYPE.PARAGRAPH
    base: str | None = "Normal"
    font: str | None = None
    size: float | None = None  # points
    bold: bool | None = None
    italic: bool | None = None
    color: str | None = None  # RRGGBB
    underline: bool | None = None
    align: WD_ALIGN_PARAGRAPH | None = None
    space_before: float | None = None  # points
    space_after: float | None = None  # points
    keep_with_next: bool | None = None
    keep_together: bool | None = None
    indent: float | None = None  # points from the left and the right margin (a quotation's)
    outline_level: int | None = None  # 0 = top level in Word's navigation pane
    next_style: str | None = None  # what Enter gives in Word at the end of a paragraph
    # A style Word knows by name (but the template lacks): written without
    # w:customStyle so Word treats it as its own instead of a look-alike.
    word_builtin: bool = False


_P = WD_STYLE_TYPE.PARAGRAPH
_CENTER, _RIGHT = WD_ALIGN_PARAGRAPH.CENTER, WD_ALIGN_PARAGRAPH.RIGHT
_QUOTE_INDENT = 36  # points: a quotation is set in by half an inch on both sides

# Order matters: a style's base and next style are defined before it is used.
STYLES: tuple[StyleSpec, ...] = (
    # Built-ins, retuned so everything based on them inherits a letter's look.
    StyleSpec("Normal", base=None, font=BODY_FONT, size=12, space_before=0, space_after=0),
    StyleSpec("Header", font=HEADING_FONT, size=9, color="595959", align=_RIGHT),
    StyleSpec("Footer", font=HEADING_FONT, size=9, color="595959", align=_CENTER),
    # Items sit together (the template's contextual spacing); the list ends like a paragraph.
    StyleSpec("List Bullet", space_after=12, keep_together=True),
    StyleSpec("List Number", space_after=12, keep_together=True),
    # The letter's own styles, one per role.
    StyleSpec("Letter Body", space_after=12, next_style="Letter Body"),
    StyleSpec(
        "Release Headline", font=HEADING_FONT, size=16, bold=True, align=_CENTER,
        space_after=6, keep_with_next=True, keep_together=True, outline_level=0,
    ),
    StyleSpec(
        "Release Subheadline", font=HEADING_FONT, size=12, align=_CENTER,
        space_after=18, keep_with_next=True, keep_together=True,
    ),
    StyleSpec("Release Lead", space_after=12),
    StyleSpec("Letter Date", space_before=6, space_after=12, keep_with_next=True),
    StyleSpec(
        "Letter Title", font=HEADING_FONT, size=13, bold=True, align=_CENTER,
        space_before=6, space_after=12, keep_with_next=True, outline_level=1,
    ),
    StyleSpec("Letter Salutation", space_after=12, keep_with_next=True, next_style="Letter Body"),
    StyleSpec(
        "Letter Heading", font=HEADING_FONT, size=12, bold=True, space_before=6,
        space_after=6, keep_with_next=True, outline_level=2, next_style="Letter Body",
    ),
    StyleSpec(
        "Letter Subheading", font=HEADING_FONT, size=11, bold=True, italic=True, space_before=6,
        space_after=6, keep_with_next=True, outline_level=3, next_style="Letter Body",
    ),
    # "Key points:" and its bullets, under the headline or after the lead. Based on
    # List Bullet: its bullets in Word, and its contextual spacing (items sit together).
    StyleSpec("Highlights List", base="List Bullet", space_after=12, keep_together=True),
    StyleSpec("Highlights Intro", space_after=6, keep_with_next=True, next_style="Highlights List"),
    # Word's own Quote (the template has it), set in, kept with its attribution; that one upright.
    StyleSpec("Quote Attribution", indent=_QUOTE_INDENT, space_after=12, keep_together=True, next_style="Letter Body"),
    StyleSpec(
        "Quote", italic=True, indent=_QUOTE_INDENT, space_after=6, keep_with_next=True,
        next_style="Quote Attribution",
    ),
    # Table cells: text, figures (right-aligned), centred, and the header row's of each.
    StyleSpec("Table Text", size=11, next_style="Table Text"),
    StyleSpec("Table Figure", base="Table Text", align=_RIGHT, next_style="Table Figure"),
    StyleSpec("Table Text Centered", base="Table Text", align=_CENTER, next_style="Table Text Centered"),
    # The header row stays with the first row of figures.
    StyleSpec("Table Heading", base="Table Text", bold=True, keep_with_next=True),
    StyleSpec("Table Figure Heading", base="Table Heading", align=_RIGHT),
    StyleSpec("Table Heading Centered", base="Table Heading", align=_CENTER),
    # Room above the signature for a wet signature, kept on the signer's page.
    StyleSpec("Letter Sign-off", space_before=6, space_after=36, keep_with_next=True),
    StyleSpec("Signature", space_after=18, keep_together=True, word_builtin=True),
    StyleSpec("Boilerplate Text", size=11, space_after=12, next_style="Boilerplate Text"),
    StyleSpec("Boilerplate List", base="List Bullet", size=11, space_after=12, keep_together=True),
    StyleSpec(
        "Boilerplate Heading", font=HEADING_FONT, size=11, bold=True, space_before=12,
        space_after=6, keep_with_next=True, outline_level=1, next_style="Boilerplate Text",
    ),
    StyleSpec("Contact", size=11, space_after=12, keep_together=True, next_style="Contact"),
    StyleSpec(
        "Contacts Heading", font=HEADING_FONT, size=11, bold=True, space_before=12,
        space_after=6, keep_with_next=True, outline_level=1, next_style="Contact",
    ),
    StyleSpec("Source Line", size=11, space_after=12),
    StyleSpec("End Marker", align=_CENTER, space_before=12),
    # Word's built-in character style for links; python-docx's template lacks it.
    StyleSpec(
        "Hyperlink", kind=WD_STYLE_TYPE.CHARACTER, base="Default Paragraph Font",
        color="0563C1", underline=True, word_builtin=True,
    ),
)

# Document role -> style. Headings and paragraphs share one role namespace.
ROLE_STYLES: dict[str, str] = {
    "headline": "Release Headline",
    "subheadline": "Release Subheadline",
    "letter-title": "Letter Title",
    "section": "Letter Heading",
    "about-heading": "Boilerplate Heading",
    "forward-looking-heading": "Boilerplate Heading",
    "boilerplate-heading": "Boilerplate Heading",
    "contacts-heading": "Contacts Heading",
    "highlights": "Highlights Intro",
    "lead": "Release Lead",
    "letter-date": "Letter Date",
    "salutation": "Letter Salutation",
    "body": "Letter Body",
    "signoff": "Letter Sign-off",
    "signature": "Signature",
    "about": "Boilerplate Text",
    "forward-looking": "Boilerplate Text",
    "boilerplate": "Boilerplate Text",
    "contact": "Contact",
    "source": "Source Line",
    "end-marker": "End Marker",
}


def word_language(language: str) -> str:
    """Word's proofing wants a region: a bare "en" becomes the US English of the filings."""
    return _DEFAULT_REGIONS.get(language.lower(), language)


_DEFAULT_REGIONS = {"en": "en-US"}


# A level-2 section heading; level 1 is ROLE_STYLES["section"].
SUBSECTION_STYLE = "Letter Subheading"

# List role -> (bulleted list's style, numbered or lettered list's style). A nested
# item keeps its list's style (as in Word, where Tab demotes an item within its style)
# so contextual spacing holds the whole list together; its numbering level indents it.
LIST_ROLE_STYLES: dict[str, tuple[str, str]] = {
    "body": ("List Bullet", "List Number"),
    "highlights": ("Highlights List", "Highlights List"),
    "about": ("Boilerplate List", "Boilerplate List"),
    "forward-looking": ("Boilerplate List", "Boilerplate List"),
    "boilerplate": ("Boilerplate List", "Boilerplate List"),
}

QUOTE_STYLE, ATTRIBUTION_STYLE = "Quote", "Quote Attribution"

# Column alignment -> (header cell's style, other cells' style).
TABLE_CELL_STYLES: dict[str, tuple[str, str]] = {
    "left": ("Table Heading", "Table Text"),
    "right": ("Table Figure Heading", "Table Figure"),
    "center": ("Table Heading Centered", "Table Text Centered"),
}


def list_style(role: str, ordered: bool) -> str:
    return LIST_ROLE_STYLES[role][ordered]


def style_gives(name: str, attribute: str) -> bool:
    """Whether the style, or a style it is based on, sets `attribute` ("bold", "italic", "keep_with_next")."""
    spec = _SPECS_BY_NAME.get(name)
    while spec is not None:
        value = getattr(spec, attribute)
        if value is not None:
            return value
        spec = _SPECS_BY_NAME.get(spec.base)
    return False


_SPECS_BY_NAME = {spec.name: spec for spec in STYLES}


def apply_styles(document: WordDocument, language: str) -> None:
    """Make the template's styles match the table, creating the missing ones."""
    _set_document_defaults(document, language)
    # One pass over the template's ~160 styles: `document.styles[name]` and python-docx's
    # add_style walk all of them, for each of ours (~1 ms a time).
    styles: dict[str, BaseStyle] = {}
    for style in document.styles:
        styles.setdefault(style.name, style)
    for spec in STYLES:
        if spec.name not in styles:
            styles[spec.name] = _add_style(document, spec)
        _apply_spec(styles, styles[spec.name], spec)
    table_style = _new_style(document, TABLE_STYLE, WD_STYLE_TYPE.TABLE)
    table_style.base_style = styles["Normal Table"]
    define_table_style(table_style)


def _add_style(document: WordDocument, spec: StyleSpec) -> BaseStyle:
    style = _new_style(document, spec.name, spec.kind, spec.word_builtin)
    # Show the letter's styles in Word's gallery so legal can apply them.
    style.quick_style = spec.kind == _P
    return style


def _new_style(document: WordDocument, name: str, kind: WD_STYLE_TYPE, word_builtin: bool = False) -> BaseStyle:
    """A style known not to be there yet; a Word built-in is written without w:customStyle."""
    return StyleFactory(document.styles.element.add_style_of_type(name, kind, word_builtin))


def _apply_spec(styles: dict[str, BaseStyle], style: BaseStyle, spec: StyleSpec) -> None:
    if spec.base is not None:
        style.base_style = styles[spec.base]
    _apply_font(style, spec)
    if spec.kind == _P:
        _apply_paragraph_format(styles, style, spec)


def _apply_font(style: BaseStyle, spec: StyleSpec) -> None:
    font = style.font
    if spec.font is not None:
        font.name = spec.font
        # Complex-script text (Hebrew, Arabic) uses w:cs, not the Latin font slots.
        style.element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:cs"), spec.font)
    if spec.size is not None:
        font.size = Pt(spec.size)
        _set_complex_script_size(style, spec.size)
    if spec.bold is not None:
        font.bold = spec.bold
    if spec.italic is not None:
        font.italic = spec.italic
    if spec.color is not None:
        font.color.rgb = RGBColor.from_string(spec.color)
    if spec.underline is not None:
        font.underline = spec.underline


def _set_complex_script_size(style: BaseStyle, size: float) -> None:
    """w:szCs, so right-to-left runs are the same size as the Latin text beside them."""
    rPr = style.element.get_or_add_rPr()
    for old in rPr.findall(qn("w:szCs")):
        rPr.remove(old)
    szCs = OxmlElement("w:szCs", {qn("w:val"): str(round(size * 2))})
    rPr.get_or_add_sz().addnext(szCs)


def _apply_paragraph_format(styles: dict[str, BaseStyle], style: BaseStyle, spec: StyleSpec) -> None:
    fmt = style.paragraph_format
    if spec.align is not None:
        fmt.alignment = spec.align
    if spec.space_before is not None:
        fmt.space_before = Pt(spec.space_before)
    if spec.space_after is not None:
        fmt.space_after = Pt(spec.space_after)
    if spec.keep_with_next is not None:
        fmt.keep_with_next = spec.keep_with_next
    if spec.keep_together is not None:
        fmt.keep_together = spec.keep_together
    if spec.indent is not None:
        fmt.left_indent = fmt.right_indent = Pt(spec.indent)
    if spec.outline_level is not None:
        style.element.get_or_add_pPr().get_or_add_outlineLvl().val = spec.outline_level
    if spec.next_style is not None:
        style.next_paragraph_style = styles[spec.next_style]
    if spec.base is None:  # the root style: single spacing, no widows or orphans
        fmt.line_spacing_rule = WD_LINE_SPACING.SINGLE
        fmt.widow_control = True


def _set_document_defaults(document: WordDocument, language: str) -> None:
    """Replace the template's theme fonts (Cambria/Calibri) and en-US with ours.

    Theme font attributes in w:docDefaults win over plain font names, so they
    must go for Times New Roman to show through everywhere.
    """
    rPr = document.styles.element.find(qn("w:docDefaults") + "/" + qn("w:rPrDefault") + "/" + qn("w:rPr"))
    rFonts = rPr.find(qn("w:rFonts"))
    for slot in ("asciiTheme", "hAnsiTheme", "cstheme"):
        rFonts.attrib.pop(qn(f"w:{slot}"), None)
    for slot in ("ascii", "hAnsi", "cs"):
        rFonts.set(qn(f"w:{slot}"), BODY_FONT)
    lang = rPr.find(qn("w:lang"))
    lang.set(qn("w:val"), word_language(language))
