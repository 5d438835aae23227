"""The saved Document (<stem>.document.json): exact round trips, the v1 format read, bad files refused clearly."""

import json

import pytest

from letterkit import document_json
from letterkit.document import Heading, ListBlock, Paragraph
from letterkit.document_json import DocumentFileError

from sample_documents import every_block_document, every_role_document


@pytest.mark.parametrize("make", [every_role_document, every_block_document])
def test_round_trip_is_exact_and_stable(make):
    document = make()
    text = document_json.dumps(document)
    assert document_json.loads(text) == document
    assert document_json.dumps(document_json.loads(text)) == text


V1 = {
    "format": "letterkit-document/1",
    "metadata": {"title": "T", "author": "A", "subject": "S", "company": "C", "date": "2007-01-04",
                 "language": "en-US", "keywords": ["AMEX: KAL"]},
    "blocks": [
        {"kind": "paragraph", "role": "body", "inlines": [{"text": "Dear"}, {"break": True}, {"text": "all"}]},
        {"kind": "list", "role": "body", "ordered": True, "start": 2, "items": [[{"text": "one"}], [{"text": "two"}]]},
        {"kind": "heading", "role": "boilerplate-heading", "inlines": [{"text": "About Callisto"}]},
        {"kind": "paragraph", "role": "boilerplate", "inlines": [{"text": "Callisto is."}]},
        {"kind": "heading", "role": "boilerplate-heading", "inlines": [{"text": "Forward-Looking Statements"}]},
        {"kind": "paragraph", "role": "boilerplate", "inlines": [{"text": "Certain statements."}]},
    ],
}


def test_a_v1_document_is_read_with_its_boilerplate_told_apart_by_letterkits_v1_headings():
    document = document_json.loads(json.dumps(V1))
    assert [(type(b).__name__, b.role) for b in document.blocks] == [
        ("Paragraph", "body"), ("ListBlock", "body"), ("Heading", "about-heading"), ("Paragraph", "about"),
        ("Heading", "forward-looking-heading"), ("Paragraph", "forward-looking"),
    ]
    listed = document.blocks[1]
    assert isinstance(listed, ListBlock) and (listed.style, listed.start, len(listed.items)) == ("number", 2, 2)
    assert isinstance(document.blocks[2], Heading) and isinstance(document.blocks[3], Paragraph)


def _with_block(block):
    data = json.loads(document_json.dumps(every_role_document()))
    data["blocks"][1] = block
    return json.dumps(data)


BAD = {
    "a list at the top": ("[]", "not a letterkit document: the JSON is not an object"),
    "another format": ('{"format": "something-else"}',
                       "not a letterkit document (format: 'something-else'; expected 'letterkit-document/2')"),
    "not JSON": ("{", "not valid JSON: Expecting property name enclosed in double quotes: line 1 column 2 (char 1)"),
    "deep nesting": ("[" * 100_000 + "]" * 100_000, "the JSON nests too deeply"),
    "a number for text": (_with_block({"kind": "paragraph", "role": "body", "inlines": [{"text": 5}]}),
                          "blocks[1].inlines[0].text: Input should be a valid string"),
    "a control character": (_with_block({"kind": "paragraph", "role": "body", "inlines": [{"text": "a\u0007b"}]}),
                            "blocks[1].inlines[0].text: holds the control character U+0007, which no release may "
                            "print"),
    "a javascript link": (
        _with_block({"kind": "paragraph", "role": "body", "inlines": [{"text": "x", "href": "javascript:alert(1)"}]}),
        "blocks[1].inlines[0].href: a link may go only to an http:, https:, mailto: or tel: address, not "
        "'javascript:alert(1)'"),
    "a file link": (
        _with_block({"kind": "paragraph", "role": "body", "inlines": [{"text": "x", "href": "file:///etc/passwd"}]}),
        "blocks[1].inlines[0].href: a link may go only to an http:, https:, mailto: or tel: address, not "
        "'file:///etc/passwd'"),
    "an unknown role": (_with_block({"kind": "paragraph", "role": "nonsense", "inlines": []}),
                        "unknown paragraph role 'nonsense'; known: about, body, boilerplate, contact, end-marker, "
                        "forward-looking, highlights, lead, letter-date, salutation, signature, signoff, source"),
    "an empty list": (_with_block({"kind": "list", "role": "body", "style": "bullet", "items": []}),
                      "blocks[1].items: List should have at least 1 item after validation, not 0"),
    "a string list start": (_with_block({"kind": "list", "role": "body", "style": "number", "start": "3",
                                         "items": [{"inlines": []}]}),
                            "blocks[1].start: Input should be a valid integer"),
    "a ragged table": (_with_block({"kind": "table", "role": "table", "header": [[], []], "rows": [[[]]],
                                    "align": ["left", "right"]}),
                       "table row 1 has 1 cells; the header has 2"),
    "an unknown kind": (_with_block({"kind": "image", "role": "body"}),
                        "blocks[1]: Input tag 'image' found using 'kind' does not match any of the expected tags: "
                        "'heading', 'paragraph', 'list', 'table', 'quote'"),
    "no blocks key": ('{"format": "letterkit-document/2", "metadata": {}}', "metadata.title: Field required "
                      "(and 7 more problem(s))"),
}


@pytest.mark.parametrize("case", BAD, ids=list(BAD))
def test_a_bad_saved_document_is_refused_naming_the_problem(case):
    text, message = BAD[case]
    with pytest.raises(DocumentFileError) as caught:
        document_json.loads(text)
    assert str(caught.value) == message
