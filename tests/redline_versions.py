"""Versions of letters as legal would see them a week apart.

- Callisto: the revised letter raised more money ($6.25 million, not $5.75
  million), dropped the First Berlin research milestone, uses About version 2
  (a new closing sentence, approved in a user template folder made by the test)
  and gained a media contact and ### (so the two drafts end differently).
- Halvorsen (a letter of every block: subheadings, a table, a lettered list
  with nested bullets, a quotation): the revision changes a table cell, adds a
  row and removes one, edits and adds nested items, turns the lettered list
  bulleted, changes the quotation's attribution and a subheading's level; and
  between the two drafts the company got its own approved About block.
- every_block_versions: sample_documents.every_block_document() changed one
  way at a time, for the writers' own Document (no YAML in between).
"""

from __future__ import annotations

import dataclasses
import datetime
from pathlib import Path

from letterkit.compose.approval import approve
from letterkit.compose.template_store import TemplateStore
from letterkit.document import Document, Heading, ListBlock, ListItem, Paragraph, Quote, Table, Text
from letterkit.paths import templates_dir

from checking import CALLISTO, edit, house_templates, new_version, shipped
from sample_documents import every_block_document

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


# --- Halvorsen ---------------------------------------------------------------------------

HALVORSEN = Path("data/letters/halvorsen-2026-letter-to-shareholders.yaml")
HALVORSEN_REVISED = Path("data/letters/halvorsen-2026-letter-to-shareholders-revised.yaml")
HALVORSEN_COMPANY = Path("data/companies/halvorsen-marine")

# A FICTIONAL letter of every block, for data/companies/halvorsen-marine.
HALVORSEN_LETTER = """# yaml-language-server: $schema=../../schemas/letter.schema.json
# A FICTIONAL example: a CEO letter in the shape many real ones take —
# subheadings, a financial snapshot table, lettered sections of bullets, a
# quotation with its attribution — and the company's own cautionary note.
company: halvorsen-marine

release:
  wire: globenewswire      # PORTLAND, Maine, March 18, 2026 (GLOBE NEWSWIRE) --
  date: 2026-03-18
  headline: Halvorsen Marine Robotics Releases 2026 Letter to Shareholders
  subheadline: Record backlog, a first profitable quarter and three priorities for the year ahead

letter:
  date: 2026-03-17
  title: Letter to Our Shareholders
  salutation: "Dear Fellow Shareholders,"
  body:
    - >-
      Twelve months ago we told you that 2025 would be the year our vessels
      moved from pilots to contracts. Our customers made it so: we ended the
      year with **$212 million of signed backlog**, and in the fourth quarter
      we earned our first operating profit.
    - heading: 2025 in Figures
    - table:
        columns:
          - Measure
          - "2025"
          - "2024"
          - Change
        rows:
          - [Revenue, $96.4 million, $61.0 million, 58%]
          - [Gross margin, 41%, 33%, 8 pts]
          - [Signed backlog, $212.0 million, $118.5 million, 79%]
          - [Vessels in service, "38", "24", "14"]
    - >-
      Revenue grew fastest in cable inspection, where a single vessel now
      replaces a crewed ship for most survey days. You can read the detail in
      our [annual report](https://www.halvorsen-marine.example/investors/2025-annual-report).
    - heading: Where We Are Investing in 2026
    - >-
      We will spend our capital on three programs, each chosen because a
      customer has already asked for it:
    - list:
        - text: Longer endurance
          items:
            - a hydrogen range extender for 21-day missions
            - a second dock-and-charge station in the Gulf of Maine
        - text: New markets
          items:
            - port security patrols under the contract signed in Rotterdam
            - harbor dredging surveys for three Atlantic ports
        - text: Lower cost per survey day
          items:
            - remote operations from one center for all three bases
      style: lettered
    - heading: From Our Customers
      level: 2
    - quote: >-
        “Halvorsen's vessels gave us a full picture of our export cable in four
        days instead of three weeks, and not one of our crew had to go to sea
        in February.”
      attribution: Ingrid Vaage, Head of Operations, Nordvik Offshore Wind
    - >-
      I am grateful to our 410 colleagues for a remarkable year, and to you for
      your confidence. We look forward to reporting our progress at the annual
      meeting in May.
  sign_off: Sincerely,

signatories:
  - name: Sigrid Halvorsen
    title: Founder and Chief Executive Officer
    short_title: CEO

contacts:
  - label: Investors
    name: Owen Pratt
    title: Vice President, Investor Relations
    organization: Halvorsen Marine Robotics
    phone: +1 207-555-0141
    email: ir@halvorsen-marine.example
  - label: Media
    name: Lucía Ferreira
    phone: +1 207-555-0163
    email: press@halvorsen-marine.example

end_marker: true
"""

# The company's own About, as its counsel approved it after legal saw the first draft (FICTIONAL).
HALVORSEN_ABOUT = """{#- letterkit-template: blocks/about version: 1 -#}
### About Halvorsen Marine Robotics

Halvorsen Marine Robotics builds and runs uncrewed survey vessels for offshore wind farms, subsea cable owners and ports, from bases in Maine, Scotland and Taiwan. Learn more at {{ company.website | link }}.
"""

HALVORSEN_EDITS = (
    # a table cell
    ("- [Revenue, $96.4 million, $61.0 million, 58%]", "- [Revenue, $96.9 million, $61.0 million, 59%]"),
    # a row removed, a row added
    ("          - [Gross margin, 41%, 33%, 8 pts]\n", ""),
    ('- [Vessels in service, "38", "24", "14"]\n',
     '- [Vessels in service, "38", "24", "14"]\n          - [Colleagues, "410", "296", 39%]\n'),
    # nested items: one edited, one added
    ("a second dock-and-charge station in the Gulf of Maine",
     "a second dock-and-charge station in the Gulf of St. Lawrence"),
    ("            - remote operations from one center for all three bases\n",
     "            - remote operations from one center for all three bases\n"
     "            - shared spare parts across the fleet\n"),
    # the lettered list turned bulleted
    ("      style: lettered", "      style: bulleted"),
    # the quotation's attribution
    ("attribution: Ingrid Vaage, Head of Operations, Nordvik Offshore Wind",
     "attribution: Ingrid Vaage, Chief Operating Officer, Nordvik Offshore Wind"),
    # a subheading's level
    ("    - heading: From Our Customers\n      level: 2\n", "    - heading: From Our Customers\n"),
)


def write_halvorsen(workspace: Path) -> tuple[Path, Path]:
    """(letter, revised letter) in a workspace holding a copy of data/."""
    old, revised = workspace / HALVORSEN, workspace / HALVORSEN_REVISED
    old.write_text(HALVORSEN_LETTER, encoding="utf-8")
    revised.write_text(HALVORSEN_LETTER, encoding="utf-8")
    for before, after in HALVORSEN_EDITS:
        edit(revised, before, after)
    return old, revised


def give_halvorsen_its_own_about(workspace: Path) -> None:
    """The company's own blocks/about, approved in its folder: it replaces letterkit's About."""
    folder = workspace / HALVORSEN_COMPANY
    (folder / "blocks" / "about").mkdir(parents=True)
    (folder / "blocks" / "about" / "v1.md.j2").write_text(HALVORSEN_ABOUT, encoding="utf-8")
    store = TemplateStore(templates_dir()).with_company(folder)
    approve(store, "blocks/about@1", by="Halvorsen Counsel", on=datetime.date(2026, 3, 16), note="Ours.")


# --- every block, one change at a time --------------------------------------------------------


def every_block_versions() -> dict[str, tuple[Document, Document]]:
    """(old, new) Documents, each pair differing in one way, named for it."""
    old = every_block_document()
    blocks = list(old.blocks)
    table_at = next(i for i, b in enumerate(blocks) if isinstance(b, Table))
    lettered_at = next(i for i, b in enumerate(blocks) if isinstance(b, ListBlock) and b.style == "letter")
    quote_at = next(i for i, b in enumerate(blocks) if isinstance(b, Quote))
    numbered_at = next(i for i, b in enumerate(blocks) if isinstance(b, ListBlock) and b.start == 3)
    level_two_at = next(i for i, b in enumerate(blocks) if isinstance(b, Heading) and b.level == 2)
    table, lettered, quote = blocks[table_at], blocks[lettered_at], blocks[quote_at]

    def changed(at: int, block) -> Document:
        return dataclasses.replace(old, blocks=tuple(blocks[:at] + ([block] if block else []) + blocks[at + 1:]))

    def cells(*texts: str) -> tuple:
        return tuple((Text(text),) for text in texts)

    revenue, margin = table.rows
    first, second = lettered.items
    nested = first.sublist.items
    return {
        "a table cell": (old, changed(table_at, dataclasses.replace(
            table, rows=(cells("Revenue", "$12.6 million", "$8.8 million"), margin)))),
        "a table row added": (old, changed(table_at, dataclasses.replace(
            table, rows=(revenue, cells("Net income", "$1.1 million", "$0.4 million"), margin)))),
        "a table row removed": (old, changed(table_at, dataclasses.replace(table, rows=(margin,)))),
        "a table only one draft has": (old, changed(table_at, None)),
        "a table's header": (old, changed(table_at, dataclasses.replace(
            table, header=cells("Measure", "FY 2025", "FY 2024")))),
        "nested items": (old, changed(lettered_at, dataclasses.replace(lettered, items=(
            dataclasses.replace(first, sublist=dataclasses.replace(first.sublist, items=(
                nested[0], ListItem((Text("Soil and water assays"),)), ListItem((Text("Air samples"),))))),
            dataclasses.replace(second, sublist=None),
        )))),
        "a lettered list turned bulleted": (old, changed(lettered_at, dataclasses.replace(lettered, style="bullet"))),
        "a quotation's attribution": (old, changed(quote_at, dataclasses.replace(
            quote, attribution=(Text("Ingrid Solberg, Founder"),)))),
        "a quotation's paragraphs": (old, changed(quote_at, dataclasses.replace(
            quote, paragraphs=(quote.paragraphs[0], (Text("And we have only begun.”"),))))),
        "a numbered list's start": (old, changed(numbered_at, dataclasses.replace(blocks[numbered_at], start=1))),
        "a subheading's level": (old, changed(level_two_at, dataclasses.replace(blocks[level_two_at], level=1))),
        "paragraphs only one draft has, before a table": (
            Document(old.metadata, (table, Paragraph("body", (Text("That is all."),)))),
            Document(old.metadata, (Heading("section", (Text("Figures"),)), Paragraph("body", (Text("In short:"),)),
                                    table, Paragraph("body", (Text("That is all."),)))),
        ),
        "a paragraph right after a table": (old, dataclasses.replace(old, blocks=tuple(
            blocks[:table_at + 1] + [Heading("section", (Text("Unaudited"),), level=2),
                                     Paragraph("body", (Text("Figures are unaudited."),))] + blocks[table_at + 1:]))),
        "a table for another table": (old, changed(table_at, Table(
            "table", header=cells("Site", "Staff"), rows=(cells("Duluth", "120"),), align=("left", "right")))),
    }
