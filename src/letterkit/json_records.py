"""Reading a JSON record letterkit wrote (manifest.json, a write journal) as the input it is.

Such a file may have been edited, truncated or replaced by anyone with access
to the folder, so it is read like a letter:
- through input_files (a regular file only, with a byte cap counted while reading);
- as strict JSON: no duplicate keys, no NaN or Infinity, at most MAX_DEPTH
  levels of nesting (100,000 brackets are refused, not a RecursionError);
- validated against a pydantic model, every problem collected and reported as
  `file:line:column: field: message` in the inputs' own wording.
The stdlib's JSON parser keeps no positions, so when validation fails the
same text is read again by the YAML reader (JSON is YAML), only for the line
and column of each value; where that fails, a problem is placed at 1:1.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any, TypeVar

from pydantic import BaseModel

from letterkit import input_files
from letterkit.errors import Problem

M = TypeVar("M", bound=BaseModel)

MAX_DEPTH = 40  # as for YAML inputs; letterkit's records nest three or four levels


def read_record(path: Path, display_name: str, model: type[M], *, limit: int) -> tuple[M | None, list[Problem]]:
    """The record in `path` as `model`, or None and every problem found."""
    try:
        text = input_files.read_text(path, limit=limit)
    except input_files.UnreadableFile as exc:
        return None, [Problem.about(display_name, str(exc))]
    return parse_record(text, path, display_name, model)


def parse_record(text: str, path: Path, display_name: str, model: type[M]) -> tuple[M | None, list[Problem]]:
    """The record `text`, read from `path`, as `model`, or None and every problem found."""
    try:
        data = json.loads(text, object_pairs_hook=_refuse_duplicates, parse_constant=_refuse_constant)
    except json.JSONDecodeError as exc:
        return None, [Problem(display_name, exc.lineno, exc.colno, "", f"not valid JSON: {exc.msg}")]
    except RecursionError:
        return None, [Problem.about(display_name, f"nesting deeper than {MAX_DEPTH} levels; refused")]
    except ValueError as exc:  # a duplicate key, NaN, an integer of more than 4,300 digits
        return None, [Problem.about(display_name, f"not valid JSON: {exc}")]
    if _depth(data) > MAX_DEPTH:
        return None, [Problem.about(display_name, f"nesting deeper than {MAX_DEPTH} levels; refused")]
    from letterkit.inputs.validation import validate
    from letterkit.inputs.yaml_source import YamlSource

    record, problems = validate(model, YamlSource(display_name, data))
    if not problems:
        return record, []
    positioned = _with_positions(path, display_name, data)
    return None, sorted(validate(model, positioned)[1])


def _refuse_duplicates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    result: dict[str, Any] = {}
    for key, value in pairs:
        if key in result:
            raise ValueError(f"duplicate key {key!r}")
        result[key] = value
    return result


def _refuse_constant(name: str) -> None:
    raise ValueError(f"{name} is not a number JSON allows")


def _depth(data: Any) -> int:
    """How deeply `data` nests, without recursion."""
    deepest, pending = 0, [(data, 1)]
    while pending:
        value, depth = pending.pop()
        children = value.values() if isinstance(value, dict) else value if isinstance(value, list) else ()
        deepest = max(deepest, depth)
        pending.extend((child, depth + 1) for child in children)
    return deepest


def _with_positions(path: Path, display_name: str, data: Any):  # noqa: ANN202 - a YamlSource, imported late
    """`data` (as JSON typed it) with the line and column of each value, read from the file as YAML."""
    from letterkit.inputs.yaml_source import YamlSource, read_yaml

    positions = read_yaml(path, display_name)
    return YamlSource(display_name, data, positions.values, positions.keys)
