"""SVG snapshots of the key screens: the UI spec, in both languages, small and normal.

Update after an intended change with: pytest tests/test_snapshots.py --snapshot-update
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from textual.pilot import Pilot

from tests.conftest import keys_then_settle, make_app, settle
from trakon_tui.i18n import Lang
from trakon_tui.ui.literal import OptionList
from trakon_tui.ui.screens.detail import DetailScreen

if TYPE_CHECKING:
    from trakon_tui.ui.app import TrakonApp

RunBefore = Callable[[Pilot[None]], Awaitable[None]]
SIZES = {"normal": (100, 32), "small": (60, 20)}


def card(item_id: str) -> RunBefore:
    """The library, then the card of `item_id` as a user opens it: its entry highlighted (by
    id, so that a new file in the library does not move the picture) and Enter."""

    async def run_before(pilot: Pilot[None]) -> None:
        await settle(pilot)
        await pilot.press("p")
        listing = pilot.app.screen.query_one("#library-list", OptionList)
        listing.highlighted = listing.get_option_index(item_id)
        await pilot.press("enter")
        await settle(pilot)
        screen = pilot.app.screen
        assert isinstance(screen, DetailScreen) and screen.item_id == item_id

    return run_before


SCREENS = {
    "home": keys_then_settle(),
    "library": keys_then_settle("p"),
    "card": card("box-breathing"),  # holds, caution, source
    "card-grounding": card("orienting"),  # body-focused steps, eyes open
}


def screen_app(tmp_path: Path, screen: str, lang: Lang) -> tuple[TrakonApp, RunBefore]:
    """The app and the walk to `screen` (also for the cut-word check)."""
    return make_app(tmp_path, lang=lang), SCREENS[screen]


@pytest.mark.parametrize("lang", ["en", "fi"])
@pytest.mark.parametrize("size", list(SIZES))
@pytest.mark.parametrize("screen", list(SCREENS))
def test_screen(snap_compare, tmp_path: Path, screen: str, size: str, lang: Lang) -> None:  # type: ignore[no-untyped-def]
    app, run_before = screen_app(tmp_path, screen, lang)
    assert snap_compare(app, terminal_size=SIZES[size], run_before=run_before)
