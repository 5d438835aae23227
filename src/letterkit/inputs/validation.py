"""Validate parsed YAML against a schema model, reporting problems at their positions.

pydantic's messages are reworded into short, stable ones ("field required",
"unknown key 'titel' (did you mean 'title'?)") so the text users see, and the
tests assert, does not drift with pydantic releases.
"""

from __future__ import annotations

import difflib
import types
import typing
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from letterkit.errors import Problem
from letterkit.inputs.text_types import PLACEHOLDER
from letterkit.inputs.yaml_source import YamlSource

M = TypeVar("M", bound=BaseModel)

_TYPE_NAMES = {"dict": "a mapping of keys to values", "list": "a list", "str": "text"}


def validate(model: type[M], source: YamlSource, context: dict[str, Any] | None = None) -> tuple[M | None, list[Problem]]:
    """The model, or None and every problem. A file read only in part (after a syntax error) never gives a
    model, and what it lacks is not reported again: its unread sections already have their syntax error."""
    unread = source.unread_sections
    try:
        model_value = model.model_validate(source.data, context=context)
    except ValidationError as exc:
        errors = [error for error in exc.errors(include_url=False) if not _in_unread(error, unread)]
        return None, _dedupe([_problem(model, source, error) for error in errors])
    return (None, []) if unread is not None else (model_value, [])


def _in_unread(error: dict[str, Any], unread: frozenset[str | None] | None) -> bool:
    if unread is None:
        return False
    loc = tuple(error["loc"])
    if loc and loc[0] in unread:
        return True
    # A section with no readable key may be any section: none is reported missing.
    return None in unread and error["type"] == "missing" and len(loc) == 1


def _problem(model: type[BaseModel], source: YamlSource, error: dict[str, Any]) -> Problem:
    loc = tuple(error["loc"])
    kind, value = error["type"], error.get("input")
    if isinstance(value, str) and PLACEHOLDER in value:  # whatever the field's type, say what is wrong
        return source.problem(loc, f"still a placeholder: replace {value!r}")
    if kind == "missing":
        return source.problem(loc, "field required")
    if kind == "extra_forbidden":
        return source.problem(loc, _unknown_key_message(model, loc), key=True)
    return source.problem(loc, _message(error))


def _message(error: dict[str, Any]) -> str:
    kind, ctx, value = error["type"], error.get("ctx") or {}, error.get("input")
    if kind == "value_error":
        return str(ctx.get("error", error["msg"]))
    if kind in ("model_type", "dict_type", "model_attributes_type"):
        return f"expected {_TYPE_NAMES['dict']}, got {_describe(value)}"
    if kind == "list_type":
        return f"expected a list, got {_describe(value)}"
    if kind == "string_type":
        return f"expected text, got {_describe(value)}"
    if kind == "too_short":
        return f"needs at least {ctx.get('min_length', 1)} item(s)"
    if kind == "too_long":
        return f"has {ctx.get('actual_length')} items; at most {ctx.get('max_length')} are allowed"
    if kind in ("date_from_datetime_parsing", "date_parsing", "date_type", "date_from_datetime_inexact"):
        reason = f" ({ctx['error']})" if ctx.get("error") and "invalid character" not in str(ctx["error"]) else ""
        return f"not a valid date: {value!r}{reason}; write dates as YYYY-MM-DD"
    if kind in ("int_parsing", "int_type", "int_from_float"):
        return f"expected a whole number, got {value!r}"
    if kind in ("bool_parsing", "bool_type"):
        return f"expected true or false, got {value!r}"
    if kind == "literal_error":
        return f"must be one of {ctx.get('expected')}, got {value!r}"
    if kind == "string_pattern_mismatch":
        return f"{value!r} does not have the expected form ({ctx.get('pattern')})"
    if kind in ("greater_than", "greater_than_equal"):
        bound = ctx.get("gt", ctx.get("ge"))
        relation = "greater than" if kind == "greater_than" else "at least"
        return f"must be {relation} {bound}, got {value}"
    message = str(error["msg"])
    return message[:1].lower() + message[1:]


def _describe(value: object) -> str:
    if value is None:
        return "nothing"
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    return f"{value!r}"


def _unknown_key_message(model: type[BaseModel], loc: tuple) -> str:
    key = str(loc[-1])
    known = _fields_at(model, loc[:-1])
    close = difflib.get_close_matches(key, known, n=1, cutoff=0.6)
    hint = f" (did you mean {close[0]!r}?)" if close else ""
    listing = f"; allowed: {', '.join(known)}" if known and not close else ""
    return f"unknown key {key!r}{hint}{listing}"


def _fields_at(model: type[BaseModel], loc: tuple) -> list[str]:
    """The key names the schema allows at `loc`, following the model's field types."""
    current: Any = model
    for part in loc:
        if typing.get_origin(current) is dict:  # `part` is a key of the mapping: its values' type
            current = typing.get_args(current)[1]
            continue
        current = _model_in(current)
        if current is None:
            return []
        if isinstance(part, int):
            current = _item_type(current)
            continue
        field = current.model_fields.get(str(part))
        if field is None:
            return []
        current = field.annotation
    current = _model_in(current)
    return list(current.model_fields) if current is not None else []


def _model_in(annotation: Any) -> Any:
    """The model class inside Optional[...] / Annotated[...], or a list type unchanged."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    origin = typing.get_origin(annotation)
    if origin is list:
        return annotation
    if origin in (typing.Union, types.UnionType, typing.Annotated):
        for arg in typing.get_args(annotation):
            found = _model_in(arg)
            if found is not None:
                return found
    return None


def _item_type(annotation: Any) -> Any:
    args = typing.get_args(annotation)
    return args[0] if typing.get_origin(annotation) is list and args else None


def _dedupe(problems: list[Problem]) -> list[Problem]:
    seen: set[Problem] = set()
    return [p for p in problems if not (p in seen or seen.add(p))]
