"""After a YAML syntax error, keep reading the rest of the file, so one mistake does not hide the others.

A letter or profile is a mapping whose top-level keys start in column 1; each
key's block (its line and every indented, blank or comment line after it)
parses on its own. So after a syntax error every block is parsed alone: the
ones that fail are the broken sections, each reported at its own mistake;
the text with those blocks blanked out (line numbers kept) is parsed again and
validated, and problems about the broken sections are left out (a section that
could not be read is not also "missing"). A file that is not laid out that way
(a top-level list, a second document) keeps only its first syntax error.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import yaml

from letterkit.inputs.yaml_errors import explain

# "key:" starting in column 1: bare, or in quotes.
_TOP_KEY = re.compile(r"""^(?P<key>[^\s#'"\-?:,\[\]{}&*!|>%@`][^:#]*?|"[^"\n]*"|'[^'\n]*')[ \t]*:(?:[ \t]|$)""")
_DOCUMENT_START = re.compile(r"^---[ \t]*(?:#.*)?$")


@dataclass(frozen=True)
class Recovered:
    text: str  # the file with its broken blocks blanked: same lines, same columns elsewhere
    broken: frozenset[str | None]  # the top-level keys of the broken blocks (None: a block with no key)
    errors: tuple[tuple[int, int, str], ...]  # (line, column, message) of each broken block but the first error's


@dataclass(frozen=True)
class _Block:
    key: str | None
    first: int  # 0-based line numbers, end exclusive
    end: int


def recover(text: str, first_error_line: int, loader: type) -> Recovered | None:
    """The readable rest of a file whose whole-file parse failed at `first_error_line` (1-based); None if none."""
    lines = text.split("\n")
    blocks = _blocks(lines)
    if blocks is None:
        return None
    broken: list[_Block] = []
    errors = []
    for block in blocks:
        alone = "\n" * block.first + "\n".join(lines[block.first : block.end])  # same line numbers as the file
        try:
            yaml.compose(alone, Loader=loader)
        except yaml.MarkedYAMLError as exc:
            broken.append(block)
            if not block.first < first_error_line <= block.end:  # that one is reported already
                errors.append(explain(exc, alone))
        except yaml.YAMLError:
            return None
    if not broken:
        return None  # the mistake is between blocks (nothing to set aside): the first error says it all
    kept = list(lines)
    for block in broken:
        kept[block.first : block.end] = [""] * (block.end - block.first)
    return Recovered("\n".join(kept), frozenset(block.key for block in broken), tuple(errors))


def _blocks(lines: list[str]) -> list[_Block] | None:
    """Each top-level key's lines; None when a line in column 1 is neither a key, a comment nor a leading ---."""
    starts: list[tuple[int, str | None]] = []
    for number, line in enumerate(lines):
        if not line.strip() or line.startswith((" ", "\t", "#")):
            continue
        if _DOCUMENT_START.match(line) and not starts:
            continue
        match = _TOP_KEY.match(line)
        if match is None and line.startswith(("-", "---", "...", "[", "{")):
            return None  # not a mapping laid out key by key
        starts.append((number, match["key"].strip("\"'") if match else None))
    if not starts:
        return None
    return [
        _Block(key, first, starts[index + 1][0] if index + 1 < len(starts) else len(lines))
        for index, (first, key) in enumerate(starts)
    ]
