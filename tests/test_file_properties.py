"""Every file letterkit reads back is an input: edited at random, it gives a clean message or works.

Property-based (hypothesis): a real manifest.json, a real <stem>.document.json, a
template folder's versions.toml and templates.lock, and a stylesheet are mutated
(a value replaced by another JSON/TOML type, a key deleted or duplicated, control
characters inserted, nesting deepened, the file truncated) and read by the command
that reads them. Each run ends with a documented exit code and messages, never a
traceback or an "internal error".
"""

from __future__ import annotations

import json
import os
import shutil
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from letterkit.cli import app
from letterkit.paths import templates_dir

from conftest import CALLISTO, DATA

runner = CliRunner()
STEM = CALLISTO.stem
EXIT_CODES = {0, 1, 2, 3, 4}
SETTINGS = settings(
    max_examples=25, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.function_scoped_fixture]
)

json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=20),
    lambda children: st.lists(children, max_size=3) | st.dictionaries(st.text(max_size=8), children, max_size=3),
    max_leaves=8,
)


def _paths(value, path=()):
    yield path
    if isinstance(value, dict):
        for key, child in value.items():
            yield from _paths(child, (*path, key))
    elif isinstance(value, list):
        for index, child in enumerate(value):
            yield from _paths(child, (*path, index))


def _replace(value, path, new):
    if not path:
        return new
    head, *rest = path
    if isinstance(value, dict):
        return {**value, head: _replace(value[head], rest, new)}
    return [_replace(child, rest, new) if index == head else child for index, child in enumerate(value)]


def _delete(value, path):
    head, *rest = path
    if rest:
        return _replace(value, [head], _delete(value[head], rest))
    if isinstance(value, dict):
        return {key: child for key, child in value.items() if key != head}
    return [child for index, child in enumerate(value) if index != head]


@st.composite
def mutated_json(draw, text: str) -> str:
    """`text` (JSON) with one random edit."""
    data = json.loads(text)
    kind = draw(st.sampled_from(["replace", "delete", "truncate", "control", "deepen", "duplicate"]))
    paths = list(_paths(data))
    path = draw(st.sampled_from(paths))
    if kind == "truncate":
        return text[: draw(st.integers(0, len(text) - 1))]
    if kind == "control":
        at = draw(st.integers(0, len(text)))
        return text[:at] + draw(st.sampled_from(["\x00", "\x07", "\u2028", "\ufeff", "\\u0000"])) + text[at:]
    if kind == "deepen":
        return _dumps(_replace(data, path, [[[[[[[[[[draw(json_values)]]]]]]]]]] * 1))
    if kind == "duplicate" and isinstance(data, dict) and data:
        key = draw(st.sampled_from(sorted(data)))
        return text.rstrip().rstrip("}") + f", {json.dumps(key)}: {json.dumps(draw(json_values))}}}"
    if kind == "delete" and path:
        return _dumps(_delete(data, path))
    return _dumps(_replace(data, path, draw(json_values)))


def _dumps(data) -> str:
    return json.dumps(data, indent=2, ensure_ascii=False)


def _assert_clean(result, *, starts: tuple[str, ...]) -> None:
    shown = result.stdout + result.stderr
    assert result.exit_code in EXIT_CODES, shown
    assert "Traceback" not in shown and "internal error" not in shown, shown
    if result.exit_code:
        first = result.stderr.splitlines()[0]
        assert first.startswith(starts), first


@pytest.fixture(scope="module")
def drafted():
    """One draft of the example (text, and its Document and manifest), made once."""
    root = Path(tempfile.mkdtemp(prefix="letterkit-properties-"))
    shutil.copytree(DATA, root / "data")
    cwd = os.getcwd()
    os.chdir(root)
    try:
        result = runner.invoke(app, ["draft", f"data/letters/{CALLISTO.name}", "-f", "txt", "--out", "draft"])
        assert result.exit_code == 0, result.stderr
    finally:
        os.chdir(cwd)
    yield root
    shutil.rmtree(root)


def _fresh_copy(drafted: Path, workspace: Path, name: str) -> Path:
    """The draft folder copied afresh into the workspace (hypothesis reuses it); the path of its file `name`."""
    folder = workspace / "draft"
    shutil.rmtree(folder, ignore_errors=True)
    shutil.copytree(drafted / "draft", folder)
    return folder / name


@SETTINGS
@given(data=st.data())
def test_an_edited_manifest_is_verified_or_refused_cleanly(drafted, workspace, data):
    manifest = _fresh_copy(drafted, workspace, "manifest.json")
    manifest.write_text(data.draw(mutated_json(manifest.read_text(encoding="utf-8"))), encoding="utf-8")
    result = runner.invoke(app, ["verify", "draft"])
    _assert_clean(result, starts=("draft/", "verify", "template error", "error"))


@SETTINGS
@given(data=st.data())
def test_an_edited_document_is_redlined_or_refused_cleanly(drafted, workspace, data):
    document = _fresh_copy(drafted, workspace, f"{STEM}.document.json")
    document.write_text(data.draw(mutated_json(document.read_text(encoding="utf-8"))), encoding="utf-8")
    result = runner.invoke(
        app, ["redline", "draft", f"data/letters/{CALLISTO.name}", "--out", "review/r.html", "--format", "html"]
    )
    _assert_clean(result, starts=("draft/",))


def _template_folder(workspace: Path) -> Path:
    """A user template folder holding the shipped blocks/about (its versions.toml) and a lock for it."""
    folder = workspace / "house"
    if folder.exists():
        shutil.rmtree(folder)
    shutil.copytree(templates_dir() / "blocks" / "about", folder / "blocks" / "about")
    result = runner.invoke(app, ["templates", "approve", "blocks/about@2", "--by", "Counsel", "--templates", "house"])
    assert result.exit_code in (0, 3), result.stderr  # already approved in the copied versions.toml: then re-lock
    if not (folder / "templates.lock").exists():
        shutil.copy(templates_dir() / "templates.lock", folder / "templates.lock")
    return folder


@st.composite
def mutated_toml(draw, text: str) -> str:
    lines = text.split("\n")
    kind = draw(st.sampled_from(["line", "value", "duplicate", "truncate", "control"]))
    at = draw(st.integers(0, max(0, len(lines) - 1)))
    if kind == "line":
        lines[at] = draw(st.text(max_size=30))
    elif kind == "value" and "=" in lines[at]:
        key = lines[at].split("=", 1)[0]
        value = draw(st.sampled_from(['""', "1", "true", "[1, 2]", "{a = 1}", "1979-05-27", '"x" "y"', "[[[[[[1]]]]]]"]))
        lines[at] = f"{key}= {value}"
    elif kind == "duplicate":
        lines.insert(at, lines[at])
    elif kind == "truncate":
        return text[: draw(st.integers(0, len(text)))]
    else:
        lines[at] += draw(st.sampled_from(["\x00", "\x1b", "\u2028"]))
    return "\n".join(lines)


@SETTINGS
@given(data=st.data(), which=st.sampled_from(["blocks/about/versions.toml", "templates.lock"]))
def test_an_edited_template_record_is_checked_or_refused_cleanly(workspace, data, which):
    folder = _template_folder(workspace)
    record = folder / which
    text = record.read_text(encoding="utf-8")
    record.write_text(data.draw(mutated_json(text) if which.endswith(".lock") else mutated_toml(text)), encoding="utf-8")
    result = runner.invoke(app, ["templates", "check", "--templates", "house"])
    _assert_clean(result, starts=("template error", "house/", "--templates"))


@st.composite
def mutated_css(draw, text: str) -> str:
    at = draw(st.integers(0, len(text)))
    inserted = draw(
        st.sampled_from(
            ["url(", ")", "{", "}", '"', "@import 'x.css';", "url(http://x/y)", "url(../../etc/passwd)", "\x00",
             "@font-face { src: url(fonts/none.ttf) }", "/*", "\\", "url(data:,x)"]
        )  # fmt: skip
    )
    return text[:at] + inserted + text[at:]


@SETTINGS
@given(data=st.data())
def test_an_edited_stylesheet_is_approved_or_refused_cleanly(workspace, data):
    folder = workspace / "house"
    if folder.exists():
        shutil.rmtree(folder)
    (folder / "styles" / "print").mkdir(parents=True)
    v2 = (templates_dir() / "styles" / "print" / "v2.css").read_text(encoding="utf-8")
    header, rest = v2.split("\n", 1)
    (folder / "styles" / "print" / "v3.css").write_text(
        header.replace("version: 2", "version: 3") + "\n" + data.draw(mutated_css(rest)), encoding="utf-8"
    )
    result = runner.invoke(app, ["templates", "approve", "styles/print@3", "--by", "Counsel", "--templates", "house"])
    _assert_clean(result, starts=("template error", "house/", "--templates"))
