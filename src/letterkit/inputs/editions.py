"""Editions: the same release in other languages, each made from the English inputs and a translation."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from letterkit.errors import InputError, Problem
from letterkit.inputs.load import Inputs
from letterkit.inputs.schema import Company, LetterFile
from letterkit.inputs.translation import ENGLISH, TranslatedSource, translate
from letterkit.inputs.validation import validate
from letterkit.inputs.yaml_source import YamlSource


def listed_editions(inputs: Inputs) -> tuple[str, ...]:
    """The editions a draft makes unless told: the letter's list, else the profile's, else English alone."""
    return tuple(inputs.letter.editions or inputs.company.editions or (ENGLISH,))


def chosen_editions(inputs: Inputs, languages: Sequence[str] | None) -> tuple[str, ...]:
    """`--lang` as given (English first when drafted), else the listed editions."""
    if not languages:
        return listed_editions(inputs)
    return tuple(dict.fromkeys(sorted(languages, key=lambda language: language != ENGLISH)))


def edition_inputs(inputs: Inputs, language: str, templates: object) -> Inputs:
    """`inputs` in `language`: every prose field translated, everything else the English file's."""
    if language == ENGLISH:
        return inputs
    letter_source = translate(inputs.letter_source, inputs.letter_path, language)
    company_source = translate(inputs.company_source, inputs.company_path, language)
    problems: list[Problem] = letter_source.problems + company_source.problems
    letter = company = None
    if letter_source.data is not None and company_source.data is not None:  # every problem at once
        letter, letter_problems = validate(LetterFile, letter_source, {"templates": templates})
        company, company_problems = validate(Company, company_source)
        problems += letter_problems + company_problems
    if problems or letter is None or company is None:
        raise InputError(sorted(set(problems)))
    return replace(
        inputs, letter=letter, company=company, letter_source=letter_source, company_source=company_source,
        language=language,
    )


def translation_sources(inputs: Inputs) -> list[tuple[str, YamlSource]]:
    """(role, translation file) of an edition's inputs, for the manifest: what its prose was read from."""
    found = []
    for role, source in (("letter", inputs.letter_source), ("company", inputs.company_source)):
        if isinstance(source, TranslatedSource) and source.translated:
            assert source.translation is not None
            found.append((f"{role} translation ({inputs.language})", source.translation))
    return found
