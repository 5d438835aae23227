"""Accept or reject every tracked change of a .docx, as Word does, on the XML.

- Run level: accepting keeps `w:ins` content and drops `w:del`; rejecting the
  opposite (and deleted `w:delText` becomes `w:t` again).
- Paragraph marks (`w:pPr/w:rPr/w:ins|w:del`): a mark that goes away joins its
  paragraph's content to the start of the next paragraph, which keeps its own
  properties (ISO/IEC 29500-1, 17.13.5.15 "del (Deleted Paragraph)").
  A paragraph whose mark goes right before a table (or at the end) has no next
  paragraph: it must be empty by then, and goes (what Word and LibreOffice do).
- `w:pPrChange`: accepting drops it; rejecting restores the properties it holds.
- Table rows (`w:trPr/w:ins|w:del`, 17.13.5.18/17.13.5.14): a row whose
  insertion is rejected or whose deletion is accepted goes, cells and all; a
  table left without rows goes too. Rows are resolved before paragraph marks.
Also: the body of a .docx in a form two files can be compared by — each
paragraph's style, keep-with-next, list level, and the text with each
stretch's run formatting and link target; each table's style and its rows
(row properties, each cell's paragraphs) — leaving out ids that differ between
files (numIds, rIds) and column widths (the redline keeps the new draft's).
"""

from __future__ import annotations

import io
import zipfile
from copy import deepcopy

from lxml import etree

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
REL = "http://schemas.openxmlformats.org/package/2006/relationships"
DOCUMENT = "word/document.xml"


def w(tag: str) -> str:
    return f"{{{W}}}{tag}"


def accept_all(docx: bytes) -> bytes:
    return _rewrite(docx, keep="ins")


def reject_all(docx: bytes) -> bytes:
    return _rewrite(docx, keep="del")


def tracked_elements(docx: bytes) -> dict[str, int]:
    """How many w:ins, w:del (run and mark level) and w:pPrChange the document holds."""
    root = etree.fromstring(_entries(docx)[DOCUMENT])
    return {tag: len(root.findall(f".//{w(tag)}")) for tag in ("ins", "del", "pPrChange")}


def paragraphs(docx: bytes) -> list[tuple]:
    """The body in order: each paragraph as (style, keepNext, list level, ((text, run properties, link), …)),
    each table as ("table", style, rows), a row being (its properties' tags, (each cell's paragraphs, …))."""
    entries = _entries(docx)
    root = etree.fromstring(entries[DOCUMENT])
    links = _link_targets(entries["word/_rels/document.xml.rels"])
    result = []
    for element in root.find(w("body")):
        if element.tag == w("p"):
            result.append(_paragraph(element, links))
        elif element.tag == w("tbl"):
            style = element.find(f"{w('tblPr')}/{w('tblStyle')}")
            rows = tuple(_row(tr, links) for tr in element.iter(w("tr")))
            result.append(("table", None if style is None else style.get(w("val")), rows))
    return result


def _paragraph(p, links) -> tuple:
    pPr = p.find(w("pPr"))
    style = pPr.find(w("pStyle")).get(w("val")) if pPr is not None and pPr.find(w("pStyle")) is not None else None
    keep = pPr is not None and pPr.find(w("keepNext")) is not None
    level = pPr.find(f"{w('numPr')}/{w('ilvl')}") if pPr is not None else None
    return (style, keep, None if level is None else level.get(w("val")), _content(p, links))


def _row(tr, links) -> tuple:
    trPr = tr.find(w("trPr"))
    properties = tuple(etree.QName(child).localname for child in trPr) if trPr is not None else ()
    cells = tuple(tuple(_paragraph(p, links) for p in tc.iter(w("p"))) for tc in tr.iter(w("tc")))
    return (properties, cells)


def _content(p, links) -> tuple:
    stretches: list[list] = []
    for run in p.iter(w("r")):
        link = run.getparent()
        target = links.get(link.get(f"{{{R}}}id")) if link.tag == w("hyperlink") else None
        rPr = run.find(w("rPr"))
        props = etree.tostring(rPr) if rPr is not None else b""
        for child in run:
            text = {w("t"): child.text or "", w("delText"): child.text or "", w("br"): "\n"}.get(child.tag)
            if text is None:
                continue
            if stretches and stretches[-1][1:] == [props, target]:
                stretches[-1][0] += text
            else:
                stretches.append([text, props, target])
    return tuple(tuple(s) for s in stretches)


def _rewrite(docx: bytes, keep: str) -> bytes:
    entries = _entries(docx)
    root = etree.fromstring(entries[DOCUMENT])
    drop = "del" if keep == "ins" else "ins"
    for change in root.findall(f".//{w('pPrChange')}"):
        pPr = change.getparent()
        if keep == "del":  # reject: the old properties come back, the paragraph mark's rPr stays
            for child in list(pPr):
                if child.tag not in (w("rPr"), w("sectPr"), w("pPrChange")):
                    pPr.remove(child)
            for child in reversed(list(change.find(w("pPr")))):
                pPr.insert(0, deepcopy(child))
        pPr.remove(change)
    for element in root.findall(f".//{w(keep)}") + root.findall(f".//{w(drop)}"):
        parent = element.getparent()
        if parent.tag == w("rPr"):
            continue  # paragraph marks: below
        if parent.tag == w("trPr"):  # a tracked row: it goes, or only its mark does
            row = parent.getparent()
            if element.tag == w(drop):
                row.getparent().remove(row)
            else:
                parent.remove(element)
            continue
        if element.tag == w(drop):
            parent.remove(element)
            continue
        for text in element.iter(w("delText")):
            text.tag = w("t")
        index = parent.index(element)
        for offset, child in enumerate(list(element)):
            parent.insert(index + offset, child)
        parent.remove(element)
    body = root.find(w("body"))
    for table in body.findall(w("tbl")):
        if table.find(w("tr")) is None:
            body.remove(table)
    for p in reversed(body.findall(w("p"))):
        rPr = p.find(f"{w('pPr')}/{w('rPr')}")
        marker = None if rPr is None else (rPr.find(w(keep)) if rPr.find(w(keep)) is not None else rPr.find(w(drop)))
        if marker is None:
            continue
        rPr.remove(marker)
        if len(rPr) == 0:
            rPr.getparent().remove(rPr)
        if marker.tag == w(drop):  # the mark goes: the content joins the next paragraph
            following = p.getnext()
            content = [child for child in p if child.tag != w("pPr")]
            if following is None or following.tag != w("p"):
                words_left = [run for child in content for run in child.iter(w("r"))]
                assert not words_left, "a removed mark with words left needs a next paragraph to join"
                body.remove(p)
                continue
            start = 1 if following.find(w("pPr")) is not None else 0
            for offset, child in enumerate(content):
                following.insert(start + offset, child)
            body.remove(p)
    entries[DOCUMENT] = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
    return _zip(entries)


def _entries(docx: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(docx)) as zf:
        return {name: zf.read(name) for name in zf.namelist()}


def _zip(entries: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in entries.items():
            zf.writestr(name, data)
    return buffer.getvalue()


def _link_targets(rels: bytes) -> dict[str, str]:
    return {rel.get("Id"): rel.get("Target") for rel in etree.fromstring(rels).iter(f"{{{REL}}}Relationship")}
