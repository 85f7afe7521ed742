"""SVG snapshots of facilitator mode: the agreements page, a breathing frame and the
reflection page, at a 240x70 projector, 100x32 and 80x24, in both languages.

Update after an intended change with: pytest tests/test_snapshots_present.py --snapshot-update
"""

from __future__ import annotations

import pytest
from textual.pilot import Pilot

from tests.conftest import FakeClock, advance, settle
from tests.test_present import presenter
from trakon_tui.i18n import Lang, set_language
from trakon_tui.ui.screens.breathing import BreathingScreen

SIZES = {"projector": (240, 70), "normal": (100, 32), "small": (80, 24)}
STEPS = {
    "agreements": 0,
    "breathing": 2,
    "reflection": 4,
}  # 4: the model's heart, own work situations


def screen_app(screen: str, lang: Lang):  # type: ignore[no-untyped-def]
    """The presenter app and the walk to `screen` (also for the cut-word check)."""
    set_language(lang)
    clock = FakeClock()
    app = presenter(clock=clock)

    async def walk(pilot: Pilot[None]) -> None:
        await settle(pilot)
        for _ in range(STEPS[screen]):
            await pilot.press("right")
        if screen == "breathing":
            await pilot.press("space")
            # the lead-in, then into the first in-breath
            assert isinstance(await advance(pilot, clock, 4.0 + 2.0), BreathingScreen)
        await settle(pilot)

    return app, walk


@pytest.mark.parametrize("lang", ["en", "fi"])
@pytest.mark.parametrize("size", list(SIZES))
@pytest.mark.parametrize("screen", list(STEPS))
def test_screen(snap_compare, screen: str, size: str, lang: Lang) -> None:  # type: ignore[no-untyped-def]
    app, walk = screen_app(screen, lang)
    assert snap_compare(app, terminal_size=SIZES[size], run_before=walk)
