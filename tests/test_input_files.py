"""Every file letterkit reads is read as a regular file with a byte cap; files found in a folder stay in it.

For each kind of file (a letter, a company profile, a template version, versions.toml,
templates.lock, letterkit.toml, a rate card, a saved document.json, a font) the bad cases
that apply: /dev/zero (a symbolic link to it where the file is found in a folder), a FIFO,
a folder where a file belongs, a file over its cap, and a symbolic link leading out of
the folder it was found in. Each run must end with the exact message at the file, the
category's exit code, no traceback, and the disk exactly as it was.

FIFO cases run letterkit in a real process with a timeout: a FIFO opened for reading
blocks until a writer comes, so a regression would hang, not fail.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import stat
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest
from typer.testing import CliRunner

from letterkit import digests, input_files, project_config
from letterkit.cli import app
from letterkit.input_files import (
    LOCK_LIMIT,
    RECORD_LIMIT,
    TEMPLATE_LIMIT,
    YAML_LIMIT,
    NotText,
    UnreadableFile,
    check_inside,
    check_real_folder,
    read_bytes,
    read_text,
    sha256_and_size,
)

import checking
from conftest import CALLISTO

LETTER = f"data/letters/{CALLISTO.name}"
DOCUMENT = f"{CALLISTO.stem}.document.json"
FONT = "fonts/NotoSans-Bold.ttf"
BAD = ("device", "fifo", "folder", "oversized", "outside")
NOTHING_WRITTEN = "1 problem found; nothing was written."
HOUSE = "house-templates"  # the user template folder checking.house_templates makes
# A process whose "shipped" templates are a copy (as the `shipped` fixture makes them for CliRunner runs).
_SHIPPED_COPY = (
    "import pathlib, sys\n"
    "from letterkit import project_config\n"
    "root = pathlib.Path(sys.argv.pop(1))\n"
    "project_config.templates_dir = lambda: root\n"
    "from letterkit.entry import main\n"
    "sys.exit(main())\n"
)

runner = CliRunner()


@dataclass(frozen=True)
class Run:
    exit_code: int
    stdout: str
    stderr: str


def _letterkit(*args: str, kind: str = "", shipped: Path | None = None) -> Run:
    """letterkit with `args`: in a real process with a timeout for a FIFO, else in this one (monkeypatches apply)."""
    if kind != "fifo":
        result = runner.invoke(app, list(args))
        return Run(result.exit_code, result.stdout, result.stderr)
    start = ["-m", "letterkit"] if shipped is None else ["-c", _SHIPPED_COPY, str(shipped)]
    done = subprocess.run([sys.executable, *start, *args], capture_output=True, text=True, timeout=60)
    return Run(done.returncode, done.stdout, done.stderr)


def _disk(root: Path) -> dict[str, object]:
    """Everything under `root`, never following a link: each file's SHA-256, each link's target, other entries' types."""
    state: dict[str, object] = {}
    for folder, names, files in os.walk(root):
        for name in names + files:
            path = Path(folder, name)
            mode = path.lstat().st_mode
            if stat.S_ISLNK(mode):
                state[str(path)] = ("link", os.readlink(path))
            elif stat.S_ISREG(mode):
                state[str(path)] = hashlib.sha256(path.read_bytes()).hexdigest()
            else:
                state[str(path)] = stat.S_IFMT(mode)
    return state


def _refused(workspace: Path, run, expected: list[str], exit_code: int, *, stream: str = "stderr") -> None:
    """`run()` fails with exactly `expected` on `stream` and `exit_code`, no traceback, nothing changed on disk."""
    before = _disk(workspace)
    result = run()
    assert (result.exit_code, getattr(result, stream).splitlines()) == (exit_code, expected), result
    assert "Traceback" not in result.stdout + result.stderr
    assert "internal error" not in result.stdout + result.stderr
    assert _disk(workspace) == before


def _spoil(path: Path, kind: str, *, limit: int = 0) -> None:
    """Put a bad file of `kind` where the file `path` is (an oversized one: its content padded past `limit`)."""
    content = path.read_bytes()
    path.unlink()
    if kind == "device":
        path.symlink_to("/dev/zero")
    elif kind == "fifo":
        os.mkfifo(path)
    elif kind == "folder":
        path.mkdir()
    elif kind == "oversized":
        path.write_bytes(content + b"\n#" + b"x" * limit + b"\n")
    else:  # "outside": the same content, moved out of the folder and linked to
        real = Path.cwd() / "elsewhere" / path.name
        real.parent.mkdir(exist_ok=True)
        real.write_bytes(content)
        path.symlink_to(real)


def _reason(kind: str, folder: str, *, limit: int = 0, name: str = "") -> str:
    """What letterkit says about a file of `kind` found in `folder` (`name`: the file moved elsewhere)."""
    return {
        "device": f"is a symbolic link to /dev/zero, outside {folder}; refused",
        "fifo": "is a FIFO (named pipe), not a regular file",
        "folder": "is a folder, not a file",
        "oversized": f"is larger than {limit:,} bytes, the limit for this kind of file",
        "outside": f"is a symbolic link to elsewhere/{name}, outside {folder}; refused",
    }[kind]


# ---------------------------------------------------------------- a letter (named by the user)


def test_the_issues_own_command_letterkit_validate_dev_zero(workspace):
    _refused(
        workspace,
        lambda: _letterkit("validate", "/dev/zero", kind="fifo"),  # a real process: it once read until memory ran out
        ["/dev/zero:1:1: is a device, not a regular file", NOTHING_WRITTEN],
        2,
    )


@pytest.mark.parametrize("kind", ["fifo", "folder", "oversized"])
def test_a_letter_that_is_not_a_regular_file_of_a_letters_size_is_an_input_error(workspace, kind):
    letter = workspace / "data" / "letters" / "bad.yaml"
    shutil.copy(CALLISTO, letter)
    _spoil(letter, kind, limit=YAML_LIMIT)
    expected = [f"data/letters/bad.yaml:1:1: {_reason(kind, '', limit=YAML_LIMIT)}", NOTHING_WRITTEN]
    command = "validate" if kind == "folder" else "draft"  # draft takes a folder for a batch of the letters in it
    _refused(workspace, lambda: _letterkit(command, "data/letters/bad.yaml", kind=kind), expected, 2)


def test_draft_of_dev_zero_writes_nothing(workspace):
    expected = ["/dev/zero:1:1: is a device, not a regular file", NOTHING_WRITTEN]
    _refused(workspace, lambda: _letterkit("draft", "/dev/zero", "-f", "txt"), expected, 2)


def test_a_letter_named_on_the_command_line_may_be_a_symbolic_link(workspace):
    (workspace / "mine.yaml").symlink_to(workspace / LETTER)  # the user chose it: followed
    result = _letterkit("validate", "mine.yaml")
    assert (result.exit_code, result.stdout) == (0, "mine.yaml: ok (company profile data/companies/callisto.yaml)\n")


# ---------------------------------------------------------------- a company profile (found in the companies folder)


@pytest.mark.parametrize("kind", BAD)
def test_a_company_profile_must_be_a_regular_file_inside_the_companies_folder(workspace, kind):
    _spoil(workspace / "data/companies/callisto.yaml", kind, limit=YAML_LIMIT)
    reason = _reason(kind, "data/companies", limit=YAML_LIMIT, name="callisto.yaml")
    expected = [f"data/companies/callisto.yaml:1:1: {reason}", NOTHING_WRITTEN]
    _refused(workspace, lambda: _letterkit("draft", LETTER, "-f", "txt", kind=kind), expected, 2)


def test_a_company_profile_linked_within_the_companies_folder_is_read(workspace):
    companies = workspace / "data" / "companies"
    (companies / "shared").mkdir()
    (companies / "callisto.yaml").rename(companies / "shared" / "callisto.yaml")
    (companies / "callisto.yaml").symlink_to(companies / "shared" / "callisto.yaml")
    assert _letterkit("validate", LETTER).exit_code == 0


def test_new_looks_up_the_profile_the_same_way(workspace):
    _spoil(workspace / "data/companies/callisto.yaml", "outside")
    reason = _reason("outside", "data/companies", name="callisto.yaml")
    _refused(
        workspace,
        lambda: _letterkit("new", "--company", "callisto", "data/letters/next.yaml"),
        [f"data/companies/callisto.yaml:1:1: {reason}", NOTHING_WRITTEN],
        2,
    )


def test_a_broken_installation_of_the_skeleton_is_an_error_naming_the_file(workspace, monkeypatch):
    (workspace / "resources" / "letter-skeleton.yaml").mkdir(parents=True)
    monkeypatch.setattr("letterkit.skeleton.resources_dir", lambda: workspace / "resources")
    expected = ["error: resources/letter-skeleton.yaml: is a folder, not a file; reinstall letterkit"]
    _refused(workspace, lambda: _letterkit("new", "--company", "callisto", "data/letters/next.yaml"), expected, 1)


# ---------------------------------------------------------------- letters found in a folder given to a batch


def test_a_letter_in_a_batch_folder_linking_outside_it_stops_the_batch_before_drafting(workspace):
    _spoil(shutil.copy(CALLISTO, workspace / "data/letters/evil.yaml"), "outside")
    reason = _reason("outside", "data/letters", name="evil.yaml")
    expected = [f"data/letters/evil.yaml:1:1: {reason}", NOTHING_WRITTEN]
    _refused(workspace, lambda: _letterkit("draft", "data/letters/", "-f", "txt", "-j", "1"), expected, 2)


def test_a_fifo_in_a_batch_folder_is_that_letters_failure_not_a_hang(workspace):
    (workspace / "pipes").mkdir()
    os.mkfifo(workspace / "pipes" / "pipe.yaml")
    expected = [
        f"pipes/pipe.yaml:1:1: {_reason('fifo', '')}",
        "1 of 1 letters failed and was not written: pipes/pipe.yaml",
    ]
    _refused(workspace, lambda: _letterkit("draft", "pipes/", "-f", "txt", "-j", "1", kind="fifo"), expected, 5)


# ---------------------------------------------------------------- a user template folder


@pytest.fixture
def house(workspace):
    """A user folder with approved About versions 1 and 2 (so versions.toml and templates.lock exist)."""
    v2 = checking.new_version("blocks/about", 2, checking.shipped("blocks/about"))
    checking.house_templates(workspace, {"blocks/about/v2.md.j2": v2})
    return workspace / HOUSE


@pytest.mark.parametrize("kind", BAD)
@pytest.mark.parametrize(
    ("file", "limit"),
    [("blocks/about/v2.md.j2", TEMPLATE_LIMIT), ("blocks/about/versions.toml", RECORD_LIMIT), ("templates.lock", LOCK_LIMIT)],
    ids=["template-version", "versions.toml", "templates.lock"],
)
def test_every_file_of_a_user_template_folder_is_a_regular_file_inside_it(house, workspace, file, limit, kind):
    _spoil(house / file, kind, limit=limit)
    reason = _reason(kind, HOUSE, limit=limit, name=Path(file).name)
    _refused(
        workspace,
        lambda: _letterkit("draft", LETTER, "-f", "txt", "--templates", HOUSE, kind=kind),
        [f"template error: {HOUSE}/{file}: {reason}"],
        3,
    )


def test_a_template_folder_linking_outside_the_user_folder_is_refused(house, workspace):
    (workspace / "elsewhere").mkdir()
    (house / "blocks/about").rename(workspace / "elsewhere/about")
    (house / "blocks/about").symlink_to(workspace / "elsewhere/about")
    _refused(
        workspace,
        lambda: _letterkit("templates", "list", "--templates", HOUSE),
        [f"template error: {HOUSE}/blocks/about: is a symbolic link to elsewhere/about, outside {HOUSE}; refused"],
        3,
    )


@pytest.mark.parametrize(
    ("file", "text", "message"),
    [
        ("blocks/about/versions.toml", "a = " + "[" * 5000 + "]" * 5000 + "\n", ": the TOML nests too deeply"),
        ("templates.lock", "[" * 100_000 + "]" * 100_000, ":1:1: nesting deeper than 40 levels; refused"),
        ("blocks/about/v2.md.j2", b"{#- letterkit-template: blocks/about version: 2 -#}\ncaf\xe9\n",
         ": is not UTF-8 text (byte 0xe9 on line 2, column 4)"),
    ],
    ids=["versions.toml", "templates.lock", "template-version"],
)
def test_records_nested_too_deeply_and_templates_not_utf8_are_template_errors(house, workspace, file, text, message):
    (house / file).write_bytes(text if isinstance(text, bytes) else text.encode())
    expected = [f"template error: {HOUSE}/{file}{message}"]
    if file == "templates.lock":  # read as manifest.json is, with the same words, and what to do
        expected.append(f"template error: {HOUSE}/{file}: {LOCK_ADVICE}")
    _refused(workspace, lambda: _letterkit("templates", "list", "--templates", HOUSE), expected, 3)


LOCK_ADVICE = "restore templates.lock from version control, or re-approve with letterkit templates approve"


def test_every_problem_of_an_edited_templates_lock_is_reported_at_its_line(house, workspace):
    lock = house / "templates.lock"
    data = json.loads(lock.read_text(encoding="utf-8"))
    first, second = list(data["templates"])[:2]
    data["templates"][first]["sha256"] = "abc"
    data["templates"][second]["approved_on"] = "2026-13-01"
    data["templates"]["blocks/about@9"] = {"file": "../x", "sha256": "0" * 64, "approved_by": " ", "approved_on": 1}
    lock.write_text(json.dumps(data, indent=2), encoding="utf-8")
    lines = lock.read_text(encoding="utf-8").splitlines()

    def at(entry: str, key: str) -> str:
        row = next(i for i, line in enumerate(lines) if line.strip() == f'"{entry}": {{') + 1
        row = next(i for i in range(row, len(lines)) if lines[i].strip().startswith(f'"{key}"')) + 1
        return f"{HOUSE}/templates.lock:{row}:{lines[row - 1].index(':') + 3}: templates.{entry}.{key}"

    expected = [
        f"template error: {at(first, 'sha256')}: not a SHA-256 (64 hexadecimal digits): 'abc'",
        f"template error: {at(second, 'approved_on')}: not a date written as YYYY-MM-DD: '2026-13-01'",
        f"template error: {at('blocks/about@9', 'file')}: "
        "not a path inside the template folder, written with forward slashes: '../x'",
        f"template error: {at('blocks/about@9', 'approved_by')}: must name who approved the version",
        f"template error: {at('blocks/about@9', 'approved_on')}: not a date written as YYYY-MM-DD: 1",
        f"template error: {HOUSE}/templates.lock: {LOCK_ADVICE}",
    ]
    _refused(workspace, lambda: _letterkit("templates", "list", "--templates", HOUSE), expected, 3)


# ---------------------------------------------------------------- the template folder itself, and letterkit.toml


def test_a_templates_folder_that_is_a_symbolic_link_is_refused_naming_the_real_one(house, workspace):
    house.rename(workspace / "real-house")
    house.symlink_to(workspace / "real-house")
    message = f"template folder {HOUSE} is a symbolic link to real-house; name real-house itself"
    _refused(
        workspace,
        lambda: _letterkit("draft", LETTER, "-f", "txt", "--templates", HOUSE),
        [f"--templates: {message}", NOTHING_WRITTEN],
        2,
    )
    (workspace / "letterkit.toml").write_text(f'[templates]\nfolder = "{HOUSE}"\n')
    _refused(
        workspace,
        lambda: _letterkit("draft", LETTER, "-f", "txt"),
        [f"letterkit.toml:2:1: templates.folder: {message}", NOTHING_WRITTEN],
        2,
    )
    assert _letterkit("validate", LETTER, "--templates", "real-house").exit_code == 0


@pytest.mark.parametrize("kind", ["device", "fifo", "folder", "oversized"])
def test_letterkit_toml_must_be_a_regular_file(house, workspace, kind):
    config = workspace / "letterkit.toml"
    config.write_text(f'[templates]\nfolder = "{HOUSE}"\n')
    _spoil(config, kind, limit=RECORD_LIMIT)
    # letterkit.toml is the user's own (in the working folder or above): a link is followed, to a device or not.
    reason = "is a device, not a regular file" if kind == "device" else _reason(kind, "", limit=RECORD_LIMIT)
    expected = [f"letterkit.toml:1:1: {reason}", NOTHING_WRITTEN]
    _refused(workspace, lambda: _letterkit("draft", LETTER, "-f", "txt", kind=kind), expected, 2)


def test_letterkit_toml_nested_too_deeply_is_an_input_error(workspace):
    (workspace / "letterkit.toml").write_text("a = " + "[" * 5000 + "]" * 5000 + "\n")
    expected = ["letterkit.toml:1:1: the TOML nests too deeply", NOTHING_WRITTEN]
    _refused(workspace, lambda: _letterkit("validate", LETTER), expected, 2)


# ---------------------------------------------------------------- a rate card (check --ratecard)


@pytest.mark.parametrize("kind", ["device", "fifo", "folder", "oversized"])
def test_a_rate_card_that_is_not_a_regular_file_is_a_rate_card_error(workspace, kind):
    card = workspace / "data" / "ratecards.yaml"
    if kind == "device":
        name = "/dev/zero"  # named by the user: /dev/zero itself
        reason = "is a device, not a regular file"
    else:
        name = "data/ratecards.yaml"
        _spoil(card, kind, limit=YAML_LIMIT)
        reason = _reason(kind, "", limit=YAML_LIMIT)
    before = _disk(workspace)
    result = _letterkit("check", LETTER, "--ratecard", name, kind=kind)
    assert result.exit_code == 4
    assert [line for line in result.stdout.splitlines() if "rate-card" in line] == [
        f"{name}:1: error: rate-card: {reason}"
    ]
    assert "Traceback" not in result.stdout + result.stderr and "internal error" not in result.stdout + result.stderr
    assert _disk(workspace) == before


# ---------------------------------------------------------------- a saved document.json (redline from an output folder)


@pytest.mark.parametrize("kind", BAD)
def test_a_saved_document_must_be_a_regular_file_inside_its_output_folder(workspace, monkeypatch, kind):
    assert _letterkit("draft", LETTER, "--out", "output/seen", "-f", "txt").exit_code == 0
    limit = 1_000  # far below a real document (monkeypatched: the real cap is 32 MB)
    monkeypatch.setattr("letterkit.redline.sources.DOCUMENT_LIMIT", limit)
    _spoil(workspace / "output/seen" / DOCUMENT, kind, limit=limit)
    reason = _reason(kind, "output/seen", limit=limit, name=DOCUMENT)
    _refused(
        workspace,
        lambda: _letterkit("redline", "output/seen", LETTER, "--out", "r.docx", kind=kind),
        [f"output/seen/{DOCUMENT}:1:1: {reason}", NOTHING_WRITTEN],
        2,
    )


# ---------------------------------------------------------------- fonts and other assets


@pytest.fixture
def shipped(templates_copy, workspace, monkeypatch):
    """The copy stands in for letterkit's own templates (and assets); the working folder is its parent."""
    monkeypatch.setattr(project_config, "templates_dir", lambda: templates_copy)
    return templates_copy


@pytest.mark.parametrize("kind", BAD)
def test_a_font_of_the_approved_stylesheet_must_be_a_regular_file_inside_the_assets(shipped, workspace, monkeypatch, kind):
    limit = 700_000  # above every shipped font (monkeypatched: the real cap is 64 MB)
    monkeypatch.setattr(digests, "ASSET_LIMIT", limit)
    _spoil(shipped / "assets" / FONT, kind, limit=limit)
    reason = _reason(kind, "templates/assets", limit=limit, name=Path(FONT).name)
    expected = [
        f"template error: templates/assets/{FONT}: the asset {FONT}, used by {ref}, {reason}"
        # every approved version that loads the font: the house style, the print stylesheets before it
        for ref in ("styles/house@1", "styles/print@1", "styles/print@2")
    ]
    # A draft names the version it uses (the latest approved); `templates check`, every one.
    _refused(workspace, lambda: _letterkit("draft", LETTER, "-f", "txt", kind=kind, shipped=shipped), expected[:1], 3)
    _refused(workspace, lambda: _letterkit("templates", "check", kind=kind, shipped=shipped), expected, 3)


@pytest.fixture
def new_stylesheet(shipped, workspace, monkeypatch):
    """A draft styles/print@4 loading one more font, fonts/Extra.ttf: a link to a real font outside the assets."""
    monkeypatch.setattr("letterkit.paths.templates_dir", lambda: shipped)  # what the glyph check reads from
    v3 = (shipped / "styles/print/v3.css").read_text(encoding="utf-8")
    header, rest = v3.split("\n", 1)
    extra = '@font-face { font-family: "Extra"; src: url("fonts/Extra.ttf"); }\n'
    (shipped / "styles/print/v4.css").write_text(header.replace("version: 3", "version: 4") + "\n" + extra + rest)
    (workspace / "elsewhere").mkdir()
    shutil.copy(shipped / "assets" / FONT, workspace / "elsewhere/Extra.ttf")
    (shipped / "assets/fonts/Extra.ttf").symlink_to(workspace / "elsewhere/Extra.ttf")
    return shipped / "styles/print/v4.css"


EXTRA_REFUSED = (
    "template error: templates/assets/fonts/Extra.ttf: the asset fonts/Extra.ttf, used by styles/print@4, "
    "is a symbolic link to elsewhere/Extra.ttf, outside templates/assets; refused"
)


def test_approving_a_stylesheet_refuses_a_font_linking_outside_the_assets(new_stylesheet, workspace):
    assert "Extra.ttf" in new_stylesheet.read_text()
    _refused(workspace, lambda: _letterkit("templates", "approve", "styles/print@4", "--by", "Me"), [EXTRA_REFUSED], 3)


def test_drafting_with_a_draft_stylesheet_refuses_the_font_in_the_glyph_check(new_stylesheet, workspace):
    letter = workspace / LETTER
    letter.write_text(letter.read_text() + "templates:\n  print_style: 4\n")
    _refused(
        workspace,
        lambda: _letterkit("draft", LETTER, "-f", "txt", "--allow-draft-templates"),
        [EXTRA_REFUSED],
        3,
    )


def test_the_pdf_fetcher_refuses_a_fifo_and_a_file_over_the_cap(tmp_path, monkeypatch):
    from weasyprint.urls import FatalURLFetchingError

    from letterkit.writers import asset_fetcher

    root = tmp_path / "assets"
    root.mkdir()
    (root / "big.ttf").write_bytes(b"x" * 2_000)
    os.mkfifo(root / "pipe.ttf")
    monkeypatch.setattr(asset_fetcher, "ASSET_LIMIT", 1_000)
    fetcher = asset_fetcher.AssetFetcher(root)
    big = fetcher.base_url() + "big.ttf"
    with pytest.raises(FatalURLFetchingError) as refused:
        fetcher.fetch(big)
    assert str(refused.value) == f"refused to load {big!r}: it is larger than 1,000 bytes, the limit for this kind of file"
    with pytest.raises(FatalURLFetchingError, match="not a file under"):
        fetcher.fetch(fetcher.base_url() + "pipe.ttf")


# ---------------------------------------------------------------- input_files itself


def test_the_cap_is_counted_while_reading_never_taken_from_stat():
    status = Path("/proc/self/status")  # stat says 0 bytes; it holds far more
    assert status.stat().st_size == 0
    assert read_text(status, limit=100_000).startswith("Name:")
    with pytest.raises(UnreadableFile, match=r"^is larger than 10 bytes, the limit for this kind of file$"):
        read_bytes(status, limit=10)
    with pytest.raises(UnreadableFile, match=r"^is larger than 10 bytes, the limit for this kind of file$"):
        sha256_and_size(status, limit=10)


def test_a_file_of_exactly_the_cap_is_read(tmp_path):
    path = tmp_path / "x"
    path.write_bytes(b"a" * 10)
    assert read_bytes(path, limit=10) == b"a" * 10
    assert sha256_and_size(path, limit=10) == (hashlib.sha256(b"a" * 10).hexdigest(), 10)


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (lambda p: None, "does not exist"),
        (lambda p: p.symlink_to(p), "is a loop of symbolic links"),
        (lambda p: p.symlink_to("/dev/null"), "is a device, not a regular file"),
        (lambda p: p.write_bytes(b"\xef\xbb\xbfok\ncaf\xe9"), "is not UTF-8 text (byte 0xe9 on line 2, column 4)"),
    ],
    ids=["missing", "loop", "device", "not-utf8"],
)
def test_what_a_reader_says(tmp_path, make, message):
    path = tmp_path / "x"
    make(path)
    with pytest.raises(UnreadableFile) as refused:
        read_text(path, limit=100)
    assert str(refused.value) == message


def test_a_byte_order_mark_is_dropped_and_a_bad_byte_has_its_position(tmp_path):
    path = tmp_path / "x"
    path.write_bytes(b"\xef\xbb\xbfname: x\n")
    assert read_text(path, limit=100) == "name: x\n"
    path.write_bytes(b"a\nbc\xff")
    with pytest.raises(NotText) as refused:
        read_text(path, limit=100)
    assert (refused.value.byte, refused.value.line, refused.value.column) == (0xFF, 2, 3)


def test_check_inside_tells_a_name_outside_from_a_link_and_a_linked_folder(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    folder = tmp_path / "folder"
    (folder / "sub").mkdir(parents=True)
    (tmp_path / "out").mkdir()
    (folder / "link").symlink_to(tmp_path / "out" / "x")
    (folder / "via").symlink_to(tmp_path / "out")
    (folder / "near").symlink_to(folder / "sub")
    check_inside(folder / "near" / "x", folder)  # a link that stays inside is fine
    cases = {
        folder / ".." / "x": "is outside folder; refused",
        Path("/etc/passwd"): "is outside folder; refused",
        folder / "link": "is a symbolic link to out/x, outside folder; refused",
        folder / "via" / "x": "leads through a symbolic link to out/x, outside folder; refused",
    }
    for path, message in cases.items():
        with pytest.raises(UnreadableFile) as refused:
            check_inside(path, folder)
        assert str(refused.value) == message, path


def test_check_real_folder(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "real").mkdir()
    (tmp_path / "link").symlink_to(tmp_path / "real")
    check_real_folder(tmp_path / "real")
    with pytest.raises(UnreadableFile, match=r"^is a symbolic link to real; name real itself$"):
        check_real_folder(tmp_path / "link")


def test_is_present_sees_what_is_there_but_not_a_regular_file(tmp_path):
    (tmp_path / "broken").symlink_to(tmp_path / "nowhere")
    os.mkfifo(tmp_path / "fifo")
    assert input_files.is_present(tmp_path / "broken") and input_files.is_present(tmp_path / "fifo")
    assert not input_files.is_present(tmp_path / "nowhere")


# --- stylesheet references, read with a CSS parser ---------------------------------------------


@pytest.mark.parametrize(
    ("rule", "why"),
    [
        ('@font-face { font-family: "X"; src: url(https://fonts.example/x.ttf); }',
         "refused to load 'https://fonts.example/x.ttf': only the shipped assets may be loaded"),
        ('@font-face { font-family: "X"; src: url("file:///etc/passwd"); }',
         "refused to load 'file:///etc/passwd': only the shipped assets may be loaded"),
        ("h1 { bookmark-label: url(data:text/plain,hi); }",
         "refused to load 'data:text/plain,hi': only the shipped assets may be loaded"),
        ("@media print { p { background: url('../../../etc/passwd'); } }",
         "refused to load '../../../etc/passwd': not a file under the assets folder (a relative path without ..)"),
        ("p { background: url(/etc/passwd); }",
         "refused to load '/etc/passwd': not a file under the assets folder (a relative path without ..)"),
        ('@import "x.css";',
         "refused to load 'x.css': @import is not allowed (an approved stylesheet is one file)"),
        ("@import url(fonts/x.css);",
         "refused to load 'fonts/x.css': @import is not allowed (an approved stylesheet is one file)"),
        ("p { background: url(a b); }", "not valid CSS: bad URL token"),
    ],
    ids=["https", "file", "data-in-bookmark", "dotdot-in-media", "absolute", "import-string", "import-url", "bad-url"],
)  # fmt: skip
def test_every_reference_a_stylesheet_makes_is_refused_at_its_line_before_any_file_is_opened(
    shipped, workspace, monkeypatch, rule, why
):
    monkeypatch.setattr("letterkit.paths.templates_dir", lambda: shipped)
    v3 = (shipped / "styles/print/v3.css").read_text(encoding="utf-8")
    header, rest = v3.split("\n", 1)
    (shipped / "styles/print/v4.css").write_text(header.replace("version: 3", "version: 4") + "\n" + rule + "\n" + rest)
    column = 1 + rule.index("url(") if "url(" in rule else 9
    expected = [f"template error: templates/styles/print/v4.css:2:{column}: styles/print@4: {why}"]
    _refused(workspace, lambda: _letterkit("templates", "approve", "styles/print@4", "--by", "Me"), expected, 3)
    letter = workspace / LETTER
    letter.write_text(letter.read_text() + "templates:\n  print_style: 4\n")
    _refused(workspace, lambda: _letterkit("draft", LETTER, "-f", "txt", "--allow-draft-templates"), expected, 3)
