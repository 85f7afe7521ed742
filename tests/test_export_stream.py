"""The export's fast paths write exactly what the plain ones wrote (#16): times as
`datetime.isoformat` writes them in every offset, and records across batch boundaries."""

from __future__ import annotations

import csv
import io
import json
from datetime import datetime, timedelta, timezone
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from trakon_tui.core import export
from trakon_tui.core.practice_log import PracticeRun
from trakon_tui.core.store import CheckIn, Store

OFFSETS = st.integers(-1080, 1080)
MS = st.integers(-2_000_000_000_000, 32_000_000_000_000)  # 1906 to 2984


@settings(max_examples=2000)
@given(MS, OFFSETS)
def test_times_are_written_as_isoformat_writes_them(ms: int, offset: int) -> None:
    zone = timezone(timedelta(minutes=offset))
    expected = datetime.fromtimestamp(ms // 1000, zone).isoformat()
    times = export._Times()
    assert times(ms, offset) == expected
    assert times(ms, offset) == expected  # and again, from what it keeps


def test_records_across_batches_are_all_written_in_time_order(tmp_path: Path) -> None:
    """More check-ins than one batch, saved out of time order, some with signs that repeat
    and some with control characters: every one is written once, in time order, in JSON and
    in CSV, each CSV row as wide as the header."""
    store = Store.open(tmp_path)
    start = datetime(2026, 11, 1, 8, 0, tzinfo=timezone(timedelta(hours=2)))
    count = export._BATCH + 7
    with store.connection:
        for n in range(count):
            at = start + timedelta(minutes=(n * 7919) % count)
            store.connection.execute(
                "INSERT INTO checkin (at_ms, utc_offset_min, level, zone, window_low,"
                " window_high, tags, note) VALUES (?, 120, 5, 'within', 3, 7, ?, ?)",
                (round(at.timestamp() * 1000), "tense,on-guard" if n % 2 else "x\x1by", f"n{n}"),
            )
    before = store.add_checkin(CheckIn(at=start, level=8, context_tags=("phone-call",)))
    store.record_run(
        PracticeRun("orienting", "breathing", start, start, True, before_checkin=before)
    )
    out = io.BytesIO()
    export.write_json(store, out)
    data = json.loads(out.getvalue())
    times = [record["time"] for record in data["checkins"]]
    assert len(times) == count + 1 and times == sorted(times)
    assert {record["note"] for record in data["checkins"]} >= {f"n{n}" for n in range(count)}
    assert data["checkins"][-1]["tags"] in (["tense", "on-guard"], ["x\x1by"])
    assert len(data["practice_runs"]) == 1 and len(data["context_tags"]) == 1
    out = io.BytesIO()
    export.write_csv(store, out, ";")
    rows = list(csv.reader(io.StringIO(out.getvalue().decode("utf-8-sig")), delimiter=";"))
    assert rows[0] == list(export.CSV_COLUMNS)
    assert {len(row) for row in rows} == {len(export.CSV_COLUMNS)}
    assert [row[0] for row in rows[1:]].count("checkin") == count + 1
    assert "x\x1by" not in out.getvalue().decode("utf-8-sig")  # made visible, as before
