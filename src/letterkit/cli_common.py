"""What every letterkit command shares: its common options, how a command body runs, how findings end it.

The command modules (cli, cli_review, cli_templates) import this one and never
each other, so the command line has no import circle; cli.py assembles the app.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, TypeVar

import typer

from letterkit.errors import EXIT_CHECKS, EXIT_FAILURE, LetterkitError
from letterkit.interruption import EXIT_INTERRUPTED, NOTHING_WRITTEN, caused_by_interrupt

if TYPE_CHECKING:
    from letterkit.findings import Finding

T = TypeVar("T")

# "interrupted": the line Ctrl-C prints, saying what is on disk at that moment.
_state = {"debug": False, "interrupted": NOTHING_WRITTEN}

def format_option(choices: tuple[str, ...], help: str) -> typer.models.OptionInfo:
    """`--format txt,pdf` (and `-f txt -f pdf`): every name checked by typer's own choice coercion.

    That is the function typer applies to Enum and Literal choices, so a wrong name gets the framework's
    usage error and exit code (`Invalid value for '--format' / '-f': 'rtf' is not one of 'txt', …`).
    typer takes no list of Literal, and comma lists are the wires' habit, hence the parser.
    """
    from typer._param_types import coerce_cli_choice  # typer is pinned (constraints.txt)

    def parse(value: str) -> list[str]:
        names = [name.strip() for name in value.split(",") if name.strip()]
        if not names:
            raise typer.BadParameter(f"name at least one of {', '.join(map(repr, choices))}.")
        try:
            return [coerce_cli_choice(name, choices=choices, case_sensitive=False) for name in names]
        except ValueError as exc:
            raise typer.BadParameter(str(exc)) from None

    def complete(incomplete: str) -> list[str]:
        listed, comma, last = incomplete.rpartition(",")
        taken = set(listed.split(","))
        return [f"{listed}{comma}{name}" for name in choices if name.startswith(last.lower()) and name not in taken]

    return typer.Option(
        "--format", "-f", metavar="FORMATS", parser=parse, autocompletion=complete, help=help, show_default=False
    )


def chosen_formats(values: list[list[str]]) -> list[str]:
    """Every --format given, in order, each name once."""
    return list(dict.fromkeys(name for names in values for name in names))


LetterArg = Annotated[
    Path,
    typer.Argument(
        metavar="LETTER.yaml", help="The letter's YAML file, e.g. data/letters/callisto-2007-shareholder-letter.yaml"
    ),
]
CompaniesOpt = Annotated[
    Path | None,
    typer.Option(
        "--companies",
        metavar="DIR",
        help="Folder of company profiles [default: the project's, from letterkit.toml; else a companies/ folder "
        "beside or above the letter]",
    ),
]
AsciiOpt = Annotated[
    bool,
    typer.Option(
        "--ascii", help="Write the text output as plain ASCII (straight quotes, -- for dashes) and check it so."
    ),
]
LangOpt = Annotated[
    list[str],
    typer.Option(
        "--lang",
        metavar="LANG",
        help="The editions to draft, comma-separated (en,de) [default: the letter's editions, else the company "
        "profile's, else en]; each other language from translations/ beside the letter and profile",
        show_default=False,
    ),
]


def chosen_languages(values: list[str]) -> list[str]:
    """--lang's languages, each a language code CLDR knows (else the command line's input error)."""
    from letterkit.errors import InputError, Problem
    from letterkit.inputs.schema import validated_language

    languages = [part.strip() for value in values for part in value.split(",") if part.strip()]
    problems = []
    for language in languages:
        try:
            validated_language(language)
        except ValueError as exc:
            problems.append(Problem.about("--lang", str(exc)))
    if problems:
        raise InputError(problems)
    return list(dict.fromkeys(languages))


StrictOpt = Annotated[bool, typer.Option("--strict", help="Treat release-check warnings as errors (exit 4).")]
AllowDraftTemplatesOpt = Annotated[
    bool,
    typer.Option("--allow-draft-templates", help="Use template versions not yet approved (recorded in manifest.json)"),
]


TemplatesDirOpt = Annotated[
    Path | None,
    typer.Option(
        "--templates",
        metavar="DIR",
        help="Your own template folder; its templates replace the shipped ones of the same name "
        "[default: [templates] folder in the project's letterkit.toml, found from the letter's folder upward]",
    ),
]


def start_command(*, debug: bool) -> None:
    """The app's callback, before any command: a fresh state."""
    _state["debug"] = debug
    _state["interrupted"] = NOTHING_WRITTEN


def debugging() -> bool:
    """Whether --debug asked for tracebacks."""
    return _state["debug"]


def interrupted_line() -> str:
    """What Ctrl-C now leaves on disk, in the one line it prints."""
    return _state["interrupted"]


def outputs_written(line: str) -> None:
    """From here on the command's outputs are on disk: Ctrl-C says so with `line`."""
    _state["interrupted"] = line


def run(action: Callable[[], T]) -> T:
    """Run a command body; turn expected errors into messages and exit codes."""
    try:
        return action()
    except (typer.Exit, BrokenPipeError):  # a closed pipe (`| head`): click exits quietly on EPIPE
        raise
    except BaseException as exc:
        if caused_by_interrupt(exc):
            print(interrupted_line(), file=sys.stderr)
            raise typer.Exit(EXIT_INTERRUPTED) from None
        if _state["debug"] or not isinstance(exc, Exception):
            raise
        if isinstance(exc, LetterkitError):
            for line in exc.lines():
                print(line, file=sys.stderr)
            raise typer.Exit(exc.exit_code) from None
        # a bug: still no traceback unless asked for
        print(f"internal error: {type(exc).__name__}: {exc} (run with --debug for the traceback)", file=sys.stderr)
        raise typer.Exit(EXIT_FAILURE) from None


def exit_if_blocking(
    findings: list[Finding], *, strict: bool = False, kind: str = "release check", before: str = "sending this to the wire"
) -> None:
    """Exit 4 when a finding is an error (with `strict`, a warning too); `kind` and `before` word the last line."""
    from letterkit.findings import has_errors

    if has_errors(findings, strict=strict):
        blocking = ("error", "warning") if strict else ("error",)
        errors = sum(f.severity in blocking for f in findings)
        what = "error(s) or warning(s) (--strict)" if strict else "error(s)"
        print(f"{errors} {kind} {what}: fix them before {before}.", file=sys.stderr)
        raise typer.Exit(EXIT_CHECKS)


def keep_examples_unwrapped(app: typer.Typer) -> None:
    """Mark each example command line in the epilogs of `app` (and its groups) as not to be rewrapped.

    The help formatter rewraps every paragraph to the terminal's width, breaking a command line
    mid-word ("--allow-draft-" / "templates"); a paragraph after a line holding only \\b it prints
    as written.
    """
    for command in app.registered_commands:
        if command.epilog:
            command.epilog = _EXAMPLE_PARAGRAPH.sub("\b\n", command.epilog)
    for group in app.registered_groups:
        if group.typer_instance is not None:
            keep_examples_unwrapped(group.typer_instance)


_EXAMPLE_PARAGRAPH = re.compile(r"(?m)(?<=\n\n)(?=  letterkit )")
