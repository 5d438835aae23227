"""Parse the Markdown a template produced into the Document's blocks.

markdown-it-py (CommonMark, raw HTML off) gives a flat token stream; we walk it
once. Roles come from fenced containers: everything inside `::: lead … :::`
has role "lead"; blocks outside any container are "body". Markdown a letter
never needs (code, quotes, rules, nested lists, images) is a template error.
"""

from __future__ import annotations

from markdown_it import MarkdownIt
from markdown_it.token import Token
from mdit_py_plugins.container import container_plugin

from letterkit.document import Block, DocumentError, Heading, Inline, LineBreak, ListBlock, Paragraph, Text

_CONTAINER = "role"


def _parser() -> MarkdownIt:
    md = MarkdownIt("commonmark", {"html": False, "linkify": False, "typographer": False})
    # One container plugin accepting any name: `::: lead` opens a "lead" section.
    md.use(container_plugin, name=_CONTAINER, validate=lambda params, *args: bool(params.strip()))
    return md


_MD = _parser()


def read_markdown(source: str) -> tuple[Block, ...]:
    return _BlockReader(_MD.parse(source)).read()


class _BlockReader:
    def __init__(self, tokens: list[Token]):
        self.tokens = tokens
        self.index = 0
        self.roles: list[str] = []

    @property
    def role(self) -> str:
        return self.roles[-1] if self.roles else "body"

    def read(self) -> tuple[Block, ...]:
        blocks: list[Block] = []
        while self.index < len(self.tokens):
            token = self.tokens[self.index]
            self.index += 1
            if token.type == f"container_{_CONTAINER}_open":
                self.roles.append(token.info.strip())
            elif token.type == f"container_{_CONTAINER}_close":
                self.roles.pop()
            elif token.type == "paragraph_open":
                blocks.append(Paragraph(self.role, self._inline_then("paragraph_close")))
            elif token.type == "heading_open":
                blocks.append(Heading(self.role, self._inline_then("heading_close")))
            elif token.type in ("bullet_list_open", "ordered_list_open"):
                blocks.append(self._list(token))
            else:
                raise DocumentError(f"templates may not produce {token.type!r} (line {_line(token)})")
        return tuple(blocks)

    def _inline_then(self, closing: str) -> tuple[Inline, ...]:
        inline = self.tokens[self.index]
        self.index += 1
        if self.tokens[self.index].type != closing:
            raise DocumentError(f"unexpected {self.tokens[self.index].type!r} (line {_line(inline)})")
        self.index += 1
        return read_inlines(inline.children or [])

    def _list(self, opening: Token) -> ListBlock:
        ordered = opening.type == "ordered_list_open"
        start = int(opening.attrs.get("start", 1)) if ordered else 1
        closing = "ordered_list_close" if ordered else "bullet_list_close"
        items: list[tuple[Inline, ...]] = []
        while (token := self.tokens[self.index]).type != closing:
            self.index += 1
            if token.type == "list_item_open":
                items.append(())
            elif token.type == "paragraph_open":
                if items[-1]:
                    raise DocumentError(f"a list item holds more than one paragraph (line {_line(token)})")
                items[-1] = self._inline_then("paragraph_close")
            elif token.type != "list_item_close":
                raise DocumentError(f"lists may hold only one line of text per item (line {_line(token)})")
        self.index += 1
        return ListBlock(self.role, ordered, tuple(items), start)


def read_inlines(tokens: list[Token]) -> tuple[Inline, ...]:
    """Text runs with bold/italic/link state; soft breaks are spaces; adjacent runs merge."""
    runs: list[Inline] = []
    bold = italic = 0
    href: str | None = None
    for token in tokens:
        kind = token.type
        if kind in ("text", "code_inline", "softbreak"):
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
        elif kind == "link_close":
            href = None
        else:
            raise DocumentError(f"templates may not produce inline {kind!r}")
    return tuple(runs)


def _append(runs: list[Inline], run: Text) -> None:
    last = runs[-1] if runs else None
    if isinstance(last, Text) and (last.bold, last.italic, last.href) == (run.bold, run.italic, run.href):
        runs[-1] = Text(last.text + run.text, run.bold, run.italic, run.href)
    else:
        runs.append(run)


def _line(token: Token) -> str:
    return str(token.map[0] + 1) if token.map else "?"
