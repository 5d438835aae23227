"""A template folder is someone else's code: what it can reach, and what a render may cost.

Each attack is a user template folder (as `--templates` or letterkit.toml would name
it) whose About block tries to read a file or run a command through the values
templates see. Every one must be a template error (exit 3) naming the template and
line, write nothing, and read nothing: the file the attack would read holds a
marker that must appear in no output, and the pickle it would load would create a
file that must not exist.
"""

from __future__ import annotations

import datetime
import json
import os
import pickle
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from letterkit import drafting
from letterkit.cli import app
from letterkit.compose import composer, sandbox
from letterkit.compose.approval import approve
from letterkit.compose.content import build_content
from letterkit.compose.jinja_env import make_environment
from letterkit.compose.sandbox import RenderLimits
from letterkit.compose.template_data import STRING_METHODS, Record, as_template_data, readable_attributes
from letterkit.compose.template_store import TemplateStore
from letterkit.inputs.text_types import ItemDate
from letterkit.paths import templates_dir

from conftest import AURORA, CALLISTO

runner = CliRunner()
ABOUT = "house/blocks/about/v1.md.j2"
SECRET = "TOP-SECRET-MARKER-4711"


class _RunsACommand:
    """Unpickling this creates a file: proof that code ran."""

    def __init__(self, proof: Path):
        self.proof = proof

    def __reduce__(self):
        return (os.system, (f"touch {self.proof}",))


@pytest.fixture
def bait(workspace):
    """A JSON file and a pickle the attacks aim at, and where the pickle's command would leave its proof."""
    secret = workspace / "secret.json"
    secret.write_text(json.dumps({"names": {"legal": SECRET, "short": SECRET}}), encoding="utf-8")
    proof = workspace / "pwned"
    (workspace / "payload.pkl").write_bytes(pickle.dumps(_RunsACommand(proof)))
    return {"json": secret, "pickle": workspace / "payload.pkl", "proof": proof}


def _house_about(workspace: Path, body: str) -> Path:
    """A user folder whose approved About block is `body` (after its header line)."""
    folder = workspace / "house"
    (folder / "blocks/about").mkdir(parents=True)
    (folder / "blocks/about/v1.md.j2").write_text(
        "{#- letterkit-template: blocks/about version: 1 -#}\n" + body, encoding="utf-8"
    )
    approve(TemplateStore(templates_dir(), user_root=folder), "blocks/about@1", by="Mallory", on=datetime.date(2026, 12, 1),
            note="An attack.")
    return folder


def _draft(*extra: str):
    return runner.invoke(app, ["draft", "data/letters/callisto-2007-shareholder-letter.yaml", "--templates", "house",
                               *extra])


def _assert_refused(workspace: Path, result, expected: str, bait=None) -> None:
    assert result.exit_code == 3, result.output
    assert result.stderr.splitlines() == [f"template error: {expected}"]
    assert "Traceback" not in result.output
    assert not (workspace / "output").exists()
    if bait is not None:
        assert not bait["proof"].exists(), "the pickle's command ran"


COMPANY_FIELDS = (
    "names, descriptor, listings, headquarters, website, websites, about, reporting_status, latest_filing, "
    "risk_factors, boilerplate, sec, editions"
)

ATTACKS = {
    "parse_file json": (
        "{{ company.parse_file('secret.json').names.legal }}",
        f"{ABOUT}:2: blocks/about@1: company has no field 'parse_file' (its fields: {COMPANY_FIELDS})",
    ),
    "parse_file pickle": (
        "{{ company.parse_file('payload.pkl', proto='pickle', allow_pickle=True) }}",
        f"{ABOUT}:2: blocks/about@1: company has no field 'parse_file' (its fields: {COMPANY_FIELDS})",
    ),
    "parse_raw": (
        "{{ company.parse_raw('{}') }}",
        f"{ABOUT}:2: blocks/about@1: company has no field 'parse_raw' (its fields: {COMPANY_FIELDS})",
    ),
    "model_validate_json": (
        "{{ company.names.model_validate_json('{}') }}",
        f"{ABOUT}:2: blocks/about@1: company.names has no field 'model_validate_json' (its fields: legal, common, "
        "short, defined_terms, defined_terms_joiner, defined_terms_position)",
    ),
    "model_dump": (
        "{{ company.model_dump() }}",
        f"{ABOUT}:2: blocks/about@1: company has no field 'model_dump' (its fields: {COMPANY_FIELDS})",
    ),
    "model_json_schema": (
        "{{ release.model_json_schema() }}",
        f"{ABOUT}:2: blocks/about@1: release has no field 'model_json_schema' (its fields: wire, circuit, city, "
        "state, date, headline, subheadline, lead, lead_continues, summary, highlights, source)",
    ),
    "__reduce__": (
        "{{ company.__reduce__() }}",
        f"{ABOUT}:2: blocks/about@1: company has no field '__reduce__' (its fields: {COMPANY_FIELDS})",
    ),
    "copy": (
        "{{ company.copy() }}",
        f"{ABOUT}:2: blocks/about@1: company has no field 'copy' (its fields: {COMPANY_FIELDS})",
    ),
    "construct": (
        "{{ company.construct() }}",
        f"{ABOUT}:2: blocks/about@1: company has no field 'construct' (its fields: {COMPANY_FIELDS})",
    ),
    "class walk": (
        "{{ company.names.legal.__class__.__mro__ }}",
        f"{ABOUT}:2: blocks/about@1: a str value has no attribute '__class__' a template may use (text methods "
        f"a template may call: {', '.join(sorted(STRING_METHODS))})",
    ),
    "str.format": (
        "{{ '{0.__class__}'.format(company) }}",
        f"{ABOUT}:2: blocks/about@1: a str value has no attribute 'format' a template may use (text methods "
        f"a template may call: {', '.join(sorted(STRING_METHODS))})",
    ),
    "date method": (
        "{{ release.date.today() }}",
        f"{ABOUT}:2: blocks/about@1: a date value has no attribute 'today' a template may use",
    ),
    "dict global": ("{{ dict(a=1) }}", f"{ABOUT}:2: blocks/about@1: 'dict' is undefined"),
    "lipsum global": ("{{ lipsum() }}", f"{ABOUT}:2: blocks/about@1: 'lipsum' is undefined"),
    "format filter": ("{{ '%s'|format(company) }}", f"{ABOUT}:2: blocks/about@1: No filter named 'format'."),
}


@pytest.mark.parametrize("attack", ATTACKS, ids=list(ATTACKS))
def test_a_template_cannot_reach_files_or_code_through_what_it_is_given(workspace, bait, attack):
    body, expected = ATTACKS[attack]
    _house_about(workspace, body)
    result = _draft()
    _assert_refused(workspace, result, expected, bait)
    assert SECRET not in result.output


LIMITS = {
    "huge string": ("{{ 'x' * 100000000 }}", "the template would build a text of about 100,000,000 characters "
                    "(at most 8,000,000)"),
    "huge list": ("{{ [1] * 100000000 }}", "the template would build a list of 100,000,000 items (at most 100,000)"),
    "doubling": (
        "{% set ns = namespace(s='x') %}{% for i in range(40) %}{% set ns.s = ns.s ~ ns.s %}{% endfor %}{{ ns.s }}",
        "the template would build a text of about 8,388,608 characters (at most 8,000,000)",
    ),
    "doubling by replace": (
        "{% set ns = namespace(s='xx') %}{% for i in range(40) %}{% set ns.s = ns.s|replace('x', 'xx') %}{% endfor %}",
        "the template would build a text of about 8,388,608 characters (at most 8,000,000)",
    ),
    "huge join": ("{{ (['x' * 1000] * 100000)|join }}", "the template would build a text of about 100,000,000 "
                  "characters (at most 8,000,000)"),
    "percent width": ("{{ '%0999999999d' % 1 }}", "the template would build a text of about 999,999,999 characters "
                      "(at most 8,000,000)"),
    "big power": ("{{ 10 ** 100000 }}", "the template would compute a number of more than 4,096 bits"),
    "range": ("{{ range(1000000)|list }}", "range() of 1,000,000 numbers (at most 100,000)"),
    "nested loops": (
        "{% for i in range(100000) %}{% for j in range(100000) %}{% endfor %}{% endfor %}",
        "the template took more than 2,000,000 steps (loop iterations, calls and filters)",
    ),
    "recursion": (
        "{% macro m(n) %}{{ m(n + 1) }}{% endmacro %}{{ m(0) }}",
        "the template recursed too deeply (a macro calling itself without end?)",
    ),
    "division by zero": ("{{ 1 // 0 }}", "ZeroDivisionError: integer division or modulo by zero"),
}


@pytest.mark.parametrize("case", LIMITS, ids=list(LIMITS))
def test_a_render_is_bounded_and_fails_as_a_template_error(workspace, case):
    body, message = LIMITS[case]
    _house_about(workspace, body)
    result = _draft("-f", "txt")
    assert result.exit_code == 3, result.output
    (line,) = result.stderr.splitlines()
    assert line.startswith(f"template error: {ABOUT}:") and line.endswith(f": blocks/about@1: {message}"), line
    assert not (workspace / "output").exists()


def test_a_render_is_bounded_in_time(workspace, monkeypatch):
    monkeypatch.setattr(sandbox, "LIMITS", RenderLimits(max_steps=10**12, max_seconds=0.3))
    _house_about(workspace, "{% for i in range(100000) %}{% for j in range(100000) %}{% endfor %}{% endfor %}")
    result = _draft("-f", "txt")
    assert result.exit_code == 3
    assert result.stderr == f"template error: {ABOUT}:2: blocks/about@1: the template ran for more than 0.3 seconds\n"


def test_rendered_output_is_bounded(workspace, monkeypatch):
    monkeypatch.setattr(sandbox, "LIMITS", RenderLimits(max_text=50_000))
    _house_about(workspace, "{% for i in range(6000) %}0123456789{% endfor %}")  # small pieces, much text
    result = _draft("-f", "txt")
    assert result.exit_code == 3
    # The bound is on the whole render, so the message names the letter template, which includes the block.
    assert result.stderr == "template error: letters/shareholder-letter@3: the template rendered more than 50,000 characters\n"


def test_printing_a_record_is_a_template_error_naming_it(workspace):
    _house_about(workspace, "{{ company.names }}")
    result = _draft("-f", "txt")
    _assert_refused(
        workspace, result,
        f"{ABOUT}:2: blocks/about@1: a template printed company.names, which is a record: print one of its fields",
    )


def test_what_templates_may_use_still_works(workspace):
    body = (
        "::: boilerplate\n"
        "{% set ns = namespace(n=0) %}{% for listing in company.listings %}{% set ns.n = ns.n + 1 %}{% endfor %}"
        "{{ company.names.short.upper() }} {{ release.date.year }} {{ ns.n }} "
        "{{ company.risk_factors|map('upper')|first|truncate(9, true, '') }} "
        "{% macro pair(a, b) %}{{ a }}+{{ b }}{% endmacro %}{{ pair(1, 2) }} "
        "{% for x in range(3) %}{{ loop.cycle('a', 'b') }}{% endfor %} "
        "{{ company.names['legal'] ~ '!' }} {{ '%s-%d'|length }} {{ ('%s-%d' % ('x', 4)) }}\n"
        ":::\n"
    )
    _house_about(workspace, body)
    result = _draft("-f", "txt")
    assert result.exit_code == 0, result.output
    text = (workspace / "output" / CALLISTO.stem / f"{CALLISTO.stem}.txt").read_text(encoding="utf-8")
    assert "CALLISTO 2007 2 UNCERTAIN 1+2 aba Callisto Pharmaceuticals, Inc.! 5 x-4\n" in text


# ---------------------------------------------------------------- nothing unlisted is reachable


def _reachable(env, roots):
    """Every value a template can reach from `roots` by reading attributes, fields and items, as the sandbox allows."""
    seen: dict[int, object] = {}
    stack = list(roots)
    while stack:
        value = stack.pop()
        if id(value) in seen:
            continue
        seen[id(value)] = value
        if isinstance(value, tuple):
            stack += value
        for name in dir(value):
            try:
                attribute = getattr(value, name)
            except AttributeError:
                continue
            if env.is_safe_attribute(value, name, attribute):
                stack.append(attribute)
    return list(seen.values())


def _callables_are_listed(env, roots) -> None:
    for value in _reachable(env, roots):
        assert not hasattr(value, "model_fields"), f"a pydantic model is reachable: {value!r}"
        if callable(value):
            owner = getattr(value, "__self__", None)
            assert isinstance(owner, str) and value.__name__ in STRING_METHODS, f"unlisted callable {value!r}"
            assert env.is_safe_callable(value)


@pytest.mark.parametrize("letter", [CALLISTO, AURORA], ids=lambda p: p.stem)
def test_no_unlisted_callable_is_reachable_from_a_real_letters_context(letter):
    store = TemplateStore(templates_dir())
    inputs = drafting.load(letter, store=store)
    context = composer._context(inputs, composer.select_templates(store, inputs), build_content(inputs))
    assert {type(value) for value in context.values()} <= {Record, tuple, str, bool, type(None)}
    _callables_are_listed(make_environment(store), context.values())


_scalars = st.one_of(
    st.text(max_size=20), st.integers(), st.decimals(allow_nan=False, allow_infinity=False), st.none(), st.booleans(),
    st.dates(), st.builds(ItemDate, st.integers(1900, 2100), st.integers(1, 12), st.none() | st.integers(1, 28)),
)
_data = st.recursive(
    _scalars,
    lambda children: st.lists(children, max_size=4) | st.dictionaries(st.text(min_size=1, max_size=8), children,
                                                                        max_size=4),
    max_leaves=25,
)


@settings(max_examples=200, deadline=None)
@given(_data)
def test_no_unlisted_callable_is_reachable_from_any_template_data(value):
    data = as_template_data(value, "x")
    _callables_are_listed(make_environment(TemplateStore(templates_dir())), [data])


def test_the_sandbox_refuses_every_call_outside_its_list():
    env = make_environment(TemplateStore(templates_dir()))
    record = as_template_data({"a": "b"}, "r")
    refused = [open, os.system, print, getattr, record.__getattr__, datetime.date.today, "x".format, "x".encode,
               (1).to_bytes, readable_attributes, json.loads]
    assert [callable_ for callable_ in refused if env.is_safe_callable(callable_)] == []
    assert env.is_safe_callable("x".upper) and env.is_safe_callable(sandbox.bounded_range)
