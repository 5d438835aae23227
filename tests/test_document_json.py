from letterkit import document_json

from sample_documents import every_role_document


def test_round_trip_is_exact_and_stable():
    document = every_role_document()
    text = document_json.dumps(document)
    assert document_json.loads(text) == document
    assert document_json.dumps(document_json.loads(text)) == text


def test_other_formats_are_refused():
    import pytest

    with pytest.raises(ValueError, match="not a letterkit-document/1 file"):
        document_json.loads('{"format": "something-else"}')
