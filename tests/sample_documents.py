"""Hand-built Documents that exercise every block kind and role.

Writer tests use these so they do not depend on the YAML/template side; the
end-to-end tests use the real pipeline.
"""

import dataclasses
import datetime

from letterkit.document import (
    Document,
    Heading,
    LineBreak,
    ListBlock,
    ListItem,
    Metadata,
    Paragraph,
    Quote,
    Table,
    Text,
)


def _p(role, *parts):
    return Paragraph(role, _runs(*parts))


def _runs(*parts):
    return tuple(Text(p) if isinstance(p, str) else p for p in parts)


def _list(role, style, *items, start=1):
    """Items are strings, or (string, [nested strings], nested style)."""
    built = []
    for item in items:
        if isinstance(item, tuple):
            text, nested, nested_style = item
            built.append(ListItem(_runs(text), ListBlock(role, nested_style, tuple(ListItem(_runs(n)) for n in nested))))
        else:
            built.append(ListItem(_runs(item)))
    return ListBlock(role, style, tuple(built), start)


def every_role_document() -> Document:
    """One of everything: headline, lead, both list kinds, two signatories, contacts, ###."""
    return Document(
        metadata=Metadata(
            title="Aurora Grid Systems Issues Letter to Shareholders",
            author="Aurora Grid Systems, Inc.",
            subject="Letter to shareholders",
            company="Aurora Grid Systems, Inc.",
            date=datetime.date(2026, 11, 24),
            keywords=("AGSX", "letter to shareholders"),
        ),
        blocks=(
            Heading("headline", (Text("Aurora Grid Systems Issues Letter to Shareholders"),)),
            Heading("subheadline", (Text("Grid storage orders triple; "), Text("Q4 outlook", italic=True), Text(" confirmed"),)),
            _p(
                "lead",
                "SEATTLE--(BUSINESS WIRE)--Aurora Grid Systems, Inc. (NYSE American: AGSX), "
                "a maker of grid-scale batteries, today released a letter to shareholders "
                "from CEO Maria Lindqvist and CFO Daniel O’Connor.",
            ),
            _p("letter-date", "November 23, 2026"),
            Heading("letter-title", (Text("Letter to Our Shareholders"),)),
            _p("salutation", "Dear Fellow Shareholders:"),
            _p("body", "This year we shipped ", Text("three", bold=True), " new products — and more."),
            _p("body", "For 2027, our priorities are:"),
            _list("body", "bullet", "expand the Tacoma plant", "enter the Nordic market"),
            _p("body", "Our numbered goals:"),
            _list("body", "number", "first goal", "second goal", "third goal"),
            _p("body", "A second numbered list restarts at one:"),
            _list("body", "number", "alpha", "beta"),
            _p("signoff", "Sincerely,"),
            _p("signature", "Maria Lindqvist", LineBreak(), "President and Chief Executive Officer"),
            _p("signature", "Daniel O’Connor, CPA", LineBreak(), "Chief Financial Officer"),
            Heading("about-heading", (Text("About Aurora Grid Systems, Inc."),)),
            _p(
                "about",
                "Aurora Grid Systems builds batteries. More information is available at ",
                Text("https://www.aurora-grid.example", href="https://www.aurora-grid.example"),
                ".",
            ),
            Heading("forward-looking-heading", (Text("Forward-Looking Statements"),)),
            _p("forward-looking", "Certain statements made in this press release are forward-looking. " * 12),
            Heading("contacts-heading", (Text("Contacts"),)),
            _p("contact", "Media", LineBreak(), "Jane Roe", LineBreak(), "+1 206-555-0100", LineBreak(), "media@aurora-grid.example"),
            _p("contact", "Investors", LineBreak(), "John Doe", LineBreak(), "ir@aurora-grid.example"),
            _p("end-marker", "###"),
        ),
    )


def every_block_document() -> Document:
    """Every block kind and every role real letters need: subheadings at two levels, highlights,
    nested and lettered lists, a table with right-aligned figures, a quotation, other boilerplate,
    a source line. Writers are held to print all of it."""
    base = every_role_document()
    blocks = (
        Heading("headline", (Text("Borealis Assay Reports a Year of Firsts"),)),
        _p("highlights", "Key points:"),
        _list("highlights", "bullet", "Revenue up 41%", "Two new sites opened"),
        _p("lead", "DULUTH, Minn. / ACCESSWIRE / March 3, 2026 / Borealis Assay, Inc. (OTCQB: BRLA) today released "
           "a letter to shareholders."),
        Heading("letter-title", (Text("Letter to Shareholders"),)),
        _p("salutation", "Dear Shareholders,"),
        Heading("section", (Text("A Strong Year"),)),
        _p("body", "We grew in every quarter. Read more at ",
           Text("our site", href="https://borealis.example/news"), "."),
        Heading("section", (Text("Results by Region"),), level=2),
        Table(
            "table",
            header=(_runs("Metric"), _runs("2025"), _runs("2024")),
            rows=((_runs("Revenue"), _runs("$12.4 million"), _runs("$8.8 million")),
                  (_runs(Text("Gross margin", bold=True)), _runs("46%"), _runs("39%"))),
            align=("left", "right", "right"),
        ),
        _list("body", "letter",
              ("Laboratory services", ["Blood panels", "Soil assays"], "bullet"),
              ("Field kits", ["Water kits"], "bullet")),
        _list("body", "number", "first", ("second", ["second, part one"], "bullet"), start=3),
        Quote("quote", (_runs("“We built the lab our region needed."), _runs("And we are not done.”")),
              _runs("Ingrid Solberg, Chief Executive Officer")),
        _p("signoff", "Sincerely,"),
        _p("signature", "Ingrid Solberg", LineBreak(), "Chief Executive Officer"),
        Heading("about-heading", (Text("About Borealis Assay, Inc."),)),
        _p("about", "Borealis Assay runs laboratories."),
        Heading("boilerplate-heading", (Text("About Our Subsidiary"),)),
        _p("boilerplate", "North Shore Labs is a subsidiary."),
        Heading("forward-looking-heading", (Text("Safe Harbor Provision"),)),
        _p("forward-looking", "This release contains forward-looking statements."),
        Heading("contacts-heading", (Text("Contacts"),)),
        _p("contact", "Investors:", LineBreak(), "ir@borealis.example"),
        _p("source", "Source: Borealis Assay, Inc."),
    )
    return Document(base.metadata, blocks)


def long_letter_document(paragraphs: int, word: str = "trial") -> Document:
    """every_role_document with `paragraphs` short, distinct letter paragraphs after its lead: a
    long release for counting what a writer does per paragraph (`word` varies their text)."""
    base = every_role_document()
    body = tuple(_p("body", f"Item {n}: our {word} work moved ahead on plan, as planned for this year.")
                 for n in range(paragraphs))
    return dataclasses.replace(base, blocks=base.blocks[:3] + body + base.blocks[3:])


def long_tables_document() -> Document:
    """Tables that test the layout: one longer than a page (its header repeats), one of six
    columns with labels that wrap, a table with a centred column and an empty cell."""
    base = every_role_document()
    quarters = [(f"Q{q} {year}", f"${year - 2000}.{q} million", f"{30 + q}%") for year in range(2012, 2026)
                for q in range(1, 5)]
    long_table = Table(
        "table",
        header=(_runs("Quarter"), _runs("Revenue"), _runs("Gross margin")),
        rows=tuple((_runs(a), _runs(b), _runs(c)) for a, b, c in quarters),
        align=("left", "right", "right"),
    )
    five_years = Table(
        "table",
        header=tuple(_runs(h) for h in ("Metric", "2021", "2022", "2023", "2024", "2025")),
        rows=(
            tuple(_runs(c) for c in ("Revenue", "$12.4 million", "$13.1 million", "$15.0 million",
                                     "$16.2 million", "$18.9 million")),
            tuple(_runs(c) for c in ("Cash, cash equivalents and marketable securities at year end",
                                     "$40.1 million", "$38.0 million", "$52.7 million", "$49.9 million",
                                     "$61.3 million")),
        ),
        align=("left",) + ("right",) * 5,
    )
    sites = Table(
        "table",
        header=(_runs("Site"), _runs("Status"), _runs("Staff")),
        rows=((_runs("Duluth"), _runs("open"), _runs("120")), (_runs("Fargo"), (), _runs("35"))),
        align=("left", "center", "right"),
    )
    blocks = (
        Heading("headline", (Text("Borealis Assay Reports Fourteen Years of Quarters"),)),
        _p("body", "Our revenue, quarter by quarter:"),
        long_table,
        _p("body", "Five years at a glance:"),
        five_years,
        _p("body", "Our sites:"),
        sites,
        _p("body", "That is all."),
    )
    return Document(base.metadata, blocks)
