"""Release checks: rules over the inputs and the composed Document.

Each rule is a function `(release: ReleaseText) -> list[Finding]`, listed in
_rules. One ReleaseText per letter is handed to every rule, so what they share
(the passages, the field behind each word) is built once. `draft` and `check` run them all and print the findings. Options a
rule needs (the text going out as ASCII, another rate card) are bound here.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from letterkit.compose.composer import Composition
from letterkit.findings import Finding
from letterkit.inputs.load import Inputs

if TYPE_CHECKING:
    from letterkit.checks.release_text import ReleaseText

Rule = Callable[["ReleaseText"], list[Finding]]


def _rules(*, ascii: bool = False, rate_card: Path | None = None) -> list[Rule]:
    # Imported here so that loading this package stays cheap for commands that never check.
    from letterkit.checks import dates, glyphs, length, reg_fd, safe_harbor, template_pins, tickers, wire_text

    return [
        glyphs.check_glyph_coverage,
        template_pins.check_template_choices,
        safe_harbor.check_safe_harbor,
        dates.check_dates,
        tickers.check_tickers,
        partial(wire_text.check_wire_text, ascii=ascii),
        partial(length.check_length, rate_card=rate_card),
        reg_fd.check_reg_fd,
    ]


def run_checks(
    inputs: Inputs, composition: Composition, *, ascii: bool = False, rate_card: Path | None = None
) -> list[Finding]:
    """Every rule's findings, sorted by file and line. `ascii`: the wire gets `draft --ascii` text."""
    from letterkit.checks.release_text import ReleaseText

    release = ReleaseText(inputs, composition)
    findings: list[Finding] = []
    for rule in _rules(ascii=ascii, rate_card=rate_card):
        findings += rule(release)
    return sorted(set(findings))
