"""Wire styles: each dateline as the wire prints it, house rules as versioned templates, a user's own wire style.

A wire style is `datelines/<wire>` plus `wire-rules/<wire>`: the rules are approved, locked, recorded in the
manifest, verified and pinned like any template, and a broken rules file is a template error at its line.
"""

from __future__ import annotations

import datetime
import json

import pytest
from typer.testing import CliRunner

from letterkit import drafting, project_config
from letterkit.cli import app
from letterkit.compose.approval import approve
from letterkit.compose.template_store import TemplateStore
from letterkit.errors import TemplateError
from letterkit.paths import templates_dir
from letterkit.wires import read_wire_rules

from checking import AURORA, CALLISTO, edit, findings, house_templates, new_version, shipped

runner = CliRunner()
AURORA_WIRE = "  wire: businesswire       # REDMOND, Wash.--(BUSINESS WIRE)--\n"
AURORA_LEAD = "Aurora Grid Systems, Inc. (NYSE American: AGSX); (TSX: AGS), a maker of long-duration battery storage"
RULES_V1 = "templates/wire-rules/businesswire/v1.toml"


def _run(*args):
    return runner.invoke(app, list(args))


def _release_on(wire: str, *, city: str | None = None, state: str | None = None, date: str | None = None) -> None:
    """The Aurora example sent on `wire`, from another place or on another day."""
    place = (f"  city: {city}\n" if city else "") + (f"  state: {state}\n" if state else "")
    edit(AURORA, AURORA_WIRE, f"  wire: {wire}\n{place}")
    if date:
        edit(AURORA, "  date: 2026-11-24\n", f"  date: {date}\n")


def _lead(workspace) -> str:
    drafting.draft(AURORA, formats=["txt"])
    text = (workspace / "output" / AURORA.stem / f"{AURORA.stem}.txt").read_text(encoding="utf-8")
    return next(line for line in text.splitlines() if AURORA_LEAD in line)


# ---------------------------------------------------------------- datelines as the wires print them


@pytest.mark.parametrize(
    ("wire", "place", "dateline"),
    [
        ("newmediawire", ("New York", "NY", None), "NEW YORK, NY - November 24, 2026 (NEWMEDIAWIRE) - "),
        (
            "newmediawire-2024",
            ("Chatsworth", "Calif.", None),
            "CHATSWORTH, Calif. - (NewMediaWire) - November 24, 2026 - ",
        ),
        ("newsdirect", ("New York", "NY", None), ""),
        ("accesswire", ("Raleigh", "NC", "2026-12-07"), "RALEIGH, NC / ACCESSWIRE / December 7, 2026 / "),
        ("accessnewswire", ("Vancouver", "BC", None), "VANCOUVER, BC / ACCESS Newswire / November 24, 2026 / "),
        (
            "newsfile",
            ("Vancouver", "British Columbia", "2026-12-07"),
            "Vancouver, British Columbia--(Newsfile Corp. - December 7, 2026) - ",
        ),
    ],
)
def test_each_new_wire_style_prints_the_dateline_its_wire_prints(workspace, wire, place, dateline):
    city, state, date = place
    _release_on(wire, city=city, state=state, date=date)
    assert _lead(workspace).startswith(dateline + AURORA_LEAD)


def test_the_state_is_printed_as_the_profile_gives_it(workspace):
    _release_on("accesswire")  # the profile's headquarters: Redmond, Wash.
    assert _lead(workspace).startswith(f"REDMOND, Wash. / ACCESSWIRE / November 24, 2026 / {AURORA_LEAD}")


# ---------------------------------------------------------------- what the wires' house rules say

NEW_WIRES = ["newmediawire", "newmediawire-2024", "newsdirect", "accesswire", "accessnewswire", "newsfile"]


def test_every_shipped_dateline_has_house_rules_matching_what_its_wire_prints():
    store = TemplateStore(templates_dir())
    rules = {
        wire: read_wire_rules(store.latest_approved(f"wire-rules/{wire}")).model_dump() for wire in store.wires()
    }
    modern = {"charset": "windows-1252", "contacts": "expected", "end_marker": "expected", "months": "ap"}
    printed = {"charset": "windows-1252", "contacts": "expected", "end_marker": "optional", "months": "spelled-out"}
    assert rules == {
        # as resources/wires.yaml had them before the rules became templates
        "prnewswire-2007": {
            "name": "PR Newswire (2007 style)",
            "charset": "windows-1252",
            "contacts": "optional",
            "end_marker": "optional",
            "months": "ap",
        },
        "prnewswire": {"name": "PR Newswire", **modern},
        "businesswire": {"name": "Business Wire", **modern},
        "globenewswire": {"name": "GlobeNewswire", **modern},
        # as the real releases on these wires print: a contact block, no ###, months spelled out
        "newmediawire": {"name": "NewMediaWire", **printed},
        "newmediawire-2024": {"name": "NewMediaWire", **printed},
        "newsdirect": {"name": "News Direct", **printed},
        "accesswire": {"name": "ACCESSWIRE", **printed},
        "accessnewswire": {"name": "ACCESS Newswire", **printed},
        "newsfile": {"name": "Newsfile", **printed},
    }


@pytest.mark.parametrize("wire", NEW_WIRES)
def test_a_release_ending_without_hash_marks_is_no_warning_on_the_wires_that_print_none(workspace, wire):
    edit(AURORA, "end_marker: true\n", "end_marker: false\n")
    assert findings(AURORA, "wire") == [
        f"{AURORA}:11: warning: wire-end-marker: Business Wire releases end with ###: set end_marker: true"
    ]
    _release_on(wire)
    assert findings(AURORA, "wire", "ap-month") == []


def test_spelled_out_months_in_the_news_text_are_held_to_ap_style_only_where_the_wire_abbreviates(workspace):
    headline = "  headline: Aurora Grid Systems Issues Letter to Shareholders\n"
    edit(AURORA, headline, headline.replace("Shareholders", "Shareholders on November 24"))
    assert findings(AURORA, "ap-month") == [
        f"{AURORA}:13: warning: ap-month: “November” before a day: AP style writes “Nov.” in the news text "
        "in release.headline"
    ]
    _release_on("newmediawire")
    assert findings(AURORA, "ap-month") == []


def test_a_wire_expecting_contacts_still_asks_for_them(workspace):
    text = AURORA.read_text(encoding="utf-8")
    AURORA.write_text(text[: text.index("contacts:\n")] + "end_marker: false\n", encoding="utf-8")
    _release_on("newsdirect")
    assert findings(AURORA, "wire") == [
        f"{AURORA}:11: warning: wire-contacts: News Direct expects a media/investor contact block: add contacts"
    ]


# ---------------------------------------------------------------- rules are templates: lock, manifest, verify, pin


@pytest.fixture
def shipped_copy(templates_copy, workspace, monkeypatch):
    """A copy of the shipped templates stands in for letterkit's own (as in test_templates)."""
    monkeypatch.setattr(project_config, "templates_dir", lambda: templates_copy)
    return templates_copy


def _rules_v2(folder, old: str, new: str):
    """A draft v2 of Business Wire's rules: v1 with one line changed."""
    text = (folder / "wire-rules/businesswire/v1.toml").read_text(encoding="utf-8")
    text = new_version("wire-rules/businesswire", 2, text)
    assert old in text
    path = folder / "wire-rules/businesswire/v2.toml"
    path.write_text(text.replace(old, new), encoding="utf-8")
    return path


def test_a_changed_rules_file_stops_draft_and_check_like_any_approved_template(shipped_copy):
    path = shipped_copy / "wire-rules/businesswire/v1.toml"
    locked = TemplateStore(shipped_copy).get("wire-rules/businesswire", 1).sha256
    path.write_text(path.read_text(encoding="utf-8").replace('contacts = "expected"', 'contacts = "optional"'))
    now = TemplateStore(shipped_copy).get("wire-rules/businesswire", 1).sha256
    expected = (
        f"template error: {RULES_V1}: wire-rules/businesswire@1 was approved by letterkit maintainers (example) "
        f"on 2026-12-02, but its content has changed since (SHA-256 now {now[:12]}…, locked {locked[:12]}…). "
        "Approved versions are immutable: restore the approved file, or put the change in a new draft version"
    )
    assert _run("templates", "check").stderr.splitlines() == [expected]
    result = _run("draft", str(AURORA), "-f", "txt")
    assert (result.exit_code, result.stderr.splitlines()) == (3, [expected])
    assert not (shipped_copy.parent / "output").exists()


def test_the_manifest_records_the_rules_and_verify_catches_a_change(shipped_copy):
    result = _run("draft", str(AURORA), "-f", "txt")
    assert result.exit_code == 0, result.output
    folder = shipped_copy.parent / "output" / AURORA.stem
    manifest = json.loads((folder / "manifest.json").read_text())
    entry = next(t for t in manifest["templates"] if t["slot"] == "wire_rules")
    version = TemplateStore(shipped_copy).get("wire-rules/businesswire", 1)
    assert entry == {
        "slot": "wire_rules",
        "template": "wire-rules/businesswire@1",
        "source": "letterkit",
        "file": "wire-rules/businesswire/v1.toml",
        "sha256": version.sha256,
        "size": version.path.stat().st_size,
        "status": "approved",
        "approved_by": "letterkit maintainers (example)",
        "approved_on": "2026-12-02",
        "pinned": False,
    }
    assert _run("verify", f"output/{AURORA.stem}").stdout == (
        f"output/{AURORA.stem}: 2 outputs, 7 templates, 8 assets match manifest.json\n"
    )
    version.path.write_text(version.text.replace("windows-1252", "unicode"), encoding="utf-8")
    result = _run("verify", f"output/{AURORA.stem}")
    assert result.exit_code == 1
    assert result.stderr.splitlines()[0].startswith(
        f"{RULES_V1}: template wire-rules/businesswire@1 differs from the manifest (SHA-256 now "
    )


def test_rules_versions_are_chosen_and_pinned_like_other_templates(shipped_copy):
    _rules_v2(shipped_copy, 'contacts = "expected"', 'contacts = "optional"')
    store = TemplateStore(shipped_copy)
    approve(store, "wire-rules/businesswire@2", by="Jane Roe", on=datetime.date(2026, 12, 3), note="No contacts.")
    text = AURORA.read_text(encoding="utf-8")
    AURORA.write_text(text[: text.index("contacts:\n")] + "end_marker: true\n", encoding="utf-8")
    assert findings(AURORA, "wire", "template") == []  # v2, the latest approved: contacts optional

    edit(AURORA, "  forward_looking: 3\n", "  forward_looking: 3\n  wire_rules: 1\n")
    assert findings(AURORA, "wire", "template") == [
        f"{AURORA}:9: warning: template-pin-not-latest: templates.wire_rules pins wire-rules/businesswire@1, but the "
        "latest approved version is wire-rules/businesswire@2 (approved by Jane Roe on 2026-12-03: No contacts.)",
        f"{AURORA}:12: warning: wire-contacts: Business Wire expects a media/investor contact block: add contacts",
    ]
    result = _run("draft", str(AURORA), "-f", "txt")
    manifest = json.loads((shipped_copy.parent / "output" / AURORA.stem / "manifest.json").read_text())
    entry = next(t for t in manifest["templates"] if t["slot"] == "wire_rules")
    assert (result.exit_code, entry["template"], entry["pinned"]) == (0, "wire-rules/businesswire@1", True)

    edit(AURORA, "  wire_rules: 1\n", "  wire_rules: 3\n")
    result = _run("draft", str(AURORA), "-f", "txt")
    assert (result.exit_code, result.stderr) == (
        3,
        "template error: template 'wire-rules/businesswire' has no version 3 (versions: 1, 2)\n",
    )


def test_a_pin_of_rules_a_wire_style_does_not_have_is_a_template_error_at_the_pin(workspace):
    dateline = new_version("datelines/prnewswire", 1, shipped("datelines/prnewswire"))
    dateline = dateline.replace("datelines/prnewswire version", "datelines/marketwire version")
    store = house_templates(workspace, {"datelines/marketwire/v1.md.j2": dateline})
    edit(AURORA, AURORA_WIRE, "  wire: marketwire\n")
    edit(AURORA, "  forward_looking: 3\n", "  forward_looking: 3\n  wire_rules: 1\n")
    with pytest.raises(TemplateError) as caught:
        drafting.compose_letter(AURORA, store=store)
    assert str(caught.value) == (
        f"{AURORA}:9:15: templates.wire_rules: pins wire-rules/marketwire@1, but there is no template "
        "wire-rules/marketwire"
    )


# ---------------------------------------------------------------- a broken rules file


@pytest.mark.parametrize(
    ("old", "new", "problems"),
    [
        (
            'charset = "windows-1252"',
            'charset = "latin-1"',
            ["{line}:11: charset: must be one of 'ascii', 'windows-1252' or 'unicode', got 'latin-1'"],
        ),
        (
            'end_marker = "expected"',
            'end_markers = "expected"',
            [
                "1:1: end_marker: field required",
                "{line}:1: end_markers: unknown key 'end_markers' (did you mean 'end_marker'?)",
            ],
        ),
        (
            'contacts = "expected"',
            "contacts = expected",
            [" not valid TOML: Invalid value (at line {line}, column 12)"],
        ),
    ],
)
def test_approve_refuses_broken_rules_naming_the_file_and_line(shipped_copy, old, new, problems):
    path = _rules_v2(shipped_copy, old, new)
    line = path.read_text(encoding="utf-8").split("\n").index(new) + 1
    before = (shipped_copy / "templates.lock").read_bytes()
    result = _run("templates", "approve", "wire-rules/businesswire@2", "--by", "Jane Roe", "--note", "Broken.")
    assert result.exit_code == 3
    where = "template error: templates/wire-rules/businesswire/v2.toml:"
    assert result.stderr.splitlines() == [f"{where}{p.format(line=line)}; not approved" for p in problems]
    assert (shipped_copy / "templates.lock").read_bytes() == before


def test_a_broken_draft_of_rules_stops_draft_naming_the_file(shipped_copy):
    path = _rules_v2(shipped_copy, 'charset = "windows-1252"', 'charset = "latin-1"')
    line = path.read_text(encoding="utf-8").split("\n").index('charset = "latin-1"') + 1
    edit(AURORA, "  forward_looking: 3\n", "  forward_looking: 3\n  wire_rules: 2\n")
    result = _run("draft", str(AURORA), "-f", "txt", "--allow-draft-templates")
    assert (result.exit_code, result.stderr) == (
        3,
        f"template error: templates/wire-rules/businesswire/v2.toml:{line}:11: charset: must be one of 'ascii', "
        "'windows-1252' or 'unicode', got 'latin-1'\n",
    )
    assert "Traceback" not in result.output
    assert not (shipped_copy.parent / "output").exists()


# ---------------------------------------------------------------- a user's own wire style

HOUSE_DATELINE = """{#- letterkit-template: datelines/acme-wire version: 1
    Our wire: CITY (ACME WIRE) Jan. 4, 2007 --
-#}
{{ dateline_city | upper }} (ACME WIRE) {{ release.date | ap_date }} --{{ " " }}
{#- -#}
"""
HOUSE_RULES = """# letterkit-template: wire-rules/acme-wire version: 1
# Acme Wire carries plain ASCII only, and wants contacts and ###.
name = "Acme Wire"
charset = "ascii"
contacts = "expected"
end_marker = "expected"
months = "ap"
"""


def test_a_users_own_wire_style_drafts_and_check_applies_its_rules(workspace):
    house_templates(
        workspace, {"datelines/acme-wire/v1.md.j2": HOUSE_DATELINE, "wire-rules/acme-wire/v1.toml": HOUSE_RULES}
    )
    (workspace / "letterkit.toml").write_text('[templates]\nfolder = "house-templates"\n', encoding="utf-8")
    edit(CALLISTO, "  wire: prnewswire-2007 ", "  wire: acme-wire ")
    result = _run("draft", str(CALLISTO), "-f", "txt")
    assert result.exit_code == 4, result.output  # drafted, with release check errors: the wire's character set
    text = (workspace / "output" / CALLISTO.stem / f"{CALLISTO.stem}.txt").read_text(encoding="utf-8")
    assert text.startswith("NEW YORK (ACME WIRE) Jan. 4, 2007 -- Callisto Pharmaceuticals, Inc. (AMEX: KAL)")
    outside = "is outside Acme Wire's ascii text; the wire may print it garbled"
    assert [line for line in result.stderr.splitlines() if ": wire-" in line] == [
        f"{CALLISTO}:8: error: wire-charset: '“' (U+201C LEFT DOUBLE QUOTATION MARK) {outside} (from a template)",
        f"{CALLISTO}:8: error: wire-charset: '”' (U+201D RIGHT DOUBLE QUOTATION MARK) {outside} (from a template)",
        f"{CALLISTO}:8: warning: wire-contacts: Acme Wire expects a media/investor contact block: add contacts",
        f"{CALLISTO}:8: warning: wire-end-marker: Acme Wire releases end with ###: set end_marker: true",
        f"{CALLISTO}:12: error: wire-charset: '’' (U+2019 RIGHT SINGLE QUOTATION MARK) {outside}; in release.summary",
    ]
    manifest = json.loads((workspace / "output" / CALLISTO.stem / "manifest.json").read_text())
    sources = {t["slot"]: (t["template"], t["source"]) for t in manifest["templates"]}
    assert sources["dateline"] == ("datelines/acme-wire@1", "user")
    assert sources["wire_rules"] == ("wire-rules/acme-wire@1", "user")
    assert _run("verify", f"output/{CALLISTO.stem}").exit_code == 0
