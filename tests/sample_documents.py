"""Hand-built Documents that exercise every block kind and role.

Writer tests use these so they do not depend on the YAML/template side; the
end-to-end tests use the real pipeline.
"""

import datetime

from letterkit.document import (
    Document,
    Heading,
    LineBreak,
    ListBlock,
    Metadata,
    Paragraph,
    Text,
)


def _p(role, *parts):
    return Paragraph(role, tuple(Text(p) if isinstance(p, str) else p for p in parts))


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
            ListBlock("body", ordered=False, items=((Text("expand the Tacoma plant"),), (Text("enter the Nordic market"),))),
            _p("body", "Our numbered goals:"),
            ListBlock("body", ordered=True, items=((Text("first goal"),), (Text("second goal"),), (Text("third goal"),))),
            _p("body", "A second numbered list restarts at one:"),
            ListBlock("body", ordered=True, items=((Text("alpha"),), (Text("beta"),))),
            _p("signoff", "Sincerely,"),
            _p("signature", "Maria Lindqvist", LineBreak(), "President and Chief Executive Officer"),
            _p("signature", "Daniel O’Connor, CPA", LineBreak(), "Chief Financial Officer"),
            Heading("boilerplate-heading", (Text("About Aurora Grid Systems, Inc."),)),
            _p(
                "boilerplate",
                "Aurora Grid Systems builds batteries. More information is available at ",
                Text("https://www.aurora-grid.example", href="https://www.aurora-grid.example"),
                ".",
            ),
            Heading("boilerplate-heading", (Text("Forward-Looking Statements"),)),
            _p("boilerplate", "Certain statements made in this press release are forward-looking. " * 12),
            Heading("contacts-heading", (Text("Contacts"),)),
            _p("contact", "Media", LineBreak(), "Jane Roe", LineBreak(), "+1 206-555-0100", LineBreak(), "media@aurora-grid.example"),
            _p("contact", "Investors", LineBreak(), "John Doe", LineBreak(), "ir@aurora-grid.example"),
            _p("end-marker", "###"),
        ),
    )
