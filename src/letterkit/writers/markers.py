"""The marks a writer prints that are not words of the Document: list markers and the attribution dash.

Every format draws the same ones (the wire text as characters, the DOCX as
Word numbering), so a reader of any format sees the same marks.
"""

from __future__ import annotations

from letterkit.document import letter_marker

BULLET = "•"
# A nested bullet is an en dash, not a second "•": a feed that strips leading spaces
# still shows which items belong under the one above. It is in Windows-1252, the
# character set of the wires letterkit ships, and "-" with --ascii.
NESTED_BULLET = "–"
# "— Ingrid Solberg, Chief Executive Officer" under a quotation.
ATTRIBUTION_DASH = "—"


def list_marker(style: str, number: int, depth: int = 0) -> str:
    """The marker of a list item: "•" (nested: "–"), "3." or "C." (`number` counts from 1)."""
    if style == "bullet":
        return NESTED_BULLET if depth else BULLET
    return f"{letter_marker(number) if style == 'letter' else number}."
