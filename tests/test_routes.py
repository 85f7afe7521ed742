"""Sessions that route by the check-in's zone (#14 point 3), without Textual: the format's
`when` and its validator rules, the routing rule, the routed steps, the planned end and the
between-clients session's stated length."""

from __future__ import annotations

import math
import re
from collections.abc import Callable
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from trakon_tui.cli import main
from trakon_tui.core.library import Library
from trakon_tui.core.model import ROUTE_ZONES, Session
from trakon_tui.core.programme import Programme, Tally, route_of
from trakon_tui.core.session_run import SessionRun

Write = Callable[[str, str], Path]
START = datetime(2026, 12, 4, 9, 0)

HEAD = """
format = 1
id = "our-pause"
kind = "session"
title = { fi = "Tauko", en = "Pause" }
summary = { fi = "Lyhyt tauko.", en = "A short pause." }
"""
CHECKIN = '\n[[steps]]\nitem = "checkin-window"\n'


def step(item: str, when: str | None = None) -> str:
    return f'\n[[steps]]\nitem = "{item}"\n' + (f"when = {when}\n" if when else "")


def validate(capsys: pytest.CaptureFixture[str], path: Path, lang: str = "en") -> list[str]:
    code = main(["--lang", lang, "validate", str(path)])
    lines = capsys.readouterr().out.splitlines()
    assert (code == 0) == (lines == [])
    return lines


# --- the format and its validator ------------------------------------------------------------


def test_a_route_names_known_zones_at_least_once_each(
    write: Write, capsys: pytest.CaptureFixture[str]
) -> None:
    path = write(
        "our-pause.toml",
        HEAD
        + CHECKIN
        + step("orienting", '["belw"]')
        + step("feet-on-the-floor", "[]")
        + step("orienting", '["above", "mixed", "above"]'),
    )
    assert validate(capsys, path) == [
        f"{path}:12:9: steps[2].when[1]: “belw” is not allowed here (did you mean “below”?); "
        "choose one of: above, within, below, mixed",
        f"{path}:16:1: steps[3].when: must not be empty",
    ]
    path = write("our-pause.toml", HEAD + CHECKIN + step("orienting", '["above", "above"]'))
    assert validate(capsys, path) == [f"{path}:12:1: steps[2].when: a zone is listed twice"]
    assert validate(capsys, path, "fi") == [
        f"{path}:12:1: steps[2].when: sama vyöhyke on listattu kahdesti"
    ]


def test_when_needs_a_check_in_before_it(write: Write, capsys: pytest.CaptureFixture[str]) -> None:
    path = write(
        "our-pause.toml",
        HEAD
        + step("orienting", '["below"]')
        + CHECKIN
        + step("orienting", '["below"]')
        + step("feet-on-the-floor"),
    )
    out = validate(capsys, path)
    assert len(out) == 1
    assert out[0].startswith(f"{path}:9:1: steps[1].when: “when” chooses a step by the check-in")
    fi = validate(capsys, path, "fi")
    assert "pysähdys" in fi[0] and "steps[1].when" in fi[0]
    # A `window` page (an opening round with raised hands) is a check-in too.
    page = (
        '\n[[steps]]\n[steps.page]\nrole = "window"\n'
        'title = { fi = "Missä olemme?", en = "Where are we?" }\n'
    )
    path = write(
        "our-pause.toml",
        HEAD
        + page
        + step("orienting", '["below", "within", "mixed"]')
        + step("feet-on-the-floor", '["above"]'),
    )
    assert validate(capsys, path) == []


def test_a_route_left_without_a_practice_is_named(
    write: Write, capsys: pytest.CaptureFixture[str]
) -> None:
    path = write(
        "our-pause.toml",
        HEAD
        + CHECKIN
        + step("stand-up-and-move", '["below"]')
        + step("orienting", '["mixed", "within"]'),
    )
    assert validate(capsys, path) == [
        f"{path}:7:1: steps[1]: after this check-in the “above” route has no practice; give a "
        "practice after it “when” with “above”"
    ]


def test_the_shipped_sessions_route_cleanly(shipped_library: Library) -> None:
    assert not shipped_library.problems
    assert "between-clients" in shipped_library.items


# --- the rule: the most cautious route that suits every counted hand ---------------------------


@pytest.mark.parametrize(
    ("above", "within", "below", "route"),
    [
        (0, 0, 0, "mixed"),
        (0, 3, 0, "within"),
        (2, 0, 0, "above"),
        (1, 4, 0, "above"),
        (0, 0, 2, "below"),
        (0, 5, 1, "below"),
        (1, 0, 1, "mixed"),
        (3, 2, 1, "mixed"),
    ],
)
def test_the_route_suits_every_counted_hand(
    above: int, within: int, below: int, route: str
) -> None:
    assert route_of(Tally(above, within, below)) == route


# --- routing the programme -----------------------------------------------------------------------


def between(library: Library) -> SessionRun:
    session = library.items["between-clients"]
    assert isinstance(session, Session)
    return SessionRun(Programme.of(session, library.items), START)


def ids(programme: Programme) -> list[str]:
    return [step.item.id if step.item else "page" for step in programme.steps]


def test_before_the_check_in_the_programme_shows_the_mixed_route(shipped_library: Library) -> None:
    run = between(shipped_library)
    programme = run.programme
    assert ids(programme) == ["checkin-window", "feet-on-the-floor", "orienting", "page"]
    assert ids(programme) == ids(programme.on_route("mixed"))
    # The plan is the mixed route's: the length the picker shows too.
    assert run.planned_end == START + timedelta(seconds=programme.on_route("mixed").total_seconds())


def test_below_the_window_is_not_offered_a_long_exhale_first(shipped_library: Library) -> None:
    run = between(shipped_library)
    run.count("below")
    run.count("below")
    assert run.programme.route == "below"
    assert ids(run.programme)[1] == "stand-up-and-move"
    assert run.move(1, START)
    assert run.tally.total == 0  # the count is cleared, the route stays
    assert ids(run.programme) == ["checkin-window", "stand-up-and-move", "orienting", "page"]
    assert "extended-exhale-4-6" not in ids(run.programme)
    assert run.programme.step.item is not None
    assert run.programme.step.item.id == "stand-up-and-move"


def test_above_goes_to_the_feet_then_the_long_exhale(shipped_library: Library) -> None:
    run = between(shipped_library)
    run.count("above")
    run.count("within")
    assert run.move(1, START) and run.move(1, START)
    assert ids(run.programme) == [
        "checkin-window",
        "feet-on-the-floor",
        "extended-exhale-4-6",
        "page",
    ]
    assert run.programme.step.item is not None
    assert run.programme.step.item.id == "extended-exhale-4-6"


def test_nothing_counted_or_a_split_room_goes_the_mixed_way(shipped_library: Library) -> None:
    run = between(shipped_library)
    assert run.move(1, START)
    assert run.programme.route == "mixed"
    assert ids(run.programme)[1:3] == ["feet-on-the-floor", "orienting"]
    run = between(shipped_library)
    run.count("above")
    run.count("below")
    assert run.programme.route == "mixed"
    run.clear_count()
    run.count("within")
    assert run.programme.route == "within"
    assert ids(run.programme) == ["checkin-window", "orienting", "page"]


def test_back_to_the_check_in_and_counting_again_re_routes(shipped_library: Library) -> None:
    run = between(shipped_library)
    run.count("below")
    assert run.move(1, START) and run.programme.route == "below"
    assert run.move(-1, START)
    assert run.programme.index == 0 and run.tally.total == 0
    run.count("above")
    assert run.move(1, START)
    assert run.programme.route == "above"
    assert run.programme.step.item is not None
    assert run.programme.step.item.id == "feet-on-the-floor"
    assert ids(run.programme)[2] == "extended-exhale-4-6"


def test_the_plan_stays_and_drift_follows_the_route(shipped_library: Library) -> None:
    run = between(shipped_library)
    planned = run.planned_end
    checkin = run.programme.step.seconds
    run.count("within")  # the within route is a minute shorter than the mixed one
    assert run.planned_end == planned
    later = START + timedelta(seconds=checkin)
    assert run.move(1, later)
    shorter = run.programme.on_route("mixed").total_seconds() - run.programme.total_seconds()
    assert shorter > 0
    assert run.drift(later) == -timedelta(seconds=shorter)


def test_a_second_check_in_routes_only_what_follows_it(shipped_library: Library) -> None:
    """Routes are chosen check-in by check-in: what came before stays as it was walked."""
    from trakon_tui.core.programme import ProgrammeStep

    items = shipped_library.items
    checkin = ProgrammeStep(item=items["checkin-window"])
    steps = [
        checkin,
        ProgrammeStep(item=items["stand-up-and-move"], when=frozenset({"below"})),
        ProgrammeStep(item=items["orienting"]),
        checkin,
        ProgrammeStep(item=items["extended-exhale-4-6"], when=frozenset({"above"})),
        ProgrammeStep(item=items["feet-on-the-floor"]),
    ]
    run = SessionRun(Programme(steps), START)
    run.count("below")
    assert run.move(1, START) and run.move(1, START) and run.move(1, START)
    assert run.programme.index == 3 and run.programme.route == "mixed"
    run.count("above")
    assert run.programme.route == "above"
    assert [s.item.id for s in run.programme.steps if s.item] == [
        "checkin-window",
        "stand-up-and-move",
        "orienting",
        "checkin-window",
        "extended-exhale-4-6",
        "feet-on-the-floor",
    ]


# --- the summary tells the truth -----------------------------------------------------------------


def test_the_between_clients_summary_states_the_length_of_every_route(
    shipped_library: Library,
) -> None:
    session = shipped_library.items["between-clients"]
    assert isinstance(session, Session)
    programme = Programme.of(session, shipped_library.items)
    minutes = {
        math.floor(programme.on_route(zone).total_seconds() / 60 + 0.5) for zone in ROUTE_ZONES
    }
    for lang, text in session.summary.items():
        stated = [int(n) for n in re.findall(r"\d+", text)]
        assert stated, f"{lang}: the summary gives no minutes"
        assert (min(stated), max(stated)) == (min(minutes), max(minutes)), (lang, text, minutes)


# --- the facilitator sees the routes: notes, card, console ---------------------------------------


def test_notes_show_which_steps_run_for_which_zone(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--lang", "en", "present", "--notes", "between-clients"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[:2] == ["Pause between clients", "about 3–4 min · 6 steps"]
    assert "After “Check-in”, by the zone counted there:" in out
    assert (
        "  below the window: Stand up and move → Orienting to the room → Ready for the next one"
        " · about 4 min in all"
    ) in out
    assert any(
        line.startswith("  above the window: Feet on the floor → Extended exhale") for line in out
    )
    assert any(
        line.startswith("  mixed or not counted: Feet on the floor → Orienting") for line in out
    )
    stand_up = out.index("2. Stand up and move · Grounding · about 1 min")
    assert out[stand_up + 1] == "   only: below the window"
    assert main(["--lang", "fi", "present", "--notes", "between-clients"]) == 0
    fi = capsys.readouterr().out.splitlines()
    assert fi[1] == "noin 3–4 min · 6 vaihetta"
    assert any(line.startswith("  sietoikkunan alapuolella: Nouse ja liiku →") for line in fi)


def test_the_card_shows_the_routes_and_their_length(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--lang", "en", "open", "between-clients", "--plain"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert "Length: about 3–4 min" in out
    assert "  2. Stand up and move (only: below the window)" in out
    assert any(line.startswith("  within the window: Orienting to the room →") for line in out)
    assert main(["--lang", "fi", "open", "between-clients", "--plain"]) == 0
    fi = capsys.readouterr().out.splitlines()
    assert "Kesto: noin 3–4 min" in fi
    assert any(line.startswith("  sietoikkunan sisällä: Orientoituminen") for line in fi)


def test_the_console_is_told_the_routes_on_the_check_in(shipped_library: Library) -> None:
    from trakon_tui.core import console_link as link

    run = between(shipped_library)
    run.count("below")

    def state() -> link.RoomState:
        told = link.room_state(run, run.started)
        assert told is not None
        return told

    told = state()
    assert told.route == "below"
    assert [way.route for way in told.ways] == list(ROUTE_ZONES)
    below = next(way for way in told.ways if way.route == "below")
    assert [step["en"] for step in below.steps][:2] == [
        "Stand up and move",
        "Orienting to the room",
    ]
    assert told.next_title is not None and told.next_title["en"] == "Stand up and move"
    assert link.decode_room(link.encode_state(told)) == told  # it survives the wire
    run.move(1, START)
    assert state().ways == () and state().route is None  # past the check-in: nothing to choose
    # A route the format does not know drops the state whole.
    bad = link.encode_state(told).replace(b'"route":"below"', b'"route":"sideways"', 1)
    assert link.decode_room(bad) is None


def test_the_lists_count_a_divided_session_on_its_mixed_route(shipped_library: Library) -> None:
    from trakon_tui.core import measure

    session = shipped_library.items["between-clients"]
    assert isinstance(session, Session)
    mixed = Programme.of(session, shipped_library.items).on_route("mixed")
    length = measure.duration(session, shipped_library.items)
    assert length.seconds == sum(
        measure.duration(s.item).seconds if s.item else 60 for s in mixed.steps
    )
