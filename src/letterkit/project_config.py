"""The project a command works in: where its companies, templates and outputs are.

A letterkit project is the folder holding `letterkit.toml`, the nearest one at
or above the letter's folder (else at or above the working folder). Every
setting is optional and relative to letterkit.toml:

    [companies]
    folder = "data/companies"    # company profiles: <id>.yaml and <id>/blocks/
    [output]
    folder = "output"            # drafts go to <folder>/<letter stem>/
    [templates]
    folder = "house-templates"   # the user's own templates (same layout as letterkit's)

Without a setting (or without a project), company profiles are looked for in a
`companies/` folder beside the letter, then above it (up to the project's
folder); outputs go to `output/` in the project's folder, or without a
project in the folder holding that `companies/` folder: never into whatever
folder the shell happens to be in. A command-line option (`--companies`,
`--out`, `--templates`) overrides the setting.

The user's template folder has the same layout, versions.toml files and a
templates.lock of its own; a name it defines replaces the shipped template of
that name (all versions). It must not be a symbolic link: letterkit would use a
folder elsewhere without a word, so the message names the real folder.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from letterkit.compose.template_records import parse_toml
from letterkit.compose.template_store import TemplateStore
from letterkit.errors import InputError, Problem, display_path
from letterkit.input_files import RECORD_LIMIT, UnreadableFile, check_real_folder, is_present, read_text
from letterkit.inputs.yaml_source import Position
from letterkit.paths import templates_dir
from letterkit.project_layout import COMPANIES_FOLDER, CONFIG_FILE, OUTPUT_FOLDER, check_company_id
from letterkit.toml_positions import toml_positions

_SETTINGS = ("companies", "output", "templates")  # each a table with one key: folder
_KNOWN = "letterkit.toml knows [companies] folder, [output] folder and [templates] folder"


@dataclass(frozen=True)
class Setting:
    """`[name] folder = "…"` of letterkit.toml: the folder (absolute) and where the setting is written."""

    folder: Path
    file: str
    line: int
    column: int

    def problem(self, name: str, message: str) -> InputError:
        return InputError([Problem(self.file, self.line, self.column, f"{name}.folder", message)])


@dataclass(frozen=True)
class Project:
    """Where a letter's companies, templates and outputs are.

    `config` is its letterkit.toml; None for a folder that is a project only by holding companies/
    (then `root` is that folder), or outside any project (then `root` is None too).
    A setting's folder is checked when a command uses it: an option given instead overrides it.
    """

    root: Path | None = None
    config: Path | None = None
    settings: tuple[tuple[str, Setting], ...] = ()

    def setting(self, name: str) -> Setting | None:
        return dict(self.settings).get(name)


def find_config(start: Path) -> Path | None:
    """letterkit.toml in `start` or the nearest folder above it."""
    for folder in (start, *start.parents):
        candidate = folder / CONFIG_FILE
        if is_present(candidate):  # a folder or FIFO of that name is refused when read, not passed over
            return candidate
    return None


def find_project(letter: Path | None = None, *, cwd: Path | None = None) -> Project:
    """The project of `letter`: letterkit.toml at or above its folder, else the folder holding a companies/
    folder beside or above it; else (or with no letter) the working folder's letterkit.toml."""
    if letter is not None:
        config = find_config(_folder_of(letter))
        if config is not None:
            return _read_project(config)
        companies = _nearest_companies(_folder_of(letter), stop=None)
        if companies is not None:
            return Project(root=Path(os.path.abspath(companies)).parent)
    config = find_config(Path(os.path.abspath(cwd or Path.cwd())))
    return _read_project(config) if config is not None else Project()


def user_templates_dir(flag: Path | None = None, *, cwd: Path | None = None, letter: Path | None = None) -> Path | None:
    """The user's template folder: `--templates`, else the project's, else None."""
    if flag is not None:
        return _existing_folder(flag, "--templates", 0)  # an option: no line
    setting = find_project(letter, cwd=cwd).setting("templates")
    if setting is None:
        return None
    return _existing_folder(setting.folder, setting.file, setting.line, path="templates.folder", column=setting.column)


def open_store(flag: Path | None = None, *, cwd: Path | None = None, letter: Path | None = None) -> TemplateStore:
    return TemplateStore(templates_dir(), user_root=user_templates_dir(flag, cwd=cwd, letter=letter))


def companies_folder(letter: Path | None, flag: Path | None = None) -> Path | None:
    """Where company profiles are: `--companies`, the project's setting, or a companies/ folder beside the
    letter or above it, up to its project's folder (with no letter: the working folder's); None when none."""
    if flag is not None:
        return flag
    project = find_project(letter)
    setting = project.setting("companies")
    if setting is not None:
        if not setting.folder.is_dir():
            state = "is not a folder" if is_present(setting.folder) else "does not exist"
            raise setting.problem("companies", f"companies folder {display_path(setting.folder)} {state}")
        return _shown(setting.folder)
    start = _folder_of(letter) if letter is not None else Path(os.path.abspath(Path.cwd()))
    return _nearest_companies(start, stop=project.root)


def output_folder(letter: Path) -> Path:
    """The folder a letter's draft goes into when no --out is given: <project output>/<stem>/."""
    project = find_project(letter)
    setting = project.setting("output")
    if setting is not None:
        if is_present(setting.folder) and not setting.folder.is_dir():
            raise setting.problem("output", f"{display_path(setting.folder)} is not a folder")
        root = setting.folder
    else:
        root = (project.root if project.root is not None else _folder_of(letter)) / OUTPUT_FOLDER
    return _shown(root) / letter.stem


def _nearest_companies(start: Path, *, stop: Path | None) -> Path | None:
    for folder in (start, *start.parents):
        if (folder / COMPANIES_FOLDER).is_dir():
            return _shown(folder / COMPANIES_FOLDER)
        if folder == stop:
            break
    return None


def _folder_of(letter: Path) -> Path:
    return Path(os.path.abspath(letter)).parent


def _shown(path: Path) -> Path:
    """Relative to the working folder when inside it, so messages and `wrote …` lines stay short."""
    return Path(display_path(path))


def _read_project(config: Path) -> Project:
    try:
        stat = config.stat()
        stamp = (stat.st_mtime_ns, stat.st_size)
    except OSError:
        stamp = None  # unreadable: reported when read
    return _read_project_cached(config, stamp)


@lru_cache(maxsize=16)  # a command asks for its project several times (templates, companies, output)
def _read_project_cached(config: Path, _stamp: tuple[int, int] | None) -> Project:
    where = display_path(config)
    try:
        text = read_text(config, limit=RECORD_LIMIT)
        data = parse_toml(text)
    except (UnreadableFile, ValueError) as exc:
        raise InputError([Problem.about(where, str(exc))]) from None
    _, keys = toml_positions(text)

    def at(*path: str) -> tuple[int, int]:
        position = keys.get(path) or keys.get(path[:1]) or Position(1, 1)
        return position.line, position.column

    problems = []
    settings = []
    for table, values in data.items():
        if table not in _SETTINGS or not isinstance(values, dict):
            problems.append(Problem(where, *at(table), table, f"unknown setting; {_KNOWN}"))
            continue
        for key in sorted(set(values) - {"folder"}):
            problems.append(Problem(where, *at(table, key), f"{table}.{key}", f"unknown setting; {_KNOWN}"))
        if "folder" not in values:
            continue
        value, (line, column) = values["folder"], at(table, "folder")
        if not isinstance(value, str) or not value:
            problems.append(Problem(where, line, column, f"{table}.folder", "must be the path of a folder"))
        else:
            settings.append((table, Setting(Path(os.path.abspath(config.parent / value)), where, line, column)))
    if problems:
        raise InputError(problems)
    return Project(config.parent, config, tuple(settings))


def _existing_folder(folder: Path, where: str, line: int, *, path: str = "", column: int | None = None) -> Path:
    def problem(message: str) -> InputError:
        return InputError([Problem(where, line, column if column is not None else int(line > 0), path, f"template folder {display_path(folder)} {message}")])

    try:
        check_real_folder(folder)
    except UnreadableFile as exc:
        raise problem(str(exc)) from None
    if not folder.is_dir():
        raise problem("is not a folder" if is_present(folder) else "does not exist")
    if folder.resolve() == templates_dir().resolve():
        raise InputError(
            [Problem(where, line, column if column is not None else int(line > 0), path, "that is letterkit's own template folder, not a folder of yours")]
        )
    return folder


def company_blocks_folder(company: str, companies: Path | None) -> Path:
    """companies/<company>/, the folder of a company's own blocks (`--company`, `--companies`)."""
    check_company_id(company)
    folder = (companies_folder(None, companies) or Path(COMPANIES_FOLDER)) / company
    if not folder.is_dir():
        raise InputError(
            [Problem.about("--company", f"company {company!r} has no folder of its own blocks: {display_path(folder)} "
                                        "does not exist")]
        )
    return folder


def company_block_folders(companies: Path) -> list[Path]:
    """Every companies/<id>/ folder beside an <id>.yaml profile, sorted."""
    if not companies.is_dir():
        raise InputError([Problem.about("--companies", f"{display_path(companies)} is not a folder")])
    return sorted(path for path in companies.iterdir() if path.is_dir() and (companies / f"{path.name}.yaml").is_file())
