"""Release checks: rules over the inputs and the composed Document.

Each rule is a function `(inputs, composition) -> list[Finding]`, registered
in RULES. `draft` and `check` run them all and print the findings. Options a
rule needs (the text going out as ASCII, another rate card) are bound here.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from pathlib import Path

from letterkit.compose.composer import Composition
from letterkit.findings import Finding
from letterkit.inputs.load import Inputs

Rule = Callable[[Inputs, Composition], list[Finding]]


def _rules(*, ascii: bool = False, rate_card: Path | None = None) -> list[Rule]:
    # Imported here so that loading this package stays cheap for commands that never check.
    from letterkit.checks import dates, glyphs, length, safe_harbor, template_pins, tickers, wire_text

    return [
        glyphs.check_glyph_coverage,
        template_pins.check_template_choices,
        safe_harbor.check_safe_harbor,
        dates.check_dates,
        tickers.check_tickers,
        partial(wire_text.check_wire_text, ascii=ascii),
        partial(length.check_length, rate_card=rate_card),
    ]


def run_checks(
    inputs: Inputs, composition: Composition, *, ascii: bool = False, rate_card: Path | None = None
) -> list[Finding]:
    """Every rule's findings, sorted by file and line. `ascii`: the wire gets `draft --ascii` text."""
    findings: list[Finding] = []
    for rule in _rules(ascii=ascii, rate_card=rate_card):
        findings += rule(inputs, composition)
    return sorted(set(findings))
