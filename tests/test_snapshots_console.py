"""SVG snapshots of the presenter console: the work community's six questions with their
notes, the discussion timer running, a tally and raised fingers for the two questions on the
1–5 scale, at 80x24 and 100x32, in both languages.

Update after an intended change with: pytest tests/test_snapshots_console.py --snapshot-update
"""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest

from tests.conftest import FakeClock, advance
from tests.test_console import console_app
from tests.test_present import NOON
from trakon_tui.core import console_link as link
from trakon_tui.core.library import load_library
from trakon_tui.core.model import Session
from trakon_tui.core.programme import Programme
from trakon_tui.core.session_run import SessionRun
from trakon_tui.i18n import Lang, set_language

SIZES = {"small": (80, 24), "normal": (100, 32)}


@pytest.mark.parametrize("lang", ["en", "fi"])
@pytest.mark.parametrize("size", list(SIZES))
def test_screen(snap_compare, tmp_path: Path, size: str, lang: Lang) -> None:  # type: ignore[no-untyped-def]
    set_language(lang)
    library = load_library([])
    session = library.items["work-community"]
    assert isinstance(session, Session)
    programme = Programme.of(session, library.items)
    run = SessionRun(programme, NOON)
    # the six questions (act skilfully, avoid wisely), reached at 12:15, two minutes late
    run.jump(2, NOON + timedelta(minutes=15))
    for zone, hands in (("above", 2), ("within", 5), ("below", 1)):
        for _hand in range(hands):
            run.tally.add(zone)
    for raised in (3, 4, 4, 2):  # hands counted for both questions on the 1–5 scale
        run.fingers.add(raised)
    run.fingers.select(1)
    run.fingers.add(5)
    state = link.room_state(
        run,
        NOON + timedelta(minutes=25),  # ten minutes into it
        keys=(
            link.RoomKey("right", "Next"),
            link.RoomKey("left", "Back"),
            link.RoomKey("b", "Hide"),
            link.RoomKey("f12", "Hide"),
        ),
    )
    clock = FakeClock()
    app, _screen = console_app(tmp_path / "run", clock, state=state)

    async def start_timer(pilot) -> None:  # type: ignore[no-untyped-def]
        await pilot.press("d")
        await advance(pilot, clock, 125)

    assert snap_compare(app, terminal_size=SIZES[size], run_before=start_timer)
