"""Read a YAML input file into plain data plus the position of every value.

We let PyYAML only *compose* (parse into nodes) and build the data ourselves:
- every scalar stays the text that was typed ("NO", "012345", "1e3",
  "2007-01-03" are strings); the pydantic schema converts where a field wants a
  number, date or flag, so YAML 1.1 implicit typing never changes text;
- every mapping key and value keeps its line and column, so each error can
  name `file:line:column`;
- duplicate keys, explicit tags and unbounded alias expansion are refused.
The file is read as input_files reads every file (a regular file, at most
1 MB), and the SHA-256 of exactly the bytes parsed is kept for the manifest.
All problems in a file are collected; the caller decides when to stop.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from letterkit.errors import Problem
from letterkit.input_files import YAML_LIMIT, NotText, UnreadableFile, decode_text, read_bytes

MAX_FILE_BYTES = YAML_LIMIT  # a letter or profile is a few kB; refuse anything absurd
MAX_NODES = 20_000  # values after alias expansion ("billion laughs" stops here)
MAX_DEPTH = 40

_CORE_TAG_PREFIX = "tag:yaml.org,2002:"
# "merge" is what a bare `<<` value resolves to; as a value it is just text.
_SCALAR_TAGS = {f"{_CORE_TAG_PREFIX}{t}" for t in ("str", "int", "float", "bool", "null", "timestamp", "merge")}
_NULL_TAG = f"{_CORE_TAG_PREFIX}null"
_MAP_TAG = f"{_CORE_TAG_PREFIX}map"
_SEQ_TAG = f"{_CORE_TAG_PREFIX}seq"

Path_ = tuple[str | int, ...]  # a value's address: ("letter", "goals", 2, "text")


@dataclass(frozen=True)
class Position:
    line: int  # 1-based
    column: int  # 1-based


@dataclass
class YamlSource:
    """A parsed input file: its data and where each value (and key) was written."""

    display_name: str
    data: Any = None
    values: dict[Path_, Position] = field(default_factory=dict)
    keys: dict[Path_, Position] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    sha256: str = ""  # of the bytes read ("" when the file could not be read)
    # After a syntax error: the top-level keys whose sections could not be read (None: a section with no key);
    # the data holds the others, to be validated for their own problems. None when the whole file was read.
    unread_sections: frozenset[str | None] | None = None
    size: int = 0

    def position(self, path: Path_, *, key: bool = False) -> Position:
        """The position of `path`, or of its nearest enclosing value if it is absent."""
        table = self.keys if key else self.values
        for end in range(len(path), -1, -1):
            prefix = path[:end]
            if prefix in table:
                return table[prefix]
            if prefix in self.values:
                return self.values[prefix]
        return Position(1, 1)

    def problem(self, path: Path_, message: str, *, key: bool = False) -> Problem:
        pos = self.position(path, key=key)
        return Problem(self.display_name, pos.line, pos.column, format_path(path), message)


def format_path(path: Path_) -> str:
    """("letter", "goals", 2, "text") -> "letter.goals[2].text"."""
    out = ""
    for part in path:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += f".{part}" if out else str(part)
    return out


def read_yaml(path: Path, display_name: str, *, inside: Path | None = None) -> YamlSource:
    """The file at `path` (which must stay inside the folder `inside`, when given: a file found there)."""
    source = YamlSource(display_name)
    text = _read_text(path, source, inside)
    if text is None:
        return source
    try:
        root = yaml.compose(text, Loader=_Loader)
    except yaml.MarkedYAMLError as exc:
        root = _after_syntax_error(exc, text, source)
        if root is None:
            return source
    except yaml.reader.ReaderError as exc:  # a control character: positioned by index, not mark
        line = text.count("\n", 0, exc.position) + 1
        column = exc.position - (text.rfind("\n", 0, exc.position) + 1) + 1
        code = exc.character if isinstance(exc.character, int) else ord(exc.character)
        message = f"control character U+{code:04X} is not allowed in YAML text"
        source.problems.append(Problem(display_name, line, column, "", message))
        return source
    if root is None:
        source.problems.append(Problem.about(display_name, "the file has no content"))
        return source
    if not isinstance(root, yaml.MappingNode):
        pos = _position(root)
        source.problems.append(
            Problem(display_name, pos.line, pos.column, "", "the top level must be a mapping of keys to values")
        )
        return source
    builder = _Builder(source)
    try:
        source.data = builder.build(root, ())
    except _TooLarge as exc:
        source.data = None
        source.problems.append(Problem(display_name, exc.position.line, exc.position.column, "", exc.message))
    return source


def _after_syntax_error(exc: yaml.MarkedYAMLError, text: str, source: YamlSource) -> yaml.Node | None:
    """Report the error, and the other broken sections; the rest of the file's nodes, for validation."""
    from letterkit.inputs.yaml_errors import explain
    from letterkit.inputs.yaml_recovery import recover

    line, column, message = explain(exc, text)
    source.problems.append(Problem(source.display_name, line, column, "", message))
    recovered = recover(text, line, _Loader)
    if recovered is None:
        return None
    source.problems += [Problem(source.display_name, at_line, at_column, "", said) for at_line, at_column, said in recovered.errors]
    try:
        root = yaml.compose(recovered.text, Loader=_Loader)
    except yaml.YAMLError:
        return None
    if not isinstance(root, yaml.MappingNode):
        return None
    source.unread_sections = recovered.broken
    return root


def _read_text(path: Path, source: YamlSource, inside: Path | None) -> str | None:
    name = source.display_name
    try:
        raw = read_bytes(path, limit=MAX_FILE_BYTES, inside=inside)
        source.sha256, source.size = hashlib.sha256(raw).hexdigest(), len(raw)
        text = decode_text(raw)
    except NotText as exc:
        message = f"file is not UTF-8 text (byte 0x{exc.byte:02x}); save it as UTF-8"
        source.problems.append(Problem(name, exc.line, exc.column, "", message))
        return None
    except UnreadableFile as exc:
        source.problems.append(Problem.about(name, str(exc)))
        return None
    if not text.strip():
        source.problems.append(Problem.about(name, "the file is empty"))
        return None
    return text


class _Loader(yaml.SafeLoader if not hasattr(yaml, "CSafeLoader") else yaml.CSafeLoader):  # type: ignore[misc]
    """Composes nodes only; no Python objects are ever constructed from tags."""


class _TooLarge(Exception):
    def __init__(self, position: Position, message: str):
        self.position, self.message = position, message


def _position(node: yaml.Node) -> Position:
    return Position(node.start_mark.line + 1, node.start_mark.column + 1)


class _Builder:
    """Turns a node tree into dicts, lists, strings and None, recording positions."""

    def __init__(self, source: YamlSource):
        self.source = source
        self.nodes_seen = 0

    def build(self, node: yaml.Node, path: Path_) -> Any:
        self.nodes_seen += 1
        if self.nodes_seen > MAX_NODES:
            raise _TooLarge(
                _position(node),
                f"the file expands to more than {MAX_NODES:,} values (aliases repeating anchors?); refused",
            )
        if len(path) > MAX_DEPTH:
            raise _TooLarge(_position(node), f"nesting deeper than {MAX_DEPTH} levels; refused")
        self.source.values.setdefault(path, _position(node))
        if isinstance(node, yaml.ScalarNode):
            return self._scalar(node, path)
        if not self._tag_allowed(node, _MAP_TAG if isinstance(node, yaml.MappingNode) else _SEQ_TAG, path):
            return None
        if isinstance(node, yaml.SequenceNode):
            return [self.build(item, (*path, index)) for index, item in enumerate(node.value)]
        return self._mapping(node, path)

    def _scalar(self, node: yaml.ScalarNode, path: Path_) -> str | None:
        if node.tag not in _SCALAR_TAGS:
            self._tag_allowed(node, "", path)
            return None
        if node.tag == _NULL_TAG and not node.style:  # plain (unquoted); libyaml says "", PyYAML None
            return None  # `key:` with nothing, `~` or `null`: absent
        return node.value

    def _mapping(self, node: yaml.MappingNode, path: Path_) -> dict[str, Any]:
        result: dict[str, Any] = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode) or key_node.tag not in _SCALAR_TAGS:
                self.source.problems.append(self._problem(key_node, path, "keys must be plain names"))
                continue
            key = key_node.value
            if key == "<<" and key_node.tag == f"{_CORE_TAG_PREFIX}merge":
                self.source.problems.append(self._problem(key_node, path, "merge keys (<<) are not supported"))
                continue
            child = (*path, key)
            if key in result:
                first = self.source.keys[child]
                self.source.problems.append(
                    self._problem(key_node, child, f"duplicate key {key!r} (first defined on line {first.line})")
                )
                continue
            self.source.keys[child] = _position(key_node)
            result[key] = self.build(value_node, child)
        return result

    def _tag_allowed(self, node: yaml.Node, expected: str, path: Path_) -> bool:
        if node.tag == expected:
            return True
        self.source.problems.append(self._problem(node, path, f"YAML tags are not allowed here ({node.tag})"))
        return False

    def _problem(self, node: yaml.Node, path: Path_, message: str) -> Problem:
        pos = _position(node)
        return Problem(self.source.display_name, pos.line, pos.column, format_path(path), message)
