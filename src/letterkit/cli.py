"""The command line: a thin typer layer, and the only place that prints or exits.

Expected errors (LetterkitError) print one clear message per problem and exit
with the error's code; `--debug` shows the traceback instead.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path
from typing import Annotated, TypeVar

import typer

from letterkit import __version__, cli_templates
from letterkit.cli_templates import TemplatesDirOpt
from letterkit.errors import EXIT_CHECKS, EXIT_FAILURE, InputError, LetterkitError, Problem, display_path
from letterkit.findings import Finding, has_errors

T = TypeVar("T")

app = typer.Typer(
    name="letterkit",
    help="Draft CEO letters to shareholders as press releases: wire text, DOCX for legal, PDF for the newswire.",
    no_args_is_help=True,
    add_completion=False,
    rich_markup_mode=None,
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)

_state = {"debug": False}

LetterArg = Annotated[
    Path, typer.Argument(help="The letter's YAML file, e.g. data/letters/callisto-2007-shareholder-letter.yaml")
]
CompaniesOpt = Annotated[
    Path | None,
    typer.Option("--companies", help="Folder of company profiles [default: ../companies next to the letter's folder]"),
]
AsciiOpt = Annotated[
    bool,
    typer.Option("--ascii", help="Write the text output as plain ASCII (straight quotes, -- for dashes) and check it so."),
]
StrictOpt = Annotated[bool, typer.Option("--strict", help="Treat release-check warnings as errors (exit 4).")]
AllowDraftTemplatesOpt = Annotated[
    bool,
    typer.Option("--allow-draft-templates", help="Use template versions not yet approved (recorded in manifest.json)"),
]


def _version(value: bool) -> None:
    if value:
        print(f"letterkit {__version__}")
        raise typer.Exit()


@app.callback()
def _main(
    debug: Annotated[bool, typer.Option("--debug", help="Show the traceback of an error.")] = False,
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="Show the version and exit.")
    ] = False,
) -> None:
    _state["debug"] = debug


def _run(action: Callable[[], T]) -> T:
    """Run a command body; turn expected errors into messages and exit codes."""
    try:
        return action()
    except LetterkitError as exc:
        if _state["debug"]:
            raise
        for line in exc.lines():
            print(line, file=sys.stderr)
        raise typer.Exit(exc.exit_code) from None
    except (typer.Exit, BrokenPipeError):  # a closed pipe (`| head`): click exits quietly on EPIPE
        raise
    except KeyboardInterrupt:
        print("interrupted; nothing was written.", file=sys.stderr)
        raise typer.Exit(130) from None
    except Exception as exc:  # a bug: still no traceback unless asked for
        if _state["debug"]:
            raise
        print(f"internal error: {type(exc).__name__}: {exc} (run with --debug for the traceback)", file=sys.stderr)
        raise typer.Exit(EXIT_FAILURE) from None


@app.command(
    epilog=(
        "Examples:\n\n"
        "  letterkit draft data/letters/callisto-2007-shareholder-letter.yaml\n\n"
        "  letterkit draft LETTER.yaml --out build/ --format txt,pdf\n\n"
        "  letterkit draft LETTER.yaml --templates house-templates/ --allow-draft-templates\n\n"
        "  letterkit draft LETTER.yaml --ascii --strict"
    )
)
def draft(
    letter: LetterArg,
    out: Annotated[
        Path | None, typer.Option("--out", "-o", help="Output folder [default: output/<letter file stem>/]")
    ] = None,
    formats: Annotated[
        str, typer.Option("--format", "-f", help="Comma-separated formats to write: txt,docx,pdf,html")
    ] = "txt,docx,pdf,html",
    companies: CompaniesOpt = None,
    templates: TemplatesDirOpt = None,
    allow_draft_templates: AllowDraftTemplatesOpt = False,
    ascii: AsciiOpt = False,
    strict: StrictOpt = False,
) -> None:
    """Draft the release: <stem>.txt, <stem>.docx, <stem>.pdf, <stem>.html, and manifest.json."""
    from letterkit import drafting
    from letterkit.project_config import open_store

    def action() -> None:
        result = drafting.draft(
            letter,
            out_dir=out,
            formats=drafting.parse_formats(formats),
            companies_dir=companies,
            store=open_store(templates),
            allow_draft_templates=allow_draft_templates,
            ascii=ascii,
        )
        for path in result.written:
            print(f"wrote {display_path(path)}")
        _report(result.findings, strict=strict)

    _run(action)


@app.command(
    epilog="Example:\n\n  letterkit validate data/letters/callisto-2007-shareholder-letter.yaml"
)
def validate(letter: LetterArg, companies: CompaniesOpt = None, templates: TemplatesDirOpt = None) -> None:
    """Check a letter and its company profile; report every problem; write nothing."""
    from letterkit import drafting
    from letterkit.project_config import open_store

    def action() -> None:
        inputs = drafting.load(letter, companies_dir=companies, store=open_store(templates))
        print(f"{display_path(inputs.letter_path)}: ok (company profile {display_path(inputs.company_path)})")

    _run(action)


@app.command(
    epilog=(
        "Example:\n\n"
        "  letterkit new --company callisto data/letters/callisto-2007-q3-update.yaml\n\n"
        "Then replace every FILL IN and run letterkit validate on the file."
    )
)
def new(
    letter: Annotated[Path, typer.Argument(help="The letter file to create (never overwritten)")],
    company: Annotated[str, typer.Option("--company", "-c", help="Company id: its profile is companies/<id>.yaml")],
    companies: CompaniesOpt = None,
) -> None:
    """Write a commented skeleton letter for a company, with FILL IN placeholders."""

    def action() -> None:
        from letterkit.skeleton import write_skeleton

        path = write_skeleton(letter, company, companies)
        print(f"wrote {display_path(path)}: replace every FILL IN, then run letterkit validate {display_path(path)}")

    _run(action)


@app.command(
    epilog=(
        "Examples:\n\n"
        "  letterkit schema letter > schemas/letter.schema.json\n\n"
        "  letterkit schema company\n\n"
        "Editors with yaml-language-server read the schema from the file's first line:\n\n"
        "  # yaml-language-server: $schema=../../schemas/letter.schema.json"
    )
)
def schema(
    kind: Annotated[str, typer.Argument(help="Which input: letter or company")] = "letter",
) -> None:
    """Print the JSON Schema of a letter or a company profile."""

    def action() -> None:
        from letterkit.inputs.json_schema import KINDS, schema_text

        if kind not in KINDS:
            raise InputError([Problem("KIND", 1, 1, "", f"unknown input kind {kind!r}; choose letter or company")])
        sys.stdout.write(schema_text(kind))

    _run(action)


@app.command(epilog="Example:\n\n  letterkit exchanges")
def exchanges() -> None:
    """List the exchange labels a listing may use, with the name printed in prose."""
    from letterkit.exchanges import EXCHANGES

    width = max(len(label) for label in EXCHANGES)
    for label, name in EXCHANGES.items():
        print(f"{label:<{width}}  {name}")


def _report(findings: list[Finding], *, strict: bool = False) -> None:
    """Print findings; exit non-zero when any is an error (the files are already written)."""
    for finding in findings:
        print(finding, file=sys.stderr)
    _exit_if_blocking(findings, strict=strict)


def _exit_if_blocking(findings: list[Finding], *, strict: bool = False) -> None:
    """Exit 4 when a finding is an error (with `strict`, a warning too)."""
    if has_errors(findings, strict=strict):
        blocking = ("error", "warning") if strict else ("error",)
        errors = sum(f.severity in blocking for f in findings)
        print(f"{errors} release check error(s): fix them before sending this to the wire.", file=sys.stderr)
        raise typer.Exit(EXIT_CHECKS)


cli_templates.register(app)  # `letterkit templates …` and `letterkit verify`


def main() -> None:
    app()


import letterkit.cli_review  # noqa: E402, F401  (registers `check` and `redline` on app; it imports this module)
