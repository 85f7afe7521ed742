"""#17 points 3–5: own support people on the crisis page, a length and a pace of one's own,
favourites and "again" on home. Pure rules first, then the app as a user meets it."""

from __future__ import annotations

import io
import math
import stat
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.conftest import SHIPPED, FakeClock, RecordingLog, make_app, settle
from trakon_tui import plain
from trakon_tui.cli import main
from trakon_tui.commands import plain_flow
from trakon_tui.core import crisis, measure, paths, personal
from trakon_tui.core import settings as settings_store
from trakon_tui.core.contacts import Contact, make_contact
from trakon_tui.core.library import Tier, build
from trakon_tui.core.model import Breathing
from trakon_tui.core.practice_log import LazyStoreLog, PracticeRun
from trakon_tui.core.problems import Problem
from trakon_tui.core.settings import Settings
from trakon_tui.core.store import Store
from trakon_tui.i18n import set_language

LIBRARY = build([(Tier.SHIPPED, SHIPPED)])
BREATHING = sorted(
    (item for item in LIBRARY.items.values() if isinstance(item, Breathing)), key=lambda i: i.id
)
SUPERVISOR = Contact("Liisa Työnohjaaja", "040 123 4567", "työnohjaaja")
HEALTH = Contact("Työterveys", "09 555 0100", "occupational health")


# --- pure: length rounds to whole breaths, within the exercise's limits ----------------------


@settings(max_examples=200)
@given(
    st.sampled_from(BREATHING),
    st.sampled_from(personal.LENGTH_CHOICES),
    st.floats(min_value=0.5, max_value=2.0),
)
def test_a_chosen_length_is_whole_breaths_closest_to_it_within_limits(
    item: Breathing, minutes: int, wanted_pace: float
) -> None:
    pace = personal.pace_within(item, wanted_pace)
    cycles = personal.cycles_for(item, minutes, pace)
    low, high = personal.cycle_limits(item, pace)
    assert isinstance(cycles, int)
    assert low <= cycles <= high
    breath = measure.cycle_seconds(item, pace)
    if low < cycles < high:  # not held at a limit: the nearest whole number of breaths
        assert abs(cycles * breath - minutes * 60) <= breath / 2 + 1e-9
    if item.long_holds:  # 4-7-8: never more rounds than written
        assert cycles <= measure.cycle_count(item)


def test_length_examples_and_options() -> None:
    box = LIBRARY.items["box-breathing"]  # 16 s a breath, 4 written
    assert isinstance(box, Breathing)
    assert personal.cycles_for(box, 2) == 8  # 128 s
    assert personal.cycles_for(box, 3) == 11  # 176 s is closer to 180 than 192
    assert personal.cycles_for(box, None) == 4
    # about 1 min is 4 breaths, the written length: offered once
    assert [o.minutes for o in personal.length_options(box)] == [None, 2, 3, 5]
    four = LIBRARY.items["breathing-4-7-8"]
    assert isinstance(four, Breathing)
    assert max(o.cycles for o in personal.length_options(four)) == 4


# --- pure: finding one's pace, with a fake clock --------------------------------------------


def taps(breath: float, inhale_share: float = 0.4, start: float = 1000.0) -> list[float]:
    """The moments a steady breather taps (pure: no timer is involved)."""
    now = start
    out = []
    for _ in range(personal.CALIBRATION_BREATHS):
        out.append(now)
        now += breath * inhale_share
        out.append(now)
        now += breath * (1 - inhale_share)
    out.append(now)
    return out


@settings(max_examples=200)
@given(st.sampled_from(BREATHING), st.floats(min_value=1.5, max_value=30.0))
def test_a_suggested_pace_is_within_the_exercises_limits(item: Breathing, breath: float) -> None:
    found = personal.own_breath(taps(breath))
    assert found is not None and math.isclose(found, breath, rel_tol=1e-6)
    pace = personal.suggested_pace(item, found)
    assert item.pace.fastest - 1e-9 <= pace <= item.pace.slowest + 1e-9
    # in the pacer's own steps of 5 %
    assert math.isclose(pace / personal.PACE_STEP, round(pace / personal.PACE_STEP), abs_tol=1e-6)


def test_the_suggestion_follows_the_breath_and_ignores_slips() -> None:
    resonance = LIBRARY.items["resonance-breathing"]  # 10 s a breath as written
    assert isinstance(resonance, Breathing)
    assert personal.suggested_pace(resonance, 11.0) == min(1.1, resonance.pace.slowest)
    assert personal.suggested_pace(resonance, 10.0) == 1.0
    slipped = taps(10.0)
    slipped[2] = slipped[1] + 0.1  # a double tap: one breath implausibly short, one long
    assert personal.own_breath(slipped) == pytest.approx(10.0)
    assert personal.own_breath(taps(0.5)) is None  # nothing readable: no suggestion


# --- pure: the settings file's part ---------------------------------------------------------


def test_contacts_favourites_and_choices_survive_the_file(tmp_path: Path) -> None:
    path = tmp_path / "settings.toml"
    chosen = Settings(
        contacts=[SUPERVISOR, HEALTH],
        favourites=["box-breathing", "orienting"],
        practices={"box-breathing": personal.Choice(2, 1.1)},
    )
    settings_store.save(chosen, path)
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    loaded = settings_store.load(path)
    assert loaded.problem is None
    assert loaded.settings == chosen


@pytest.mark.parametrize(
    ("text", "where"),
    [
        ('[[contacts]]\nname = "A"\nnumber = "abc"\n', "contacts[1]"),
        ('[[contacts]]\nname = ""\nnumber = "040 1"\n', "contacts[1]"),
        ('[[contacts]]\nname = "A"\nnumber = "0401234"\nphone = "x"\n', "contacts[1]"),
        ('favourites = ["Box Breathing"]\n', "favourites[1]"),
        ("[practices.box-breathing]\nminutes = 4\n", "practices.box-breathing.minutes"),
        ("[practices.box-breathing]\npace = 9\n", "practices.box-breathing.pace"),
    ],
)
def test_a_wrong_personal_entry_gives_defaults_and_says_where(
    tmp_path: Path, text: str, where: str
) -> None:
    path = tmp_path / "settings.toml"
    path.write_text(text, encoding="utf-8")
    loaded = settings_store.load(path)
    assert loaded.settings == Settings()
    assert isinstance(loaded.problem, Problem) and loaded.problem.where == where


def test_a_contact_is_one_line_of_text() -> None:
    assert make_contact("Liisa\x1b[31m", "040 123", "") == (
        "one line of text, with no control characters",
        {},
    )
    assert make_contact("  Liisa  ", " 040 123 ", "") == Contact("Liisa", "040 123", "")
    path = Path("settings.toml")
    assert isinstance(
        settings_store.from_data(path, {"contacts": [{"name": "[b]x", "number": "112"}]}), Settings
    )


def test_own_contacts_come_first_apart_from_the_public_numbers() -> None:
    found = crisis.load([paths.data_file("crisis.toml")])
    own, public = crisis.entries(found, [SUPERVISOR])
    assert [e.name for e in own] == [SUPERVISOR.name]
    assert own[0].checked is None and all(e.checked is not None for e in public)
    assert crisis.entries(found)[0] == []


# --- the app -------------------------------------------------------------------------------


def screen_text(app) -> str:  # type: ignore[no-untyped-def]
    """What the screen shows, line by line, as it goes to the terminal."""
    update = app.screen._compositor.render_update(full=True)
    return "\n".join("".join(segment.text for segment in strip) for strip in update.strips)


async def test_f2_shows_own_contacts_first(tmp_path: Path) -> None:
    app = make_app(tmp_path, settings=Settings(language="en", contacts=[SUPERVISOR]))
    async with app.run_test(size=(100, 32)) as pilot:
        await settle(pilot)
        await pilot.press("f2")
        await settle(pilot)
        text = screen_text(app)
        assert text.index("Your own people") < text.index("040 123 4567")
        assert text.index("040 123 4567") < text.index("Crisis and support services")
        assert text.index("Crisis and support services") < text.index("09 2525 0111")


async def test_no_own_contact_in_facilitator_mode(tmp_path: Path) -> None:
    app = make_app(
        tmp_path, settings=Settings(language="en", contacts=[SUPERVISOR]), presenter=True
    )
    async with app.run_test(size=(100, 32)) as pilot:
        await settle(pilot)
        await pilot.press("f2")
        await settle(pilot)
        text = screen_text(app)
        assert "09 2525 0111" in text
        assert SUPERVISOR.number not in text and "Your own people" not in text


def test_present_and_serve_load_no_personal_settings() -> None:
    """The presenter app (present, and serve's tabs) is built without the user's contacts,
    favourites and lengths; the user's own app has them."""
    from trakon_tui.commands.options import Options
    from trakon_tui.ui.run import build_app

    settings_store.save(
        Settings(contacts=[SUPERVISOR], favourites=["box-breathing"]),
        settings_store.settings_path(),
    )
    shared = build_app(Options(), presenter=True)
    assert shared.settings.contacts == [] and shared.settings.favourites == []
    assert shared.own_contacts == []
    assert build_app(Options()).own_contacts == [SUPERVISOR]


def test_plain_crisis_list_shows_own_contacts_first() -> None:
    out = io.StringIO()
    plain_flow._crisis(plain.PlainIO(out=out), [SUPERVISOR])
    text = out.getvalue()
    assert (
        text.index("Your own people:")
        < text.index("040 123 4567")
        < text.index("Crisis and support services:")
    )
    assert text.index("työnohjaaja") < text.index("09 2525 0111")


async def test_a_contact_added_in_settings_is_saved_privately(tmp_path: Path) -> None:
    app = make_app(tmp_path)
    async with app.run_test(size=(100, 32)) as pilot:
        await settle(pilot)
        await pilot.press("s")
        await settle(pilot)
        for field, value in (
            ("name", "Liisa"),
            ("number", "040 123 4567"),
            ("note", "työnohjaaja"),
        ):
            app.screen.query_one(f"#contact-{field}").value = value
        app.screen.query_one("#contact-note").focus()
        await pilot.press("enter")
        await settle(pilot)
    loaded = settings_store.load(tmp_path / "config" / "settings.toml")
    assert loaded.settings.contacts == [Contact("Liisa", "040 123 4567", "työnohjaaja")]
    assert stat.S_IMODE((tmp_path / "config" / "settings.toml").stat().st_mode) == 0o600


def test_forget_all_keeps_contacts_unless_asked(tmp_path: Path) -> None:
    path = settings_store.settings_path()
    settings_store.save(Settings(contacts=[SUPERVISOR], favourites=["orienting"]), path)
    main(["checkin", "--level", "6"])
    assert main(["forget", "--all", "--yes"]) == 0
    assert settings_store.load(path).settings.contacts == [SUPERVISOR]
    assert main(["forget", "--before", "2026-01-01", "--contacts", "--yes"]) == 2
    assert main(["forget", "--all", "--contacts", "--yes"]) == 0
    after = settings_store.load(path).settings
    assert after.contacts == [] and after.favourites == ["orienting"]


async def test_chosen_length_and_favourite_survive_a_restart(tmp_path: Path) -> None:
    from trakon_tui.ui.screens.breathing import BreathingScreen
    from trakon_tui.ui.screens.detail import DetailScreen

    file = tmp_path / "config" / "settings.toml"
    app = make_app(tmp_path, start=lambda: DetailScreen("box-breathing"))
    async with app.run_test(size=(100, 32)) as pilot:
        await settle(pilot)
        await pilot.press("m", "f")  # about 2 minutes; a favourite
        await settle(pilot)
    restarted = make_app(
        tmp_path,
        settings=settings_store.load(file).settings,
        start=lambda: DetailScreen("box-breathing"),
        clock=FakeClock(),
    )
    async with restarted.run_test(size=(100, 32)) as pilot:
        await settle(pilot)
        assert "about 2 min: 8 breaths" in screen_text(restarted)
        await pilot.press("enter")
        await settle(pilot)
        screen = restarted.screen
        assert isinstance(screen, BreathingScreen) and screen.schedule is not None
        assert screen.schedule.cycles == 8
        await pilot.press("escape")
        await settle(pilot)
        await restarted.home()
        await settle(pilot)
        assert "★ Box breathing 4-4-4-4" in _menu_text(restarted)


def ran_last(tmp_path: Path, item_id: str, kind: str) -> None:
    """A log whose last practice run is `item_id`."""
    store = Store.open(tmp_path / "data")
    start = datetime(2026, 11, 2, 9, tzinfo=UTC)
    store.record_run(PracticeRun(item_id, kind, start, start + timedelta(minutes=1), True))
    store.close()


def _menu_text(app) -> str:  # type: ignore[no-untyped-def]
    menu = app.screen.query_one("#home-menu")
    return "\n".join(str(option.prompt) for option in menu.options)


async def test_home_offers_the_last_practice_again_from_the_log(tmp_path: Path) -> None:
    ran_last(tmp_path, "orienting", "grounding")
    app = make_app(tmp_path, practice_log=LazyStoreLog(tmp_path / "data"))
    async with app.run_test(size=(100, 32)) as pilot:
        await settle(pilot)
        text = _menu_text(app)
        assert "Again: Orienting to the room" in text
        assert text.index("Check in") < text.index("Again:")  # the check-in stays first


async def test_a_pace_found_by_tapping_is_kept_for_that_practice(tmp_path: Path) -> None:
    from trakon_tui.ui.screens.calibration import CalibrationScreen

    clock = FakeClock()
    item = LIBRARY.items["resonance-breathing"]
    assert isinstance(item, Breathing)
    app = make_app(tmp_path, clock=clock, start=lambda: CalibrationScreen(item))
    async with app.run_test(size=(100, 32)) as pilot:
        await settle(pilot)
        for moment in taps(11.0):
            clock.now = moment
            await pilot.press("space")
        await settle(pilot)
        assert "Your breath now: about 11.0 s" in screen_text(app)
        await pilot.press("enter")
        await settle(pilot)
    assert app.settings.choice(item.id).pace == personal.suggested_pace(item, 11.0)


@pytest.fixture(autouse=True)
def _english() -> None:
    set_language("en")


def test_plain_breathing_runs_at_the_chosen_length_and_pace() -> None:
    from tests.test_plain import Terminal
    from trakon_tui.plain import breathe

    box = LIBRARY.items["box-breathing"]
    assert isinstance(box, Breathing)
    terminal = Terminal()
    log = RecordingLog()
    breathe(box, terminal.io(), log, personal.Choice(2, 1.0))  # type: ignore[arg-type]
    said = [line for _at, line in terminal.lines]
    assert "Length: 2 min 11 s. Holds: yes." in said  # 3-2-1, then 8 breaths of 16 s
    assert terminal.clock.now == pytest.approx(3 + 8 * 16)


async def test_a_contact_can_be_removed_and_a_favourite_unmarked(tmp_path: Path) -> None:
    from trakon_tui.ui.screens.detail import DetailScreen

    app = make_app(
        tmp_path,
        settings=Settings(language="en", contacts=[SUPERVISOR, HEALTH]),
        start=lambda: DetailScreen("orienting"),
    )
    async with app.run_test(size=(100, 32)) as pilot:
        await settle(pilot)
        assert "f Favourite" in screen_text(app)
        await pilot.press("f")
        await settle(pilot)
        assert "f Unmark" in screen_text(app) and app.settings.favourites == ["orienting"]
        await pilot.press("f")
        await settle(pilot)
        assert app.settings.favourites == []
        await pilot.press("s")
        await settle(pilot)
        app.screen.query_one("#set-contacts").focus()
        await pilot.press("delete")
        await settle(pilot)
    kept = settings_store.load(tmp_path / "config" / "settings.toml").settings
    assert kept.contacts == [HEALTH]


async def test_no_again_on_home_when_history_is_hidden(tmp_path: Path) -> None:
    ran_last(tmp_path, "orienting", "grounding")
    app = make_app(
        tmp_path,
        settings=Settings(language="en", hide_history=True, favourites=["box-breathing"]),
        practice_log=LazyStoreLog(tmp_path / "data"),
    )
    async with app.run_test(size=(100, 32)) as pilot:
        await settle(pilot)
        text = _menu_text(app)
        assert "Again:" not in text and "★ Box breathing 4-4-4-4" in text


async def test_a_contact_is_shown_as_literal_text(tmp_path: Path) -> None:
    odd = Contact("[bold red]Liisa[/]", "040 123 4567", "[link=x]note[/link]")
    app = make_app(tmp_path, settings=Settings(language="en", contacts=[odd]))
    async with app.run_test(size=(100, 32)) as pilot:
        await settle(pilot)
        await pilot.press("f2")
        await settle(pilot)
        text = screen_text(app)
        assert "[bold red]Liisa[/]" in text and "[link=x]note[/link]" in text


def in_view(screen, selector: str) -> bool:  # type: ignore[no-untyped-def]
    """Whether the widget is wholly inside the settings page's visible part."""
    page = screen.query_one("#settings")
    widget = screen.query_one(selector)
    return bool(widget.region) and page.content_region.contains_region(widget.region)


@pytest.mark.parametrize("contacts", [[], [SUPERVISOR], [SUPERVISOR] * 7])
async def test_adding_a_contact_keeps_it_and_the_field_in_view_on_a_small_screen(
    tmp_path: Path, contacts: list[Contact]
) -> None:
    """At 60x20 the page scrolls: after Enter the user sees the contact just added (chosen,
    last in the list) and the name field, focused for the next one."""
    app = make_app(tmp_path, settings=Settings(language="en", contacts=list(contacts)))
    async with app.run_test(size=(60, 20)) as pilot:
        await settle(pilot)
        await pilot.press("s")
        await settle(pilot)
        screen = app.screen
        screen.query_one("#contact-name").focus()
        await pilot.pause()
        await pilot.press(*"Työterveys", "tab", *"09 555 0100")
        await pilot.pause()
        # The fields on the last lines of the page, as after scrolling down to them: the
        # list growing above pushes them down.
        page = screen.query_one("#settings")
        row = screen.query_one("#set-contact")
        below = row.region.bottom - page.content_region.bottom
        page.scroll_to(y=page.scroll_y + below, animate=False)
        await pilot.pause()
        assert row.region.bottom == page.content_region.bottom
        await pilot.press("enter")
        await settle(pilot)
        shown = screen.query_one("#set-contacts")
        assert shown.option_count == len(contacts) + 1
        assert shown.highlighted == len(contacts)  # the one just added
        assert app.focused is screen.query_one("#contact-name")
        assert in_view(screen, "#contact-name"), "the field scrolled out of sight"
        # the added contact's line, inside the list (which scrolls by itself past 6 lines)
        line = shown.region.y + 1 + len(contacts) - round(shown.scroll_y)
        view = page.content_region
        assert view.y <= line < view.bottom and shown.region.y < line < shown.region.bottom - 1
