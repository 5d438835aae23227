"""The sandbox templates run in: allow-lists, not deny-lists, and a bound on what a render may cost.

Jinja2's own sandbox blocks `__class__`, `__globals__` and the other classic
escapes, but lets a template call any public method of the objects it is
given. Here, instead:

- **Reading** an attribute is allowed only where template_data says so: a
  Record's fields, a date's parts, a few pure string methods; Jinja's own loop
  and namespace objects. Everything else reads as undefined, which is an error.
- **Calling** is allowed only for what `is_safe_callable` lists: macros (and
  `caller`), `range`, `namespace`, a loop's `cycle`/`changed`, and the string
  methods above. The next library object handed to a template by mistake
  cannot reopen the hole: its methods are not on the list.
- **Cost is bounded**: every string, list and number a template builds, the
  text it renders, the loop iterations, calls and filter calls it makes (a
  fixed budget, so the same template fails the same way on every machine) and
  its wall-clock time. Loops and `~` are rewritten at compile time to pass
  through the budget; `*`, `**`, `+` and `%` are intercepted.

Exceeding a bound raises `TemplateLimitExceeded`, which the composer reports as
a template error naming the template and line, like any other failure of a
render.
"""

from __future__ import annotations

import contextvars
import math
import re
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

from jinja2 import Environment, nodes, pass_environment
from jinja2.filters import make_attrgetter
from jinja2.runtime import BlockReference, LoopContext, Macro, Undefined
from jinja2.sandbox import ImmutableSandboxedEnvironment, safe_range
from jinja2.utils import Namespace
from jinja2.visitor import NodeTransformer

from letterkit.compose.template_data import STRING_METHODS, readable_attributes


@dataclass(frozen=True)
class RenderLimits:
    max_text: int = 8_000_000  # characters of any string built, and of the rendered output
    max_items: int = 100_000  # items of any list or tuple built
    max_int_bits: int = 4_096  # digits of any integer computed (about 1,200 decimal digits)
    max_steps: int = 2_000_000  # loop iterations + calls + filter calls in one render
    max_seconds: float = 10.0  # wall-clock time of one render


LIMITS = RenderLimits()  # what every render gets (tests lower them)


class TemplateLimitExceeded(Exception):
    """A render went past one of its RenderLimits; str() says which, in the user's words."""


@dataclass
class _Budget:
    limits: RenderLimits
    deadline: float
    steps: int = 0
    output: int = 0
    started: float = field(default_factory=time.monotonic)

    def step(self) -> None:
        self.steps += 1
        if self.steps > self.limits.max_steps:
            raise TemplateLimitExceeded(
                f"the template took more than {self.limits.max_steps:,} steps (loop iterations, calls and filters)"
            )
        if self.steps % 256 == 0 and time.monotonic() > self.deadline:
            raise TemplateLimitExceeded(f"the template ran for more than {self.limits.max_seconds:g} seconds")


_budget: contextvars.ContextVar[_Budget | None] = contextvars.ContextVar("letterkit_template_budget", default=None)


def _step() -> None:
    budget = _budget.get()
    if budget is not None:
        budget.step()


def _limits() -> RenderLimits:
    budget = _budget.get()
    return budget.limits if budget is not None else LIMITS


def check_size(value: Any) -> Any:
    """`value`, unless it is a string or sequence over the limits."""
    limits = _limits()
    if isinstance(value, str):
        if len(value) > limits.max_text:
            raise TemplateLimitExceeded(f"the template built a text of {len(value):,} characters "
                                        f"(at most {limits.max_text:,})")
    elif isinstance(value, (list, tuple)) and len(value) > limits.max_items:
        raise TemplateLimitExceeded(f"the template built a list of {len(value):,} items (at most {limits.max_items:,})")
    elif isinstance(value, int) and value.bit_length() > limits.max_int_bits:
        raise TemplateLimitExceeded(f"the template computed a number of more than {limits.max_int_bits:,} bits")
    return value


def _sized(value: Any) -> int | None:
    return len(value) if isinstance(value, (str, list, tuple)) else None


def _refuse_text(length: float, limits: RenderLimits) -> None:
    if length > limits.max_text:
        raise TemplateLimitExceeded(
            f"the template would build a text of about {length:,.0f} characters (at most {limits.max_text:,})"
        )


def _bounded_multiply(left: Any, right: Any) -> Any:
    limits = _limits()
    for sequence, count in ((left, right), (right, left)):
        size = _sized(sequence)
        if size is not None and isinstance(count, int):
            if isinstance(sequence, str):
                _refuse_text(size * count, limits)
            elif size * count > limits.max_items:
                raise TemplateLimitExceeded(
                    f"the template would build a list of {size * count:,} items (at most {limits.max_items:,})"
                )
    if isinstance(left, int) and isinstance(right, int) and left.bit_length() + right.bit_length() > limits.max_int_bits:
        raise TemplateLimitExceeded(f"the template would compute a number of more than {limits.max_int_bits:,} bits")
    return check_size(left * right)


def _bounded_power(left: Any, right: Any) -> Any:
    limits = _limits()
    if isinstance(left, int) and isinstance(right, int) and abs(left) > 1 and right > 0:
        if right * math.log2(abs(left)) > limits.max_int_bits:
            raise TemplateLimitExceeded(
                f"the template would compute a number of more than {limits.max_int_bits:,} bits"
            )
    return check_size(left**right)


def _bounded_add(left: Any, right: Any) -> Any:
    left_size, right_size = _sized(left), _sized(right)
    if left_size is not None and right_size is not None:
        if isinstance(left, str):
            _refuse_text(left_size + right_size, _limits())
    return check_size(left + right)


# printf-style widths and precisions: "%0100000000d" would allocate before any check could run
_PERCENT_FIELD = re.compile(r"%(?:\([^)]*\))?[#0\- +]*(\*|\d+)?(?:\.(\*|\d+))?")


def _bounded_modulo(left: Any, right: Any) -> Any:
    if isinstance(left, str):
        limits = _limits()
        for match in _PERCENT_FIELD.finditer(left):
            for part in match.groups():
                if part == "*":
                    raise TemplateLimitExceeded("the template uses a '*' width in %-formatting; write the width")
                if part is not None:
                    _refuse_text(int(part), limits)
    return check_size(left % right)


def _bounded_concat(parts: Iterable[Any]) -> str:
    """What `~` does, once the parts are known to fit."""
    texts = [str(part) for part in parts]
    _refuse_text(sum(map(len, texts)), _limits())
    _step()
    return "".join(texts)


@pass_environment
def bounded_join_filter(
    environment: Environment, value: Iterable[Any], d: str = "", attribute: str | int | None = None
) -> str:
    """The `join` filter, refusing before joining what would exceed the text limit."""
    items = list(value)
    if attribute is not None:
        getter = make_attrgetter(environment, attribute)
        items = [getter(item) for item in items]
    texts = [item if isinstance(item, str) else str(item) for item in items]
    _refuse_text(sum(map(len, texts)) + len(d) * max(0, len(texts) - 1), _limits())
    return d.join(texts)


def bounded_replace_filter(value: Any, old: str, new: str, count: int | None = None) -> str:
    """The `replace` filter, refusing before replacing what would exceed the text limit."""
    text = str(value)
    found = text.count(old)
    if count is not None:
        found = min(found, max(count, 0))
    _refuse_text(len(text) + found * (len(new) - len(old)), _limits())
    return text.replace(old, new, -1 if count is None else count)


def _bounded_join(parts: Iterable[str]) -> str:
    """Jinja's `concat` (macro bodies, `{% set %}` blocks, `caller()`), bounded."""
    texts = list(parts)
    _refuse_text(sum(map(len, texts)), _limits())
    return "".join(texts)


class _GuardedIterable:
    """A loop's iterable, taking one step of the budget per item (length kept for loop.length)."""

    __slots__ = ("_iterable",)

    def __init__(self, iterable: Iterable[Any]):
        self._iterable = iterable

    def __iter__(self) -> Iterator[Any]:
        for item in self._iterable:
            _step()
            yield item

    def __len__(self) -> int:
        return len(self._iterable)  # type: ignore[arg-type]  # LoopContext falls back when this raises TypeError


def _guard_iterable(iterable: Any) -> _GuardedIterable:
    return _GuardedIterable(iterable)  # a value that is not iterable fails as it would have, when iterated


def bounded_range(*args: int) -> range:
    """`range`, at most max_items long (Jinja's sandbox allows 100,000)."""
    numbers = range(*args)  # lazy: only its length is looked at here
    if len(numbers) > _limits().max_items:
        raise TemplateLimitExceeded(f"range() of {len(numbers):,} numbers (at most {_limits().max_items:,})")
    return safe_range(*args)


_CONCAT_FILTER = "letterkit concat"  # not a name a template can type: only the rewrite below produces it
_ITERATE_FILTER = "letterkit iterate"


class _BoundLoopsAndConcatenation(NodeTransformer):
    """Route every `{% for %}` iterable and every `~` through the render budget."""

    def visit_For(self, node: nodes.For) -> nodes.Node:
        self.generic_visit(node)
        node.iter = nodes.Filter(node.iter, _ITERATE_FILTER, [], [], None, None, lineno=node.lineno)
        return node

    def visit_Concat(self, node: nodes.Concat) -> nodes.Node:
        self.generic_visit(node)
        return nodes.Filter(nodes.List(node.nodes, lineno=node.lineno), _CONCAT_FILTER, [], [], None, None,
                            lineno=node.lineno)


_LOOP_ATTRIBUTES = frozenset(
    {"index", "index0", "revindex", "revindex0", "first", "last", "length", "depth", "depth0",
     "previtem", "nextitem", "cycle", "changed"}
)


def _guarded_filter(function: Callable[..., Any]) -> Callable[..., Any]:
    def guarded(*args: Any, **kwargs: Any) -> Any:
        _step()
        return check_size(function(*args, **kwargs))

    # Jinja passes the environment, context or eval context to filters marked for it
    guarded.__dict__.update(getattr(function, "__dict__", {}))
    for marker in ("jinja_pass_arg",):
        if hasattr(function, marker):
            setattr(guarded, marker, getattr(function, marker))
    guarded.__name__ = getattr(function, "__name__", "filter")
    guarded.__doc__ = function.__doc__
    return guarded


class LetterSandbox(ImmutableSandboxedEnvironment):
    """Jinja's immutable sandbox with allow-lists for attributes and calls, and bounded operations."""

    intercepted_binops = frozenset({"*", "**", "+", "%"})

    def __init__(self, *args: Any, filters: dict[str, Callable[..., Any]], **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.binop_table = {
            **self.binop_table,
            "*": _bounded_multiply,
            "**": _bounded_power,
            "+": _bounded_add,
            "%": _bounded_modulo,
        }
        # Only these globals: no dict(), lipsum(), cycler() or joiner() (nothing a letter needs).
        self.globals.clear()
        self.globals.update(range=bounded_range, namespace=Namespace)
        self.filters = {name: _guarded_filter(function) for name, function in filters.items()}
        self.filters[_CONCAT_FILTER] = _bounded_concat
        self.filters[_ITERATE_FILTER] = _guard_iterable
        self.concat = _bounded_join  # type: ignore[method-assign]

    # --- what a template may read and call -------------------------------------------------

    def is_safe_attribute(self, obj: Any, attr: str, value: Any) -> bool:
        if attr.startswith("_"):
            return False
        if isinstance(obj, LoopContext):
            return attr in _LOOP_ATTRIBUTES
        if isinstance(obj, Namespace):
            return True  # holds only what the template itself stored in it
        return attr in readable_attributes(obj)

    def is_safe_callable(self, obj: Any) -> bool:
        if isinstance(obj, (Macro, LoopContext, BlockReference)) or obj is bounded_range or obj is Namespace:
            return True
        if isinstance(obj, Undefined):
            return True  # calling it only raises its own "no field …" error, the message the author needs
        owner, name = getattr(obj, "__self__", None), getattr(obj, "__name__", "")
        if isinstance(owner, LoopContext):
            return name in ("cycle", "changed")
        if isinstance(owner, BlockReference):
            return name == "super"
        return isinstance(owner, str) and name in STRING_METHODS

    def wrap_str_format(self, value: Any) -> None:
        return None  # str.format is not on the allow-list (Jinja would otherwise let it through)

    def call(__self, __context: Any, __obj: Any, *args: Any, **kwargs: Any) -> Any:  # noqa: N805 - Jinja's signature
        _step()
        return check_size(super().call(__context, __obj, *args, **kwargs))

    # --- compile-time rewriting ------------------------------------------------------------

    def _parse(self, source: str, name: str | None, filename: str | None) -> nodes.Template:
        tree = super()._parse(source, name, filename)
        return _BoundLoopsAndConcatenation().visit(tree)


def render_within_limits(render: Callable[[], Iterator[str]], limits: RenderLimits | None = None) -> str:
    """Run a template's `generate()` under a fresh budget; the text it rendered."""
    limits = limits or LIMITS
    budget = _Budget(limits, time.monotonic() + limits.max_seconds)
    token = _budget.set(budget)
    try:
        pieces = []
        for piece in render():
            budget.output += len(piece)
            if budget.output > limits.max_text:
                raise TemplateLimitExceeded(
                    f"the template rendered more than {limits.max_text:,} characters"
                )
            pieces.append(piece)
        return "".join(pieces)
    finally:
        _budget.reset(token)
