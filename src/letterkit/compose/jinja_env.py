"""The Jinja2 environment templates are rendered in.

- `StrictUndefined`: a misspelt variable is an error, never an empty string.
- Sandboxed with allow-lists and bounded cost (sandbox.py): templates can be a
  user's own, and see only plain data (template_data.py).
- Filters: letterkit's wording filters below, and the Jinja builtins in
  `BUILTIN_FILTERS` (each bounded; those that could allocate without bound,
  such as `center`, `indent`, `format` or `wordwrap`, are not offered).
- `finalize` escapes every printed value as Markdown text (see markdown_escape);
  printing None is an error, because it means a template prints an optional
  field without checking it.
- Templates are addressed as `name@version` through a TemplateStore, or
  anything else with `get_ref` (the composer passes only the versions it
  selected and verified).
"""

from __future__ import annotations

import datetime
from collections.abc import Iterator
from typing import Any, Protocol

from jinja2 import BaseLoader, StrictUndefined, TemplateNotFound
from jinja2.filters import FILTERS as JINJA_FILTERS
from jinja2.utils import missing

from letterkit import wording
from letterkit.compose import markdown_escape
from letterkit.compose.sandbox import LetterSandbox, bounded_join_filter, bounded_replace_filter
from letterkit.compose.template_data import STRING_METHODS, Record, record_fields, record_label
from letterkit.compose.template_store import TemplateVersion
from letterkit.errors import TemplateError
from letterkit.exchanges import exchange_name
from letterkit.inputs.schema import FORM_TITLES
from letterkit.inputs.text_types import ItemDate
from letterkit.markdown_reader import block_container


class TemplateSource(Protocol):
    def get_ref(self, ref: str) -> TemplateVersion: ...


class _StoreLoader(BaseLoader):
    def __init__(self, store: TemplateSource):
        self.store = store

    def get_source(self, environment, template):  # noqa: ANN001 - Jinja's signature
        try:
            found = self.store.get_ref(template)
        except TemplateError as exc:
            raise TemplateNotFound(template, str(exc)) from None
        return found.text, str(found.path), lambda: True


def _finalize(value: Any) -> str:
    if value is None:
        raise TemplateError("a template printed a value that is not set (None); guard it with {% if %}")
    if isinstance(value, Record):
        raise TemplateError(f"a template printed {record_label(value)}, which is a record: print one of its fields")
    if isinstance(value, markdown_escape.Markdown):
        return value
    return markdown_escape.escape(str(value))


class _Undefined(StrictUndefined):
    """StrictUndefined, saying in the template author's words what is missing or not for templates."""

    __slots__ = ()

    @property
    def _undefined_message(self) -> str:
        owner, name = self._undefined_obj, self._undefined_name
        if self._undefined_hint is not None or owner is missing:
            return super()._undefined_message  # Jinja's own wording: "'x' is undefined"
        if isinstance(owner, Record):
            fields = ", ".join(record_fields(owner)) or "none"
            return f"{record_label(owner)} has no field {name!r} (its fields: {fields})"
        if not isinstance(name, str):
            return f"a {type(owner).__name__} value has no item {name!r}"
        what = f"a {type(owner).__name__} value has no attribute {name!r} a template may use"
        if isinstance(owner, str):
            what += f" (text methods a template may call: {', '.join(sorted(STRING_METHODS))})"
        return what


class _Environment(LetterSandbox):
    def __init__(self, *args: Any, block_kinds: dict[str, str], **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.block_kinds = block_kinds

    def unsafe_undefined(self, obj: Any, attribute: str) -> _Undefined:
        # The same words whether the attribute does not exist or exists but is not for
        # templates: the author learns what they may use, not what the object hides.
        return self.undefined(obj=obj, name=attribute)

    def get_template(self, name: Any, parent: str | None = None, globals: Any = None) -> Any:  # noqa: A002
        """A boilerplate block, wherever it is included, comes fenced with its kind and name.

        So the Markdown reader gives its headings and text the block's roles and origin,
        whatever containers (if any) the block's own text uses.
        """
        template = super().get_template(name, parent, globals)
        kind = self.block_kinds.get(name) if isinstance(name, str) else None
        return template if kind is None else _FencedBlock(template, *block_container(kind, name))


class _FencedBlock:
    """A template as `{% include %}` uses it, its output between two fence lines."""

    def __init__(self, template: Any, opening: str, closing: str):
        self._template, self._opening, self._closing = template, opening, closing

    def new_context(self, *args: Any, **kwargs: Any) -> Any:
        return self._template.new_context(*args, **kwargs)

    def root_render_func(self, context: Any) -> Iterator[str]:
        yield self._opening
        yield from self._template.root_render_func(context)
        yield self._closing


def make_environment(
    store: TemplateSource, block_kinds: dict[str, str] | None = None, *, locale: str = "en-US"
) -> LetterSandbox:
    """`block_kinds`: the boilerplate blocks selected for a letter, by name@version, with their kind.
    `locale`: the edition's ("de-DE"): its templates' filters write dates, money and series its way."""
    return _Environment(
        block_kinds=block_kinds or {},
        loader=_StoreLoader(store),
        undefined=_Undefined,
        finalize=_finalize,
        autoescape=False,  # escaping is Markdown's, done by finalize
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        filters=FILTERS if locale.startswith("en") else {**FILTERS, **locale_filters(locale)},
    )


# --- filters: how values are written in a release ----------------------------------


def _day_or_month(value: ItemDate) -> str:
    """December 20, 2006 or December 2006"""
    if value.day:
        return wording.long_date(value.first_day)
    return wording.month_year(value.year, value.month)


def _ticker_tags(listings: tuple[Record, ...]) -> str:
    """(AMEX: KAL); (FWB: CA4)"""
    return "; ".join(f"({listing.exchange}: {listing.symbol})" for listing in listings)


def _filing_title(filing: Record) -> str:
    """Annual Report on Form 10-K/A for the year ended December 31, 2005"""
    report, period = FORM_TITLES[filing.form]
    return f"{report} on Form {filing.form} for the {period} ended {wording.long_date(filing.period_end)}"


def _money(financing: Record) -> str:
    return wording.money(financing.amount, financing.currency)


def _with_article(phrase: str) -> str:
    return f"{wording.indefinite_article(phrase)} {phrase}"


def _signature_name(signatory: Record) -> str:
    """Gary S. Jacob, Ph.D."""
    return f"{signatory.name}, {signatory.credentials}" if signatory.credentials else signatory.name


def _lead_credit(signatory: Record) -> str:
    """CEO Gary S. Jacob"""
    return f"{signatory.short_title or signatory.title} {signatory.name}"


def _defined_terms(names: Record) -> str:
    """(“CTi” or the “Company”): each term quoted, a leading "the" outside its quotation marks."""
    quoted = []
    for term in names.defined_terms:
        article, _, rest = term.partition(" ")
        quoted.append(f"{article} “{rest}”" if article.lower() == "the" and rest else f"“{term}”")
    return f"({f' {names.defined_terms_joiner} '.join(quoted)})"


def _website_lines(websites: tuple[Record, ...]) -> markdown_escape.Markdown:
    """One line per web address, "Label: address" (a link), hard breaks between."""
    return markdown_escape.Markdown(
        "\\\n".join(
            (markdown_escape.escape(f"{site.label}: ") if site.label else "") + markdown_escape.link(site.url)
            for site in websites
        )
    )


def _ap_date(day: datetime.date, year: bool = True, pad_day: bool = False) -> str:
    return wording.ap_date(day, year=year, pad_day=pad_day)


# Jinja's builtin filters a template may use: each returns what its input bounds
# (center, indent, format, wordwrap, batch, slice, … could allocate without bound,
# tojson/pprint/xmlattr/urlize write markup or representations a release never needs).
BUILTIN_FILTERS = (
    "abs", "attr", "capitalize", "count", "d", "default", "dictsort", "first", "float", "groupby", "int",
    "items", "last", "length", "list", "lower", "map", "max", "min", "reject", "rejectattr", "reverse",
    "round", "select", "selectattr", "sort", "string", "sum", "title", "trim", "truncate", "unique",
    "upper", "wordcount",
)

FILTERS = {
    **{name: JINJA_FILTERS[name] for name in BUILTIN_FILTERS},
    "join": bounded_join_filter,
    "replace": bounded_replace_filter,
    "long_date": wording.long_date,
    "ap_date": _ap_date,
    "day_or_month": _day_or_month,
    "money": _money,
    "with_article": _with_article,
    "series": wording.series,
    "ap_series": wording.ap_series,
    "numbered_series": wording.numbered_series,
    "ticker_tags": _ticker_tags,
    "exchange_name": exchange_name,
    "filing_title": _filing_title,
    "signature_name": _signature_name,
    "lead_credit": _lead_credit,
    "defined_terms": _defined_terms,
    "website_lines": _website_lines,
    "link": markdown_escape.link,
    "lines": markdown_escape.lines,
}


# --- the same filters for an edition in another language (CLDR's forms, locale_wording.py) ---


def _english_only(name: str, instead: str) -> Any:
    def refuse(*args: Any, **kwargs: Any) -> str:
        raise TemplateError(f"the {name} filter writes English; a template for another language uses {instead}")

    return refuse


def locale_filters(locale: str) -> dict[str, Any]:
    """The wording filters in `locale`'s forms; those that only English has (AP dates, a/an) refuse."""
    from letterkit import locale_wording

    language = locale.split("-")[0]

    def day_or_month(value: ItemDate) -> str:
        if value.day:
            return locale_wording.long_date(value.first_day, locale)
        return locale_wording.month_year(value.year, value.month, locale)

    return {
        "long_date": lambda day: locale_wording.long_date(day, locale),
        "day_or_month": day_or_month,
        "money": lambda financing: locale_wording.money(financing.amount, financing.currency, locale),
        "number": lambda value: locale_wording.number(value, locale),
        "series": lambda items: locale_wording.series(items, locale),
        "ap_series": lambda items: locale_wording.series(items, locale),
        "numbered_series": lambda items: locale_wording.numbered_series(items, locale),
        "exchange_name": lambda label: exchange_name(label, language),
        "defined_terms": lambda names: locale_wording.defined_terms(
            names.defined_terms, names.defined_terms_joiner, language
        ),
        "ap_date": _english_only("ap_date", "long_date"),
        "with_article": _english_only("with_article", "the language's own article in the template"),
        "filing_title": _english_only("filing_title", "the filing's form and long_date of its period_end"),
    }
