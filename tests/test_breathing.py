"""The breathing screen driven with Pilot on a fake clock: start, cues, pause, pace, stop,
the end, reduced motion. No test waits for real time."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual._compositor import ChopsUpdate
from textual.widgets import Digits, Static

from tests.conftest import FakeClock, RecordingLog, advance, make_app
from trakon_tui.core.model import Breathing
from trakon_tui.core.pacer import ease
from trakon_tui.ui.screens.breathing import BreathingScreen
from trakon_tui.ui.screens.detail import DetailScreen
from trakon_tui.ui.screens.practice_end import PracticeDoneScreen
from trakon_tui.ui.widgets.big_cue import BigCue
from trakon_tui.ui.widgets.breath_visual import BreathBox, StepBar, frame_columns


def breathing_app(tmp_path: Path, item_id: str = "box-breathing", **kw):  # type: ignore[no-untyped-def]
    clock = kw.pop("clock", FakeClock())
    log = kw.pop("practice_log", RecordingLog())

    def start() -> DetailScreen:
        return DetailScreen(item_id)

    app = make_app(tmp_path, clock=clock, practice_log=log, start=start, **kw)
    return app, clock, log


async def at(pilot, clock: FakeClock, seconds: float) -> BreathingScreen:  # type: ignore[no-untyped-def]
    """Move the fake clock `seconds` on and let the breathing screen read it."""
    assert isinstance(pilot.app.screen, BreathingScreen)
    screen = await advance(pilot, clock, seconds)
    assert isinstance(screen, BreathingScreen)
    return screen


def cue(screen: BreathingScreen) -> str:
    return screen.query_one("#cue", BigCue).word


def seconds_shown(screen: BreathingScreen) -> str:
    return screen.query_one("#seconds", Digits).value


async def test_card_then_lead_in_then_the_phases(tmp_path: Path) -> None:
    app, clock, _ = breathing_app(tmp_path)
    async with app.run_test(size=(100, 32)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, DetailScreen)
        await pilot.press("enter")
        screen = await at(pilot, clock, 0.0)
        assert cue(screen) == "3"
        assert "Breathe gently, not deeply" in str(screen.query_one("#say", Static).content)
        screen = await at(pilot, clock, 1.0)
        assert cue(screen) == "2"
        screen = await at(pilot, clock, 2.0)
        assert (cue(screen), seconds_shown(screen)) == ("IN", "4")
        screen = await at(pilot, clock, 1.5)
        assert seconds_shown(screen) == "3"
        assert "Breath 1/4" in str(screen.query_one("#progress", Static).content)
        screen = await at(pilot, clock, 2.5)
        assert cue(screen) == "HOLD"
        screen = await at(pilot, clock, 8.0)
        assert cue(screen) == "PAUSE"  # the hold on empty is a pause after the out-breath
        assert str(screen.query_one("#say", Static).content).startswith("Pause after breathing out")


async def test_while_the_picture_moves_its_frames_turn_the_seconds(tmp_path: Path) -> None:
    """No separate wake-up each second while moving: the frame that follows a whole second
    shows the new count and the picture in the same repaint; the boundary keeps its own."""
    app, clock, _ = breathing_app(tmp_path)
    async with app.run_test(size=(100, 32)) as pilot:
        await pilot.press("enter")
        screen = await at(pilot, clock, 3.0 + 0.2)  # the in-breath has begun
        assert seconds_shown(screen) == "4"
        assert screen._frames is not None and screen._frames.running
        (wake_up,) = [a for a in clock.timers.of(screen) if a.interval is None]
        assert wake_up.due == pytest.approx(clock.now + 3.8)  # the boundary, not the second
        screen = await at(pilot, clock, 1.0)  # only frames fire in this second
        assert seconds_shown(screen) == "3"
        assert screen.query_one(BreathBox).level == pytest.approx(ease(1.2 / 4))
        assert wake_up in clock.timers.of(screen)


async def test_the_picture_grows_rests_and_shrinks(tmp_path: Path) -> None:
    app, clock, _ = breathing_app(tmp_path)
    async with app.run_test(size=(100, 32)) as pilot:
        await pilot.press("enter")
        screen = await at(pilot, clock, 3.0 + 2.0)  # half way through the in-breath
        box = screen.query_one(BreathBox)
        assert box.level == pytest.approx(0.5)
        screen = await at(pilot, clock, 3.0)  # in the hold
        assert box.level == 1.0
        screen = await at(pilot, clock, 5.0)  # half way out
        assert box.level == pytest.approx(0.5)
        redraws = box.redraws
        box.set_level(box.level)  # the same picture is not drawn again
        assert box.redraws == redraws


@pytest.mark.parametrize("size", [(60, 20), (100, 32), (200, 60)])
async def test_the_picture_is_only_as_wide_as_its_frame_and_centred(
    tmp_path: Path, size: tuple[int, int]
) -> None:
    # A changed row of a widget is sent to the terminal whole: a full-width picture would
    # send its blank margins with every frame (#16, bytes over SSH).
    app, clock, _ = breathing_app(tmp_path)
    async with app.run_test(size=size) as pilot:
        await pilot.press("enter")
        screen = await at(pilot, clock, 3.0 + 2.0)
        box = screen.query_one(BreathBox)
        region = box.region
        assert region.width == frame_columns(size[0], region.height) < size[0]
        assert abs(region.x - (size[0] - region.right)) <= 1  # as much room on either side


def record_updates(app) -> list[tuple[object, object]]:  # type: ignore[no-untyped-def]
    """Every (screen, update) the app hands to the terminal from now on."""
    sent: list[tuple[object, object]] = []
    display = app._display

    def recording(screen, update) -> None:  # type: ignore[no-untyped-def]
        sent.append((screen, update))
        display(screen, update)

    app._display = recording
    return sent


async def test_a_frame_sends_only_the_rows_of_the_picture_that_changed(tmp_path: Path) -> None:
    # Over SSH every frame counts (#16): the frame tick itself draws the picture's changed
    # rows, within the picture's columns, and nothing else of the screen.
    app, clock, _ = breathing_app(tmp_path)
    async with app.run_test(size=(200, 60)) as pilot:
        await pilot.press("enter")
        screen = await at(pilot, clock, 3.0 + 1.0)
        box = screen.query_one(BreathBox)
        region, redraws = box.region, box.redraws
        sent = record_updates(app)
        await at(pilot, clock, 0.05)  # one frame, in the middle of the in-breath
        assert box.redraws == redraws + 1
        (frame,) = [update for shown, update in sent if shown is screen]
        assert isinstance(frame, ChopsUpdate)
        rows = {y for y, _, _ in frame.spans}
        assert 1 <= len(rows) <= 2 and rows <= set(region.line_range)
        assert {(x1, x2) for _, x1, x2 in frame.spans} == {(region.x, region.right)}


async def test_the_picture_never_draws_over_a_screen_on_top_of_it(tmp_path: Path) -> None:
    app, clock, _ = breathing_app(tmp_path)
    async with app.run_test(size=(100, 32)) as pilot:
        await pilot.press("enter")
        screen = await at(pilot, clock, 3.0 + 1.0)
        box = screen.query_one(BreathBox)
        await pilot.press("f1")  # help covers the practice
        await pilot.pause()
        assert app.screen is not screen
        sent = record_updates(app)
        box.set_level(0.9)
        await pilot.pause()
        assert all(shown is not screen for shown, _ in sent)


async def test_pause_freezes_and_space_continues_exactly(tmp_path: Path) -> None:
    app, clock, _ = breathing_app(tmp_path)
    async with app.run_test(size=(100, 32)) as pilot:
        await pilot.press("enter")
        await at(pilot, clock, 4.0)  # 1 s into the in-breath
        await pilot.press("space")
        screen = await at(pilot, clock, 120.0)
        assert (cue(screen), seconds_shown(screen)) == ("IN", "3")
        assert "Paused" in str(screen.query_one("#status", Static).content)
        await pilot.press("space")
        screen = await at(pilot, clock, 2.9)
        assert cue(screen) == "IN"
        screen = await at(pilot, clock, 0.1)
        assert cue(screen) == "HOLD"


async def test_pace_changes_from_the_next_breath_within_limits(tmp_path: Path) -> None:
    # 4 s in, 6 s out, a 1 s pause, pace 0.8-1.25 (box breathing's holds keep it at 1.0 at
    # the slowest)
    app, clock, _ = breathing_app(tmp_path, "extended-exhale-4-6")
    async with app.run_test(size=(100, 32)) as pilot:
        await pilot.press("enter")
        await at(pilot, clock, 4.0)
        await pilot.press("minus", "minus")
        screen = app.screen
        assert isinstance(screen, BreathingScreen)
        assert "10 % slower" in str(screen.query_one("#status", Static).content)
        screen = await at(pilot, clock, 10.0)  # start of breath 2
        assert "Breath 2/6" in str(screen.query_one("#progress", Static).content)
        assert screen.moment().phase_left == pytest.approx(4.4)
        for _ in range(20):
            await pilot.press("minus")
        assert screen.schedule is not None and screen.schedule.pace == 1.25


async def test_esc_stops_at_once_without_a_dialog_and_the_run_is_reported(
    tmp_path: Path,
) -> None:
    app, clock, log = breathing_app(tmp_path)
    async with app.run_test(size=(100, 32)) as pilot:
        await pilot.press("enter")
        await at(pilot, clock, 6.0)
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, DetailScreen)
        assert any("Stopped. That is fine." in str(n.message) for n in app._notifications)
    (run,) = log.runs
    assert run.item_id == "box-breathing" and run.completed is False  # type: ignore[attr-defined]


async def test_the_end_is_calm_and_nothing_starts_by_itself(tmp_path: Path) -> None:
    app, clock, log = breathing_app(tmp_path, "physiological-sigh")
    async with app.run_test(size=(100, 32)) as pilot:
        await pilot.press("enter")
        await advance(pilot, clock, 3.0 + 3 * 9.0 - 0.01)
        assert isinstance(app.screen, BreathingScreen)  # the last out-breath is not over
        await advance(pilot, clock, 0.01)
        assert isinstance(app.screen, PracticeDoneScreen)
        await advance(pilot, clock, 600)
        assert isinstance(app.screen, PracticeDoneScreen)
        assert clock.timers.pending == []  # the end leaves no timer running
        await pilot.press("enter")
        assert isinstance(app.screen, DetailScreen)
    (run,) = log.runs
    assert run.completed is True  # type: ignore[attr-defined]


async def test_the_alternative_is_one_key_away(tmp_path: Path) -> None:
    app, clock, _ = breathing_app(tmp_path)
    async with app.run_test(size=(100, 32)) as pilot:
        await pilot.press("enter")
        await at(pilot, clock, 5.0)
        await pilot.press("a")
        await pilot.pause()
        assert isinstance(app.screen, DetailScreen)
        assert app.screen.item_id == "feet-on-the-floor"


async def test_reduced_motion_has_no_moving_picture_but_the_same_cues(tmp_path: Path) -> None:
    from trakon_tui.core.settings import Settings

    app, clock, _ = breathing_app(tmp_path, settings=Settings(reduced_motion=True))
    async with app.run_test(size=(100, 32)) as pilot:
        await pilot.press("enter")
        screen = await at(pilot, clock, 3.0 + 1.0)
        assert not screen.query(BreathBox)
        assert screen._frames is None  # no frame timer at all
        bar = screen.query_one(StepBar)
        assert (cue(screen), bar.steps, bar.done) == ("IN", 4, 1)
        await at(pilot, clock, 2.0)
        assert bar.done == 3


async def test_reduced_motion_from_the_environment(tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setenv("TEXTUAL_ANIMATIONS", "none")
    app, clock, _ = breathing_app(tmp_path)
    async with app.run_test(size=(100, 32)) as pilot:
        await pilot.press("enter")
        screen = await at(pilot, clock, 4.0)
        assert not screen.query(BreathBox) and screen.query(StepBar)


async def test_switching_language_mid_practice_keeps_time(tmp_path: Path) -> None:
    app, clock, _ = breathing_app(tmp_path)
    async with app.run_test(size=(100, 32)) as pilot:
        await pilot.press("enter")
        await at(pilot, clock, 4.0)
        await pilot.press("l")
        screen = await at(pilot, clock, 0.0)
        assert cue(screen) == "SISÄÄN" and seconds_shown(screen) == "3"


async def test_the_key_line_shows_the_practice_keys_and_follows_pause(tmp_path: Path) -> None:
    from trakon_tui.ui.widgets.key_line import KeyLine

    app, clock, _ = breathing_app(tmp_path, "extended-exhale-4-6", lang="fi")  # 0.8-1.25
    async with app.run_test(size=(60, 20)) as pilot:
        await pilot.press("enter")
        await at(pilot, clock, 4.0)
        line = app.screen.query_one(KeyLine)
        shown = line.render().plain
        assert shown.startswith(" esc Lopeta  space Tauko ")
        # 60 columns: faster and slower share one entry, so the alternative still shows
        assert shown.rstrip().endswith(" + - Tahti  a Vaihtoehto")
        assert "f2" not in shown  # crisis help still works, it is just not listed here
        await pilot.click(KeyLine, offset=(shown.index(" - ") + 1, 0))  # on "-": slower
        await pilot.pause()
        assert "hitaampi" in str(app.screen.query_one("#status", Static).content)
        await pilot.press("space")
        await pilot.pause()
        assert " space Jatka " in line.render().plain
        await pilot.press("f2")
        assert type(app.screen).__name__ == "CrisisScreen"
        await pilot.press("escape")
        await pilot.click(KeyLine, offset=(2, 0))  # on "esc Lopeta"
        await pilot.pause()
        assert isinstance(app.screen, DetailScreen)


async def test_the_key_line_names_both_pace_keys_when_there_is_room(tmp_path: Path) -> None:
    from trakon_tui.ui.widgets.key_line import KeyLine

    app, clock, _ = breathing_app(tmp_path, lang="fi")
    async with app.run_test(size=(100, 32)) as pilot:
        await pilot.press("enter")
        await at(pilot, clock, 4.0)
        shown = app.screen.query_one(KeyLine).render().plain
        assert " + Nopeammin  - Hitaammin  a Vaihtoehto" in shown


def test_every_shipped_breathing_item_fits_a_small_terminal(shipped_library) -> None:  # type: ignore[no-untyped-def]
    from trakon_tui.ui.widgets.big_cue import choose_font
    from trakon_tui.vocabulary import default_cue

    for item in shipped_library.by_kind("breathing"):
        assert isinstance(item, Breathing)
        words = tuple(default_cue(p.type) for p in item.phases)
        assert choose_font(words, 56, 6) is not None, item.id


def test_the_stored_font_metrics_match_the_fonts() -> None:
    """METRICS lets a font be chosen without parsing it; it must stay true to the fonts."""
    import string

    from trakon_tui.ui.widgets.big_cue import FONTS, METRICS, render

    for font in FONTS:
        shapes = [render(c, font) for c in string.ascii_uppercase + string.digits + "ÄÖÅ"]
        rows = max(len(shape) for shape in shapes)
        columns = max(max((len(row) for row in shape), default=0) for shape in shapes)
        assert METRICS[font] == (rows, columns), font


async def test_a_practice_freezes_the_apps_objects_for_the_collector_until_it_ends(
    tmp_path: Path,
) -> None:
    """While breathing, a full garbage collection skips the objects the app had when the
    practice began (one held up a phase change); they are collectable again afterwards."""
    import gc

    app, clock, _ = breathing_app(tmp_path)
    async with app.run_test(size=(100, 32)) as pilot:
        await pilot.press("enter")
        await at(pilot, clock, 3.0)
        assert gc.get_freeze_count() > 0
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, DetailScreen)
        assert gc.get_freeze_count() == 0


@pytest.mark.parametrize("presenter", [False, True])
async def test_a_big_terminal_gets_a_picture_of_readable_size_the_room_a_full_one(
    tmp_path: Path, presenter: bool
) -> None:
    """#16: at 200x60 a personal picture stops at 30 rows × 90 columns, centred (a frame sends
    90 block glyphs, not 135); the room's picture in facilitator mode fills its stage."""
    from tests.conftest import SHIPPED
    from trakon_tui.core.library import Tier, build

    library = build([(Tier.SHIPPED, SHIPPED)])
    item = library.items["box-breathing"]
    assert isinstance(item, Breathing)
    clock = FakeClock(1000.0)
    app = make_app(
        tmp_path,
        library=library,
        clock=clock,
        start=lambda: BreathingScreen(item, presenter=presenter),
    )
    async with app.run_test(size=(200, 60)) as pilot:
        await advance(pilot, clock, 5.0)
        box = app.screen.query_one(BreathBox)
        stage = box.parent
        assert stage is not None
        if presenter:
            assert box.size.height == stage.size.height > 30
            assert box.size.width > 90
        else:
            assert box.size == (90, 30)
            above = box.region.y - stage.region.y
            below = stage.region.bottom - box.region.bottom
            assert abs(above - below) <= 1  # centred in its stage
            assert abs(box.region.x - stage.region.x - (stage.region.right - box.region.right)) <= 1
