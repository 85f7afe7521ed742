"""SVG snapshots of the breathing screen on a fixed clock: in-breath, hold and out-breath,
in both languages, from a small terminal to a projector, and in reduced motion.

Update after an intended change with:
    pytest tests/test_snapshots_breathing.py --snapshot-update
"""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.pilot import Pilot

from tests.conftest import SHIPPED, FakeClock, advance, make_app, settle
from trakon_tui.core.library import Tier, build
from trakon_tui.core.model import Breathing
from trakon_tui.core.settings import Settings
from trakon_tui.i18n import Lang
from trakon_tui.ui.screens.breathing import BreathingScreen

SIZES = {"small": (60, 20), "normal": (100, 32), "projector": (200, 60)}
# Box breathing: 3 s lead-in, then in 3–7, hold 7–11, out 11–15 (seconds after start).
MOMENTS = {"inhale": 5.0, "hold": 9.0, "exhale": 13.5}


def snapshot_app(tmp_path: Path, lang: Lang, seconds: float, reduced: bool = False):  # type: ignore[no-untyped-def]
    library = build([(Tier.SHIPPED, SHIPPED)])
    item = library.items["box-breathing"]
    assert isinstance(item, Breathing)
    clock = FakeClock(1000.0)
    app = make_app(
        tmp_path,
        lang=lang,
        library=library,
        clock=clock,
        settings=Settings(language=lang, reduced_motion=reduced),
        start=lambda: BreathingScreen(item),
    )

    async def run_before(pilot: Pilot[None]) -> None:
        assert isinstance(await advance(pilot, clock, seconds), BreathingScreen)
        await settle(pilot)

    return app, run_before


@pytest.mark.parametrize("lang", ["en", "fi"])
@pytest.mark.parametrize("size", list(SIZES))
@pytest.mark.parametrize("moment", list(MOMENTS))
def test_breathing(snap_compare, tmp_path: Path, moment: str, size: str, lang: Lang) -> None:  # type: ignore[no-untyped-def]
    app, run_before = snapshot_app(tmp_path, lang, MOMENTS[moment])
    assert snap_compare(app, terminal_size=SIZES[size], run_before=run_before)


@pytest.mark.parametrize("lang", ["en", "fi"])
@pytest.mark.parametrize("size", ["small", "normal"])
def test_breathing_reduced_motion(snap_compare, tmp_path: Path, size: str, lang: Lang) -> None:  # type: ignore[no-untyped-def]
    app, run_before = snapshot_app(tmp_path, lang, MOMENTS["exhale"], reduced=True)
    assert snap_compare(app, terminal_size=SIZES[size], run_before=run_before)
