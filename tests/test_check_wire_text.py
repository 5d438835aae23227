"""Wire text: contacts and ### where the wire expects them; characters the wire carries; --ascii."""

from typer.testing import CliRunner

from letterkit.cli import app
from letterkit.writers.ascii_text import to_ascii

from checking import AURORA, CALLISTO, edit, findings, house_templates, new_version, shipped


def _without_contacts_and_marker():
    text = AURORA.read_text(encoding="utf-8")
    AURORA.write_text(text[: text.index("contacts:\n")] + "end_marker: false\n", encoding="utf-8")


def test_a_wire_that_expects_contacts_and_the_end_marker_warns_without_them(workspace):
    assert findings(AURORA, "wire") == []
    _without_contacts_and_marker()
    assert findings(AURORA, "wire") == [
        f"{AURORA}:11: warning: wire-contacts: Business Wire expects a media/investor contact block: add contacts",
        f"{AURORA}:11: warning: wire-end-marker: Business Wire releases end with ###: set end_marker: true",
    ]


def test_the_2007_pr_newswire_style_expects_neither(workspace):
    assert findings(CALLISTO, "wire") == []  # the real 2007 release had no contact block and no ###


def test_characters_outside_the_wires_character_set_are_errors_at_their_field(workspace):
    edit(AURORA, "      and we look forward to reporting our progress.\n",
         "      and we look forward to reporting our progress → Ωmega.\n")
    assert findings(AURORA, "wire") == [
        f"{AURORA}:56: error: wire-charset: 'Ω' (U+03A9 GREEK CAPITAL LETTER OMEGA) is outside Business Wire's "
        "windows-1252 text; the wire may print it garbled; in letter.closing[0]",
        f"{AURORA}:56: error: wire-charset: '→' (U+2192 RIGHTWARDS ARROW) is outside Business Wire's "
        "windows-1252 text; the wire may print it garbled; in letter.closing[0]",
    ]


def test_with_ascii_typography_is_converted_and_only_letters_are_reported(workspace):
    # Callisto's “ ” ’ — all have ASCII forms; Aurora's "Tomás" has none.
    assert findings(CALLISTO, "wire", ascii=True) == []
    assert findings(AURORA, "wire", ascii=True) == [
        f"{AURORA}:77: error: wire-charset: 'á' (U+00E1 LATIN SMALL LETTER A WITH ACUTE) is outside the ASCII "
        "text (--ascii); the wire may print it garbled; in contacts[1].name"
    ]


def test_a_wire_style_without_rules_is_reported_not_guessed(workspace):
    dateline = new_version("datelines/prnewswire", 1, shipped("datelines/prnewswire"))
    dateline = dateline.replace("datelines/prnewswire version", "datelines/marketwire version")
    store = house_templates(workspace, {"datelines/marketwire/v1.md.j2": dateline})
    edit(CALLISTO, "  wire: prnewswire-2007 ", "  wire: marketwire ")
    assert findings(CALLISTO, "wire", store=store) == [
        f"{CALLISTO}:8: info: wire-unknown: no house rules for the wire style 'marketwire' "
        "(no template wire-rules/marketwire): wire text not checked"
    ]


def test_ascii_forms():
    assert to_ascii("NEW YORK, Jan. 4 /PRNewswire-FirstCall/ — “expect,” Atiprimod’s 2027–2028… • Acme™") == (
        "NEW YORK, Jan. 4 /PRNewswire-FirstCall/ -- \"expect,\" Atiprimod's 2027-2028... * Acme(TM)"
    )


def test_draft_ascii_writes_plain_ascii_text(workspace):
    result = CliRunner().invoke(app, ["draft", str(CALLISTO), "--ascii", "-f", "txt"])
    assert result.exit_code == 0, result.output
    text = (workspace / "output" / CALLISTO.stem / f"{CALLISTO.stem}.txt").read_bytes()
    assert text.isascii()
    assert text.startswith(b"NEW YORK, Jan. 4 /PRNewswire-FirstCall/ -- Callisto Pharmaceuticals, Inc. (AMEX: KAL)")
    assert b'words such as "expect," "should," "anticipate" and similar' in text
