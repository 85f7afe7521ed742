"""SVG snapshots of grounding, writing and information pages: both languages, normal and
small, on a fake clock.

Update after an intended change with: pytest tests/test_snapshots_practices.py --snapshot-update
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import FakeClock, keys_then_settle, make_app
from trakon_tui.i18n import Lang
from trakon_tui.ui.screens.detail import DetailScreen

SIZES = {"normal": (100, 32), "small": (60, 20)}
SCREENS: dict[str, tuple[str, tuple[str, ...]]] = {
    # a counted step with two noticed, then the next one with its alternative
    "grounding-count": ("senses-5-4-3-2-1", ("enter", "space", "space")),
    "grounding-alternative": ("senses-5-4-3-2-1", ("enter", "right")),
    # a timed, body-focused step: the progress line, the eyes-open way and skip offered
    "grounding-body": ("orienting", ("enter", "right", "right", "right")),
    # the prompts, the reminder, the quiet timer and a line written
    "writing": ("pillars-of-safety", ("enter", *"Team")),
    "writing-keep": ("pillars-of-safety", ("enter", *"Team", "escape")),
    # the window of tolerance drawn, with the page's Markdown and its source
    "info-window": ("window-of-tolerance", ("enter",)),
}


def screen_app(tmp_path: Path, screen: str, lang: Lang):  # type: ignore[no-untyped-def]
    """The app on the practice's card and the walk to `screen` (also for the cut-word check)."""
    item_id, keys = SCREENS[screen]
    app = make_app(tmp_path, lang, clock=FakeClock(), start=lambda: DetailScreen(item_id))
    return app, keys_then_settle(*keys)


@pytest.mark.parametrize("lang", ["en", "fi"])
@pytest.mark.parametrize("size", list(SIZES))
@pytest.mark.parametrize("screen", list(SCREENS))
def test_screen(snap_compare, tmp_path: Path, screen: str, size: str, lang: Lang) -> None:  # type: ignore[no-untyped-def]
    app, run_before = screen_app(tmp_path, screen, lang)
    assert snap_compare(app, terminal_size=SIZES[size], run_before=run_before)
