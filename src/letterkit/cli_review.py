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

from letterkit.cli_common import (
    AllowDraftTemplatesOpt,
    CompaniesOpt,
    LangOpt,
    StrictOpt,
    TemplatesDirOpt,
    chosen_formats,
    chosen_languages,
    exit_if_blocking,
    format_option,
    run,
)
from letterkit.errors import display_path

REDLINE_FORMATS = ("docx", "html", "pdf")  # redline.FORMATS, without importing the redline for --help

RateCardOpt = Annotated[
    Path | None,
    typer.Option(
        "--ratecard", metavar="FILE", help="Rate card for the cost [default: ratecards.yaml in the data folder]"
    ),
]


_CHECK_EPILOG = (
    "Each finding is printed as file:line: severity: rule-id: message. Exit code 4 when there is an error "
    "(with --strict, a warning too).\n\n"
    "Examples:\n\n"
    "  letterkit check data/letters/callisto-2007-shareholder-letter.yaml\n\n"
    "  letterkit check LETTER.yaml --strict --ascii\n\n"
    "  letterkit check LETTER.yaml --ratecard ~/contracts/ratecards.yaml\n\n"
    "  letterkit check --edgar output/callisto-2007-shareholder-letter/callisto-2007-shareho-ex99-1.htm"
)

_REDLINE_EPILOG = (
    "OLD and NEW are each a letter's YAML file or a draft's output folder (holding <stem>.document.json). "
    "Writes FILE.docx with Word tracked changes, and FILE.html and FILE.pdf as a blackline.\n\n"
    "Examples:\n\n"
    "  letterkit redline output/callisto-v1/ data/letters/callisto-2007-shareholder-letter.yaml "
    "--out review/callisto-redline.docx\n\n"
    "  letterkit redline OLD.yaml NEW.yaml --out redline.docx --format docx --author 'Jane Roe, IR'"
)


def register(app: typer.Typer) -> None:
    app.command(epilog=_CHECK_EPILOG)(check)
    app.command(epilog=_REDLINE_EPILOG)(redline)


# check writes nothing: its options say what they check, not what a draft would write.
CheckAsciiOpt = Annotated[
    bool, typer.Option("--ascii", help="Check the text output as draft --ascii would write it (plain ASCII).")
]
CheckDraftTemplatesOpt = Annotated[
    bool, typer.Option("--allow-draft-templates", help="Check with template versions not yet approved.")
]


EdgarOpt = Annotated[
    list[Path],
    typer.Option(
        "--edgar",
        metavar="FILE.htm",
        help="Check an EDGAR HTML exhibit (one letterkit wrote, or anyone's) against the EDGAR Filer Manual's rules; "
        "may be repeated, with or without a letter",
    ),
]


def check(
    letter: Annotated[
        Path | None,
        typer.Argument(
            metavar="LETTER.yaml",
            help="The letter's YAML file, e.g. data/letters/callisto-2007-shareholder-letter.yaml",
            show_default=False,
        ),
    ] = None,
    edgar: EdgarOpt = [],  # noqa: B006 (typer reads the default; it is never mutated)
    companies: CompaniesOpt = None,
    ascii: CheckAsciiOpt = False,
    strict: StrictOpt = False,
    ratecard: RateCardOpt = None,
    templates: TemplatesDirOpt = None,
    allow_draft_templates: CheckDraftTemplatesOpt = False,
    lang: LangOpt = (),
) -> None:
    """Run the release checks (safe harbor, dates, tickers, wire text, length and cost); write nothing."""
    from letterkit import drafting
    from letterkit.project_config import open_store

    if letter is None and not edgar:
        raise typer.BadParameter("give a LETTER.yaml to check, or --edgar FILE.htm", param_hint="LETTER.yaml")

    def action() -> None:
        findings = []
        if letter is not None:
            store = open_store(templates, letter=letter)
            inputs, composition = drafting.compose_letter(
                letter, companies_dir=companies, store=store, allow_draft_templates=allow_draft_templates
            )
            editions = drafting.compose_editions(
                inputs, composition, store, chosen_languages(lang), allow_draft_templates=allow_draft_templates
            )
            found = drafting.check_editions(editions, english=composition, ascii=ascii, rate_card=ratecard)
            _print_findings(display_path(inputs.letter_path), found)
            findings += found
        for exhibit in edgar:
            found = _exhibit_findings(exhibit)
            _print_findings(display_path(exhibit), found)
            findings += found
        if letter is None:  # exhibits only
            exit_if_blocking(findings, strict=strict, kind="EDGAR", before="filing the exhibit")
        else:
            exit_if_blocking(findings, strict=strict)

    run(action)


def _print_findings(where: str, findings: list) -> None:
    for finding in findings:
        print(finding)
    counts = Counter(f.severity for f in findings)
    print(f"{where}: {counts['error']} error(s), {counts['warning']} warning(s), {counts['info']} info")


def _exhibit_findings(path: Path) -> list:
    """The EDGAR checker's findings on an exhibit file; an unreadable file is an input error."""
    from letterkit.edgar.check import EXHIBIT_LIMIT, check_exhibit
    from letterkit.errors import InputError, Problem
    from letterkit.input_files import UnreadableFile, read_bytes

    try:
        data = read_bytes(path, limit=EXHIBIT_LIMIT)
    except UnreadableFile as exc:
        raise InputError([Problem.about(display_path(path), str(exc))]) from None
    return check_exhibit(display_path(path), data, file_name=path.name)


def redline(
    old: Annotated[
        Path, typer.Argument(metavar="OLD", help="The draft legal saw: a letter's YAML file or a draft's output folder")
    ],
    new: Annotated[
        Path, typer.Argument(metavar="NEW", help="The new draft: a letter's YAML file or a draft's output folder")
    ],
    out: Annotated[
        Path, typer.Option("--out", "-o", metavar="FILE.docx", help="The redline .docx; the blackline goes beside it")
    ],
    formats: Annotated[
        list[str],
        format_option(
            REDLINE_FORMATS, "Comma-separated: docx (tracked changes), html, pdf (blackline) [default: docx,html,pdf]"
        ),
    ] = ("docx,html,pdf",),
    author: Annotated[
        str | None,
        typer.Option(
            "--author", metavar="NAME", help="Author of the tracked changes [default: the new draft's company]"
        ),
    ] = None,
    date: Annotated[
        str | None,
        typer.Option(
            "--date", metavar="YYYY-MM-DD", help="Date of the tracked changes, YYYY-MM-DD [default: new release date]"
        ),
    ] = None,
    companies: CompaniesOpt = None,
    templates: TemplatesDirOpt = None,
    allow_draft_templates: AllowDraftTemplatesOpt = False,
    lang: Annotated[
        str,
        typer.Option("--lang", metavar="LANG", help="The edition to compare: both drafts in this language"),
    ] = "en",
) -> None:
    """Show what changed between two drafts: a DOCX with Word tracked changes, and a blackline."""
    from letterkit.output import write_files_atomically
    from letterkit.project_config import open_store
    from letterkit.redline import make_redline, render_redline

    def action() -> None:
        chosen = chosen_formats(formats)
        made = make_redline(
            old,
            new,
            author=author,
            date=_date_option(date),
            companies_dir=companies,
            store=open_store(templates, letter=new),
            allow_draft_templates=allow_draft_templates,
            language=chosen_languages([lang])[0] if lang.strip() else "en",
        )
        files = {f"{out.stem}.{fmt}": render_redline(made, fmt) for fmt in chosen}
        for path in write_files_atomically(out.parent, files):
            print(f"wrote {display_path(path)}")
        print(f"redline: {made.summary}")

    run(action)


def _date_option(text: str | None):
    import datetime

    from letterkit.errors import InputError, Problem

    if text is None:
        return None
    try:
        return datetime.date.fromisoformat(text)
    except ValueError:
        raise InputError([Problem.about("--date", f"not a date: {text!r}; write YYYY-MM-DD")]) from None
