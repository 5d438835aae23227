"""Wire text: what the chosen wire expects of the text it is sent (its wire-rules/<wire> template).

- wire-contacts, wire-end-marker (warning): a contact block or the closing ###
  the wire style expects is missing;
- wire-charset (error): a character of the wire text outside the wire's
  character set, at the first input field that contains it. With `--ascii`
  the text is checked as `draft --ascii` writes it, against plain ASCII.
- wire-unknown (info): a wire style with no house rules template.
"""

from __future__ import annotations

from letterkit.checks.release_text import ReleaseText
from letterkit.findings import Finding, describe_character, finding_at
from letterkit.inputs.fields import field_containing
from letterkit.inputs.load import Inputs
from letterkit.inputs.yaml_source import format_path
from letterkit.template_names import WIRE_RULES_GROUP
from letterkit.wires import in_charset, rules_of
from letterkit.writers.ascii_text import to_ascii
from letterkit.writers.text_writer import render_text


def check_wire_text(release: ReleaseText, *, ascii: bool = False) -> list[Finding]:
    inputs, composition = release.inputs, release.composition
    letter, source = inputs.letter, inputs.letter_source
    rules = rules_of(composition.templates)
    if rules is None:
        wire = letter.release.wire
        missing = f"{WIRE_RULES_GROUP}/{wire}"
        message = f"no house rules for the wire style {wire!r} (no template {missing}): wire text not checked"
        return [finding_at(source, ("release", "wire"), "info", "wire-unknown", message)]
    findings = []
    if rules.contacts == "expected" and not letter.contacts:
        message = f"{rules.name} expects a media/investor contact block: add contacts"
        findings.append(finding_at(source, ("release", "wire"), "warning", "wire-contacts", message))
    if rules.end_marker == "expected" and not letter.end_marker:
        message = f"{rules.name} releases end with ###: set end_marker: true"
        findings.append(finding_at(source, ("release", "wire"), "warning", "wire-end-marker", message))
    charset = "ascii" if ascii else rules.charset
    text = render_text(composition.document, ascii=ascii)
    outside = sorted(char for char in set(text) if not in_charset(char, charset))  # each character once
    findings += [_charset_finding(inputs, char, charset, rules.name, ascii) for char in outside]
    return findings


def _charset_finding(inputs: Inputs, char: str, charset: str, wire: str, ascii: bool) -> Finding:
    label = describe_character(char)
    carried = "the ASCII text (--ascii)" if ascii else f"{wire}'s {charset} text"
    message = f"{label} is outside {carried}; the wire may print it garbled"
    field = field_containing(inputs, char, to_ascii if ascii else str)
    if field is None:
        return finding_at(inputs.letter_source, ("release", "wire"), "error", "wire-charset", f"{message} (from a template)")
    return finding_at(field.source, field.path, "error", "wire-charset", f"{message}; in {format_path(field.path)}")
