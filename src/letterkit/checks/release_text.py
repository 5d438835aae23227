"""The composed release as passages of text, each word traced to the input field it came from.

Rules read what the wire will print (the Document), but report at the input
line that produced the words. A passage is one heading, paragraph or list
item. Each input text field's value is located inside the passages, so
`Passage.field_at(offset)` names the field behind a word, or None for words a
template wrote (the dateline, "About …", a sentence built from a financing's
fields); those are reported at the field that drives the template.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import cached_property
from typing import TYPE_CHECKING

from letterkit.document import Document, inline_text, text_runs
from letterkit.findings import Finding, Severity, finding_at
from letterkit.inputs.fields import TextField, text_fields
from letterkit.inputs.load import Inputs
from letterkit.inputs.yaml_source import Path_, format_path

if TYPE_CHECKING:
    from letterkit.compose.composer import Composition

# Which part of the release a passage belongs to. "letter" is everything the
# letter's own inputs write: headline, lead, the letter and its sign-off.
LETTER, SIGNATURES, ABOUT, FORWARD_LOOKING, OTHER_BOILERPLATE, CONTACTS, END = (
    "letter", "signatures", "about", "forward-looking", "boilerplate", "contacts", "end",
)  # fmt: skip



@dataclass(frozen=True)
class Passage:
    role: str
    section: str
    text: str
    spans: tuple[tuple[int, int, TextField], ...]  # (start, end, field) of located field values

    def field_at(self, offset: int) -> TextField | None:
        return next((field for start, end, field in self.spans if start <= offset < end), None)


class ReleaseText:
    """What every rule reads, built once per letter and shared: the inputs, the composition, and
    (on first use) the release's passages with the field behind each word."""

    def __init__(self, inputs: Inputs, composition: Composition) -> None:
        self.inputs = inputs
        self.composition = composition

    @cached_property
    def passages(self) -> tuple[Passage, ...]:
        return tuple(passages(self.inputs, self.composition.document))


def passages(inputs: Inputs, document: Document) -> list[Passage]:
    """Every heading, paragraph, list item, table cell and quoted paragraph, in order, with its section."""
    index = _FieldIndex(text_fields(inputs))
    found: list[Passage] = []
    for block in document.blocks:
        section = section_of(block.role)
        for inlines in text_runs(block):
            text = inline_text(inlines, " ").replace("\u00a0", " ")  # typesetting's spaces are spaces to a rule
            found.append(Passage(block.role, section, text, index.spans(text)))
    return found


_SECTIONS = {
    "signature": SIGNATURES,
    "about-heading": ABOUT,
    "about": ABOUT,
    "forward-looking-heading": FORWARD_LOOKING,
    "forward-looking": FORWARD_LOOKING,
    "boilerplate-heading": OTHER_BOILERPLATE,
    "boilerplate": OTHER_BOILERPLATE,
    "contacts-heading": CONTACTS,
    "contact": CONTACTS,
    "source": END,
    "end-marker": END,
}


def section_of(role: str) -> str:
    """The part of the release a block of `role` belongs to: its role says so, never its words."""
    return _SECTIONS.get(role, LETTER)


class _FieldIndex:
    """Finds which input fields' values a passage holds, by looking up the text at each word start
    in a table of the fields' first characters, not by searching the passage for every field."""

    KEY = 16  # characters of a field's value the table is keyed by

    def __init__(self, fields: list[TextField]) -> None:
        # Longest first, then in the inputs' order: the longest value is the most specific owner of its words.
        ordered = sorted((field for field in fields if field.text), key=lambda field: -len(field.text))
        self.rank = {id(field): number for number, field in enumerate(ordered)}
        self.by_key: dict[str, list[TextField]] = {}
        self.folded = {id(field): fold_quotes(field.text) for field in ordered}
        for field in ordered:
            self.by_key.setdefault(self.folded[id(field)][: self.KEY], []).append(field)
        # The key lengths to try after each first character: most word starts (a space, a
        # digit no field begins with) then need no lookup at all.
        lengths: dict[str, set[int]] = {}
        for key in self.by_key:
            lengths.setdefault(key[0], set()).add(len(key))
        self.lengths_by_first = {first: sorted(found) for first, found in lengths.items()}
        self.starts = _start_pattern(self.lengths_by_first)

    def spans(self, text: str) -> tuple[tuple[int, int, TextField], ...]:
        # Typesetting made the typed straight quotes curly: both sides are compared with plain ones.
        text = fold_quotes(text)
        found: list[tuple[int, int, int, TextField]] = []  # (rank, start, end, field)
        for match in self.starts.finditer(text) if self.starts else ():
            start = match.start()
            for length in self.lengths_by_first[text[start]]:
                for field in self.by_key.get(text[start : start + length], ()):
                    if text.startswith(self.folded[id(field)], start):
                        found.append((self.rank[id(field)], start, start + len(field.text), field))
        taken: list[tuple[int, int, TextField]] = []
        for _, start, end, field in sorted(found, key=lambda hit: (hit[0], hit[1])):
            if not any(start < e and s < end for s, e, _ in taken):
                taken.append((start, end, field))
        return tuple(sorted(taken, key=lambda span: span[0]))


_PLAIN_QUOTES = str.maketrans("\u2018\u2019\u201c\u201d", "''\"\"")


def fold_quotes(text: str) -> str:
    """Typographic quotes as straight ones: one character for one, so offsets stay valid."""
    return text.translate(_PLAIN_QUOTES)


def _start_pattern(firsts: Iterable[str]) -> re.Pattern[str] | None:
    """Where a field's value can begin, among the characters fields begin with.

    A value that begins with a letter or digit begins a word (the text's start, or after a
    character that is neither); one that begins otherwise ("$", "(", a quote) can begin
    anywhere. `[^\\W_]` is a letter or digit as str.isalnum has it.
    """
    word, other = sorted(c for c in firsts if c.isalnum()), sorted(c for c in firsts if not c.isalnum())
    parts = []
    if word:
        parts.append(f"(?<![^\\W_])(?=[{''.join(map(re.escape, word))}])")
    if other:
        parts.append(f"(?=[{''.join(map(re.escape, other))}])")
    return re.compile("|".join(parts)) if parts else None


# --- sentences --------------------------------------------------------------------

# A period after these is not a sentence end ("Dr. Jacob", "Callisto Pharmaceuticals, Inc. (AMEX…").
_ABBREVIATIONS = frozenset(
    "Dr Mr Mrs Ms Prof Inc Corp Co Ltd Jr Sr St No Nos vs etc e.g i.e U.S U.K Ph.D M.D M.B.A "
    "Jan Feb Aug Sept Oct Nov Dec Ala Ariz Ark Calif Colo Conn Del Fla Ga Ill Ind Kan Ky La Md "
    "Mass Mich Minn Miss Mo Mont Neb Nev N.H N.J N.M N.Y N.C N.D Okla Ore Pa R.I S.C S.D Tenn "
    "Vt Va Wash W.Va Wis Wyo".split()
)
_SENTENCE_END = re.compile(r"[.!?][”’\"')\]]*\s+(?=[“‘\"'(\[]?[A-Z0-9])")


def sentences(text: str) -> Iterator[tuple[int, int]]:
    """(start, end) of each sentence of `text`."""
    start = 0
    for match in _SENTENCE_END.finditer(text):
        before = text[start : match.start()].split()
        last_word = before[-1] if before else ""
        if text[match.start()] == "." and (last_word in _ABBREVIATIONS or _is_initial(last_word)):
            continue
        yield start, match.start() + 1
        start = match.end()
    if text[start:].strip():
        yield start, len(text)


def _is_initial(word: str) -> bool:
    """"S" in "Gary S. Jacob", "M.D" in "M.D. Anderson"."""
    return bool(re.fullmatch(r"(?:[A-Z]\.)*[A-Z]", word))


def excerpt(text: str, *, around: int = 0, limit: int = 90) -> str:
    """`text` shortened to about `limit` characters for a one-line message, keeping `text[around]` in view."""
    if len(text) <= limit:
        return text
    start = max(0, min(around - limit // 3, len(text) - limit))
    if start > 0:
        start = text.find(" ", start) + 1 or start  # begin at a word
    end = start + limit
    shown = text[start:end].rsplit(" ", 1)[0] if end < len(text) else text[start:]
    return ("…" if start > 0 else "") + shown + ("…" if end < len(text) else "")


# --- placing findings -----------------------------------------------------------


def finding_in(
    inputs: Inputs,
    passage: Passage,
    offset: int,
    severity: Severity,
    rule: str,
    message: str,
    *,
    driver: Path_ = ("release", "date"),
) -> Finding:
    """A finding at the field behind `passage.text[offset]`; for template words, at the letter's `driver` field.

    The field's path is appended to the message, so the user sees which value to edit.
    """
    field = passage.field_at(offset)
    if field is None:
        return finding_at(inputs.letter_source, driver, severity, rule, f"{message} (written by a template)")
    return finding_at(field.source, field.path, severity, rule, f"{message} in {format_path(field.path)}")
