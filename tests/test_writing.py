"""Writing: prompts, quiet timer, keep or discard asked every time; a kept writing is in the
log, history, export and gone after forget; a discarded one leaves no trace on disk."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from textual.widgets import Static, TextArea

from tests.conftest import FakeClock, advance, make_app
from trakon_tui.cli import main
from trakon_tui.core.practice_log import LazyStoreLog
from trakon_tui.core.store import Store
from trakon_tui.ui.screens.detail import DetailScreen
from trakon_tui.ui.screens.practice_end import PracticeDoneScreen
from trakon_tui.ui.screens.writing import KeepOrDiscard, WritingScreen

SECRET = "Tiimi kantaa ja iltakävely"


def writing_app(tmp_path: Path, clock: FakeClock | None = None):  # type: ignore[no-untyped-def]
    data = tmp_path / "data"  # the folder TRAKON_DATA_DIR points at in every test
    app = make_app(
        tmp_path,
        clock=clock or FakeClock(),
        practice_log=LazyStoreLog(data),
        start=lambda: DetailScreen("pillars-of-safety"),
    )
    return app, data


async def write(pilot, text: str) -> WritingScreen:  # type: ignore[no-untyped-def]
    await pilot.press("enter")
    screen = pilot.app.screen
    assert isinstance(screen, WritingScreen)
    screen.query_one(TextArea).insert(text)
    await pilot.pause()
    return screen


async def test_a_kept_writing_is_in_the_log_export_and_gone_after_forget(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    app, data = writing_app(tmp_path)
    async with app.run_test(size=(100, 32)) as pilot:
        await write(pilot, SECRET)
        await pilot.press("escape")
        assert isinstance(app.screen, KeepOrDiscard)
        await pilot.press("k")
        assert isinstance(app.screen, PracticeDoneScreen)
    store = Store.open(data)
    (kept,) = store.writings()
    assert (kept.item_id, kept.text) == ("pillars-of-safety", SECRET)
    store.close()
    assert main(["export"]) == 0
    exported = json.loads(capsys.readouterr().out)
    assert [w["text"] for w in exported["writings"]] == [SECRET]
    assert main(["forget", "--all", "--yes"]) == 0
    assert Store.open(data).writings() == []
    assert SECRET.encode() not in b"".join(p.read_bytes() for p in data.iterdir())


async def test_a_discarded_writing_leaves_no_trace_on_disk(tmp_path: Path) -> None:
    app, _data = writing_app(tmp_path)
    async with app.run_test(size=(100, 32)) as pilot:
        await write(pilot, SECRET)
        await pilot.press("escape", "d")
        assert isinstance(app.screen, PracticeDoneScreen)
    files = [p for p in tmp_path.rglob("*") if p.is_file()]
    assert files  # the run itself was logged
    for path in files:
        assert SECRET.encode() not in path.read_bytes(), path
        assert SECRET.encode("utf-16-le") not in path.read_bytes(), path


async def test_esc_at_the_question_goes_back_to_the_text(tmp_path: Path) -> None:
    app, data = writing_app(tmp_path)
    async with app.run_test(size=(100, 32)) as pilot:
        screen = await write(pilot, SECRET)
        await pilot.press("escape", "escape")
        assert app.screen is screen and screen.query_one(TextArea).text == SECRET
        await pilot.press("escape", "k")
    assert [w.text for w in Store.open(data).writings()] == [SECRET]


async def test_an_empty_writing_ends_without_a_question(tmp_path: Path) -> None:
    app, data = writing_app(tmp_path)
    async with app.run_test(size=(100, 32)) as pilot:
        await pilot.press("enter", "escape")
        assert isinstance(app.screen, DetailScreen)  # stopped: back to the card
    assert Store.open(data).writings() == []


async def test_the_quiet_timer_counts_down_and_never_ends_the_writing(tmp_path: Path) -> None:
    clock = FakeClock()
    app, _data = writing_app(tmp_path, clock)
    async with app.run_test(size=(100, 32)) as pilot:
        screen = await write(pilot, "x")
        timer = screen.query_one("#writing-timer", Static)
        assert "4:00 left" in str(timer.content)
        await advance(pilot, clock, 61)
        assert "2:59 left" in str(timer.content)
        await advance(pilot, clock, 500)
        assert "quiet time is over" in str(timer.content)
        assert clock.timers.of(screen) == []  # and its timer stopped
        assert app.screen is screen


@pytest.mark.parametrize("choice", ["k", "d"])
async def test_a_finished_writing_leaves_nothing_in_the_editor(tmp_path: Path, choice: str) -> None:
    """Kept or discarded, the text does not stay behind in the finished screen's editor, and
    the practice opened again (Again, or from its card) starts empty."""
    app, _data = writing_app(tmp_path)
    async with app.run_test(size=(100, 32)) as pilot:
        screen = await write(pilot, SECRET)
        editor = screen.query_one(TextArea)
        await pilot.press("escape", choice)
        assert isinstance(app.screen, PracticeDoneScreen)
        assert editor.text == ""
        await pilot.press("r")  # again
        again = app.screen
        assert isinstance(again, WritingScreen) and again is not screen
        assert again.query_one(TextArea).text == ""
        again.query_one(TextArea).insert("x")
        await pilot.press("escape", "d", "escape")
        assert isinstance(app.screen, DetailScreen)
        await pilot.press("enter")  # from its card
        assert isinstance(app.screen, WritingScreen)
        assert app.screen.query_one(TextArea).text == ""
