"""The domain rules, line by line as `trakon validate` prints them: each limit is allowed at
exactly its value and refused just past it, with the field it names and the numbers it says."""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

import pytest
import tomli_w

from trakon_tui.core.loader import load_bytes
from trakon_tui.i18n import set_language

FILE = Path("r.toml")
EN = {"en": "x"}
BREATH: dict[str, Any] = {
    "format": 1,
    "id": "calm",
    "kind": "breathing",
    "title": EN,
    "summary": EN,
    "alternative": "feet",
    "lead_in": 0,
    "cycles": 6,
    "phases": [{"type": "inhale", "seconds": 4}, {"type": "exhale", "seconds": 6}],
}
HOLD = [
    {"type": "inhale", "seconds": 4},
    {"type": "hold", "seconds": 4},
    {"type": "exhale", "seconds": 4},
]
GROUND: dict[str, Any] = {
    "format": 1,
    "id": "g",
    "kind": "grounding",
    "title": EN,
    "summary": EN,
    "steps": [{"text": EN, "count": 5, "seconds": 5}],
}
WRITE: dict[str, Any] = {
    "format": 1,
    "id": "w",
    "kind": "writing",
    "title": EN,
    "summary": EN,
    "prompts": [{"text": EN}],
    "timer": 1800,
}
ZONE: dict[str, Any] = {"name": EN, "description": EN}
SCALE: dict[str, Any] = {
    "format": 1,
    "id": "c",
    "kind": "checkin",
    "title": EN,
    "summary": EN,
    "question": EN,
    "window": {"low": 3, "high": 7},
    "zones": {
        "above": {**ZONE, "signs": [{"id": "tense", "label": EN}]},
        "within": {**ZONE, "signs": [{"id": "present", "label": EN}]},
        "below": ZONE,
    },
    "body_areas": [{"id": "chest", "label": EN}, {"id": "belly", "label": EN}],
}
SESSION: dict[str, Any] = {
    "format": 1,
    "id": "s",
    "kind": "session",
    "title": EN,
    "summary": EN,
    "steps": [{"item": "calm"}, {"page": {"title": EN}}],
}

REFLECTION: dict[str, Any] = {"title": EN, "role": "reflection", "questions": [EN, EN]}


def lines(base: dict[str, Any], **changes: Any) -> list[str]:
    data = copy.deepcopy(base)
    for key, value in changes.items():
        if value is None:
            del data[key]
        else:
            data[key] = value
    loaded = load_bytes(FILE, tomli_w.dumps(data).encode())
    # The field and the message; where the line is depends on how tomli_w lays the file out.
    return [problem._replace(line=None).format() for problem in loaded.problems]


def at(where: str | None, message: str) -> list[str]:
    return [f"{FILE}: {where}: {message}" if where else f"{FILE}: {message}"]


def long(length: int, lang: str = "en") -> dict[str, str]:
    """A text of `length` characters (with spaces, as a real runaway text would have)."""
    return {lang: ("word " * length)[:length]}


PHASE_10 = [{"type": "inhale", "seconds": 4}, {"type": "exhale", "seconds": 10}]
PHASE_LONG = [{"type": "inhale", "seconds": 4}, {"type": "exhale", "seconds": 10.5}]
LONG_HOLD = [HOLD[0], {"type": "hold", "seconds": 4.5}, HOLD[2]]


CASES = [
    pytest.param(BREATH, {}, [], id="a good breath"),
    pytest.param(BREATH, {"phases": PHASE_10}, [], id="a 10 s phase"),
    pytest.param(
        BREATH,
        {"phases": PHASE_LONG},
        at("phases[2].seconds", "a phase lasts at most 10 s; this one lasts 10.5 s"),
        id="a 10.5 s phase",
    ),
    pytest.param(BREATH, {"phases": HOLD}, [], id="a 4 s hold"),
    pytest.param(
        BREATH,
        {"phases": LONG_HOLD},
        at(
            "phases[2].seconds",
            "holds longer than 4 s need “long_holds = true” and a “caution”",
        ),
        id="a 4.5 s hold",
    ),
    pytest.param(
        BREATH,
        {"phases": LONG_HOLD, "long_holds": True},
        at("long_holds", "a practice with long holds needs a “caution”"),
        id="long holds without a caution",
    ),
    pytest.param(
        BREATH,
        {"phases": LONG_HOLD, "long_holds": True, "caution": EN},
        [],
        id="long holds with a caution",
    ),
    pytest.param(BREATH, {"pace": {"fastest": 0.5, "slowest": 2.0}}, [], id="pace limits"),
    pytest.param(
        BREATH,
        {"pace": {"fastest": 1.05, "slowest": 0.95}},
        at("pace.fastest", "must be between 0.5 and 1.0")
        + at("pace.slowest", "must be between 1.0 and 2.0"),
        id="pace on the wrong side",
    ),
    pytest.param(
        BREATH,
        {"pace": {"fastest": 0.45, "slowest": 2.05}},
        at(
            "phases",
            "this is 13.3 breaths a minute at the fastest pace; Trakon paces at most 12 "
            "(no fast breathing)",
        )
        + at("pace.fastest", "must be between 0.5 and 1.0")
        + at("pace.slowest", "must be between 1.0 and 2.0"),
        id="pace past the limits",
    ),
    pytest.param(
        BREATH,
        {"phases": [{"type": "inhale", "seconds": 2}, {"type": "exhale", "seconds": 3}]},
        [],
        id="12 breaths a minute",
    ),
    pytest.param(
        BREATH,
        {"phases": [{"type": "inhale", "seconds": 0.4}, {"type": "exhale", "seconds": 0.4}]},
        at(
            "phases",
            "this is 75 breaths a minute at the fastest pace; Trakon paces at most 12 "
            "(no fast breathing)",
        ),
        id="a breath shorter than a second",
    ),
    pytest.param(BREATH, {"cycles": 180}, [], id="30 minutes"),
    pytest.param(
        BREATH,
        {"cycles": 181},
        at("cycles", "a practice lasts at most 30 minutes; this one takes 30.2"),
        id="30 minutes and 10 s",
    ),
    pytest.param(
        BREATH,
        {"alternative": "calm"},
        at("alternative", "the alternative must be another practice"),
        id="itself as its alternative",
    ),
    pytest.param(
        BREATH,
        {"duration": 60},
        at(
            "duration",
            "a breathing practice's length is computed from its phases; remove “duration” "
            "and use “cycles” or “seconds”",
        ),
        id="a duration",
    ),
    pytest.param(
        BREATH,
        {"seconds": 60},
        at("seconds", "give the length as either “cycles” or “seconds”, not both"),
        id="cycles and seconds",
    ),
    pytest.param(
        BREATH,
        {"cycles": None},
        at(None, "give the length as “cycles” or “seconds”"),
        id="no length",
    ),
    pytest.param(
        BREATH,
        {"phases": [{"type": "inhale", "seconds": 6}]},
        at("phases", "a breath needs at least one “inhale” and one “exhale” phase"),
        id="no out-breath",
    ),
    pytest.param(
        BREATH,
        {"format": 2},
        at("format", "format 2 is not known to this version of Trakon (it reads format 1)"),
        id="a later format",
    ),
    pytest.param(
        BREATH,
        {"suits": ["above", "below", "above"]},
        at("suits", "a zone is listed twice"),
        id="a zone twice",
    ),
    pytest.param(BREATH, {"between_clients": True, "cycles": 12}, [], id="120 s between"),
    pytest.param(
        BREATH,
        {"between_clients": True, "cycles": 13},
        at(
            "between_clients",
            "an item for the pause between clients lasts at most 120 s; this one takes 130 s",
        ),
        id="130 s between",
    ),
    pytest.param(GROUND, {}, [], id="a second for each thing"),
    pytest.param(
        GROUND,
        {"steps": [{"text": EN}, {"text": EN, "count": 5, "seconds": 4}]},
        at(
            "steps[2].seconds",
            "4 s is too short to notice 5 things; allow at least a second each",
        ),
        id="too short to notice",
    ),
    pytest.param(WRITE, {}, [], id="a 30 minute timer"),
    pytest.param(
        WRITE,
        {"timer": 1801},
        at("timer", "a timer lasts at most 30 minutes"),
        id="a longer timer",
    ),
    pytest.param(SCALE, {}, [], id="a scale"),
    pytest.param(
        SCALE,
        {"window": {"low": 5, "high": 5}},
        at("window", "the window's “low” must be below its “high”"),
        id="an empty window",
    ),
    pytest.param(
        SCALE,
        {
            "zones": {
                "above": {**ZONE, "signs": [{"id": "tense", "label": EN}]},
                "within": ZONE,
                "below": {
                    **ZONE,
                    "signs": [
                        {"id": "numb", "label": EN},
                        {"id": "tense", "label": EN},
                    ],
                },
            }
        },
        at("zones.below.signs[2].id", "the id “tense” is used twice"),
        id="a sign twice",
    ),
    pytest.param(
        SCALE,
        {"body_areas": [{"id": "chest", "label": EN}, {"id": "chest", "label": EN}]},
        at("body_areas[2].id", "the id “chest” is used twice"),
        id="a body area twice",
    ),
    *(
        case
        for field, limit in [("title", 80), ("summary", 300), ("caution", 1000)]
        for case in (
            pytest.param(BREATH, {field: long(limit)}, [], id=f"a {field} of {limit}"),
            pytest.param(
                BREATH,
                {field: long(limit + 1)},
                at(
                    field,
                    f"a text here is at most {limit} characters; the English one has {limit + 1}",
                ),
                id=f"a {field} of {limit + 1}",
            ),
        )
    ),
    pytest.param(BREATH, {"source": "s" * 1000}, [], id="a source of 1000"),
    pytest.param(
        BREATH,
        {"source": "s" * 1001},
        at("source", "a text here is at most 1000 characters; this one has 1001"),
        id="a source of 1001",
    ),
    pytest.param(GROUND, {"steps": [{"text": long(500, "fi")}]}, [], id="a step of 500"),
    pytest.param(
        GROUND,
        {"steps": [{"text": long(501, "fi")}]},
        at("steps[1].text", "a text here is at most 500 characters; the Finnish one has 501"),
        id="a step of 501",
    ),
    pytest.param(
        SESSION,
        {
            "steps": [
                {"item": "calm", "notes": long(4000)},
                {"page": {"title": EN, "body": long(4000)}},
            ]
        },
        [],
        id="notes and a page of 4000",
    ),
    pytest.param(
        SESSION,
        {
            "steps": [
                {"item": "calm", "notes": long(4001)},
                {"page": {"title": EN, "body": long(4001)}},
            ]
        },
        at("steps[1].notes", "a text here is at most 4000 characters; the English one has 4001")
        + at(
            "steps[2].page.body", "a text here is at most 4000 characters; the English one has 4001"
        ),
        id="notes and a page of 4001",
    ),
    pytest.param(SESSION, {}, [], id="a session"),
    pytest.param(
        SESSION,
        {"steps": [{"item": "calm", "page": {"title": EN}}, {}, {"item": "s"}]},
        at("steps[1]", "a step has either “item” or “page”")
        + at("steps[2]", "a step has either “item” or “page”")
        + at("steps[3].item", "a session cannot contain itself"),
        id="steps that are not one thing",
    ),
    pytest.param(
        SESSION,
        {"steps": [{"item": "calm"}, {"page": {**REFLECTION, "rated": [1, 2]}}]},
        [],
        id="every question of a reflection page rated",
    ),
    pytest.param(
        SESSION,
        {
            "steps": [
                {"item": "calm"},
                {"page": {**REFLECTION, "rated": [2, 3, 2]}},
                {"page": {"title": EN, "role": "closing", "rated": [1]}},
            ]
        },
        at("steps[2].page.rated[2]", "there is no question 3; this page has 2")
        + at("steps[2].page.rated[3]", "question 2 is listed twice")
        + at(
            "steps[3].page.rated",
            "only a reflection page's questions are rated; this page's role is “closing”",
        ),
        id="rated questions that are not there",
    ),
]


@pytest.mark.parametrize(("base", "changes", "expected"), CASES)
def test_a_rule_is_kept_at_its_limit_and_named_past_it(
    base: dict[str, Any], changes: dict[str, Any], expected: list[str]
) -> None:
    assert lines(base, **changes) == expected


@pytest.mark.parametrize(
    ("base", "changes", "expected"), [case for case in CASES if case.values[2]]
)
def test_every_rule_speaks_finnish(
    base: dict[str, Any], changes: dict[str, Any], expected: list[str]
) -> None:
    """The same lines in Finnish: the same file and field, the message translated."""
    set_language("fi")
    found = lines(base, **changes)
    assert len(found) == len(expected)
    for finnish, english in zip(found, expected, strict=True):
        prefix = english[: len(english) - len(english.split(": ")[-1])]
        assert finnish.startswith(prefix) and finnish != english, finnish
