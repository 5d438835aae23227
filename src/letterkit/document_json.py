"""The Document as JSON, and back: what an output folder keeps of a draft.

A draft writes `<stem>.document.json` beside its outputs, so later commands
(redline between two drafts, verify) can work from an output folder without
the inputs or templates that produced it. The format is versioned.
"""

from __future__ import annotations

import datetime
import json
from typing import Any

from letterkit.document import Block, Document, Heading, Inline, LineBreak, ListBlock, Metadata, Paragraph, Text

FORMAT = "letterkit-document/1"


def dumps(document: Document) -> str:
    """Stable JSON (sorted keys, fixed indentation): the same Document gives the same bytes."""
    data = {"format": FORMAT, "metadata": _metadata(document.metadata), "blocks": [_block(b) for b in document.blocks]}
    return json.dumps(data, ensure_ascii=False, indent=1, sort_keys=True) + "\n"


def loads(text: str) -> Document:
    data = json.loads(text)
    if data.get("format") != FORMAT:
        raise ValueError(f"not a {FORMAT} file (format: {data.get('format')!r})")
    meta = data["metadata"]
    metadata = Metadata(
        title=meta["title"],
        author=meta["author"],
        subject=meta["subject"],
        company=meta["company"],
        date=datetime.date.fromisoformat(meta["date"]),
        language=meta["language"],
        keywords=tuple(meta["keywords"]),
    )
    return Document(metadata, tuple(_read_block(b) for b in data["blocks"]))


def _metadata(metadata: Metadata) -> dict[str, Any]:
    return {
        "title": metadata.title,
        "author": metadata.author,
        "subject": metadata.subject,
        "company": metadata.company,
        "date": metadata.date.isoformat(),
        "language": metadata.language,
        "keywords": list(metadata.keywords),
    }


def _block(block: Block) -> dict[str, Any]:
    if isinstance(block, ListBlock):
        items = [[_inline(i) for i in item] for item in block.items]
        return {"kind": "list", "role": block.role, "ordered": block.ordered, "start": block.start, "items": items}
    kind = "heading" if isinstance(block, Heading) else "paragraph"
    return {"kind": kind, "role": block.role, "inlines": [_inline(i) for i in block.inlines]}


def _inline(inline: Inline) -> dict[str, Any]:
    if isinstance(inline, LineBreak):
        return {"break": True}
    data: dict[str, Any] = {"text": inline.text}
    if inline.bold:
        data["bold"] = True
    if inline.italic:
        data["italic"] = True
    if inline.href is not None:
        data["href"] = inline.href
    return data


def _read_block(data: dict[str, Any]) -> Block:
    if data["kind"] == "list":
        items = tuple(tuple(_read_inline(i) for i in item) for item in data["items"])
        return ListBlock(data["role"], data["ordered"], items, data["start"])
    inlines = tuple(_read_inline(i) for i in data["inlines"])
    if data["kind"] == "heading":
        return Heading(data["role"], inlines)
    if data["kind"] == "paragraph":
        return Paragraph(data["role"], inlines)
    raise ValueError(f"unknown block kind {data['kind']!r}")


def _read_inline(data: dict[str, Any]) -> Inline:
    if data.get("break"):
        return LineBreak()
    return Text(data["text"], data.get("bold", False), data.get("italic", False), data.get("href"))
