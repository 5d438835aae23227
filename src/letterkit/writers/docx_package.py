"""What the .docx says about itself: properties, settings, and template leftovers.

python-docx's bundled template carries its own identity (author
"python-docx", a 2013 date, a thumbnail, Word 2010 compatibility mode, a Mac
Word app.xml). None of that belongs in a company's release.
"""

from __future__ import annotations

import datetime

from docx.document import Document as WordDocument
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml.ns import qn
from lxml import etree

from letterkit.document import Metadata

APP_PROPERTIES_ENTRY = "docProps/app.xml"
CATEGORY = "Press release"

# Template parts nothing in the letter uses: the preview image, Word 2010's
# duplicate style sheet (stale once our styles are added) and a bibliography stub.
_UNUSED_RELTYPES = frozenset(
    {
        RT.THUMBNAIL,
        RT.CUSTOM_XML,
        "http://schemas.microsoft.com/office/2007/relationships/stylesWithEffects",
    }
)
_WORD_2013_COMPAT_MODE = "15"  # current Word layout; 14 opens in "Compatibility Mode"

_APP_NS = "http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"


def set_core_properties(document: WordDocument, metadata: Metadata) -> None:
    """Every core property set from the letter, so none of the template's survives."""
    props = document.core_properties
    stamp = release_timestamp(metadata.date)
    props.title = _fit(metadata.title)
    props.subject = _fit(metadata.subject)
    props.author = _fit(metadata.author)
    props.last_modified_by = _fit(metadata.author)
    props.keywords = _fit("; ".join(metadata.keywords))  # Word's tag separator
    props.language = metadata.language
    props.category = CATEGORY
    props.comments = ""
    props.revision = 1
    props.created = stamp
    props.modified = stamp


# Word (and python-docx) limit core properties to 255 characters. The full text
# is in the document body; the property only labels the file.
_CORE_PROPERTY_LIMIT = 255


def _fit(text: str) -> str:
    return text if len(text) <= _CORE_PROPERTY_LIMIT else text[: _CORE_PROPERTY_LIMIT - 1] + "…"


def release_timestamp(date: datetime.date) -> datetime.datetime:
    """The release date at 00:00 UTC: the only time stamped into the file."""
    return datetime.datetime(date.year, date.month, date.day, tzinfo=datetime.UTC)


def drop_unused_parts(document: WordDocument) -> None:
    """Unlink template parts; python-docx saves only parts still reachable by a relationship."""
    package = document.part.package
    for source in (package, document.part):
        for rId, rel in list(source.rels.items()):
            if rel.reltype in _UNUSED_RELTYPES:
                del source.rels[rId]


def modernise_settings(document: WordDocument) -> None:
    settings = document.settings.element
    # Asks Word to save a thumbnail: the very part we removed.
    for element in settings.findall(qn("w:savePreviewPicture")):
        settings.remove(element)
    for setting in settings.iter(qn("w:compatSetting")):
        if setting.get(qn("w:name")) == "compatibilityMode":
            setting.set(qn("w:val"), _WORD_2013_COMPAT_MODE)


def app_properties_xml(metadata: Metadata) -> bytes:
    """docProps/app.xml naming letterkit and the company instead of Mac Word 2010.

    Page and word counts are left out: only Word can count them, and it does
    so on its next save.
    """
    root = etree.Element(f"{{{_APP_NS}}}Properties", nsmap={None: _APP_NS})
    for tag, text in (
        ("Template", "Normal.dotm"),
        ("Application", "letterkit"),
        ("DocSecurity", "0"),
        ("Company", metadata.company),
        ("LinksUpToDate", "false"),
        ("SharedDoc", "false"),
        ("HyperlinksChanged", "false"),
    ):
        etree.SubElement(root, f"{{{_APP_NS}}}{tag}").text = text
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
