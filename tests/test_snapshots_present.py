"""SVG snapshots of facilitator mode, as the room sees it: the agreements page, the reflection
page with raised-finger counts on its 1–5 questions, the body-awareness page with its drawn
figure, a breathing frame with its picture, and an information step inside a session, at 80x24
and at a 240x70 projector, in both languages.

Update after an intended change with: pytest tests/test_snapshots_present.py --snapshot-update
"""

from __future__ import annotations

import pytest
from textual.pilot import Pilot

from tests.conftest import FakeClock, advance, settle
from tests.test_present import presenter
from tests.test_present_room import kit
from trakon_tui.i18n import Lang, set_language
from trakon_tui.ui.screens.breathing import BreathingScreen

SIZES = {"projector": (240, 70), "small": (80, 24)}
# What each snapshot presses after the session opens (peer-group; work-community for the
# reflection page; the room-kit fixture for the information step).
KEYS = {
    "agreements": (),
    # the work community's six questions, the first two counted on the 1–5 scale
    "reflection": ("right",) * 2 + ("3", "3", "4", "tab", "5"),
    "breathing": ("right", "right", "space"),
    "body": ("right",) * 3,  # where do we notice it in the body: the figure, nothing marked
    "info": ("right",),  # the window of tolerance, its second page
}


def screen_app(screen: str, lang: Lang):  # type: ignore[no-untyped-def]
    """The presenter app and the walk to `screen` (also for the cut-word check)."""
    set_language(lang)
    clock = FakeClock()
    if screen == "info":
        app = kit(clock=clock)
    else:
        app = presenter("work-community" if screen == "reflection" else "peer-group", clock=clock)

    async def walk(pilot: Pilot[None]) -> None:
        await settle(pilot)
        await pilot.press(*KEYS[screen])
        if screen == "breathing":
            # the lead-in, then into the first in-breath
            assert isinstance(await advance(pilot, clock, 4.0 + 2.0), BreathingScreen)
        await settle(pilot)

    return app, walk


@pytest.mark.parametrize("lang", ["en", "fi"])
@pytest.mark.parametrize("size", list(SIZES))
@pytest.mark.parametrize("screen", list(KEYS))
def test_screen(snap_compare, screen: str, size: str, lang: Lang) -> None:  # type: ignore[no-untyped-def]
    app, walk = screen_app(screen, lang)
    assert snap_compare(app, terminal_size=SIZES[size], run_before=walk)
