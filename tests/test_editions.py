"""Editions in other languages: the same release in German and French, from approved translations.

- The Callisto example drafts a German edition whose words match a golden file, and
  Glacier Ridge (a fictional Canadian issuer) a French one; the English stays the reference.
- Every format carries the language (HTML lang, the PDF's /Lang, the DOCX's w:lang), and
  the same words as the edition's text.
- A missing, stale or misplaced translation is an input error naming the field and language.
- Each new rule has a passing and a failing case: the figures of every edition, the
  forward-looking language and the weekdays in the edition's own words.
- The manifest records each edition's inputs, templates and outputs; redline compares
  two drafts of one edition.
"""

from __future__ import annotations

import datetime
import json
import shutil
import zipfile
from decimal import Decimal
from pathlib import Path

import pytest
from pypdf import PdfReader

from letterkit import drafting, locale_wording
from letterkit.checks.editions import figures
from letterkit.cli import app
from letterkit.errors import InputError

from conftest import CALLISTO, GLACIER, REFERENCE
from extract import body_words, docx_words, pdftotext_pages, text_file_words

EDITIONS = {CALLISTO: "de", GLACIER: "fr"}
LOCALES = {"de": "de-DE", "fr": "fr-CA"}  # Callisto's German for Germany; Glacier Ridge is in Canada
CALLISTO_ARG = Path("data/letters/callisto-2007-shareholder-letter.yaml")  # as typed in a workspace
CALLISTO_TRANSLATION = Path("data/letters/translations/callisto-2007-shareholder-letter.de.yaml")


@pytest.fixture(scope="module")
def drafts(tmp_path_factory):
    out = tmp_path_factory.mktemp("editions")
    return {
        letter: drafting.draft(letter, out_dir=out / letter.stem, languages=["en", language])
        for letter, language in EDITIONS.items()
    }


def _output(draft, suffix: str) -> Path:
    (path,) = [p for p in draft.written if p.name.endswith(suffix)]
    return path


@pytest.mark.parametrize("letter", EDITIONS, ids=lambda p: p.stem)
def test_the_edition_matches_its_golden_file(drafts, golden, letter):
    language = EDITIONS[letter]
    text = _output(drafts[letter], f".{language}.txt").read_text(encoding="utf-8")
    golden(f"{letter.stem}.{language}.txt", text)


def test_the_english_beside_the_german_is_still_the_reference_release(drafts):
    assert _output(drafts[CALLISTO], f"{CALLISTO.stem}.txt").read_bytes() == REFERENCE.read_bytes()


def test_the_german_edition_writes_german_dates_money_and_series(drafts):
    text = _output(drafts[CALLISTO], ".de.txt").read_text(encoding="utf-8")
    assert text.startswith("NEW YORK, 4. Januar 2007 /PRNewswire-FirstCall/ — Callisto Pharmaceuticals, Inc.")
    assert "\n3. Januar 2007\n" in text
    assert "2) die Weiterführung der klinischen Studie mit L-Annamycin bei erwachsenen Patienten mit akuter " \
        "lymphatischer Leukämie und 3) der Beginn" in text  # CLDR's German list: no serial comma
    assert "Callisto ist außerdem an der Frankfurter Wertpapierbörse unter dem Tickersymbol CA4 notiert." in text
    assert "\nZukunftsgerichtete Aussagen\n" in text  # the company's own approved German block
    assert "am 31. Dezember 2005 endende Geschäftsjahr" in text


def _document_text(draft, language: str) -> str:
    edition = next(e for e in draft.editions if e.language == language)
    from letterkit.document import inline_text, text_runs

    return "\n".join(inline_text(run, " ") for block in edition.composition.document.blocks for run in text_runs(block))


def test_the_french_edition_spaces_its_punctuation_the_canadian_way(drafts):
    text = _document_text(drafts[GLACIER], "fr")  # the Document: the wire text writes no-break spaces as spaces
    assert "VANCOUVER, BC / ACCESSWIRE / 7 avril 2026 / Glacier Ridge Minerals Corp. " \
        "(«\u00a0Glacier Ridge\u00a0» ou la «\u00a0Société\u00a0») (TSXV\u00a0:\u00a0GRM)\u00a0; (OTCQB" in text
    assert "Faits saillants\u00a0:" in text and "Source\u00a0: Glacier Ridge Minerals Corp." in text
    assert "Pour plus de renseignements\u00a0:" in text  # a label's colon, spaced where there was none
    assert "\u202f" not in text  # fr-CA: the no-break space, which ACCESSWIRE's windows-1252 carries
    assert "https://www.glacierridge.example/investors" in text and "https\u00a0:" not in text  # links untouched
    wire = _output(drafts[GLACIER], ".fr.txt").read_text(encoding="utf-8")
    assert "(TSXV : GRM) ; (OTCQB : GRMCF)" in wire


@pytest.mark.parametrize("letter", EDITIONS, ids=lambda p: p.stem)
def test_every_format_of_the_edition_carries_its_language_and_its_words(drafts, letter):
    language, draft = EDITIONS[letter], drafts[letter]
    locale = LOCALES[language]
    words = text_file_words(_output(draft, f".{language}.txt"))
    assert docx_words(_output(draft, f".{language}.docx")) == words
    edition = next(e for e in draft.editions if e.language == language)
    pages = pdftotext_pages(_output(draft, f".{language}.pdf"))
    assert body_words(pages, edition.composition.document.metadata.company) == words
    assert f'<html lang="{locale}">' in _output(draft, f".{language}.html").read_text(encoding="utf-8")
    assert PdfReader(_output(draft, f".{language}.pdf")).trailer["/Root"]["/Lang"] == locale
    with zipfile.ZipFile(_output(draft, f".{language}.docx")) as docx:
        styles = docx.read("word/styles.xml").decode()
    assert f'w:lang w:val="{locale}"' in styles  # Word proofs the text with that language's dictionary
    page, of = {"de": ("Seite", "von"), "fr": ("Page", "de")}[language]
    assert pages[0].rstrip().endswith(f"{page} 1 {of} {len(pages)}")  # letterkit's words in the edition's language
    with zipfile.ZipFile(_output(draft, f".{language}.docx")) as docx:
        footer = docx.read("word/footer1.xml").decode()
    assert f">{page} </w:t>" in footer and f"> {of} </w:t>" in footer


def test_the_editions_pdf_is_hyphenated_by_its_language(drafts):
    text = "".join(pdftotext_pages(_output(drafts[CALLISTO], ".de.pdf")))
    assert "Arzneimittelent\u2010\nwicklungsprogramme" in text  # pyphen's German dictionary
    english = "".join(pdftotext_pages(_output(drafts[CALLISTO], f"{CALLISTO.stem}.pdf")))
    assert "\u2010" not in english  # the English keeps the house rule: words stay whole


def test_the_manifest_records_each_editions_inputs_templates_and_outputs(drafts):
    draft = drafts[CALLISTO]
    manifest = json.loads((draft.written[0].parent / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["editions"] == ["en", "de"]
    roles = {entry["role"]: entry["file"] for entry in manifest["inputs"]}
    assert roles == {
        "letter": "callisto-2007-shareholder-letter.yaml",
        "company": "callisto.yaml",
        "letter translation (de)": "translations/callisto-2007-shareholder-letter.de.yaml",
        "company translation (de)": "translations/callisto.de.yaml",
    }
    german = {(t["slot"], t["template"], t["source"]) for t in manifest["templates"] if t.get("edition") == "de"}
    assert ("letter", "letters/shareholder-letter-de@1", "letterkit") in german
    assert ("dateline", "datelines/prnewswire-2007-de@1", "letterkit") in german
    assert ("forward_looking", "blocks/forward-looking-de@1", "company") in german
    outputs = {entry["file"]: entry.get("edition", "en") for entry in manifest["outputs"]}
    assert outputs[f"{CALLISTO.stem}.de.pdf"] == "de" and outputs[f"{CALLISTO.stem}.pdf"] == "en"
    assert "callisto-2007-shareho-ex99-1.htm" in outputs  # the SEC exhibit: the English only
    assert not any(name.endswith(".de.htm") for name in outputs)


def test_verify_passes_on_a_folder_with_editions(drafts, cli):
    folder = drafts[CALLISTO].written[0].parent
    result = cli(["verify", str(folder), "--companies", "data/companies"])
    assert result.exit_code == 0, result.output


def test_the_same_inputs_give_the_same_bytes_in_every_edition(drafts, tmp_path):
    again = drafting.draft(CALLISTO, out_dir=tmp_path / "again", languages=["en", "de"])
    first = drafts[CALLISTO]
    assert [p.name for p in again.written] == [p.name for p in first.written]
    for ours, theirs in zip(again.written, first.written, strict=True):
        assert ours.read_bytes() == theirs.read_bytes(), ours.name


# --- the command line ---------------------------------------------------------------


@pytest.fixture
def cli():
    from typer.testing import CliRunner

    runner = CliRunner()
    return lambda args: runner.invoke(app, args)


def test_draft_lang_drafts_only_the_named_edition_and_removes_the_others(workspace, cli):
    out = workspace / "out"
    assert cli(["draft", str(CALLISTO_ARG), "--lang", "en,de", "--out", "out"]).exit_code == 0
    assert (out / f"{CALLISTO.stem}.de.pdf").exists() and (out / f"{CALLISTO.stem}.pdf").exists()
    result = cli(["draft", "data/letters/callisto-2007-shareholder-letter.yaml", "--lang", "de", "--out", "out",
                  "-f", "txt"])
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in out.iterdir()) == [
        f"{CALLISTO.stem}.de.document.json", f"{CALLISTO.stem}.de.txt", "manifest.json",
    ]


def test_an_unknown_language_on_the_command_line_is_its_input_error(workspace, cli):
    result = cli(["draft", "data/letters/callisto-2007-shareholder-letter.yaml", "--lang", "de,xx"])
    assert (result.exit_code, result.output) == (2, "--lang: 'xx' is not a language CLDR knows\n"
                                                     "1 problem found; nothing was written.\n")


def test_redline_compares_two_drafts_of_one_edition(workspace, cli):
    letter = "data/letters/callisto-2007-shareholder-letter.yaml"
    assert cli(["draft", letter, "--lang", "en,de", "--out", "v1", "-f", "txt"]).exit_code == 0
    translation = workspace / CALLISTO_TRANSLATION
    text = translation.read_text(encoding="utf-8")
    translation.write_text(text.replace("Mit freundlichen Grüßen", "Mit besten Grüßen"), encoding="utf-8")
    result = cli(["redline", "v1", letter, "--lang", "de", "--out", "review/r.docx", "--format", "html"])
    assert result.exit_code == 0, result.output
    html = (workspace / "review" / "r.html").read_text(encoding="utf-8")
    assert "<del" in html and "freundlichen" in html and "besten" in html
    english = cli(["redline", "v1", letter, "--out", "review/e.docx", "--format", "html"])
    assert english.output.endswith("redline: no changes\n")  # the English did not change


def test_redline_of_a_folder_without_the_edition_says_which_it_has(workspace, cli):
    letter = "data/letters/callisto-2007-shareholder-letter.yaml"
    assert cli(["draft", letter, "--lang", "de", "--out", "v1", "-f", "txt"]).exit_code == 0
    result = cli(["redline", "v1", letter, "--out", "review/r.docx"])
    assert result.exit_code == 2
    assert result.output == (
        "v1:1:1: no *.document.json in this folder (it has the de edition: give --lang); redline needs exactly one "
        "(written by draft)\n1 problem found; nothing was written.\n"
    )


# --- translations are input --------------------------------------------------------


def _german_errors(workspace) -> list[str]:
    with pytest.raises(InputError) as caught:
        drafting.draft(Path("data/letters/callisto-2007-shareholder-letter.yaml"), languages=["de"],
                       out_dir=workspace / "out")
    assert not (workspace / "out").exists()  # nothing written
    return [str(problem) for problem in caught.value.problems]


def _edit_translation(workspace, old: str, new: str, translation: Path = CALLISTO_TRANSLATION) -> None:
    """Replace `old` in the translation file's text (its values unfolded first: folded lines break phrases)."""
    import yaml

    path = workspace / translation
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    text = yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=10_000)
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_a_missing_translation_file_names_the_fields_and_the_language(workspace):
    (workspace / CALLISTO_TRANSLATION).unlink()
    assert _german_errors(workspace) == [
        "data/letters/callisto-2007-shareholder-letter.yaml:12:12: release.summary: the German (de) edition needs "
        "a translation of 20 field(s) (release.summary, …): "
        "data/letters/translations/callisto-2007-shareholder-letter.de.yaml does not exist"
    ]


def test_a_field_without_its_translation_is_named_at_its_line(workspace):
    _edit_translation(workspace, "  letter.sign_off:\n    en: Very truly yours,\n    de: Mit freundlichen Grüßen\n", "")
    assert _german_errors(workspace) == [
        "data/letters/callisto-2007-shareholder-letter.yaml:79:13: letter.sign_off: has no German (de) translation "
        "in data/letters/translations/callisto-2007-shareholder-letter.de.yaml"
    ]


def _edit_letter(workspace, old: str, new: str) -> None:
    letter = workspace / CALLISTO_ARG
    text = letter.read_text(encoding="utf-8")
    assert old in text
    letter.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_a_translation_of_english_that_has_since_changed_is_stale(workspace):
    _edit_letter(workspace, "sign_off: Very truly yours,", "sign_off: Sincerely,")
    (problem,) = _german_errors(workspace)
    assert problem.endswith(
        "fields.letter.sign_off.en: the English field has changed since it was translated: translate the new "
        "English and copy it here"
    )
    assert problem.startswith("data/letters/translations/callisto-2007-shareholder-letter.de.yaml:")


def test_a_translation_of_a_field_the_letter_does_not_have_is_refused(workspace):
    _edit_translation(workspace, "  letter.title:", "  letter.titel:")
    problems = _german_errors(workspace)
    assert any(p.endswith("fields.letter.titel: 'letter.titel' is not a prose field of "
                          "data/letters/callisto-2007-shareholder-letter.yaml") for p in problems), problems
    assert any(p.endswith("letter.title: has no German (de) translation in "
                          "data/letters/translations/callisto-2007-shareholder-letter.de.yaml") for p in problems)


def test_a_translation_still_holding_a_placeholder_is_named_in_the_translation(workspace):
    _edit_translation(workspace, "de: Brief des CEO an die Aktionäre", "de: FILL IN")
    (problem,) = _german_errors(workspace)
    assert problem.startswith("data/letters/translations/callisto-2007-shareholder-letter.de.yaml:")
    assert problem.endswith("fields.letter.title.de: still a placeholder: replace 'FILL IN'")


def test_a_translation_for_another_language_or_letter_is_refused(workspace):
    _edit_translation(workspace, "language: de", "language: fr")
    _edit_translation(workspace, "translation_of: callisto-2007-shareholder-letter.yaml",
                      "translation_of: aurora-2026-letter-to-shareholders.yaml")
    problems = _german_errors(workspace)
    assert "language: must be 'de': the file's name says so" in " ".join(problems)
    assert "translation_of: must be 'callisto-2007-shareholder-letter.yaml', the file it translates" in " ".join(
        problems)


# --- the rules of an edition -------------------------------------------------------


def test_the_cross_edition_rule_passes_the_example_editions(drafts):
    for draft in drafts.values():
        assert [f for f in draft.findings if f.rule == "edition-figures"] == []


def test_an_edition_stating_another_figure_is_an_error(workspace):
    _edit_translation(workspace, "Privatplatzierung über 5,75 Mio. US-Dollar", "Privatplatzierung über 5,7 Mio. US-Dollar")
    draft = drafting.draft(CALLISTO_ARG, languages=["en", "de"], out_dir=workspace / "o")
    found = [str(f) for f in draft.findings if f.rule == "edition-figures"]
    assert found == [
        "data/letters/callisto-2007-shareholder-letter.yaml:5: error: edition-figures: (de) the de edition's the "
        "release's own text (lead, About, Forward-Looking) lacks 5.75 and states 5.7 the English does not: a "
        "translation must state the English release's figures, dates and tickers"
    ]


def test_an_edition_stating_another_figure_in_a_paragraph_names_that_field(workspace):
    translation = Path("data/letters/translations/glacier-ridge-2026-letter-to-shareholders.fr.yaml")
    _edit_translation(workspace, "à 612 mètres", "à 621 mètres", translation)
    letter = Path("data/letters/glacier-ridge-2026-letter-to-shareholders.yaml")
    draft = drafting.draft(letter, languages=["fr"], out_dir=workspace / "o")
    assert [str(f) for f in draft.findings if f.rule == "edition-figures"] == [
        "data/letters/glacier-ridge-2026-letter-to-shareholders.yaml:25: error: edition-figures: (fr) the fr "
        "edition's letter.body[0] lacks 612 and states 621 the English does not: a translation must state the "
        "English release's figures, dates and tickers"
    ]


@pytest.mark.parametrize(
    ("text", "language", "expected"),
    [
        ("On January 4, 2007 we closed $5,750,000 (AMEX: KAL)", "en", {"2007-01-04": 1, "5750000": 1, "AMEX: KAL": 1}),
        ("Am 4. Januar 2007 haben wir 5.750.000 US-Dollar (AMEX: KAL)", "de",
         {"2007-01-04": 1, "5750000": 1, "AMEX: KAL": 1}),
        ("Le 1er janvier 2007, 5\u00a0750\u00a0000 $ (TSXV\u00a0: GRM)", "fr",
         {"2007-01-01": 1, "5750000": 1, "TSXV: GRM": 1}),
        ("Dec. 20 and December 2006", "en", {"2007-12-20": 1, "2006-12": 1}),
        ("+1 604-555-0128", "fr", {"1": 1, "604": 1, "555": 1, "128": 1}),  # a phone number is not 1604
        ("you may see it", "en", {}),  # "may" is no month without a day or year
    ],
)
def test_figures_are_read_as_each_language_writes_them(text, language, expected):
    assert dict(figures(text, language, 2007)) == expected


def test_forward_looking_language_is_listed_in_the_editions_words(drafts):
    german = [f.message for f in drafts[CALLISTO].findings if f.rule == "forward-looking" and f.message.startswith("(de)")]
    assert any("(“freue mich darauf”)" in message for message in german), german
    assert any("(“Potenzial”)" in message for message in german)
    french = [f.message for f in drafts[GLACIER].findings if f.rule == "forward-looking" and f.message.startswith("(fr)")]
    assert any("“objectifs”" in message for message in french), french


def test_a_german_sentence_without_forward_looking_words_is_not_listed(workspace):
    _edit_translation(workspace, "Ich freue mich darauf, Sie in den kommenden Monaten weiter",
                      "Ich informiere Sie in den kommenden Monaten gern weiter")
    draft = drafting.draft(CALLISTO_ARG, languages=["de"], out_dir=workspace / "o")
    assert not any("letter.closing" in f.message for f in draft.findings if f.rule == "forward-looking")


def test_a_german_weekday_that_is_not_the_dates_is_an_error(workspace):
    _edit_translation(workspace, "Research-Update eines Analysten von First Berlin erhalten",
                      "Research-Update eines Analysten von First Berlin am Dienstag, 2. Januar 2007 erhalten")
    _edit_translation(workspace, "Außerdem haben wir kürzlich ein", "Am Montag, 1. Januar 2007 haben wir ein")
    draft = drafting.draft(CALLISTO_ARG, languages=["de"], out_dir=workspace / "o")
    # January 2, 2007 was a Tuesday (right); January 1, 2007 a Monday (right); so make one wrong:
    assert [f.message for f in draft.findings if f.rule == "weekday"] == []
    _edit_translation(workspace, "am Dienstag, 2. Januar 2007", "am Mittwoch, 2. Januar 2007")
    draft = drafting.draft(CALLISTO_ARG, languages=["de"], out_dir=workspace / "o")
    assert [f.message for f in draft.findings if f.rule == "weekday"] == [
        "(de) “Mittwoch, 2. Januar 2007”: 2. Januar 2007 is a Tuesday (Dienstag) in letter.milestones[2].text"
    ]


# --- CLDR's forms ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("amount", "currency", "tag", "expected"),
    [
        ("5750000", "USD", "de-DE", "5,75\u00a0Mio. US-Dollar"),
        ("750000", "USD", "de-DE", "750.000 US-Dollar"),
        ("5751234", "EUR", "de-DE", "5.751.234 Euro"),  # never rounded
        ("5750000", "CAD", "fr-CA", "5,75 millions de dollars canadiens"),
        ("1500000", "CAD", "fr-CA", "1,5 million de dollars canadiens"),
        ("750000.50", "CAD", "fr-CA", "750\u00a0000,5 dollars canadiens"),
    ],
)
def test_money_in_another_language_is_cldrs_and_never_rounded(amount, currency, tag, expected):
    assert locale_wording.money(Decimal(amount), currency, tag) == expected


def test_dates_in_another_language_are_cldrs_long_form():
    assert locale_wording.long_date(datetime.date(2007, 1, 4), "de-DE") == "4. Januar 2007"
    assert locale_wording.long_date(datetime.date(2026, 4, 7), "fr-CA") == "7 avril 2026"
    assert locale_wording.long_date(datetime.date(2026, 4, 1), "fr-CA") == "1er avril 2026"


def test_an_english_only_filter_in_another_languages_template_is_a_template_error(workspace, tmp_path):
    templates = tmp_path / "t"
    shutil.copytree(Path(__file__).parent.parent / "templates", templates)
    # The German letter as a draft that uses the English AP date filter (the only version there is).
    folder = templates / "letters" / "shareholder-letter-de"
    text = (folder / "v1.md.j2").read_text(encoding="utf-8")
    (folder / "v1.md.j2").write_text(text.replace("{{ letter.date | long_date }}", "{{ letter.date | ap_date }}"),
                                     encoding="utf-8")
    (folder / "versions.toml").write_text('[v1]\nstatus = "draft"\nnote = "uses ap_date"\n', encoding="utf-8")
    lock = json.loads((templates / "templates.lock").read_text(encoding="utf-8"))
    del lock["templates"]["letters/shareholder-letter-de@1"]  # a draft, as if never approved
    (templates / "templates.lock").write_text(json.dumps(lock), encoding="utf-8")
    from letterkit.errors import TemplateError
    from letterkit.project_config import open_store

    with pytest.raises(TemplateError) as caught:
        drafting.draft(Path("data/letters/callisto-2007-shareholder-letter.yaml"), languages=["de"],
                       store=open_store(templates), allow_draft_templates=True, out_dir=workspace / "o")
    assert str(caught.value).endswith(
        "letters/shareholder-letter-de@1: the ap_date filter writes English; a template for another language uses "
        "long_date"
    )


# --- letterkit translation -----------------------------------------------------------


def test_translation_writes_both_files_to_fill_in_and_never_overwrites(workspace, cli):
    letter = "data/letters/aurora-2026-letter-to-shareholders.yaml"
    result = cli(["translation", letter, "--lang", "de"])
    assert (result.exit_code, result.output) == (0, (
        "wrote data/letters/translations/aurora-2026-letter-to-shareholders.de.yaml: replace every FILL IN\n"
        "wrote data/companies/translations/aurora-grid.de.yaml: replace every FILL IN\n"
    ))
    path = workspace / "data/letters/translations/aurora-2026-letter-to-shareholders.de.yaml"
    text = path.read_text(encoding="utf-8")
    assert '  "release.headline":\n    en: "Aurora Grid Systems Issues Letter to Shareholders"\n    de: FILL IN\n' in text
    again = cli(["translation", letter, "--lang", "de"])
    assert again.output.startswith("kept data/letters/translations/aurora-2026-letter-to-shareholders.de.yaml: it "
                                   "exists (letterkit check --lang de says what it lacks)\n")
    assert path.read_text(encoding="utf-8") == text
    checked = cli(["check", letter, "--lang", "de"])
    assert checked.exit_code == 2
    assert "data/letters/translations/aurora-2026-letter-to-shareholders.de.yaml:6:13: translator: say who " \
        "translated it (a person, an agency)" in checked.output
    assert "fields.release.headline.de: still a placeholder: replace 'FILL IN'" in checked.output


def test_a_filled_in_skeleton_drafts(workspace, cli):
    import yaml

    letter = "data/letters/aurora-2026-letter-to-shareholders.yaml"
    assert cli(["translation", letter, "--lang", "de"]).exit_code == 0
    for path in (workspace / "data/letters/translations/aurora-2026-letter-to-shareholders.de.yaml",
                 workspace / "data/companies/translations/aurora-grid.de.yaml"):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        data["translator"] = "a test"
        for entry in data["fields"].values():
            entry["de"] = entry["en"]  # an "identity translation": every figure stays, words need not be German
        path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    result = cli(["draft", letter, "--lang", "de", "-f", "txt", "--out", "o"])
    # Aurora's wire has no German dateline: nothing English goes into a German release.
    assert (result.exit_code, result.output) == (3, (
        "template error: the German (de) edition needs the template datelines/businesswire-de, and there is none: "
        "write that edition's version and approve it (in your template folder); letterkit never prints English "
        "in another language's release\n"
    ))


def test_a_letter_listing_its_editions_drafts_them_all_by_default(workspace):
    _edit_letter(workspace, "company: callisto ", "editions: [en, de]\ncompany: callisto ")
    draft = drafting.draft(CALLISTO_ARG, out_dir=workspace / "o", formats=["txt"])
    assert [edition.language for edition in draft.editions] == ["en", "de"]
    assert (workspace / "o" / f"{CALLISTO.stem}.de.txt").exists()


def test_a_letter_listing_editions_that_do_not_start_with_english_is_refused(workspace):
    _edit_letter(workspace, "company: callisto ", "editions: [de]\ncompany: callisto ")
    with pytest.raises(InputError) as caught:
        drafting.draft(CALLISTO_ARG, out_dir=workspace / "o")
    assert [str(p) for p in caught.value.problems] == [
        "data/letters/callisto-2007-shareholder-letter.yaml:5:11: editions: must start with en: every edition is "
        "made from the English release legal approved"
    ]


def test_a_batch_drafts_the_editions_asked_for(workspace, cli):
    folder = workspace / "data" / "one"
    (folder / "translations").mkdir(parents=True)
    shutil.copy(workspace / CALLISTO_ARG, folder)
    shutil.copy(workspace / CALLISTO_TRANSLATION, folder / "translations")
    result = cli(["draft", "data/one/", "--lang", "en,de", "-f", "txt", "--jobs", "1", "--out", "built"])
    assert result.exit_code == 0, result.output
    assert (workspace / "built" / CALLISTO.stem / f"{CALLISTO.stem}.de.txt").read_text(encoding="utf-8") == (
        Path(__file__).parent / "golden" / f"{CALLISTO.stem}.de.txt").read_text(encoding="utf-8")


def test_defined_terms_take_the_languages_quotation_marks_and_articles():
    assert locale_wording.defined_terms(["Callisto", "die Gesellschaft"], "or", "de") == \
        "(„Callisto“ oder die „Gesellschaft“)"
    assert locale_wording.defined_terms(["Glacier Ridge", "la Société"], "or", "fr") == \
        "(«\u00a0Glacier Ridge\u00a0» ou la «\u00a0Société\u00a0»)"


def test_a_french_weekday_that_is_not_the_dates_is_an_error(workspace):
    translation = Path("data/letters/translations/glacier-ridge-2026-letter-to-shareholders.fr.yaml")
    letter = Path("data/letters/glacier-ridge-2026-letter-to-shareholders.yaml")
    _edit_translation(workspace, "lors de la visite du site en août", "lors de la visite du site le samedi 8 août",
                      translation)
    assert [f for f in drafting.draft(letter, languages=["fr"], out_dir=workspace / "o").findings
            if f.rule == "weekday"] == []  # August 8, 2026 is a Saturday
    _edit_translation(workspace, "le samedi 8 août", "le vendredi 8 août", translation)
    draft = drafting.draft(letter, languages=["fr"], out_dir=workspace / "o")
    assert [f.message for f in draft.findings if f.rule == "weekday"] == [
        "(fr) “vendredi 8 août”: 8 août 2026 is a Saturday (samedi) (year 2026 assumed) in letter.body[4].text"
    ]


def test_validate_checks_the_translations_asked_for(workspace, cli):
    letter = "data/letters/callisto-2007-shareholder-letter.yaml"
    result = cli(["validate", letter, "--lang", "de"])
    assert (result.exit_code, result.output) == (0, (
        "data/letters/callisto-2007-shareholder-letter.yaml: ok (company profile data/companies/callisto.yaml; "
        "the de translations too)\n"
    ))
    _edit_translation(workspace, "de: Brief des CEO an die Aktionäre", "de: FILL IN")
    result = cli(["validate", letter, "--lang", "de"])
    assert result.exit_code == 2
    assert result.output.endswith("fields.letter.title.de: still a placeholder: replace 'FILL IN'\n"
                                  "1 problem found; nothing was written.\n")


def test_a_translation_file_that_is_a_link_out_of_its_folder_is_refused(workspace, tmp_path):
    outside = tmp_path / "elsewhere.yaml"
    path = workspace / CALLISTO_TRANSLATION
    outside.write_bytes(path.read_bytes())
    path.unlink()
    path.symlink_to(outside)
    (problem,) = _german_errors(workspace)
    assert problem.startswith("data/letters/translations/callisto-2007-shareholder-letter.de.yaml:1:1: is a "
                              "symbolic link to ")
    assert problem.endswith(", outside data/letters; refused")


def test_a_broken_translation_file_is_its_syntax_error_at_its_line(workspace):
    path = workspace / CALLISTO_TRANSLATION
    path.write_text(path.read_text(encoding="utf-8").replace("fields:\n", "fields: [\n", 1), encoding="utf-8")
    problems = _german_errors(workspace)
    assert problems and all(p.startswith("data/letters/translations/callisto-2007-shareholder-letter.de.yaml:")
                            for p in problems), problems


def test_a_translation_that_is_not_text_is_refused(workspace):
    _edit_translation(workspace, "de: Mit freundlichen Grüßen", "de: [Mit, freundlichen, Grüßen]")
    (problem,) = _german_errors(workspace)
    assert problem.endswith("fields.letter.sign_off: en and de must be text")


def test_an_edition_pins_its_own_template_versions(workspace):
    _edit_letter(workspace, "company: callisto ", "templates:\n  editions:\n    de: {letter: 1, dateline: 1}\ncompany: callisto ")
    drafting.draft(CALLISTO_ARG, languages=["en", "de"], out_dir=workspace / "o", formats=["txt"])
    manifest = json.loads((workspace / "o" / "manifest.json").read_text(encoding="utf-8"))
    pinned = {(t.get("edition", "en"), t["slot"]) for t in manifest["templates"] if t["pinned"]}
    assert pinned == {("de", "letter"), ("de", "dateline")}


def test_an_editions_pin_of_a_version_that_does_not_exist_is_an_input_error_at_its_line(workspace):
    _edit_letter(workspace, "company: callisto ", "templates:\n  editions:\n    de: {letter: 9}\ncompany: callisto ")
    assert _german_errors(workspace) == [
        "data/letters/callisto-2007-shareholder-letter.yaml:7:18: templates.editions.de.letter: template "
        "letters/shareholder-letter-de has no version 9 (versions: 1)"
    ]


def test_ascii_text_of_an_edition_is_checked_as_ascii_too(workspace):
    # A German edition on an ASCII-only feed loses its umlauts: each is an error, not a silent change.
    draft = drafting.draft(CALLISTO_ARG, languages=["de"], out_dir=workspace / "o", formats=["txt"], ascii=True)
    charset = [str(f) for f in draft.findings if f.rule == "wire-charset"]
    assert "data/letters/callisto-2007-shareholder-letter.yaml:45: error: wire-charset: (de) 'ß' (U+00DF LATIN " \
        "SMALL LETTER SHARP S) is outside the ASCII text (--ascii); the wire may print it garbled; in " \
        "letter.milestones[2].text" in charset
    english = drafting.draft(CALLISTO_ARG, out_dir=workspace / "e", formats=["txt"], ascii=True)
    assert not [f for f in english.findings if f.rule == "wire-charset"]
