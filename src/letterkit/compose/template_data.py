"""What templates see: plain data built from the validated inputs, never objects with methods.

A template folder may be someone else's (an agency's, a shared house style), so
what it receives must not reach the file system, the network or code. The
validated inputs are pydantic models, whose public methods (`parse_file`,
`model_validate_json`, `copy`, …) would do exactly that from a template; so
templates get `Record`s instead: frozen, read-only bags of fields with no
public method at all, built once per letter. Values inside are text, numbers,
dates, tuples and further Records.

`readable_attributes` says, per kind of value, which attributes a template may
read: a Record's fields, a date's year/month/day, and the few pure string
methods `STRING_METHODS` lists. The sandbox (sandbox.py) consults it for every
attribute a template asks for.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterator, Mapping
from decimal import Decimal
from types import MappingProxyType
from typing import Any

from pydantic import BaseModel

from letterkit.inputs.text_types import ItemDate


class Record:
    """A read-only record of named fields; `label` ("company.names") names it in messages."""

    __slots__ = ("_fields", "_label")

    def __init__(self, label: str, fields: Mapping[str, Any]):
        object.__setattr__(self, "_fields", MappingProxyType(dict(fields)))
        object.__setattr__(self, "_label", label)

    def __getattr__(self, name: str) -> Any:  # only reached for names that are not slots: the fields
        try:
            return self._fields[name]
        except KeyError:
            raise AttributeError(name) from None

    def __getitem__(self, name: str) -> Any:
        return self._fields[name]

    def __contains__(self, name: object) -> bool:
        return name in self._fields

    def __iter__(self) -> Iterator[str]:
        return iter(self._fields)

    def __len__(self) -> int:
        return len(self._fields)

    def __setattr__(self, name: str, value: object) -> None:
        raise AttributeError(f"{self._label} is read-only")

    def __dir__(self) -> list[str]:
        return list(self._fields)

    def __repr__(self) -> str:
        return f"<{self._label}>"


def record_fields(record: Record) -> Mapping[str, Any]:
    return record._fields


def record_label(record: Record) -> str:
    return record._label


# Scalars a template may hold as they are: they carry no method a template can reach
# (readable_attributes grants none but a date's parts).
_SCALARS = (str, int, float, Decimal, datetime.date, ItemDate, type(None))


def as_template_data(value: Any, label: str) -> Any:
    """`value` (validated inputs) as template data: Records, tuples and scalars only."""
    if isinstance(value, BaseModel):
        fields = {name: as_template_data(getattr(value, name), f"{label}.{name}") for name in type(value).model_fields}
        return Record(label, fields)
    if isinstance(value, Record):
        return value
    if isinstance(value, Mapping):
        return Record(label, {str(key): as_template_data(item, f"{label}.{key}") for key, item in value.items()})
    if isinstance(value, (list, tuple)):
        return tuple(as_template_data(item, f"{label}[{index}]") for index, item in enumerate(value))
    if isinstance(value, bool) or isinstance(value, _SCALARS):
        return value
    raise TypeError(f"{label}: {type(value).__name__} is not template data")


# Pure string methods a template may call: each returns text, a flag or a list of
# text no longer than its input, and none reaches anything outside the string.
STRING_METHODS = frozenset(
    {
        "capitalize",
        "casefold",
        "endswith",
        "isalnum",
        "isalpha",
        "isdigit",
        "islower",
        "isspace",
        "istitle",
        "isupper",
        "lower",
        "lstrip",
        "rsplit",
        "rstrip",
        "split",
        "splitlines",
        "startswith",
        "strip",
        "swapcase",
        "title",
        "upper",
    }
)
_DATE_PARTS = frozenset({"year", "month", "day"})
_ITEM_DATE_PARTS = frozenset({"year", "month", "day", "first_day"})


def readable_attributes(value: Any) -> frozenset[str] | Mapping[str, Any]:
    """The attributes a template may read of template data `value` (none for anything else)."""
    if isinstance(value, Record):
        return value._fields
    if isinstance(value, str):
        return STRING_METHODS
    if isinstance(value, ItemDate):
        return _ITEM_DATE_PARTS
    if isinstance(value, datetime.date):
        return _DATE_PARTS
    return frozenset()
