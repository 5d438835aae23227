"""Data values become literal Markdown text: nothing typed in YAML is markup.

Templates produce Markdown; every value they print goes through `escape`,
which backslash-escapes all ASCII punctuation (CommonMark allows escaping any
of it, and the parser turns each escape back into the plain character). So
`*`, `#`, `1)`, `<script>`, `[x](y)` and `&amp;` in data come out exactly as
typed in every format. Filters that build markup on purpose (links, line
breaks) return `Markdown`, which is not escaped again.
"""

from __future__ import annotations

import re
import string

_PUNCTUATION = re.compile("([" + re.escape(string.punctuation) + "])")


class Markdown(str):
    """Text that is already Markdown and must be passed through unchanged."""


def escape(text: str) -> Markdown:
    return Markdown(_PUNCTUATION.sub(r"\\\1", text))


def link(url: str, label: str | None = None) -> Markdown:
    """A hyperlink whose label is printed as-is; the URL was validated as http(s)."""
    return Markdown(f"[{escape(label or url)}](<{url}>)")


def lines(values: list[object]) -> Markdown:
    """One line per value with hard breaks between; empty values are skipped."""
    return Markdown("\\\n".join(escape(str(v)) for v in values if v))
