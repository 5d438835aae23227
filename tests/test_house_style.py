"""One house style for every format: the PDF's laid-out roles and the DOCX's Word styles agree.

The PDF side is what WeasyPrint computed for each role's element while laying the page out
(its boxes' styles), not the CSS text; the DOCX side is each Word style resolved through its
base styles. Both come from styles/house, so they agree role by role; these tests would see
the two drift apart. The fonts the PDF embeds are the ones the DOCX names and carries.
"""

from __future__ import annotations

import io
import json
import subprocess
import zipfile
from pathlib import Path

import docx
import pytest
import weasyprint
from docx.enum.text import WD_ALIGN_PARAGRAPH
from lxml import etree

from letterkit.compose.shipped import shipped_house_style
from letterkit.document import Document
from letterkit.errors import TemplateProblems
from letterkit.house_css import ROLE_SELECTORS, print_family
from letterkit.house_style import HouseRole, _parse
from letterkit.paths import assets_dir
from letterkit.writers.asset_fetcher import AssetFetcher
from letterkit.writers.docx_fonts import font_key, obfuscate
from letterkit.writers.docx_styles import STYLE_ROLES
from letterkit.writers.docx_writer import render_docx
from letterkit.writers.html_writer import render_html
from letterkit.writers.pdf_writer import _descendants, font_configuration

import libreoffice
from sample_documents import _list, _p, every_block_document, every_role_document

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PX_PER_PT = 96 / 72
_ALIGN = {WD_ALIGN_PARAGRAPH.LEFT: "left", WD_ALIGN_PARAGRAPH.CENTER: "center",
          WD_ALIGN_PARAGRAPH.RIGHT: "right", WD_ALIGN_PARAGRAPH.JUSTIFY: "justify"}  # fmt: skip
def _with_boilerplate_list():
    """The one role the sample documents lack: a list inside a safe-harbor block."""
    base = every_role_document()
    risks = _list("forward-looking", "bullet", "our ability to raise capital", "competition")
    return Document(base.metadata, (*base.blocks, _p("forward-looking", "Risks include:"), risks))


DOCUMENTS = {"every-role": every_role_document, "every-block": every_block_document, "lists": _with_boilerplate_list}


def _pdf_looks(document) -> dict[str, dict[str, object]]:
    """House role -> the look WeasyPrint laid its first element out with."""
    html = render_html(document)
    fetcher = AssetFetcher()
    page = weasyprint.HTML(string=html, base_url=fetcher.base_url(), url_fetcher=fetcher)
    laid_out = page.render(font_config=font_configuration(), presentational_hints=True)
    root = page.wrapper_element
    role_of = {}
    for role, selector in ROLE_SELECTORS.items():  # later selectors are the more specific (subsection)
        for element in root.query_all(selector):
            role_of[element.etree_element] = role
    looks: dict[str, dict[str, object]] = {}
    for page in laid_out.pages:
        for box in _descendants(page._page_box):
            role = role_of.get(getattr(box, "element", None))
            if role is None or role in looks or box.element_tag in ("html", "body") or not hasattr(box, "margin_top"):
                continue
            if box.style["display"] not in (("block", "flow"), ("list-item", "block", "flow"), ("table-cell",)):
                continue  # the element's own block, not an inline or marker box inside it
            looks[role] = _look_of_box(box)
    return looks


def _look_of_box(box) -> dict[str, object]:
    style = box.style
    family = style["font_family"][0]
    red, green, blue = style["color"].coordinates
    line_height = style["line_height"]  # a multiple of the font size, as the house style writes it
    return {
        "font": family.removesuffix(" Letterkit"),
        "size": round(style["font_size"] / PX_PER_PT, 2),
        "bold": style["font_weight"] >= 600,
        "italic": style["font_style"] == "italic",
        "color": f"{round(red * 255):02X}{round(green * 255):02X}{round(blue * 255):02X}",
        "align": style["text_align_all"].replace("start", "left"),
        "space_before": _twips(style["margin_top"].value / PX_PER_PT),
        "space_after": _twips(style["margin_bottom"].value / PX_PER_PT),
        "keep_with_next": style["break_after"] == "avoid",
        "keep_with_previous": style["break_before"] == "avoid",
        "keep_together": style["break_inside"] == "avoid",
        "line_height": _twips(line_height * style["font_size"] / PX_PER_PT) if isinstance(line_height, float) else None,
    }


def _twips(points: float) -> float:
    """Points as Word stores them, in twentieths: what a .docx can say of a length."""
    return round(points * 20) / 20


def _resolved(style, get):
    """A property of a Word style, or of the first style it is based on that sets it."""
    while style is not None:
        value = get(style)
        if value is not None:
            return value
        style = style.base_style
    return None


def _docx_look(style) -> dict[str, object]:
    fmt = lambda s: s.paragraph_format  # noqa: E731
    return {
        "font": _resolved(style, lambda s: s.font.name),
        "size": _resolved(style, lambda s: s.font.size).pt,
        "bold": bool(_resolved(style, lambda s: s.font.bold)),
        "italic": bool(_resolved(style, lambda s: s.font.italic)),
        "color": str(_resolved(style, lambda s: s.font.color.rgb)),
        "align": _ALIGN[_resolved(style, lambda s: fmt(s).alignment)],
        "space_before": _twips(_resolved(style, lambda s: fmt(s).space_before).pt),
        "space_after": _twips(_resolved(style, lambda s: fmt(s).space_after).pt),
        "keep_with_next": bool(_resolved(style, lambda s: fmt(s).keep_with_next)),
        "keep_together": bool(_resolved(style, lambda s: fmt(s).keep_together)),
        "line_height": _twips(_resolved(style, lambda s: fmt(s).line_spacing).pt),
    }


@pytest.fixture(scope="module")
def pdf_looks() -> dict[str, dict[str, object]]:
    looks: dict[str, dict[str, object]] = {}
    for make in DOCUMENTS.values():
        for role, look in _pdf_looks(make()).items():
            looks.setdefault(role, look)
    return looks


@pytest.fixture(scope="module")
def word_styles():
    return docx.Document(io.BytesIO(render_docx(_with_boilerplate_list()))).styles


def test_the_sample_documents_show_every_role_of_the_house_style(pdf_looks):
    # signature's look is asserted below too; every role the style gives a look is laid out at least once
    assert set(pdf_looks) == set(HouseRole.__args__)


# Normal is the root every style is based on; no paragraph of a release is in it.
@pytest.mark.parametrize("word_style", sorted(name for name, role in STYLE_ROLES.items() if role != "text"), ids=str)
def test_each_word_style_looks_as_its_role_does_in_the_pdf(pdf_looks, word_styles, word_style):
    role = STYLE_ROLES[word_style]
    expected = dict(pdf_looks[role])
    if word_style in ("Table Figure", "Table Figure Heading"):
        expected["align"] = "right"  # the column's alignment, as .align-right gives the cell in the PDF
    elif word_style in ("Table Text Centered", "Table Heading Centered"):
        expected["align"] = "center"
    actual = _docx_look(word_styles[word_style])
    # Word has no "keep with previous": the paragraph above such a role is kept with the next
    # (test_a_role_kept_with_what_is_above_it_keeps_that_paragraph_with_it_in_word).
    actual["keep_with_previous"] = shipped_house_style().look(role).keep_with_previous
    lengths = ("space_before", "space_after", "line_height")  # Word stores twentieths of a point: one apart at most
    assert {k: v for k, v in actual.items() if k not in lengths} == {k: v for k, v in expected.items() if k not in lengths}
    assert {k: actual[k] for k in lengths} == pytest.approx({k: expected[k] for k in lengths}, abs=0.051)


def test_a_role_kept_with_what_is_above_it_keeps_that_paragraph_with_it_in_word(pdf_looks):
    kept = {role for role, look in pdf_looks.items() if look["keep_with_previous"]}
    assert kept == {"signoff", "signature", "attribution", "end-marker"}  # so ### never stands alone on a page
    paragraphs = docx.Document(io.BytesIO(render_docx(every_role_document()))).paragraphs
    for above, paragraph in zip(paragraphs, paragraphs[1:], strict=False):
        if STYLE_ROLES.get(paragraph.style.name) in kept:
            assert _resolved_keep(above), (above.text, paragraph.text)


def _resolved_keep(paragraph) -> bool:
    if paragraph.paragraph_format.keep_with_next is not None:
        return paragraph.paragraph_format.keep_with_next
    return bool(_resolved(paragraph.style, lambda s: s.paragraph_format.keep_with_next))


def test_the_running_header_and_footer_look_alike():
    house = shipped_house_style()
    styles = docx.Document(io.BytesIO(render_docx(every_role_document()))).styles
    for name, band in (("Header", house.header), ("Footer", house.footer)):
        style = styles[name]
        assert (style.font.name, style.font.size.pt, bool(style.font.bold), str(style.font.color.rgb)) == (
            house.family(band.font).family, band.size, band.bold, band.color.upper())
        assert _ALIGN[style.paragraph_format.alignment] == band.align
    rule = styles["Header"].element.pPr.find(f"{{{W}}}pBdr/{{{W}}}bottom")
    assert rule is not None and rule.get(f"{{{W}}}sz") == "4"  # 0.5 pt, the PDF header's rule


# ---------------------------------------------------------------- the fonts


def test_the_docx_names_and_carries_the_fonts_the_pdf_embeds():
    house = shipped_house_style()
    with zipfile.ZipFile(io.BytesIO(render_docx(every_role_document()))) as package:
        table = etree.fromstring(package.read("word/fontTable.xml"))
        relationships = etree.fromstring(package.read("word/_rels/fontTable.xml.rels"))
        targets = {rel.get("Id"): rel.get("Target") for rel in relationships}
        carried = {}
        for font in table.findall(f"{{{W}}}font"):
            for embed in font:
                if not etree.QName(embed).localname.startswith("embed"):
                    continue
                part = package.read("word/" + targets[embed.get(f"{{{R}}}id")])
                carried[(font.get(f"{{{W}}}name"), etree.QName(embed).localname)] = obfuscate(
                    part, embed.get(f"{{{W}}}fontKey"))
        settings = etree.fromstring(package.read("word/settings.xml"))
        assert settings.find(f"{{{W}}}embedTrueTypeFonts") is not None  # Word keeps them when legal saves
        types = package.read("[Content_Types].xml").decode()
    assert 'Extension="odttf" ContentType="application/vnd.openxmlformats-officedocument.obfuscatedFont"' in types
    faces = {"regular": "embedRegular", "bold": "embedBold", "italic": "embedItalic", "bold_italic": "embedBoldItalic"}
    expected = {
        (family.family, faces[face]): (assets_dir() / file).read_bytes()
        for family in (house.fonts.serif, house.fonts.sans, house.fonts.complex_script)
        for face, file in family.faces().items()
    }
    assert carried == expected  # each part is the very font file, once de-obfuscated
    assert [font.get(f"{{{W}}}name") for font in table] == ["Noto Serif", "Noto Sans", "Noto Serif Hebrew"]


def test_obfuscation_is_ecma_376s_xor_of_the_first_32_bytes():
    font = bytes(range(40))
    key = "{00112233-4455-6677-8899-AABBCCDDEEFF}"
    hidden = obfuscate(font, key)
    reversed_key = bytes.fromhex("FFEEDDCCBBAA99887766554433221100")
    assert hidden[:32] == bytes(b ^ reversed_key[i % 16] for i, b in enumerate(font[:32]))
    assert hidden[32:] == font[32:] and obfuscate(hidden, key) == font
    assert font_key(font) == font_key(bytes(range(40))) != font_key(font[::-1])  # made from the content


def test_libreoffice_shows_the_docx_in_the_fonts_the_pdf_embeds(tmp_path):
    # The machine has no Noto fonts installed: what LibreOffice prints, it took from the DOCX.
    installed = subprocess.run(["fc-list"], capture_output=True, text=True).stdout
    assert "NotoSerif-Regular" not in installed and "NotoSans-Bold" not in installed
    source = tmp_path / "every-role.docx"
    source.write_bytes(render_docx(every_role_document()))
    pdf = libreoffice.convert(source, "pdf", tmp_path, tmp_path / "profile")
    fonts = subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True, check=True).stdout
    names = {line.split()[0].split("+")[-1] for line in fonts.splitlines()[2:]}
    assert {"NotoSerif-Regular", "NotoSans-Bold"} <= names
    assert all(name.startswith("Noto") for name in names), names


def test_the_pdf_embeds_the_house_fonts_under_their_own_names():
    assert print_family("Noto Serif") == "Noto Serif Letterkit"


# ---------------------------------------------------------------- a broken house style


GOOD = (Path(__file__).parent.parent / "templates/styles/house/v1.toml").read_text(encoding="utf-8")


def _line(text: str, after: str = "") -> int:
    """The line number of the first line equal to `text` (after the first line equal to `after`)."""
    lines = GOOD.split("\n")
    start = lines.index(after) if after else 0
    return lines.index(text, start) + 1


TEXT_COLOUR = _line('color = "1b1d21"', "[text]")
SERIF_REGULAR = _line('regular = "fonts/NotoSerif-Regular.ttf"')


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (lambda t: t.replace('color = "1b1d21"', 'color = "dark grey"'),
         f"house.toml:{TEXT_COLOUR}:9: text.color: must be six hexadecimal digits, e.g. \"1b1d21\""),
        (lambda t: t.replace('regular = "fonts/NotoSerif-Regular.ttf"', 'regular = "../../etc/x.ttf"'),
         f"house.toml:{SERIF_REGULAR}:11: fonts.serif.regular: must be a .ttf or .otf file inside the template folder's assets "
         "folder, e.g. fonts/X.ttf"),
        (lambda t: t.replace("[roles.headline]\n", "[roles.headlines]\n"),
         f"house.toml:{_line('[roles.headline]')}:2: roles.headlines: unknown role 'headlines' (did you mean 'headline'?)"),
        (lambda t: t.replace("space_before = 15.2", "space_befor = 15.2"),
         f"house.toml:{_line('space_before = 15.2')}:1: roles.source.space_befor: unknown key 'space_befor' (did you mean 'space_before'?)"),
        (lambda t: t.replace("size = 18\n", "size = 180\n"),
         f"house.toml:{_line('size = 18', '[roles.headline]')}:8: roles.headline.size: input should be less than or equal to 72"),
    ],
    ids=["colour", "font-outside", "unknown-role", "unknown-property", "too-big"],
)
def test_a_broken_house_style_is_a_template_error_at_its_line(change, expected):
    with pytest.raises(TemplateProblems) as raised:
        _parse("house.toml", change(GOOD), "styles/house@9")
    assert raised.value.problems[0] == expected


def test_a_house_style_must_give_every_role_a_look():
    text = GOOD.replace("[roles.end-marker]\nkeep_with_previous = true\nalign = \"center\"\nspace_before = 18.9\n", "")
    assert "[roles.end-marker]" not in text
    with pytest.raises(TemplateProblems) as raised:
        _parse("house.toml", text, "styles/house@9")
    assert raised.value.problems == [f"house.toml:{_line('[roles.headline]')}:2: roles.headline: gives no look to the role(s) end-marker"]


def test_the_docx_page_has_the_pdfs_margins():
    house = shipped_house_style()
    section = docx.Document(io.BytesIO(render_docx(every_role_document()))).sections[0]
    margins = [section.top_margin.pt, section.right_margin.pt, section.bottom_margin.pt, section.left_margin.pt]
    page = house.page
    assert margins == [page.margin_top, page.margin_right, page.margin_bottom, page.margin_left]
    html = render_html(every_role_document())
    fetcher = AssetFetcher()
    laid_out = weasyprint.HTML(string=html, base_url=fetcher.base_url(), url_fetcher=fetcher).render(
        font_config=font_configuration())
    box = laid_out.pages[0]._page_box
    pdf_margins = [box.margin_top, box.margin_right, box.margin_bottom, box.margin_left]
    assert [round(m / PX_PER_PT, 2) for m in pdf_margins] == margins


def test_a_template_folder_of_your_own_ships_its_own_house_style(workspace):
    from letterkit import drafting

    from checking import house_templates
    from conftest import CALLISTO

    bigger = GOOD.replace("version: 1", "version: 2", 1).replace(
        "[roles.letter-title]\nfont = \"sans\"\nsize = 12.5", "[roles.letter-title]\nfont = \"sans\"\nsize = 14")
    assert bigger != GOOD
    store = house_templates(workspace, {"styles/house/v2.toml": bigger})
    draft = drafting.draft(CALLISTO, out_dir=workspace / "out", formats=["docx", "html"], store=store)
    written = {path.suffix: path for path in draft.written}
    styles = docx.Document(io.BytesIO(written[".docx"].read_bytes())).styles
    assert styles["Letter Title"].font.size.pt == 14  # Word's style, from the folder's house style…
    html = written[".html"].read_text(encoding="utf-8")
    assert "styles/house@2" in html and ".letter-title {\n  font-family: \"Noto Sans\"" in html
    assert "font-size: 14pt" in html.split(".letter-title {", 1)[1].split("}", 1)[0]  # …and the CSS's
    manifest = json.loads(next(p for p in draft.written if p.name == "manifest.json").read_text())
    (house,) = [t for t in manifest["templates"] if t["slot"] == "house_style"]
    assert (house["template"], house["source"]) == ("styles/house@2", "user")


def test_a_letter_pinning_a_house_style_version_that_does_not_exist_is_an_input_error_at_the_pin(workspace):
    from typer.testing import CliRunner

    from letterkit.cli import app

    from conftest import CALLISTO

    letter = workspace / "data" / "letters" / CALLISTO.name
    text = letter.read_text(encoding="utf-8")
    old = "company: callisto          # data/companies/callisto.yaml\n"
    assert old in text
    letter.write_text(text.replace(old, "company: callisto\ntemplates:\n  house_style: 2\n"), encoding="utf-8")
    result = CliRunner().invoke(app, ["validate", f"data/letters/{CALLISTO.name}"])
    assert (result.exit_code, result.stderr) == (2, (
        f"data/letters/{CALLISTO.name}:7:16: templates.house_style: template styles/house has no version 2 "
        "(versions: 1)\n1 problem found; nothing was written.\n"))
