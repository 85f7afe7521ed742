"""SVG snapshots of the check-in, the suggestions, the details and history: both languages,
normal and small, with a fixed clock and a seeded log.

Update after an intended change with: pytest tests/test_snapshots_checkin.py --snapshot-update
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import keys_then_settle
from tests.test_checkin_flow import checkin_app, seed
from trakon_tui.i18n import Lang

SIZES = {"normal": (100, 32), "small": (60, 20)}
SCREENS = {
    "checkin": ("8",),  # the marker above the window, its signs shown
    "suggestions": ("2", "enter"),  # below: orienting first, what helped before said so
    "details": ("8", "enter", "d", "2", "tab", "6"),  # a phone call just before, 6
    "history": ("s", "h"),
}


def screen_app(tmp_path: Path, screen: str, lang: Lang):  # type: ignore[no-untyped-def]
    """The app on a seeded log and the walk to `screen` (also for the cut-word check)."""
    app, data = checkin_app(tmp_path, lang)
    seed(data)
    return app, keys_then_settle(*SCREENS[screen])


@pytest.mark.parametrize("lang", ["en", "fi"])
@pytest.mark.parametrize("size", list(SIZES))
@pytest.mark.parametrize("screen", list(SCREENS))
def test_screen(snap_compare, tmp_path: Path, screen: str, size: str, lang: Lang) -> None:  # type: ignore[no-untyped-def]
    app, run_before = screen_app(tmp_path, screen, lang)
    assert snap_compare(app, terminal_size=SIZES[size], run_before=run_before)


@pytest.mark.parametrize("lang", ["en", "fi"])
@pytest.mark.parametrize(
    ("size", "keys"),
    [
        pytest.param((40, 12), ("2",), id="40x12-level-2"),  # the scale follows the marker
        pytest.param((40, 12), ("u",), id="40x12-unsure"),
        pytest.param((30, 8), (), id="30x8"),  # too small: a calm word, F2 in the footer
    ],
)
def test_checkin_in_a_tiny_terminal(  # type: ignore[no-untyped-def]
    snap_compare, tmp_path: Path, size: tuple[int, int], keys: tuple[str, ...], lang: Lang
) -> None:
    app, _data = checkin_app(tmp_path, lang)
    assert snap_compare(app, terminal_size=size, run_before=keys_then_settle(*keys))
