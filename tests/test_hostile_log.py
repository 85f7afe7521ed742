"""The private log against hostile files and targets (issue #11, points 2 and 4–7): a damaged
log never costs a check-in, forget leaves nothing behind, export targets that fail say so,
folders that are not Trakon's are left alone, and text from the log never reaches a terminal
or a spreadsheet with a raw control character. Real files in tmp_path, real damage."""

from __future__ import annotations

import csv
import io
import json
import os
import sqlite3
import stat
import subprocess
import sys
import time
from collections.abc import Iterator
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest
from textual.widgets import Static

from tests.conftest import ROOT, FakeClock, advance, make_app
from trakon_tui.cli import main
from trakon_tui.commands import log as log_commands
from trakon_tui.core.practice_log import LazyStoreLog, PracticeRun
from trakon_tui.core.store import DB_NAME, FOLDER_MARK, CheckIn, LogError, Store
from trakon_tui.core.text import CONTROL

HELSINKI = timezone(timedelta(hours=2))
WHEN = datetime(2026, 11, 23, 9, 30, tzinfo=HELSINKI)
PAGE = 4096  # SQLite's default page size


def mode(path: Path) -> int:
    return stat.S_IMODE(os.stat(path).st_mode)


def fill(directory: Path, count: int = 300, note: str = "an ordinary note") -> Path:
    """A log of `count` check-ins spread over many pages; closed. Its path."""
    store = Store.open(directory)
    for n in range(count):
        store.add_checkin(
            CheckIn(at=WHEN + timedelta(minutes=n), level=n % 11, note=f"{note} {n} " * 10)
        )
    store.close()
    return store.path


def damage_pages(path: Path) -> bytes:
    """Overwrite every page but the first (header and schema) and the last: reads and writes
    then meet "database disk image is malformed". The damaged file's bytes."""
    pages = path.stat().st_size // PAGE
    assert pages > 8
    with path.open("r+b") as handle:
        for page in range(1, pages - 1):
            handle.seek(page * PAGE)
            handle.write(b"\xa5" * PAGE)
    return path.read_bytes()


def damage_while_open(store: Store) -> None:
    """Damage the file under an open Store, as a failing disk would: its pages are written
    to the file first, then overwritten, and another connection commits a change to the
    header so that the Store reads the file again instead of its cache."""
    store.connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    damage_pages(store.path)
    other = sqlite3.connect(store.path)
    version = other.execute("PRAGMA user_version").fetchone()[0]
    other.execute(f"PRAGMA user_version = {version}")
    other.commit()
    other.close()


def all_bytes(folder: Path) -> Iterator[tuple[Path, bytes]]:
    for path in sorted(folder.rglob("*")):
        if path.is_file():
            yield path, path.read_bytes()


def raw_controls(text: str, keep: str = "") -> set[str]:
    return {c for c in CONTROL.findall(text) if c not in keep}


def trakon(
    tmp_path: Path, *args: str | bytes, env: dict[str, str] | None = None, **kw: object
) -> subprocess.CompletedProcess[bytes]:
    """`python -m trakon_tui ARGS` in a child process, with this test's folders."""
    environment = {
        **os.environ,
        "TRAKON_DATA_DIR": str(tmp_path / "data"),
        "TRAKON_CONFIG_DIR": str(tmp_path / "config"),
        **(env or {}),
    }
    kw.setdefault("stdout", subprocess.PIPE)
    return subprocess.run(  # type: ignore[call-overload, no-any-return]
        [sys.executable, "-m", "trakon_tui", *args],
        env=environment,
        cwd=ROOT,
        stderr=subprocess.PIPE,
        timeout=60,
        **kw,
    )


# --- 4. a damaged log never costs a check-in ----------------------------------------------


def test_damage_found_by_a_write_is_kept_aside_and_the_checkin_saved_in_a_fresh_log(
    tmp_path: Path,
) -> None:
    data = tmp_path / "data"
    damaged = damage_pages(fill(data))
    told: list[Path] = []
    store = Store.open(data)
    store.on_moved_aside = told.append
    assert store.moved_aside is None  # the header still reads: the damage shows on the write
    saved = store.add_checkin(CheckIn(at=WHEN, level=8, note="after the damage"))
    kept = store.moved_aside
    assert kept is not None and told == [kept]
    assert kept.name.startswith(f"{DB_NAME}.unreadable-")
    assert kept.read_bytes() == damaged  # kept exactly as found, beside the fresh log
    assert mode(kept) == 0o600
    (note,) = [c.note for c in store.checkins()]
    assert note == "after the damage" and store.checkin(saved) is not None
    store.close()
    assert [c.note for c in Store.open(data).checkins()] == ["after the damage"]


def test_a_damaged_log_on_the_command_line_costs_no_checkin(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    damaged = damage_pages(fill(tmp_path / "data"))
    assert main(["checkin", "--level", "4", "--note", "still here"]) == 0
    out, err = capsys.readouterr()
    assert out.strip() == "Saved."
    (kept,) = (tmp_path / "data").glob(f"{DB_NAME}.unreadable-*")
    assert err.strip() == (
        f"The old log could not be read; it was kept as {kept} and a new log was started."
    )
    assert kept.read_bytes() == damaged
    assert [c.note for c in Store.open(tmp_path / "data").checkins()] == ["still here"]


def test_a_file_that_is_not_a_database_is_kept_and_the_checkin_saved(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = fill(tmp_path / "data", count=20)
    garbage = b"\x00garbage, not SQLite\xff" * 5 + path.read_bytes()[105:]
    path.write_bytes(garbage)
    assert main(["checkin", "--level", "6"]) == 0
    (kept,) = (tmp_path / "data").glob(f"{DB_NAME}.unreadable-*")
    assert kept.read_bytes() == garbage
    assert str(kept) in capsys.readouterr().err
    assert [c.level for c in Store.open(tmp_path / "data").checkins()] == [6]


def test_reads_from_a_damaged_log_give_a_message_and_leave_the_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = tmp_path / "data"
    damaged = damage_pages(fill(data))
    store = Store.open(data)
    reads = (store.count, store.checkins, store.outcomes, store.practice_totals, store.writings)
    for read in reads:
        with pytest.raises(LogError) as raised:
            read()
        assert raised.value.message() == (
            f"The log at {data / DB_NAME} is damaged and could not be read; the file was left "
            "as it is."
        )
    with pytest.raises(LogError):
        list(store.checkin_rows())
    store.close()
    assert (data / DB_NAME).read_bytes() == damaged
    for fmt in ("json", "csv"):  # streamed: what came before the damage may be out
        assert main(["export", "--format", fmt]) == 1
        _out, err = capsys.readouterr()
        assert err.count("\n") == 1 and "damaged" in err, repr(err)
        target = tmp_path / f"export.{fmt}"
        assert main(["export", "--format", fmt, "-o", str(target)]) == 1
        assert "damaged" in capsys.readouterr().err
        assert not target.exists() and not list(tmp_path.glob(".export.*"))  # no half file
    assert (data / DB_NAME).read_bytes() == damaged
    assert not list(data.glob(f"{DB_NAME}.unreadable-*"))  # a read keeps nothing aside


def test_after_a_read_found_damage_the_next_write_starts_a_fresh_log(tmp_path: Path) -> None:
    data = tmp_path / "data"
    damaged = damage_pages(fill(data))
    store = Store.open(data)
    with pytest.raises(LogError):
        store.recent(5)
    store.add_writing(WHEN, "pillars-of-safety", "Kept after the damage.")
    assert store.moved_aside is not None and store.moved_aside.read_bytes() == damaged
    assert [w.text for w in store.writings()] == ["Kept after the damage."]


def test_the_second_checkin_of_a_pair_is_kept_whole_when_the_first_was_lost(
    tmp_path: Path,
) -> None:
    data = tmp_path / "data"
    fill(data)
    store = Store.open(data)
    before = store.add_checkin(CheckIn(at=WHEN, level=9))
    run = store.record_run(
        PracticeRun(
            "cyclic-sighing", "breathing", WHEN, WHEN + timedelta(minutes=1), True, 1.0, before
        )
    )
    damage_while_open(store)
    after = store.add_after(CheckIn(at=WHEN + timedelta(minutes=2), level=6), run)
    assert store.moved_aside is not None
    ((level, context, practice, pair),) = [
        (c.level, c.context, c.practice_id, c.pair_id) for c in store.checkins()
    ]
    assert (level, context, practice, pair) == (6, "after", "cyclic-sighing", None)
    assert list(store.runs()) == []  # the run is in the kept file, not linked to a new row
    assert after not in (before, run)
    found = store.checkin(after)
    assert found is not None and found.level == 6


def test_details_for_a_checkin_in_a_kept_log_save_it_whole_in_the_fresh_one(
    tmp_path: Path,
) -> None:
    data = tmp_path / "data"
    fill(data)
    store = Store.open(data)
    first = store.add_checkin(CheckIn(at=WHEN, level=8, window=(2, 8)))
    damage_while_open(store)
    other = store.add_checkin(CheckIn(at=WHEN + timedelta(hours=1), level=3, note="another"))
    assert store.moved_aside is not None and other != first
    store.add_details(first, intensity=6, tags=("tense",), body_areas=("chest",), note="kahvi")
    store.add_details(first, intensity=5, tags=("tense",), body_areas=(), note="tee")  # again
    rows = {c.note: c for c in store.checkins()}
    assert set(rows) == {"tee", "another"}  # saved once, then updated: not a second copy
    whole = rows["tee"]
    assert (whole.at, whole.level, whole.window, whole.intensity, whole.body_areas) == (
        WHEN,
        8,
        (2, 8),
        5,
        (),
    )
    shown = store.checkin(first)
    assert shown is not None and shown.note == "tee"
    # a run chosen after it links to the row in the fresh log
    store.record_run(
        PracticeRun("orienting", "grounding", WHEN, WHEN + timedelta(minutes=1), True, 1.0, first)
    )
    ((*_, linked, _after),) = list(store.runs())
    assert linked == whole.id


def test_a_run_after_a_checkin_in_a_kept_log_is_saved_without_the_link(tmp_path: Path) -> None:
    data = tmp_path / "data"
    fill(data)
    store = Store.open(data)
    before = store.add_checkin(CheckIn(at=WHEN, level=2))
    damage_while_open(store)
    store.record_run(
        PracticeRun("orienting", "grounding", WHEN, WHEN + timedelta(minutes=1), False, 1.0, before)
    )
    ((_, item, *_, linked, _after),) = list(store.runs())
    assert (item, linked) == ("orienting", None)


def test_what_a_kept_log_held_is_still_shown_as_saved_and_saved_again_whole(
    tmp_path: Path,
) -> None:
    """Check-ins this Store saved before its log was kept aside are shown as they were saved
    (with the details added later, the practice chosen after one, the pair they form), and
    details added now save each again whole in the fresh log, still paired."""
    data = tmp_path / "data"
    fill(data)
    store = Store.open(data)
    first = store.add_checkin(CheckIn(at=WHEN, level=9, window=(2, 8)))
    store.add_details(
        first, intensity=7, tags=("tense", "restless"), body_areas=("chest",), note="kahvi"
    )
    minute = timedelta(minutes=1)
    run = store.record_run(
        PracticeRun("cyclic-sighing", "breathing", WHEN, WHEN + minute, True, 1.0, first)
    )
    second = store.add_after(CheckIn(at=WHEN + 2 * minute, level=6, window=(2, 8)), run)
    damage_while_open(store)
    store.add_checkin(CheckIn(at=WHEN + 60 * minute, level=5))  # this write finds the damage
    assert store.moved_aside is not None
    shown_first = CheckIn(
        at=WHEN,
        level=9,
        window=(2, 8),
        intensity=7,
        tags=("tense", "restless"),
        body_areas=("chest",),
        note="kahvi",
        context="before",
        practice_id="cyclic-sighing",
        id=first,
    )
    shown_second = CheckIn(
        at=WHEN + 2 * minute,
        level=6,
        window=(2, 8),
        context="after",
        practice_id="cyclic-sighing",
        pair_id=first,
        id=second,
    )
    assert (store.checkin(first), store.checkin(second)) == (shown_first, shown_second)

    store.add_details(first, intensity=4, tags=(), body_areas=("belly",), note=None)
    store.add_details(second, intensity=2, tags=("calm",), body_areas=(), note="parempi")
    again = {c.level: c for c in store.checkins()}
    assert set(again) == {5, 9, 6}
    assert again[9] == CheckIn(
        at=WHEN,
        level=9,
        window=(2, 8),
        intensity=4,
        body_areas=("belly",),
        context="before",
        practice_id="cyclic-sighing",
        id=again[9].id,
    )
    assert again[6] == CheckIn(
        at=WHEN + 2 * minute,
        level=6,
        window=(2, 8),
        intensity=2,
        tags=("calm",),
        note="parempi",
        context="after",
        practice_id="cyclic-sighing",
        pair_id=again[9].id,
        id=again[6].id,
    )
    assert store.checkin(first) == again[9]  # the id handed out then finds it now


def test_busy_is_not_damage_nothing_is_moved(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    store = Store.open(tmp_path / "data")
    store.connection.execute("PRAGMA busy_timeout = 50")
    other = sqlite3.connect(store.path, timeout=0.05)
    other.execute("BEGIN EXCLUSIVE")
    try:
        with pytest.raises(LogError) as raised:
            store.add_checkin(CheckIn(at=WHEN, level=5))
        assert "busy" in raised.value.message()
    finally:
        other.rollback()
        other.close()
    assert store.moved_aside is None
    assert not list((tmp_path / "data").glob(f"{DB_NAME}.unreadable-*"))


async def test_the_app_saves_the_second_checkin_when_the_log_breaks_during_a_practice(
    tmp_path: Path,
) -> None:
    from trakon_tui.ui.screens.breathing import BreathingScreen
    from trakon_tui.ui.screens.checkin import CheckinScreen
    from trakon_tui.ui.screens.suggestions import ReflectionScreen

    data = tmp_path / "data"
    fill(data)
    log = LazyStoreLog(data)
    clock = FakeClock()
    app = make_app(
        tmp_path,
        checkin_first=True,
        wall_clock=lambda: WHEN,
        practice_log=log,
        clock=clock,
    )
    async with app.run_test(size=(100, 32)) as pilot:
        await pilot.press("9", "enter", "enter", "enter")  # save, first offer, start it
        assert isinstance(app.screen, BreathingScreen)
        assert log.opened is not None
        damage_while_open(log.opened)
        await advance(pilot, clock, 10_000)
        assert isinstance(app.screen, CheckinScreen)
        await pilot.press("6", "enter")
        assert isinstance(app.screen, ReflectionScreen)  # never a crash
        kept = log.opened.moved_aside
        assert kept is not None and kept.exists()
        messages = [n.message for n in app._notifications]
        assert any(str(kept) in m and "kept as" in m for m in messages), messages
    ((level, context),) = [(c.level, c.context) for c in Store.open(data).checkins()]
    assert (level, context) == (6, "after")


async def test_history_and_suggestions_on_a_damaged_log_say_so(tmp_path: Path) -> None:
    from trakon_tui.ui.screens.history import HistoryScreen
    from trakon_tui.ui.screens.suggestions import SuggestionsScreen

    data = tmp_path / "data"
    damaged = damage_pages(fill(data))
    app = make_app(
        tmp_path, checkin_first=True, wall_clock=lambda: WHEN, practice_log=LazyStoreLog(data)
    )
    async with app.run_test(size=(100, 32)) as pilot:
        await pilot.press("s", "h")
        assert isinstance(app.screen, HistoryScreen)
        shown = str(app.screen.query_one("#history-unreadable", Static).content)
        assert "damaged" in shown and str(data / DB_NAME) in shown
        assert (data / DB_NAME).read_bytes() == damaged
        await pilot.press("escape", "c", "8", "enter")  # a check-in: saved in a fresh log
        assert isinstance(app.screen, SuggestionsScreen)
    assert [c.level for c in Store.open(data).checkins()] == [8]
    (kept,) = data.glob(f"{DB_NAME}.unreadable-*")
    assert kept.read_bytes() == damaged


def test_a_link_at_the_log_path_is_never_written_through(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = tmp_path / "data"
    data.mkdir(mode=0o700)
    (data / DB_NAME).symlink_to(tmp_path / "nowhere.db")  # dangling
    assert main(["checkin", "--level", "5"]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "is a link to another place" in err
    assert not (tmp_path / "nowhere.db").exists()
    target = tmp_path / "elsewhere.db"
    target.write_bytes(b"someone else's file")
    (data / DB_NAME).unlink()
    (data / DB_NAME).symlink_to(target)
    for args in (["checkin", "--level", "5"], ["export"], ["forget", "--all", "--yes"]):
        assert main(args) == 1
        assert "is a link" in capsys.readouterr().err
    assert target.read_bytes() == b"someone else's file"
    (data / DB_NAME).unlink()
    (data / (DB_NAME + "-wal")).symlink_to(target)  # nor through its WAL
    assert main(["checkin", "--level", "5"]) == 1
    assert target.read_bytes() == b"someone else's file"


def test_a_note_that_is_not_utf8_is_saved_with_a_message(tmp_path: Path) -> None:
    done = trakon(tmp_path, "checkin", "--level", "5", "--note", b"ok \xff", env={"LC_ALL": "C"})
    assert done.returncode == 0, done.stderr
    assert done.stdout.decode().strip() == "Saved."
    assert b"Traceback" not in done.stderr and "\ufffd".encode() in done.stderr
    # without UTF-8 mode every non-ASCII byte arrives as a surrogate: read again as UTF-8
    legacy = {"LC_ALL": "C", "PYTHONUTF8": "0", "PYTHONCOERCECLOCALE": "0"}
    done = trakon(tmp_path, "checkin", "--level", "5", "--note", "väsynyt".encode(), env=legacy)
    assert done.returncode == 0 and done.stderr == b"", done.stderr
    notes = [c.note for c in Store.open(tmp_path / "data").checkins()]
    assert notes == ["ok \ufffd", "väsynyt"]


def test_the_store_never_fails_on_lone_surrogates(tmp_path: Path) -> None:
    store = Store.open(tmp_path / "data")
    first = store.add_checkin(CheckIn(at=WHEN, level=5, note="a\udcffb", tags=("x\ud800",)))
    store.add_details(first, intensity=None, tags=(), body_areas=("\udce4",), note="\udcc3")
    store.add_writing(WHEN, "pillars\udcff", "text \udcff")
    (checkin,) = store.checkins()
    assert (checkin.note, checkin.body_areas) == ("\ufffd", ("\ufffd",))
    assert [(w.item_id, w.text) for w in store.writings()] == [("pillars\ufffd", "text \ufffd")]


@pytest.mark.parametrize(
    ("zone", "day"),
    [("Asia/Tokyo", "0001-01-01"), ("America/Los_Angeles", "9999-12-31"), ("UTC", "0001-01-01")],
)
def test_forget_before_the_ends_of_the_calendar(
    zone: str, day: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("TZ", zone)
    time.tzset()
    try:
        assert main(["checkin", "--level", "5"]) == 0
        assert main(["forget", "--before", day, "--yes"]) == 0
        out = capsys.readouterr().out
        if day.startswith("9999"):
            assert "Deleted check-ins (1) and kept writings (0)." in out
        else:  # nothing is older than the first day of the calendar
            assert "There is nothing to delete." in out
    finally:
        monkeypatch.undo()
        time.tzset()


# --- 5. forget means forget ---------------------------------------------------------------


def test_forget_all_names_and_deletes_kept_logs_and_writings_and_leaves_no_trace(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    secret = "uniikki-muistiinpano-7f3a"
    data = tmp_path / "data"
    old = fill(data, count=30, note=secret)
    raw = old.read_bytes()
    old.write_bytes(b"not a database at all..." + raw[24:])  # the secret is still in it
    store = Store.open(data)  # kept aside on opening
    kept = store.moved_aside
    assert kept is not None and secret.encode() in kept.read_bytes()
    store.add_checkin(CheckIn(at=WHEN, level=7, note=secret))
    store.add_writing(WHEN, "pillars-of-safety", f"{secret} in a writing")
    store.close()
    questions: list[str] = []

    def answer(question: str) -> str:
        questions.append(question)
        return "y"

    assert log_commands.run_forget(True, None, False, log_commands.Options(), ask=answer) == 0
    (question,) = questions
    assert str(kept) in question and "deleted too" in question
    assert "Delete all check-ins (1), kept writings (1) and practice runs for good?" in question
    out = capsys.readouterr().out
    assert "Deleted check-ins (1) and kept writings (1)." in out
    assert f"Deleted the logs kept aside: {kept}." in out
    assert not kept.exists()
    for path, content in all_bytes(data):
        assert secret.encode() not in content, path
    assert {p.name for p in data.iterdir()} <= {
        DB_NAME,
        DB_NAME + "-wal",
        DB_NAME + "-shm",
        FOLDER_MARK,
    }


def test_forget_all_on_a_log_damaged_mid_file_deletes_it_too(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    secret = "toinen-salaisuus-91c2"
    data = tmp_path / "data"
    path = fill(data, count=300, note=secret)
    with path.open("r+b") as handle:  # damage a few pages only: the secret is still there
        handle.seek(2 * PAGE)
        handle.write(b"\xa5" * PAGE * 3)
    store = Store.open(data)
    with pytest.raises(LogError):
        store.count()
    store.close()
    questions: list[str] = []
    assert (
        log_commands.run_forget(
            True, None, False, log_commands.Options(), ask=lambda q: questions.append(q) or "k"
        )
        == 0
    )
    (kept,) = [line.strip() for line in questions[0].splitlines() if ".unreadable-" in line]
    assert f"it was kept as {kept} and a new log was started" in capsys.readouterr().err
    assert "deleted too" in questions[0]
    assert not Path(kept).exists()
    for found, content in all_bytes(data):
        assert secret.encode() not in content, found


def test_forget_all_when_only_the_table_pages_are_damaged(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """count(*) reads only the covering index: the damage shows first when deleting."""
    secret = "kolmas-salaisuus-5d0e"
    data = tmp_path / "data"
    path = fill(data, count=300, note=secret)
    connection = sqlite3.connect(path)
    try:
        pages = connection.execute(
            "SELECT pageno FROM dbstat WHERE name = 'checkin' AND pagetype = 'leaf'"
        ).fetchall()
    except sqlite3.OperationalError:
        pytest.skip("this SQLite has no dbstat table")
    finally:
        connection.close()
    with path.open("r+b") as handle:
        for (page,) in pages[1:-1]:  # keep a few leaves: the secret is still in the file
            if page % 3 == 0:
                handle.seek((page - 1) * PAGE)
                handle.write(b"\xa5" * PAGE)
    assert Store.open(data).count() == 300
    assert main(["forget", "--all", "--yes"]) == 0
    out = capsys.readouterr().out
    assert "Deleted check-ins (300)" in out and "Deleted the logs kept aside:" in out
    for found, content in all_bytes(data):
        assert secret.encode() not in content, found


def test_forget_before_says_kept_logs_are_not_changed(tmp_path: Path) -> None:
    data = tmp_path / "data"
    (data).mkdir()
    (data / DB_NAME).write_bytes(b"garbage" * 100)
    store = Store.open(data)
    kept = store.moved_aside
    store.add_checkin(CheckIn(at=WHEN - timedelta(days=400), level=3))
    store.close()
    questions: list[str] = []
    assert (
        log_commands.run_forget(
            False,
            "2026-01-01",
            False,
            log_commands.Options(),
            ask=lambda q: questions.append(q) or "y",
        )
        == 0
    )
    assert "not changed (forget --all deletes them)" in questions[0] and str(kept) in questions[0]
    assert "check-ins (1), kept writings (0)" in questions[0]
    assert kept is not None and kept.exists()


# --- 6. output targets --------------------------------------------------------------------


@pytest.fixture
def one_checkin(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["checkin", "--level", "5", "--note", "export me"]) == 0
    capsys.readouterr()


@pytest.mark.usefixtures("one_checkin")
@pytest.mark.parametrize(
    ("target", "message"),
    [
        ("folder", "is a folder"),
        ("missing/x.json", "does not exist"),
        ("/dev/full", "is not a regular file"),
        ("link", "is not a regular file"),
    ],
)
def test_export_refuses_targets_it_cannot_write(
    tmp_path: Path, target: str, message: str, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "folder").mkdir()
    (tmp_path / "file.json").write_text("mine")
    (tmp_path / "link").symlink_to(tmp_path / "file.json")
    path = target if target.startswith("/") else str(tmp_path / target)
    for force in ([], ["--force"]):
        assert main(["export", "-o", path, *force]) == 1
        out, err = capsys.readouterr()
        assert out == "" and err.count("\n") == 1 and message in err, err
    assert (tmp_path / "file.json").read_text() == "mine"
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")]


@pytest.mark.usefixtures("one_checkin")
def test_export_replaces_a_file_only_with_force_and_writes_it_private(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "out.json"
    target.write_text("older export")
    target.chmod(0o644)
    assert main(["export", "-o", str(target)]) == 1
    assert "already exists" in capsys.readouterr().err
    assert target.read_text() == "older export"
    previous = os.umask(0)  # not the umask's doing
    try:
        assert main(["export", "-o", str(target), "--force"]) == 0
        assert main(["export", "--format", "csv", "-o", str(tmp_path / "new.csv")]) == 0
    finally:
        os.umask(previous)
    assert json.loads(target.read_text())["checkins"][0]["note"] == "export me"
    assert mode(target) == 0o600 and mode(tmp_path / "new.csv") == 0o600
    assert sorted(p.name for p in tmp_path.iterdir() if p.is_file()) == ["new.csv", "out.json"]


@pytest.mark.usefixtures("one_checkin")
def test_export_to_a_stdout_that_fails_says_so(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    class Full(io.StringIO):
        def write(self, text: str) -> int:
            raise OSError(28, "No space left on device")

    monkeypatch.setattr(sys, "stdout", Full())
    assert main(["export"]) == 1
    assert capsys.readouterr().err == (
        "The export could not be written to standard output: No space left on device\n"
    )
    monkeypatch.setattr(sys, "stdout", None)
    assert main(["export"]) == 1
    assert "Standard output is closed" in capsys.readouterr().err


def test_export_to_dev_full_closed_stdout_and_a_gone_reader_from_a_shell(tmp_path: Path) -> None:
    assert trakon(tmp_path, "checkin", "--level", "5").returncode == 0
    with open("/dev/full", "wb") as full:
        done = trakon(tmp_path, "export", stdout=full)
    assert done.returncode == 1
    assert done.stderr.decode() == (
        "The export could not be written to standard output: No space left on device\n"
    )
    done = trakon(tmp_path, "export", stdout=None, preexec_fn=lambda: os.close(1))
    assert done.returncode == 1 and done.stderr.decode().count("\n") == 1
    assert b"closed" in done.stderr
    read_end, write_end = os.pipe()
    os.close(read_end)  # the reader left before anything was written
    done = trakon(tmp_path, "export", stdout=write_end)
    os.close(write_end)
    assert b"Traceback" not in done.stderr and b"Exception ignored" not in done.stderr


# --- 7. folders that are not Trakon's -----------------------------------------------------


def test_a_folder_trakon_makes_is_private_and_marked(tmp_path: Path) -> None:
    store = Store.open(tmp_path / "new" / "data")
    assert store.path == tmp_path / "new" / "data" / DB_NAME
    assert mode(tmp_path / "new" / "data") == 0o700
    mark = tmp_path / "new" / "data" / FOLDER_MARK
    assert mode(mark) == 0o600
    assert mark.read_text(encoding="utf-8") == (
        "Trakon made this folder for its private log (trakon.db).\n"
    )
    empty = tmp_path / "empty"  # made by someone else, even if empty: not Trakon's
    empty.mkdir(mode=0o755)
    assert Store.open(empty).path == empty / "trakon" / DB_NAME and mode(empty) == 0o755
    assert mode(empty / "trakon") == 0o700


def test_an_existing_users_folder_with_a_log_is_still_trakons(tmp_path: Path) -> None:
    folder = tmp_path / "old"
    fill(folder, count=3)
    (folder / FOLDER_MARK).unlink()  # as an earlier version left it
    folder.chmod(0o755)
    store = Store.open(folder)
    assert store.path == folder / DB_NAME and store.count() == 3
    assert mode(folder) == 0o700 and (folder / FOLDER_MARK).exists()


def test_a_folder_that_is_not_trakons_is_never_chmoded(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    home = tmp_path / "home"
    home.mkdir()
    (home / "notes.txt").write_text("mine")
    home.chmod(0o755)
    monkeypatch.setenv("TRAKON_DATA_DIR", str(home))
    assert main(["checkin", "--level", "5"]) == 0
    assert mode(home) == 0o755 and sorted(p.name for p in home.iterdir()) == ["notes.txt", "trakon"]
    assert mode(home / "trakon") == 0o700 and (home / "trakon" / DB_NAME).exists()
    assert main(["--data-dir", str(home), "export"]) == 0  # the same log, found again
    assert len(json.loads(capsys.readouterr().out.split("Saved.\n")[-1])["checkins"]) == 1


def test_a_link_to_a_folder_never_changes_its_target(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "shared"
    target.mkdir()
    (target / "other.txt").write_text("x")
    target.chmod(0o755)
    link = tmp_path / "link"
    link.symlink_to(target)
    assert Store.open(link).path == link / "trakon" / DB_NAME
    assert mode(target) == 0o755 and mode(target / "trakon") == 0o700
    # a link to a folder that already holds a Trakon log: used as it is, not chmod-ed
    synced = tmp_path / "synced"
    fill(synced, count=1)
    synced.chmod(0o750)
    other = tmp_path / "other-link"
    other.symlink_to(synced)
    assert Store.open(other).count() == 1 and mode(synced) == 0o750


@pytest.mark.parametrize("kind", ["subfolder taken", "dangling link", "a file"])
def test_a_folder_trakon_cannot_use_gives_a_message(
    kind: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    place = tmp_path / "place"
    if kind == "subfolder taken":
        (place / "trakon").mkdir(parents=True)
        (place / "trakon" / "theirs.txt").write_text("x")
        (place / "x").write_text("x")
        place.chmod(0o755)
        (place / "trakon").chmod(0o755)
    elif kind == "dangling link":
        place.symlink_to(tmp_path / "gone")
    else:
        place.write_text("a file")
    monkeypatch.setenv("TRAKON_DATA_DIR", str(place))
    assert main(["checkin", "--level", "5"]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and str(place) in err, err
    if kind == "subfolder taken":
        assert "not made by Trakon" in err
        assert mode(place) == 0o755 and mode(place / "trakon") == 0o755
        assert sorted(p.name for p in (place / "trakon").iterdir()) == ["theirs.txt"]
    assert not (tmp_path / "gone").exists()


# --- 2. text from the log is visible-safe in exports --------------------------------------

HOSTILE = "a\x1b[31mred\x07 b\rc\x9bd\x7fe\tf\ng"


def hostile_log(data: Path) -> None:
    store = Store.open(data)
    store.add_checkin(
        CheckIn(at=WHEN, level=5, note=HOSTILE, tags=("t\x1b]0;x\x07",), body_areas=("\x9b2J",))
    )
    store.record_run(
        PracticeRun("box\x1b[2J", "breathing", WHEN, WHEN + timedelta(minutes=1), True)
    )
    store.add_writing(WHEN, "pillars\x1b", HOSTILE)
    store.close()


def test_csv_export_makes_log_text_visible(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    hostile_log(tmp_path / "data")
    assert main(["export", "--format", "csv"]) == 0
    out = capsys.readouterr().out
    assert raw_controls(out, keep="\r\n\t") == set()
    assert out.count("\r") == out.count("\r\n")  # only the row ends: the note's CR is ␍
    rows = list(csv.DictReader(io.StringIO(out.lstrip("\ufeff"))))
    checkin, run, writing = rows
    assert checkin["note"] == "a␛[31mred␇ b␍c\ufffdd␡e\tf\ng"  # lines and tabs kept, quoted
    assert (checkin["tags"], checkin["body_areas"]) == ("t␛]0;x␇", "\ufffd2J")
    assert run["item_id"] == "box␛[2J" and writing["item_id"] == "pillars␛"
    assert writing["text"] == checkin["note"]


def test_json_export_escapes_every_control_character_and_loses_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    hostile_log(tmp_path / "data")
    assert main(["export"]) == 0
    out = capsys.readouterr().out
    assert raw_controls(out, keep="\n") == set()  # DEL and C1 too, not only C0
    data = json.loads(out)
    assert data["checkins"][0]["note"] == HOSTILE  # \u escapes: the same text back
    assert data["checkins"][0]["tags"] == ["t\x1b]0;x\x07"]
    assert data["writings"][0]["text"] == HOSTILE


def test_command_line_messages_show_outside_text_visibly(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["checkin", "--level", "5", "--tags", "ok,\x1b[2Jbad"]) == 2
    err = capsys.readouterr().err
    assert "␛[2Jbad" in err and raw_controls(err, keep="\n") == set()
    folder = tmp_path / "x\x1b[31m"
    assert main(["export", "-o", str(folder / "out.json")]) == 1
    err = capsys.readouterr().err
    assert "x␛[31m" in err and raw_controls(err, keep="\n") == set()
