"""Letters in the shapes real releases take: the body as blocks, optional parts, the company's own blocks.

Each test writes a small letter into a copy of data/ and reads the composed Document (roles, order,
words) or the exact input errors. The text writer's output is checked where the words matter.
"""

from __future__ import annotations

import datetime
import textwrap

import pytest

from letterkit import document, drafting
from letterkit.compose.approval import approve
from letterkit.compose.template_store import TemplateStore
from letterkit.document import Heading, ListBlock, Paragraph, Quote, Table, Text
from letterkit.errors import InputError, TemplateError
from letterkit.paths import templates_dir
from letterkit.writers.text_writer import render_text

HEAD = """\
company: glacier-ridge
release:
  wire: accesswire
  date: 2026-04-07
"""


def inline_text(inlines, line_break="\n"):
    """The run's words with typesetting's non-breaking spaces as spaces: these tests are about shapes
    (tests/test_typesetting.py holds the spaces themselves)."""
    return document.inline_text(inlines, line_break).replace("\u00a0", " ")


def _letter(workspace, text, name="x.yaml"):
    path = workspace / "data" / "letters" / name
    path.write_text(HEAD + textwrap.dedent(text), encoding="utf-8")
    return path


def _compose(workspace, text):
    return drafting.compose_letter(_letter(workspace, text))[1].document


def _problems(workspace, text):
    with pytest.raises(InputError) as caught:
        drafting.load(_letter(workspace, text))
    return [str(p) for p in caught.value.problems]


def _shape(document):
    return [(type(b).__name__, b.role) for b in document.blocks]


BODY = """\
letter:
  salutation: "Dear Shareholders,"
  body:
    - "We grew. **Twice** as fast, see [the report](https://x.example/r)."
    - heading: Results
    - table:
        columns: [Measure, "2025", "2024", Note]
        rows:
          - [Revenue, $4.1 million, $3.0 million, audited]
          - [Margin, 46%, "(3)", n/a]
    - heading: By region
      level: 2
    - list:
        - text: North
          items: [Yukon, Nunavut]
        - South
      style: lettered
    - quote: "“We are not done.”\\n\\nSecond paragraph."
      attribution: Ada Lee, Chair
    - financings:
        - amount: 2500000
          instrument: private placement
          date: 2026-02-10
    - goals:
        intro: "Our goals are"
        items: [{text: drill}, {text: permit}]
    - goals:
        intro: "Or, as a list:"
        style: numbered
        items: [{text: drill}, {text: permit}]
"""


def test_a_body_is_printed_block_by_block_in_its_order(workspace):
    document = _compose(workspace, BODY)
    letter = [(type(b).__name__, b.role) for b in document.blocks if b.role not in ("lead",)][:12]
    assert letter == [
        ("Paragraph", "salutation"), ("Paragraph", "body"), ("Heading", "section"), ("Table", "table"),
        ("Heading", "section"), ("ListBlock", "body"), ("Quote", "quote"), ("Paragraph", "body"),
        ("Paragraph", "body"), ("Paragraph", "body"), ("ListBlock", "body"), ("Heading", "about-heading"),
    ]
    blocks = document.blocks
    assert blocks[2].inlines[1:3] == (Text("Twice", bold=True), Text(" as fast, see "))
    assert blocks[2].origin == "letter.body[0]"
    table = next(b for b in blocks if isinstance(b, Table))
    assert table.align == ("left", "right", "right", "left")  # figures right, words and n/a left
    level_two = [b for b in blocks if isinstance(b, Heading) and b.role == "section"][1]
    assert (inline_text(level_two.inlines), level_two.level) == ("By region", 2)
    lettered = next(b for b in blocks if isinstance(b, ListBlock) and b.style == "letter")
    assert [inline_text(i.inlines) for i in lettered.items] == ["North", "South"]
    assert [inline_text(i.inlines) for i in lettered.items[0].sublist.items] == ["Yukon", "Nunavut"]
    quote = next(b for b in blocks if isinstance(b, Quote))
    assert (len(quote.paragraphs), inline_text(quote.attribution)) == (2, "Ada Lee, Chair")
    words = [inline_text(b.inlines) for b in blocks if isinstance(b, Paragraph) and b.role == "body"]
    assert words[1:4] == [
        "On February 10, 2026, we closed a $2.5 million private placement.",
        "Our goals are 1) drill and 2) permit.",
        "Or, as a list:",
    ]
    numbered = [b for b in blocks if isinstance(b, ListBlock) and b.style == "number"]
    assert [inline_text(i.inlines) for i in numbered[0].items] == ["drill", "permit"]


def test_an_unsigned_letter_without_date_title_or_sign_off_prints_none_of_them(workspace):
    document = _compose(workspace, 'letter:\n  body:\n    - "Just one paragraph."\n')
    roles = [b.role for b in document.blocks]
    assert not {"letter-date", "letter-title", "salutation", "signoff", "signature"} & set(roles)
    lead = inline_text(document.blocks[0].inlines)
    assert lead.endswith("northern British Columbia, today released a letter to shareholders.")
    assert document.metadata.title == "Glacier Ridge Minerals Corp.: Letter to shareholders"


def test_the_lead_in_the_company_words(workspace):
    continued = _compose(workspace, "  lead_continues: is pleased to provide this shareholder update.\n"
                                    "letter: {body: [Text.]}\n")
    assert inline_text(continued.blocks[0].inlines) == (
        "VANCOUVER, BC / ACCESSWIRE / April 7, 2026 / Glacier Ridge Minerals Corp. (“Glacier Ridge” or the "
        "“Company”) (TSXV: GRM); (OTCQB: GRMCF), an explorer of copper and nickel deposits in northern British "
        "Columbia, is pleased to provide this shareholder update."
    )
    whole = _compose(workspace, "  lead: Our own words, all of them.\nletter:\n  body: [Text.]\n")
    assert inline_text(whole.blocks[0].inlines) == "VANCOUVER, BC / ACCESSWIRE / April 7, 2026 / Our own words, all of them."


def test_highlights_go_under_the_headline_or_after_the_lead(workspace):
    under = _compose(workspace, """\
          headline: A headline
          highlights: {intro: "Key points:", items: ["one", "**two**"]}
        letter: {body: [Text.]}
        """)
    assert _shape(under)[:4] == [("Heading", "headline"), ("Paragraph", "highlights"), ("ListBlock", "highlights"),
                                 ("Paragraph", "lead")]
    after = _compose(workspace, """\
          highlights: {items: [one], position: after-lead}
        letter: {body: [Text.]}
        """)
    assert _shape(after)[:2] == [("Paragraph", "lead"), ("ListBlock", "highlights")]


def test_contacts_before_the_boilerplate_without_a_heading_and_a_source_line(workspace):
    document = _compose(workspace, """\
          source: Glacier Ridge Minerals Corp.
        letter: {body: [Text.]}
        contacts_heading: false
        contacts_position: before-boilerplate
        contacts:
          - organization: Glacier Ridge Minerals Corp.
            address: [1 Main Street, Vancouver]
            phone: 604-555-0100
        """)
    assert _shape(document)[-7:] == [
        ("Paragraph", "contact"), ("Heading", "about-heading"), ("Paragraph", "about"), ("Paragraph", "about"),
        ("Heading", "forward-looking-heading"), ("Paragraph", "forward-looking"), ("Paragraph", "source"),
    ]
    text = render_text(document)
    assert "\n\nGlacier Ridge Minerals Corp.\n1 Main Street\nVancouver\n604-555-0100\n\nAbout Glacier Ridge" in text
    assert "Contacts" not in text
    assert text.endswith("\n\nSource: Glacier Ridge Minerals Corp.")


@pytest.mark.parametrize(
    "text, expected",
    [
        ("letter:\n  opening: One.\n  body: [Two.]\n",
         "data/letters/x.yaml:6:3: letter.opening: the letter has a body, so opening has no place: put it in body "
         "(use either body or opening, milestones, financings, goals and closing)"),
        ("letter:\n  salutation: Hi\n",
         "data/letters/x.yaml:6:3: letter: the letter has no text: give its body (or opening and closing)"),
        ("letter:\n  body:\n    - {}\n",
         "data/letters/x.yaml:7:7: letter.body[0]: a body block is one of text, heading, list, table, quote, "
         "milestones, financings, goals"),
        ("letter:\n  body:\n    - {heading: H, list: [a]}\n",
         "data/letters/x.yaml:7:7: letter.body[0]: a body block is one of text, heading, list, table, quote, "
         "milestones, financings, goals; this one has heading and list"),
        ("letter:\n  body:\n    - {list: [a], level: 2}\n",
         "data/letters/x.yaml:7:7: letter.body[0]: level belongs to a heading, not to a list"),
        ("letter:\n  body:\n    - {quote: \"- a list\"}\n",
         "data/letters/x.yaml:7:7: letter.body[0]: a quotation holds paragraphs only (no headings, lists or tables)"),
        ("letter:\n  body:\n    - {table: {columns: [a, b], rows: [[1]]}}\n",
         "data/letters/x.yaml:7:15: letter.body[0].table: rows[0] has 1 cell(s); the table has 2 column(s)"),
        ("letter:\n  body:\n    - \"A chart: ![chart](https://x.example/c.png)\"\n",
         "data/letters/x.yaml:7:7: letter.body[0].text: images are not allowed in a letter's text (letterkit "
         "Markdown)"),
        ("letter:\n  body:\n    - list: [\"[x](javascript:alert(1))\"]\n",
         "data/letters/x.yaml:7:14: letter.body[0].list[0].text: a link may only go to an http:, https: or mailto: "
         "address, not 'javascript:alert(1)' (letterkit Markdown)"),
        ("letter:\n  body:\n    - \"### Too deep\"\n",
         "data/letters/x.yaml:7:7: letter.body[0].text: subheadings inside the letter have two levels, # and ##; "
         "this one is ### (line 1) (letterkit Markdown)"),
        ("letter:\n  body:\n    - financings:\n        - {amount: 5000000, instrument: raise}\n",
         "data/letters/x.yaml:8:11: letter.body[0].financings[0]: a financing without a date needs its text: "
         "letterkit writes a sentence only for a financing that closed on a known date"),
        ("letter:\n  body: [x]\ncontacts:\n  - label: Media\n",
         "data/letters/x.yaml:8:5: contacts[0]: a contact needs at least a name, organization, phone, e-mail, "
         "address or website"),
    ],
    ids=["body and opening", "no text", "empty block", "two kinds", "stray key", "quote with a list", "ragged table",
         "image", "javascript link", "third level", "financing without date", "empty contact"],
)
def test_shapes_a_release_cannot_have_are_input_errors_at_their_lines(workspace, text, expected):
    assert _problems(workspace, text) == [expected]


# ---------------------------------------------------------------- the company's own blocks


def _profile(workspace, extra: str, company="glacier-ridge"):
    path = workspace / "data" / "companies" / f"{company}.yaml"
    path.write_text(path.read_text(encoding="utf-8") + extra, encoding="utf-8")


def _company_block(workspace, name, text, company="glacier-ridge", approved=True):
    folder = workspace / "data" / "companies" / company
    (folder / "blocks" / name).mkdir(parents=True, exist_ok=True)
    (folder / "blocks" / name / "v1.md.j2").write_text(
        f"{{#- letterkit-template: blocks/{name} version: 1 -#}}\n{text}", encoding="utf-8"
    )
    if approved:
        store = TemplateStore(templates_dir()).with_company(folder)
        approve(store, f"blocks/{name}@1", by="Company Counsel", on=datetime.date(2026, 3, 1), note="Ours.")
    return folder


def test_the_companys_own_blocks_print_in_its_order_with_the_kinds_it_gives_them(workspace):
    _company_block(workspace, "disclaimer", "### Disclaimer\n\nNothing here is advice; risks abound.\n")
    _company_block(workspace, "reporting", "We file reports with the SEC.\n")
    _profile(workspace, "boilerplate:\n  - {block: reporting, kind: boilerplate}\n"
                        "  - {block: disclaimer, kind: forward-looking}\n")
    inputs, composition = drafting.compose_letter(_letter(workspace, "letter: {body: [Text.]}\n"))
    tail = [(b.role, inline_text(b.inlines), b.origin) for b in composition.document.blocks[-3:]]
    assert tail == [
        ("boilerplate", "We file reports with the SEC.", "blocks/reporting@1"),
        ("forward-looking-heading", "Disclaimer", "blocks/disclaimer@1"),
        ("forward-looking", "Nothing here is advice; risks abound.", "blocks/disclaimer@1"),
    ]
    selected = {slot: (s.version.ref, s.version.source) for slot, s in composition.selections.items() if s.kind}
    assert selected == {"block:reporting": ("blocks/reporting@1", "company"),
                        "block:disclaimer": ("blocks/disclaimer@1", "company")}


def test_a_companys_own_about_replaces_letterkits_for_that_company_only(workspace):
    _company_block(workspace, "about", "### About Us\n\nOur own words.\n")
    mine = drafting.compose_letter(_letter(workspace, "letter: {body: [Text.]}\n"))[1]
    assert mine.selections["about"].version.source == "company"
    callisto = drafting.compose_letter(workspace / "data" / "letters" / "callisto-2007-shareholder-letter.yaml")[1]
    assert callisto.selections["about"].version.ref == "blocks/about@2"
    assert callisto.selections["about"].version.source == "letterkit"


def test_a_block_the_profile_lists_but_nobody_has_is_an_error_naming_the_folder(workspace):
    _profile(workspace, "boilerplate: [about, {block: safe-harbor, kind: forward-looking}]\n")
    with pytest.raises(TemplateError) as caught:
        drafting.compose_letter(_letter(workspace, "letter: {body: [Text.]}\n"))
    assert str(caught.value) == (
        "data/companies/glacier-ridge.yaml:46:14: boilerplate: no block 'blocks/safe-harbor': neither the company's "
        "folder (data/companies/glacier-ridge/blocks/safe-harbor/v1.md.j2, …) nor letterkit has one"
    )


def test_an_unapproved_company_block_needs_approval(workspace):
    _company_block(workspace, "safe-harbor", "### Safe Harbor\n\nRisks.\n", approved=False)
    _profile(workspace, "boilerplate: [about, {block: safe-harbor, kind: forward-looking}]\n")
    with pytest.raises(TemplateError, match=r"^blocks/safe-harbor has no approved version \(versions: 1\)"):
        drafting.compose_letter(_letter(workspace, "letter: {body: [Text.]}\n"))


def test_letterkits_about_needs_the_profiles_sentences(workspace):
    path = workspace / "data" / "companies" / "glacier-ridge.yaml"
    text = path.read_text(encoding="utf-8")
    start = text.index("about:\n")
    path.write_text(text[:start] + text[text.index("latest_filing:"):], encoding="utf-8")
    with pytest.raises(InputError) as caught:
        drafting.compose_letter(_letter(workspace, "letter: {body: [Text.]}\n"))
    assert [str(p) for p in caught.value.problems] == [
        "data/companies/glacier-ridge.yaml:4:1: boilerplate: letterkit's About block is built from the profile's about "
        "sentences, and this profile has none: add about, keep the company's own approved About in "
        "data/companies/glacier-ridge/blocks/about/, or leave about out of boilerplate"
    ]


def test_a_non_reporting_issuer_cites_no_filing(workspace):
    path = workspace / "data" / "companies" / "glacier-ridge.yaml"
    text = path.read_text(encoding="utf-8")
    start = text.index("latest_filing:")
    path.write_text(text[:start] + "reporting_status: non-reporting\n" + text[text.index("risk_factors:"):],
                    encoding="utf-8")
    document = drafting.compose_letter(_letter(workspace, "letter: {body: [Text.]}\n"))[1].document
    block = inline_text(document.blocks[-1].inlines)
    assert "Securities and Exchange Commission" not in block and "Form" not in block
    assert "will prove to be correct. Actual results could differ materially" in block
    _profile(workspace, "latest_filing: {form: 10-K, period_end: 2025-12-31}\n")
    with pytest.raises(InputError) as caught:
        drafting.load(_letter(workspace, "letter: {body: [Text.]}\n"))
    assert [str(p) for p in caught.value.problems] == [
        "data/companies/glacier-ridge.yaml:42:1: latest_filing: a non-reporting issuer files no periodic reports: "
        "remove latest_filing, or set reporting_status: reporting"
    ]


def test_a_letter_template_that_drops_or_repeats_the_letters_content_is_a_template_error(workspace):
    folder = workspace / "house"
    (folder / "letters/shareholder-letter").mkdir(parents=True)
    v2 = (templates_dir() / "letters/shareholder-letter/v2.md.j2").read_text(encoding="utf-8")
    (folder / "letters/shareholder-letter/v2.md.j2").write_text(
        v2.replace("{{ item.insert }}\n", "{{ item.insert }}\n{{ item.insert }}\n", 1), encoding="utf-8")
    store = TemplateStore(templates_dir(), user_root=folder)
    with pytest.raises(TemplateError, match=r"^letters/shareholder-letter@2 prints letter\.body\[0\] more than once$"):
        drafting.compose_letter(_letter(workspace, "letter: {body: [Text.]}\n"), store=store, allow_draft_templates=True)
    # A version from before the body (v1) cannot print one: said so, not dropped.
    letter = _letter(workspace, "  highlights: {items: [one]}\ntemplates: {letter: 1}\nletter:\n  date: 2026-04-06\n"
                                "  title: T\n  salutation: Hi,\n  opening: One.\n  closing: Two.\n  sign_off: Bye,\n"
                                "signatories: [{name: A B, title: CEO}]\n")
    with pytest.raises(TemplateError) as caught:
        drafting.compose_letter(letter)
    assert str(caught.value) == (
        "letters/shareholder-letter@1 does not print release.highlights: a template version made before the "
        "letter could hold it? Use the latest letters/shareholder-letter"
    )


def test_a_company_without_headquarters_needs_a_city_only_where_the_dateline_prints_one(workspace):
    path = workspace / "data" / "companies" / "glacier-ridge.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("headquarters:\n  city: Vancouver\n  state: BC\n  country: Canada\n", ""), "utf-8")
    with pytest.raises(InputError) as caught:
        drafting.compose_letter(_letter(workspace, "letter: {body: [Text.]}\n"))
    assert [str(p) for p in caught.value.problems] == [
        "data/letters/x.yaml:3:3: release: the accesswire dateline starts with a city: give release.city, or "
        "headquarters in the company profile"
    ]
    news_direct = _letter(workspace, "letter: {body: [Text.]}\n").read_text().replace("wire: accesswire", "wire: newsdirect")
    (workspace / "data" / "letters" / "x.yaml").write_text(news_direct, encoding="utf-8")
    document = drafting.compose_letter(workspace / "data" / "letters" / "x.yaml")[1].document
    assert inline_text(document.blocks[0].inlines).startswith("Glacier Ridge Minerals Corp. (“Glacier Ridge”")


def test_a_contact_printed_as_its_own_lines_in_its_own_order(workspace):
    document = _compose(workspace, """\
        letter: {body: [Text.]}
        contacts:
          - label: Investor Relations Contact
            lines: ["Tel: 516.555.0127", "Email: ir@glacierridge.example"]
        """)
    text = render_text(document)
    assert text.endswith("\n\nContacts\n\nInvestor Relations Contact:\nTel: 516.555.0127\nEmail: ir@glacierridge.example")
    assert _problems(workspace, "letter: {body: [x]}\ncontacts:\n  - {lines: [a], phone: '1'}\n") == [
        "data/letters/x.yaml:7:5: contacts[0]: a contact is either its lines or its fields (name, title, …), not both"
    ]
    # A letter template from before contact lines fails on such a contact instead of printing the label alone.
    letter = _letter(workspace, "templates: {letter: 2}\nletter: {body: [Text.]}\ncontacts:\n  - {label: IR, lines: [x]}\n")
    with pytest.raises(TemplateError, match=r"letters/shareholder-letter@2: contacts\[0\] has no field '\w+' \(its fields: label, lines\)"):
        drafting.compose_letter(letter)


def test_defined_terms_may_follow_the_ticker_tags(workspace):
    _profile_names = workspace / "data" / "companies" / "glacier-ridge.yaml"
    text = _profile_names.read_text(encoding="utf-8")
    _profile_names.write_text(text.replace("  defined_terms: [Glacier Ridge, the Company]\n",
                                           "  defined_terms: [Glacier Ridge, the Company]\n"
                                           "  defined_terms_position: after-tickers\n  defined_terms_joiner: and\n"),
                              encoding="utf-8")
    lead = inline_text(_compose(workspace, "letter: {body: [Text.]}\n").blocks[0].inlines)
    assert lead.startswith("VANCOUVER, BC / ACCESSWIRE / April 7, 2026 / Glacier Ridge Minerals Corp. (TSXV: GRM); "
                           "(OTCQB: GRMCF) (“Glacier Ridge” and the “Company”), an explorer")
