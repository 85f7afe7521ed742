"""Grounding one step at a time: the pure walk on a fake clock, the screen with Pilot (tick,
skip, back, pause, timed advance, stop, the pair after a check-in) and plain mode."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from textual.widgets import Static

from tests.conftest import FakeClock, RecordingLog, advance, make_app
from trakon_tui.core.library import Library
from trakon_tui.core.model import Grounding, Step
from trakon_tui.core.steps import StepWalk
from trakon_tui.plain import PlainIO, ground
from trakon_tui.ui.screens.checkin import CheckinScreen
from trakon_tui.ui.screens.detail import DetailScreen
from trakon_tui.ui.screens.grounding import GroundingScreen
from trakon_tui.ui.screens.practice_end import PracticeDoneScreen


def steps(*specs: dict[str, object]) -> list[Step]:
    return [Step(text={"en": f"step {n}"}, **spec) for n, spec in enumerate(specs)]  # type: ignore[arg-type]


def test_timed_steps_move_on_from_the_clock_not_from_ticks() -> None:
    walk = StepWalk(steps({"seconds": 15}, {"seconds": 15}, {}), start=100.0)
    assert walk.progress(107.5) == pytest.approx(0.5)
    assert walk.due(100.0) == 115.0
    assert not walk.sync(114.999)
    assert walk.sync(131.0)  # both timed steps are over, however late we look
    assert walk.index == 2 and walk.due(131.0) is None  # an untimed step waits for the user
    assert not walk.sync(10_000.0)


def test_pause_holds_a_timed_step_and_resume_continues_exactly() -> None:
    walk = StepWalk(steps({"seconds": 10}, {}), start=0.0)
    walk.pause(4.0)
    assert walk.due(50.0) is None and walk.elapsed(50.0) == 4.0
    assert not walk.sync(50.0)
    walk.resume(50.0)
    assert walk.left(50.0) == pytest.approx(6.0)
    assert walk.sync(56.0) and walk.index == 1


def test_ticks_next_back_and_skip() -> None:
    walk = StepWalk(steps({"count": 2}, {"body": True}, {}), start=0.0)
    assert walk.tick() and walk.tick() and not walk.tick()  # never more than the count
    walk.next(1.0)
    walk.skip(2.0)
    assert walk.index == 2 and walk.skipped == {1}
    walk.back(3.0)
    assert walk.index == 1
    walk.back(3.0)
    walk.back(3.0)  # at the first step, back stays
    assert walk.index == 0 and walk.ticks[0] == 2  # what was noticed is kept
    for _ in range(3):
        walk.next(4.0)
    assert walk.finished


def grounding_app(tmp_path: Path, item_id: str, **kw):  # type: ignore[no-untyped-def]
    clock = kw.pop("clock", FakeClock())
    log = kw.pop("practice_log", RecordingLog())
    app = make_app(
        tmp_path, clock=clock, practice_log=log, start=lambda: DetailScreen(item_id), **kw
    )
    return app, clock, log


def shown(screen: GroundingScreen, selector: str) -> str:
    return str(screen.query_one(selector, Static).content)


async def test_counted_steps_are_ticked_and_left_at_will(tmp_path: Path) -> None:
    app, _clock, log = grounding_app(tmp_path, "senses-5-4-3-2-1")
    async with app.run_test(size=(100, 32)) as pilot:
        await pilot.press("enter")
        screen = app.screen
        assert isinstance(screen, GroundingScreen)
        assert "five things you can see" in shown(screen, "#step-text")
        await pilot.press("space", "space")
        assert "2/5" in shown(screen, "#step-count")
        await pilot.press("right")  # on without ticking the rest
        assert "Step 2/5" in shown(screen, "#step-number")
        assert "touch the table" in shown(screen, "#step-alternative")
        await pilot.press("left")
        assert "2/5" in shown(screen, "#step-count")  # kept
        await pilot.press("s", "s", "s", "s", "s")
        assert isinstance(app.screen, PracticeDoneScreen)
        assert "What do you notice?" in str(app.screen.query_one("#closing-text", Static).content)
    (run,) = log.runs
    assert (run.item_id, run.kind, run.completed) == ("senses-5-4-3-2-1", "grounding", True)  # type: ignore[attr-defined]


async def test_timed_steps_advance_pause_and_stop(tmp_path: Path) -> None:
    app, clock, log = grounding_app(tmp_path, "orienting")
    async with app.run_test(size=(100, 32)) as pilot:
        await pilot.press("enter")
        screen = app.screen
        assert isinstance(screen, GroundingScreen)
        await advance(pilot, clock, 7.5)
        assert "0:08" in shown(screen, "#step-progress")  # the line moves while it runs
        await advance(pilot, clock, 7.49)
        assert "Step 1/5" in shown(screen, "#step-number")
        await advance(pilot, clock, 0.01)  # its 15 s are over: on at once, by itself
        assert "Step 2/5" in shown(screen, "#step-number")
        await pilot.press("space")  # pause
        await advance(pilot, clock, 100)
        assert "Step 2/5" in shown(screen, "#step-number")
        assert "Paused" in shown(screen, "#step-status")
        assert clock.timers.of(screen) == []  # a paused step runs no timer
        await pilot.press("space")  # continue
        await advance(pilot, clock, 15)
        assert "Step 3/5" in shown(screen, "#step-number")
        await pilot.press("escape")
        assert isinstance(app.screen, DetailScreen)
    (run,) = log.runs
    assert run.completed is False  # type: ignore[attr-defined]


async def test_grounding_after_a_checkin_asks_again(tmp_path: Path) -> None:
    from tests.test_checkin_flow import checkin_app, saved

    app, data = checkin_app(tmp_path)
    async with app.run_test(size=(100, 32)) as pilot:
        await pilot.press("2", "enter", "enter", "enter")  # below: orienting first
        assert isinstance(app.screen, GroundingScreen)
        await pilot.press("escape")
        assert isinstance(app.screen, CheckinScreen)
        await pilot.press("4", "enter")
    first, second = saved(data)
    assert (first.practice_id, second.practice_id, second.level) == ("orienting", "orienting", 4)


def test_plain_grounding_reads_each_step_and_waits_for_timed_ones(
    shipped_library: Library,
) -> None:
    item = shipped_library.items["orienting"]
    assert isinstance(item, Grounding)
    out = io.StringIO()
    now = [0.0]
    log = RecordingLog()
    plain = PlainIO(
        out=out,
        ask=lambda _p: "",
        clock=lambda: now[0],
        sleep=lambda s: now.__setitem__(0, now[0] + s),
    )
    assert ground(item, plain, log) == 0
    text = out.getvalue()
    assert "Step 1/5: Let your eyes and head turn slowly" in text
    assert "Another way: If noticing the body" in text
    assert now[0] == pytest.approx(75.0)  # five 15 s steps, waited on the clock
    assert log.runs[0].completed  # type: ignore[attr-defined]


def test_plain_grounding_stops_with_q(shipped_library: Library) -> None:
    item = shipped_library.items["senses-3-2-1"]
    assert isinstance(item, Grounding)
    out = io.StringIO()
    log = RecordingLog()
    answers = iter(["", "q"])  # Enter starts; q at the first step stops
    ground(item, PlainIO(out=out, ask=lambda _p: next(answers)), log)
    assert "Stopped. That is fine." in out.getvalue()
    assert log.runs[0].completed is False  # type: ignore[attr-defined]


GROUNDING_IDS = (
    "senses-5-4-3-2-1",
    "senses-3-2-1",
    "orienting",
    "feet-on-the-floor",
    "butterfly-hug",
    "body-scan-short",
    "stand-up-and-move",
)


@pytest.mark.parametrize("item_id", GROUNDING_IDS)
async def test_every_shipped_grounding_practice_runs_to_its_end(
    tmp_path: Path, item_id: str, shipped_library: Library
) -> None:
    item = shipped_library.items[item_id]
    assert isinstance(item, Grounding)
    app, _clock, log = grounding_app(tmp_path, item_id)
    async with app.run_test(size=(60, 20)) as pilot:
        await pilot.press("enter")
        for n in range(len(item.steps)):
            assert f"Step {n + 1}/{len(item.steps)}" in shown(app.screen, "#step-number")  # type: ignore[arg-type]
            await pilot.press("right")
        assert isinstance(app.screen, PracticeDoneScreen)
    assert log.runs[0].completed  # type: ignore[attr-defined]
