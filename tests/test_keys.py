"""Every key does one thing, and input survives everything (#12, points 2 and 3).

The tester's reproductions from a real terminal, as Pilot tests: quick-hide's returning key
does nothing else; a language or theme switch keeps what the details, the check-in, a
writing and the settings hold; letters in a text field are text; quitting from anywhere
asks keep or discard while a writing holds text, and records a practice as stopped; Esc
says what it does and leaves the first screen in one key; a practice waits while covered;
focus is always visible, NO_COLOR included.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.color import Color
from textual.widget import Widget
from textual.widgets import Input, Select, SelectionList, TextArea

from tests.conftest import FakeClock, RecordingLog, advance, make_app
from tests.test_app import footer_text
from tests.test_checkin_flow import checkin_app, saved
from trakon_tui.core.practice_log import LazyStoreLog, PracticeRun
from trakon_tui.core.settings import Settings
from trakon_tui.core.store import Store
from trakon_tui.i18n import Lang, current_language
from trakon_tui.ui.screens.breathing import BreathingScreen
from trakon_tui.ui.screens.checkin import CheckinScreen
from trakon_tui.ui.screens.checkin_details import ContextPicker, DetailsScreen, IntensityPicker
from trakon_tui.ui.screens.detail import DetailScreen
from trakon_tui.ui.screens.grounding import GroundingScreen
from trakon_tui.ui.screens.home import HomeScreen
from trakon_tui.ui.screens.info_pages import CrisisScreen, HelpScreen, HideScreen
from trakon_tui.ui.screens.settings import SettingsScreen
from trakon_tui.ui.screens.suggestions import SuggestionsScreen
from trakon_tui.ui.screens.writing import KeepOrDiscard, WritingScreen

WRITTEN = "Tiimi kantaa"


def running(app) -> bool:  # type: ignore[no-untyped-def]
    return not app._exit


def practice_app(tmp_path: Path, item_id: str, **kw):  # type: ignore[no-untyped-def]
    """The card of `item_id` over home, on a fake clock, runs recorded in memory."""
    kw.setdefault("clock", FakeClock())
    kw.setdefault("practice_log", RecordingLog())
    return make_app(tmp_path, start=lambda: DetailScreen(item_id), **kw)


def runs(app) -> list[PracticeRun]:  # type: ignore[no-untyped-def]
    return app.config.practice_log.runs  # type: ignore[no-any-return]


async def start_writing(pilot, text: str = WRITTEN) -> WritingScreen:  # type: ignore[no-untyped-def]
    await pilot.press("enter")
    screen = pilot.app.screen
    assert isinstance(screen, WritingScreen)
    if text:
        await pilot.press(*text)
    return screen


def writing_app(tmp_path: Path):  # type: ignore[no-untyped-def]
    data = tmp_path / "data"
    app = practice_app(tmp_path, "pillars-of-safety", practice_log=LazyStoreLog(data))
    return app, data


def writings_and_runs(data: Path) -> tuple[list[str], list[bool]]:
    store = Store.open(data)
    try:
        return [w.text for w in store.writings()], [bool(r[6]) for r in store.runs()]
    finally:
        store.close()


# --- quick-hide: the key that brings the screen back only brings it back ---------------------


@pytest.mark.parametrize("key", ["escape", "q", "enter", "b", "f12", "f2", "ctrl+q", "l", "p"])
async def test_on_home_the_key_after_hide_only_brings_the_screen_back(
    tmp_path: Path, key: str
) -> None:
    """Tester: `b` then Esc (or q) on home quit the app."""
    app = make_app(tmp_path)
    async with app.run_test(size=(100, 32)) as pilot:
        await pilot.press("b")
        assert isinstance(app.screen, HideScreen)
        await pilot.press(key)
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        assert running(app) and current_language() == "en"


async def test_hide_then_enter_on_the_checkin_saves_nothing(tmp_path: Path) -> None:
    """Tester: `8`, `b`, Enter saved the check-in."""
    app, data = checkin_app(tmp_path)
    async with app.run_test(size=(100, 32)) as pilot:
        await pilot.press("8", "b", "enter")
        await pilot.pause()
        assert isinstance(app.screen, CheckinScreen) and app.screen.level == 8
        assert app.screen.query_one("#checkin-scale").display  # shown again
    assert saved(data) == []


async def test_hide_then_esc_during_breathing_does_not_stop_it(tmp_path: Path) -> None:
    """Tester: `b` then Esc stopped the practice."""
    app = practice_app(tmp_path, "box-breathing")
    async with app.run_test(size=(100, 32)) as pilot:
        await pilot.press("enter")
        breathing = app.screen
        assert isinstance(breathing, BreathingScreen)
        await pilot.press("b", "escape")
        await pilot.pause()
        assert app.screen is breathing and not breathing.finished
    assert runs(app) == []  # never stopped; the app's end is not a test of it here


# --- a language or theme switch keeps what the screen holds ----------------------------------


async def test_details_survive_the_testers_language_switch(tmp_path: Path) -> None:
    """Tester, in Finnish: `9 Enter d 7 Tab Space l Esc` came back "(ei valittu)" and the
    export had intensity null and no tags: the switch recomposed the form away."""
    app, data = checkin_app(tmp_path, lang="fi")
    async with app.run_test(size=(100, 32)) as pilot:
        await pilot.press("9", "enter", "d", "3", "tab", "7", "tab", "space")
        details = app.screen
        assert isinstance(details, DetailsScreen)
        signs = details.query_one("#details-signs", SelectionList)
        focused = app.focused
        await pilot.press("l")
        await pilot.pause()
        assert current_language() == "en"
        assert app.screen is details and app.focused is focused  # not rebuilt, focus kept
        assert details.query_one(IntensityPicker).value == 7
        assert details.query_one(ContextPicker).selected() == ("meeting",)  # kept, relabelled
        assert "meeting" in details.query_one(ContextPicker).render().plain
        assert "Details" in str(details.query_one(".title-bar").content)
        assert "What do you notice?" in [
            str(w.content) for w in details.query(".setting-label").results()
        ]
        first = signs.get_option_at_index(0)
        assert str(first.prompt) == "overwhelmed"  # the sign relabelled, still chosen
        assert list(signs.selected) == ["overwhelmed"]
        await pilot.press("escape")
        assert isinstance(app.screen, SuggestionsScreen)
    (checkin,) = saved(data)
    assert (checkin.intensity, checkin.tags) == (7, ("overwhelmed",))


async def test_a_note_left_with_shift_tab_survives_a_language_switch(tmp_path: Path) -> None:
    """Tester: a note typed, left with Shift+Tab, then `l`: the note was gone."""
    app, data = checkin_app(tmp_path, lang="fi")
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.press("6", "enter", "d", "tab", "4")
        app.screen.query_one("#details-note", Input).focus()
        await pilot.press(*"pitka paiva", "shift+tab", "l")
        await pilot.pause()
        assert current_language() == "en"
        assert app.screen.query_one("#details-note", Input).value == "pitka paiva"
        assert app.screen.query_one(IntensityPicker).value == 4
        await pilot.press("escape")
    (checkin,) = saved(data)
    assert (checkin.intensity, checkin.note) == (4, "pitka paiva")


async def test_the_checkin_level_survives_a_language_and_theme_switch(tmp_path: Path) -> None:
    app, data = checkin_app(tmp_path)
    async with app.run_test(size=(100, 32)) as pilot:
        await pilot.press("8", "l", "t")
        await pilot.pause()
        assert current_language() == "fi" and app.theme == "trakon-light"
        assert app.screen.level == 8  # type: ignore[attr-defined]
        await pilot.press("enter")
    assert [c.level for c in saved(data)] == [8]


async def test_a_writing_keeps_its_text_and_cursor_through_a_language_switch(
    tmp_path: Path,
) -> None:
    app = practice_app(tmp_path, "pillars-of-safety")
    async with app.run_test(size=(100, 32)) as pilot:
        writing = await start_writing(pilot, "first line")
        await pilot.press("enter", *"second", "up")
        area = writing.query_one(TextArea)
        cursor = area.cursor_location
        await pilot.press("f1", "l", "escape")  # `l` on help: the writing is below
        await pilot.pause()
        assert current_language() == "fi"
        assert app.screen is writing and app.focused is area
        assert area.text == "first line\nsecond" and area.cursor_location == cursor
        assert "Turvapilarit" in str(writing.query_one(".title-bar").content)
        prompts = str(writing.query_one("#writing-prompt-text").content)
        assert "Mikä kannattelee minua työssä?" in prompts


async def test_the_settings_form_follows_l_and_t_and_keeps_its_focus(tmp_path: Path) -> None:
    app = make_app(tmp_path)
    async with app.run_test(size=(100, 32)) as pilot:
        await pilot.press("s")
        settings = app.screen
        assert isinstance(settings, SettingsScreen)
        focused = settings.query_one("#set-theme")
        focused.focus()
        await pilot.press("l", "t")
        await pilot.pause()
        assert app.screen is settings and app.focused is focused
        assert "Teema" in [str(w.content) for w in settings.query(".setting-label").results()]
        chosen = {b.name: b.value for b in settings.query("#set-theme RadioButton").results()}  # type: ignore[attr-defined]
        assert chosen == {"trakon-dark": False, "trakon-light": True, "trakon-contrast": False}
        language = {b.name: b.value for b in settings.query("#set-language RadioButton").results()}  # type: ignore[attr-defined]
        assert language == {"fi": True, "en": False}
        assert app.settings.theme == "trakon-light"


# --- in a text field, letters are text --------------------------------------------------------

SHORTCUT_LETTERS = "ltbqsphac?"


async def test_letters_in_the_details_note_are_text(tmp_path: Path) -> None:
    app, _data = checkin_app(tmp_path)
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.press("5", "enter", "d")
        details = app.screen
        details.query_one("#details-note", Input).focus()
        await pilot.press(*SHORTCUT_LETTERS)
        await pilot.pause()
        assert app.screen is details
        assert details.query_one("#details-note", Input).value == SHORTCUT_LETTERS
        assert (current_language(), app.theme) == ("en", "trakon-dark")
        footer = footer_text(app)
        assert "f1 Help" in footer and "l Suomeksi" not in footer  # what works here


async def test_letters_in_a_writing_and_in_the_palette_are_text(tmp_path: Path) -> None:
    app = practice_app(tmp_path, "pillars-of-safety")
    async with app.run_test(size=(100, 32)) as pilot:
        writing = await start_writing(pilot, SHORTCUT_LETTERS)
        assert app.screen is writing
        assert writing.query_one(TextArea).text == SHORTCUT_LETTERS
        await pilot.press("ctrl+p", *"lt")
        await pilot.pause()
        assert (current_language(), app.theme) == ("en", "trakon-dark")
        await pilot.press("escape")
        assert app.screen is writing and writing.query_one(TextArea).text == SHORTCUT_LETTERS


# --- quitting asks while a writing holds text -------------------------------------------------


async def test_ctrl_q_in_a_writing_asks_keep_or_discard(tmp_path: Path) -> None:
    """Tester: Ctrl+Q in the writing screen threw the text away without asking."""
    app, data = writing_app(tmp_path)
    async with app.run_test(size=(100, 32)) as pilot:
        writing = await start_writing(pilot)
        await pilot.press("ctrl+q")
        assert isinstance(app.screen, KeepOrDiscard) and running(app)
        assert app.screen.query("#keep-closing")  # it says Trakon closes after the choice
        await pilot.press("escape")  # back to writing: nothing closes
        assert app.screen is writing and running(app)
        assert writing.query_one(TextArea).text == WRITTEN
        await pilot.press("ctrl+q", "k")
        await pilot.pause()
        assert not running(app)
    assert writings_and_runs(data) == ([WRITTEN], [True])


async def test_ctrl_q_then_discard_keeps_nothing(tmp_path: Path) -> None:
    app, data = writing_app(tmp_path)
    async with app.run_test(size=(100, 32)) as pilot:
        await start_writing(pilot)
        await pilot.press("ctrl+q", "d")
        await pilot.pause()
        assert not running(app)
    assert writings_and_runs(data) == ([], [True])
    for path in data.iterdir():
        assert WRITTEN.encode() not in path.read_bytes()


async def test_the_palettes_quit_asks_too(tmp_path: Path) -> None:
    app, data = writing_app(tmp_path)
    async with app.run_test(size=(100, 32)) as pilot:
        await start_writing(pilot)
        await pilot.press("ctrl+p", *"quit")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, KeepOrDiscard) and running(app)
        await pilot.press("k")
        await pilot.pause()
        assert not running(app)
    assert writings_and_runs(data)[0] == [WRITTEN]


async def test_ctrl_q_while_esc_already_asks_waits_for_that_answer(tmp_path: Path) -> None:
    app, data = writing_app(tmp_path)
    async with app.run_test(size=(100, 32)) as pilot:
        await start_writing(pilot)
        await pilot.press("escape", "ctrl+q")
        assert len([s for s in app.screen_stack if isinstance(s, KeepOrDiscard)]) == 1
        await pilot.press("k")
        await pilot.pause()
        assert not running(app)
    assert writings_and_runs(data) == ([WRITTEN], [True])


async def test_ctrl_q_twice_asks_once(tmp_path: Path) -> None:
    app, data = writing_app(tmp_path)
    async with app.run_test(size=(100, 32)) as pilot:
        await start_writing(pilot)
        await pilot.press("ctrl+q", "ctrl+q")
        assert len([s for s in app.screen_stack if isinstance(s, KeepOrDiscard)]) == 1
        await pilot.press("d")
        await pilot.pause()
        assert not running(app)
    assert writings_and_runs(data) == ([], [True])


async def test_ctrl_c_and_q_in_a_writing_lose_nothing(tmp_path: Path) -> None:
    app = practice_app(tmp_path, "pillars-of-safety")
    async with app.run_test(size=(60, 20)) as pilot:
        writing = await start_writing(pilot)
        await pilot.press("ctrl+c")
        await pilot.pause()
        assert app.screen is writing and running(app)
        writing.query_one("#writing-prompts").focus()  # q outside the text area
        await pilot.press("q")
        assert isinstance(app.screen, KeepOrDiscard)  # asks, like Esc
        await pilot.press("escape")
        assert writing.query_one(TextArea).text == WRITTEN


async def test_an_empty_writing_closes_without_a_question(tmp_path: Path) -> None:
    app, data = writing_app(tmp_path)
    async with app.run_test(size=(100, 32)) as pilot:
        await start_writing(pilot, "")
        await pilot.press("ctrl+q")
        await pilot.pause()
        assert not running(app)
    assert writings_and_runs(data) == ([], [False])  # recorded, as stopped


async def test_the_terminal_closing_discards_a_writing_and_records_a_stop(tmp_path: Path) -> None:
    """SIGHUP/SIGTERM: nobody is there to ask, and a writing is kept only by choice."""
    app, data = writing_app(tmp_path)
    async with app.run_test(size=(100, 32)) as pilot:
        await start_writing(pilot)
        app.closed_unattended()
        await pilot.pause()
        assert not running(app)
    assert writings_and_runs(data) == ([], [False])


@pytest.mark.parametrize("item_id", ["box-breathing", "orienting"])
async def test_ctrl_q_mid_practice_is_recorded_as_stopped(tmp_path: Path, item_id: str) -> None:
    """Tester: Ctrl+Q mid-practice recorded no run (Esc-stopped runs are recorded)."""
    app = practice_app(tmp_path, item_id)
    async with app.run_test(size=(100, 32)) as pilot:
        await pilot.press("enter")
        assert isinstance(app.screen, (BreathingScreen, GroundingScreen))
        await pilot.press("ctrl+q")
        await pilot.pause()
        assert not running(app)
    assert [(r.item_id, r.completed) for r in runs(app)] == [(item_id, False)]


async def test_ctrl_q_on_the_details_saves_them_as_esc_does(tmp_path: Path) -> None:
    app, data = checkin_app(tmp_path)
    async with app.run_test(size=(100, 32)) as pilot:
        await pilot.press("7", "enter", "d", "tab", "3", "ctrl+q")
        await pilot.pause()
        assert not running(app)
    assert [c.intensity for c in saved(data)] == [3]


# --- Esc: one meaning, said in the footer; `?` is help ----------------------------------------


async def test_esc_on_the_first_screen_closes_trakon_and_says_so(tmp_path: Path) -> None:
    app, data = checkin_app(tmp_path, lang="fi")
    async with app.run_test(size=(100, 32)) as pilot:
        await pilot.pause()
        assert footer_text(app).startswith("esc Lopeta")
        await pilot.press("escape")
        await pilot.pause()
        assert not running(app)
    assert saved(data) == []


async def test_a_later_checkin_goes_back_and_says_so(tmp_path: Path) -> None:
    app, _data = checkin_app(tmp_path)
    async with app.run_test(size=(100, 32)) as pilot:
        await pilot.press("s")  # skip: home
        assert isinstance(app.screen, HomeScreen)
        await pilot.press("c")
        assert isinstance(app.screen, CheckinScreen)
        assert footer_text(app).startswith("esc Back")
        await pilot.press("escape")
        assert isinstance(app.screen, HomeScreen) and running(app)


async def test_question_mark_is_help_on_the_checkin_and_u_is_dont_know(tmp_path: Path) -> None:
    app, _data = checkin_app(tmp_path)
    async with app.run_test(size=(100, 32)) as pilot:
        await pilot.press("question_mark")
        assert isinstance(app.screen, HelpScreen)
        await pilot.press("escape", "u")
        assert isinstance(app.screen, CheckinScreen) and app.screen.unsure
        footer = footer_text(app)
        assert "u Don't know" in footer and "? Help" in footer


async def test_an_open_select_says_esc_in_finnish(tmp_path: Path) -> None:
    """Tester: the open Select's footer said "esc Dismiss menu" in Finnish."""
    app = make_app(tmp_path, lang="fi")
    async with app.run_test(size=(100, 32)) as pilot:
        await pilot.press("s")
        app.screen.query_one("#set-low", Select).focus()
        await pilot.press("enter")
        await pilot.pause()
        footer = footer_text(app)
        assert "esc Sulje lista" in footer and "Dismiss" not in footer


# --- a practice waits while something covers it ----------------------------------------------


async def test_breathing_pauses_under_help_and_continues_after(tmp_path: Path) -> None:
    app = practice_app(tmp_path, "box-breathing")
    async with app.run_test(size=(100, 32)) as pilot:
        await pilot.press("enter")
        breathing = app.screen
        assert isinstance(breathing, BreathingScreen) and breathing.schedule is not None
        for cover in ("f2", "f1", "b"):
            await pilot.press(cover)
            assert breathing.schedule.paused, cover
            await pilot.press("escape")
            await pilot.pause()
            assert app.screen is breathing and not breathing.schedule.paused, cover
        await pilot.press("space", "f1", "escape")  # paused by the user: stays paused
        assert breathing.schedule.paused


async def test_a_timed_grounding_step_waits_under_crisis_help(tmp_path: Path) -> None:
    app = practice_app(tmp_path, "orienting")
    async with app.run_test(size=(100, 32)) as pilot:
        await pilot.press("enter")
        grounding = app.screen
        assert isinstance(grounding, GroundingScreen) and grounding.walk is not None
        await pilot.press("f2")
        assert isinstance(app.screen, CrisisScreen) and grounding.walk.paused
        await pilot.press("escape")
        assert not grounding.walk.paused


async def test_the_quiet_writing_timer_waits_while_covered(tmp_path: Path) -> None:
    clock = FakeClock()
    app = practice_app(tmp_path, "pillars-of-safety", clock=clock)
    async with app.run_test(size=(100, 32)) as pilot:
        writing = await start_writing(pilot)
        await pilot.press("f1")
        await advance(pilot, clock, 120)
        await pilot.press("escape")
        assert "4:00 left" in str(writing.query_one("#writing-timer").content)
        await advance(pilot, clock, 61)  # its own timer wakes it up again, once a second
        assert "2:59 left" in str(writing.query_one("#writing-timer").content)


# --- focus is always visible; an unfocused field does not look active -------------------------


def look(widget: Widget) -> list[list[tuple[str, str]]]:
    """The widget as drawn on the screen (line filters applied: NO_COLOR draws no colour)."""
    strips = widget.screen._compositor.render_strips()
    filters = widget.app.get_line_filters()
    region = widget.region
    lines = []
    for y in range(region.y, region.bottom):
        segments = list(strips[y].crop(region.x, region.right))
        for line_filter in filters:
            segments = line_filter.apply(segments, widget.background_colors[1])
        lines.append([(s.text, str(s.style.copy() if s.style else "")) for s in segments])
    return lines


async def focused_and_not(pilot, widget: Widget) -> tuple[object, object]:  # type: ignore[no-untyped-def]
    widget.focus()
    await pilot.pause()
    focused = look(widget)
    widget.screen.set_focus(None)
    await pilot.pause()
    return focused, look(widget)


@pytest.mark.parametrize("no_color", [False, True])
@pytest.mark.parametrize("theme", ["trakon-dark", "trakon-light", "trakon-contrast"])
async def test_focus_is_visible_on_every_form_widget(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, theme: str, no_color: bool
) -> None:
    """Tester: under NO_COLOR the focused Select could not be seen; and an unfocused note
    looked active, so letters meant for it switched the language and the theme."""
    if no_color:
        monkeypatch.setenv("NO_COLOR", "1")
    app, _data = checkin_app(tmp_path, settings=Settings(language="en", theme=theme))
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.press("5", "enter", "d")
        for selector in (
            "#details-note",
            "#details-context",
            "#details-intensity",
            "#details-signs",
        ):
            widget = app.screen.query_one(selector)
            focused, unfocused = await focused_and_not(pilot, widget)
            assert focused != unfocused, (selector, theme, no_color)
        at_rest(app.screen.query_one("#details-note"))
        await pilot.press("escape", "s")
        for selector in ("#set-low", "#set-theme", "#set-motion"):
            widget = app.screen.query_one(selector)
            focused, unfocused = await focused_and_not(pilot, widget)
            assert focused != unfocused, (selector, theme, no_color)
        at_rest(app.screen.query_one("#set-low SelectCurrent"))


def at_rest(field: Widget) -> None:
    """An unfocused field is drawn on the screen's own background, in a quiet outline: it
    must not look like the one that takes the keys."""
    assert not field.has_focus and not field.parent.has_focus  # type: ignore[union-attr]
    assert field.styles.background == field.screen.styles.background
    primary = Color.parse(field.app.get_css_variables()["primary"])
    assert field.styles.border_left[1] != primary


# --- the footer: a key is shown whole or not at all, crisis help always ------------------------


@pytest.mark.parametrize("lang", ["fi", "en"])
async def test_a_narrow_footer_leaves_out_whole_keys_and_keeps_crisis_help(
    tmp_path: Path, lang: Lang
) -> None:
    from textual.widgets._footer import FooterKey

    app = make_app(tmp_path, lang)
    async with app.run_test(size=(100, 32)) as pilot:
        await pilot.pause()
        wide = {key.action for key in app.screen.query(FooterKey)}
        await pilot.resize_terminal(40, 20)
        await pilot.pause()
        narrow = [key for key in app.screen.query(FooterKey)]
        actions = {key.action for key in narrow}
        assert any(action.endswith("crisis") for action in actions)
        assert actions < wide  # some keys left out ...
        assert sum(key.outer_size.width for key in narrow) <= 40  # ... and the rest whole
        assert not any(action.endswith("toggle_language") for action in actions)
        await pilot.resize_terminal(100, 32)
        await pilot.pause()
        assert {key.action for key in app.screen.query(FooterKey)} == wide  # and back
