"""Findings: what a check says about a letter, at the position it concerns.

Printed as `file:line: severity: rule-id: message`. Errors make `check` (and
`draft`, after writing) exit non-zero; warnings do so only with `--strict`.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from typing import Literal

from letterkit.inputs.yaml_source import Path_, YamlSource

Severity = Literal["error", "warning", "info"]


@dataclass(frozen=True, order=True)
class Finding:
    file: str
    line: int
    severity: Severity
    rule: str
    message: str

    def __str__(self) -> str:
        return f"{self.file}:{self.line}: {self.severity}: {self.rule}: {self.message}"


def describe_character(char: str) -> str:
    """'東' (U+6771 CJK UNIFIED IDEOGRAPH-6771): how findings name a character."""
    return f"{char!r} (U+{ord(char):04X} {unicodedata.name(char, 'unnamed character')})"


def finding_at(source: YamlSource, path: Path_, severity: Severity, rule: str, message: str) -> Finding:
    """A finding placed at the value `path` of an input file (or its nearest parent)."""
    return Finding(source.display_name, source.position(path).line, severity, rule, message)


def has_errors(findings: list[Finding], *, strict: bool = False) -> bool:
    blocking = {"error", "warning"} if strict else {"error"}
    return any(f.severity in blocking for f in findings)
