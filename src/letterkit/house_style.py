"""The house style: how every role of the Document looks, in one approved template.

`styles/house/v<N>.toml` says, once, the fonts (the files the PDF embeds and the DOCX
carries), the text's defaults, the running header and footer, and each role's look: font,
size, weight, italics, colour, alignment, line height, space above and below, indents and
rules, and what stays together. The print CSS's role rules (house_css) and the Word styles
(docx_styles) are both derived from it, so the two formats cannot drift apart, and legal's
approval of this one file covers how the PDF, the saved HTML and the DOCX look. The print
stylesheet keeps only the mechanics (page box, list markers, table rules) and says where the
house rules go.

A house style is a TOML template like the wire rules: versioned, approved, locked with its
font files, recorded in the manifest; a broken one is a template error at its file and line.
"""

from __future__ import annotations

import difflib
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, fields, replace
from functools import cache
from pathlib import PurePosixPath
from typing import TYPE_CHECKING, Annotated, Literal

from pydantic import AfterValidator, Field

from letterkit.errors import TemplateProblems, display_path
from letterkit.inputs.schema import Model
from letterkit.inputs.text_types import Name
from letterkit.inputs.validation import validate
from letterkit.inputs.yaml_source import YamlSource
from letterkit.template_names import HOUSE_STYLE_TEMPLATE
from letterkit.toml_positions import toml_positions

if TYPE_CHECKING:
    from letterkit.compose.template_store import TemplateVersion

FontKey = Literal["serif", "sans"]
Alignment = Literal["left", "center", "right", "justify"]
Rule = Literal["none", "below", "left"]
FACES = ("regular", "bold", "italic", "bold_italic")


def _font_file(value: str) -> str:
    path = PurePosixPath(value)
    if path.is_absolute() or ".." in path.parts or "\\" in value or not value.lower().endswith((".ttf", ".otf")):
        raise ValueError("must be a .ttf or .otf file inside the template folder's assets folder, e.g. fonts/X.ttf")
    return value


def _colour(value: str) -> str:
    if len(value) != 6 or any(c not in "0123456789abcdefABCDEF" for c in value):
        raise ValueError('must be six hexadecimal digits, e.g. "1b1d21"')
    return value.lower()


FontFile = Annotated[str, AfterValidator(_font_file)]
Colour = Annotated[str, AfterValidator(_colour)]
Points = Annotated[float, Field(ge=0, le=144)]
FontSize = Annotated[float, Field(ge=4, le=72)]
LineHeight = Annotated[float, Field(ge=1, le=3)]


class FontFamily(Model):
    family: Name = Field(description="The family's own name (in the font files), which the DOCX names")
    regular: FontFile
    bold: FontFile | None = None
    italic: FontFile | None = None
    bold_italic: FontFile | None = None

    def faces(self) -> dict[str, str]:
        """Face ("regular", "bold", …) -> font file, for the faces the family has."""
        return {face: getattr(self, face) for face in FACES if getattr(self, face) is not None}


class Fonts(Model):
    serif: FontFamily
    sans: FontFamily
    # Complex-script text (Hebrew, Arabic): what the PDF falls back to and Word's w:cs font.
    complex_script: FontFamily | None = None


class LookSpec(Model):
    """A role's look as written: what it leaves out it takes from [text]."""

    font: FontKey | None = None
    size: FontSize | None = None
    bold: bool | None = None
    italic: bool | None = None
    color: Colour | None = None
    align: Alignment | None = None
    line_height: LineHeight | None = None
    space_before: Points | None = None
    space_after: Points | None = None
    indent_left: Points | None = None
    rule: Rule | None = None
    rule_color: Colour | None = None
    keep_with_next: bool | None = None
    keep_with_previous: bool | None = None
    keep_together: bool | None = None


class TextSpec(Model):
    """The text's defaults, every role's starting point."""

    font: FontKey
    size: FontSize
    color: Colour
    line_height: LineHeight
    space_after: Points = Field(description="Space below a paragraph, in points")
    rule_color: Colour = Field(description="The colour of rules (header, quotations)")


class BandSpec(Model):
    """The running header or the footer."""

    font: FontKey
    size: FontSize
    bold: bool = False
    color: Colour
    align: Alignment
    rule: Literal["none", "below", "above"] = "none"


class PageSpec(Model):
    """The page's margins, in points (the page is US Letter)."""

    margin_top: Points
    margin_right: Points
    margin_bottom: Points
    margin_left: Points


class LinkSpec(Model):
    """How a link looks inside any role."""

    color: Colour
    underline: bool


# Every role a house style gives a look to; the writers map them to their own elements.
HouseRole = Literal[
    "headline", "subheadline", "highlights", "highlights-list", "lead", "letter-date", "letter-title",
    "salutation", "body", "list", "section", "subsection", "quote", "attribution", "signoff", "signature",
    "boilerplate-heading", "boilerplate", "boilerplate-list", "contacts-heading", "contact", "source",
    "end-marker", "table-text", "table-heading",
]  # fmt: skip


class HouseStyleSpec(Model):
    name: Name = Field(description="The house style's name, for messages")
    fonts: Fonts
    page: PageSpec
    text: TextSpec
    link: LinkSpec
    header: BandSpec
    footer: BandSpec
    roles: dict[str, LookSpec]  # every HouseRole, and nothing else (_check_roles)


@dataclass(frozen=True)
class Look:
    """A role's look with nothing left to inherit: what both writers apply."""

    font: FontKey
    size: float
    bold: bool
    italic: bool
    color: str
    align: Alignment
    line_height: float
    space_before: float
    space_after: float
    indent_left: float
    rule: Rule
    rule_color: str
    keep_with_next: bool
    keep_with_previous: bool
    keep_together: bool


@dataclass(frozen=True, eq=False)  # one object per version's text (_parse caches), compared as such
class HouseStyle:
    name: str
    fonts: Fonts
    page: PageSpec
    text: Look
    link: LinkSpec
    header: BandSpec
    footer: BandSpec
    roles: Mapping[str, Look]
    ref: str  # styles/house@N, for messages

    def look(self, role: str) -> Look:
        return self.roles[role]

    def family(self, key: FontKey) -> FontFamily:
        return self.fonts.serif if key == "serif" else self.fonts.sans

    def font_files(self) -> list[str]:
        """Every font file the style uses, in a fixed order (serif, sans, complex script; by face)."""
        families = [self.fonts.serif, self.fonts.sans, self.fonts.complex_script]
        return [file for family in families if family is not None for file in family.faces().values()]


def is_house_style(version: TemplateVersion) -> bool:
    return version.name == HOUSE_STYLE_TEMPLATE


def read_house_style(version: TemplateVersion) -> HouseStyle:
    """A house style version read and validated; TemplateProblems at the file's lines if it is broken."""
    return _parse(display_path(version.path), version.text, version.ref)


@cache  # per file name and content: a batch reads the same style for every letter
def _parse(where: str, text: str, ref: str) -> HouseStyle:
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise TemplateProblems([f"{where}: not valid TOML: {exc}"]) from None
    values, keys = toml_positions(text)
    source = YamlSource(where, data, values, keys)
    spec, problems = validate(HouseStyleSpec, source)
    if spec is None:
        raise TemplateProblems([str(problem) for problem in problems])
    _check_roles(source, spec)
    text_look = Look(
        font=spec.text.font, size=spec.text.size, bold=False, italic=False, color=spec.text.color, align="left",
        line_height=spec.text.line_height, space_before=0, space_after=spec.text.space_after, indent_left=0,
        rule="none", rule_color=spec.text.rule_color, keep_with_next=False, keep_with_previous=False,
        keep_together=False,
    )  # fmt: skip
    roles = {role: _resolved(text_look, look) for role, look in spec.roles.items()}
    return HouseStyle(spec.name, spec.fonts, spec.page, text_look, spec.link, spec.header, spec.footer, roles, ref)


def _check_roles(source: YamlSource, spec: HouseStyleSpec) -> None:
    """Every role has a look, and no look is for a role letterkit does not know (a typo)."""
    known = HouseRole.__args__  # type: ignore[attr-defined]
    problems = []
    for role in spec.roles:
        if role not in known:
            close = difflib.get_close_matches(role, known, n=1)
            hint = f" (did you mean {close[0]!r}?)" if close else f"; the roles are {', '.join(known)}"
            problems.append(source.problem(("roles", role), f"unknown role {role!r}{hint}", key=True))
    missing = [role for role in known if role not in spec.roles]
    if missing:
        first = ("roles", next(iter(spec.roles))) if spec.roles else ("roles",)
        problems.append(source.problem(first, f"gives no look to the role(s) {', '.join(missing)}", key=True))
    if problems:
        raise TemplateProblems([str(problem) for problem in problems])


def _resolved(base: Look, spec: LookSpec) -> Look:
    given = {f.name: getattr(spec, f.name) for f in fields(Look) if getattr(spec, f.name, None) is not None}
    return replace(base, **given)
