"""Review commands: `check` (release checks, nothing written) and `redline` (what changed).

Registered on the main app by cli.py. Like every command, they only print and
exit here; the work is in letterkit.checks and letterkit.redline, imported
when a command runs so that `letterkit --help` stays fast.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path
from typing import Annotated

import typer

from letterkit.cli import AsciiOpt, CompaniesOpt, LetterArg, StrictOpt, _exit_if_blocking, _run, app
from letterkit.errors import display_path

RateCardOpt = Annotated[
    Path | None,
    typer.Option("--ratecard", help="Rate card for the cost [default: ratecards.yaml in the data folder]"),
]


@app.command(
    epilog=(
        "Each finding is printed as file:line: severity: rule-id: message. Exit code 4 when there is an error "
        "(with --strict, a warning too).\n\n"
        "Examples:\n\n"
        "  letterkit check data/letters/callisto-2007-shareholder-letter.yaml\n\n"
        "  letterkit check LETTER.yaml --strict --ascii\n\n"
        "  letterkit check LETTER.yaml --ratecard ~/contracts/ratecards.yaml"
    )
)
def check(
    letter: LetterArg,
    companies: CompaniesOpt = None,
    ascii: AsciiOpt = False,
    strict: StrictOpt = False,
    ratecard: RateCardOpt = None,
) -> None:
    """Run the release checks (safe harbor, dates, tickers, wire text, length and cost); write nothing."""
    from letterkit import drafting
    from letterkit.checks import run_checks

    def action() -> None:
        inputs, composition = drafting.compose_letter(letter, companies_dir=companies)
        findings = run_checks(inputs, composition, ascii=ascii, rate_card=ratecard)
        for finding in findings:
            print(finding)
        counts = Counter(f.severity for f in findings)
        print(
            f"{display_path(inputs.letter_path)}: {counts['error']} error(s), {counts['warning']} warning(s), "
            f"{counts['info']} info"
        )
        _exit_if_blocking(findings, strict=strict)

    _run(action)
