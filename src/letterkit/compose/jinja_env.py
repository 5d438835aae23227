"""The Jinja2 environment templates are rendered in.

- `StrictUndefined`: a misspelt variable is an error, never an empty string.
- Sandboxed: templates can be a user's own (issue: user template folders).
- `finalize` escapes every printed value as Markdown text (see markdown_escape);
  printing None is an error, because it means a template prints an optional
  field without checking it.
- Templates are addressed as `name@version` through a TemplateStore, or
  anything else with `get_ref` (the composer passes only the versions it
  selected and verified).
"""

from __future__ import annotations

import datetime
from typing import Any, Protocol

from jinja2 import BaseLoader, StrictUndefined, TemplateNotFound
from jinja2.sandbox import ImmutableSandboxedEnvironment

from letterkit import wording
from letterkit.compose import markdown_escape
from letterkit.compose.template_store import TemplateVersion
from letterkit.errors import TemplateError
from letterkit.exchanges import exchange_name
from letterkit.inputs.schema import FORM_TITLES, Financing, Listing, PeriodicFiling, Signatory
from letterkit.inputs.text_types import ItemDate


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
    if isinstance(value, markdown_escape.Markdown):
        return value
    return markdown_escape.escape(str(value))


def make_environment(store: TemplateSource) -> ImmutableSandboxedEnvironment:
    env = ImmutableSandboxedEnvironment(
        loader=_StoreLoader(store),
        undefined=StrictUndefined,
        finalize=_finalize,
        autoescape=False,  # escaping is Markdown's, done by finalize
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters.update(FILTERS)
    return env


# --- filters: how values are written in a release ----------------------------------


def _day_or_month(value: ItemDate) -> str:
    """December 20, 2006 or December 2006"""
    if value.day:
        return wording.long_date(value.first_day)
    return wording.month_year(value.year, value.month)


def _ticker_tags(listings: list[Listing]) -> str:
    """(AMEX: KAL); (FWB: CA4)"""
    return "; ".join(f"({listing.exchange}: {listing.symbol})" for listing in listings)


def _filing_title(filing: PeriodicFiling) -> str:
    """Annual Report on Form 10-K/A for the year ended December 31, 2005"""
    report, period = FORM_TITLES[filing.form]
    return f"{report} on Form {filing.form} for the {period} ended {wording.long_date(filing.period_end)}"


def _money(financing: Financing) -> str:
    return wording.money(financing.amount, financing.currency)


def _with_article(phrase: str) -> str:
    return f"{wording.indefinite_article(phrase)} {phrase}"


def _signature_name(signatory: Signatory) -> str:
    """Gary S. Jacob, Ph.D."""
    return f"{signatory.name}, {signatory.credentials}" if signatory.credentials else signatory.name


def _lead_credit(signatory: Signatory) -> str:
    """CEO Gary S. Jacob"""
    return f"{signatory.short_title or signatory.title} {signatory.name}"


def _ap_date(day: datetime.date, year: bool = True, pad_day: bool = False) -> str:
    return wording.ap_date(day, year=year, pad_day=pad_day)


FILTERS = {
    "long_date": wording.long_date,
    "ap_date": _ap_date,
    "day_or_month": _day_or_month,
    "money": _money,
    "with_article": _with_article,
    "series": wording.series,
    "numbered_series": wording.numbered_series,
    "ticker_tags": _ticker_tags,
    "exchange_name": exchange_name,
    "filing_title": _filing_title,
    "signature_name": _signature_name,
    "lead_credit": _lead_credit,
    "link": markdown_escape.link,
    "lines": markdown_escape.lines,
}
