"""Characters the PDF cannot print from the shipped fonts are reported, never dropped."""

import pytest
from typer.testing import CliRunner

from letterkit import drafting
from letterkit.checks import glyphs
from letterkit.cli import app


def _closing(workspace, text):
    letter = workspace / "data" / "letters" / "aurora-2026-letter-to-shareholders.yaml"
    source = letter.read_text(encoding="utf-8")
    old = "      and we look forward to reporting our progress.\n"
    assert old in source
    letter.write_text(source.replace(old, f"      and we look forward to reporting our progress. {text}\n"), encoding="utf-8")
    return letter


def _findings(letter):
    findings = drafting.draft(letter, out_dir=letter.parent / "out", formats=["txt"]).findings
    return [str(f) for f in findings if f.rule.startswith("glyph-")]


def test_latin_greek_cyrillic_hebrew_and_typography_are_covered(workspace):
    letter = _closing(workspace, "Ελλάδα, Україна, Ñandú, Zürich, שלום, “quotes” — en–dash… €£¥ №")
    assert _findings(letter) == []


def test_a_character_no_font_has_is_an_error_at_its_field(workspace, monkeypatch):
    monkeypatch.setattr(glyphs, "installed_font_with", lambda char: None)
    letter = _closing(workspace, "東京")
    assert _findings(letter) == [
        f"data/letters/{letter.name}:56: error: glyph-missing: '京' (U+4EAC CJK UNIFIED IDEOGRAPH-4EAC) in "
        "letter.closing[0] is in no shipped or installed font; the PDF would print an empty box. Remove it, or "
        "install a font that has it (e.g. Debian's fonts-noto-cjk for Chinese/Japanese/Korean)",
        f"data/letters/{letter.name}:56: error: glyph-missing: '東' (U+6771 CJK UNIFIED IDEOGRAPH-6771) in "
        "letter.closing[0] is in no shipped or installed font; the PDF would print an empty box. Remove it, or "
        "install a font that has it (e.g. Debian's fonts-noto-cjk for Chinese/Japanese/Korean)",
    ]


def test_a_character_only_an_installed_font_has_is_a_warning(workspace, monkeypatch):
    monkeypatch.setattr(glyphs, "installed_font_with", lambda char: "Some Installed Font")
    letter = _closing(workspace, "☃")
    (finding,) = _findings(letter)
    assert finding.startswith(f"data/letters/{letter.name}:56: warning: glyph-fallback: '☃' (U+2603 SNOWMAN)")
    assert "borrows it from the installed font 'Some Installed Font'" in finding


def test_draft_still_writes_but_exits_4_on_a_missing_glyph(workspace, monkeypatch):
    monkeypatch.setattr(glyphs, "installed_font_with", lambda char: None)
    _closing(workspace, "東")
    result = CliRunner().invoke(app, ["draft", "data/letters/aurora-2026-letter-to-shareholders.yaml", "-f", "txt,pdf"])
    assert result.exit_code == 4
    # The PDF lacks a glyph, and the wire's character set lacks the character.
    assert [line.split(": ")[2] for line in result.stderr.splitlines() if ": error: " in line] == [
        "glyph-missing", "wire-charset"
    ]
    assert result.stderr.splitlines()[-1] == (
        "2 release check error(s): fix them before sending this to the wire."
    )
    text = (workspace / "output" / "aurora-2026-letter-to-shareholders" / "aurora-2026-letter-to-shareholders.txt")
    assert "東" in text.read_text(encoding="utf-8")  # the character survives; only the PDF lacks a glyph


@pytest.mark.parametrize("char", ["\u00ad", "\u200d", "\u00a0"])
def test_invisible_format_characters_need_no_glyph(workspace, char):
    assert _findings(_closing(workspace, f"a{char}b")) == []
