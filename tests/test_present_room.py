"""Facilitator mode for a real room (issue #13): nothing personal on the shared screen, text
the room can read from the back (and reach by scrolling), every kind of item inside a session,
and raised-finger counts that are never kept."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.containers import VerticalScroll
from textual.widget import Widget

from tests.conftest import FakeClock, advance
from tests.test_present import NOON, presenter, shown
from trakon_tui.commands.options import Options
from trakon_tui.core import settings as settings_store
from trakon_tui.core.library import load_library
from trakon_tui.core.settings import Settings
from trakon_tui.i18n import set_language
from trakon_tui.ui.run import build_app, present_start
from trakon_tui.ui.screens.grounding import GroundingScreen
from trakon_tui.ui.screens.info_pages import HelpScreen
from trakon_tui.ui.screens.present import PresentScreen
from trakon_tui.ui.screens.settings import SettingsScreen
from trakon_tui.ui.widgets.big_text import BigText

FIXTURES = Path(__file__).resolve().parent / "data" / "sessions"


def kit(session: str = "room-kit", clock: FakeClock | None = None):  # type: ignore[no-untyped-def]
    library = load_library([FIXTURES])
    app = build_app(
        Options(extra_dirs=[FIXTURES]),
        library=library,
        start=present_start(library, session),
        presenter=True,
    )
    app.config.clock = clock or FakeClock()
    app.config.timers = app.config.clock.timers
    app.config.wall_clock = lambda: NOON  # the planned end on screen is computed from it
    return app


def _plain_screenshot(app) -> str:  # type: ignore[no-untyped-def]
    import html
    import re

    svg = app.export_screenshot()
    return html.unescape(" ".join(re.findall(r">([^<]*)</text>", svg))).replace("\xa0", " ")


def in_view(widget: Widget, scroll: Widget) -> bool:
    """Whether some of `widget` is inside the scrolling page's visible part."""
    region, view = widget.region, scroll.region
    return region.height > 0 and region.y < view.bottom and region.bottom > view.y


# --- 1. nothing personal --------------------------------------------------------------------


async def test_a_saved_personal_window_band_never_reaches_the_shared_screen() -> None:
    options = Options()
    settings_store.save(Settings(window=(2, 8)), options.settings_file.path)
    assert settings_store.load(options.settings_file.path).settings.window == (2, 8)
    app = build_app(
        options,
        library=load_library([FIXTURES]),
        start=present_start(load_library([FIXTURES]), "room-kit"),
        presenter=True,
    )
    app.config.clock = FakeClock()
    seen = []
    async with app.run_test(size=(100, 32)) as pilot:
        await pilot.pause()
        assert app.personal_window != (2, 8)
        for _ in range(5):  # the information pages, with the window diagram first
            seen.append(_plain_screenshot(app))
            await pilot.press("right")
            await pilot.pause()
        await pilot.press("s")
        assert isinstance(app.screen, SettingsScreen)
        seen.append(_plain_screenshot(app))
        assert not app.screen.query("#set-low, #set-high, #set-hide-history")
        await pilot.press("escape")
    for text in seen:
        assert "2–8" not in text and "Your window" not in text
        assert "Saved automatically" not in text


async def test_help_lists_the_facilitators_keys_not_the_personal_ones() -> None:
    app = presenter()
    async with app.run_test(size=(200, 50)) as pilot:  # wide: no line of help wraps
        await pilot.pause()
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        text = _plain_screenshot(app)
        assert "raised fingers" in text and "a second Esc ends the session" in text
        assert "Where am I right now" not in text and "Your check-ins" not in text
        await pilot.press("escape", "c")  # the check-in is refused, and says why
        await pilot.pause()
        messages = [str(n.message) for n in app._notifications]
        assert any("Not in facilitator mode" in m for m in messages)


async def test_the_palette_offers_no_personal_command() -> None:
    from trakon_tui.ui.commands import TrakonCommands

    app = presenter()
    async with app.run_test(size=(100, 32)) as pilot:
        await pilot.pause()
        provider = TrakonCommands(app.screen)
        titles = [entry.title for entry in provider._commands()]
        assert "Help" in titles and "Check in" not in titles and "History" not in titles


# --- 2. legible from the back ---------------------------------------------------------------


async def test_text_the_room_reads_is_big_on_a_projector() -> None:
    app = presenter()
    async with app.run_test(size=(240, 70)) as pilot:
        await pilot.pause()
        questions = app.screen.query_one("#present-questions", BigText)
        assert questions.big and "Confidentiality" in questions.text
        assert "▌" in shown(app, "#present-questions")  # drawn in block letters


async def test_at_80x24_the_window_tally_is_reachable_by_scrolling() -> None:
    app = presenter()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("right")
        await pilot.pause()
        scroll = app.screen.query_one("#present", VerticalScroll)
        tally = app.screen.query_one("#present-tally")
        assert not in_view(tally, scroll)
        for _ in range(6):
            await pilot.press("pagedown")
        await pilot.pause()
        assert in_view(tally, scroll)
        await pilot.press("1")
        assert "Above 1" in shown(app, "#present-tally")


async def test_at_80x24_in_finnish_the_sixth_reflection_question_is_reachable() -> None:
    set_language("fi")
    app = presenter("work-community")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, PresentScreen)
        while len(screen.query(".present-question")) < 6:
            await pilot.press("right")
            await pilot.pause()
        scroll = screen.query_one("#present", VerticalScroll)
        sixth = screen.query(".present-question")[5]
        assert not in_view(sixth, scroll)
        for _ in range(12):
            await pilot.press("down")
        await pilot.pause()
        assert in_view(sixth, scroll)


def test_the_window_picture_marks_no_zone_as_the_right_one(shipped_library) -> None:  # type: ignore[no-untyped-def]
    from rich.table import Table

    from trakon_tui.ui.screens.info import window_diagram
    from trakon_tui.ui.widgets.window_scale import scale_texts

    texts = scale_texts(shipped_library.checkin_scale())

    def styles(window: tuple[int, int] | None) -> list[object]:
        grid = window_diagram(texts, window)
        assert isinstance(grid, Table)
        table = grid.columns[0]._cells[0]
        assert isinstance(table, Table)
        return [row.style for row in table.rows]

    assert styles((3, 7)) == ["", "reverse", ""]  # the personal view marks one's own band
    assert styles(None) == ["", "", ""]  # the shared screen marks none


async def test_plus_and_minus_show_the_new_pace_to_the_room() -> None:
    from trakon_tui.ui.screens.breathing import BreathingScreen

    app = presenter(clock=FakeClock())
    async with app.run_test(size=(100, 32)) as pilot:
        await pilot.press("right", "right", "space", "minus")
        await pilot.pause()
        breathing = app.screen
        assert isinstance(breathing, BreathingScreen)
        status = breathing.query_one("#status")
        assert status.display and "slower from the next breath" in str(status.content)  # type: ignore[attr-defined]


# --- 3. every kind inside a session ---------------------------------------------------------


async def test_information_pages_turn_inside_a_session() -> None:
    app = kit()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, PresentScreen)
        pages = screen.session.pages
        assert "Page 1/" in shown(app, "#present-page")
        assert screen.query("#present-window")  # the diagram, drawn for nobody in particular
        await pilot.press("right")
        assert screen.programme.index == 0 and "Page 2/" in shown(app, "#present-page")
        assert "racing thoughts" in screen.query_one("#present-text", BigText).text
        for _ in range(pages - 1):
            await pilot.press("right")
        assert screen.programme.index == 1  # past the last page: the next step
        await pilot.press("left")
        assert screen.programme.index == 0 and screen.session.page == pages - 1


async def test_a_writing_item_shows_its_prompts_and_the_quiet_timer() -> None:
    clock = FakeClock()
    app = kit(clock=clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, PresentScreen)
        await pilot.press("g", "down", "enter")
        await pilot.pause()
        assert screen.programme.index == 1
        assert "What holds me up at work?" in shown(app, "#present-questions")
        assert "4:00" in shown(app, "#present-timer")
        await pilot.press("space")  # pause
        await advance(pilot, clock, 100)
        assert "4:00 (paused)" in shown(app, "#present-timer")
        assert not screen.query("TextArea")  # nobody types on the shared screen
        await pilot.press("space", "b")  # blanking pauses the quiet timer, and it stays so
        await pilot.press("x")
        await advance(pilot, clock, 100)
        assert "4:00 (paused)" in shown(app, "#present-timer")


async def test_grounding_in_a_session_speaks_to_the_room() -> None:
    app = kit()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("g", "down", "down", "enter")
        await pilot.pause()
        await pilot.press("space")
        grounding = app.screen
        assert isinstance(grounding, GroundingScreen) and grounding.presenter
        for _ in range(len(grounding.item.steps)):
            text = _plain_screenshot(app)
            assert "Space for each" not in text and "s skips it" not in text
            assert "Enter or → goes on" not in text
            await pilot.press("right")
            await pilot.pause()
        assert isinstance(app.screen, PresentScreen)


# --- 6. raised fingers ----------------------------------------------------------------------


async def test_raised_fingers_are_counted_per_question_and_never_kept() -> None:
    app = kit()
    async with app.run_test(size=(100, 32)) as pilot:
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, PresentScreen)
        await pilot.press("g", "end", "enter")
        await pilot.pause()
        # Three questions, the first and the third on the 1–5 scale: a bar under each of
        # those two, none under the one that is talked.
        stage = screen.query_one("#present-stage")
        shown_in_order = [
            "question" if child.has_class("present-question") else child.id
            for child in stage.children
        ]
        first = shown_in_order.index("fingers-0")
        assert shown_in_order[first - 1 : first + 4] == [
            "question",
            "fingers-0",
            "question",
            "question",
            "fingers-1",
        ]
        await pilot.press("3", "3", "4", "tab", "5")  # Tab skips the talked question
        assert shown(app, "#fingers-0").count("█") == 3
        assert "3: ██ 2" in shown(app, "#fingers-0") and "5: █ 1" in shown(app, "#fingers-1")
        await pilot.press("0")  # clears the chosen question only
        assert "█" not in shown(app, "#fingers-1") and "█" in shown(app, "#fingers-0")
        await pilot.press("left", "right")  # leaving the page clears it
        assert "█" not in shown(app, "#fingers-0")


async def test_a_reflection_page_without_rated_questions_counts_nothing() -> None:
    """The peer group's own work situations are for talking: no bar, no hint, and the
    number keys count nothing there."""
    app = presenter()
    async with app.run_test(size=(100, 32)) as pilot:
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, PresentScreen)
        await pilot.press(*("right",) * 4)
        await pilot.pause()
        assert len(screen.query(".present-question")) == 3
        assert not screen.query(".present-fingers")
        assert "fingers" not in _plain_screenshot(app).lower()
        await pilot.press("3", "tab", "5")
        assert screen.session.fingers.counts == [] and "█" not in _plain_screenshot(app)


@pytest.mark.parametrize("size", [(80, 24), (240, 70)])
@pytest.mark.parametrize("lang", ["fi", "en"])
async def test_the_peer_group_session_runs_start_to_end(lang: str, size: tuple[int, int]) -> None:
    set_language(lang)  # type: ignore[arg-type]
    clock = FakeClock()
    app = presenter(clock=clock)
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, PresentScreen)
        for _ in range(len(screen.programme.steps)):
            if screen.check_action("start", ()):
                await pilot.press("space")
                await advance(pilot, clock, 10_000)  # the practice runs to its end
                assert app.screen is screen  # done: back on its slide
            await pilot.press("right")
            await pilot.pause()
        assert screen.programme.index == len(screen.programme.steps) - 1


def test_big_letters_wrap_within_the_width_and_never_drop_a_character() -> None:
    from trakon_tui.ui.widgets.big_text import big_rows, fits_big

    rows = big_rows("Mitä muuta haluamme sopia yhdessä – kaikki yhdessä?", 130)
    assert rows is not None and all(len(row) <= 130 for row in rows)
    assert len(rows) > 4  # wrapped: more than one line of four rows
    assert big_rows("a dingbat ✿ has no big letter", 200) is None  # then plain text
    assert fits_big(240) and not fits_big(80)


async def test_the_planned_end_stays_and_the_line_says_how_far_behind() -> None:
    from datetime import timedelta

    now = [NOON]
    app = presenter()
    app.config.wall_clock = lambda: now[0]
    async with app.run_test(size=(100, 32)) as pilot:
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, PresentScreen)
        first = shown(app, "#present-progress")
        assert "on time" in first
        end = first.split("planned end ")[1][:5]
        now[0] = NOON + timedelta(minutes=5 + 7)  # the 5-minute agreements ran 7 minutes over
        screen._show_progress()
        later = shown(app, "#present-progress")
        assert f"planned end {end}" in later and "about 7 min later" in later
        await pilot.press("right")
        assert f"planned end {end}" in shown(app, "#present-progress")  # never jumps


async def test_the_body_page_draws_the_figure_beside_the_areas_with_nothing_marked() -> None:
    """#14 point 1: where do we notice it in the body, for the group: the drawn figure,
    nobody's areas marked, the areas listed beside it, an invitation and nothing to choose."""
    from trakon_tui.ui.widgets.body_figure import BodyFigure

    set_language("en")
    app = presenter("peer-group")
    async with app.run_test(size=(100, 32)) as pilot:
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, PresentScreen)
        while screen.programme.step.page is None or screen.programme.step.page.role != "body":
            await pilot.press("right")
            await pilot.pause()
        figure = screen.query_one("#present-figure", BodyFigure)
        assert figure.chosen == frozenset()
        areas = shown(app, "#present-areas")
        assert "• head" in areas and "• not sure" in areas
        assert "we can notice" in shown(app, "#present-text")
        await pilot.press("1", "2")  # no tally, no choice: the figure stays unmarked
        await pilot.pause()
        assert figure.chosen == frozenset() and not screen.query("#present-tally")


def test_a_body_page_is_a_role_a_session_file_may_use(tmp_path: Path) -> None:
    folder = tmp_path / "ex"
    folder.mkdir()
    (folder / "s.toml").write_text(
        'format = 1\nid = "s"\nkind = "session"\ntitle = { en = "S" }\n'
        'summary = { en = "S" }\n\n[[steps]]\n[steps.page]\nrole = "body"\n'
        'title = { en = "Where do we notice it?" }\n',
        encoding="utf-8",
    )
    library = load_library([folder])
    assert library.problems == []
    (folder / "s.toml").write_text(
        (folder / "s.toml").read_text(encoding="utf-8").replace('"body"', '"bodies"'),
        encoding="utf-8",
    )
    (problem,) = load_library([folder]).problems
    assert "did you mean “body”" in problem.format() and "window, body," in problem.format()
