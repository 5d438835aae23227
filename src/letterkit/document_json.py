"""The Document as JSON, and back: what an output folder keeps of a draft.

A draft writes `<stem>.document.json` beside its outputs, so later commands
(redline between two drafts, verify) can work from an output folder without
the inputs or templates that produced it. The format is versioned:

- `letterkit-document/2` (written now): headings with levels, paragraphs,
  lists with a style and nested items, tables, quotations; every block's role
  and origin.
- `letterkit-document/1` (read, for drafts made before): lists were only
  numbered or bulleted, and the About and Forward-Looking blocks shared the
  roles "boilerplate-heading"/"boilerplate"; they are told apart by the
  headings letterkit's own v1 templates wrote ("About …", "Forward-Looking
  Statements"), the only way that format allows.

A saved Document is input like any other file: `loads` validates it fully
(pydantic, the same rules the Document itself enforces, printable text,
publishable links, bounded sizes) and raises `DocumentFileError` naming the
first problem's place (`blocks[3].inlines[0].text: …`).
"""

from __future__ import annotations

import datetime
import json
import re
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Discriminator, Field, Tag, ValidationError, field_validator

from letterkit.document import (
    Block,
    Document,
    DocumentError,
    Heading,
    Inline,
    LineBreak,
    ListBlock,
    ListItem,
    Metadata,
    Paragraph,
    Quote,
    Table,
    Text,
)

FORMAT = "letterkit-document/2"
FORMAT_V1 = "letterkit-document/1"
MAX_BLOCKS = 100_000
MAX_TEXT = 1_000_000  # characters of one run
_FORBIDDEN = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff\u202a-\u202e\u2066-\u2069]")
_LINK = re.compile(r"^(?:https?://|mailto:|tel:)[^\s<>\"'`\\]+$", re.IGNORECASE)


class DocumentFileError(ValueError):
    """A saved Document that cannot be read; str() names where and why."""


# --- writing ----------------------------------------------------------------------------


def dumps(document: Document) -> str:
    """Stable JSON (sorted keys, fixed indentation): the same Document gives the same bytes."""
    data = {"format": FORMAT, "metadata": _metadata(document.metadata), "blocks": [_block(b) for b in document.blocks]}
    return json.dumps(data, ensure_ascii=False, indent=1, sort_keys=True) + "\n"


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
    data: dict[str, Any] = {"role": block.role}
    if block.origin:
        data["origin"] = block.origin
    if isinstance(block, Heading):
        data.update(kind="heading", inlines=_inlines(block.inlines))
        if block.level != 1:
            data["level"] = block.level
    elif isinstance(block, Paragraph):
        data.update(kind="paragraph", inlines=_inlines(block.inlines))
    elif isinstance(block, ListBlock):
        data.update(_list(block), kind="list")
    elif isinstance(block, Table):
        data.update(
            kind="table",
            header=[_inlines(cell) for cell in block.header],
            rows=[[_inlines(cell) for cell in row] for row in block.rows],
            align=list(block.align),
        )
    else:
        data.update(kind="quote", paragraphs=[_inlines(p) for p in block.paragraphs])
        if block.attribution:
            data["attribution"] = _inlines(block.attribution)
    return data


def _list(block: ListBlock) -> dict[str, Any]:
    items = []
    for item in block.items:
        entry: dict[str, Any] = {"inlines": _inlines(item.inlines)}
        if item.sublist is not None:
            entry["sublist"] = {"style": item.sublist.style, "start": item.sublist.start,
                                "items": [{"inlines": _inlines(sub.inlines)} for sub in item.sublist.items]}
        items.append(entry)
    return {"style": block.style, "start": block.start, "items": items}


def _inlines(inlines: tuple[Inline, ...]) -> list[dict[str, Any]]:
    return [_inline(inline) for inline in inlines]


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


# --- reading: the file's schema -----------------------------------------------------------


class _Strict(BaseModel):
    # Built on first use: a draft only writes Documents (dumps), without these models.
    model_config = ConfigDict(extra="forbid", strict=True, frozen=True, defer_build=True)


def _printable(text: str) -> str:
    if match := _FORBIDDEN.search(text):
        raise ValueError(f"holds the control character U+{ord(match.group()):04X}, which no release may print")
    return text


Printable = Annotated[str, Field(max_length=MAX_TEXT)]


class _TextRun(_Strict):
    text: Printable
    bold: bool = False
    italic: bool = False
    href: str | None = Field(None, max_length=10_000)

    @field_validator("text")
    @classmethod
    def _printable_text(cls, text: str) -> str:
        return _printable(text)

    @field_validator("href")
    @classmethod
    def _publishable(cls, href: str | None) -> str | None:
        if href is not None and not _LINK.match(href):
            raise ValueError(f"a link may go only to an http:, https:, mailto: or tel: address, not {href[:80]!r}")
        return href


class _Break(_Strict):
    break_: Literal[True] = Field(alias="break")


def _inline_kind(value: Any) -> str:
    return "line-break" if isinstance(value, dict) and "break" in value else "run"


_Inline = Annotated[
    Annotated[_TextRun, Tag("run")] | Annotated[_Break, Tag("line-break")], Discriminator(_inline_kind)
]
_Inlines = Annotated[list[_Inline], Field(max_length=100_000)]
_Short = Annotated[str, Field(max_length=10_000)]


class _Metadata(_Strict):
    title: _Short
    author: _Short
    subject: _Short
    company: _Short
    date: Annotated[str, Field(pattern=r"^\d{4}-\d{2}-\d{2}$")]
    language: Annotated[str, Field(pattern=r"^[A-Za-z]{2,8}(-[A-Za-z0-9]{1,8})*$")]
    keywords: Annotated[list[_Short], Field(max_length=1_000)]

    @field_validator("title", "author", "subject", "company")
    @classmethod
    def _printable_text(cls, value: str) -> str:
        return _printable(value)

    @field_validator("date")
    @classmethod
    def _real_date(cls, value: str) -> str:
        datetime.date.fromisoformat(value)
        return value


class _BlockBase(_Strict):
    role: _Short
    origin: _Short = ""


class _Heading(_BlockBase):
    kind: Literal["heading"]
    inlines: _Inlines
    level: int = 1


class _Paragraph(_BlockBase):
    kind: Literal["paragraph"]
    inlines: _Inlines


class _SubItem(_Strict):
    inlines: _Inlines


class _Sublist(_Strict):
    style: _Short
    start: int = 1
    items: Annotated[list[_SubItem], Field(min_length=1, max_length=10_000)]


class _Item(_Strict):
    inlines: _Inlines
    sublist: _Sublist | None = None


class _List(_BlockBase):
    kind: Literal["list"]
    style: _Short
    start: int = 1
    items: Annotated[list[_Item], Field(min_length=1, max_length=10_000)]


class _Table(_BlockBase):
    kind: Literal["table"]
    header: Annotated[list[_Inlines], Field(min_length=1, max_length=100)]
    rows: Annotated[list[Annotated[list[_Inlines], Field(max_length=100)]], Field(max_length=10_000)]
    align: Annotated[list[_Short], Field(max_length=100)]


class _Quote(_BlockBase):
    kind: Literal["quote"]
    paragraphs: Annotated[list[_Inlines], Field(min_length=1, max_length=10_000)]
    attribution: _Inlines = []


class _DocumentFile(_Strict):
    format: Literal["letterkit-document/2"]
    metadata: _Metadata
    blocks: Annotated[
        list[Annotated[_Heading | _Paragraph | _List | _Table | _Quote, Field(discriminator="kind")]],
        Field(max_length=MAX_BLOCKS),
    ]


# v1: what drafts wrote before tables, quotations, list styles and the boilerplate roles.
class _ListV1(_BlockBase):
    kind: Literal["list"]
    ordered: bool
    start: int = 1
    items: Annotated[list[_Inlines], Field(min_length=1, max_length=10_000)]


class _DocumentFileV1(_Strict):
    format: Literal["letterkit-document/1"]
    metadata: _Metadata
    blocks: Annotated[
        list[Annotated[_Heading | _Paragraph | _ListV1, Field(discriminator="kind")]], Field(max_length=MAX_BLOCKS)
    ]


# --- reading -------------------------------------------------------------------------------


def loads(text: str) -> Document:
    """The Document saved in `text`; DocumentFileError when it is not a valid saved Document."""
    try:
        data = json.loads(text)
    except RecursionError:
        raise DocumentFileError("the JSON nests too deeply") from None
    except ValueError as exc:
        raise DocumentFileError(f"not valid JSON: {exc}") from None
    if not isinstance(data, dict):
        raise DocumentFileError("not a letterkit document: the JSON is not an object")
    version = data.get("format")
    if version not in (FORMAT, FORMAT_V1):
        raise DocumentFileError(f"not a letterkit document (format: {str(version)[:60]!r}; expected {FORMAT!r})")
    model = _DocumentFile if version == FORMAT else _DocumentFileV1
    try:
        parsed = model.model_validate(data)
    except ValidationError as exc:
        raise DocumentFileError(_first_problem(exc)) from None
    except RecursionError:
        raise DocumentFileError("the JSON nests too deeply") from None
    try:
        blocks = tuple(_read_block(b) for b in parsed.blocks)
        if version == FORMAT_V1:
            blocks = _refine_v1_boilerplate(blocks)
        return Document(_read_metadata(parsed.metadata), blocks)
    except DocumentError as exc:
        raise DocumentFileError(str(exc)) from None


def _first_problem(exc: ValidationError) -> str:
    error = exc.errors(include_url=False)[0]
    where = ""
    for part in error["loc"]:
        if isinstance(part, int):
            where += f"[{part}]"
        elif part not in ("heading", "paragraph", "list", "table", "quote", "run", "line-break"):
            where += f".{part}" if where else str(part)
    message = str(error.get("ctx", {}).get("error", error["msg"]))
    more = len(exc.errors()) - 1
    return f"{where}: {message}" + (f" (and {more} more problem(s))" if more else "")


def _read_metadata(meta: _Metadata) -> Metadata:
    return Metadata(
        title=meta.title,
        author=meta.author,
        subject=meta.subject,
        company=meta.company,
        date=datetime.date.fromisoformat(meta.date),
        language=meta.language,
        keywords=tuple(meta.keywords),
    )


def _read_inlines(runs: list[_TextRun | _Break]) -> tuple[Inline, ...]:
    return tuple(LineBreak() if isinstance(run, _Break) else Text(run.text, run.bold, run.italic, run.href)
                 for run in runs)


def _read_block(block: Any) -> Block:
    if isinstance(block, _Heading):
        return Heading(block.role, _read_inlines(block.inlines), block.level, block.origin)
    if isinstance(block, _Paragraph):
        return Paragraph(block.role, _read_inlines(block.inlines), block.origin)
    if isinstance(block, _ListV1):
        items = tuple(ListItem(_read_inlines(item)) for item in block.items)
        return ListBlock(block.role, "number" if block.ordered else "bullet", items, block.start, block.origin)
    if isinstance(block, _List):
        items = tuple(ListItem(_read_inlines(item.inlines), _read_sublist(block.role, item.sublist))
                      for item in block.items)
        return ListBlock(block.role, block.style, items, block.start, block.origin)
    if isinstance(block, _Table):
        return Table(block.role, tuple(_read_inlines(c) for c in block.header),
                     tuple(tuple(_read_inlines(c) for c in row) for row in block.rows), tuple(block.align), block.origin)
    return Quote(block.role, tuple(_read_inlines(p) for p in block.paragraphs), _read_inlines(block.attribution),
                 block.origin)


def _read_sublist(role: str, sublist: _Sublist | None) -> ListBlock | None:
    if sublist is None:
        return None
    items = tuple(ListItem(_read_inlines(sub.inlines)) for sub in sublist.items)
    return ListBlock(role, sublist.style, items, sublist.start)


_V1_FORWARD_LOOKING = re.compile(r"forward[- ]looking|safe harbor|cautionary", re.IGNORECASE)


def _refine_v1_boilerplate(blocks: tuple[Block, ...]) -> tuple[Block, ...]:
    """v1's shared boilerplate roles, told apart by the headings letterkit's v1 templates wrote."""
    refined: list[Block] = []
    kind = None
    for block in blocks:
        if isinstance(block, Heading) and block.role == "boilerplate-heading":
            title = "".join(run.text for run in block.inlines if isinstance(run, Text))
            kind = "about" if title.startswith("About") else "forward-looking" if _V1_FORWARD_LOOKING.search(title) \
                else "boilerplate"
            block = Heading(f"{kind}-heading", block.inlines, block.level, block.origin)
        elif block.role == "boilerplate" and kind is not None and isinstance(block, (Paragraph, ListBlock)):
            block = Paragraph(kind, block.inlines, block.origin) if isinstance(block, Paragraph) else ListBlock(
                kind, block.style, block.items, block.start, block.origin)
        elif block.role != "boilerplate":
            kind = None
        refined.append(block)
    return tuple(refined)
