"""Where each table and key of a TOML file is written, for messages at `file:line:column`.

tomllib keeps no positions, and letterkit's TOML files (versions.toml,
letterkit.toml, wire rules) are a few `[table]` headers and `key = value`
lines, so one pass over the lines finds them: a header sets the table the
following keys belong to, `[[array]]` headers count their entries, a dotted
key (`a.b = 1`) nests. Multi-line values are skipped (a line that is not a
header or a `key =` names nothing). Paths are as tomllib's data has them:
("v2", "approved_on"), ("templates", "folder").
"""

from __future__ import annotations

import re

from letterkit.inputs.yaml_source import Path_, Position

_BARE_OR_QUOTED = r"""(?:[A-Za-z0-9_-]+|"[^"\\\n]*"|'[^'\n]*')"""
_DOTTED = rf"{_BARE_OR_QUOTED}(?:\s*\.\s*{_BARE_OR_QUOTED})*"
_HEADER = re.compile(rf"^[ \t]*(?P<open>\[\[?)[ \t]*(?P<name>{_DOTTED})[ \t]*\]\]?")
_KEY = re.compile(rf"^[ \t]*(?P<name>{_DOTTED})[ \t]*=[ \t]*")
_PART = re.compile(_BARE_OR_QUOTED)


def _parts(dotted: str) -> tuple[str, ...]:
    return tuple(part.strip("\"'") for part in _PART.findall(dotted))


def toml_positions(text: str) -> tuple[dict[Path_, Position], dict[Path_, Position]]:
    """(where each value starts, where each key is written), first occurrence of each path."""
    values: dict[Path_, Position] = {(): Position(1, 1)}
    keys: dict[Path_, Position] = {}
    table: Path_ = ()
    arrays: dict[Path_, int] = {}
    for number, line in enumerate(text.split("\n"), start=1):
        header = _HEADER.match(line)
        if header:
            table = _parts(header["name"])
            if header["open"] == "[[":
                arrays[table] = arrays.get(table, -1) + 1
                keys.setdefault(table, Position(number, header.start("name") + 1))
                table = (*table, arrays[table])
            keys.setdefault(table, Position(number, header.start("name") + 1))
            values.setdefault(table, Position(number, header.start("name") + 1))
            continue
        key = _KEY.match(line)
        if key:
            path = (*table, *_parts(key["name"]))
            keys.setdefault(path, Position(number, key.start("name") + 1))
            values.setdefault(path, Position(number, key.end() + 1))
    return values, keys
