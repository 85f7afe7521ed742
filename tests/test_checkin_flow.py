"""The check-in as a user meets it: three keys to a saved check-in, suggestions, a practice,
the second check-in and the linked pair; details, skip, crisis offer, a log that fails,
history and the window band. Pilot and a fake clock; the real store in a temporary folder."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from pathlib import Path

from textual.widgets import OptionList, Static

from tests.conftest import FakeClock, advance, make_app
from trakon_tui.core.practice_log import LazyStoreLog, NoLog, PracticeRun
from trakon_tui.core.settings import Settings
from trakon_tui.core.store import CheckIn, Store
from trakon_tui.core.window import Outcome
from trakon_tui.i18n import Lang
from trakon_tui.ui.screens.breathing import BreathingScreen
from trakon_tui.ui.screens.checkin import CheckinScreen
from trakon_tui.ui.screens.checkin_details import DetailsScreen, IntensityPicker
from trakon_tui.ui.screens.detail import DetailScreen
from trakon_tui.ui.screens.history import HistoryScreen
from trakon_tui.ui.screens.home import HomeScreen
from trakon_tui.ui.screens.suggestions import ReflectionScreen, SuggestionsScreen

HELSINKI = timezone(timedelta(hours=2))
NOW = datetime(2026, 11, 23, 10, 0, tzinfo=HELSINKI)


def checkin_app(tmp_path: Path, lang: Lang = "en", **kw):  # type: ignore[no-untyped-def]
    data = tmp_path / "data"
    kw.setdefault("practice_log", LazyStoreLog(data))
    kw.setdefault("clock", FakeClock())
    app = make_app(tmp_path, lang, checkin_first=True, wall_clock=lambda: NOW, **kw)
    return app, data


def saved(data: Path) -> list[CheckIn]:
    store = Store.open(data)
    try:
        return store.checkins()
    finally:
        store.close()


def text(widget: Static) -> str:
    return str(widget.content)


def drawn(screen: object) -> str:
    """The check-in as drawn: the question, the scale, the signs and the hint."""
    from trakon_tui.ui.widgets.window_scale import WindowScale

    return screen.query_one(WindowScale).render().plain  # type: ignore[attr-defined]


def options(screen: object) -> list[str]:
    menu = screen.query_one(OptionList)  # type: ignore[attr-defined]
    return [str(menu.get_option_at_index(i).id) for i in range(menu.option_count)]


async def test_three_keys_from_launch_to_a_saved_checkin(tmp_path: Path) -> None:
    app, data = checkin_app(tmp_path)
    async with app.run_test(size=(100, 32)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, CheckinScreen)  # key 1 was `trakon`
        await pilot.press("8", "enter")  # keys 2 and 3
        assert isinstance(app.screen, SuggestionsScreen)
        (checkin,) = saved(data)  # committed before the screen moved on
        assert (checkin.level, checkin.zone, checkin.window, checkin.context) == (
            8,
            "above",
            (3, 7),
            "standalone",
        )
        assert checkin.at == NOW
        assert "8 — Above the window" in text(app.screen.query_one("#suggestions-saved", Static))
        offered = options(app.screen)
        assert offered[0] == "physiological-sigh" and "ui:finish" in offered
        assert "ui:crisis" not in offered  # 8 is above, not high above


async def test_arrows_move_the_marker_and_dont_know_is_an_answer(tmp_path: Path) -> None:
    app, data = checkin_app(tmp_path, settings=Settings(language="en", window=(2, 8)))
    async with app.run_test(size=(100, 32)) as pilot:
        await pilot.press("up")  # the first arrow starts in the middle of the band
        assert app.screen.level == 5  # type: ignore[attr-defined]
        await pilot.press("up", "up", "up", "up")
        assert app.screen.level == 9  # type: ignore[attr-defined]
        await pilot.press("u", "enter")
        (checkin,) = saved(data)
        assert (checkin.level, checkin.zone, checkin.window) == (None, "unsure", (2, 8))
        assert "That is an answer too" in text(app.screen.query_one("#suggestions-saved", Static))


async def test_the_personal_band_decides_the_zone(tmp_path: Path) -> None:
    app, data = checkin_app(tmp_path, settings=Settings(language="en", window=(2, 8)))
    async with app.run_test(size=(100, 32)) as pilot:
        await pilot.press("8", "enter")
    assert saved(data)[0].zone == "within"


async def test_enter_without_a_choice_saves_nothing_and_skip_leaves(tmp_path: Path) -> None:
    app, data = checkin_app(tmp_path)
    async with app.run_test(size=(100, 32)) as pilot:
        await pilot.press("enter")
        assert isinstance(app.screen, CheckinScreen)
        await pilot.press("s")
        assert isinstance(app.screen, HomeScreen)
    assert not (data / "trakon.db").exists()  # not even opened


async def test_a_practice_between_two_checkins_is_saved_as_a_pair(tmp_path: Path) -> None:
    clock = FakeClock()
    app, data = checkin_app(tmp_path, clock=clock)
    async with app.run_test(size=(100, 32)) as pilot:
        await pilot.press("9", "enter", "enter")  # save, choose the first offer
        assert isinstance(app.screen, DetailScreen)  # its card first
        await pilot.press("enter")
        screen = app.screen
        assert isinstance(screen, BreathingScreen)
        await advance(pilot, clock, 10_000)
        after = app.screen
        assert isinstance(after, CheckinScreen) and after.after is not None
        assert "Where are you now?" in drawn(after)
        await pilot.press("6", "enter")
        assert isinstance(app.screen, ReflectionScreen)
        assert "Before 9 → now 6" in text(app.screen.query_one("#reflection-pair", Static))
        words = text(app.screen.query_one("#reflection-words", Static))
        assert "within your window" in words
        await pilot.press("escape")
        assert isinstance(app.screen, HomeScreen)
    store = Store.open(data)
    assert store.outcomes() == [Outcome("physiological-sigh", 9, 6, (3, 7))]
    first, second = store.checkins()
    assert (first.context, second.context, second.pair_id) == ("before", "after", first.id)
    ((*_, completed, _pace, before, after_id),) = list(store.runs())
    assert (completed, before, after_id) == (1, first.id, second.id)


async def test_the_practice_is_named_in_the_language_switched_to_after_it(
    tmp_path: Path,
) -> None:
    """`l` on "where are you now?" and on "how it is now" names the practice just done in
    the new language too, not only the words around it."""
    clock = FakeClock()
    app, _data = checkin_app(tmp_path, clock=clock)
    async with app.run_test(size=(100, 32)) as pilot:
        await pilot.press("9", "enter", "enter", "enter")
        await advance(pilot, clock, 10_000)
        assert isinstance(app.screen, CheckinScreen)
        bar = app.screen.query_one(".title-bar", Static)
        assert text(bar) == "Trakon · Three sighs"
        await pilot.press("l")
        assert text(app.screen.query_one(".title-bar", Static)) == "Trakon · Kolme huokausta"
        await pilot.press("6", "enter")
        assert isinstance(app.screen, ReflectionScreen)
        assert "Kolme huokausta" in text(app.screen.query(Static)[1])
        await pilot.press("l")
        shown = [text(w) for w in app.screen.query(Static)]
        assert "Three sighs" in shown and "Kolme huokausta" not in shown


async def test_stopping_a_practice_still_asks_and_skip_keeps_the_first(tmp_path: Path) -> None:
    app, data = checkin_app(tmp_path)
    async with app.run_test(size=(100, 32)) as pilot:
        await pilot.press("9", "enter", "enter", "enter")
        assert isinstance(app.screen, BreathingScreen)
        await pilot.press("escape")  # stop at once
        assert isinstance(app.screen, CheckinScreen)
        await pilot.press("s")
        assert isinstance(app.screen, HomeScreen)
    store = Store.open(data)
    (checkin,) = store.checkins()
    assert (checkin.level, checkin.context, checkin.practice_id) == (
        9,
        "before",
        "physiological-sigh",
    )
    ((*_, completed, _pace, before, after),) = list(store.runs())
    assert (completed, before, after) == (0, checkin.id, None)


async def test_when_nothing_changed_it_is_said_calmly_and_another_can_be_tried(
    tmp_path: Path,
) -> None:
    clock = FakeClock()
    app, _data = checkin_app(tmp_path, clock=clock)
    async with app.run_test(size=(100, 32)) as pilot:
        await pilot.press("9", "enter", "enter", "enter")
        await advance(pilot, clock, 10_000)
        await pilot.press("9", "enter")
        words = text(app.screen.query_one("#reflection-words", Static))
        assert "nothing changes; that is information too" in words
        await pilot.press("enter")  # Try another practice
        assert isinstance(app.screen, SuggestionsScreen)
        assert app.screen.checkin.level == 9  # the second check-in is the new starting point


async def test_high_above_the_window_offers_crisis_help_without_blocking(
    tmp_path: Path,
) -> None:
    app, _data = checkin_app(tmp_path)
    async with app.run_test(size=(100, 32)) as pilot:
        await pilot.press("9", "enter")
        assert "ui:crisis" in options(app.screen)
        assert app.screen.query("#suggestions-crisis")
        menu = app.screen.query_one(OptionList)
        assert menu.get_option_at_index(menu.highlighted or 0).id == "physiological-sigh"


async def test_details_are_optional_and_saved_on_leaving(tmp_path: Path) -> None:
    app, data = checkin_app(tmp_path)
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.press("8", "enter", "d")
        assert isinstance(app.screen, DetailsScreen)
        await pilot.press("2", "5", "5", "1")  # what was just before has focus: one key each
        await pilot.press("tab", "7")  # then the intensity picker
        assert app.screen.query_one(IntensityPicker).value == 7
        app.screen.query_one("#details-signs").select("tense")  # type: ignore[attr-defined]
        app.screen.query_one("#details-areas").select("chest")  # type: ignore[attr-defined]
        app.screen.query_one("#details-note").value = "  long day  "  # type: ignore[attr-defined]
        await pilot.pause()
        assert "chest" in app.screen.query_one("#details-figure").chosen  # type: ignore[attr-defined]
        await pilot.press("escape")
        assert isinstance(app.screen, SuggestionsScreen)
    (checkin,) = saved(data)
    assert (checkin.intensity, checkin.tags, checkin.body_areas, checkin.note) == (
        7,
        ("tense",),
        ("chest",),
        "long day",
    )
    assert set(checkin.context_tags) == {"phone-call", "home-visit"}  # 5 twice: chosen, unchosen


async def test_leaving_details_untouched_changes_nothing(tmp_path: Path) -> None:
    app, data = checkin_app(tmp_path)
    async with app.run_test(size=(100, 32)) as pilot:
        await pilot.press("3", "enter", "d", "escape")
        assert isinstance(app.screen, SuggestionsScreen)
    (checkin,) = saved(data)
    assert (checkin.intensity, checkin.tags, checkin.note) == (None, (), None)


async def test_a_log_that_cannot_be_written_says_so_and_keeps_the_choice(
    tmp_path: Path,
) -> None:
    blocked = tmp_path / "not-a-folder"
    blocked.write_text("x")
    app, _data = checkin_app(tmp_path, practice_log=LazyStoreLog(blocked / "data"))
    async with app.run_test(size=(100, 32)) as pilot:
        await pilot.press("8", "enter")
        assert isinstance(app.screen, CheckinScreen)  # nothing moved on
        assert app.screen.level == 8  # the choice is still there to try again
        messages = [n.message for n in app._notifications]
        assert any("cannot be used" in m for m in messages)


async def test_no_log_saves_nothing_and_still_suggests(tmp_path: Path) -> None:
    app, data = checkin_app(tmp_path, practice_log=NoLog())
    async with app.run_test(size=(100, 32)) as pilot:
        await pilot.press("2", "enter")
        assert isinstance(app.screen, SuggestionsScreen)
        assert options(app.screen)[0] == "orienting"
        assert "ui:details" not in options(app.screen)
    assert not data.exists()


async def test_the_checkin_speaks_finnish(tmp_path: Path) -> None:
    app, _data = checkin_app(tmp_path, "fi")
    async with app.run_test(size=(60, 20)) as pilot:
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert drawn(app.screen).startswith("Missä olet juuri nyt?\n")
        await pilot.press("2")
        assert "Alivireys: turta" in drawn(app.screen)


def seed(data: Path) -> None:
    store = Store.open(data)
    for days_ago, level, after in ((9, 9, 6), (5, 2, 4), (1, 8, 8)):
        at = NOW - timedelta(days=days_ago)
        before = store.add_checkin(CheckIn(at=at, level=level))
        run = store.record_run(
            PracticeRun("cyclic-sighing", "breathing", at, at, True, before_checkin=before)
        )
        store.add_after(CheckIn(at=at + timedelta(minutes=3), level=after), run)
    store.close()


async def test_history_shows_days_recent_checkins_and_what_helped(tmp_path: Path) -> None:
    app, data = checkin_app(tmp_path)
    seed(data)
    async with app.run_test(size=(100, 32)) as pilot:
        await pilot.press("s", "h")  # skip the check-in, open history
        assert isinstance(app.screen, HistoryScreen)
        recent = app.screen.query_one("#history-recent", Static)
        assert len(recent.content.rows) == 6  # type: ignore[union-attr]
        practices = text(app.screen.query_one("#history-practices", Static))
        assert "Cyclic sighing: tried 3 times; 3 times with a check-in before and after" in (
            practices
        )
        assert "closer to your window after it 2 times" in practices
        chart = app.screen.query_one("#chart")
        assert sum(c is not None for c in chart.columns) == 3  # type: ignore[attr-defined]
        await pilot.press("w")
        assert "Last 12 weeks" in text(app.screen.query_one("#history-chart-title", Static))


async def test_history_can_be_hidden(tmp_path: Path) -> None:
    app, _data = checkin_app(tmp_path, settings=Settings(language="en", hide_history=True))
    async with app.run_test(size=(100, 32)) as pilot:
        await pilot.press("s", "h")
        assert isinstance(app.screen, HomeScreen)
        assert "history" not in options(app.screen)


async def test_the_window_band_is_set_in_settings_and_saved(tmp_path: Path) -> None:
    import tomllib

    from textual.widgets import Select

    from trakon_tui.ui.screens.settings import SettingsScreen

    app, _data = checkin_app(tmp_path)
    async with app.run_test(size=(60, 20)) as pilot:
        await pilot.press("s", "s")  # skip the check-in, open settings
        assert isinstance(app.screen, SettingsScreen)
        app.screen.query_one("#set-high", Select).value = 8
        await pilot.pause()
        assert app.personal_window == (3, 8)
        app.screen.query_one("#set-low", Select).value = 9  # above the upper: refused
        await pilot.pause()
        assert app.personal_window == (3, 8)
        assert app.screen.query_one("#set-low", Select).value == 3
    saved_settings = tomllib.loads((tmp_path / "config" / "settings.toml").read_text())
    assert saved_settings["window"] == [3, 8]


async def test_saving_goes_straight_to_the_suggestions_without_passing_home(
    tmp_path: Path,
) -> None:
    """One screen the person asked for after another: the home screen is never put on the
    stack between saving and the suggestions (it used to flash for ~0.5 s)."""
    app, _data = checkin_app(tmp_path)
    async with app.run_test(size=(100, 32)) as pilot:
        await app.workers.wait_for_complete()
        await pilot.press("8", "enter")
        await pilot.pause()
        assert [type(s) for s in app.screen_stack] == [CheckinScreen, SuggestionsScreen]
        await pilot.press("escape")  # finish: home, once
        await pilot.pause()
        assert [type(s) for s in app.screen_stack] == [CheckinScreen, HomeScreen]


async def test_an_exercise_whose_id_is_a_menu_word_runs(tmp_path: Path) -> None:
    """Exercise ids are data: `id = "library"` once crashed the suggestions (the screen's own
    choices now have ids no exercise can have)."""
    from tests.conftest import SHIPPED
    from trakon_tui.core.library import Tier, build

    folder = tmp_path / "ex"
    folder.mkdir()
    (folder / "library.toml").write_text(
        'format = 1\nid = "library"\nkind = "grounding"\nbetween_clients = true\n'
        'title = { en = "A step called library" }\nsummary = { en = "One step." }\n'
        'suits = ["above"]\nsteps = [ { text = { en = "Notice the floor." }, seconds = 5 } ]\n',
        encoding="utf-8",
    )
    library = build([(Tier.SHIPPED, SHIPPED), (Tier.EXTRA, folder)])
    assert library.problems == []
    app, _data = checkin_app(tmp_path, library=library)
    async with app.run_test(size=(100, 32)) as pilot:
        await app.workers.wait_for_complete()
        await pilot.press("8", "enter")
        await pilot.pause()
        menu = app.screen.query_one(OptionList)
        menu.highlighted = menu.get_option_index("library")
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, DetailScreen) and app.screen.item_id == "library"


async def test_history_keeps_its_scrollbar_room_only_when_surely_longer_than_the_screen(
    tmp_path: Path,
) -> None:
    """A long history is laid out once with its scrollbar's room kept (#16); a page that
    fits never shows an empty scrollbar track, and a resize decides again."""
    app, data = checkin_app(tmp_path)
    seed(data)
    store = Store.open(data)
    for n in range(6):  # more practices: the page no longer fits 32 lines
        store.record_run(_run_now(f"practice-{n}"))
    store.close()
    async with app.run_test(size=(100, 32)) as pilot:
        await pilot.press("s", "h")
        assert isinstance(app.screen, HistoryScreen)
        page = app.screen.query_one("#history")
        assert page.has_class("-long") and page.max_scroll_y > 0
        await pilot.resize_terminal(100, 60)
        await pilot.pause()
        assert not page.has_class("-long") and page.max_scroll_y == 0


async def test_a_short_history_has_no_scrollbar_room(tmp_path: Path) -> None:
    app, data = checkin_app(tmp_path)
    seed(data)
    async with app.run_test(size=(100, 32)) as pilot:
        await pilot.press("s", "h")
        page = app.screen.query_one("#history")
        assert not page.has_class("-long")


def _run_now(item: str) -> PracticeRun:
    return PracticeRun(item, "breathing", NOW, NOW, True)


async def test_a_terminal_too_small_for_the_scale_still_opens_crisis_help(tmp_path: Path) -> None:
    from trakon_tui.ui.screens.info_pages import CrisisScreen

    app, _data = checkin_app(tmp_path)
    async with app.run_test(size=(30, 8)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, CheckinScreen)
        await pilot.press("f2")
        assert isinstance(app.screen, CrisisScreen)


async def test_the_footer_keeps_its_keys_after_the_language_key(tmp_path: Path) -> None:
    """The screen is drawn again in the other language; its footer used to stay empty."""
    from textual.widgets._footer import FooterKey

    app, _data = checkin_app(tmp_path, "fi")
    async with app.run_test(size=(40, 12)) as pilot:
        await pilot.pause()
        assert [key.description for key in app.screen.query(FooterKey)] == [
            "Lopeta",
            "Tallenna",
            "Kriisiapu",
        ]
        await pilot.press("l")
        await pilot.pause()
        await pilot.pause()
        assert [key.description for key in app.screen.query(FooterKey)] == [
            "Quit",
            "Save",
            "Crisis help",
        ]


async def test_after_the_language_key_the_list_keeps_its_focus_and_line(tmp_path: Path) -> None:
    """The suggestions are drawn again in the other language; the list used to lose its
    focus, so Enter (and the arrows) did nothing."""
    app, _data = checkin_app(tmp_path)
    async with app.run_test(size=(100, 32)) as pilot:
        await pilot.press("9", "enter")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, SuggestionsScreen)
        menu = screen.query_one("#suggestions-menu", OptionList)
        await pilot.press("down")
        chosen = menu.get_option_at_index(menu.highlighted or 0).id
        await pilot.press("l")
        await pilot.pause()
        await pilot.pause()
        menu = screen.query_one("#suggestions-menu", OptionList)
        assert app.focused is menu
        assert menu.get_option_at_index(menu.highlighted or 0).id == chosen
        await pilot.press("enter")
        card = app.screen
        assert isinstance(card, DetailScreen) and card.item_id == chosen
