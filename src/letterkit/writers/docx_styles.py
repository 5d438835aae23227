"""The Word style table: one small spec per style, its look from the house style.

Legal edits the DOCX in Word, so every paragraph carries a named style and the
formatting lives in the style, never in the runs. How each style looks (font,
size, weight, italics, colour, alignment, line height, spacing, indents, rules,
what stays together) is the house style's look for its role, the same look the
PDF's CSS is made from (house_style.py, house_css.py); what is Word's own (the
base style, the next style, the outline level) is written here. The fonts are
the house style's, embedded in the package (docx_fonts), so Word shows what the
PDF prints.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from docx.document import Document as WordDocument
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Pt, RGBColor
from docx.styles.style import BaseStyle, StyleFactory

from letterkit.house_style import BandSpec, HouseStyle, Look
from letterkit.writers.docx_table_style import TABLE_STYLE, define_table_style


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
    line_height: float | None = None  # points, at least
    space_before: float | None = None  # points
    space_after: float | None = None  # points
    keep_with_next: bool | None = None
    keep_together: bool | None = None
    indent: float | None = None  # points from the left margin
    border: tuple[str, float, float, str] | None = None  # (side, width pt, gap pt, RRGGBB): a rule
    outline_level: int | None = None  # 0 = top level in Word's navigation pane
    next_style: str | None = None  # what Enter gives in Word at the end of a paragraph
    # A style Word knows by name (but the template lacks): written without
    # w:customStyle so Word treats it as its own instead of a look-alike.
    word_builtin: bool = False


_P = WD_STYLE_TYPE.PARAGRAPH
_ALIGNMENTS = {
    "left": WD_ALIGN_PARAGRAPH.LEFT, "center": WD_ALIGN_PARAGRAPH.CENTER,
    "right": WD_ALIGN_PARAGRAPH.RIGHT, "justify": WD_ALIGN_PARAGRAPH.JUSTIFY,
}  # fmt: skip


@dataclass(frozen=True)
class WordStyle:
    """A Word style: the house role it looks like (None: a character style), and what only Word has."""

    name: str
    role: str | None
    base: str | None = "Normal"
    align: str | None = None  # instead of the role's (table cells by column)
    outline_level: int | None = None
    next_style: str | None = None
    word_builtin: bool = False


# Order matters: a style's base and next style are defined before it is used.
WORD_STYLES: tuple[WordStyle, ...] = (
    WordStyle("Normal", "text", base=None),
    # Items sit together (the template's contextual spacing); the list ends like a paragraph.
    WordStyle("List Bullet", "list"),
    WordStyle("List Number", "list"),
    WordStyle("Letter Body", "body", next_style="Letter Body"),
    WordStyle("Release Headline", "headline", outline_level=0),
    WordStyle("Release Subheadline", "subheadline"),
    WordStyle("Release Lead", "lead"),
    WordStyle("Letter Date", "letter-date"),
    WordStyle("Letter Title", "letter-title", outline_level=1),
    WordStyle("Letter Salutation", "salutation", next_style="Letter Body"),
    WordStyle("Letter Heading", "section", outline_level=2, next_style="Letter Body"),
    WordStyle("Letter Subheading", "subsection", outline_level=3, next_style="Letter Body"),
    # "Key points:" and its bullets. Based on List Bullet: its bullets in Word, and its
    # contextual spacing (items sit together).
    WordStyle("Highlights List", "highlights-list", base="List Bullet"),
    WordStyle("Highlights Intro", "highlights", next_style="Highlights List"),
    # Word's own Quote (the template has it), kept with its attribution.
    WordStyle("Quote Attribution", "attribution", next_style="Letter Body"),
    WordStyle("Quote", "quote", next_style="Quote Attribution"),
    # Table cells: text, figures (right-aligned), centred, and the header row's of each.
    WordStyle("Table Text", "table-text", next_style="Table Text"),
    WordStyle("Table Figure", "table-text", base="Table Text", align="right", next_style="Table Figure"),
    WordStyle("Table Text Centered", "table-text", base="Table Text", align="center", next_style="Table Text Centered"),
    WordStyle("Table Heading", "table-heading", base="Table Text"),
    WordStyle("Table Figure Heading", "table-heading", base="Table Heading", align="right"),
    WordStyle("Table Heading Centered", "table-heading", base="Table Heading", align="center"),
    WordStyle("Letter Sign-off", "signoff"),
    WordStyle("Signature", "signature", word_builtin=True),
    WordStyle("Boilerplate Text", "boilerplate", next_style="Boilerplate Text"),
    WordStyle("Boilerplate List", "boilerplate-list", base="List Bullet"),
    WordStyle("Boilerplate Heading", "boilerplate-heading", outline_level=1, next_style="Boilerplate Text"),
    WordStyle("Contact", "contact", next_style="Contact"),
    WordStyle("Contacts Heading", "contacts-heading", outline_level=1, next_style="Contact"),
    WordStyle("Source Line", "source"),
    WordStyle("End Marker", "end-marker"),
)

# Which house role each Word paragraph style shows (the test comparing formats reads this).
STYLE_ROLES: dict[str, str] = {style.name: style.role for style in WORD_STYLES if style.role is not None}


@cache
def style_specs(house: HouseStyle) -> tuple[StyleSpec, ...]:
    """Every style letterkit defines, in definition order, each with its full look from `house`."""
    specs = [_look_spec(house, style) for style in WORD_STYLES]
    specs += [_band_spec(house, "Header", house.header), _band_spec(house, "Footer", house.footer)]
    # Word's built-in character style for links; python-docx's template lacks it.
    specs.append(
        StyleSpec(
            "Hyperlink", kind=WD_STYLE_TYPE.CHARACTER, base="Default Paragraph Font",
            color=house.link.color.upper(), underline=house.link.underline, word_builtin=True,
        )  # fmt: skip
    )
    return tuple(specs)


def _look_spec(house: HouseStyle, style: WordStyle) -> StyleSpec:
    look: Look = house.text if style.role == "text" else house.look(style.role)  # type: ignore[arg-type]
    border = None
    if look.rule == "left":
        from letterkit.house_css import RULE_GAP, RULE_WIDTH

        border = ("left", RULE_WIDTH, RULE_GAP, look.rule_color)
    elif look.rule == "below":
        from letterkit.house_css import RULE_WIDTH

        border = ("bottom", RULE_WIDTH / 2, 1, look.rule_color)
    return StyleSpec(
        style.name,
        base=style.base,
        font=house.family(look.font).family,
        size=look.size,
        bold=look.bold,
        italic=look.italic,
        color=look.color.upper(),
        align=_ALIGNMENTS[style.align or look.align],
        line_height=round(look.size * look.line_height * 20) / 20,  # Word's twentieths of a point
        space_before=look.space_before,
        space_after=look.space_after,
        keep_with_next=look.keep_with_next,
        keep_together=look.keep_together,
        indent=look.indent_left,
        border=border,
        outline_level=style.outline_level,
        next_style=style.next_style,
        word_builtin=style.word_builtin,
    )


def _band_spec(house: HouseStyle, name: str, band: BandSpec) -> StyleSpec:
    from letterkit.house_css import BAND_RULE_COLOUR, BAND_RULE_GAP, BAND_RULE_WIDTH

    side = {"below": "bottom", "above": "top"}.get(band.rule)
    return StyleSpec(
        name,
        font=house.family(band.font).family,
        size=band.size,
        bold=band.bold,
        italic=False,
        color=band.color.upper(),
        align=_ALIGNMENTS[band.align],
        line_height=round(band.size * 1.2, 2),
        space_before=0,
        space_after=0,
        border=(side, BAND_RULE_WIDTH, BAND_RULE_GAP, BAND_RULE_COLOUR) if side else None,
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


def style_gives(house: HouseStyle, name: str, attribute: str) -> bool:
    """Whether the style, or a style it is based on, sets `attribute` ("bold", "italic", "keep_with_next")."""
    specs = _specs_by_name(house)
    spec = specs.get(name)
    while spec is not None:
        value = getattr(spec, attribute)
        if value is not None:
            return value
        spec = specs.get(spec.base) if spec.base is not None else None
    return False


@cache
def _specs_by_name(house: HouseStyle) -> dict[str, StyleSpec]:
    return {spec.name: spec for spec in style_specs(house)}


def apply_styles(document: WordDocument, language: str, house: HouseStyle) -> None:
    """Make the template's styles match the table, creating the missing ones."""
    _set_document_defaults(document, language, house)
    # One pass over the template's ~160 styles: `document.styles[name]` and python-docx's
    # add_style walk all of them, for each of ours (~1 ms a time).
    styles: dict[str, BaseStyle] = {}
    for style in document.styles:
        styles.setdefault(style.name, style)
    for spec in style_specs(house):
        if spec.name not in styles:
            styles[spec.name] = _add_style(document, spec)
        _apply_spec(styles, styles[spec.name], spec, _complex_script_font(house))
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


def _apply_spec(styles: dict[str, BaseStyle], style: BaseStyle, spec: StyleSpec, complex_script: str | None) -> None:
    if spec.base is not None:
        style.base_style = styles[spec.base]
    _apply_font(style, spec, complex_script)
    if spec.kind == _P:
        _apply_paragraph_format(styles, style, spec)


def _complex_script_font(house: HouseStyle) -> str | None:
    return house.fonts.complex_script.family if house.fonts.complex_script is not None else None


def _apply_font(style: BaseStyle, spec: StyleSpec, complex_script: str | None) -> None:
    font = style.font
    if spec.font is not None:
        font.name = spec.font
        # Complex-script text (Hebrew, Arabic) uses w:cs, not the Latin font slots: the
        # house style's complex-script family, as the PDF's CSS falls back to it.
        style.element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:cs"), complex_script or spec.font)
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
    if spec.line_height is not None:  # at least the CSS line-height: a taller glyph still fits
        fmt.line_spacing_rule = WD_LINE_SPACING.AT_LEAST
        fmt.line_spacing = Pt(spec.line_height)
    if spec.indent is not None:
        fmt.left_indent = Pt(spec.indent)
    if spec.border is not None:
        _set_border(style, *spec.border)
    if spec.outline_level is not None:
        style.element.get_or_add_pPr().get_or_add_outlineLvl().val = spec.outline_level
    if spec.next_style is not None:
        style.next_paragraph_style = styles[spec.next_style]
    if spec.base is None:  # the root style: no widows or orphans (the CSS's widows and orphans: 2)
        fmt.widow_control = True


def _set_border(style: BaseStyle, side: str, width: float, gap: float, colour: str) -> None:
    """A rule on one side of the paragraph (w:pBdr): width in eighths of a point, the gap in points."""
    pPr = style.element.get_or_add_pPr()
    for old in pPr.findall(qn("w:pBdr")):
        pPr.remove(old)
    border = OxmlElement("w:pBdr")
    border.append(
        OxmlElement(
            f"w:{side}",
            {qn("w:val"): "single", qn("w:sz"): str(round(width * 8)), qn("w:space"): f"{gap:g}", qn("w:color"): colour.upper()},
        )
    )
    # The schema's order: w:pBdr comes after w:keepNext…w:pageBreakBefore, before w:shd/w:spacing.
    anchor = next((pPr.find(qn(tag)) for tag in ("w:shd", "w:tabs", "w:spacing", "w:ind", "w:jc", "w:outlineLvl") if pPr.find(qn(tag)) is not None), None)
    if anchor is not None:
        anchor.addprevious(border)
    else:
        pPr.append(border)


def _set_document_defaults(document: WordDocument, language: str, house: HouseStyle) -> None:
    """Replace the template's theme fonts (Cambria/Calibri) and en-US with ours.

    Theme font attributes in w:docDefaults win over plain font names, so they
    must go for the house style's text font to show through everywhere.
    """
    rPr = document.styles.element.find(qn("w:docDefaults") + "/" + qn("w:rPrDefault") + "/" + qn("w:rPr"))
    rFonts = rPr.find(qn("w:rFonts"))
    for slot in ("asciiTheme", "hAnsiTheme", "cstheme"):
        rFonts.attrib.pop(qn(f"w:{slot}"), None)
    for slot in ("ascii", "hAnsi", "cs"):
        rFonts.set(qn(f"w:{slot}"), house.family(house.text.font).family)
    lang = rPr.find(qn("w:lang"))
    lang.set(qn("w:val"), word_language(language))
