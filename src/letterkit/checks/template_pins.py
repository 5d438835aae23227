"""Template choices worth a second look: an old pinned version, or a draft.

- `template-pin-not-latest` (warning): the letter pins a version that is not
  the latest approved one, so an update legal approved since is not used.
- `template-draft` (warning): drafting with a version legal has not approved
  (only possible with --allow-draft-templates); not for the wire.
Both are placed at the pin in the letter (or its `templates:` section).
"""

from __future__ import annotations

from letterkit.checks.release_text import ReleaseText
from letterkit.findings import Finding, finding_at


def check_template_choices(release: ReleaseText) -> list[Finding]:
    inputs, composition = release.inputs, release.composition
    findings = []
    for slot, selection in composition.selections.items():
        version, latest = selection.version, selection.latest_approved
        if not version.info.approved:
            rule = "template-draft"
            message = f"{version.ref} is a draft, not approved: do not send this release to the wire"
        elif selection.pinned and latest is not None and latest.version > version.version:
            rule = "template-pin-not-latest"
            message = (
                f"templates.{slot} pins {version.ref}, but the latest approved version is {latest.ref} "
                f"({latest.info.approval()}: {latest.info.note})"
            )
        else:
            continue
        findings.append(finding_at(inputs.letter_source, ("templates", slot), "warning", rule, message))
    return findings
