"""Versioned templates, approval and the lock: `letterkit templates …`, and what `draft` refuses.

Tampering is tested on a copy of the shipped templates (fixture templates_copy),
made the "shipped" folder for the CLI by pointing project_config at it.
"""

from __future__ import annotations

import datetime
import json

import pytest
from typer.testing import CliRunner

from letterkit import drafting, project_config
from letterkit.cli import app
from letterkit.compose.approval import approve, check_store
from letterkit.compose.template_store import TemplateStore
from letterkit.errors import InputError, TemplateError
from letterkit.paths import templates_dir

from conftest import AURORA, CALLISTO, ROOT

runner = CliRunner()
SHIPPED_APPROVAL = "approved by letterkit maintainers (example) on 2026-11-24"
# The wire styles added with wire-rules (issue 10) were approved later.
WIRE_STYLES_APPROVAL = "approved by letterkit maintainers (example) on 2026-12-02"
FILINGS_APPROVAL = "approved by letterkit maintainers (example) on 2026-12-03"
# 8 first shipped; 6 datelines, 10 wire-rules, letter v2 and v3, About v2, Forward-Looking v2, print v2 (issue 10);
# filings/form-8k v1 (issue 13); styles/house v1, print v3, forward-looking v3 (issue 11)
SHIPPED_VERSIONS = 39
FORWARD_LOOKING = "templates/blocks/forward-looking/v1.md.j2"


def _run(*args):
    return runner.invoke(app, list(args))


@pytest.fixture
def shipped(templates_copy, workspace, monkeypatch):
    """The copy stands in for letterkit's own templates; the working folder is its parent."""
    monkeypatch.setattr(project_config, "templates_dir", lambda: templates_copy)
    return templates_copy


def _tamper(path, old="risk", new="Risk"):
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def _add_version(folder, name, number, text):
    """A new draft version: the previous version's text with a new header and `text` appended."""
    previous = sorted((folder / name).glob("v*.md.j2"))[-1].read_text(encoding="utf-8")
    header, rest = previous.split("\n", 1)
    header = header.replace(f"version: {number - 1}", f"version: {number}")
    path = folder / name / f"v{number}.md.j2"
    path.write_text(f"{header}\n{rest}{text}", encoding="utf-8")
    return path


def _manifest_templates(draft):
    (manifest,) = [p for p in draft.written if p.name == "manifest.json"]
    return {entry["slot"]: entry for entry in json.loads(manifest.read_text())["templates"]}


# ---------------------------------------------------------------- the shipped templates (CI runs the check)


def test_templates_check_passes_on_the_shipped_templates(monkeypatch):
    monkeypatch.chdir(ROOT)
    assert check_store(TemplateStore(templates_dir())) == []
    result = _run("templates", "check")
    assert result.exit_code == 0, result.output
    assert result.stdout == f"templates: {SHIPPED_VERSIONS} approved version(s) match templates.lock; 0 draft(s)\n"


def test_every_shipped_version_is_approved_with_a_change_note():
    store = TemplateStore(templates_dir())
    for name in store.names():
        for version in store.versions(name):
            assert version.info.approval() in (SHIPPED_APPROVAL, WIRE_STYLES_APPROVAL, FILINGS_APPROVAL), version.ref
            assert version.info.note.startswith(("First version", "Second version", "Third version")), version.ref
            assert store.lock_entry(version).sha256 == version.sha256


def test_the_lock_covers_the_fonts_of_the_approved_stylesheet():
    store = TemplateStore(templates_dir())
    entry = store.lock_entry(store.get("styles/print", 1))
    assert sorted(entry.assets) == sorted(f"fonts/{p.name}" for p in (templates_dir() / "assets/fonts").glob("*.ttf"))


# ---------------------------------------------------------------- one changed character


def test_one_changed_character_fails_templates_check_naming_the_version(shipped):
    locked = TemplateStore(shipped).get("blocks/forward-looking", 1).sha256
    _tamper(shipped / "blocks/forward-looking/v1.md.j2")
    now = TemplateStore(shipped).get("blocks/forward-looking", 1).sha256
    result = _run("templates", "check")
    assert result.exit_code == 3
    assert result.stderr.splitlines() == [
        f"template error: {FORWARD_LOOKING}: blocks/forward-looking@1 was {SHIPPED_APPROVAL}, but its content "
        f"has changed since (SHA-256 now {now[:12]}…, locked {locked[:12]}…). Approved versions are immutable: "
        "restore the approved file, or put the change in a new draft version"
    ]


def test_one_changed_character_makes_draft_refuse(shipped):
    _tamper(shipped / "blocks/forward-looking/v3.md.j2")  # the version Callisto drafts with: the latest approved
    result = _run("draft", "data/letters/callisto-2007-shareholder-letter.yaml", "-f", "txt")
    assert result.exit_code == 3
    assert result.stderr.startswith(
        "template error: templates/blocks/forward-looking/v3.md.j2: blocks/forward-looking@3 was "
    )
    assert "Traceback" not in result.output
    assert not (shipped.parent / "output").exists()


def test_a_changed_font_of_an_approved_stylesheet_fails_check_and_draft(shipped):
    font = shipped / "assets/fonts/NotoSans-Bold.ttf"
    data = bytearray(font.read_bytes())
    data[-1] ^= 1
    font.write_bytes(bytes(data))
    expected = [
        "template error: templates/assets/fonts/NotoSans-Bold.ttf: the asset fonts/NotoSans-Bold.ttf, used by "
        f"{ref} ({approval}), has changed since it was approved; restore it, or ship the new file "
        "under a new name with a new stylesheet version"
        # every version that locks the font: the house style, and the print stylesheets before it
        for ref, approval in (
            ("styles/house@1", FILINGS_APPROVAL),
            ("styles/print@1", SHIPPED_APPROVAL),
            ("styles/print@2", WIRE_STYLES_APPROVAL),
        )
    ]
    assert _run("templates", "check").stderr.splitlines() == expected
    result = _run("draft", "data/letters/callisto-2007-shareholder-letter.yaml", "-f", "txt")
    assert (result.exit_code, result.stderr.splitlines()) == (3, expected[:1])  # draft names the version it uses


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (
            lambda t: (t / "blocks/about/v1.md.j2").unlink(),
            "templates/templates.lock: blocks/about@1 (approved by letterkit maintainers (example) on 2026-11-24) "
            "is locked, but its file blocks/about/v1.md.j2 is missing",
        ),
        (
            lambda t: _tamper(t / "blocks/about/versions.toml", "letterkit maintainers (example)", "Someone Else"),
            "templates/blocks/about/v1.md.j2: blocks/about@1: versions.toml says approved by Someone Else on "
            "2026-11-24, but templates.lock says approved by letterkit maintainers (example) on 2026-11-24",
        ),
        (
            lambda t: (
                _tamper(t / "blocks/about/versions.toml", 'status = "approved"', 'status = "draft"')
                or _tamper(t / "blocks/about/versions.toml", "approved_by", "#")
                or _tamper(t / "blocks/about/versions.toml", "approved_on", "#")
            ),
            f"templates/blocks/about/v1.md.j2: blocks/about@1 is locked in templates.lock ({SHIPPED_APPROVAL}) "
            "but versions.toml says it is a draft; an approved version never goes back to draft",
        ),
        (
            lambda t: (
                _add_version(t, "blocks/about", 3, "")
                and (t / "blocks/about/versions.toml").write_text(
                    (t / "blocks/about/versions.toml").read_text()
                    + '\n[v3]\nstatus = "approved"\napproved_by = "Me"\napproved_on = 2026-11-25\nnote = "Sneaked in"\n'
                )
            ),
            "templates/blocks/about/v3.md.j2: blocks/about@3 is marked approved in versions.toml but is not in "
            'templates.lock; approve it with: letterkit templates approve blocks/about@3 --by "…"',
        ),
        (
            lambda t: (t / "blocks/about/versions.toml").write_text(
                (t / "blocks/about/versions.toml").read_text() + '\n[v3]\nnote = "planned"\n'
            ),
            "templates/blocks/about/versions.toml: [v3] describes blocks/about@3, which has no file",
        ),
    ],
    ids=["deleted", "approval-edited", "back-to-draft", "approved-by-hand", "no-file"],
)
def test_check_names_every_way_records_and_files_disagree(shipped, change, expected):
    change(shipped)
    result = _run("templates", "check")
    assert (result.exit_code, result.stderr.splitlines()) == (3, [f"template error: {expected}"])


def test_a_malformed_versions_file_is_a_template_error(shipped):
    (shipped / "blocks/about/versions.toml").write_text('[v1]\nstatus = "ok"\n')
    result = _run("templates", "list")
    assert result.exit_code == 3
    assert result.stderr == (
        'template error: templates/blocks/about/versions.toml:2:1: [v1] status: must be "draft" or "approved", not \'ok\'\n'
    )


def test_every_problem_of_a_versions_file_is_reported_at_its_line(shipped):
    (shipped / "blocks/about/versions.toml").write_text(
        '[v1]\nstatus = "approved"\napproved_on = "2026-01-05"\ncolour = 1\n\n[v2]\nnote = 3\n'
        'approved_by = "Counsel"\n\n[version3]\nstatus = "draft"\n'
    )
    result = _run("templates", "list")
    assert result.exit_code == 3
    where = "template error: templates/blocks/about/versions.toml"
    assert result.stderr.splitlines() == [
        f"{where}:4:1: [v1] colour: unknown key; allowed: status, approved_by, approved_on, note",
        f"{where}:1:2: [v1] approved_by: an approved version needs approved_by (who approved it)",
        f"{where}:3:1: [v1] approved_on: an approved version needs approved_on, a date written as YYYY-MM-DD",
        f"{where}:7:1: [v2] note: must be a string",
        f"{where}:8:1: [v2] approved_by: a draft has no approval: remove approved_by/approved_on, or approve it with "
        "letterkit templates approve",
        f"{where}:10:2: [version3]: expected one table per version, named like [v1]",
    ]


# ---------------------------------------------------------------- drafts, approval, pins


def test_a_draft_version_may_change_freely_and_is_not_chosen_without_a_pin(shipped):
    path = _add_version(shipped, "blocks/about", 3, "Draft sentence one.\n")
    path.write_text(path.read_text() + "Draft sentence two.\n")
    assert _run("templates", "check").stdout == (
        f"templates: {SHIPPED_VERSIONS} approved version(s) match templates.lock; 1 draft(s)\n"
    )
    draft = drafting.draft(CALLISTO, formats=["txt"], store=TemplateStore(shipped), out_dir=shipped.parent / "out")
    assert _manifest_templates(draft)["about"]["template"] == "blocks/about@2"
    assert "Draft sentence" not in (shipped.parent / "out" / f"{CALLISTO.stem}.txt").read_text()


def _template_findings(stderr: str) -> list[str]:
    """The template findings among what draft prints (it prints every release check's)."""
    return [line for line in stderr.splitlines() if ": template-" in line]


def test_a_pinned_draft_needs_the_flag_which_the_manifest_records(shipped):
    _add_version(shipped, "blocks/about", 3, "A draft sentence.\n")
    letter = shipped.parent / "data/letters" / AURORA.name
    _tamper(letter, "  about: 2", "  about: 3")
    result = _run("draft", str(letter.relative_to(shipped.parent)), "-f", "txt")
    assert result.exit_code == 3
    assert result.stderr == (
        "template error: data/letters/aurora-2026-letter-to-shareholders.yaml:7:10: templates.about: "
        'blocks/about@3 is a draft, not approved: approve it with letterkit templates approve blocks/about@3 --by "…", '
        "or draft with --allow-draft-templates (the manifest records that)\n"
    )
    result = _run("draft", str(letter.relative_to(shipped.parent)), "-f", "txt", "--allow-draft-templates")
    assert result.exit_code == 0, result.output
    assert _template_findings(result.stderr) == [
        "data/letters/aurora-2026-letter-to-shareholders.yaml:7: warning: template-draft: blocks/about@3 is a draft, "
        "not approved: do not send this release to the wire"
    ]
    manifest = json.loads((shipped.parent / "output" / AURORA.stem / "manifest.json").read_text())
    assert manifest["allow_draft_templates"] is True
    about = next(t for t in manifest["templates"] if t["slot"] == "about")
    assert (about["template"], about["status"], about["approved_by"], about["pinned"]) == (
        "blocks/about@3",
        "draft",
        None,
        True,
    )


def test_approve_then_draft_records_the_new_version_in_the_manifest(shipped):
    _add_version(shipped, "blocks/forward-looking", 4, "Our counsel reviewed this block again.\n")
    result = _run(
        "templates",
        "approve",
        "blocks/forward-looking@4",
        "--by",
        "Jane Roe, General Counsel",
        "--on",
        "2026-12-01",
        "--note",
        "Adds the counsel review sentence.",
    )
    assert result.exit_code == 0, result.output
    path = shipped / "blocks/forward-looking/v4.md.j2"
    sha = TemplateStore(shipped).get("blocks/forward-looking", 4).sha256
    assert result.stdout == (
        "approved blocks/forward-looking@4 (templates/blocks/forward-looking/v4.md.j2), "
        "by Jane Roe, General Counsel on 2026-12-01\n"
        f"locked sha256 {sha}\n"
    )
    lock = json.loads((shipped / "templates.lock").read_text())["templates"]["blocks/forward-looking@4"]
    assert lock == {
        "approved_by": "Jane Roe, General Counsel",
        "approved_on": "2026-12-01",
        "file": "blocks/forward-looking/v4.md.j2",
        "sha256": sha,
    }
    assert (
        (shipped / "blocks/forward-looking/versions.toml")
        .read_text()
        .endswith(
            '\n[v4]\nstatus = "approved"\napproved_by = "Jane Roe, General Counsel"\napproved_on = 2026-12-01\n'
            'note = "Adds the counsel review sentence."\n'
        )
    )
    assert _run("templates", "check").exit_code == 0

    result = _run("draft", "data/letters/callisto-2007-shareholder-letter.yaml", "-f", "txt")
    assert result.exit_code == 0, result.output
    manifest = json.loads((shipped.parent / "output" / CALLISTO.stem / "manifest.json").read_text())
    entry = next(t for t in manifest["templates"] if t["slot"] == "forward_looking")
    assert entry == {
        "slot": "forward_looking",
        "template": "blocks/forward-looking@4",
        "source": "letterkit",
        "file": "blocks/forward-looking/v4.md.j2",
        "sha256": sha,
        "size": path.stat().st_size,
        "status": "approved",
        "approved_by": "Jane Roe, General Counsel",
        "approved_on": "2026-12-01",
        "pinned": False,
    }
    assert (
        "Our counsel reviewed this block again."
        in (shipped.parent / "output" / CALLISTO.stem / f"{CALLISTO.stem}.txt").read_text()
    )

    # Once approved, one changed character is caught like any other approved version.
    _tamper(path, "counsel", "Counsel")
    assert (
        "blocks/forward-looking@4 was approved by Jane Roe, General Counsel on 2026-12-01"
        in _run("templates", "check").stderr
    )


def test_a_pin_behind_the_latest_approved_version_is_a_warning_at_the_pin(shipped):
    _add_version(shipped, "blocks/about", 3, "A newer sentence.\n")
    approve(TemplateStore(shipped), "blocks/about@3", by="Jane Roe", on=datetime.date(2026, 12, 1), note="Newer.")
    result = _run("draft", "data/letters/aurora-2026-letter-to-shareholders.yaml", "-f", "txt")
    assert result.exit_code == 0, result.output
    assert _template_findings(result.stderr) == [
        "data/letters/aurora-2026-letter-to-shareholders.yaml:7: warning: template-pin-not-latest: templates.about "
        "pins blocks/about@2, but the latest approved version is blocks/about@3 (approved by Jane Roe on 2026-12-01: "
        "Newer.)"
    ]


def test_an_approved_version_cannot_be_approved_again(shipped):
    result = _run("templates", "approve", "blocks/about@1", "--by", "Someone")
    assert (result.exit_code, result.stderr) == (
        3,
        f"template error: blocks/about@1 is already {SHIPPED_APPROVAL}; approved versions are immutable: "
        "put a change in a new version\n",
    )


def test_approve_refuses_a_template_that_does_not_parse_and_keeps_the_records(shipped):
    _add_version(shipped, "blocks/about", 3, "{% if %}\n")
    before = (shipped / "templates.lock").read_bytes()
    result = _run("templates", "approve", "blocks/about@3", "--by", "Jane Roe", "--note", "Broken.")
    assert (result.exit_code, result.stderr) == (
        3,
        "template error: templates/blocks/about/v3.md.j2:26: Expected an expression, got 'end of statement block'; "
        "not approved\n",
    )
    assert (shipped / "templates.lock").read_bytes() == before


def test_approve_needs_a_version_and_a_change_note(shipped):
    assert _run("templates", "approve", "blocks/about", "--by", "J").stderr == (
        "template error: say which version to approve: blocks/about@N (versions: 1, 2)\n"
    )
    _add_version(shipped, "blocks/about", 3, "")
    assert _run("templates", "approve", "blocks/about@3", "--by", "J").stderr == (
        "template error: the change note (--note) must not be empty\n"
    )


# ---------------------------------------------------------------- list, show, diff


def test_list_shows_every_version_with_status_and_approval(shipped):
    _add_version(shipped, "blocks/about", 3, "")
    lines = _run("templates", "list").stdout.splitlines()
    assert lines[0].split() == ["TEMPLATE", "(*", "latest", "approved)", "SOURCE", "STATUS", "APPROVED", "NOTE"]
    assert lines[1].split()[:6] == ["blocks/about@1", "letterkit", "approved", "2026-11-24", "letterkit", "maintainers"]
    assert lines[2].split()[:6] == ["blocks/about@2*", "letterkit", "approved", "2026-12-02", "letterkit", "maintainers"]
    assert lines[3].split() == ["blocks/about@3", "letterkit", "draft"]
    assert len(lines) == 1 + SHIPPED_VERSIONS + 1  # the heading, the shipped versions and the new draft


def test_show_prints_the_approval_the_lock_state_and_the_text(shipped):
    result = _run("templates", "show", "blocks/about@1")
    version = TemplateStore(shipped).get("blocks/about", 1)
    assert result.stdout == (
        "template:    blocks/about@1\n"
        "file:        templates/blocks/about/v1.md.j2\n"
        "source:      letterkit\n"
        "status:      approved\n"
        "approved by: letterkit maintainers (example)\n"
        "approved on: 2026-11-24\n"
        f"note:        {version.info.note}\n"
        f"sha256:      {version.sha256}\n"
        "locked:      yes, matches templates.lock\n"
        "\n" + version.text
    )
    _tamper(shipped / "blocks/about/v1.md.j2", "About", "ABOUT")
    assert (
        "\nlocked:      NO: templates/blocks/about/v1.md.j2: blocks/about@1 was approved"
        in _run("templates", "show", "blocks/about@1").stdout
    )


def test_diff_shows_what_changed_between_two_versions(shipped):
    _add_version(shipped, "blocks/about", 3, "A new closing sentence.\n")
    result = _run("templates", "diff", "blocks/about@1", "blocks/about@3")
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert lines[:2] == ["--- blocks/about@1 (approved)", "+++ blocks/about@3 (draft)"]
    assert "-{#- letterkit-template: blocks/about version: 1" in lines
    assert "+{#- letterkit-template: blocks/about version: 3" in lines
    assert lines[-1] == "+A new closing sentence."
    assert _run("templates", "diff", "blocks/about@1", "blocks/about@1").stdout == (
        "blocks/about@1 and blocks/about@1 have the same content\n"
    )


def test_every_templates_command_has_help_with_examples():
    for command in ("list", "show", "diff", "approve", "check"):
        result = _run("templates", command, "--help")
        assert result.exit_code == 0
        assert f"letterkit templates {command}" in result.stdout
    assert "letterkit verify" in _run("verify", "--help").stdout


# ---------------------------------------------------------------- the user's own folder


@pytest.fixture
def house(workspace):
    """A user folder with its own About (one approved version) beside the letters."""
    folder = workspace / "house-templates"
    (folder / "blocks/about").mkdir(parents=True)
    (folder / "blocks/about/v1.md.j2").write_text(
        "{#- letterkit-template: blocks/about version: 1 -#}\n"
        "::: boilerplate-heading\n### About {{ company.names.legal }}\n:::\n\n"
        "::: boilerplate\nOur house About paragraph.\n:::\n",
        encoding="utf-8",
    )
    approve(
        TemplateStore(templates_dir(), user_root=folder),
        "blocks/about@1",
        by="House Counsel",
        on=datetime.date(2026, 11, 20),
        note="House style About.",
    )
    return folder


def test_a_user_folder_replaces_the_names_it_defines_with_its_own_lock(house, workspace):
    assert json.loads((house / "templates.lock").read_text())["templates"].keys() == {"blocks/about@1"}
    result = _run("templates", "list", "--templates", "house-templates")
    about = [line.split()[:3] for line in result.stdout.splitlines() if line.startswith("blocks/about@")]
    assert about == [["blocks/about@1*", "user", "approved"]]
    result = _run(
        "draft", "data/letters/callisto-2007-shareholder-letter.yaml", "-f", "txt", "--templates", "house-templates"
    )
    assert result.exit_code == 0, result.output
    folder = workspace / "output" / CALLISTO.stem
    assert "Our house About paragraph." in (folder / f"{CALLISTO.stem}.txt").read_text()
    about = next(t for t in json.loads((folder / "manifest.json").read_text())["templates"] if t["slot"] == "about")
    assert (about["source"], about["approved_by"]) == ("user", "House Counsel")
    # verify finds the user's template again only when told where it is.
    assert _run("verify", str(folder), "--templates", "house-templates").exit_code == 0
    result = _run("verify", str(folder))
    assert result.exit_code == 1
    assert "template blocks/about@1: not found in your template folder (--templates or letterkit.toml)" in result.stderr


def test_letterkit_toml_names_the_user_folder_from_any_folder_below_it(house, workspace, monkeypatch):
    (workspace / "letterkit.toml").write_text('[templates]\nfolder = "house-templates"\n')
    monkeypatch.chdir(workspace / "data")
    result = _run("templates", "check")
    assert result.stdout.splitlines() == [
        f"{templates_dir()}: {SHIPPED_VERSIONS} approved version(s) match templates.lock; 0 draft(s)",
        f"{house}: 1 approved version(s) match templates.lock; 0 draft(s)",
    ]
    _tamper(house / "blocks/about/v1.md.j2", "house", "House")
    result = _run("draft", "letters/callisto-2007-shareholder-letter.yaml", "-f", "txt")
    assert result.exit_code == 3
    assert result.stderr.startswith(
        f"template error: {house}/blocks/about/v1.md.j2: blocks/about@1 was approved by House Counsel"
    )


def test_bad_user_folder_settings_are_input_errors(workspace):
    result = _run("templates", "list", "--templates", "nowhere")
    assert result.exit_code == 2
    assert result.stderr.splitlines()[0] == "--templates: template folder nowhere does not exist"
    (workspace / "letterkit.toml").write_text('[templates]\nfolders = "x"\n')
    result = _run("templates", "list")
    assert result.exit_code == 2
    assert result.stderr.splitlines()[0] == (
        "letterkit.toml:2:1: templates.folders: unknown setting; letterkit.toml knows [companies] folder, [output] folder and [templates] folder"
    )


def test_a_template_may_include_only_the_versions_selected_for_the_letter(workspace):
    folder = workspace / "house"
    (folder / "blocks/about").mkdir(parents=True)
    (folder / "blocks/about/v1.md.j2").write_text(
        "{#- letterkit-template: blocks/about version: 1 -#}\n{% include 'datelines/businesswire@1' %}\n"
    )
    store = TemplateStore(templates_dir(), user_root=folder)
    with pytest.raises(TemplateError) as caught:
        drafting.draft(CALLISTO, formats=["txt"], store=store, allow_draft_templates=True, out_dir=workspace / "o")
    assert str(caught.value).startswith(
        "house/blocks/about/v1.md.j2:2: blocks/about@1: datelines/businesswire@1 is not one of the templates "
        "selected for this letter"
    )


def test_no_approved_version_and_no_flag_is_a_template_error(workspace):
    folder = workspace / "house"
    (folder / "blocks/about").mkdir(parents=True)
    (folder / "blocks/about/v1.md.j2").write_text("{#- letterkit-template: blocks/about version: 1 -#}\n")
    with pytest.raises(TemplateError) as caught:
        drafting.draft(CALLISTO, formats=["txt"], store=TemplateStore(templates_dir(), user_root=folder))
    assert str(caught.value) == (
        "blocks/about has no approved version (versions: 1); approve one with: letterkit templates approve "
        'blocks/about@N --templates house --by "…"'
    )


def test_validate_accepts_the_templates_flag(house):
    result = _run("validate", "data/letters/callisto-2007-shareholder-letter.yaml", "--templates", "house-templates")
    assert result.exit_code == 0, result.output


def test_a_broken_letterkit_toml_is_an_input_error(workspace):
    (workspace / "letterkit.toml").write_text("[templates\n")
    with pytest.raises(InputError) as caught:
        project_config.open_store()
    assert str(caught.value.problems[0]).startswith("letterkit.toml:1:1: not valid TOML: ")


def test_every_unknown_setting_of_letterkit_toml_is_reported_at_its_line(workspace):
    (workspace / "letterkit.toml").write_text('# settings\n[templates]\nfolder = "x"\n  colour = 1\n\n[output]\ndir = "o"\n[paths]\n')
    result = _run("templates", "list")
    assert result.exit_code == 2
    assert result.stderr.splitlines() == [
        "letterkit.toml:4:3: templates.colour: unknown setting; letterkit.toml knows [companies] folder, [output] folder and [templates] folder",
        "letterkit.toml:7:1: output.dir: unknown setting; letterkit.toml knows [companies] folder, [output] folder and [templates] folder",
        "letterkit.toml:8:2: paths: unknown setting; letterkit.toml knows [companies] folder, [output] folder and [templates] folder",
        "3 problems found; nothing was written.",
    ]
