"""Markdown -> the Document's blocks, for what templates render and for the letter's own prose.

markdown-it-py (CommonMark with GFM tables, raw HTML off) gives a flat token
stream; one reader walks it once. Two sources of Markdown are read:

- **Template output** (`read_markdown`). Roles come from fenced containers:
  everything inside `::: lead … :::` has role "lead". A `:::: block KIND REF`
  container (put around each boilerplate block by the composer, with four
  colons so the block's own `:::` containers nest inside it) gives its
  headings the role `KIND-heading` and its text the role KIND, whatever the
  block's own containers say, and records REF as their origin. An empty
  `::: insert KEY` container stands for blocks built beforehand (the letter's
  own prose) and is replaced by them.
- **The letter's own prose** (`read_letter_markdown`): letterkit Markdown,
  the subset prose fields may use — paragraphs, **bold**, *italic*, links
  (http, https, mailto), bulleted and numbered lists nested one level, GFM
  tables, `#`/`##` subheadings and `>` quotations. Raw HTML stays literal text
  (html is off), containers are not recognised, and anything else (images,
  code blocks, rules, deeper headings or nesting) is refused with a message.

Outside any container, a heading is a subheading of the letter ("section"),
a table has role "table" and a quotation "quote".
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from urllib.parse import urlsplit

from markdown_it import MarkdownIt
from markdown_it.token import Token
from mdit_py_plugins.container import container_plugin

from letterkit.document import (
    BOILERPLATE_KINDS,
    Block,
    DocumentError,
    Heading,
    Inline,
    Inlines,
    LineBreak,
    ListBlock,
    ListItem,
    Paragraph,
    Quote,
    Table,
    Text,
    boilerplate_kind,
)

_CONTAINER = "role"
_BLOCK_PREFIX = "block"
_INSERT_PREFIX = "insert"
LETTER_LINK_SCHEMES = frozenset({"http", "https", "mailto"})
# Roles of default blocks outside any container.
_DEFAULT_ROLES = {"heading": "section", "paragraph": "body", "list": "body", "table": "table", "quote": "quote"}


@cache
def _template_parser() -> MarkdownIt:
    md = MarkdownIt("commonmark", {"html": False, "linkify": False, "typographer": False}).enable("table")
    # One container plugin accepting any name: `::: lead` opens a "lead" section.
    md.use(container_plugin, name=_CONTAINER, validate=lambda params, *args: bool(params.strip()))
    return md


@cache
def _letter_parser() -> MarkdownIt:
    md = MarkdownIt("commonmark", {"html": False, "linkify": False, "typographer": False}).enable("table")
    # markdown-it quietly prints javascript:/file:/data: links as text; every link is let through
    # here so that read_inlines refuses all but http, https and mailto with a message.
    md.validateLink = lambda url: True
    return md


def block_container(kind: str, ref: str) -> tuple[str, str]:
    """The fence lines the composer puts around a boilerplate block of `kind` rendered by template `ref`."""
    return f"\n:::: {_BLOCK_PREFIX} {kind} {ref}\n", "\n::::\n"


def insert_container(key: str) -> str:
    """The Markdown standing for pre-built blocks registered under `key` (an input field's path)."""
    return f"\n::: {_INSERT_PREFIX} {key}\n:::\n"


@dataclass
class Reading:
    """The blocks read, and which inserts the Markdown placed (each must be placed exactly once)."""

    blocks: tuple[Block, ...]
    inserted: tuple[str, ...]


def read_markdown(source: str, *, inserts: Mapping[str, Sequence[Block]] | None = None, origin: str = "") -> Reading:
    """The blocks of a template's Markdown output; `origin` is recorded on every block not from a boilerplate block."""
    reader = _Reader(_template_parser().parse(source), letter_prose=False, origin=origin, inserts=inserts or {})
    return Reading(reader.read(), tuple(reader.inserted))


def read_letter_markdown(source: str, *, origin: str = "") -> tuple[Block, ...]:
    """The blocks of a prose field written in letterkit Markdown; DocumentError says what is not allowed."""
    return _Reader(_letter_parser().parse(source), letter_prose=True, origin=origin, inserts={}).read()


def read_letter_inline(source: str) -> Inlines:
    """One line of letterkit Markdown (a list item, a table cell): emphasis and links, no blocks."""
    tokens = _letter_parser().parseInline(source)
    return read_inlines(tokens[0].children or [], letter_prose=True) if tokens else ()


class _Reader:
    def __init__(self, tokens: list[Token], *, letter_prose: bool, origin: str, inserts: Mapping[str, Sequence[Block]]):
        self.tokens = tokens
        self.index = 0
        self.letter_prose = letter_prose
        # Open containers, innermost last: ("role", name) or ("block", (kind, template ref)).
        self.containers: list[tuple[str, str | tuple[str, str]]] = []
        self.origin = origin
        self.inserts = inserts
        self.inserted: list[str] = []

    # --- what role and origin a block gets --------------------------------------------------

    def _innermost(self, what: str):
        return next((value for kind, value in reversed(self.containers) if kind == what), None)

    def role(self, kind: str) -> str:
        block = self._innermost("block")
        if block is not None:
            return f"{block[0]}-heading" if kind == "heading" else block[0]
        return self._innermost("role") or _DEFAULT_ROLES[kind]

    @property
    def block_origin(self) -> str:
        block = self._innermost("block")
        return block[1] if block is not None else self.origin

    # --- blocks -------------------------------------------------------------------------------

    def read(self) -> tuple[Block, ...]:
        try:
            return self._read()
        except DocumentError as exc:
            if not exc.origin and self._innermost("block") is not None:
                exc.origin = self.block_origin  # the boilerplate block being read wrote it
            raise

    def _read(self) -> tuple[Block, ...]:
        blocks: list[Block] = []
        while self.index < len(self.tokens):
            token = self.next()
            kind = token.type
            if kind == f"container_{_CONTAINER}_open":
                blocks += self._open_container(token)
            elif kind == f"container_{_CONTAINER}_close":
                self._close_container(token)
            elif kind == "paragraph_open":
                blocks.append(Paragraph(self.role("paragraph"), self._inline_then("paragraph_close"), self.block_origin))
            elif kind == "heading_open":
                blocks.append(self._heading(token))
            elif kind in ("bullet_list_open", "ordered_list_open"):
                blocks.append(self._list(token, depth=0))
            elif kind == "table_open":
                blocks.append(self._table(token))
            elif kind == "blockquote_open":
                blocks.append(self._quote(token))
            else:
                raise DocumentError(f"{_not_allowed(token, self.letter_prose)} (line {_line(token)})")
        return tuple(blocks)

    def next(self) -> Token:
        token = self.tokens[self.index]
        self.index += 1
        return token

    def _open_container(self, token: Token) -> list[Block]:
        words = token.info.split()
        if words[0] == _INSERT_PREFIX and len(words) == 2:
            return self._insert(token, words[1])
        if words[0] == _BLOCK_PREFIX and len(words) == 3 and words[1] in BOILERPLATE_KINDS:
            self.containers.append(("block", (words[1], words[2])))
            return []
        if self._innermost("block") is not None and boilerplate_kind(words[0]) is None:
            raise DocumentError(
                f"a boilerplate block holds only its headings and text, not a {words[0]!r} section (line {_line(token)})"
            )
        self.containers.append(("role", " ".join(words)))
        return []

    def _close_container(self, token: Token) -> None:
        if self.containers:
            self.containers.pop()

    def _insert(self, token: Token, key: str) -> list[Block]:
        if self.next().type != f"container_{_CONTAINER}_close":
            raise DocumentError(f"an insert holds nothing: '::: insert {key}' is followed by text (line {_line(token)})")
        if key not in self.inserts:
            raise DocumentError(f"nothing to insert for {key!r} (line {_line(token)})")
        self.inserted.append(key)
        return list(self.inserts[key])

    def _inline_then(self, closing: str) -> Inlines:
        inline = self.next()
        if self.tokens[self.index].type != closing:
            raise DocumentError(f"unexpected {self.tokens[self.index].type!r} (line {_line(inline)})")
        self.index += 1
        return read_inlines(inline.children or [], letter_prose=self.letter_prose)

    def _heading(self, token: Token) -> Heading:
        role = self.role("heading")
        level = 1
        if role == "section":
            level = int(token.tag[1:])
            if level > 2:
                raise DocumentError(
                    f"subheadings inside the letter have two levels, # and ##; this one is {token.markup} "
                    f"(line {_line(token)})"
                )
        return Heading(role, self._inline_then("heading_close"), level, self.block_origin)

    def _list(self, opening: Token, *, depth: int) -> ListBlock:
        ordered = opening.type == "ordered_list_open"
        start = int(opening.attrs.get("start", 1)) if ordered else 1
        closing = "ordered_list_close" if ordered else "bullet_list_close"
        items: list[ListItem] = []
        while (token := self.next()).type != closing:
            if token.type == "list_item_open":
                items.append(ListItem(()))
            elif token.type == "paragraph_open":
                if items[-1].inlines or items[-1].sublist is not None:
                    raise DocumentError(f"a list item holds one paragraph (line {_line(token)})")
                items[-1] = ListItem(self._inline_then("paragraph_close"))
            elif token.type in ("bullet_list_open", "ordered_list_open"):
                if depth > 0:
                    raise DocumentError(f"lists nest one level deep (line {_line(token)})")
                if items[-1].sublist is not None:
                    raise DocumentError(f"a list item holds one list (line {_line(token)})")
                items[-1] = ListItem(items[-1].inlines, self._list(token, depth=depth + 1))
            elif token.type != "list_item_close":
                raise DocumentError(f"a list item holds one line of text (line {_line(token)})")
        return ListBlock(self.role("list"), "number" if ordered else "bullet", tuple(items), start, self.block_origin)

    def _table(self, opening: Token) -> Table:
        header: list[Inlines] = []
        rows: list[list[Inlines]] = []
        align: list[str] = []
        in_head = False
        while (token := self.next()).type != "table_close":
            if token.type == "thead_open":
                in_head = True
            elif token.type == "thead_close":
                in_head = False
            elif token.type == "tr_open" and not in_head:
                rows.append([])
            elif token.type in ("th_open", "td_open"):
                cell = self._inline_then(token.type.replace("_open", "_close"))
                if in_head:
                    header.append(cell)
                    align.append(_alignment(token))
                else:
                    rows[-1].append(cell)
        # GFM fills short rows with empty cells; it drops extra ones. Either way rows match the header.
        return Table(self.role("table"), tuple(header), tuple(tuple(row) for row in rows), tuple(align), self.block_origin)

    def _quote(self, opening: Token) -> Quote:
        paragraphs: list[Inlines] = []
        while (token := self.next()).type != "blockquote_close":
            if token.type == "paragraph_open":
                paragraphs.append(self._inline_then("paragraph_close"))
            else:
                raise DocumentError(f"a quotation holds paragraphs only (line {_line(token)})")
        return Quote(self.role("quote"), tuple(paragraphs), (), self.block_origin)


def _alignment(cell: Token) -> str:
    style = str(cell.attrs.get("style", ""))
    for alignment in ("right", "center"):
        if f"text-align:{alignment}" in style:
            return alignment
    return "left"


def _not_allowed(token: Token, letter_prose: bool) -> str:
    names = {
        "hr": "a horizontal rule (---)",
        "code_block": "a code block (a line indented by four spaces or more?)",
        "fence": "a fenced code block (```)",
        "html_block": "raw HTML",
    }
    what = names.get(token.type, repr(token.type))
    return f"letterkit Markdown has no {what}" if letter_prose else f"templates may not produce {what}"


def read_inlines(tokens: list[Token], *, letter_prose: bool = False) -> Inlines:
    """Text runs with bold/italic/link state; soft breaks are spaces; adjacent runs merge."""
    runs: list[Inline] = []
    bold = italic = 0
    href: str | None = None
    for token in tokens:
        kind = token.type
        if kind in ("text", "code_inline", "softbreak", "html_inline"):
            text = " " if kind == "softbreak" else token.content
            _append(runs, Text(text, bold > 0, italic > 0, href))
        elif kind == "hardbreak":
            runs.append(LineBreak())
        elif kind in ("strong_open", "strong_close"):
            bold += 1 if kind.endswith("open") else -1
        elif kind in ("em_open", "em_close"):
            italic += 1 if kind.endswith("open") else -1
        elif kind == "link_open":
            href = str(token.attrs["href"])
            if letter_prose and urlsplit(href).scheme.lower() not in LETTER_LINK_SCHEMES:
                raise DocumentError(f"a link may only go to an http:, https: or mailto: address, not {href!r}")
        elif kind == "link_close":
            if letter_prose and href is not None:
                _show_address(runs, href)
            href = None
        elif kind == "image":
            raise DocumentError("images are not allowed in a letter's text" if letter_prose else
                                "templates may not produce an image")
        else:
            raise DocumentError(f"templates may not produce inline {kind!r}")
    return tuple(runs)


def _show_address(runs: list[Inline], href: str) -> None:
    """After a link whose words are not its address, the address in brackets: a release is also read on
    paper and in a wire's plain text, where a link cannot be followed ("the report (https://…)")."""
    address = href.removeprefix("mailto:")
    label = ""
    for run in reversed(runs):  # the link's own words: the runs just read, all with its address
        if not isinstance(run, Text) or run.href != href:
            break
        label = run.text + label
    if label.strip() not in (address, href):
        _append(runs, Text(" (", False, False, None))
        _append(runs, Text(address, False, False, href))
        _append(runs, Text(")", False, False, None))


def _append(runs: list[Inline], run: Text) -> None:
    last = runs[-1] if runs else None
    if isinstance(last, Text) and (last.bold, last.italic, last.href) == (run.bold, run.italic, run.href):
        runs[-1] = Text(last.text + run.text, run.bold, run.italic, run.href)
    else:
        runs.append(run)


def _line(token: Token) -> str:
    return str(token.map[0] + 1) if token.map else "?"
