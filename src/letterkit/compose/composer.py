"""Compose: validated inputs + versioned templates -> one Document.

The letter template is rendered by Jinja2 into Markdown, which markdown-it
parses into blocks. Which template versions were used is recorded on the
result, so outputs can say exactly what produced them.

Each slot takes the letter's pin, else the latest approved version. A draft
version is used only when the caller allows drafts (`--allow-draft-templates`),
and an approved one only if it still matches templates.lock. Templates can
include only the versions selected here, so nothing unchecked is rendered.

Three kinds of text meet in a release, each handled once:
- what templates write (the dateline, the lead, sentences built from a
  financing's fields, the boilerplate blocks), rendered by Jinja2;
- the letter's own prose (letterkit Markdown, headings, lists, tables,
  quotations), built into blocks here (content.py) and placed where the
  template prints its placeholder, so user text is never re-read as Markdown
  inside a template's output;
- the company's boilerplate blocks, selected from the company's own folder
  first, each fenced with its kind (about, forward-looking, other) so its
  blocks get their roles whatever the block's text says.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING
from weakref import WeakKeyDictionary

from jinja2 import TemplateError as JinjaTemplateError
from jinja2 import UndefinedError

from letterkit.compose.approval import verify_selected
from letterkit.compose.content import BodyContent, build_content
from letterkit.compose.jinja_env import make_environment
from letterkit.compose.sandbox import LetterSandbox, TemplateLimitExceeded, render_within_limits
from letterkit.compose.template_data import as_template_data
from letterkit.compose.template_store import COMPANY, SHIPPED, USER, TemplateStore, TemplateVersion, parse_ref
from letterkit.compose.typesetting import typeset_document
from letterkit.document import Document, DocumentError, Metadata
from letterkit.errors import InputError, TemplateError, display_path
from letterkit.inputs.load import Inputs
from letterkit.inputs.schema import Contact, EditionPins, TemplatePins
from letterkit.locale_wording import edition_css, locale_tag, word
from letterkit.markdown_reader import Reading, read_markdown
from letterkit.template_names import BLOCKS_GROUP, OPTIONAL_SLOTS, block_slot, edition_template, template_slots

if TYPE_CHECKING:
    from letterkit.house_style import HouseStyle

DEFAULT_SUBJECT = "Letter to shareholders"


@dataclass(frozen=True)
class Selection:
    """The version a slot uses, and why."""

    version: TemplateVersion
    pinned: bool  # the letter named this version
    latest_approved: TemplateVersion | None  # of the same template, for "pinned but not latest" warnings
    kind: str | None = None  # for a boilerplate block: about, forward-looking or boilerplate


@dataclass(frozen=True)
class Composition:
    document: Document
    selections: dict[str, Selection]  # slot ("letter", "about", "block:reporting", …) -> version used
    markdown: str  # what the letter template rendered, for debugging templates

    @property
    def templates(self) -> dict[str, TemplateVersion]:
        return {slot: selection.version for slot, selection in self.selections.items()}

    @property
    def house_style(self) -> HouseStyle | None:
        """The selected styles/house version, read; None in a template folder that has none."""
        from letterkit.house_style import read_house_style

        version = self.templates.get("house_style")
        return None if version is None else read_house_style(version)

    @property
    def stylesheet(self) -> str:
        """The PDF's CSS: the selected styles/print version with the house style's rules (and fonts)."""
        from letterkit.house_css import stylesheet_with_house_rules

        css = stylesheet_with_house_rules(self.templates["print_style"].text, self.house_style, for_print=True)
        return css + edition_css(self.document.metadata.language.split("-")[0])

    @property
    def screen_stylesheet(self) -> str:
        """The saved HTML's CSS: as the PDF's, but loading no file (the .html stands on its own)."""
        from letterkit.house_css import stylesheet_with_house_rules

        return stylesheet_with_house_rules(self.templates["print_style"].text, self.house_style, for_print=False)

    def style_assets(self) -> list[tuple[TemplateVersion, str]]:
        """(the template that uses it, asset) for every file the look loads: the stylesheet's, the house fonts."""
        from letterkit.compose.approval import referenced_assets

        slots = [slot for slot in ("print_style", "house_style") if slot in self.templates]
        return [(self.templates[slot], asset) for slot in slots for asset in referenced_assets(self.templates[slot])]

    def boilerplate(self, kind: str) -> list[TemplateVersion]:
        """The selected boilerplate blocks of one kind, in print order."""
        return [s.version for s in self.selections.values() if s.kind == kind]


def letter_store(store: TemplateStore, inputs: Inputs) -> TemplateStore:
    """The store a letter's templates come from: with its company's own blocks over the others."""
    return store.with_company(inputs.company_folder)


def select_templates(store: TemplateStore, inputs: Inputs, *, allow_drafts: bool = False) -> dict[str, Selection]:
    """The version of each template slot: the letter's pin, else the latest approved.

    An optional slot whose template does not exist (a wire style without house rules) is left out.
    """
    letter = inputs.letter
    store = letter_store(store, inputs)
    pins = edition_pins(inputs)
    slots: dict[str, tuple[str, int | None, str | None]] = {}  # slot -> (template, pin, kind)
    for slot, name in template_slots(letter.release.wire).items():
        if slot in ("about", "forward_looking"):  # the profile says which blocks print
            continue
        name = edition_template(name, inputs.language)
        pin = getattr(pins, slot)
        if slot in OPTIONAL_SLOTS and not store.versions(name):
            if pin is not None:
                message = f"pins {name}@{pin}, but there is no template {name}"
                raise TemplateError(str(inputs.letter_source.problem(("templates", slot), message)))
            continue
        slots[slot] = (name, pin, None)
    for entry in inputs.company.boilerplate:
        slot = block_slot(entry.block)
        pin = getattr(pins, slot, None) if slot in ("about", "forward_looking") else pins.blocks.get(entry.block)
        slots[slot] = (edition_template(f"{BLOCKS_GROUP}/{entry.block}", inputs.language), pin, entry.kind)
    selections = {
        slot: select_version(store, inputs, slot, name, pin, kind=kind, allow_drafts=allow_drafts)
        for slot, (name, pin, kind) in slots.items()
    }
    _check_shipped_about(inputs, selections)
    return selections


# The slots whose template has a version per language; the others (styles, wire rules) are shared.
LANGUAGE_SLOTS = ("letter", "about", "forward_looking", "dateline")


def edition_pins(inputs: Inputs) -> TemplatePins:
    """The letter's pins for its edition: the English ones, with an edition's own for what has a language."""
    pins = inputs.letter.templates
    if inputs.language == "en":
        return pins
    own = pins.editions.get(inputs.language, EditionPins())
    return pins.model_copy(update={**{slot: getattr(own, slot) for slot in LANGUAGE_SLOTS}, "blocks": own.blocks})


def select_version(
    store: TemplateStore,
    inputs: Inputs,
    slot: str,
    name: str,
    pin: int | None,
    *,
    kind: str | None = None,
    allow_drafts: bool = False,
) -> Selection:
    """The version of template `name` a slot uses: `pin`, else the latest approved; drafts only if allowed;
    an approved one only if it still matches templates.lock. `store`: letter_store's (company blocks first)."""
    latest = store.latest_approved(name)
    if not store.has(name):
        raise TemplateError(_no_template_message(inputs, name, slot))
    if pin is not None:
        if inputs.language != "en" and not store.has(name, pin):  # the English pins were checked as it loaded
            known = ", ".join(str(v.version) for v in store.versions(name))
            message = f"template {name} has no version {pin} (versions: {known})"
            raise InputError([inputs.letter_source.problem(_pin_path(slot, inputs.language), message)])
        version = store.get(name, pin)
    elif latest is not None:
        version = latest
    elif allow_drafts:
        version = store.get(name)
    else:
        versions = ", ".join(str(v.version) for v in store.versions(name))
        where = _approve_options(inputs, store.get(name))
        raise TemplateError(
            f"{name} has no approved version (versions: {versions}); "
            f"approve one with: letterkit templates approve {name}@N{where} --by \"…\""
        )
    if not version.info.approved and not allow_drafts:
        message = (
            f"{version.ref} is a draft, not approved: approve it with "
            f"letterkit templates approve {version.ref}{_approve_options(inputs, version)} --by \"…\", or draft "
            "with --allow-draft-templates (the manifest records that)"
        )
        raise TemplateError(
            str(inputs.letter_source.problem(_pin_path(slot, inputs.language), message)) if pin else message
        )
    verify_selected(version, store)
    return Selection(version, pin is not None, latest, kind)


def _check_shipped_about(inputs: Inputs, selections: dict[str, Selection]) -> None:
    """letterkit's About block is made of the profile's about sentences: it cannot be printed without them."""
    about = selections.get("about")
    if about is None or about.version.source != SHIPPED or inputs.company.about:
        return
    message = (
        "letterkit's About block is built from the profile's about sentences, and this profile has none: add "
        f"about, keep the company's own approved About in {display_path(inputs.company_folder)}/blocks/about/, "
        "or leave about out of boilerplate"
    )
    raise InputError([inputs.company_source.problem(("boilerplate",), message, key=True)])


def _approve_options(inputs: Inputs, version: TemplateVersion) -> str:
    """What `templates approve` needs to find a version outside letterkit's folder."""
    if version.source == COMPANY:
        folder = inputs.company_folder
        return f" --company {folder.name} --companies {display_path(folder.parent)}"
    if version.source == USER:
        return f" --templates {display_path(version.root)}"
    return ""


def _pin_path(slot: str, language: str = "en") -> tuple[str, ...]:
    where = ("templates",) if language == "en" else ("templates", "editions", language)
    return (*where, "blocks", slot.removeprefix("block:")) if slot.startswith("block:") else (*where, slot)


def _no_template_message(inputs: Inputs, name: str, slot: str) -> str:
    if inputs.language != "en":
        from letterkit.inputs.translation import language_name

        where = display_path(inputs.company_folder / name) if name.startswith(f"{BLOCKS_GROUP}/") else None
        own = f" (a block of the company's own goes in {where}/)" if where else " (in your template folder)"
        return (
            f"the {language_name(inputs.language)} ({inputs.language}) edition needs the template {name}, and "
            f"there is none: write that edition's version and approve it{own}; letterkit never prints English "
            "in another language's release"
        )
    if name.startswith(f"{BLOCKS_GROUP}/"):
        where = display_path(inputs.company_folder / name)
        return str(
            inputs.company_source.problem(
                ("boilerplate",),
                f"no block {name!r}: neither the company's folder ({where}/v1.md.j2, …) nor letterkit has one",
            )
        )
    return f"no template named {name!r}"


class _SelectedTemplates:
    """What the Jinja loader may serve: the selected versions and nothing else."""

    def __init__(self, selections: dict[str, Selection]):
        self._by_ref = {s.version.ref: s.version for s in selections.values()}

    def get_ref(self, ref: str) -> TemplateVersion:
        parse_ref(ref)
        if ref not in self._by_ref:
            raise TemplateError(f"{ref} is not one of the templates selected for this letter ({', '.join(self._by_ref)})")
        return self._by_ref[ref]


# One Jinja2 environment per store and set of selected versions, so each template is
# compiled once per process rather than once per letter (a batch worker drafts many
# letters with one store). An environment still serves only its own selection.
_ENVIRONMENTS: WeakKeyDictionary[TemplateStore, dict[tuple[str, ...], LetterSandbox]] = WeakKeyDictionary()


def environment(store: TemplateStore, selections: dict[str, Selection], locale: str = "en-US") -> LetterSandbox:
    by_selection = _ENVIRONMENTS.setdefault(store, {})
    key = (locale, *sorted(f"{selection.version.ref}:{selection.kind}" for selection in selections.values()))
    if key not in by_selection:
        kinds = {s.version.ref: s.kind for s in selections.values() if s.kind is not None}
        by_selection[key] = make_environment(_SelectedTemplates(selections), kinds, locale=locale)
    return by_selection[key]


def edition_locale(inputs: Inputs) -> str:
    """The BCP 47 tag of the edition: en-US for English (as ever), else the language in the company's region."""
    if inputs.language == "en":
        return "en-US"
    headquarters = inputs.company.headquarters
    return locale_tag(inputs.language, headquarters.country if headquarters is not None else None)


def compose(inputs: Inputs, store: TemplateStore, *, allow_draft_templates: bool = False) -> Composition:
    selections = select_templates(store, inputs, allow_drafts=allow_draft_templates)
    templates = {slot: selection.version for slot, selection in selections.items()}
    env = environment(letter_store(store, inputs), selections, edition_locale(inputs))
    content = build_content(inputs)
    context = _context(inputs, selections, content)
    letter_template = templates["letter"]
    markdown, reading = render_markdown(
        env,
        templates,
        letter_template,
        context,
        inserts=content.inserts,
        input_error=lambda exc: _dateline_needs_a_city(inputs, exc),
    )
    _check_placed(letter_template, content, reading.inserted)
    return Composition(typeset_document(Document(_metadata(inputs), reading.blocks)), selections, markdown)


def render_markdown(
    env: LetterSandbox,
    templates: dict[str, TemplateVersion],
    template: TemplateVersion,
    context: dict[str, object],
    *,
    inserts: dict | None = None,
    input_error: Callable[[Exception], InputError | None] = lambda exc: None,
) -> tuple[str, Reading]:
    """Render `template` (one of the selected `templates`) to Markdown and read it into blocks.

    Whatever goes wrong is the template's error, at the template file and line where it went
    wrong, never an internal one; `input_error` may name an input mistake behind a failure instead.
    """
    try:
        markdown = render_within_limits(lambda: env.get_template(template.ref).generate(context))
    except TemplateError as exc:  # raised by letterkit's own filters or finalize
        raise TemplateError(f"{_where(exc, templates, template)}{exc}") from exc
    except Exception as exc:  # whatever a template did: it is the template's error, never an internal one
        behind = input_error(exc)
        if behind is not None:
            raise behind from None
        raise TemplateError(f"{_where(exc, templates, template)}{_describe(exc)}") from exc
    try:
        reading = read_markdown(markdown, inserts=inserts or {}, origin=template.ref)
    except DocumentError as exc:  # named after the boilerplate block it came from, if it did
        raise TemplateError(f"{exc.origin or template.ref}: {exc}") from exc
    return markdown, reading


def _check_placed(template: TemplateVersion, content: BodyContent, inserted: tuple[str, ...]) -> None:
    """Every part of the letter's own content is printed, once: a template cannot drop or repeat it."""
    twice = sorted({key for key in inserted if inserted.count(key) > 1})
    if twice:
        raise TemplateError(f"{template.ref} prints {', '.join(twice)} more than once")
    # A template of the letter's fixed shape (letters/shareholder-letter@1) prints the fixed
    # fields itself and no placeholder; then only what it cannot know of must be missing.
    required = set(content.inserts) if inserted else set(content.inserts) - content.fixed_shape
    missing = sorted(required - set(inserted))
    if missing:
        raise TemplateError(
            f"{template.ref} does not print {', '.join(missing)}: a template version made before the letter "
            "could hold it? Use the latest letters/shareholder-letter"
        )


def _where(exc: BaseException, templates: dict[str, TemplateVersion], letter: TemplateVersion) -> str:
    """"path/v2.md.j2:12: letters/shareholder-letter@2: " — the innermost template frame of the failure.

    Jinja rewrites a render's traceback so that template frames carry the template's file
    name and line; the innermost one is where the template went wrong.
    """
    by_file = {str(version.path): version for version in templates.values()}
    found, line = letter, None
    traceback = exc.__traceback__
    while traceback is not None:
        version = by_file.get(traceback.tb_frame.f_code.co_filename)
        if version is not None:
            found, line = version, traceback.tb_lineno
        traceback = traceback.tb_next
    if line is None:
        return f"{found.ref}: "
    return f"{display_path(found.path)}:{line}: {found.ref}: "


def _describe(exc: BaseException) -> str:
    """An exception from a render, in words ("division by zero", "maximum recursion depth exceeded")."""
    if isinstance(exc, (JinjaTemplateError, TemplateLimitExceeded)):
        return str(exc)
    if isinstance(exc, RecursionError):
        return "the template recursed too deeply (a macro calling itself without end?)"
    if isinstance(exc, MemoryError):
        return "the template ran out of memory"
    return f"{type(exc).__name__}: {exc}" if str(exc) else type(exc).__name__


def _context(inputs: Inputs, selections: dict[str, Selection], content: BodyContent) -> dict[str, object]:
    """What the templates see: plain data (template_data.Record), never the validated models."""
    letter, company = inputs.letter, inputs.company
    data = {
        "company": company,
        "release": letter.release,
        **_dateline_place(inputs),
        "letter": letter.letter,
        "body": content.body,
        "highlights": content.highlights,
        "milestone_paragraphs": content.milestone_paragraphs,
        "signatories": letter.signatories,
        "contacts": [_contact(contact) for contact in letter.contacts],
        "contacts_heading": (
            word("Contacts", inputs.language) if letter.contacts_heading is True else letter.contacts_heading or None
        ),
        "contacts_first": letter.contacts_position == "before-boilerplate",
        "end_marker": letter.end_marker,
        "boilerplate": tuple(s.version.ref for s in selections.values() if s.kind is not None),
        "templates": {slot: selection.version.ref for slot, selection in selections.items()},
    }
    return {name: as_template_data(value, name) for name, value in data.items()}


_CONTACT_FIELDS = ("name", "title", "organization", "address", "phone", "email", "website")


def _contact(contact: Contact) -> dict[str, object]:
    """A contact as templates see it: its `lines` as printed (label first), and its fields.

    A contact written as lines has no fields: a template that prints fields (one made
    before contacts had lines) then fails on it instead of printing the label alone.
    """
    label = [f"{contact.label}:"] if contact.label else []
    if contact.lines:
        return {"label": contact.label, "lines": tuple(label + list(contact.lines))}
    fields = {name: getattr(contact, name) for name in _CONTACT_FIELDS}
    lines = [*label, fields["name"], fields["title"], fields["organization"], *fields["address"], fields["phone"],
             fields["email"], fields["website"]]
    return {"label": contact.label, **fields, "lines": tuple(line for line in lines if line)}


def _dateline_place(inputs: Inputs) -> dict[str, str | None]:
    """The dateline's city and state: the letter's, else the headquarters'. Absent when neither says:
    a dateline that prints a city then fails on it (see _dateline_needs_a_city), one that prints none drafts."""
    release, headquarters = inputs.letter.release, inputs.company.headquarters
    if release.city:
        return {"dateline_city": release.city, "dateline_state": release.state}
    if headquarters is not None:
        return {"dateline_city": headquarters.city, "dateline_state": headquarters.state}
    return {}


def _dateline_needs_a_city(inputs: Inputs, exc: Exception) -> InputError | None:
    if isinstance(exc, UndefinedError) and "'dateline_city' is undefined" in str(exc):
        message = (
            f"the {inputs.letter.release.wire} dateline starts with a city: give release.city, or headquarters "
            "in the company profile"
        )
        return InputError([inputs.letter_source.problem(("release",), message)])
    return None


def _metadata(inputs: Inputs) -> Metadata:
    letter, company = inputs.letter, inputs.company
    symbols = tuple(f"{listing.exchange}: {listing.symbol}" for listing in company.listings)
    language = inputs.language
    subject = letter.letter.title or word(DEFAULT_SUBJECT, language)
    return Metadata(
        title=letter.release.headline or f"{company.names.legal}: {subject}",
        author=company.names.legal,
        subject=subject,
        company=company.names.legal,
        date=letter.release.date,
        language=edition_locale(inputs),
        keywords=(*symbols, word("letter to shareholders", language), word("press release", language)),
    )
