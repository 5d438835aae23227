"""manifest.json beside every draft, and `letterkit verify` re-hashing a folder against it."""

from __future__ import annotations

import fcntl
import hashlib
import json
import os
import stat
from pathlib import Path

import pytest
from typer.testing import CliRunner

from letterkit import __version__, drafting, project_config
from letterkit import manifest as manifest_module
from letterkit.cli import app
from letterkit.compose.template_store import TemplateStore
from letterkit.errors import display_path
from letterkit.paths import templates_dir

from conftest import CALLISTO, DATA

runner = CliRunner()
STEM = CALLISTO.stem
LETTER = f"data/letters/{STEM}.yaml"


def _run(*args):
    return runner.invoke(app, list(args))


def _assert_verify_fails_with(*lines, notes=()):
    """`verify output/<stem>` prints `notes`, one line per difference, the count, and exits 1."""
    result = _run("verify", "output/" + STEM)
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        *(f"note: {note}" for note in notes),
        *lines,
        f"verify: {len(lines)} file(s) differ from output/{STEM}/manifest.json",
    ]


def _digest(path):
    data = path.read_bytes()
    return {"sha256": hashlib.sha256(data).hexdigest(), "size": len(data)}


@pytest.fixture
def drafted(workspace):
    """The Callisto letter drafted (text and DOCX) into output/<stem>/ of a workspace."""
    result = _run("draft", LETTER, "-f", "txt,docx")
    assert result.exit_code == 0, result.output
    return workspace / "output" / STEM


def test_the_manifest_records_inputs_templates_assets_and_outputs(drafted):
    manifest = json.loads((drafted / "manifest.json").read_text(encoding="utf-8"))
    store = TemplateStore(templates_dir())
    assert list(manifest) == [
        "format",
        "letterkit",
        "allow_draft_templates",
        "inputs",
        "templates",
        "assets",
        "outputs",
    ]
    assert (manifest["format"], manifest["letterkit"], manifest["allow_draft_templates"]) == (
        "letterkit-manifest/1",
        __version__,
        False,
    )
    assert manifest["inputs"] == [
        {"role": "letter", "file": CALLISTO.name, **_digest(CALLISTO)},
        {"role": "company", "file": "callisto.yaml", **_digest(DATA / "companies" / "callisto.yaml")},
    ]
    expected = {
        "about": "blocks/about@2",
        "dateline": "datelines/prnewswire-2007@1",
        "forward_looking": "blocks/forward-looking@3",
        "letter": "letters/shareholder-letter@3",
        "print_style": "styles/print@3",
        "house_style": "styles/house@1",
        "wire_rules": "wire-rules/prnewswire-2007@1",
    }
    assert [t["slot"] for t in manifest["templates"]] == sorted(expected)
    for entry in manifest["templates"]:
        version = store.get_ref(expected[entry["slot"]])
        assert entry == {
            "slot": entry["slot"],
            "template": version.ref,
            "source": "letterkit",
            "file": version.file,
            **_digest(version.path),
            "status": "approved",
            "approved_by": "letterkit maintainers (example)",
            "approved_on": _approved_on(entry["slot"], version.version),
            "pinned": False,
        }
    fonts = templates_dir() / "assets" / "fonts"
    assert manifest["assets"] == [
        {"file": f"fonts/{p.name}", "used_by": "styles/house@1", **_digest(p)} for p in sorted(fonts.glob("*.ttf"))
    ]
    names = [f"{STEM}.document.json", f"{STEM}.docx", f"{STEM}.txt"]
    assert manifest["outputs"] == [{"file": name, **_digest(drafted / name)} for name in names]


def _approved_on(slot: str, version: int) -> str:
    if (slot, version) in (("print_style", 3), ("house_style", 1), ("forward_looking", 3)):
        return "2026-12-03"  # issue 11: the house style, the stylesheet that takes its rules, the AP series
    return "2026-12-02" if version > 1 or slot == "wire_rules" else "2026-11-24"


def test_identical_inputs_give_an_identical_manifest_from_any_folder(drafted, tmp_path):
    # The same letter drafted from the repository's own data/ (another folder, another working folder).
    again = drafting.draft(CALLISTO, out_dir=tmp_path / "again", formats=["txt", "docx"])
    assert {p.name: p.read_bytes() for p in again.written} == {p.name: p.read_bytes() for p in drafted.iterdir()}


def test_verify_says_every_file_matches(drafted):
    result = _run("verify", "output/" + STEM)
    assert result.exit_code == 0, result.output
    assert result.stdout == f"output/{STEM}: 3 outputs, 7 templates, 8 assets match manifest.json\n"
    assert result.stderr == ""


def test_verify_names_an_output_with_one_changed_byte(drafted):
    docx = drafted / f"{STEM}.docx"
    before = _digest(docx)
    data = bytearray(docx.read_bytes())
    data[100] ^= 1
    docx.write_bytes(bytes(data))
    _assert_verify_fails_with(
        f"output/{STEM}/{STEM}.docx: differs from the manifest (SHA-256 now {_digest(docx)['sha256'][:12]}…, "
        f"manifest {before['sha256'][:12]}…; same size, {before['size']} bytes)"
    )


def test_verify_names_a_missing_output_and_notes_files_it_does_not_cover(drafted):
    (drafted / f"{STEM}.txt").unlink()
    (drafted / "notes.txt").write_text("mine")
    _assert_verify_fails_with(
        f"output/{STEM}/{STEM}.txt: is missing", notes=[f"output/{STEM}/notes.txt is not covered by the manifest"]
    )


def test_verify_names_a_template_changed_since_the_draft(drafted, templates_copy, monkeypatch):
    # The draft was made with the shipped templates; the copy (now "shipped") has one character changed.
    monkeypatch.setattr(project_config, "templates_dir", lambda: templates_copy)
    about = templates_copy / "blocks" / "about" / "v2.md.j2"
    about.write_text(about.read_text().replace("About", "ABOUT", 1))
    result = _run("verify", "output/" + STEM)
    assert result.exit_code == 1
    assert result.stderr.splitlines()[0].startswith(
        "templates/blocks/about/v2.md.j2: template blocks/about@2 differs from the manifest (SHA-256 now "
    )


def test_verify_without_a_manifest_says_so(workspace):
    (workspace / "output").mkdir()
    result = _run("verify", "output")
    assert (result.exit_code, result.stderr) == (
        1,
        "verify: output/manifest.json does not exist: is output a folder letterkit draft wrote?\n",
    )


def test_a_refused_draft_leaves_the_previous_manifest_and_outputs_alone(drafted, templates_copy, monkeypatch):
    before = {p.name: p.read_bytes() for p in drafted.iterdir()}
    monkeypatch.setattr(project_config, "templates_dir", lambda: templates_copy)
    about = templates_copy / "blocks" / "about" / "v2.md.j2"
    about.write_text(about.read_text() + " ")
    assert _run("draft", LETTER, "-f", "txt,docx").exit_code == 3
    assert {p.name: p.read_bytes() for p in drafted.iterdir()} == before


def test_a_draft_removes_formats_it_did_not_write_so_the_folder_holds_one_draft(drafted):
    assert (drafted / f"{STEM}.docx").exists()
    result = _run("draft", LETTER, "-f", "txt")
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in drafted.iterdir()) == [f"{STEM}.document.json", f"{STEM}.txt", "manifest.json"]
    assert _run("verify", "output/" + STEM).exit_code == 0


def test_verify_fails_on_an_output_from_another_draft(drafted, tmp_path):
    # e.g. a PDF copied in from an older folder: it must not pass as verified
    (drafted / f"{STEM}.pdf").write_bytes(b"%PDF-1.7 from an older draft")
    _assert_verify_fails_with(
        f"output/{STEM}/{STEM}.pdf: not part of this draft (not in manifest.json); remove it or draft again"
    )


# ---------------------------------------------------------------- verify reads manifest.json as input


def _valid_manifest():
    """A small manifest of the form draft writes (one template, two outputs), laid out as draft lays it out."""
    template = {
        "slot": "about",
        "template": "blocks/about@1",
        "source": "letterkit",
        "file": "blocks/about/v1.md.j2",
        "sha256": "0" * 64,
        "size": 1,
        "status": "approved",
        "approved_by": "legal",
        "approved_on": "2026-11-24",
        "pinned": False,
    }
    return {
        "format": "letterkit-manifest/1",
        "letterkit": __version__,
        "allow_draft_templates": False,
        "inputs": [],
        "templates": [template],
        "assets": [{"file": "fonts/a.ttf", "used_by": "styles/print@1", "sha256": "0" * 64, "size": 1}],
        "outputs": [{"file": "a.txt", "sha256": "0" * 64, "size": 1}, {"file": "b.txt", "sha256": "0" * 64, "size": 1}],
    }


def _edited(change):
    def edit():
        manifest = _valid_manifest()
        change(manifest)
        return json.dumps(manifest, indent=2)

    return edit


MALFORMED = {
    "an output's file is a number": (
        _edited(lambda m: m["outputs"][1].update(file=3)),
        ["manifest.json:35:15: outputs[1].file: expected text, got 3"],
    ),
    "an output's file is null": (
        _edited(lambda m: m["outputs"][1].update(file=None)),
        ["manifest.json:35:15: outputs[1].file: expected text, got nothing"],
    ),
    "an output without sha256": (
        _edited(lambda m: m["outputs"][0].pop("sha256")),
        ["manifest.json:29:5: outputs[0].sha256: field required"],
    ),
    "outputs: null": (
        _edited(lambda m: m.update(outputs=None)),
        ["manifest.json:28:14: outputs: expected a list, got nothing"],
    ),
    "outputs: a dict": (
        _edited(lambda m: m.update(outputs={"a.txt": "0" * 64})),
        ["manifest.json:28:14: outputs: expected a list, got a mapping"],
    ),
    "outputs: a list of strings": (
        _edited(lambda m: m.update(outputs=["a.txt", "b.txt"])),
        [
            "manifest.json:29:5: outputs[0]: expected a mapping of keys to values, got 'a.txt'",
            "manifest.json:30:5: outputs[1]: expected a mapping of keys to values, got 'b.txt'",
        ],
    ),
    "a template record without source": (
        _edited(lambda m: m["templates"][0].pop("source")),
        ["manifest.json:7:5: templates[0].source: field required"],
    ),
    "no letterkit key": (_edited(lambda m: m.pop("letterkit")), ["manifest.json:1:1: letterkit: field required"]),
    "an output outside the folder": (
        _edited(lambda m: m["outputs"][0].update(file="../../../../etc/passwd")),
        [
            "manifest.json:30:15: outputs[0].file: not a plain file name in this folder: '../../../../etc/passwd' "
            "(a manifest lists only files beside it)"
        ],
    ),
    "an absolute output": (
        _edited(lambda m: m["outputs"][1].update(file="/dev/zero")),
        [
            "manifest.json:35:15: outputs[1].file: not a plain file name in this folder: '/dev/zero' "
            "(a manifest lists only files beside it)"
        ],
    ),
    "an asset outside the assets": (
        _edited(lambda m: m["assets"][0].update(file="fonts/../../../etc/passwd")),
        [
            "manifest.json:22:15: assets[0].file: "
            "not a path inside letterkit's assets folder: 'fonts/../../../etc/passwd'"
        ],
    ),
    "a hash that is not one": (
        _edited(lambda m: m["outputs"][0].update(sha256="abc")),
        ["manifest.json:31:17: outputs[0].sha256: not a SHA-256 (64 hexadecimal digits): 'abc'"],
    ),
    "a size that is text": (
        _edited(lambda m: m["outputs"][0].update(size="1")),
        ["manifest.json:32:15: outputs[0].size: expected a whole number, got '1'"],
    ),
    "a version with an escape sequence": (
        _edited(lambda m: m.update(letterkit="\x1b[2J0.1")),
        ["manifest.json:3:16: letterkit: not one line of plain text: '\\x1b[2J0.1'"],
    ),
    "another file's format": (
        _edited(lambda m: m.update(format="letterkit-templates-lock/1")),
        ["manifest.json:2:13: format: must be one of 'letterkit-manifest/1', got 'letterkit-templates-lock/1'"],
    ),
    "a JSON list": (lambda: "[]", ["manifest.json:1:1: expected a mapping of keys to values, got a list"]),
    "truncated": (
        lambda: json.dumps(_valid_manifest(), indent=2)[:100],
        ["manifest.json:5:3: not valid JSON: Unterminated string starting at"],
    ),
    "a duplicate key": (
        lambda: '{"outputs": [], ' + json.dumps(_valid_manifest())[1:],
        ["manifest.json:1:1: not valid JSON: duplicate key 'outputs'"],
    ),
    "NaN": (
        lambda: json.dumps(_valid_manifest()).replace('"size": 1', '"size": NaN', 1),
        ["manifest.json:1:1: not valid JSON: NaN is not a number JSON allows"],
    ),
    "100,000 nested brackets": (
        lambda: "[" * 100_000 + "]" * 100_000,
        ["manifest.json:1:1: nesting deeper than 40 levels; refused"],
    ),
    "not UTF-8": (lambda: b'{"format": "\xff"}', ["manifest.json:1:1: is not UTF-8 text (byte 0xff on line 1, column 13)"]),
}


@pytest.mark.parametrize("case", MALFORMED, ids=list(MALFORMED))
def test_verify_reports_a_malformed_manifest_at_its_line_and_field(workspace, case):
    content, problems = MALFORMED[case]
    folder = workspace / "out"
    folder.mkdir()
    text = content()
    (folder / "manifest.json").write_bytes(text if isinstance(text, bytes) else text.encode("utf-8"))
    result = _run("verify", "out")
    assert result.exit_code == 1
    noun = "problem" if len(problems) == 1 else "problems"
    assert result.stderr == "".join(f"out/{problem}\n" for problem in problems) + (
        f"verify: out/manifest.json is not a manifest letterkit wrote ({len(problems)} {noun}); nothing was verified\n"
    )


def test_verify_refuses_a_100_mb_manifest_without_reading_it_all(workspace):
    folder = workspace / "out"
    folder.mkdir()
    with open(folder / "manifest.json", "wb") as manifest:
        manifest.truncate(100_000_000)  # sparse: 100 MB on paper, nothing on the disk
    result = _run("verify", "out")
    assert (result.exit_code, result.stderr) == (
        1,
        "out/manifest.json:1:1: is larger than 4,000,000 bytes, the limit for this kind of file\n"
        "verify: out/manifest.json is not a manifest letterkit wrote (1 problem); nothing was verified\n",
    )


@pytest.mark.parametrize("kind", ["symlink", "fifo", "folder"])
def test_verify_refuses_a_manifest_that_is_not_a_plain_file(drafted, tmp_path, kind):
    manifest = drafted / "manifest.json"
    (tmp_path / "elsewhere.json").write_bytes(manifest.read_bytes())
    manifest.unlink()
    if kind == "symlink":
        manifest.symlink_to(tmp_path / "elsewhere.json")
    else:
        (os.mkfifo if kind == "fifo" else Path.mkdir)(manifest)
    result = _run("verify", f"output/{STEM}")
    assert result.exit_code == 1
    where = f"output/{STEM}/manifest.json"
    assert (
        result.stderr
        == {
            "symlink": f"verify: {where} is a symbolic link, not the manifest a draft writes: "
            "tampering; nothing was verified\n",
            "fifo": f"{where}:1:1: is a FIFO (named pipe), not a regular file\n"
            f"verify: {where} is not a manifest letterkit wrote (1 problem); nothing was verified\n",
            "folder": f"{where}:1:1: is a folder, not a file\n"
            f"verify: {where} is not a manifest letterkit wrote (1 problem); nothing was verified\n",
        }[kind]
    )


# ---------------------------------------------------------------- verify stays inside its folder


def _make_device(path):
    try:
        os.mknod(path, 0o600 | stat.S_IFCHR, os.makedev(1, 5))  # what /dev/zero is
    except PermissionError:
        pytest.skip("creating a device node needs privileges this test run does not have")


TAMPERED = {
    "a symlink out": (
        lambda path: path.symlink_to("/etc/passwd"),
        "is a symbolic link (to '/etc/passwd') where the draft wrote a file: tampering; not followed",
    ),
    "a symlink in": (
        lambda path: path.symlink_to(f"{STEM}.docx"),
        f"is a symbolic link (to '{STEM}.docx') where the draft wrote a file: tampering; not followed",
    ),
    "a FIFO": (os.mkfifo, "is a FIFO (named pipe) where the draft wrote a file: tampering; not read"),
    "a folder": (Path.mkdir, "is a folder where the draft wrote a file: tampering; not read"),
    "a device": (_make_device, "is a device where the draft wrote a file: tampering; not read"),
}


@pytest.mark.parametrize("case", TAMPERED, ids=list(TAMPERED))
def test_verify_reports_anything_but_the_file_in_place_of_an_output_as_tampering(drafted, case):
    make, line = TAMPERED[case]
    output = drafted / f"{STEM}.txt"
    output.unlink()
    make(output)
    _assert_verify_fails_with(f"output/{STEM}/{STEM}.txt: {line}")


def test_verify_does_not_follow_an_asset_linked_outside_the_assets(drafted, templates_copy, tmp_path, monkeypatch):
    monkeypatch.setattr(project_config, "templates_dir", lambda: templates_copy)
    font = templates_copy / "assets" / "fonts" / "NotoSans-Regular.ttf"
    outside = tmp_path / "outside.ttf"
    outside.write_bytes(font.read_bytes())  # the same bytes: only where it is gives it away
    font.unlink()
    font.symlink_to(outside)
    _assert_verify_fails_with(
        f"templates/assets/fonts/NotoSans-Regular.ttf: asset fonts/NotoSans-Regular.ttf is a symbolic link to "
        f"{display_path(outside)}, outside {display_path(templates_copy / 'assets')}; refused"
    )


# ---------------------------------------------------------------- verify and interrupted drafts


def test_verify_reports_a_draft_interrupted_while_switching(drafted):
    (drafted / ".letterkit-journal.json").write_text("{}")  # what a draft killed mid-switch leaves (test_output_kill)
    result = _run("verify", f"output/{STEM}")
    assert (result.exit_code, result.stderr) == (
        1,
        f"verify: output/{STEM}: a draft was interrupted while it switched this folder to its new outputs, so the "
        "files are a mix of two drafts (.letterkit-journal.json lists them); the next draft into this folder first "
        "restores the previous outputs from their backups: draft again, then verify\n",
    )


def test_verify_reports_leftovers_of_an_interrupted_draft_and_notes_other_hidden_files(drafted):
    names = {
        ".letterkit-0123456789abcdef.manifest.json.tmp": "temporary",
        f".letterkit-fedcba9876543210.{STEM}.txt.bak": "backup",
        f".{STEM}.txt.k3j_4h5g.tmp": "temporary",  # as letterkit wrote them before the journal
        ".DS_Store": "note",
        ".letterkit.lock": "nothing",  # a killed draft's lock: letterkit's own, harmless
    }
    for name in names:
        (drafted / name).write_bytes(b"x")
    _assert_verify_fails_with(
        f"output/{STEM}/.callisto-2007-shareholder-letter.txt.k3j_4h5g.tmp: a temporary file left by an interrupted "
        "draft, not an output; the next draft into this folder deletes it (or delete it yourself)",
        f"output/{STEM}/.letterkit-0123456789abcdef.manifest.json.tmp: a temporary file left by an interrupted draft, "
        "not an output; the next draft into this folder deletes it (or delete it yourself)",
        f"output/{STEM}/.letterkit-fedcba9876543210.{STEM}.txt.bak: a backup of an earlier output left by an "
        "interrupted draft, not part of this draft; the next draft into this folder deletes it (or delete it yourself)",
        notes=[f"output/{STEM}/.DS_Store is not covered by the manifest"],
    )
    assert _run("draft", LETTER, "-f", "txt,docx").exit_code == 0
    assert sorted(p.name for p in drafted.iterdir() if p.name.startswith(".")) == [".DS_Store"]
    assert _run("verify", f"output/{STEM}").exit_code == 0


def test_verify_waits_for_a_draft_writing_into_the_folder(drafted, monkeypatch):
    monkeypatch.setattr(manifest_module, "WRITER_WAIT", 0.0)
    held = os.open(drafted / ".letterkit.lock", os.O_RDWR | os.O_CREAT)
    fcntl.flock(held, fcntl.LOCK_EX)  # as a draft in the middle of its write holds it
    try:
        result = _run("verify", f"output/{STEM}")
    finally:
        os.close(held)
    assert (result.exit_code, result.stderr) == (
        1,
        f"verify: another letterkit process is writing into output/{STEM}; verify again when it has finished\n",
    )
    assert _run("verify", f"output/{STEM}").exit_code == 0


def test_drafting_into_another_letters_folder_is_refused_and_leaves_its_provenance(workspace):
    from conftest import AURORA

    assert _run("draft", str(CALLISTO.relative_to(DATA.parent)), "--out", "shared", "-f", "txt").exit_code == 0
    before = {path.name: path.read_bytes() for path in (workspace / "shared").iterdir()}
    result = _run("draft", str(AURORA.relative_to(DATA.parent)), "--out", "shared", "-f", "txt")
    assert result.exit_code == 2
    assert result.stderr.splitlines() == [
        f"--out: shared/ holds the draft of another letter ({STEM}, by its manifest.json); drafting {AURORA.stem} "
        "there would take that draft's provenance away: draft into a folder of its own",
        "1 problem found; nothing was written.",
    ]
    assert {path.name: path.read_bytes() for path in (workspace / "shared").iterdir()} == before
    assert _run("verify", "shared").exit_code == 0
    again = _run("draft", str(CALLISTO.relative_to(DATA.parent)), "--out", "shared", "-f", "txt")
    assert again.exit_code == 0  # the same letter drafts over its own draft
