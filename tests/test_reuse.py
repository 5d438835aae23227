"""What one process reuses across letters (styled DOCX template, compiled templates) changes no byte."""

from letterkit import drafting
from letterkit.compose.composer import compose
from letterkit.compose.template_store import TemplateStore
from letterkit.paths import templates_dir
from letterkit.writers import docx_writer

from conftest import AURORA, CALLISTO
from sample_documents import every_role_document


def test_a_docx_is_the_same_whether_its_styles_are_applied_or_reused(monkeypatch):
    monkeypatch.setattr(docx_writer, "_STYLED_TEMPLATES", {})
    document = every_role_document()
    built, built_again, reused = (docx_writer.render_docx(document) for _ in range(3))
    (key,) = docx_writer._STYLED_TEMPLATES  # (language, house style)
    assert key[0] == document.metadata.language
    assert docx_writer._STYLED_TEMPLATES[key] is not None  # saved by the second
    assert built == built_again == reused


def test_composing_with_one_store_for_many_letters_gives_what_fresh_stores_give():
    shared = TemplateStore(templates_dir())
    for letter in (AURORA, CALLISTO, AURORA):
        fresh = TemplateStore(templates_dir())
        expected = compose(drafting.load(letter, store=fresh), fresh)
        assert compose(drafting.load(letter, store=shared), shared).document == expected.document
