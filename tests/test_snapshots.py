"""SVG snapshots of the key screens: the UI spec, in both languages, small and normal.

Update after an intended change with: pytest tests/test_snapshots.py --snapshot-update
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import keys_then_settle, make_app
from trakon_tui.i18n import Lang

SIZES = {"normal": (100, 32), "small": (60, 20)}
SCREENS = {
    "home": (),
    "library": ("p",),
    "card": ("p", *["down"] * 7, "enter"),  # box breathing: holds, caution, source
    "card-grounding": ("p", "3", "down", "down", "down", "down", "enter"),
}


@pytest.mark.parametrize("lang", ["en", "fi"])
@pytest.mark.parametrize("size", list(SIZES))
@pytest.mark.parametrize("screen", list(SCREENS))
def test_screen(snap_compare, tmp_path: Path, screen: str, size: str, lang: Lang) -> None:  # type: ignore[no-untyped-def]
    app = make_app(tmp_path, lang=lang)
    assert snap_compare(
        app, terminal_size=SIZES[size], run_before=keys_then_settle(*SCREENS[screen])
    )
