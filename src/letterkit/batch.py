"""Drafting many letters in one call, in parallel, every failure kept for the end.

`letterkit draft A.yaml B.yaml …` or `letterkit draft FOLDER/` drafts each
letter into `<out>/<stem>/` exactly as a single draft would, byte for byte.

- Workers are processes (one per core by default), each initialised once:
  WeasyPrint imported, the font configuration built, the templates read and
  compiled. Each then drafts letter after letter, reusing all of that.
- A worker sends back an Outcome: paths, findings and error lines. Small;
  never a Document.
- `workers=1` drafts in this process, one letter after another, without a pool.
- A failing letter becomes an Outcome with its error; the others go on. So does
  a letter whose worker process dies (killed, out of memory, a crash in a C
  library): its error says how the worker ended, and another worker takes over
  the letters left (worker_pool.py).
- Ctrl-C: letters not yet started are cancelled, letters being drafted finish
  (each is written atomically: all its files or none), then `Interrupted`
  (a KeyboardInterrupt) carries the outcomes so far. A second Ctrl-C stops the
  letters being drafted too (each leaves its folder as it was).
- Workers end with this process, even when it is killed (child_processes.py).

Nothing here prints: the CLI shows progress and the report.
"""

from __future__ import annotations

import os
import sys
import traceback
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from letterkit.errors import EXIT_FAILURE, InputError, LetterkitError, Problem, display_path
from letterkit.input_files import UnreadableFile, check_inside

if TYPE_CHECKING:  # multiprocessing (~20 ms) is imported when a pool starts
    from letterkit.compose.template_store import TemplateStore
    from letterkit.findings import Finding
    from letterkit.worker_pool import Died

LETTER_PATTERN = "*.yaml"

# Linux: fork. A worker starts as a copy of the CLI process once that has imported
# the drafting modules (see _draft_in_pool): no new interpreter, no imports of its
# own. Safe because that process runs no thread: the pool starts none, the progress
# bar has none, and importing WeasyPrint & co starts none. Elsewhere "spawn", each worker importing for itself
# (macOS system libraries are not fork-safe; Windows has no fork).
_START_METHOD = "fork" if sys.platform.startswith("linux") else "spawn"


@dataclass(frozen=True)
class Options:
    """What applies to every letter of a batch: the draft command's options."""

    formats: tuple[str, ...] = ()  # none: each letter's default set (drafting.default_formats)
    companies_dir: Path | None = None
    templates_dir: Path | None = None  # --templates (else the project's folder, if any)
    allow_draft_templates: bool = False
    ascii: bool = False
    project_letter: Path | None = None  # a letter of the batch: its project's letterkit.toml applies to all
    languages: tuple[str, ...] = ()  # --lang: the editions (none: each letter's own list)


@dataclass(frozen=True)
class Job:
    letter: Path
    out_dir: Path


@dataclass(frozen=True)
class Outcome:
    letter: Path
    out_dir: Path
    written: tuple[Path, ...] = ()
    findings: tuple[Finding, ...] = ()
    error: tuple[str, ...] = ()  # what the user is shown, one line each; empty when written
    exit_code: int = 0  # the error's exit code when not written

    @property
    def ok(self) -> bool:
        """Its files were written (release check errors or not)."""
        return not self.error


class Interrupted(KeyboardInterrupt):
    """Ctrl-C during a batch, with the outcomes of the letters finished before it."""

    def __init__(self, outcomes: list[Outcome]):
        super().__init__()
        self.outcomes = outcomes


def default_workers() -> int:
    """The CPUs this process may run on."""
    if hasattr(os, "sched_getaffinity"):
        return len(os.sched_getaffinity(0))
    return os.cpu_count() or 1


def collect_letters(paths: Sequence[Path]) -> list[Path]:
    """Letter files as given, and every *.yaml in a given folder (sorted by name)."""
    letters: list[Path] = []
    problems: list[Problem] = []
    for path in paths:
        if path.is_dir():
            # Not only regular files: a FIFO or device named *.yaml is that letter's input error, not skipped.
            found = sorted(p for p in path.glob(LETTER_PATTERN) if not p.is_dir())
            if not found:
                problems.append(
                    Problem.about(display_path(path), f"no letter files ({LETTER_PATTERN}) in this folder")
                )
            problems += _outside(found, path)
            letters += found
        else:
            letters.append(path)  # a missing file is that letter's input error, reported with the others
    if problems:
        raise InputError(problems)
    unique: dict[Path, Path] = {}
    for letter in letters:  # the same file named twice (a folder and a file in it) is drafted once
        unique.setdefault(Path(os.path.realpath(letter)), letter)  # realpath: a link loop is reported when read
    return list(unique.values())


def _outside(found: list[Path], folder: Path) -> list[Problem]:
    """Letters found in a folder must stay in it: a symbolic link leading elsewhere is refused."""
    problems = []
    for letter in found:
        try:
            check_inside(letter, folder)
        except UnreadableFile as exc:
            problems.append(Problem.about(display_path(letter), str(exc)))
    return problems


def plan(letters: Sequence[Path], *, out: Path | None = None) -> list[Job]:
    """One job per letter, into `<out>/<stem>/` (else its project's output folder); letters that would share
    a folder are refused up front, and so are letters of different projects (one set of templates serves all)."""
    from letterkit.project_config import output_folder

    _refuse_mixed_projects(letters)
    jobs = [Job(letter, out / letter.stem if out is not None else output_folder(letter)) for letter in letters]
    first_by_folder: dict[str, Job] = {}
    problems = []
    for job in jobs:
        key = os.path.abspath(job.out_dir).casefold()  # output/A and output/a collide on macOS
        first = first_by_folder.setdefault(key, job)
        if first is not job:
            problems.append(
                Problem(
                    display_path(job.letter),
                    1,
                    1,
                    "",
                    f"same file name as {display_path(first.letter)}: both would be drafted into "
                    f"{display_path(first.out_dir)}/; rename one of them",
                )
            )
    if problems:
        raise InputError(problems)
    return jobs


def _refuse_mixed_projects(letters: Sequence[Path]) -> None:
    from letterkit.project_config import find_project

    configs = {letter: find_project(letter).config for letter in letters}
    if len(set(configs.values())) > 1:
        first = letters[0]
        other = next(letter for letter in letters if configs[letter] != configs[first])

        def named(letter: Path) -> str:
            config = configs[letter]
            return f"{display_path(config)}" if config is not None else "no letterkit.toml"

        raise InputError(
            [
                Problem.about(
                    display_path(other),
                    f"belongs to another project than {display_path(first)} ({named(other)}, not {named(first)}): "
                    "draft each project's letters with a command of their own",
                )
            ]
        )


def output_roots(jobs: Sequence[Job]) -> list[Path]:
    """The folders the jobs' <stem>/ folders are in, in order, each once (one, unless --out was not given)."""
    return list(dict.fromkeys(job.out_dir.parent for job in jobs))


def draft_all(
    jobs: Sequence[Job],
    options: Options = Options(),
    *,
    workers: int = 1,
    on_outcome: Callable[[Outcome], None] | None = None,
    debug: bool = False,
) -> list[Outcome]:
    """Draft every job; the outcomes in the jobs' order. `on_outcome` sees each as it completes.

    The template store (letterkit's templates and the user's folder) is opened here first, so
    that a broken letterkit.toml or --templates folder stops the batch before anything starts.
    """
    workers = max(1, min(workers, len(jobs)))
    report = on_outcome or (lambda outcome: None)
    store = _template_store(options)
    if workers == 1:
        return _draft_here(jobs, options, store, report, debug)
    return _draft_in_pool(jobs, options, workers, report, debug)


# --- in this process -------------------------------------------------------------------


def _draft_here(
    jobs: Sequence[Job], options: Options, store: TemplateStore, report: Callable[[Outcome], None], debug: bool
) -> list[Outcome]:
    outcomes: list[Outcome] = []
    try:
        for job in jobs:
            outcomes.append(_draft(job, options, store, debug))
            report(outcomes[-1])
    except KeyboardInterrupt:
        raise Interrupted(outcomes) from None
    return outcomes


# --- in a pool of worker processes -----------------------------------------------------


def _draft_in_pool(
    jobs: Sequence[Job], options: Options, workers: int, report: Callable[[Outcome], None], debug: bool
) -> list[Outcome]:
    import multiprocessing

    from letterkit.child_processes import release_fonts
    from letterkit.worker_pool import WorkerPool

    if _START_METHOD == "fork":
        # Imported once here rather than in every worker: the forked workers start warm, share
        # those pages, and a busy machine does not make each of them wait for a core to import.
        # (Imports start no thread, C libraries included, so forking stays safe.)
        _import_pipeline(options.formats)
    pool = WorkerPool(
        multiprocessing.get_context(_START_METHOD),
        workers,
        initializer=_start_worker,
        initargs=(options, debug),
        work=_draft_in_worker,
        cleanup=release_fonts,  # the worker's font configuration owns a temporary folder
    )
    outcomes: dict[int, Outcome] = {}
    try:
        try:
            for index, result in pool.run(jobs):
                outcomes[index] = _outcome_of(result, jobs[index])
                report(outcomes[index])
        except KeyboardInterrupt:
            # Letters not started are dropped; those being drafted finish and are written whole.
            for index, result in pool.finish():
                outcomes[index] = _outcome_of(result, jobs[index])
            raise
        finally:
            pool.close()
    except KeyboardInterrupt:
        raise Interrupted([outcomes[index] for index in sorted(outcomes)]) from None
    return [outcomes[index] for index in range(len(jobs))]


def _outcome_of(result: Outcome | Died, job: Job) -> Outcome:
    """A worker's outcome; or, when the worker died drafting the letter, how it died."""
    if isinstance(result, Outcome):
        return result
    message = f"{display_path(job.letter)}: the worker process drafting it {result.describe()}"
    return Outcome(job.letter, job.out_dir, error=(message,), exit_code=EXIT_FAILURE)


# Each worker process's own state, set once by _start_worker.
_worker: tuple[Options, TemplateStore, bool] | None = None


def _start_worker(options: Options, debug: bool) -> None:
    """Once per worker: everything a letter needs that does not depend on the letter."""
    from letterkit.drafting import includes_format

    _import_pipeline(options.formats)  # nothing left to do when forked from a parent that did it
    if includes_format(options.formats, "pdf"):
        from letterkit.writers import pdf_writer

        pdf_writer.own_font_configuration()  # not the parent's (a forked copy of it)
    global _worker
    _worker = (options, _template_store(options), debug)


def _import_pipeline(formats: Sequence[str]) -> None:
    """The modules drafting needs: pydantic, Jinja2, markdown-it, python-docx, WeasyPrint (~0.45 s)."""
    from letterkit.startup import collector_paused

    with collector_paused():
        from letterkit import drafting, manifest  # noqa: F401
        from letterkit.checks import run_checks  # noqa: F401
        from letterkit.compose.composer import compose  # noqa: F401
        from letterkit.drafting import includes_format

        if includes_format(formats, "docx"):
            from letterkit.writers import docx_writer  # noqa: F401
        if includes_format(formats, "pdf"):
            from letterkit.writers import pdf_writer  # noqa: F401


def _draft_in_worker(job: Job) -> Outcome:
    assert _worker is not None, "the pool's initializer sets up every worker"
    options, store, debug = _worker
    return _draft(job, options, store, debug)


# --- one letter ------------------------------------------------------------------------


def _template_store(options: Options) -> TemplateStore:
    from letterkit.project_config import open_store

    return open_store(options.templates_dir, letter=options.project_letter)


def _draft(job: Job, options: Options, store: TemplateStore, debug: bool) -> Outcome:
    """Draft one letter; any failure becomes the outcome's error, never an exception."""
    from letterkit import drafting

    try:
        result = drafting.draft(
            job.letter,
            out_dir=job.out_dir,
            formats=options.formats,
            companies_dir=options.companies_dir,
            store=store,
            allow_draft_templates=options.allow_draft_templates,
            ascii=options.ascii,
            languages=options.languages,
        )
    except LetterkitError as exc:
        return _failed(job, _error_lines(job, exc), exc.exit_code, debug)
    except Exception as exc:  # a bug: reported with its letter, and the batch goes on
        message = f"{display_path(job.letter)}: internal error: {type(exc).__name__}: {exc}"
        return _failed(job, [message], EXIT_FAILURE, debug)
    finally:
        _freeze_lasting_state_once()
    return Outcome(job.letter, job.out_dir, tuple(result.written), tuple(result.findings))


_FROZEN: list[bool] = []  # whether this process has frozen what its first letter left it


def _freeze_lasting_state_once() -> None:
    """After a process's first letter, keep the garbage collector off what it will keep.

    What exists then is the process's lasting state (modules, compiled templates, the font
    configuration, the styled DOCX template, parsed stylesheets); scanning it again in every
    later letter's collections cost ~5 ms a letter (bench/warm.py). The first letter's garbage
    is collected first, so only what is alive is set aside; what a later letter makes is
    collected as ever (a batch's worker memory stays flat: bench/run.py).
    """
    if _FROZEN:
        return
    import gc

    _FROZEN.append(True)
    gc.collect()
    gc.freeze()


def _error_lines(job: Job, exc: LetterkitError) -> list[str]:
    if isinstance(exc, InputError):
        return [str(problem) for problem in exc.problems]  # each already says file:line:column
    return [f"{display_path(job.letter)}: {line}" for line in exc.lines()]


def _failed(job: Job, lines: list[str], exit_code: int, debug: bool) -> Outcome:
    if debug:
        lines = [*lines, *traceback.format_exc().rstrip().splitlines()]
    return Outcome(job.letter, job.out_dir, error=tuple(lines), exit_code=exit_code)
