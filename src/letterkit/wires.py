"""Wire house rules: the character set a wire carries, whether it expects contacts and ###, its months.

A wire style is two templates of one name: its dateline (`datelines/<wire>`)
and its house rules (`wire-rules/<wire>/v<N>.toml`), each versioned, approved,
locked and recorded in the manifest like any template. The letter's
`wire_rules` slot selects the rules' version (pin-able in `templates:`); each
version's header comment says where its assumptions come from. A broken rules
file is a template error at its file and line.
"""

from __future__ import annotations

import tomllib
from collections.abc import Mapping
from functools import cache
from typing import TYPE_CHECKING, Literal

from pydantic import Field

from letterkit.errors import TemplateProblems, display_path
from letterkit.inputs.schema import Model
from letterkit.inputs.text_types import Name
from letterkit.inputs.validation import validate
from letterkit.inputs.yaml_source import YamlSource
from letterkit.template_names import WIRE_RULES_GROUP
from letterkit.toml_positions import toml_positions

if TYPE_CHECKING:
    from letterkit.compose.template_store import TemplateVersion

Charset = Literal["ascii", "windows-1252", "unicode"]
Expectation = Literal["expected", "optional"]
MonthStyle = Literal["ap", "spelled-out"]


class WireRules(Model):
    name: Name = Field(description='The wire\'s name in messages, e.g. "Business Wire"')
    charset: Charset = Field(description="The characters the wire's text feed is assumed to carry")
    contacts: Expectation = Field(description="Whether the wire expects a media/investor contact block")
    end_marker: Expectation = Field(description="Whether the wire's releases end with ###")
    months: MonthStyle = Field(
        description='How the headline and lead write a month before a day: "ap" (Jan., Sept., …) or "spelled-out" '
        "(the wire's own datelines spell months out, so the news text may too)"
    )


def is_wire_rules(version: TemplateVersion) -> bool:
    return version.name.startswith(f"{WIRE_RULES_GROUP}/")


def rules_of(templates: Mapping[str, TemplateVersion]) -> WireRules | None:
    """The house rules of the letter's wire style (its templates by slot); None when the style has none."""
    version = templates.get("wire_rules")
    return None if version is None else read_wire_rules(version)


def read_wire_rules(version: TemplateVersion) -> WireRules:
    """A rules version read and validated; TemplateProblems at the file's lines if it is broken."""
    return _parse(display_path(version.path), version.text)


@cache  # per file name and content: a batch reads the same rules for every letter
def _parse(where: str, text: str) -> WireRules:
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise TemplateProblems([f"{where}: not valid TOML: {exc}"]) from None
    values, keys = toml_positions(text)
    rules, problems = validate(WireRules, YamlSource(where, data, values, keys))
    if rules is None:
        raise TemplateProblems([str(problem) for problem in problems])
    return rules


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
