"""The private log: permissions, durability settings, migrations, damaged and busy files,
many writers, killed writers, forgetting. Real SQLite files in tmp_path."""

from __future__ import annotations

import os
import signal
import sqlite3
import stat
import subprocess
import sys
import textwrap
import time
from dataclasses import replace
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from tests.conftest import ROOT
from trakon_tui.core import store as store_module
from trakon_tui.core.practice_log import PracticeRun
from trakon_tui.core.store import (
    CHECKIN_COLUMNS,
    DB_NAME,
    CheckIn,
    LogError,
    Store,
    latest_version,
)
from trakon_tui.core.window import Outcome

HELSINKI = timezone(timedelta(hours=2))
WHEN = datetime(2026, 11, 23, 9, 30, tzinfo=HELSINKI)


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_the_log_is_private_durable_and_versioned(tmp_path: Path) -> None:
    store = Store.open(tmp_path / "data")
    store.add_checkin(CheckIn(at=WHEN, level=8))
    assert mode(tmp_path / "data") == 0o700
    for name in (DB_NAME, DB_NAME + "-wal", DB_NAME + "-shm"):
        assert mode(tmp_path / "data" / name) == 0o600, name
    pragma = store.connection.execute
    assert pragma("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert pragma("PRAGMA synchronous").fetchone()[0] == 2  # FULL
    assert pragma("PRAGMA busy_timeout").fetchone()[0] == store_module.BUSY_TIMEOUT_MS
    assert pragma("PRAGMA user_version").fetchone()[0] == latest_version()


def test_a_checkin_round_trips_with_its_offset_and_fields(tmp_path: Path) -> None:
    store = Store.open(tmp_path)
    first = store.add_checkin(
        CheckIn(
            at=WHEN,
            level=8,
            intensity=6,
            tags=("tense",),
            body_areas=("chest",),
            note="tired",
            context="before",
            practice_id="extended-exhale-4-6",
        )
    )
    store.add_checkin(
        CheckIn(
            at=WHEN + timedelta(minutes=2),
            level=6,
            context="after",
            practice_id="extended-exhale-4-6",
            pair_id=first,
        )
    )
    before, after = store.checkins()
    assert before.at == WHEN and before.at.utcoffset() == timedelta(hours=2)
    assert (before.zone, before.intensity, before.tags, before.body_areas, before.note) == (
        "above",
        6,
        ("tense",),
        ("chest",),
        "tired",
    )
    assert (after.zone, after.pair_id) == ("within", first)


def test_the_table_rejects_impossible_values(tmp_path: Path) -> None:
    store = Store.open(tmp_path)
    with pytest.raises(LogError):
        store.add_checkin(CheckIn(at=WHEN, level=11))
    with pytest.raises(LogError):
        store.add_checkin(CheckIn(at=WHEN, level=5, window=(7, 3)))
    assert store.checkins() == []


def test_practice_runs_are_recorded(tmp_path: Path) -> None:
    store = Store.open(tmp_path)
    store.record_run(
        PracticeRun("box-breathing", "breathing", WHEN, WHEN + timedelta(seconds=67), True, 1.1)
    )
    (row,) = store.runs()
    assert row[1:3] == ("box-breathing", "breathing") and row[6] == 1 and row[7] == 1.1
    assert row[4] - row[3] == 67_000


def build_version(path: Path, version: int) -> None:
    """A database exactly as an older Trakon left it at `version`."""
    connection = sqlite3.connect(path)
    for number, sql in store_module.migrations():
        if number <= version:
            connection.executescript(sql)
    connection.execute(f"PRAGMA user_version = {version}")
    connection.commit()
    connection.close()


def _run(item: str, before: int | None = None, minutes: int = 1) -> PracticeRun:
    return PracticeRun(
        item_id=item,
        kind="breathing",
        started_at=WHEN,
        ended_at=WHEN + timedelta(minutes=minutes),
        completed=True,
        before_checkin=before,
    )


def test_a_before_after_pair_is_linked_through_its_run(tmp_path: Path) -> None:
    store = Store.open(tmp_path)
    before = store.add_checkin(CheckIn(at=WHEN, level=9, window=(3, 7)))
    run = store.record_run(_run("cyclic-sighing", before))
    after = store.add_after(CheckIn(at=WHEN + timedelta(minutes=2), level=6), run)
    first, second = store.checkins()
    assert (first.id, first.context, first.practice_id) == (before, "before", "cyclic-sighing")
    assert (second.id, second.context, second.practice_id, second.pair_id) == (
        after,
        "after",
        "cyclic-sighing",
        before,
    )
    assert [r[8:] for r in store.runs()] == [(before, after)]
    assert store.outcomes() == [Outcome("cyclic-sighing", 9, 6, (3, 7))]
    assert store.practice_totals() == [("cyclic-sighing", 1, 1, 1, 1)]


def test_a_run_without_a_second_checkin_keeps_its_first(tmp_path: Path) -> None:
    store = Store.open(tmp_path)
    before = store.add_checkin(CheckIn(at=WHEN, level=2))
    store.record_run(_run("orienting", before))
    assert store.checkins()[0].context == "before"
    assert store.outcomes() == []  # no pair without the second check-in
    assert store.practice_totals() == [("orienting", 1, 0, 0, 0)]


def test_details_are_added_to_a_saved_checkin(tmp_path: Path) -> None:
    store = Store.open(tmp_path)
    saved = store.add_checkin(CheckIn(at=WHEN, level=8))
    store.add_details(
        saved, intensity=6, tags=("tense", "on-guard"), body_areas=("chest",), note="kahvi"
    )
    (checkin,) = store.checkins()
    assert (checkin.level, checkin.intensity, checkin.tags, checkin.body_areas, checkin.note) == (
        8,
        6,
        ("tense", "on-guard"),
        ("chest",),
        "kahvi",
    )
    store.add_details(saved, intensity=None, tags=(), body_areas=(), note="")
    assert store.checkins()[0].note is None and store.checkins()[0].tags == ()


def test_history_reads_days_in_local_time_and_the_latest_first(tmp_path: Path) -> None:
    store = Store.open(tmp_path)
    late = datetime(2026, 11, 20, 23, 30, tzinfo=HELSINKI)  # 21:30 UTC: still the 20th here
    store.add_checkin(CheckIn(at=late, level=8))
    store.add_checkin(CheckIn(at=late + timedelta(minutes=10), level=4, window=(2, 8)))
    store.add_checkin(CheckIn(at=late + timedelta(hours=1), level=2))  # the 21st
    store.add_checkin(CheckIn(at=late + timedelta(hours=2), level=None))  # unsure: no level
    days = store.daily_levels(late - timedelta(days=7))
    assert [(d.day.day, d.lowest, d.highest, d.mean, d.count) for d in days] == [
        (20, 4, 8, 6.0, 2),
        (21, 2, 2, 2.0, 1),
    ]
    assert store.daily_levels(late + timedelta(minutes=30)) == days[1:]
    assert [c.level for c in store.recent(2)] == [None, 2]
    assert store.count() == 4


@pytest.mark.parametrize("version", range(latest_version()))
def test_every_older_version_upgrades(tmp_path: Path, version: int) -> None:
    build_version(tmp_path / DB_NAME, version)
    store = Store.open(tmp_path)
    assert store.connection.execute("PRAGMA user_version").fetchone()[0] == latest_version()
    store.add_checkin(CheckIn(at=WHEN, level=4))
    assert len(store.checkins()) == 1
    assert store.moved_aside is None


def test_a_log_from_a_newer_trakon_is_left_alone(tmp_path: Path) -> None:
    build_version(tmp_path / DB_NAME, latest_version())
    connection = sqlite3.connect(tmp_path / DB_NAME)
    connection.execute(f"PRAGMA user_version = {latest_version() + 1}")
    connection.commit()
    connection.close()
    before = (tmp_path / DB_NAME).read_bytes()
    with pytest.raises(LogError) as raised:
        Store.open(tmp_path)
    assert raised.value.message() == (
        f"The log at {tmp_path / DB_NAME} was written by a newer version of Trakon; it was left "
        "as it is."
    )
    assert (tmp_path / DB_NAME).read_bytes() == before


def test_an_unreadable_log_is_moved_aside_never_deleted(tmp_path: Path) -> None:
    garbage = b"this is not a database" * 200
    (tmp_path / DB_NAME).write_bytes(garbage)
    moments = iter([datetime(2026, 11, 23, 8, 0), datetime(2026, 11, 23, 8, 0)])
    store = Store.open(tmp_path, now=lambda: next(moments))
    assert store.moved_aside is not None
    assert store.moved_aside.name == f"{DB_NAME}.unreadable-20261123T080000"
    assert store.moved_aside.read_bytes() == garbage
    store.add_checkin(CheckIn(at=WHEN, level=3))
    store.close()
    (tmp_path / DB_NAME).write_bytes(garbage + b"again")  # damaged a second time
    second = Store.open(tmp_path, now=lambda: next(moments))
    assert second.moved_aside is not None and second.moved_aside != store.moved_aside
    assert store.moved_aside.read_bytes() == garbage  # the first one was not overwritten


def test_a_log_sqlite_cannot_open_is_left_as_it_is_not_called_damaged(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A sound log on a read-only disk (SQLite cannot make its -shm there to read a WAL log):
    "unable to open database file" is not damage, so the log is never moved aside, and the
    message says it was left as it is."""
    first = Store.open(tmp_path)
    first.add_checkin(CheckIn(at=WHEN, level=3))
    first.close()
    folder = first.path.parent
    before = sorted(p.name for p in folder.iterdir())

    class Refusing:
        def execute(self, *_args: object) -> None:
            made = sqlite3.OperationalError("unable to open database file")
            made.sqlite_errorname = "SQLITE_CANTOPEN"  # type: ignore[attr-defined]
            raise made

        def close(self) -> None:
            pass

    monkeypatch.setattr(store_module.sqlite3, "connect", lambda *_a, **_k: Refusing())
    with pytest.raises(LogError) as raised:
        Store.open(tmp_path)
    assert raised.value.message() == (
        f"The log at {first.path} could not be opened (unable to open database file); "
        "it was left as it is."
    )
    assert sorted(p.name for p in folder.iterdir()) == before  # nothing kept aside
    monkeypatch.undo()
    assert [c.level for c in Store.open(tmp_path).checkins()] == [3]


def test_a_locked_log_gives_a_clear_message(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    store = Store.open(tmp_path / "data")
    monkeypatch.setattr(store_module, "BUSY_TIMEOUT_MS", 50)
    store.connection.execute("PRAGMA busy_timeout = 50")
    other = sqlite3.connect(store.path, timeout=0.05)
    other.execute("BEGIN EXCLUSIVE")
    try:
        with pytest.raises(LogError) as raised:
            store.add_checkin(CheckIn(at=WHEN, level=5))
        assert raised.value.message() == (
            "The log is busy (another Trakon is writing); nothing was saved. "
            "You can try again in a moment."
        )
    finally:
        other.rollback()
        other.close()
    store.add_checkin(CheckIn(at=WHEN, level=5))  # and works again once free
    assert len(store.checkins()) == 1


def test_read_only_and_other_failures_are_phrased_for_people(tmp_path: Path) -> None:
    readonly = store_module._log_error(
        sqlite3.OperationalError("attempt to write a readonly database"), tmp_path / DB_NAME
    )
    assert readonly.message() == f"The log at {tmp_path / DB_NAME} is read-only; nothing was saved."
    full = store_module._log_error(sqlite3.OperationalError("disk I/O error"), tmp_path)
    assert full.message() == f"The log at {tmp_path} could not be written: disk I/O error"
    store = Store.open(tmp_path / "data")
    unread = store._read_error(sqlite3.OperationalError("unable to open database file"))
    assert unread.message() == (
        f"The log at {store.path} could not be read: unable to open database file"
    )
    for busy in ("database is locked", "database table is busy"):
        assert store._read_error(sqlite3.OperationalError(busy)).message() == (
            "The log is busy (another Trakon is writing); you can try again in a moment."
        )
        assert store_module._log_error(sqlite3.OperationalError(busy), tmp_path).message() == (
            "The log is busy (another Trakon is writing); nothing was saved. "
            "You can try again in a moment."
        )
    read_only = store_module._log_error(sqlite3.OperationalError("read-only file system"), tmp_path)
    assert read_only.message() == f"The log at {tmp_path} is read-only; nothing was saved."


def test_a_fresh_log_that_cannot_be_made_after_damage_says_so(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The damaged log is kept aside; when the new one cannot be made, that is the disk's
    or the folder's failure and is told as such, and the kept file stays where it was put."""
    from tests.test_hostile_log import damage_while_open, fill

    data = tmp_path / "data"
    fill(data)
    store = Store.open(data)
    damage_while_open(store)

    def refuse(path: Path) -> sqlite3.Connection:
        raise store_module._Unreadable("no space left on device")

    monkeypatch.setattr(store_module, "_connect", refuse)
    with pytest.raises(LogError) as raised:
        store.add_checkin(CheckIn(at=WHEN, level=5))
    assert raised.value.message() == (
        f"The log at {data / DB_NAME} could not be written: no space left on device"
    )
    assert store.moved_aside is not None and store.moved_aside.exists()


def test_forgetting_kept_logs_takes_their_companion_files_and_names_what_failed(
    tmp_path: Path,
) -> None:
    store = Store.open(tmp_path / "data")
    kept = tmp_path / "data" / f"{DB_NAME}.unreadable-20261123T093000"
    for suffix in ("", "-wal", "-shm"):
        Path(f"{kept}{suffix}").write_bytes(b"x")
    store.forget_kept([kept])
    assert not any(p.name.startswith(kept.name) for p in kept.parent.iterdir())
    folder = tmp_path / "data" / "not-a-file"
    folder.mkdir()
    with pytest.raises(LogError) as raised:
        store.forget_kept([folder])
    assert raised.value.message() == f"{folder} could not be deleted: Is a directory"


def test_forget_really_deletes(tmp_path: Path) -> None:
    folder = tmp_path / "data"
    store = Store.open(folder)
    secret = "a-very-recognisable-note-text-" * 3
    store.add_checkin(CheckIn(at=WHEN - timedelta(days=40), level=8, note=secret))
    store.add_checkin(CheckIn(at=WHEN, level=5, note="recent"))
    assert store.forget(before=WHEN - timedelta(days=1)) == 1
    assert [c.note for c in store.checkins()] == ["recent"]
    store.close()
    for name in os.listdir(folder):
        assert secret.encode() not in (folder / name).read_bytes(), name
    store = Store.open(folder)
    assert store.forget() == 1 and store.checkins() == []


WRITER = textwrap.dedent("""
    import sys, datetime
    from pathlib import Path
    from trakon_tui.core.store import Store, CheckIn
    store = Store.open(Path(sys.argv[1]))
    n = 0
    while True:
        at = datetime.datetime.now().astimezone()
        row = store.add_checkin(CheckIn(at=at, level=n % 11, note=sys.argv[2]))
        print(row, flush=True)  # printed only after the commit returned
        n += 1
""")


def test_writers_killed_mid_write_lose_no_confirmed_checkin(tmp_path: Path) -> None:
    Store.open(tmp_path).close()
    writers = [
        subprocess.Popen(
            [sys.executable, "-c", WRITER, str(tmp_path), f"w{i}"],
            stdout=subprocess.PIPE,
            text=True,
            cwd=ROOT,
        )
        for i in range(3)
    ]
    time.sleep(1.5)  # let them write for a while: the point is to kill them mid-write
    for writer in writers:
        writer.send_signal(signal.SIGKILL)
    confirmed: set[int] = set()
    for writer in writers:
        out, _ = writer.communicate()
        confirmed.update(int(line) for line in out.split())
    assert len(confirmed) > 10
    store = Store.open(tmp_path)
    assert store.connection.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    saved = {c.id for c in store.checkins()}
    assert confirmed <= saved


def test_twenty_four_checkin_commands_at_once_lose_nothing(tmp_path: Path) -> None:
    env = {**os.environ, "TRAKON_DATA_DIR": str(tmp_path / "data")}
    processes = [
        subprocess.Popen(
            [
                sys.executable,
                "-m",
                "trakon_tui",
                "checkin",
                "--level",
                str(i % 11),
                "--note",
                f"n{i}",
            ],
            env=env,
            cwd=ROOT,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for i in range(24)
    ]
    results = [p.communicate(timeout=120) for p in processes]
    assert [p.returncode for p in processes] == [0] * 24, results
    notes = sorted(c.note or "" for c in Store.open(tmp_path / "data").checkins())
    assert notes == sorted(f"n{i}" for i in range(24))


def test_a_log_kept_aside_takes_its_companion_files_and_its_name_from_the_clock(
    tmp_path: Path,
) -> None:
    """A damaged log moves with its -wal and -shm (SQLite needs them to read it) to a name
    stamped with the store's own clock, and is listed once; a failed move is told."""
    folder = tmp_path / "data"
    Store.open(folder).close()
    path = folder / DB_NAME
    for suffix in ("-wal", "-shm"):
        Path(f"{path}{suffix}").write_bytes(suffix.encode())
    kept = store_module._move_aside(path, lambda: WHEN)
    assert kept == folder / f"{DB_NAME}.unreadable-20261123T093000"
    assert sorted(p.name for p in folder.iterdir() if p.name.startswith(DB_NAME)) == [
        kept.name,
        f"{kept.name}-shm",
        f"{kept.name}-wal",
    ]
    assert Path(f"{kept}-wal").read_bytes() == b"-wal"
    assert Store.open(folder).kept_logs() == [kept]
    with pytest.raises(LogError) as raised:
        store_module._move_aside(tmp_path / "gone.db", lambda: WHEN)
    assert raised.value.message() == (
        f"The damaged log at {tmp_path / 'gone.db'} could not be kept aside: "
        "No such file or directory"
    )


def test_ids_handed_out_stay_true_across_two_logs_kept_aside(tmp_path: Path) -> None:
    """Each log kept aside starts a new generation of ids: a check-in saved in an earlier log
    is never mistaken for a row of the fresh one."""
    store = Store.open(tmp_path / "data", now=lambda: WHEN)
    first = store.add_checkin(CheckIn(at=WHEN, level=1))
    store.keep_aside()
    second = store.add_checkin(CheckIn(at=WHEN, level=2))
    store.keep_aside()
    third = store.add_checkin(CheckIn(at=WHEN, level=3))
    assert len({first, second, third}) == 3
    shown = [store.checkin(i) for i in (first, second, third)]
    assert [c.level if c else None for c in shown] == [1, 2, 3]
    assert [c.level for c in store.checkins()] == [3]  # only the last is in the fresh log
    assert len(store.kept_logs()) == 2


def test_every_field_of_a_checkin_comes_back_as_saved(tmp_path: Path) -> None:
    """Several tags and body areas, the practice it was taken before, odd text made safe."""
    store = Store.open(tmp_path / "data")
    saved = CheckIn(
        at=WHEN,
        level=8,
        window=(2, 8),
        intensity=6,
        tags=("tense", "restless\ud800"),
        body_areas=("chest", "belly", "jaw\udcff"),
        note="kahvi",
        context="before",
        practice_id="orienting\udcff",
    )
    first = store.add_checkin(saved)
    store.add_details(
        first, intensity=3, tags=("tense",), body_areas=("shoulders", "hands"), note=None
    )
    (back,) = store.checkins()
    assert back == CheckIn(
        at=WHEN,
        level=8,
        window=(2, 8),
        intensity=3,
        tags=("tense",),
        body_areas=("shoulders", "hands"),
        context="before",
        practice_id="orienting\ufffd",
        id=back.id,
    )
    second = store.add_checkin(replace(saved, at=WHEN + timedelta(hours=1)))
    again = store.checkin(second)
    assert again is not None
    assert (again.tags, again.body_areas) == (
        ("tense", "restless\ufffd"),
        ("chest", "belly", "jaw\ufffd"),
    )


def test_details_for_a_checkin_another_run_left_in_a_kept_log_are_refused_in_words(
    tmp_path: Path,
) -> None:
    """This Store never saw that check-in, so it cannot save it again: it says so, and the
    details are not written anywhere."""
    from tests.test_hostile_log import damage_while_open, fill

    data = tmp_path / "data"
    fill(data)
    earlier = Store.open(data)
    old = earlier.add_checkin(CheckIn(at=WHEN, level=4))
    earlier.close()
    store = Store.open(data)
    damage_while_open(store)
    store.add_checkin(CheckIn(at=WHEN, level=5))  # the write that keeps the log aside
    with pytest.raises(LogError) as raised:
        store.add_details(old, intensity=2, tags=(), body_areas=(), note="x")
    assert raised.value.message() == (
        "The check-in these details belong to is in a log kept aside, so the details were not "
        "saved."
    )
    assert [c.note for c in store.checkins()] == [None]


def test_what_counts_as_damage() -> None:
    def error(text: str, name: str | None = None) -> sqlite3.Error:
        made = sqlite3.DatabaseError(text)
        made.sqlite_errorname = name  # type: ignore[attr-defined]
        return made

    assert store_module._is_damage(error("database disk image is malformed"))
    assert store_module._is_damage(error("File is NOT A DATABASE"))
    assert store_module._is_damage(error("something", "SQLITE_CORRUPT_VTAB"))
    assert store_module._is_damage(error("something", "SQLITE_IOERR_SHORT_READ"))
    assert not store_module._is_damage(error("database is locked", "SQLITE_BUSY"))
    assert not store_module._is_damage(error("attempt to write a readonly database"))


def test_a_log_error_is_one_line_whatever_its_path_holds(tmp_path: Path) -> None:
    odd = tmp_path / "two\nlines"
    message = store_module._log_error(sqlite3.OperationalError("disk\nfull"), odd).message()
    assert "\n" not in message and message.startswith(f"The log at {tmp_path}/two")


@pytest.mark.parametrize(
    "place",
    ["dangling link", "link", "-wal link", "-shm link", "a folder", "a file", "taken"],
)
def test_a_log_place_that_cannot_be_used_is_named_with_what_to_do(
    tmp_path: Path, place: str
) -> None:
    data = tmp_path / "data"
    elsewhere = tmp_path / "elsewhere.db"
    if place == "a file":
        data.write_text("x")
        expected = f"The log folder {data} cannot be used: Not a directory"
    elif place == "taken":  # a folder of someone else's, whose "trakon" is theirs too
        (data / "trakon").mkdir(parents=True)
        (data / "x").write_text("x")
        (data / "trakon" / "theirs.txt").write_text("x")
        expected = (
            f"The folder {data / 'trakon'} was not made by Trakon, so the log was not put "
            "there; you can choose another folder with --data-dir."
        )
    elif place == "a folder":
        data.mkdir(mode=0o700)
        (data / DB_NAME).mkdir()
        expected = f"{data / DB_NAME} is not a regular file, so Trakon did not open it."
    else:
        Store.open(data).close()  # Trakon's own folder, then a link put in it
        (data / DB_NAME).unlink()
        elsewhere.write_bytes(b"someone else's file")
        name = DB_NAME + place.removesuffix(" link").removeprefix("link").removeprefix("dangling")
        if place == "dangling link":
            elsewhere.unlink()
        (data / name).symlink_to(elsewhere)
        expected = (
            f"{data / name} is a link to another place, so Trakon did not open it or write "
            "through it; you can move it away or choose another folder with --data-dir."
        )
    with pytest.raises(LogError) as raised:
        Store.open(data).add_checkin(CheckIn(at=WHEN, level=5))
    assert raised.value.message() == expected
    assert not elsewhere.exists() or elsewhere.read_bytes() == b"someone else's file"


def test_export_rows_from_a_moment_on_and_every_kept_writing(tmp_path: Path) -> None:
    store = Store.open(tmp_path / "data")
    for hours in (0, 1, 2):
        store.add_checkin(CheckIn(at=WHEN + timedelta(hours=hours), level=hours))
        store.add_writing(WHEN + timedelta(hours=hours), "pillars-of-safety", f"w{hours}")
    since = [
        row[CHECKIN_COLUMNS.index("level")] for row in store.checkin_rows(WHEN + timedelta(hours=1))
    ]
    assert since == [1, 2]
    assert [w.text for w in store.writings()] == ["w2", "w1", "w0"]
    assert [w.text for w in store.writings(limit=2)] == ["w2", "w1"]


def test_a_value_out_of_range_is_refused_in_words(tmp_path: Path) -> None:
    store = Store.open(tmp_path / "data")
    with pytest.raises(LogError) as raised:
        store.add_checkin(CheckIn(at=WHEN, level=5, intensity=11))
    assert raised.value.message().startswith(
        "This check-in has a value out of range: CHECK constraint failed"
    )
    assert store.checkins() == []
