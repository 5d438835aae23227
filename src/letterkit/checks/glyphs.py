"""Glyph coverage: every character of the release must be printable in the PDF.

The PDF's fonts are the shipped files its stylesheet names. A character none
of them has is taken by WeasyPrint from whatever font the machine has
installed (so the PDF differs between machines) or, failing that, printed as
an empty box. Both are reported: the first as a warning, the second as an
error, each at the first input field that contains the character.
"""

from __future__ import annotations

import io
import shutil
import subprocess
import unicodedata
from functools import cache

from letterkit.checks.font_cmap import covered_codepoints
from letterkit.checks.release_text import ReleaseText
from letterkit.compose.approval import read_asset
from letterkit.compose.composer import Composition
from letterkit.compose.template_store import TemplateVersion
from letterkit.document import inline_text, text_runs
from letterkit.findings import Finding, describe_character, finding_at
from letterkit.inputs.fields import field_containing
from letterkit.inputs.load import Inputs
from letterkit.inputs.yaml_source import format_path
from letterkit.paths import assets_dir


def check_glyph_coverage(release: ReleaseText) -> list[Finding]:
    inputs, composition = release.inputs, release.composition
    fonts = tuple((version, asset) for version, asset in composition.style_assets() if _is_font(asset))
    covered = _covered_codepoints(fonts)
    missing = sorted({char for char in _document_text(composition) if ord(char) not in covered and _printable(char)})
    return [_finding(inputs, char) for char in missing]


def _document_text(composition: Composition) -> str:
    parts = []
    for block in composition.document.blocks:
        parts += [inline_text(run, " ") for run in text_runs(block)]
    return "".join(parts)


def _printable(char: str) -> bool:
    # Spaces and format characters (soft hyphen, zero-width joiner, …) need no glyph.
    return unicodedata.category(char) not in ("Zs", "Cf", "Cc")


def _is_font(asset: str) -> bool:
    return asset.lower().endswith((".ttf", ".otf"))


@cache
def _covered_codepoints(fonts: tuple[tuple[TemplateVersion, str], ...]) -> frozenset[int]:
    """Characters the fonts draw (a character mapped to .notdef draws a box, so it does not count)."""
    covered: set[int] = set()
    for version, url in fonts:  # read as every asset is: a regular file inside the assets folder
        data = read_asset(version, url, assets_dir())
        read_here = covered_codepoints(data)
        covered.update(read_here if read_here is not None else _covered_by_fonttools(data))
    return frozenset(covered)


def _covered_by_fonttools(data: bytes) -> set[int]:
    """What font_cmap does not read itself (collections, rarer cmap formats)."""
    from fontTools.ttLib import TTFont  # ~30 ms to import: only for such fonts

    with TTFont(io.BytesIO(data), lazy=True, fontNumber=0) as font:
        return {code for code, glyph in (font.getBestCmap() or {}).items() if glyph != ".notdef"}


def _finding(inputs: Inputs, char: str) -> Finding:
    label = describe_character(char)
    field = field_containing(inputs, char)
    where = f" in {format_path(field.path)}" if field else " (from a template)"
    fallback = installed_font_with(char)
    if fallback:
        severity, rule = "warning", "glyph-fallback"
        message = (
            f"{label}{where} is not in the shipped fonts; the PDF borrows it from the installed font "
            f"{fallback!r}, so the PDF will look different on a machine without that font"
        )
    else:
        severity, rule = "error", "glyph-missing"
        message = (
            f"{label}{where} is in no shipped or installed font; the PDF would print an empty box. "
            "Remove it, or install a font that has it (e.g. Debian's fonts-noto-cjk for Chinese/Japanese/Korean)"
        )
    if field is None:
        return Finding(inputs.letter_source.display_name, 1, severity, rule, message)
    return finding_at(field.source, field.path, severity, rule, message)


@cache
def installed_font_with(char: str) -> str | None:
    """The family of an installed (fontconfig) font that has `char`, if any."""
    fc_list = shutil.which("fc-list")
    if fc_list is None:
        return None
    result = subprocess.run(
        [fc_list, f":charset={ord(char):x}", "family"], capture_output=True, text=True, timeout=30, check=False
    )
    families = sorted(line.split(",")[0].strip() for line in result.stdout.splitlines() if line.strip())
    return families[0] if families else None
