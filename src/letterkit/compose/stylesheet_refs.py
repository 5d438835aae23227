"""What a stylesheet template loads, read with a real CSS parser (tinycss2, which WeasyPrint uses).

A stylesheet may be someone else's (a user template folder), and legal's
approval covers the files it loads, so every reference in it is found the way
the renderer would find it: each `url(…)` in any rule, at-rule prelude or
declaration value (`@font-face` `src`, `background`, `bookmark-label`, …), and
every `@import`. A reference must name a plain file inside the assets folder by
a relative path; anything else is refused here, at the stylesheet's line, with
the PDF fetcher's own words, before the approval, manifest or glyph code opens a
file. `@import` is refused outright: an approved stylesheet is one file.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import PurePosixPath
from urllib.parse import urlsplit

import tinycss2

from letterkit.errors import TemplateProblems, display_path


@dataclass(frozen=True)
class Reference:
    url: str
    line: int
    column: int
    imported: bool  # from an @import rule


def references(css: str) -> list[Reference]:
    """Every url() and @import of `css`, in order; a CSS syntax error is a ValueError at its line."""
    found: list[Reference] = []
    for rule in tinycss2.parse_stylesheet(css, skip_comments=True, skip_whitespace=True):
        if rule.type == "error":
            raise _syntax_error(rule)
        imported = rule.type == "at-rule" and rule.lower_at_keyword == "import"
        _walk(rule.prelude, found, imported=imported)
        if rule.content is not None:
            _walk(rule.content, found, imported=imported)
    return found


def _walk(tokens, found: list[Reference], *, imported: bool) -> None:
    for token in tokens:
        if token.type == "error":
            raise _syntax_error(token)
        if token.type == "url":
            found.append(Reference(token.value, token.source_line, token.source_column, imported))
        elif token.type == "function" and token.lower_name == "url":
            strings = [argument for argument in token.arguments if argument.type == "string"]
            url = strings[0].value if strings else ""
            found.append(Reference(url, token.source_line, token.source_column, imported))
        elif token.type == "string" and imported:
            found.append(Reference(token.value, token.source_line, token.source_column, imported))
        elif token.type == "function":
            _walk(token.arguments, found, imported=imported)
        elif token.type in ("() block", "[] block", "{} block"):
            # A nested rule (@media) is one {} block of tokens: its url()s are found the same way.
            _walk(token.content, found, imported=imported)


class _CssError(ValueError):
    def __init__(self, line: int, column: int, message: str) -> None:
        super().__init__(message)
        self.line, self.column = line, column


def _syntax_error(error) -> _CssError:
    return _CssError(error.source_line, error.source_column, f"not valid CSS: {error.message}")


def refusal(url: str, *, imported: bool) -> str | None:
    """Why the PDF renderer would refuse to load `url`, in its words; None for a plain asset file."""
    if imported:
        return f"refused to load {url!r}: @import is not allowed (an approved stylesheet is one file)"
    try:
        parts = urlsplit(url)
    except ValueError:
        return f"refused to load {url!r}: malformed URL"
    if parts.scheme:
        return f"refused to load {url!r}: only the shipped assets may be loaded"
    if parts.netloc or parts.query or parts.fragment or not parts.path:
        return f"refused to load {url!r}: not a plain local file URL"
    path = PurePosixPath(parts.path)
    if path.is_absolute() or ".." in path.parts or "\\" in url or any(ord(char) < 32 for char in url):
        return f"refused to load {url!r}: not a file under the assets folder (a relative path without ..)"
    return None


def asset_files(where_path, css: str, ref: str) -> list[str]:
    """The asset files a stylesheet loads (relative to the assets folder), in order, each once;
    TemplateProblems naming the stylesheet's file, line and version for every refused reference."""
    return list(_asset_files(display_path(where_path), css, ref))


@lru_cache(maxsize=64)  # per stylesheet text: the glyph check and the manifest of every letter of a batch ask
def _asset_files(where: str, css: str, ref: str) -> tuple[str, ...]:
    try:
        found = references(css)
    except _CssError as exc:
        raise TemplateProblems([f"{where}:{exc.line}:{exc.column}: {ref}: {exc}"]) from None
    problems = [
        f"{where}:{reference.line}:{reference.column}: {ref}: {why}"
        for reference in found
        if (why := refusal(reference.url, imported=reference.imported)) is not None
    ]
    if problems:
        raise TemplateProblems(problems)
    return tuple(dict.fromkeys(str(PurePosixPath(reference.url)) for reference in found))
