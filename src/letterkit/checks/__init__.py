"""Release checks: rules over the inputs and the composed Document.

Each rule is a function `(inputs, composition) -> list[Finding]`, registered
in RULES. `draft` and `check` run them all and print the findings.
"""

from __future__ import annotations

from collections.abc import Callable

from letterkit.compose.composer import Composition
from letterkit.findings import Finding
from letterkit.inputs.load import Inputs

Rule = Callable[[Inputs, Composition], list[Finding]]


def _rules() -> list[Rule]:
    # Imported here so that loading this package stays cheap for commands that never check.
    from letterkit.checks import glyphs, template_pins

    return [glyphs.check_glyph_coverage, template_pins.check_template_choices]


def run_checks(inputs: Inputs, composition: Composition) -> list[Finding]:
    findings: list[Finding] = []
    for rule in _rules():
        findings += rule(inputs, composition)
    return sorted(set(findings))
