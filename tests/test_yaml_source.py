"""The YAML reader: text stays text, positions are kept, hostile files are refused."""

import textwrap
import time

import pytest

from letterkit.inputs import yaml_source
from letterkit.inputs.yaml_source import read_yaml


def _read(tmp_path, text, name="x.yaml"):
    path = tmp_path / name
    path.write_text(textwrap.dedent(text), encoding="utf-8") if isinstance(text, str) else path.write_bytes(text)
    return read_yaml(path, name)


def _messages(source):
    return [str(p) for p in source.problems]


def test_scalars_stay_as_typed_so_yaml_1_1_typing_never_changes_text(tmp_path):
    source = _read(
        tmp_path,
        """
        country: NO
        switch: on
        zip: 012345
        big: 1e3
        when: 2024-03-31
        clock: 12:30
        empty:
        tilde: ~
        quoted_null: "null"
        """,
    )
    assert source.problems == []
    assert source.data == {
        "country": "NO",
        "switch": "on",
        "zip": "012345",
        "big": "1e3",
        "when": "2024-03-31",
        "clock": "12:30",
        "empty": None,
        "tilde": None,
        "quoted_null": "null",
    }


def test_positions_of_keys_and_values_are_one_based(tmp_path):
    source = _read(tmp_path, "letter:\n  goals:\n    - text: a\n    - text: b\n")
    assert source.values[("letter", "goals", 1, "text")] == yaml_source.Position(4, 13)
    assert source.keys[("letter", "goals")] == yaml_source.Position(2, 3)
    # an absent value is placed at its nearest enclosing value
    assert source.position(("letter", "goals", 1, "missing")) == yaml_source.Position(4, 7)


def test_duplicate_keys_are_errors_naming_both_lines(tmp_path):
    source = _read(tmp_path, "a: 1\nb: 2\na: 3\n")
    assert _messages(source) == ["x.yaml:3:1: a: duplicate key 'a' (first defined on line 1)"]
    assert source.data == {"a": "1", "b": "2"}


def test_explicit_tags_are_refused_and_never_constructed(tmp_path):
    source = _read(tmp_path, "a: !!python/object/apply:os.system ['echo hi']\nb: !custom x\n")
    assert _messages(source) == [
        "x.yaml:1:4: a: YAML tags are not allowed here (tag:yaml.org,2002:python/object/apply:os.system)",
        "x.yaml:2:4: b: YAML tags are not allowed here (!custom)",
    ]


def test_billion_laughs_is_refused_fast(tmp_path):
    lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for index in range(1, 9):
        previous, name = chr(ord("a") + index - 1), chr(ord("a") + index)
        lines.append(f"{name}: &{name} [" + ",".join([f"*{previous}"] * 9) + "]")
    started = time.perf_counter()
    source = _read(tmp_path, "\n".join(lines) + "\n")
    assert time.perf_counter() - started < 5
    assert source.data is None
    assert len(source.problems) == 1
    assert "expands to more than 20,000 values" in source.problems[0].message


def test_not_utf8_is_reported_with_its_position(tmp_path):
    source = _read(tmp_path, b"a: ok\nb: caf\xe9\n")
    assert _messages(source) == ["x.yaml:2:7: file is not UTF-8 text (byte 0xe9); save it as UTF-8"]


def test_empty_and_non_mapping_files(tmp_path):
    assert _messages(_read(tmp_path, "\n  \n", "e.yaml")) == ["e.yaml:1:1: the file is empty"]
    assert _messages(_read(tmp_path, "# only a comment\n", "c.yaml")) == ["c.yaml:1:1: the file has no content"]
    assert _messages(_read(tmp_path, "- a\n- b\n", "l.yaml")) == [
        "l.yaml:1:1: the top level must be a mapping of keys to values"
    ]


def test_oversized_file_is_refused_with_the_limit(tmp_path):
    source = _read(tmp_path, "a: " + "x" * 1_000_001 + "\n")
    assert _messages(source) == ["x.yaml:1:1: is larger than 1,000,000 bytes, the limit for this kind of file"]
    assert source.data is None


def test_syntax_and_control_character_errors_have_positions(tmp_path):
    assert _messages(_read(tmp_path, "a: [1, 2\nb: 3\n", "s.yaml"))[0].startswith("s.yaml:2:2: YAML syntax error")
    assert _messages(_read(tmp_path, "a: ok\nb: x\x01y\n", "c.yaml")) == [
        "c.yaml:2:5: control character U+0001 is not allowed in YAML text"
    ]


def test_missing_file(tmp_path):
    source = read_yaml(tmp_path / "nope.yaml", "nope.yaml")
    assert _messages(source) == ["nope.yaml:1:1: does not exist"]


# --- syntax errors in words: indentation, tabs, quotes ----------------------------------

_ALIGN = "which lines up with nothing above it (YAML nests by indentation); start it in column"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "company: callisto\nrelease:\n  wire: prnewswire\n   date: 2007-01-04\n",
            "x.yaml:4:8: indentation: line 4 is indented more than line 3, whose key 'wire' already has a value; "
            "start line 4 in column 3, like the key above, or put the text in quotes if it belongs to that value",
        ),
        (
            "company: callisto\nrelease:\n\twire: x\n",
            "x.yaml:3:1: a tab character: YAML indents with spaces only; replace the tab with spaces",
        ),
        (
            "company: callisto\nletter:\n  paragraphs:\n  - one\n - two\n",
            f"x.yaml:5:2: indentation: line 5 starts in column 2, {_ALIGN} 1 or 3, in line with the key or '-' it "
            "belongs beside",
        ),
        (
            "company: callisto\nletter:\n  milestones:\n    - title: a\n    text: b\n",
            f"x.yaml:5:5: indentation: line 5 starts in column 5, {_ALIGN} 7, in line with the key or '-' it "
            "belongs beside",
        ),
        (
            'company: callisto\nletter:\n  title: "unclosed\n  x: 1\n',
            'x.yaml:3:10: the " opened here (line 3, column 10) is never closed: end the value with "',
        ),
        (
            "company: callisto\nletter:\n  title: a: b\n",
            "x.yaml:3:11: a second ': ' on one line: a value that contains ': ' must be written in quotes "
            '("..."), or the line is indented under a key that already has a value',
        ),
        (
            "company: callisto\nletter:\n  paragraphs:\n    - one\n  closing\n",
            "x.yaml:5:3: line 5 has no ':' where a key was expected: write 'key: value', or, if it continues the "
            "text above, indent it under that text or put the whole text in quotes",
        ),
    ],
    ids=["indented-under-a-value", "tab", "list-item-misaligned", "item-key-misaligned", "unclosed-quote",
         "second-colon", "no-colon"],
)  # fmt: skip
def test_a_syntax_error_says_in_words_what_is_wrong_and_where(tmp_path, text, expected):
    assert _messages(_read(tmp_path, text.encode())) == [expected]


# --- one syntax error hides no other problem ---------------------------------------------


def test_every_broken_section_is_reported_and_the_rest_is_still_read(tmp_path):
    text = (
        "company: callisto\n"
        "release:\n  wire: prnewswire\n   date: 2007-01-04\n"  # indentation, line 4
        "letter:\n  title: ok\n"
        "signatories:\n\t- name: x\n"  # a tab, line 8
        "contacts: []\n"
    )
    source = _read(tmp_path, text.encode())
    assert _messages(source) == [
        "x.yaml:4:8: indentation: line 4 is indented more than line 3, whose key 'wire' already has a value; "
        "start line 4 in column 3, like the key above, or put the text in quotes if it belongs to that value",
        "x.yaml:8:1: a tab character: YAML indents with spaces only; replace the tab with spaces",
    ]
    assert source.unread_sections == {"release", "signatories"}
    assert source.data == {"company": "callisto", "letter": {"title": "ok"}, "contacts": []}
    assert source.values[("letter", "title")] == yaml_source.Position(6, 10)  # positions as in the file


@pytest.mark.parametrize(
    "text",
    ["- a\n- b: [\n", "company: x\n---\nb: [\n", "a: [1,\n  2\n"],
    ids=["top-level-list", "second-document", "one-section-only"],
)
def test_a_file_not_laid_out_key_by_key_keeps_its_first_error_only(tmp_path, text):
    source = _read(tmp_path, text.encode())
    assert len(source.problems) == 1
    if source.data is not None:  # one section, unreadable: nothing else to check
        assert source.data == {}


def test_a_letter_with_a_syntax_error_still_reports_its_other_problems(workspace):
    from typer.testing import CliRunner

    from letterkit.cli import app

    letter = workspace / "data" / "letters" / "callisto-2007-shareholder-letter.yaml"
    lines = letter.read_text(encoding="utf-8").split("\n")
    assert lines[18] == "  title: CEO Letter to Shareholders" and lines[10] == "  date: 2007-01-04"
    lines[18] = " " + lines[18]  # an indentation mistake in letter:
    lines[10] = "  date: 2007-13-04"  # and a bad date in release:
    lines[4] = lines[4].replace("callisto", "calisto")  # and a misspelt company
    letter.write_text("\n".join(lines), encoding="utf-8")
    result = CliRunner().invoke(app, ["validate", "data/letters/callisto-2007-shareholder-letter.yaml"])
    assert result.exit_code == 2
    name = "data/letters/callisto-2007-shareholder-letter.yaml"
    assert result.stderr.splitlines() == [
        f"{name}:5:10: company: no company profile 'calisto': data/companies/calisto.yaml does not exist "
        "(did you mean 'callisto'?); known: aurora-grid, callisto, glacier-ridge, halvorsen-marine, pinecrest-hollow",
        f"{name}:11:9: release.date: not a valid date: '2007-13-04' (month value is outside expected range of 1-12); "
        "write dates as YYYY-MM-DD",
        f"{name}:19:9: indentation: line 19 is indented more than line 18, whose key 'date' already has a value; "
        "start line 19 in column 3, like the key above, or put the text in quotes if it belongs to that value",
        "3 problems found; nothing was written.",
    ]
