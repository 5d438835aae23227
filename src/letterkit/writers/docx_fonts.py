"""The house style's fonts inside the .docx, as Word embeds fonts (ECMA-376 Part 1, 17.8).

Legal reads the DOCX on machines that have no Noto fonts; without the files, Word and
LibreOffice would show another font and the DOCX would not look like the PDF. Each face is
a part `word/fonts/fontN.odttf`, related from the font table, and named there by
`w:embedRegular`, `w:embedBold`, `w:embedItalic` or `w:embedBoldItalic` with its key. The
part is the font file "obfuscated" as 17.8.1 prescribes: its first 32 bytes XORed with the
key's 16 bytes (the GUID's hex digits read from the last pair to the first), twice over. The
key is made from the font file's SHA-256, so the same fonts give the same bytes. Settings
say `w:embedTrueTypeFonts`, so that Word keeps the fonts when legal saves the file.
"""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

from lxml import etree

from letterkit.house_style import FACES, HouseStyle
from letterkit.input_files import ASSET_LIMIT, read_bytes

FONT_TABLE = "word/fontTable.xml"
FONT_TABLE_RELS = "word/_rels/fontTable.xml.rels"
SETTINGS = "word/settings.xml"
CONTENT_TYPES = "[Content_Types].xml"
OBFUSCATED_FONT = "application/vnd.openxmlformats-officedocument.obfuscatedFont"
FONT_RELATIONSHIP = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/font"

_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_PKG_RELS = "http://schemas.openxmlformats.org/package/2006/relationships"
_TYPES = "http://schemas.openxmlformats.org/package/2006/content-types"
_EMBED = {"regular": "embedRegular", "bold": "embedBold", "italic": "embedItalic", "bold_italic": "embedBoldItalic"}
# What w:family says of each house family (Word's fallback when a font is missing).
_KINDS = {"serif": "roman", "sans": "swiss", "complex_script": "roman"}
# Settings children that come before w:embedTrueTypeFonts in CT_Settings.
_SETTINGS_BEFORE = (
    "writeProtection", "view", "zoom", "removePersonalInformation", "removeDateAndTime",
    "doNotDisplayPageBoundaries", "displayBackgroundShape", "printPostScriptOverText",
    "printFractionalCharacterWidth", "printFormsData",
)  # fmt: skip


def font_key(font: bytes) -> str:
    """The key Word's font table gives a face: a GUID made from the file's SHA-256."""
    digits = hashlib.sha256(font).hexdigest()[:32].upper()
    return f"{{{digits[:8]}-{digits[8:12]}-{digits[12:16]}-{digits[16:20]}-{digits[20:]}}}"


def obfuscate(font: bytes, key: str) -> bytes:
    """The font as an .odttf part (17.8.1); applied twice it gives the font back."""
    key_bytes = bytes.fromhex(key.strip("{}").replace("-", ""))[::-1]
    head = bytes(byte ^ key_bytes[index % 16] for index, byte in enumerate(font[:32]))
    return head + font[32:]


def embed_fonts(entries: dict[str, bytes], house: HouseStyle, assets: Path) -> frozenset[str]:
    """Add the house fonts to a package's `entries` (zip member name -> bytes), in place; their names."""
    table = etree.fromstring(entries[FONT_TABLE])
    for old in table.findall(f"{{{_W}}}font"):  # the template's Calibri, Cambria, Times New Roman
        table.remove(old)
    relationships = etree.Element(f"{{{_PKG_RELS}}}Relationships", nsmap={None: _PKG_RELS})
    number = 0
    for kind in ("serif", "sans", "complex_script"):
        family = getattr(house.fonts, kind)
        if family is None:
            continue
        font = etree.SubElement(table, f"{{{_W}}}font", {f"{{{_W}}}name": family.family})
        etree.SubElement(font, f"{{{_W}}}family", {f"{{{_W}}}val": _KINDS[kind]})
        etree.SubElement(font, f"{{{_W}}}pitch", {f"{{{_W}}}val": "variable"})
        for face in FACES:
            file = family.faces().get(face)
            if file is None:
                continue
            number += 1
            key, hidden = _font_part(assets / file, assets)
            part = f"fonts/font{number}.odttf"
            entries[f"word/{part}"] = hidden
            rid = f"rId{number}"
            etree.SubElement(
                relationships, f"{{{_PKG_RELS}}}Relationship", {"Id": rid, "Type": FONT_RELATIONSHIP, "Target": part}
            )
            etree.SubElement(font, f"{{{_W}}}{_EMBED[face]}", {f"{{{_R}}}id": rid, f"{{{_W}}}fontKey": key})
    entries[FONT_TABLE] = _xml(table)
    entries[FONT_TABLE_RELS] = _xml(relationships)
    entries[CONTENT_TYPES] = _with_font_type(entries[CONTENT_TYPES])
    entries[SETTINGS] = _with_embedding_setting(entries[SETTINGS])
    return frozenset(f"word/fonts/font{n}.odttf" for n in range(1, number + 1))


def _font_part(path: Path, assets: Path) -> tuple[str, bytes]:
    """(key, obfuscated bytes) of a font file; kept per process while the file stays as it was."""
    status = os.stat(path)
    stamp = (str(path), status.st_ino, status.st_size, status.st_mtime_ns)
    cached = _PARTS.get(stamp)
    if cached is None:
        data = read_bytes(path, limit=ASSET_LIMIT, inside=assets)  # a regular file inside the assets
        key = font_key(data)
        cached = _PARTS[stamp] = (key, obfuscate(data, key))
    return cached


_PARTS: dict[tuple, tuple[str, bytes]] = {}


def _with_font_type(content_types: bytes) -> bytes:
    types = etree.fromstring(content_types)
    if not any(d.get("Extension") == "odttf" for d in types.findall(f"{{{_TYPES}}}Default")):
        default = etree.Element(f"{{{_TYPES}}}Default", {"Extension": "odttf", "ContentType": OBFUSCATED_FONT})
        types.insert(0, default)  # Default entries come before Override entries
    return _xml(types)


def _with_embedding_setting(settings_xml: bytes) -> bytes:
    settings = etree.fromstring(settings_xml)
    if settings.find(f"{{{_W}}}embedTrueTypeFonts") is None:
        element = etree.Element(f"{{{_W}}}embedTrueTypeFonts")
        before = [child for child in settings if etree.QName(child).localname in _SETTINGS_BEFORE]
        if before:
            before[-1].addnext(element)
        else:
            settings.insert(0, element)
    return _xml(settings)


def _xml(element: etree._Element) -> bytes:
    return etree.tostring(element, xml_declaration=True, encoding="UTF-8", standalone=True)
