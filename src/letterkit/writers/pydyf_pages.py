"""pydyf's page references, built once per PDF instead of once for every tagged element.

WeasyPrint's PDF tagger (weasyprint/pdf/tags.py) and its links (pdf/anchors.py) read
`pdf.page_references[n]` for each element they tag or link. pydyf's property builds the
tuple of every page's reference each time it is read, so a release of p pages and e tagged
elements paid p × e: 22 of the 42 s of CPU of a 15,000-paragraph letter (about 300 pages),
where the time per paragraph grew 12-fold from 1,500 paragraphs to 15,000. Remembered for
each PDF while its page count stands, the answer is the same tuple, built from the same list.
"""

from __future__ import annotations

import pydyf

_BUILT_BY_PYDYF = pydyf.PDF.__dict__.get("page_references")
_KEPT = "_letterkit_page_references"  # on the PDF object: (page count, references)


def _remembered(pdf: pydyf.PDF) -> tuple[bytes, ...]:
    count = len(pdf.pages["Kids"])
    kept = pdf.__dict__.get(_KEPT)
    if kept is None or kept[0] != count:
        kept = (count, _BUILT_BY_PYDYF.fget(pdf))
        pdf.__dict__[_KEPT] = kept
    return kept[1]


def remember_page_references() -> bool:
    """Install the remembered property (once); False where pydyf no longer has the property it replaces."""
    current = pydyf.PDF.__dict__.get("page_references")
    if isinstance(current, property) and current.fget is _remembered:
        return True
    if not isinstance(_BUILT_BY_PYDYF, property) or current is not _BUILT_BY_PYDYF:
        return False  # another pydyf: leave it as it is (slower for long letters, never different)
    pydyf.PDF.page_references = property(_remembered, doc=_BUILT_BY_PYDYF.__doc__)
    return True
