"""Every text value of the validated inputs, with the file and path it came from.

Checks that read prose (glyph coverage, forward-looking words, stale years)
walk these so each finding can name `file:line` and the field. A field in
letterkit Markdown gives the words of each of its paragraphs, items and cells,
as the release prints them.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass

from pydantic import BaseModel

from letterkit.document import inline_text, text_runs
from letterkit.inputs.load import Inputs
from letterkit.inputs.text_types import MarkdownText
from letterkit.inputs.yaml_source import Path_, YamlSource


@dataclass(frozen=True)
class TextField:
    source: YamlSource
    path: Path_
    text: str


def text_fields(inputs: Inputs) -> Iterator[TextField]:
    """The letter's text values, then the company profile's, in document order."""
    for source, model in ((inputs.letter_source, inputs.letter), (inputs.company_source, inputs.company)):
        for path, text in _strings(model, ()):
            yield TextField(source, path, text)


def field_containing(inputs: Inputs, char: str, convert: Callable[[str], str] = str) -> TextField | None:
    """The first input field whose text (as `convert` prints it) contains `char`; None if a template added it."""
    return next((field for field in text_fields(inputs) if char in convert(field.text)), None)


def _strings(value: object, path: Path_) -> Iterator[tuple[Path_, str]]:
    if isinstance(value, MarkdownText):
        # What the release prints of it: the words of each paragraph, item or cell, without the markup.
        runs = [run for block in value.blocks for run in text_runs(block)] if value.blocks else [value.inlines]
        for run in runs:
            yield path, inline_text(run, " ")
    elif isinstance(value, str):
        yield path, value
    elif isinstance(value, BaseModel):
        for name in type(value).model_fields:
            yield from _strings(getattr(value, name), (*path, name))
    elif isinstance(value, list | tuple):
        for index, item in enumerate(value):
            yield from _strings(item, (*path, index))
