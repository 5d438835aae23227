"""Wire house rules: the character set a wire carries, and whether it expects contacts and ###.

Read from the shipped resources/wires.yaml, whose comments say where each
assumption comes from; users may correct that file for their wire.
"""

from __future__ import annotations

from functools import cache
from typing import Literal

from letterkit.errors import InputError, display_path
from letterkit.inputs.schema import Model
from letterkit.inputs.text_types import Text
from letterkit.inputs.validation import validate
from letterkit.inputs.yaml_source import read_yaml
from letterkit.paths import resources_dir

Charset = Literal["ascii", "windows-1252", "unicode"]
Expectation = Literal["expected", "optional"]


class WireRules(Model):
    name: Text
    charset: Charset
    contacts: Expectation
    end_marker: Expectation


class WireTable(Model):
    wires: dict[str, WireRules]


@cache
def wire_rules() -> dict[str, WireRules]:
    """Rules per wire style (release.wire); a broken file is an input error naming its lines."""
    path = resources_dir() / "wires.yaml"
    source = read_yaml(path, display_path(path))
    table, problems = validate(WireTable, source) if not source.problems else (None, source.problems)
    if table is None:
        raise InputError(problems)
    return table.wires


def in_charset(char: str, charset: Charset) -> bool:
    if char == "\n" or charset == "unicode":
        return True
    if charset == "ascii":
        return " " <= char <= "~"
    try:
        char.encode("cp1252")
    except UnicodeEncodeError:
        return False
    return char >= " " and char != "\x7f"
