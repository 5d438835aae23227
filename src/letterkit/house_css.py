"""The house style as CSS: the role rules of the PDF and the saved HTML.

The print stylesheet (styles/print@3 on) holds the mechanics and a line
`/* letterkit: house style */` where these rules go; an older stylesheet has its own role
rules and gets none. The html rule states the text's look; each role's rule what differs
from it (a heading's or a header cell's, which the browser's own stylesheet dresses, all
of it) and its spaces, so what the PDF shows of a role is what the house style says
(tests/test_house_style.py reads WeasyPrint's computed styles to hold it to that).

Two variants: for the PDF, @font-face rules load the house fonts from the assets folder
(under family names of their own, "Noto Serif Letterkit", so an installed font of the same
name and another version is never taken instead); for the saved .html, which must work on
its own, no file is referenced: the families are asked for by their own names, and a
machine without them shows its serif or sans-serif.
"""

from __future__ import annotations

from functools import lru_cache

from letterkit.house_style import HouseStyle, Look

HOUSE_RULES_MARK = "/* letterkit: house style */"

# House role -> the elements the HTML writer gives that role (html_writer: class = role).
ROLE_SELECTORS: dict[str, str] = {
    "headline": ".headline",
    "subheadline": ".subheadline",
    "highlights": "p.highlights",
    "highlights-list": "ul.highlights, ol.highlights",
    "lead": "p.lead",
    "letter-date": "p.letter-date",
    "letter-title": ".letter-title",
    "salutation": "p.salutation",
    "body": "p.body",
    "list": "ul.body, ol.body",
    "section": ".section",
    "subsection": '.section[data-level="2"]',
    "quote": ".quote > p",
    "attribution": ".quote .attribution",
    "signoff": "p.signoff",
    "signature": "p.signature",
    "boilerplate-heading": ".about-heading, .forward-looking-heading, .boilerplate-heading",
    "boilerplate": "p.about, p.forward-looking, p.boilerplate",
    "boilerplate-list": "ul.about, ol.about, ul.forward-looking, ol.forward-looking, ul.boilerplate, ol.boilerplate",
    "contacts-heading": ".contacts-heading",
    "contact": "p.contact",
    "source": "p.source",
    "end-marker": "p.end-marker",
    "table-text": ".table td",
    "table-heading": ".table th",
}

_GENERIC = {"serif": "serif", "sans": "sans-serif"}
_WEIGHTS = {False: 400, True: 700}
_FACES = {"regular": (400, "normal"), "bold": (700, "normal"), "italic": (400, "italic"), "bold_italic": (700, "italic")}
RULE_WIDTH, RULE_GAP = 1.5, 9  # points: a quotation's rule, and the room between it and the text
BAND_RULE_WIDTH, BAND_RULE_GAP, BAND_RULE_COLOUR = 0.5, 4, "8a8f98"  # the running header's


def print_family(family: str) -> str:
    """The name a house font gets in the PDF: its own, so an installed font cannot stand in."""
    return f"{family} Letterkit"


def house_css(style: HouseStyle, *, for_print: bool) -> str:
    """Every role's rule (and for print the @font-face rules and the page's bands)."""
    parts = [f"/* The house style {style.ref} ({style.name}), made by letterkit: do not edit here. */"]
    if for_print:
        parts += _font_faces(style)
    parts.append(_rule("html", _text_declarations(style, style.text, for_print)))
    for role, selector in ROLE_SELECTORS.items():
        parts.append(_rule(selector, _declarations(style, role, for_print)))
    decoration = "underline" if style.link.underline else "none"
    parts.append(_rule("a", [f"color: #{style.link.color}", f"text-decoration: {decoration}"]))
    if for_print:
        parts.append(_bands(style))
    return "\n".join(parts) + "\n"


@lru_cache(maxsize=16)  # per stylesheet and style: a batch asks twice for every letter
def stylesheet_with_house_rules(print_css: str, style: HouseStyle | None, *, for_print: bool) -> str:
    """The print stylesheet with the house rules where it marks them (unchanged without the mark)."""
    if style is None or HOUSE_RULES_MARK not in print_css:
        return print_css
    return print_css.replace(HOUSE_RULES_MARK, house_css(style, for_print=for_print), 1)


def font_stack(style: HouseStyle, key: str, *, for_print: bool) -> str:
    family = style.family(key)  # type: ignore[arg-type]
    names = [family.family]
    if style.fonts.complex_script is not None:
        names.append(style.fonts.complex_script.family)
    quoted = ", ".join(f'"{print_family(name) if for_print else name}"' for name in names)
    return f"{quoted}, {_GENERIC[key]}"


def _font_faces(style: HouseStyle) -> list[str]:
    families = [style.fonts.serif, style.fonts.sans, style.fonts.complex_script]
    rules = []
    for family in families:
        if family is None:
            continue
        for face, file in family.faces().items():
            weight, slant = _FACES[face]
            rules.append(
                f'@font-face {{ font-family: "{print_family(family.family)}"; font-weight: {weight}; '
                f"font-style: {slant}; src: url({file}); }}"
            )
    return rules


def _text_declarations(style: HouseStyle, look: Look, for_print: bool) -> list[str]:
    return [
        f"font-family: {font_stack(style, look.font, for_print=for_print)}",
        f"font-size: {_pt(look.size)}",
        f"line-height: {look.line_height:g}",
        f"color: #{look.color}",
    ]


# Roles whose elements the browser's own stylesheet dresses (h1-h6: size and weight; th: weight
# and centring; ul and ol: WeasyPrint's keeps them with what is above): every property is stated. Other roles state what differs from the text's look,
# which they inherit; each needless declaration costs WeasyPrint time on every element.
UA_STYLED_ROLES = frozenset({
    "headline", "subheadline", "letter-title", "section", "subsection", "boilerplate-heading",
    "contacts-heading", "table-heading", "list", "highlights-list", "boilerplate-list",
})  # fmt: skip


def _declarations(style: HouseStyle, role: str, for_print: bool) -> list[str]:
    look, text = style.look(role), style.text
    full = role in UA_STYLED_ROLES
    inherited = [
        (look.font, text.font, f"font-family: {font_stack(style, look.font, for_print=for_print)}"),
        (look.size, text.size, f"font-size: {_pt(look.size)}"),
        (look.line_height, text.line_height, f"line-height: {look.line_height:g}"),
        (look.color, text.color, f"color: #{look.color}"),
        (look.bold, text.bold, f"font-weight: {_WEIGHTS[look.bold]}"),
        (look.italic, text.italic, f"font-style: {'italic' if look.italic else 'normal'}"),
        (look.align, text.align, f"text-align: {look.align}"),
    ]
    declarations = [declaration for value, default, declaration in inherited if full or value != default]
    # Not inherited: margins always (the browser gives headings and lists their own).
    declarations += [f"margin-top: {_pt(look.space_before)}", f"margin-bottom: {_pt(look.space_after)}"]
    declarations += [f"break-{side}: {'avoid' if kept else 'auto'}" for side, kept in (
        ("after", look.keep_with_next), ("before", look.keep_with_previous), ("inside", look.keep_together))
        if kept or full]
    if look.rule == "left":  # the rule in the indent, RULE_GAP from the text
        declarations += [
            f"margin-left: {_pt(max(look.indent_left - RULE_GAP - RULE_WIDTH, 0))}",
            f"padding-left: {_pt(RULE_GAP)}",
            f"border-left: {_pt(RULE_WIDTH)} solid #{look.rule_color}",
        ]
    elif look.indent_left:
        declarations.append(f"margin-left: {_pt(look.indent_left)}")
    if look.rule == "below":
        declarations.append(f"border-bottom: {_pt(RULE_WIDTH / 2)} solid #{look.rule_color}")
    return declarations


def _bands(style: HouseStyle) -> str:
    header, footer, page = style.header, style.footer, style.page
    margins = " ".join(_pt(m) for m in (page.margin_top, page.margin_right, page.margin_bottom, page.margin_left))
    boxes = [f"  margin: {margins};"]
    for box, band in (("@top-left", header), ("@bottom-center", footer)):
        declarations = [
            f"font-family: {font_stack(style, band.font, for_print=True)}",
            f"font-size: {_pt(band.size)}",
            f"font-weight: {_WEIGHTS[band.bold]}",
            f"color: #{band.color}",
            f"text-align: {band.align}",
        ]
        if band.rule != "none":
            side = "bottom" if band.rule == "below" else "top"
            declarations += [
                f"padding-{side}: {_pt(BAND_RULE_GAP)}",
                f"border-{side}: {_pt(BAND_RULE_WIDTH)} solid #{BAND_RULE_COLOUR}",
            ]
        boxes.append(f"  {box} {{ " + "; ".join(declarations) + "; }")
    # Page one carries the headline and no running header, so no rule either.
    return "@page {\n" + "\n".join(boxes) + "\n}\n@page :first { @top-left { border: none; } }"


def _rule(selector: str, declarations: list[str]) -> str:
    return f"{selector} {{\n" + "".join(f"  {declaration};\n" for declaration in declarations) + "}"


def _pt(points: float) -> str:
    return f"{points:g}pt"
