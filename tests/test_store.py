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
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from tests.conftest import ROOT
from trakon_tui.core import store as store_module
from trakon_tui.core.practice_log import PracticeRun
from trakon_tui.core.store import DB_NAME, CheckIn, LogError, Store, latest_version
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
    assert "newer version" in raised.value.message()
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
        assert "busy" in raised.value.message()
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
    assert "could not be written: disk I/O error" in full.message()


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
