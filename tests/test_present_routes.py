"""The room's screen routes the between-clients session by the check-in's count (#14 point
3): the check-in slide says where the session goes next, as hands are counted; → follows
that route; `g` lists it. SVG snapshots of the check-in slide with its "next" line, in fi and
en, at 80x24 and 100x32.

Update after an intended change with: pytest tests/test_present_routes.py --snapshot-update
"""

from __future__ import annotations

import pytest
from textual.pilot import Pilot

from tests.conftest import FakeClock, settle
from tests.test_present import presenter, shown
from trakon_tui.i18n import Lang, set_language
from trakon_tui.ui.literal import OptionList
from trakon_tui.ui.screens.present import PresentScreen, StepList


def current(app) -> str:  # type: ignore[no-untyped-def]
    screen = app.screen
    assert isinstance(screen, PresentScreen)
    step = screen.programme.step
    return step.item.id if step.item is not None else "page"


async def test_two_hands_below_lead_to_moving_not_to_the_long_exhale() -> None:
    app = presenter("between-clients", clock=FakeClock())
    async with app.run_test(size=(100, 32)) as pilot:
        await settle(pilot)
        assert "Next: Feet on the floor" in shown(app, "#present-next")
        await pilot.press("3")
        assert "Below 1" in shown(app, "#present-tally")
        assert "Next: Stand up and move" in shown(app, "#present-next")
        await pilot.press("3", "right")
        assert current(app) == "stand-up-and-move"
        await pilot.press("right")
        assert current(app) == "orienting"
        await pilot.press("right")
        assert current(app) == "page"  # the closing page: no long exhale on the way


async def test_hands_above_lead_to_the_feet_then_the_long_exhale() -> None:
    app = presenter("between-clients", clock=FakeClock())
    async with app.run_test(size=(100, 32)) as pilot:
        await settle(pilot)
        await pilot.press("1", "2")
        assert "Next: Feet on the floor" in shown(app, "#present-next")
        await pilot.press("right")
        assert current(app) == "feet-on-the-floor"
        await pilot.press("right")
        assert current(app) == "extended-exhale-4-6"


async def test_nothing_counted_goes_the_way_that_suits_everyone() -> None:
    app = presenter("between-clients", clock=FakeClock())
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("1", "3")  # a split room
        assert "Next: Feet on the floor" in shown(app, "#present-next")
        await pilot.press("0", "right")  # cleared: nothing counted
        assert current(app) == "feet-on-the-floor"
        await pilot.press("right")
        assert current(app) == "orienting"


async def test_back_to_the_check_in_counting_again_re_routes_and_g_lists_the_route() -> None:
    app = presenter("between-clients", clock=FakeClock())
    async with app.run_test(size=(100, 32)) as pilot:
        await settle(pilot)
        await pilot.press("2", "right")
        assert current(app) == "orienting"  # within: one short practice
        await pilot.press("left")
        assert "Next: Feet on the floor" in shown(app, "#present-next")  # the count starts over
        await pilot.press("3", "g")
        assert isinstance(app.screen, StepList)
        menu = app.screen.query_one("#step-menu", OptionList)
        titles = [str(menu.get_option_at_index(n).prompt) for n in range(menu.option_count)]
        assert "Stand up and move" in titles[1] and "Orienting" in titles[2]
        assert not any("exhale" in title for title in titles)
        await pilot.press("escape", "right")
        assert current(app) == "stand-up-and-move"


async def test_resuming_after_the_end_keeps_the_route() -> None:
    from trakon_tui.ui.screens.present import PresentPicker

    app = presenter("between-clients", clock=FakeClock())
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("3", "right", "right")
        assert current(app) == "orienting"
        await pilot.press("escape", "escape")  # a second Esc ends
        await pilot.pause()
        assert isinstance(app.screen, PresentPicker)
        menu = app.screen.query_one("#present-menu", OptionList)
        assert menu.get_option_at_index(0).id == "resume"
        await pilot.press("enter")
        await pilot.pause()
        assert current(app) == "orienting"
        screen = app.screen
        assert isinstance(screen, PresentScreen) and screen.programme.route == "below"
        await pilot.press("left")
        assert current(app) == "stand-up-and-move"  # the way it came, not the long exhale


async def test_the_next_line_speaks_finnish() -> None:
    set_language("fi")
    app = presenter("between-clients", clock=FakeClock())
    async with app.run_test(size=(100, 32)) as pilot:
        await settle(pilot)
        assert "Seuraavaksi: Jalat lattiassa" in shown(app, "#present-next")
        await pilot.press("3")
        assert "Seuraavaksi: Nouse ja liiku" in shown(app, "#present-next")


async def test_a_session_that_does_not_divide_shows_no_next_line() -> None:
    app = presenter(clock=FakeClock())  # the peer group: its opening round has no routes
    async with app.run_test(size=(100, 32)) as pilot:
        await settle(pilot)
        await pilot.press("right")
        assert app.screen.query("#present-tally") and not app.screen.query("#present-next")


SIZES = {"small": (80, 24), "normal": (100, 32)}


@pytest.mark.parametrize("lang", ["en", "fi"])
@pytest.mark.parametrize("size", list(SIZES))
def test_check_in_slide(snap_compare, size: str, lang: Lang) -> None:  # type: ignore[no-untyped-def]
    """The check-in slide after two hands below: the count, and the next step it chooses."""
    set_language(lang)
    app = presenter("between-clients", clock=FakeClock())

    async def walk(pilot: Pilot[None]) -> None:
        await settle(pilot)
        await pilot.press("3", "3", "2")
        await settle(pilot)

    assert snap_compare(app, terminal_size=SIZES[size], run_before=walk)


async def test_the_console_lists_the_routes_with_the_counted_one_marked(tmp_path) -> None:  # type: ignore[no-untyped-def]
    from tests.test_console import a_state, console_app
    from trakon_tui.core import console_link as link

    ways = (
        link.RouteWay("above", ({"en": "Feet on the floor"}, {"en": "Extended exhale 4-6"})),
        link.RouteWay("below", ({"en": "Stand up and move"}, {"en": "Orienting to the room"})),
        link.RouteWay("mixed", ()),
    )
    state = a_state(ways=ways, route="below")
    app, screen = console_app(tmp_path / "run", FakeClock(), state=state)
    async with app.run_test(size=(100, 32)) as pilot:
        await pilot.pause()
        from trakon_tui.ui.literal import Static

        shown = str(screen.query_one("#console-ways", Static).content).splitlines()
        assert shown == [
            "Routes after the check-in",
            "  above the window: Feet on the floor → Extended exhale 4-6",
            "▶ below the window: Stand up and move → Orienting to the room",
            "  mixed or not counted: –",
        ]
        assert screen.query_one("#console-ways").display


async def test_the_picker_says_the_range_a_dividing_session_takes() -> None:
    from trakon_tui.ui.screens.present import PresentPicker

    app = presenter(None)
    async with app.run_test(size=(100, 32)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, PresentPicker)
        menu = app.screen.query_one("#present-menu", OptionList)
        prompts = {
            option.id: str(option.prompt)
            for option in (menu.get_option_at_index(n) for n in range(menu.option_count))
        }
        assert "about 3–4 min" in prompts["between-clients"]
        assert "–" not in prompts["peer-group"]  # a session that does not divide: one length
