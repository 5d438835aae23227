"""The command line: a thin typer layer, and the only place that prints or exits.

Expected errors (LetterkitError) print one clear message per problem and exit
with the error's code; `--debug` shows the traceback instead. Ctrl-C prints one
line saying what is on disk and exits 130 (the `letterkit` command itself is
entry.py, which sees to the moments outside a command).
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, TextIO, TypeVar

import typer

from letterkit import __version__, cli_review, cli_templates
from letterkit.cli_common import (
    AllowDraftTemplatesOpt,
    AsciiOpt,
    CompaniesOpt,
    LangOpt,
    LetterArg,
    StrictOpt,
    TemplatesDirOpt,
    chosen_formats,
    chosen_languages,
    debugging,
    exit_if_blocking,
    format_option,
    interrupted_line,  # noqa: F401 - entry.py asks the app module what Ctrl-C leaves
    keep_examples_unwrapped,
    outputs_written,
    run,
    start_command,
)
from letterkit.errors import EXIT_BATCH, InputError, Problem, display_path
from letterkit.interruption import EXIT_INTERRUPTED

DRAFT_FORMATS = ("txt", "docx", "pdf", "html", "edgar")  # drafting.FORMATS, without importing the pipeline for --help

if TYPE_CHECKING:  # imported where used: `--help` and `validate` need neither YAML findings nor batches
    from letterkit.batch import Options, Outcome
    from letterkit.compose.composer import Composition
    from letterkit.findings import Finding

T = TypeVar("T")

app = typer.Typer(
    name="letterkit",
    help="Draft CEO letters to shareholders as press releases: wire text, DOCX for legal, PDF for the newswire.",
    no_args_is_help=True,
    add_completion=True,
    rich_markup_mode=None,
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)


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
    start_command(debug=debug)


@app.command(
    epilog=(
        "Examples:\n\n"
        "  letterkit draft data/letters/callisto-2007-shareholder-letter.yaml\n\n"
        "  letterkit draft LETTER.yaml --out build/ --format txt,pdf\n\n"
        "  letterkit draft LETTER.yaml --templates house-templates/ --allow-draft-templates\n\n"
        "  letterkit draft LETTER.yaml --ascii --strict\n\n"
        "  letterkit draft data/letters/ --jobs 4        (every *.yaml in the folder, into output/<stem>/)"
    )
)
def draft(
    letters: Annotated[
        list[Path],
        typer.Argument(
            metavar="LETTER.yaml|FOLDER",
            help="The letter's YAML file; or several, or folders of them (every *.yaml inside), drafted in parallel",
            show_default=False,
        ),
    ],
    out: Annotated[
        Path | None,
        typer.Option(
            "--out",
            "-o",
            metavar="DIR",
            help="Output folder. One letter file: its files go here [default: <project output folder>/<stem>/]. "
            "Several letters or a folder: one <stem>/ folder per letter in here [default: the project's output folder]",
        ),
    ] = None,
    formats: Annotated[
        list[str],
        format_option(
            DRAFT_FORMATS,
            "Formats to write, comma-separated [default: txt,docx,pdf,html, and edgar (the SEC exhibit) when the "
            "company profile has sec:]",
        ),
    ] = (),
    companies: CompaniesOpt = None,
    templates: TemplatesDirOpt = None,
    allow_draft_templates: AllowDraftTemplatesOpt = False,
    ascii: AsciiOpt = False,
    strict: StrictOpt = False,
    lang: LangOpt = (),
    jobs: Annotated[
        int | None,
        typer.Option(
            "--jobs",
            "-j",
            metavar="N",
            min=1,
            help="Letters drafted at once, one process each [default: the number of CPUs]; 1 drafts in this process",
            show_default=False,
        ),
    ] = None,
) -> None:
    """Draft the release: <stem>.txt, <stem>.docx, <stem>.pdf, <stem>.html, and manifest.json."""

    def action() -> None:
        chosen = chosen_formats(formats)
        languages = tuple(chosen_languages(lang))
        if len(letters) == 1 and not letters[0].is_dir():
            options = dict(
                companies_dir=companies, allow_draft_templates=allow_draft_templates, ascii=ascii, languages=languages
            )
            _draft_one(letters[0], out, chosen, templates, options, strict=strict)
        else:
            from letterkit.batch import Options

            options = Options(
                tuple(chosen), companies, templates, allow_draft_templates=allow_draft_templates, ascii=ascii,
                languages=languages,
            )
            _draft_batch(letters, out, options, jobs, strict=strict)

    run(action)


def _draft_one(
    letter: Path, out: Path | None, formats: list[str], templates: Path | None, options: dict, *, strict: bool
) -> None:
    """Draft one letter (`options`: drafting.draft's), say what was written, report the findings."""
    from letterkit import drafting
    from letterkit.project_config import open_store
    from letterkit.startup import collector_paused

    with _pdf_alongside(formats) as pdf, collector_paused():  # one letter: mostly imports
        result = drafting.draft(
            letter, out_dir=out, formats=formats, store=open_store(templates, letter=letter), pdf=pdf, **options
        )
        folder = display_path(result.written[0].parent)  # said at once: leaving this block takes time
        outputs_written(f"interrupted after writing the draft into {folder}/ in full.")
    for path in result.written:
        print(f"wrote {display_path(path)}")
    _report(result.findings, strict=strict)


@contextmanager
def _pdf_alongside(formats: list[str]) -> Iterator[Callable[[Composition], bytes] | None]:
    """With a second CPU, WeasyPrint warms up in a helper process while this one loads and composes."""
    from letterkit.batch import default_workers
    from letterkit.drafting import includes_format

    if not includes_format(formats, "pdf") or default_workers() < 2:
        yield None
        return
    from letterkit.writers.pdf_process import PdfProcess

    with PdfProcess() as helper:
        yield helper.render


def _draft_batch(paths: list[Path], out: Path | None, options: Options, jobs: int | None, *, strict: bool) -> None:
    """Every letter into <out>/<stem>/, in parallel; progress as they finish, failures at the end."""
    from dataclasses import replace

    from letterkit import batch

    plan = batch.plan(batch.collect_letters(paths), out=out)
    options = replace(options, project_letter=plan[0].letter)
    workers = jobs if jobs is not None else batch.default_workers()
    with _progress(len(plan), sys.stdout) as progress:
        try:
            outcomes = batch.draft_all(plan, options, workers=workers, on_outcome=progress.advance, debug=debugging())
        except batch.Interrupted as interrupted:
            progress.stop()
            written = sum(outcome.ok for outcome in interrupted.outcomes)
            print(
                f"interrupted: {written} of {len(plan)} letters were drafted; no others were written.", file=sys.stderr
            )
            raise typer.Exit(EXIT_INTERRUPTED) from None
    roots = ", ".join(f"{display_path(root)}/" for root in batch.output_roots(plan))
    drafted = sum(outcome.ok for outcome in outcomes)
    outputs_written(f"interrupted after drafting {drafted} of {len(plan)} letters into {roots}.")
    _batch_report(outcomes, roots, strict=strict)


def _batch_report(outcomes: list[Outcome], roots: str, *, strict: bool) -> None:
    """Findings, then every failure with its file, then one line each for what failed and what was written."""
    for outcome in outcomes:
        for finding in outcome.findings:
            print(finding, file=sys.stderr)
    failed = [outcome for outcome in outcomes if not outcome.ok]
    for outcome in failed:
        for line in outcome.error:
            print(line, file=sys.stderr)
    drafted = len(outcomes) - len(failed)
    print(f"drafted {drafted} of {len(outcomes)} letters into {roots}")
    if failed:
        verb = "was" if len(failed) == 1 else "were"
        names = ", ".join(display_path(outcome.letter) for outcome in failed)
        print(f"{len(failed)} of {len(outcomes)} letters failed and {verb} not written: {names}", file=sys.stderr)
        raise typer.Exit(EXIT_BATCH)
    exit_if_blocking([finding for outcome in outcomes for finding in outcome.findings], strict=strict)


class _LineProgress:
    """Not a terminal: one plain line per letter, as it finishes."""

    def __init__(self, total: int, stream: TextIO):
        self.total, self.stream, self.done = total, stream, 0

    def __enter__(self) -> _LineProgress:
        return self

    def __exit__(self, *exc_info: object) -> None:
        pass

    def advance(self, outcome: Outcome) -> None:
        self.done += 1
        if outcome.ok:
            what = f"wrote {display_path(outcome.out_dir)}/"
        else:
            what = f"failed {display_path(outcome.letter)}"
        print(f"[{self.done}/{self.total}] {what}", file=self.stream, flush=True)

    def stop(self) -> None:
        pass


class _BarProgress:
    """A terminal: rich's progress bar (rich comes with typer), nothing else until the end.

    Redrawn when a letter finishes, not by a timer: no thread runs in this process
    while the batch forks its workers.
    """

    def __init__(self, total: int, stream: TextIO):
        from rich.console import Console
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

        self.bar = Progress(
            TextColumn("drafting"),
            BarColumn(),
            MofNCompleteColumn(),
            TimeElapsedColumn(),
            console=Console(file=stream, force_terminal=True),
            auto_refresh=False,
        )
        self.task = self.bar.add_task("drafting", total=total)

    def __enter__(self) -> _BarProgress:
        self.bar.start()
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.bar.stop()

    def advance(self, outcome: Outcome) -> None:
        self.bar.advance(self.task)
        self.bar.refresh()

    def stop(self) -> None:
        self.bar.stop()


def _progress(total: int, stream: TextIO) -> _LineProgress | _BarProgress:
    """A progress bar on a terminal, plain lines otherwise; never both."""
    return _BarProgress(total, stream) if stream.isatty() else _LineProgress(total, stream)


@app.command(
    epilog=(
        "Writes the release as draft does, with its EDGAR exhibit (Exhibit 99.1), and the Form 8-K that carries "
        "it: <stem>.form-8k.docx for legal and <name>-8k.htm for the filing agent, all in one manifest.json. "
        "The cover page comes from the company profile's sec: block, the item (7.01 or 8.01) and date from the "
        "letter's filing: block; the wording from the approved template filings/form-8k.\n\n"
        "Example:\n\n  letterkit filing data/letters/callisto-2007-shareholder-letter.yaml"
    )
)
def filing(
    letter: LetterArg,
    out: Annotated[
        Path | None,
        typer.Option("--out", "-o", metavar="DIR", help="Output folder [default: <project output folder>/<stem>/]"),
    ] = None,
    companies: CompaniesOpt = None,
    templates: TemplatesDirOpt = None,
    allow_draft_templates: AllowDraftTemplatesOpt = False,
    strict: StrictOpt = False,
) -> None:
    """Draft the release with its EDGAR exhibit and the Form 8-K that furnishes or files it."""

    def action() -> None:
        options = dict(companies_dir=companies, allow_draft_templates=allow_draft_templates, filing=True)
        _draft_one(letter, out, [], templates, options, strict=strict)

    run(action)


@app.command(epilog="Example:\n\n  letterkit validate data/letters/callisto-2007-shareholder-letter.yaml")
def validate(
    letter: LetterArg, companies: CompaniesOpt = None, templates: TemplatesDirOpt = None, lang: LangOpt = ()
) -> None:
    """Check a letter and its company profile (and, with --lang, their translations); report every problem."""
    from letterkit import drafting
    from letterkit.project_config import open_store

    def action() -> None:
        store = open_store(templates, letter=letter)
        inputs = drafting.load(letter, companies_dir=companies, store=store)
        translated = [language for language in chosen_languages(lang) if language != "en"]
        if translated:
            from letterkit.inputs.editions import edition_inputs

            for language in translated:
                edition_inputs(inputs, language, store)
        editions = f"; the {', '.join(translated)} translations too" if translated else ""
        print(f"{display_path(inputs.letter_path)}: ok (company profile {display_path(inputs.company_path)}{editions})")

    run(action)


@app.command(
    epilog=(
        "Examples:\n\n"
        "  letterkit preview data/letters/callisto-2007-shareholder-letter.yaml\n\n"
        "  letterkit preview LETTER.yaml --port 0        (any free port)\n\n"
        "Open the address it prints; save the YAML and the page follows. Ctrl-C stops it."
    )
)
def preview(
    letter: LetterArg,
    port: Annotated[
        int, typer.Option("--port", "-p", metavar="N", min=0, max=65535, help="Port on 127.0.0.1; 0 picks a free one")
    ] = 8765,
    companies: CompaniesOpt = None,
    templates: TemplatesDirOpt = None,
    allow_draft_templates: AllowDraftTemplatesOpt = False,
    lang: Annotated[
        str, typer.Option("--lang", metavar="LANG", help="The edition to show, e.g. de [default: en]")
    ] = "en",
) -> None:
    """Show the release in a browser, redrawn whenever the letter, its company or templates are saved."""

    def action() -> None:
        from letterkit.preview import LetterPreview, PreviewServer, drawn_line

        (language,) = chosen_languages([lang]) or ["en"]
        shown = LetterPreview(
            letter, companies, templates, allow_draft_templates, on_drawn=lambda r: print(drawn_line(r), flush=True),
            language=language,
        )
        with PreviewServer(shown, port) as server:
            print(f"preview of {display_path(letter)} at {server.url} (Ctrl-C stops it)", flush=True)
            shown.current()  # drawn once now: its problems show in the terminal at once
            shown.watch()
            try:
                server.serve_forever(poll_interval=0.2)
            except KeyboardInterrupt:
                print("preview stopped", flush=True)
            finally:
                shown.stop()

    run(action)


@app.command(
    epilog=(
        "Example:\n\n"
        "  letterkit new --company callisto data/letters/callisto-2007-q3-update.yaml\n\n"
        "Then replace every FILL IN and run letterkit validate on the file."
    )
)
def new(
    letter: Annotated[
        Path, typer.Argument(metavar="LETTER.yaml", help="The letter file to create (never overwritten)")
    ],
    company: Annotated[
        str, typer.Option("--company", "-c", metavar="ID", help="Company id: its profile is companies/<id>.yaml")
    ],
    companies: CompaniesOpt = None,
) -> None:
    """Write a commented skeleton letter for a company, with FILL IN placeholders."""

    def action() -> None:
        from letterkit.skeleton import write_skeleton

        path = write_skeleton(letter, company, companies)
        print(f"wrote {display_path(path)}: replace every FILL IN, then run letterkit validate {display_path(path)}")

    run(action)


@app.command(
    epilog=(
        "Example:\n\n"
        "  letterkit translation data/letters/callisto-2007-shareholder-letter.yaml --lang de\n\n"
        "Then give each field its translation (the translator's approved text), and draft with --lang en,de."
    )
)
def translation(
    letter: LetterArg,
    lang: Annotated[str, typer.Option("--lang", metavar="LANG", help="The edition's language, e.g. de or fr")],
    companies: CompaniesOpt = None,
    templates: TemplatesDirOpt = None,
) -> None:
    """Write the translation files an edition needs (the letter's and its company's), to fill in; never overwritten."""

    def action() -> None:
        from letterkit import drafting
        from letterkit.inputs.translation import translation_path, translation_skeleton
        from letterkit.project_config import open_store
        from letterkit.skeleton import write_new_file

        (language,) = chosen_languages([lang]) or ["en"]
        if language == "en":
            raise InputError([Problem.about("--lang", "the English is the original: name the edition's language")])
        inputs = drafting.load(letter, companies_dir=companies, store=open_store(templates, letter=letter))
        for path, source in ((inputs.letter_path, inputs.letter_source), (inputs.company_path, inputs.company_source)):
            target = translation_path(path, language)
            if target.exists():
                print(f"kept {display_path(target)}: it exists (letterkit check --lang {language} says what it lacks)")
                continue
            write_new_file(target, translation_skeleton(source, path, language))
            print(f"wrote {display_path(target)}: replace every FILL IN")

    run(action)


@app.command(
    epilog=(
        "Examples:\n\n"
        "  letterkit init acme-ir --company acme --name \"Acme Robotics, Inc.\"\n\n"
        "  letterkit init --company acme        (in the working folder)\n\n"
        "Then replace every FILL IN and run letterkit validate on the letter."
    )
)
def init(
    folder: Annotated[
        Path, typer.Argument(metavar="DIR", help="The project folder (created if missing)", show_default=False)
    ] = Path("."),
    company: Annotated[
        str, typer.Option("--company", "-c", metavar="ID", help="Company id: its profile becomes companies/<id>.yaml")
    ] = ...,
    name: Annotated[
        str | None, typer.Option("--name", metavar="TEXT", help="The company's full legal name [default: FILL IN]")
    ] = None,
) -> None:
    """Create a project: letterkit.toml, a company profile and a letter to fill in, and an output folder."""

    def action() -> None:
        from letterkit.project_init import init_project

        created = init_project(folder, company, name)
        for path in created:
            print(f"created {display_path(path)}{'/' if path.is_dir() else ''}")
        letter = display_path(created[2])
        print(
            f"next: replace every FILL IN in {display_path(created[1])} and {letter}, "
            f"then run letterkit validate {letter}"
        )

    run(action)


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
    kind: Annotated[str, typer.Argument(metavar="KIND", help="Which input: letter or company")] = "letter",
) -> None:
    """Print the JSON Schema of a letter or a company profile."""

    def action() -> None:
        from letterkit.inputs.json_schema import KINDS, schema_text

        if kind not in KINDS:
            raise InputError([Problem.about("KIND", f"unknown input kind {kind!r}; choose letter or company")])
        sys.stdout.write(schema_text(kind))

    run(action)


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
    exit_if_blocking(findings, strict=strict)


cli_templates.register(app)  # `letterkit templates …` and `letterkit verify`
cli_review.register(app)  # `letterkit check` and `letterkit redline`
keep_examples_unwrapped(app)
