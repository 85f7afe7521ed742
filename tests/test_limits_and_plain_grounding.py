"""Small promises from #12: a writing longer than the log keeps is refused in words (and
stays on the screen to shorten), and plain grounding waits for Enter like plain breathing."""

from __future__ import annotations

import io
from datetime import UTC, datetime
from pathlib import Path

import pytest
from textual.widgets import TextArea

from tests.conftest import FakeClock, RecordingLog, make_app
from trakon_tui.core.library import Library
from trakon_tui.core.model import Grounding
from trakon_tui.core.practice_log import LazyStoreLog
from trakon_tui.core.store import WRITING_LIMIT, LogError, Store
from trakon_tui.plain import PlainIO, ground
from trakon_tui.ui.screens.detail import DetailScreen
from trakon_tui.ui.screens.writing import WritingScreen

WHEN = datetime(2026, 11, 23, 12, 0, tzinfo=UTC)


def test_the_log_keeps_a_writing_up_to_its_limit_and_says_why_not_beyond(tmp_path: Path) -> None:
    store = Store.open(tmp_path)
    store.add_writing(WHEN, "pillars-of-safety", "x" * WRITING_LIMIT)
    with pytest.raises(LogError) as refused:
        store.add_writing(WHEN, "pillars-of-safety", "x" * (WRITING_LIMIT + 1))
    assert refused.value.message() == (
        "A kept writing is at most 20000 characters; this one has 20001. Nothing was saved: "
        "you can shorten it and keep it then."
    )
    assert [len(w.text) for w in store.writings()] == [WRITING_LIMIT]


async def test_a_too_long_writing_stays_on_the_screen_to_shorten(tmp_path: Path) -> None:
    data = tmp_path / "data"
    app = make_app(
        tmp_path,
        clock=FakeClock(),
        practice_log=LazyStoreLog(data),
        start=lambda: DetailScreen("pillars-of-safety"),
    )
    async with app.run_test(size=(100, 32), notifications=True) as pilot:
        await pilot.press("enter")
        assert isinstance(app.screen, WritingScreen)
        app.screen.query_one(TextArea).text = "y" * (WRITING_LIMIT + 5)
        await pilot.press("escape", "k")
        await pilot.pause()
        assert isinstance(app.screen, WritingScreen)
        assert len(app.screen.query_one(TextArea).text) == WRITING_LIMIT + 5  # nothing lost
        assert any("at most 20000 characters" in n.message for n in app._notifications)
    assert Store.open(data).writings() == []


def plain_io(answers: list[str], out: io.StringIO) -> PlainIO:
    asked = iter(answers)

    def ask(prompt: str) -> str:
        out.write(prompt + "\n")
        return next(asked)

    return PlainIO(out=out, ask=ask, clock=lambda: 0.0, sleep=lambda _s: None)


def test_plain_grounding_says_what_it_is_and_waits_for_enter(shipped_library: Library) -> None:
    item = shipped_library.items["senses-3-2-1"]
    assert isinstance(item, Grounding)
    out = io.StringIO()
    log = RecordingLog()
    ground(item, plain_io([""] * (len(item.steps) + 1), out), log)
    lines = out.getvalue().splitlines()
    start = lines.index("Press Enter to start. ")
    assert any(line.startswith("Length: ") and "Steps: " in line for line in lines[:start])
    assert lines[start + 2].startswith("Step 1/")  # nothing before Enter
    assert log.runs[0].completed  # type: ignore[attr-defined]


@pytest.mark.parametrize("answer", ["q", KeyboardInterrupt])
def test_plain_grounding_can_be_left_before_it_starts(
    shipped_library: Library, answer: object
) -> None:
    item = shipped_library.items["senses-3-2-1"]
    assert isinstance(item, Grounding)
    out = io.StringIO()
    log = RecordingLog()

    def ask(_prompt: str) -> str:
        if answer is KeyboardInterrupt:
            raise KeyboardInterrupt
        assert isinstance(answer, str)
        return answer

    assert ground(item, PlainIO(out=out, ask=ask), log) == 0
    assert out.getvalue().splitlines()[-1] == "Stopped. That is fine."
    assert "Step 1/" not in out.getvalue() and log.runs == []  # nothing started
