"""PyYAML's syntax errors in words a person editing a letter can act on.

PyYAML reports what its parser expected ("did not find expected key"), which
says nothing to someone who indented a line by one space too many. Most real
mistakes in hand-written YAML are indentation, tabs and unclosed quotes, so
those are explained from the text around the error; anything else keeps
PyYAML's own words.
"""

from __future__ import annotations

import re

import yaml

_KEY = re.compile(r"^(?P<indent> *)(?P<dash>(?:- +)*)(?P<key>[^\s#'\"][^:#]*?):(?: |$)")


def explain(exc: yaml.MarkedYAMLError, text: str) -> tuple[int, int, str]:
    """1-based line and column of the mistake, and the message for it."""
    mark = exc.problem_mark or exc.context_mark
    line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
    lines = text.split("\n")
    problem = exc.problem or ""
    context = exc.context or ""
    at = lines[line - 1][column - 1 : column] if 0 < line <= len(lines) else ""
    if at == "\t" or (problem.startswith("found character '\\t'")):
        return line, column, "a tab character: YAML indents with spaces only; replace the tab with spaces"
    if context == "while scanning a quoted scalar" and exc.context_mark is not None:
        opened = exc.context_mark
        quote = lines[opened.line][opened.column : opened.column + 1] or "quote"
        return (
            opened.line + 1,
            opened.column + 1,
            f"the {quote} opened here (line {opened.line + 1}, column {opened.column + 1}) is never closed: "
            f"end the value with {quote}",
        )
    if problem == "mapping values are not allowed in this context":
        return line, column, _unexpected_key(lines, line)
    if problem.startswith(("did not find expected key", "did not find expected '-' indicator", "expected <block end>")):
        return line, column, _misaligned(lines, line, exc)
    if context == "while scanning a simple key":
        if exc.context_mark is not None:  # where the would-be key starts, not where the scanner gave up
            line, column = exc.context_mark.line + 1, exc.context_mark.column + 1
        return (
            line,
            column,
            f"line {line} has no ':' where a key was expected: write 'key: value', or, if it continues the "
            "text above, indent it under that text or put the whole text in quotes",
        )
    return line, column, f"YAML syntax error: {problem or context or 'not valid YAML'}"


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip(" "))


def _previous_content(lines: list[str], line: int) -> int | None:
    """The number of the closest line above `line` that holds more than blanks or a comment."""
    for number in range(line - 1, 0, -1):
        stripped = lines[number - 1].strip()
        if stripped and not stripped.startswith("#"):
            return number
    return None


def _unexpected_key(lines: list[str], line: int) -> str:
    above = _previous_content(lines, line)
    here = lines[line - 1]
    if above is not None and _indent(here) > _indent(lines[above - 1]):
        match = _KEY.match(lines[above - 1])
        if match and lines[above - 1][match.end() :].strip():
            return (
                f"indentation: line {line} is indented more than line {above}, whose key "
                f"'{match['key']}' already has a value; start line {line} in column "
                f"{_indent(lines[above - 1]) + len(match['dash']) + 1}, like the key above, "
                "or put the text in quotes if it belongs to that value"
            )
    return (
        "a second ': ' on one line: a value that contains ': ' must be written in quotes "
        "(\"...\"), or the line is indented under a key that already has a value"
    )


def _misaligned(lines: list[str], line: int, exc: yaml.MarkedYAMLError) -> str:
    here = _indent(lines[line - 1]) + 1
    above = _previous_content(lines, line)
    columns: list[int] = []
    if above is not None:
        columns.append(_indent(lines[above - 1]) + 1)
        match = _KEY.match(lines[above - 1])
        if match and match["dash"]:  # "- key: …": the item's next key lines up with this one
            columns.append(_indent(lines[above - 1]) + len(match["dash"]) + 1)
    if exc.context_mark is not None:
        columns.append(exc.context_mark.column + 1)
    choices = " or ".join(str(column) for column in sorted(set(columns) - {here}))
    advice = f"start it in column {choices}, in line with the key or '-' it belongs beside" if choices else (
        "line it up with the key or '-' it belongs beside"
    )
    return (
        f"indentation: line {line} starts in column {here}, which lines up with nothing above it "
        f"(YAML nests by indentation); {advice}"
    )
