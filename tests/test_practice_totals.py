"""What each practice did, kept on write (#16, migration 0005): after any save, forget or
upgrade, the kept totals are exactly what counting every pair from scratch gives."""

from __future__ import annotations

import sqlite3
import tempfile
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.test_store import build_version
from trakon_tui.core.history import practice_summaries
from trakon_tui.core.practice_log import PracticeRun
from trakon_tui.core.store import DB_NAME, CheckIn, Store, latest_version

HELSINKI = timezone(timedelta(hours=2))
WHEN = datetime(2026, 11, 23, 9, 30, tzinfo=HELSINKI)
EVER = datetime(1970, 1, 2, tzinfo=UTC)  # `since` this: counted from scratch


def kept(store: Store) -> list[tuple[str, int, int, int, int]]:
    return sorted(store.practice_totals())


def from_scratch(store: Store) -> list[tuple[str, int, int, int, int]]:
    return sorted(store.practice_totals(EVER))


def run(item: str, at: datetime, before: int | None) -> PracticeRun:
    return PracticeRun(
        item, "breathing", at, at + timedelta(minutes=2), True, before_checkin=before
    )


def pair(store: Store, item: str, at: datetime, first: int | None, second: int | None) -> None:
    """A check-in, a practice, a check-in after it (None: that check-in not given)."""
    before = store.add_checkin(CheckIn(at=at, level=first)) if first is not None else None
    ran = store.record_run(run(item, at, before))
    if second is not None:
        store.add_after(CheckIn(at=at + timedelta(minutes=3), level=second), ran)


def test_totals_follow_saves_and_forgetting(tmp_path: Path) -> None:
    store = Store.open(tmp_path)
    pair(store, "orienting", WHEN - timedelta(days=9), 9, 6)  # closer, back inside
    pair(store, "orienting", WHEN - timedelta(days=2), 9, 8)  # closer, still above
    pair(store, "cyclic-sighing", WHEN - timedelta(days=8), 1, 1)  # the same
    pair(store, "cyclic-sighing", WHEN - timedelta(days=1), 5, None)  # no second check-in
    pair(store, "box-breathing", WHEN, None, 4)  # started without a check-in before
    assert (
        kept(store)
        == from_scratch(store)
        == [
            ("box-breathing", 1, 0, 0, 0),
            ("cyclic-sighing", 2, 1, 0, 0),
            ("orienting", 2, 2, 2, 1),
        ]
    )
    # Forgetting what came before a day takes those runs and their pairs out of the totals.
    store.forget(WHEN - timedelta(days=5))
    assert (
        kept(store)
        == from_scratch(store)
        == [
            ("box-breathing", 1, 0, 0, 0),
            ("cyclic-sighing", 1, 0, 0, 0),
            ("orienting", 1, 1, 1, 0),
        ]
    )
    store.forget()
    assert kept(store) == from_scratch(store) == []
    assert practice_summaries(store.practice_totals()) == []


def test_a_checkin_forgotten_under_a_run_unpairs_it(tmp_path: Path) -> None:
    """A run started before the cut keeps counting as started while the check-in after it,
    saved after the cut, stays; its pair is gone with the first check-in."""
    store = Store.open(tmp_path)
    first = store.add_checkin(CheckIn(at=WHEN, level=9))
    ran = store.record_run(run("orienting", WHEN + timedelta(minutes=1), first))
    store.add_after(CheckIn(at=WHEN + timedelta(minutes=9), level=5), ran)
    assert kept(store) == [("orienting", 1, 1, 1, 1)]
    store.forget(WHEN + timedelta(seconds=30))  # the first check-in only
    assert kept(store) == from_scratch(store) == [("orienting", 1, 0, 0, 0)]


def test_a_log_kept_aside_starts_with_no_totals(tmp_path: Path) -> None:
    store = Store.open(tmp_path)
    pair(store, "orienting", WHEN, 9, 5)
    store.keep_aside()
    assert kept(store) == []
    pair(store, "orienting", WHEN, 8, 8)
    assert kept(store) == from_scratch(store) == [("orienting", 1, 1, 0, 0)]


def test_an_older_log_with_runs_gets_its_totals_on_upgrade(tmp_path: Path) -> None:
    """A log as the previous version (4) left it, with pairs, unpaired runs and a run whose
    first check-in was forgotten, is counted once while upgrading; later saves add to it."""
    build_version(tmp_path / DB_NAME, 4)
    connection = sqlite3.connect(tmp_path / DB_NAME)
    ms = round(WHEN.timestamp() * 1000)
    rows = [(1, 9, "above"), (2, 6, "within"), (3, None, "unsure"), (4, 2, "below")]
    connection.executemany(
        "INSERT INTO checkin (id, at_ms, utc_offset_min, level, zone, window_low, window_high)"
        " VALUES (?, ?, 120, ?, ?, 3, 7)",
        [(row, ms + row, level, zone) for row, level, zone in rows],
    )
    connection.executemany(
        "INSERT INTO practice_run (item_id, kind, started_ms, ended_ms, utc_offset_min,"
        " completed, pace, before_checkin, after_checkin)"
        " VALUES (?, 'breathing', ?, ?, 120, 1, 1.0, ?, ?)",
        [
            ("orienting", ms, ms, 1, 2),
            ("orienting", ms, ms, 3, 4),  # don't know before: a pair, neither closer nor not
            ("orienting", ms, ms, None, 4),
            ("cyclic-sighing", ms, ms, 4, None),
        ],
    )
    connection.commit()
    connection.close()
    store = Store.open(tmp_path)
    assert store.connection.execute("PRAGMA user_version").fetchone()[0] == latest_version()
    assert (
        kept(store)
        == from_scratch(store)
        == [
            ("cyclic-sighing", 1, 0, 0, 0),
            ("orienting", 3, 2, 1, 1),
        ]
    )
    pair(store, "cyclic-sighing", WHEN + timedelta(hours=1), 0, 3)
    assert (
        kept(store)
        == from_scratch(store)
        == [
            ("cyclic-sighing", 2, 1, 1, 1),
            ("orienting", 3, 2, 1, 1),
        ]
    )


LEVELS = st.one_of(st.none(), st.integers(0, 10))
STEPS = st.lists(
    st.tuples(
        st.sampled_from(["pair", "pair", "forget"]),
        st.sampled_from(["orienting", "cyclic-sighing"]),
        LEVELS,
        LEVELS,
        st.integers(0, 30),  # days before WHEN
        st.booleans(),  # a first check-in given
    ),
    max_size=25,
)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(STEPS)
def test_kept_totals_always_equal_counting_from_scratch(steps: list[tuple]) -> None:
    with tempfile.TemporaryDirectory() as folder:
        store = Store.open(Path(folder))
        for action, item, first, second, days, has_first in steps:
            at = WHEN - timedelta(days=days)
            if action == "pair":
                pair(store, item, at, first if has_first else None, second)
            else:
                store.forget(at)
            assert kept(store) == from_scratch(store)
        store.close()
