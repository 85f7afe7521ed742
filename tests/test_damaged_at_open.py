"""A log damaged before it opens (cut short, or not a database at all) meets a reading
command: export, history --plain, summary and the history screen say plainly that the log is
damaged, where it is, that nothing was deleted and what happens next; export writes nothing
and exits 1, and nothing reads as an empty log. The file is left as it is; the next check-in
keeps it aside and is saved in a new log. A zero-length file is a log with nothing in it yet
(Trakon makes the file before SQLite writes to it), not damage."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from textual.widgets import Static

from tests.conftest import make_app
from tests.test_hostile_log import fill
from trakon_tui.cli import main
from trakon_tui.core.practice_log import LazyStoreLog
from trakon_tui.core.store import DB_NAME, LogError, Store

EMPTY = "Nothing here yet"


def truncated(path: Path) -> None:
    """Cut short inside the first page: the header is there, the schema is not."""
    path.write_bytes(path.read_bytes()[:1000])


def garbage(path: Path) -> None:
    path.write_bytes(b"\x00garbage, not SQLite\xff" * 200)


DAMAGE = [truncated, garbage]


def damaged_log(data: Path, damage: Callable[[Path], None]) -> bytes:
    path = fill(data, count=20)
    damage(path)
    return path.read_bytes()


@pytest.fixture(params=DAMAGE, ids=lambda d: d.__name__)
def damaged(request: pytest.FixtureRequest, tmp_path: Path) -> tuple[Path, bytes]:
    """The data folder with a log damaged before it opens, and the damaged file's bytes."""
    data = tmp_path / "data"
    return data, damaged_log(data, request.param)


def left_as_it_is(data: Path, before: bytes) -> None:
    assert (data / DB_NAME).read_bytes() == before
    assert not list(data.glob(f"{DB_NAME}.unreadable-*"))


def says_damaged(err: str, data: Path) -> None:
    """One line: damaged, the file's place, nothing deleted, and what happens next."""
    assert err.count("\n") == 1, repr(err)
    assert "is damaged and could not be read" in err
    assert str(data / DB_NAME) in err
    assert "nothing was deleted" in err
    assert "next check-in you save keeps it aside" in err
    assert "Traceback" not in err


def test_the_store_opened_for_reading_says_so_and_touches_nothing(
    damaged: tuple[Path, bytes],
) -> None:
    data, before = damaged
    with pytest.raises(LogError) as raised:
        Store.open(data, reading=True)
    says_damaged(raised.value.message() + "\n", data)
    left_as_it_is(data, before)


@pytest.mark.parametrize("fmt", ["json", "csv"])
def test_export_writes_no_empty_export_and_exits_1(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], damaged: tuple[Path, bytes], fmt: str
) -> None:
    data, before = damaged
    target = tmp_path / f"backup.{fmt}"
    assert main(["export", "--format", fmt, "-o", str(target)]) == 1
    out, err = capsys.readouterr()
    says_damaged(err, data)
    assert out == "" and "Exported" not in err
    assert not target.exists() and not list(tmp_path.glob(".backup.*"))
    assert main(["export", "--format", fmt]) == 1  # to standard output: nothing either
    out, err = capsys.readouterr()
    assert out == ""
    says_damaged(err, data)
    left_as_it_is(data, before)


def test_history_plain_says_damaged_not_nothing_here_yet(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], damaged: tuple[Path, bytes]
) -> None:
    data, before = damaged
    assert main(["--plain", "history"]) == 1
    assert main(["--plain", "history", "--weeks"]) == 1
    out, err = capsys.readouterr()
    assert out == "" and EMPTY not in err
    says_damaged(err.split("\n", 1)[1], data)
    left_as_it_is(data, before)


def test_summary_says_damaged_and_writes_no_page(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], damaged: tuple[Path, bytes]
) -> None:
    data, before = damaged
    assert main(["summary"]) == 1
    out, err = capsys.readouterr()
    assert out == ""
    says_damaged(err, data)
    page = tmp_path / "summary.html"
    assert main(["summary", "--format", "html", "-o", str(page)]) == 1
    says_damaged(capsys.readouterr().err, data)
    assert not page.exists()
    left_as_it_is(data, before)


def test_finnish_says_it_in_finnish(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    data = tmp_path / "data"
    before = damaged_log(data, truncated)
    assert main(["--lang", "fi", "export", "-o", str(tmp_path / "x.json")]) == 1
    err = capsys.readouterr().err
    assert "on vaurioitunut" in err and "eikä mitään poistettu" in err
    assert str(data / DB_NAME) in err and f"{DB_NAME}.unreadable-PÄIVÄYS" in err
    left_as_it_is(data, before)


def test_a_checkin_still_keeps_the_log_aside_and_is_saved(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], damaged: tuple[Path, bytes]
) -> None:
    data, before = damaged
    assert main(["--plain", "history"]) == 1  # a reading first changes nothing
    assert main(["checkin", "--level", "4", "--note", "still here"]) == 0
    (kept,) = data.glob(f"{DB_NAME}.unreadable-*")
    assert kept.read_bytes() == before
    assert str(kept) in capsys.readouterr().err
    assert [c.note for c in Store.open(data).checkins()] == ["still here"]


def test_a_zero_length_log_is_an_empty_log_not_damage(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = tmp_path / "data"
    path = fill(data, count=1)
    path.write_bytes(b"")
    assert main(["--plain", "history"]) == 0
    out, err = capsys.readouterr()
    assert EMPTY in out and err == ""
    target = tmp_path / "backup.json"
    assert main(["export", "-o", str(target)]) == 0
    assert target.exists()
    assert main(["summary"]) == 0
    assert not list(data.glob(f"{DB_NAME}.unreadable-*"))
    assert main(["checkin", "--level", "5"]) == 0
    assert [c.level for c in Store.open(data).checkins()] == [5]


async def test_the_history_screen_says_damaged_and_a_checkin_still_saves(
    tmp_path: Path, damaged: tuple[Path, bytes]
) -> None:
    from trakon_tui.ui.screens.history import HistoryScreen
    from trakon_tui.ui.screens.suggestions import SuggestionsScreen

    data, before = damaged
    app = make_app(tmp_path, checkin_first=True, practice_log=LazyStoreLog(data))
    async with app.run_test(size=(100, 32)) as pilot:
        await pilot.press("s", "h")
        assert isinstance(app.screen, HistoryScreen)
        shown = str(app.screen.query_one("#history-unreadable", Static).content)
        says_damaged(shown + "\n", data)
        assert not app.screen.query("#history-empty")
        left_as_it_is(data, before)
        await pilot.press("escape", "c", "8", "enter")  # a check-in: saved in a new log
        assert isinstance(app.screen, SuggestionsScreen)
        (kept,) = data.glob(f"{DB_NAME}.unreadable-*")
        messages = [n.message for n in app._notifications]
        assert any(str(kept) in m and "kept as" in m for m in messages), messages
    assert kept.read_bytes() == before
    assert [c.level for c in Store.open(data).checkins()] == [8]
