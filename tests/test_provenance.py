"""manifest.json beside every draft, and `letterkit verify` re-hashing a folder against it."""

from __future__ import annotations

import hashlib
import json

import pytest
from typer.testing import CliRunner

from letterkit import __version__, drafting, project_config
from letterkit.cli import app
from letterkit.compose.template_store import TemplateStore
from letterkit.paths import templates_dir

from conftest import CALLISTO, DATA

runner = CliRunner()
STEM = CALLISTO.stem
LETTER = f"data/letters/{STEM}.yaml"


def _run(*args):
    return runner.invoke(app, list(args))


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
        "about": "blocks/about@1",
        "dateline": "datelines/prnewswire-2007@1",
        "forward_looking": "blocks/forward-looking@1",
        "letter": "letters/shareholder-letter@1",
        "print_style": "styles/print@1",
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
            "approved_on": "2026-12-02" if entry["slot"] == "wire_rules" else "2026-11-24",
            "pinned": False,
        }
    fonts = templates_dir() / "assets" / "fonts"
    assert manifest["assets"] == [
        {"file": f"fonts/{p.name}", "used_by": "styles/print@1", **_digest(p)} for p in sorted(fonts.glob("*.ttf"))
    ]
    names = [f"{STEM}.document.json", f"{STEM}.docx", f"{STEM}.txt"]
    assert manifest["outputs"] == [{"file": name, **_digest(drafted / name)} for name in names]


def test_identical_inputs_give_an_identical_manifest_from_any_folder(drafted, tmp_path):
    # The same letter drafted from the repository's own data/ (another folder, another working folder).
    again = drafting.draft(CALLISTO, out_dir=tmp_path / "again", formats=["txt", "docx"])
    assert {p.name: p.read_bytes() for p in again.written} == {p.name: p.read_bytes() for p in drafted.iterdir()}


def test_verify_says_every_file_matches(drafted):
    result = _run("verify", "output/" + STEM)
    assert result.exit_code == 0, result.output
    assert result.stdout == f"output/{STEM}: 3 outputs, 6 templates, 8 assets match manifest.json\n"
    assert result.stderr == ""


def test_verify_names_an_output_with_one_changed_byte(drafted):
    docx = drafted / f"{STEM}.docx"
    before = _digest(docx)
    data = bytearray(docx.read_bytes())
    data[100] ^= 1
    docx.write_bytes(bytes(data))
    result = _run("verify", "output/" + STEM)
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        f"output/{STEM}/{STEM}.docx: differs from the manifest (SHA-256 now {_digest(docx)['sha256'][:12]}…, "
        f"manifest {before['sha256'][:12]}…; same size, {before['size']} bytes)",
        f"verify: 1 file(s) differ from output/{STEM}/manifest.json",
    ]


def test_verify_names_a_missing_output_and_notes_files_it_does_not_cover(drafted):
    (drafted / f"{STEM}.txt").unlink()
    (drafted / "notes.txt").write_text("mine")
    result = _run("verify", "output/" + STEM)
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        f"note: output/{STEM}/notes.txt is not covered by the manifest",
        f"output/{STEM}/{STEM}.txt: is missing",
        f"verify: 1 file(s) differ from output/{STEM}/manifest.json",
    ]


def test_verify_names_a_template_changed_since_the_draft(drafted, templates_copy, monkeypatch):
    # The draft was made with the shipped templates; the copy (now "shipped") has one character changed.
    monkeypatch.setattr(project_config, "templates_dir", lambda: templates_copy)
    about = templates_copy / "blocks" / "about" / "v1.md.j2"
    about.write_text(about.read_text().replace("About", "ABOUT", 1))
    result = _run("verify", "output/" + STEM)
    assert result.exit_code == 1
    assert result.stderr.splitlines()[0].startswith(
        "templates/blocks/about/v1.md.j2: template blocks/about@1 differs from the manifest (SHA-256 now "
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
    about = templates_copy / "blocks" / "about" / "v1.md.j2"
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
    result = _run("verify", "output/" + STEM)
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        f"output/{STEM}/{STEM}.pdf: not part of this draft (not in manifest.json); remove it or draft again",
        f"verify: 1 file(s) differ from output/{STEM}/manifest.json",
    ]
