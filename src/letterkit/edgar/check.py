"""The EDGAR checker: does an HTML exhibit hold only what EDGAR accepts?

Run on every exhibit letterkit writes (before it is written) and by
`letterkit check --edgar FILE.htm` on exhibits made by others. The rules are
data (resources/edgar-html.toml, written from the EDGAR Filer Manual, Volume
II); the HTML is read by lxml's HTML parser, which gives each element's line.
Every violation is one finding, `file:line: error: edgar-<rule>: message`,
citing the manual's section:

- edgar-file-name: the name's length, characters or extension (5.1.1);
- edgar-character: a character outside printable ASCII written raw (5.2.1.1);
- edgar-tag: a tag outside the accepted set (5.2.2);
- edgar-active-content: scripts, plug-ins, forms, event attributes, javascript: links (5.2.2);
- edgar-external-reference: <link>, <base>, a link or image or CSS url() outside
  the submission, except <a href> into the SEC's archive (5.2.2);
- edgar-attribute: an attribute EDGAR does not accept on that tag (5.2.2);
- edgar-image: an image that is not a GIF or JPEG file (5.2.2);
- edgar-nested-table: a table inside a table (letterkit's rule);
- edgar-not-html: nothing an HTML parser can read.
"""

from __future__ import annotations

import unicodedata
from urllib.parse import urlsplit

from letterkit.edgar.rules import EdgarRules, edgar_rules
from letterkit.findings import Finding, describe_character

CHARACTER_FINDINGS_LIMIT = 50  # then one line saying how many more
EXHIBIT_LIMIT = 100_000_000  # bytes: far above EDGAR's own limits on a document


def check_exhibit(display_name: str, data: bytes, *, file_name: str) -> list[Finding]:
    """Every way `data` (an HTML exhibit named `file_name`) breaks EDGAR's rules, in file order."""
    rules = edgar_rules()
    findings = _file_name(display_name, file_name, rules)
    # Bytes that are not UTF-8 (a Latin-1 file) stay themselves, as lone surrogates, so they are reported as bytes.
    text = data.decode("utf-8", errors="surrogateescape")
    findings += _characters(display_name, text, rules)
    findings += _markup(display_name, text, rules)
    return sorted(findings, key=lambda finding: finding.line)


def _error(where: str, line: int, rule: str, message: str) -> Finding:
    return Finding(where, line, "error", f"edgar-{rule}", message)


def _file_name(where: str, name: str, rules: EdgarRules) -> list[Finding]:
    cite = rules.cite(rules.name_section)
    problems = []
    if len(name) > rules.name_limit:
        problems.append(f"is {len(name)} characters long; EDGAR accepts at most {rules.name_limit}")
    if not rules.name_pattern.match(name):
        problems.append("may hold only letters, digits, '.', '-' and '_', and begins with a letter or digit")
    if not name.lower().endswith(rules.extensions):
        problems.append(f"must end in {' or '.join(rules.extensions)} (an HTML document)")
    return [_error(where, 1, "file-name", f"the file name {name!r} {problem} ({cite})") for problem in problems]


def _characters(where: str, text: str, rules: EdgarRules) -> list[Finding]:
    cite = rules.cite(rules.characters_section)
    findings: list[Finding] = []
    more = 0
    for number, line in enumerate(text.splitlines(keepends=True), start=1):
        if rules.characters.match(line):
            continue
        for column, char in enumerate(line, start=1):
            if rules.characters.match(char):
                continue
            if len(findings) == CHARACTER_FINDINGS_LIMIT:
                more += 1
                continue
            if "\udc80" <= char <= "\udcff":  # a byte that is not UTF-8 (see check_exhibit)
                message = (
                    f"byte 0x{ord(char) - 0xDC00:02X} at column {column} is not ASCII text (nor UTF-8); EDGAR accepts "
                    f"only ASCII, other characters written as character references ({cite})"
                )
            elif unicodedata.category(char) == "Cc":
                message = f"{describe_character(char)} at column {column} is a control character, which an EDGAR document may not hold ({cite})"
            else:
                message = (
                    f"{describe_character(char)} at column {column} is not ASCII text; EDGAR accepts it only "
                    f"written as a character reference (&#{ord(char)};) ({cite})"
                )
            findings.append(_error(where, number, "character", message))
    if more:
        findings.append(_error(where, findings[-1].line, "character", f"{more} more characters outside ASCII ({cite})"))
    return findings


def _markup(where: str, text: str, rules: EdgarRules) -> list[Finding]:
    import lxml.html
    from lxml import etree

    try:
        root = lxml.html.document_fromstring(text)
    except (etree.ParserError, ValueError) as exc:
        return [_error(where, 1, "not-html", f"no HTML document could be read: {exc}")]
    findings: list[Finding] = []
    for element in root.iter():
        if not isinstance(element.tag, str):
            continue  # comments and processing instructions
        tag, line = element.tag.lower(), element.sourceline or 1
        findings += _tag(where, line, tag, rules)
        for attribute, value in element.attrib.items():
            findings += _attribute(where, line, tag, attribute.lower(), value, rules)
        if tag == "table" and not rules.nested_tables and any(a.tag == "table" for a in element.iterancestors()):
            message = f"a table inside a table: EDGAR's viewers lay nested tables out unevenly ({rules.cite(rules.tables_section)})"
            findings.append(_error(where, line, "nested-table", message))
    return findings


def _tag(where: str, line: int, tag: str, rules: EdgarRules) -> list[Finding]:
    cite = rules.cite(rules.tags_section)
    if tag in rules.active_tags:
        return [_error(where, line, "active-content", f"<{tag}> is active content, which EDGAR refuses ({cite})")]
    if tag in rules.external_tags:
        message = f"<{tag}> refers to files outside the document, which EDGAR refuses ({cite})"
        return [_error(where, line, "external-reference", message)]
    if tag not in rules.tags:
        return [_error(where, line, "tag", f"<{tag}> is not among the HTML tags EDGAR accepts ({cite})")]
    return []


def _attribute(where: str, line: int, tag: str, attribute: str, value: str, rules: EdgarRules) -> list[Finding]:
    cite = rules.cite(rules.attributes_section)
    if attribute.startswith("on"):
        message = f"the {attribute} attribute of <{tag}> is a script (active content), which EDGAR refuses ({cite})"
        return [_error(where, line, "active-content", message)]
    if tag not in rules.tags:
        return []  # the tag itself is reported
    if not rules.accepts_attribute(tag, attribute):
        return [_error(where, line, "attribute", f"EDGAR does not accept the {attribute} attribute on <{tag}> ({cite})")]
    if attribute in ("href", "src"):
        return _reference(where, line, tag, attribute, value.strip(), rules)
    if attribute == "style":
        lowered = value.lower()
        if "expression(" in lowered or "javascript:" in lowered:
            return [_error(where, line, "active-content", f"the style of <{tag}> holds a script ({cite})")]
        if "url(" in lowered or "@import" in lowered:
            message = f"the style of <{tag}> loads a file (url() or @import), outside the submission ({cite})"
            return [_error(where, line, "external-reference", message)]
    return []


def _reference(where: str, line: int, tag: str, attribute: str, value: str, rules: EdgarRules) -> list[Finding]:
    cite = rules.cite(rules.references_section)
    shown = value if len(value) <= 80 else value[:77] + "..."
    parts = urlsplit(value)
    if parts.scheme.lower() == "javascript":
        return [_error(where, line, "active-content", f'<{tag} {attribute}="{shown}"> is a script, which EDGAR refuses ({cite})')]
    if tag == "a" and (value.startswith("#") or rules.in_sec_archive(value)):
        return []
    inside = not parts.scheme and not parts.netloc and not value.startswith("/") and ".." not in value.split("/")
    if not inside:
        allowed = "only links to documents filed on www.sec.gov/Archives/edgar/data/" if tag == "a" else "none"
        message = f'<{tag} {attribute}="{shown}"> points outside the submission; EDGAR accepts {allowed} ({cite})'
        return [_error(where, line, "external-reference", message)]
    if tag == "img" and not parts.path.lower().endswith(rules.image_extensions):
        message = f'<img src="{shown}">: EDGAR accepts images only as GIF or JPEG files of the submission ({cite})'
        return [_error(where, line, "image", message)]
    return []
