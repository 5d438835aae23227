"""Two real versions of the Callisto example, as legal would see them a week apart.

The revised letter raised more money ($6.25 million, not $5.75 million),
dropped the First Berlin research milestone, uses About version 2 (a new
closing sentence, approved in a user template folder made by the test) and
gained a media contact and ### (so the two drafts end differently).
"""

from __future__ import annotations

from pathlib import Path

from letterkit.compose.template_store import TemplateStore

from checking import CALLISTO, edit, house_templates, new_version, shipped

ABOUT = "blocks/about"
REVISED = Path("data/letters/callisto-2007-shareholder-letter-revised.yaml")

FIRST_BERLIN = """    - title: Research update from First Berlin
      kind: analyst coverage
      text: >-
        We also recently received a very favorable research update from an
        analyst at First Berlin, an independent equity research company located
        in Berlin, Germany.
"""


def about_v2() -> str:
    text = new_version(ABOUT, 2, shipped(ABOUT))
    old = "More information is available at {{ company.website | link }}."
    assert old in text
    return text.replace(old, "For more information about {{ company.names.short }}, visit {{ company.website | link }}.")


def make_versions(workspace: Path) -> tuple[Path, Path, TemplateStore]:
    """(old, new) letter files in a workspace (a copy of data/), and templates with an approved blocks/about v2."""
    store = house_templates(workspace, {f"{ABOUT}/v2.md.j2": about_v2()})
    pin = "company: callisto          # data/companies/callisto.yaml\n"
    old, revised = workspace / CALLISTO, workspace / REVISED
    revised.write_text(old.read_text(encoding="utf-8"), encoding="utf-8")
    edit(old, pin, "company: callisto\ntemplates:\n  about: 1\n")
    edit(revised, pin, "company: callisto\ntemplates:\n  about: 2\n")
    edit(revised, FIRST_BERLIN, "")
    edit(revised, "    - amount: 5750000", "    - amount: 6250000")
    edit(revised, "closed on a $5.75 million private", "closed on a $6.25 million private")
    edit(revised, "    short_title: CEO\n", "    short_title: CEO\n\ncontacts:\n  - {label: Media, name: Ann Lee}\n"
         "\nend_marker: true\n")
    return old, revised, store
