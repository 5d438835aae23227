"""Which templates a command uses: letterkit's own, plus the user's folder if any.

The user's folder (a house letter style, a company's own boilerplate) is named
by `--templates DIR`, or else by a `letterkit.toml` in the working folder or
the nearest folder above it:

    [templates]
    folder = "house-templates"   # relative to letterkit.toml

It has the same layout, versions.toml files and a templates.lock of its own.
A name it defines replaces the shipped template of that name (all versions).
The folder must not be a symbolic link: letterkit would use a folder elsewhere
without a word, so the message names the real folder for the user to name.
"""

from __future__ import annotations

from pathlib import Path

from letterkit.compose.template_records import parse_toml
from letterkit.compose.template_store import TemplateStore
from letterkit.errors import InputError, Problem, display_path
from letterkit.input_files import RECORD_LIMIT, UnreadableFile, check_real_folder, is_present, read_text
from letterkit.inputs.yaml_source import Position
from letterkit.paths import templates_dir
from letterkit.toml_positions import toml_positions

CONFIG_FILE = "letterkit.toml"
_KEYS = {"templates": {"folder"}}


def find_config(start: Path) -> Path | None:
    """letterkit.toml in `start` or the nearest folder above it."""
    for folder in (start, *start.parents):
        candidate = folder / CONFIG_FILE
        if is_present(candidate):  # a folder or FIFO of that name is refused when read, not passed over
            return candidate
    return None


def user_templates_dir(flag: Path | None = None, *, cwd: Path | None = None) -> Path | None:
    """The user's template folder: `--templates`, else letterkit.toml's, else None."""
    if flag is not None:
        return _existing_folder(flag, "--templates", 0)  # an option: no line
    config = find_config((cwd or Path.cwd()).resolve())
    return _folder_from_config(config) if config is not None else None


def open_store(flag: Path | None = None, *, cwd: Path | None = None) -> TemplateStore:
    return TemplateStore(templates_dir(), user_root=user_templates_dir(flag, cwd=cwd))


def _folder_from_config(config: Path) -> Path | None:
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
    for table, values in data.items():
        unknown = (
            [(table,)]
            if table not in _KEYS or not isinstance(values, dict)
            else [(table, key) for key in sorted(set(values) - _KEYS[table])]
        )
        problems += [
            Problem(where, *at(*name), ".".join(name), "unknown setting; the only one is [templates] folder")
            for name in unknown
        ]
    if problems:
        raise InputError(sorted(problems))
    folder = data.get("templates", {}).get("folder")
    if folder is None:
        return None
    line, column = at("templates", "folder")
    if not isinstance(folder, str) or not folder:
        raise InputError([Problem(where, line, column, "templates.folder", "must be the path of a folder")])
    return _existing_folder(config.parent / folder, where, line, path="templates.folder", column=column)


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


DEFAULT_COMPANIES = Path("data") / "companies"


def company_blocks_folder(company: str, companies: Path | None) -> Path:
    """companies/<company>/, the folder of a company's own blocks (`--company`, `--companies`)."""
    import re

    if re.fullmatch(r"[a-z0-9][a-z0-9-]{0,63}", company) is None:
        raise InputError([Problem.about("--company", f"not a company id: {company!r} (lower-case letters, digits, -)")])
    folder = (companies if companies is not None else DEFAULT_COMPANIES) / company
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
