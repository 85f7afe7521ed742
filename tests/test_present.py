"""Facilitator mode: session navigation, the anonymous tally, a practice in presenter look,
the quiet writing timer, blank and end; and nothing written anywhere on disk."""

from __future__ import annotations

import math
import os
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest
from textual.widgets import Static

from tests.conftest import FakeClock, advance
from trakon_tui.commands.options import Options
from trakon_tui.core.library import load_library
from trakon_tui.core.practice_log import NoLog
from trakon_tui.core.programme import Programme, Tally
from trakon_tui.ui.literal import OptionList
from trakon_tui.ui.run import build_app, present_start
from trakon_tui.ui.screens.breathing import BreathingScreen
from trakon_tui.ui.screens.info_pages import HideScreen
from trakon_tui.ui.screens.present import EndSession, PresentPicker, PresentScreen, StepList

NOON = datetime(2026, 11, 23, 12, 0, tzinfo=timezone(timedelta(hours=2)))


def presenter(session: str | None = "peer-group", clock: FakeClock | None = None):  # type: ignore[no-untyped-def]
    library = load_library([])
    app = build_app(
        Options(), library=library, start=present_start(library, session), presenter=True
    )
    if clock is not None:
        app.config.clock = clock
        app.config.timers = clock.timers
    app.config.wall_clock = lambda: NOON  # the planned end on screen is computed from it
    return app


def shown(app, selector: str) -> str:  # type: ignore[no-untyped-def]
    return str(app.screen.query_one(selector, Static).content)


def test_the_programme_walks_its_steps_and_plans_the_end(shipped_library) -> None:  # type: ignore[no-untyped-def]
    session = shipped_library.items["peer-group"]
    programme = Programme.of(session, shipped_library.items)
    assert len(programme.steps) == 10
    assert programme.steps[0].page is not None and programme.steps[0].page.role == "agreements"
    assert (
        programme.steps[2].item is not None and programme.steps[2].item.id == "extended-exhale-3-6"
    )
    start = datetime(2026, 11, 23, 13, 0)
    assert programme.planned_end(start) == start + timedelta(seconds=programme.total_seconds())
    assert not programme.move(-1) and programme.index == 0
    assert programme.move(1) and programme.index == 1
    tally = Tally()
    tally.add("above")
    tally.add("nonsense")
    assert (tally.above, tally.total) == (1, 1)


async def test_navigation_tally_and_its_clearing() -> None:
    app = presenter()
    async with app.run_test(size=(100, 32)) as pilot:
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, PresentScreen)
        assert "Confidentiality" in shown(app, "#present-questions")
        assert "1/10" in shown(app, "#present-progress")
        await pilot.press("left")  # nothing before the first step
        assert screen.programme.index == 0
        await pilot.press("right")
        assert "2/10" in shown(app, "#present-progress")
        await pilot.press("1", "1", "2", "3")
        assert "Above 2   ·   Within 1   ·   Below 1" in shown(app, "#present-tally")
        await pilot.press("right", "left")  # leaving the page clears it
        assert "Raised hands" in shown(app, "#present-tally")


async def test_a_practice_runs_in_presenter_look_and_arrows_move_on() -> None:
    clock = FakeClock()
    app = presenter(clock=clock)
    async with app.run_test(size=(100, 32)) as pilot:
        await pilot.press("right", "right")
        await pilot.pause()
        assert "Extended exhale 3-6" in app.screen.query_one("#present-title").words[0]  # type: ignore[attr-defined]
        await pilot.press("space")
        breathing = app.screen
        assert isinstance(breathing, BreathingScreen) and breathing.presenter
        assert breathing.query("#visual")  # the breathing picture, for the room too
        assert not breathing.query_one("#say").display
        assert breathing.schedule is not None and breathing.schedule.pace > 1.0  # slower
        await pilot.press("b")
        assert isinstance(app.screen, HideScreen)
        assert breathing.schedule.paused  # blanking pauses the practice
        await pilot.press("x")  # any key comes back, still paused: space goes on
        assert app.screen is breathing and breathing.schedule.paused
        assert "Paused." in str(breathing.query_one("#status", Static).content)
        assert breathing.query_one("#cue").word == "PAUSED"  # type: ignore[attr-defined]
        await pilot.press("space")
        assert not breathing.schedule.paused
        await pilot.press("right")  # on to the next step of the programme
        assert isinstance(app.screen, PresentScreen)
        await pilot.pause()
        assert app.screen.programme.index == 3


async def test_the_quiet_writing_timer_pauses_and_never_ends_the_page() -> None:
    clock = FakeClock()
    app = presenter(clock=clock)
    async with app.run_test(size=(100, 32)) as pilot:
        for _ in range(6):  # the pillars-of-safety writing page
            await pilot.press("right")
        screen = app.screen
        assert isinstance(screen, PresentScreen)
        assert "5:00" in shown(app, "#present-timer")
        await advance(pilot, clock, 59.5)
        assert "4:01" in shown(app, "#present-timer")  # turned over each whole second
        await advance(pilot, clock, 0.5)
        assert "4:00" in shown(app, "#present-timer")
        await pilot.press("space")  # pause
        await advance(pilot, clock, 600)
        assert "4:00 (paused)" in shown(app, "#present-timer")
        quiet = screen._show_timer
        assert [a for a in clock.timers.of(screen) if a.callback == quiet] == []  # paused
        await pilot.press("space")
        await advance(pilot, clock, 240)
        assert "over" in shown(app, "#present-timer")
        assert [a for a in clock.timers.of(screen) if a.callback == quiet] == []
        assert app.screen is screen


async def test_esc_asks_before_ending_and_the_picker_offers_to_resume() -> None:
    app = presenter(None)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, PresentPicker)
        await pilot.press("enter")  # the first session
        screen = app.screen
        assert isinstance(screen, PresentScreen)
        await pilot.press("right", "right", "escape")
        assert isinstance(app.screen, EndSession)  # asks; nothing ended yet
        await pilot.press("enter")  # on "Go on with the session"
        assert app.screen is screen and screen.programme.index == 2
        await pilot.press("escape", "down", "enter")  # Enter on "End the session"
        await pilot.pause()
        assert isinstance(app.screen, PresentPicker) and app.is_running
        menu = app.screen.query_one("#present-menu", OptionList)
        assert menu.get_option_at_index(0).id == "resume"
        assert "from step 3" in str(menu.get_option_at_index(0).prompt)
        await pilot.press("enter")  # resume where it stopped
        await pilot.pause()
        assert isinstance(app.screen, PresentScreen) and app.screen.programme.index == 2
        await pilot.press("escape", "escape")  # a second Esc ends
        await pilot.pause()
        assert isinstance(app.screen, PresentPicker)
        await pilot.press("escape")
    assert app.return_code == 0 and not app.is_running


async def test_a_session_started_by_name_ends_into_the_picker() -> None:
    app = presenter("peer-group")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("right", "escape", "escape")
        await pilot.pause()
        assert isinstance(app.screen, PresentPicker) and app.screen.resume is not None
        assert app.screen.resume.index == 1


async def test_esc_inside_a_practice_returns_to_its_slide() -> None:
    app = presenter(clock=FakeClock())
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("right", "right", "space")
        assert isinstance(app.screen, BreathingScreen)
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, PresentScreen) and app.screen.programme.index == 2


async def test_g_lists_the_steps_and_jumps() -> None:
    app = presenter()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, PresentScreen)
        await pilot.press("g")
        assert isinstance(app.screen, StepList)
        menu = app.screen.query_one("#step-menu", OptionList)
        assert menu.option_count == len(screen.programme.steps)
        assert "Opening round" in str(menu.get_option_at_index(1).prompt)
        await pilot.press("down", "down", "down", "down", "enter")
        await pilot.pause()
        assert app.screen is screen and screen.programme.index == 4
        await pilot.press("g", "escape")
        assert app.screen is screen and screen.programme.index == 4


async def test_presenter_mode_writes_nothing_to_disk(tmp_path: Path) -> None:
    clock = FakeClock()
    app = presenter(clock=clock)
    assert isinstance(app.config.practice_log, NoLog) and not app.config.save_settings

    def files() -> set[str]:
        return {
            os.path.join(root, name) for root, _dirs, names in os.walk(tmp_path) for name in names
        }

    before = files()
    async with app.run_test(size=(100, 32)) as pilot:
        await pilot.press("l", "t")  # language and theme change, nothing saved
        for _ in range(8):
            screen = app.screen
            if isinstance(screen, PresentScreen) and screen.check_action("start", ()):
                await pilot.press("space")
                await advance(pilot, clock, 10_000)
                if not isinstance(app.screen, PresentScreen):
                    await pilot.press("escape")
            await pilot.press("right")
        await pilot.press("h", "c")  # history and the check-in are not offered here
        assert isinstance(app.screen, PresentScreen)
    assert files() == before
    assert not (tmp_path / "data").exists() and not (tmp_path / "config").exists()


@pytest.mark.parametrize(
    "session", ["between-clients", "peer-group", "work-community", "after-a-hard-situation"]
)
async def test_shipped_sessions_run_end_to_end(session: str) -> None:
    app = presenter(session, clock=FakeClock())
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, PresentScreen)
        for _ in range(len(screen.programme.steps) - 1):
            await pilot.press("right")
        assert screen.programme.index == len(screen.programme.steps) - 1


async def test_a_session_written_from_the_docs_alone_runs_end_to_end() -> None:
    from trakon_tui.ui.screens.grounding import GroundingScreen

    folder = Path(__file__).resolve().parent / "data" / "sessions"
    library = load_library([folder])
    assert library.problems == [] and "team-check" in library.items
    app = build_app(
        Options(extra_dirs=[folder]),
        library=library,
        start=present_start(library, "team-check"),
        presenter=True,
    )
    app.config.clock = clock = FakeClock()
    app.config.timers = clock.timers
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("2", "2")
        assert "Within 2" in shown(app, "#present-tally")
        await pilot.press("right", "space")
        assert isinstance(app.screen, GroundingScreen)
        for _ in range(10):
            if not isinstance(app.screen, GroundingScreen):
                break
            await pilot.press("right")
        assert isinstance(app.screen, PresentScreen)
        assert "Done." in shown(app, "#present-slide")
        await pilot.press("right")
        await pilot.pause()
        assert "3:00" in shown(app, "#present-timer")
        await pilot.press("right")
        assert app.screen.programme.index == 3  # the quiet end


async def test_a_brief_pause_after_the_out_breath_never_flashes_on_the_shared_screen() -> None:
    """Extended exhale 3-6 keeps Hengitysliitto's ~1 s pause after breathing out; on the
    shared screen it is part of the out-breath (no word shown for 1 s), the count runs on
    to the next in-breath, and the pace is set by the phases the room sees (3 s → 4 s)."""
    from tests.conftest import advance
    from trakon_tui.core.library import load_library
    from trakon_tui.core.model import Breathing
    from trakon_tui.ui.screens.breathing import brief_pause, presenter_pace

    library = load_library([])
    item = library.items["extended-exhale-3-6"]
    assert isinstance(item, Breathing)
    assert [brief_pause(item, n) for n in range(len(item.phases))] == [False, False, True]
    assert presenter_pace(item) == pytest.approx(1.25)  # 4/3, within the item's slowest
    clock = FakeClock()
    app = presenter(clock=clock)
    async with app.run_test(size=(100, 32)) as pilot:
        await pilot.press("right", "right", "space")
        screen = app.screen
        assert isinstance(screen, BreathingScreen) and screen.schedule is not None
        pace = screen.schedule.pace
        await advance(pilot, clock, item.lead_in + 3 * pace + 0.5)  # into the out-breath
        moment = screen.moment()
        assert moment.phase_index == 1
        words = (screen.query_one("#cue").word, str(screen.query_one("#seconds").value))  # type: ignore[attr-defined]
        assert words == ("OUT", str(math.ceil(moment.phase_left + 1 * pace)))  # out and pause
        await advance(pilot, clock, 6 * pace)  # now in the brief pause
        assert screen.moment().phase_index == 2
        assert screen.query_one("#cue").word == "OUT"  # type: ignore[attr-defined]


async def test_the_language_key_retitles_the_room() -> None:
    """The room's title line follows the language key mid-session, as the slide does."""
    app = presenter()
    async with app.run_test(size=(100, 32)) as pilot:
        await pilot.pause()
        await pilot.press("right")  # mid-session, not on its first step
        before = shown(app, ".title-bar")
        await pilot.press("l")
        await pilot.pause()
        after = shown(app, ".title-bar")
        titles = {"Trakon · Vertaisryhmän tapaaminen", "Trakon · Peer-group meeting"}
        assert {before, after} == titles
        await pilot.press("l")
        await pilot.pause()
        assert shown(app, ".title-bar") == before
