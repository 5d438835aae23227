"""Expected failures, each with a category, a message and an exit code.

Only the CLI prints these or exits; everything below it raises. An expected
error is shown as one clear message without a traceback (as Sphinx shows
`category: message`); `--debug` adds the traceback.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

EXIT_FAILURE = 1  # rendering, output or any other expected failure
EXIT_INPUT = 2  # the user's input files (or the command line) are wrong
EXIT_TEMPLATE = 3  # a template is missing, broken or tampered with
EXIT_CHECKS = 4  # the release checks found errors (the draft was still written, for review)
EXIT_BATCH = 5  # some letters of a batch failed (each reported with its file); the others were written


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong with an input file, at the position of the offending value."""

    file: str
    line: int
    column: int
    path: str  # e.g. "letter.goals[2].text"; "" for the file as a whole
    message: str

    @classmethod
    def about(cls, where: str, message: str) -> Problem:
        """A problem with a whole file (placed at 1:1) or a command-line option such as `--format` (no position)."""
        if where.startswith("--"):
            return cls(where, 0, 0, "", message)
        return cls(where, 1, 1, "", message)

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}:{self.column}" if self.line else self.file  # an option has no line
        return f"{where}: {self.path}: {self.message}" if self.path else f"{where}: {self.message}"


class LetterkitError(Exception):
    category = "error"
    exit_code = EXIT_FAILURE

    def lines(self) -> list[str]:
        """What the user sees, one line per entry."""
        return [f"{self.category}: {self}"]


class InputError(LetterkitError):
    """Every problem found in the input files, collected before stopping."""

    category = "input error"
    exit_code = EXIT_INPUT

    def __init__(self, problems: list[Problem]):
        self.problems = sorted(problems)
        super().__init__(f"{len(self.problems)} problem(s) in the input files")

    def lines(self) -> list[str]:
        count = len(self.problems)
        noun = "problem" if count == 1 else "problems"
        return [str(p) for p in self.problems] + [f"{count} {noun} found; nothing was written."]


class TemplateError(LetterkitError):
    category = "template error"
    exit_code = EXIT_TEMPLATE


class TemplateProblems(TemplateError):
    """Several template problems, one line each."""

    def __init__(self, problems: list[str]):
        self.problems = problems
        super().__init__("; ".join(problems))

    def lines(self) -> list[str]:
        return [f"{self.category}: {problem}" for problem in self.problems]


class OutputError(LetterkitError):
    category = "output error"


class RenderError(LetterkitError):
    category = "render error"


def display_path(path: Path) -> str:
    """A path as the user should see it: relative to the working folder when inside it.

    A symbolic link is shown as itself, not as the file it leads to (a message
    saying a link leads elsewhere must name the link).
    """
    return _displayed(os.getcwd(), os.fspath(path))


@lru_cache(maxsize=1024)  # per working folder and path: a batch names the same templates for every letter
def _displayed(cwd: str, path: str) -> str:
    here = Path(cwd).resolve()
    for candidate in (Path(os.path.abspath(path)), Path(os.path.realpath(path))):  # realpath: no error on a loop
        if candidate.is_relative_to(here):
            return str(candidate.relative_to(here))
    return path
