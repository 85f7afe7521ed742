"""One file in, an item or clear problems out: the format's contract, kind by kind."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from trakon_tui.core import measure
from trakon_tui.core.loader import MAX_FILE_BYTES, load_bytes, load_file
from trakon_tui.core.model import Breathing
from trakon_tui.i18n import set_language

Write = Callable[[str, str], Path]

HEAD = """
format = 1
title = { fi = "Otsikko", en = "Title" }
summary = { fi = "Kuvaus", en = "Summary" }
"""

BREATH = (
    HEAD
    + """
id = "calm"
kind = "breathing"
alternative = "feet"
cycles = 6
[[phases]]
type = "inhale"
seconds = 4
[[phases]]
type = "exhale"
seconds = 6
"""
)


def messages(path: Path) -> list[str]:
    return [p.format() for p in load_file(path).problems]


def test_a_good_breathing_file_loads_with_its_computed_length(write: Write) -> None:
    loaded = load_file(write("calm.toml", BREATH))
    assert loaded.problems == ()
    assert isinstance(loaded.item, Breathing)
    length = measure.duration(loaded.item)
    assert (length.seconds, length.exact) == (3 + 6 * 10, True)


def test_a_missing_language_falls_back_to_the_other(write: Write) -> None:
    from trakon_tui.core.text import tr

    item = load_file(
        write(
            "one.toml",
            BREATH.replace('en = "Title"', 'fi = "Vain"').replace(
                '{ fi = "Otsikko", fi = "Vain" }', '{ fi = "Vain" }'
            ),
        )
    )
    assert item.item is not None, item.problems
    assert tr(item.item.title, "en") == "Vain"


def test_toml_syntax_errors_name_line_and_column(write: Write) -> None:
    path = write("broken.toml", 'format = 1\nid = "x"\ntitle = { fi = "a" \n')
    (line,) = messages(path)
    assert line.startswith(f"{path}:3:")
    assert "TOML syntax: a { … } table is not closed" in line


def test_an_unknown_key_is_an_error_with_a_suggestion(write: Write) -> None:
    path = write("typo.toml", BREATH.replace("cycles = 6", "cycels = 6"))
    (line,) = [m for m in messages(path) if "cycels" in m]
    assert line.startswith(f"{path}:8:1: ")
    assert "unknown field “cycels”" in line
    assert "did you mean “cycles”" in line


def test_a_wrong_type_names_the_field_path(write: Write) -> None:
    path = write("type.toml", BREATH.replace("seconds = 6", 'seconds = "six"'))
    (line,) = messages(path)
    assert line == (
        f"{path}:14:1: phases[2].seconds: write a number of seconds without quotes, "
        "e.g. `seconds = 4` (a decimal takes a point: 4.5)"
    )


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (('id = "calm"', 'id = "Calm Breath"'), "id: use lowercase letters"),
        (("seconds = 6", "seconds = 0"), "phases[2].seconds: must be more than 0"),
        (("seconds = 6", "seconds = -3"), "phases[2].seconds: must be more than 0"),
        (("seconds = 6", "seconds = 99999"), "phases[2].seconds: must be at most 3600"),
        (('type = "exhale"', 'type = "exhail"'), "“exhail” is not allowed here (did you mean"),
        (("cycles = 6", 'cycles = 6\nsuits = ["abov"]'), "suits[1]: “abov” is not allowed here"),
        (('kind = "breathing"', 'kind = "breath"'), "kind: “breath” is not allowed here"),
        (('title = { fi = "Otsikko", en = "Title" }', "title = {}"), "title: must not be empty"),
        (
            ('title = { fi = "Otsikko", en = "Title" }', 'title = { sv = "x" }'),
            "title.sv: unknown language “sv”",
        ),
        (("format = 1", "format = 2"), "format: format 2 is not known"),
        (('alternative = "feet"', ""), "required field “alternative” is missing"),
    ],
)
def test_impossible_values_are_errors(write: Write, change: tuple[str, str], expected: str) -> None:
    path = write("bad.toml", BREATH.replace(*change))
    found = messages(path)
    assert any(expected in line for line in found), found


def test_an_empty_phase_list_is_an_error(write: Write) -> None:
    text = HEAD + 'id = "x"\nkind = "breathing"\nalternative = "f"\ncycles = 1\nphases = []\n'
    assert any("phases: must not be empty" in m for m in messages(write("e.toml", text)))


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (("seconds = 6", "seconds = 12"), "a phase lasts at most 10 s; this one lasts 12 s"),
        (("seconds = 6", "seconds = 0.5"), "no fast breathing"),
        (("cycles = 6", "cycles = 6\nseconds = 60"), "not both"),
        (("cycles = 6", ""), "give the length as “cycles” or “seconds”"),
        (("cycles = 6", "cycles = 20\nbetween_clients = true"), "lasts at most 120 s"),
        (('type = "exhale"', 'type = "pause"'), "at least one “inhale” and one “exhale”"),
    ],
)
def test_breathing_domain_rules(write: Write, change: tuple[str, str], expected: str) -> None:
    found = messages(write("rule.toml", BREATH.replace(*change)))
    assert any(expected in line for line in found), found


def test_long_holds_need_an_opt_in_and_a_caution(write: Write) -> None:
    held = BREATH.replace(
        'type = "exhale"', 'type = "hold"\nseconds = 7\n[[phases]]\ntype = "exhale"', 1
    )
    found = messages(write("hold.toml", held))
    assert any("long_holds = true" in line for line in found), found
    opted = held.replace("cycles = 6", "cycles = 6\nlong_holds = true")
    found = messages(write("hold2.toml", opted))
    assert any("needs a “caution”" in line for line in found), found
    cautious = opted.replace(
        "long_holds = true", 'long_holds = true\ncaution = { en = "Holds can feel tight." }'
    )
    assert messages(write("hold3.toml", cautious)) == []


def test_fast_breathing_is_rejected_at_the_fastest_pace(write: Write) -> None:
    # 5 s cycles are 12/min: allowed at pace 1.0, not when + can make them 20 % faster.
    text = BREATH.replace("seconds = 6", "seconds = 1")
    assert messages(write("ok.toml", text)) == []
    fast = text.replace("cycles = 6", "cycles = 6\npace = { fastest = 0.8 }")
    assert any("15 breaths a minute" in m for m in messages(write("fast.toml", fast)))


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (b"", "the file is empty"),
        (b"   \n\n", "the file is empty"),
        (b"\x00\x01\x02binary", "not a text file"),
        (b'title = "caf\xe9"', "not UTF-8"),
        (b"a = " + b"[" * 5000 + b"]" * 5000, "nested too deeply"),
        (b"x" * (MAX_FILE_BYTES + 1), "too large"),
        (b"[[[", "TOML syntax"),
        (b"format = 1", "required field “kind” is missing"),
        (b'kind = "info"', "required field “format” is missing"),
    ],
)
def test_hostile_bytes_give_a_clean_message(data: bytes, expected: str) -> None:
    loaded = load_bytes(Path("f.toml"), data)
    assert loaded.item is None
    assert any(expected in p.message for p in loaded.problems), loaded.problems


def test_a_non_utf8_file_reports_where_the_bad_byte_is() -> None:
    (problem,) = load_bytes(Path("f.toml"), b'a = 1\nb = "\xff"\n').problems
    assert (problem.line, problem.col) == (2, 6)


def test_a_utf8_byte_order_mark_is_accepted(write: Write) -> None:
    path = write("bom.toml", BREATH)
    path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes())
    assert load_file(path).item is not None


def test_a_folder_or_unreadable_path_is_a_problem_not_a_crash(tmp_path: Path) -> None:
    assert "folder" in load_file(tmp_path).problems[0].message
    assert "no such file" in load_file(tmp_path / "absent.toml").problems[0].message


def test_messages_follow_the_current_language(write: Write) -> None:
    (problem,) = load_file(write("typo.toml", BREATH.replace("cycles", "cycels"))).problems
    assert "unknown field" in problem.message
    set_language("fi")
    assert "tuntematon kenttä ”cycels”" in problem.message
