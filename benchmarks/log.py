"""The private log: saving a check-in durably, beside a bare sqlite3 insert+commit with the
same durability in the same run; export with 100,000 check-ins.

    python benchmarks/log.py [--saves 500] [--rows 100000]

Budgets (DESIGN, #16): save p99 ≤ 1 ms in the store; `trakon export` of 100,000 check-ins
≤ 1.0 s and ≤ 60 MiB peak for JSON and for CSV, end to end as a command, beside a bare
sqlite3 + json.dump script on the same log in the same run (aim ≤ 0.6× its time), quiet and
with one core kept busy by another process (moderate load); the history
screen open at 100,000 check-ins ≤ 1.2× the same screen on an empty log (headless, from push
to painted, the log not yet open); `trakon summary` of the last four weeks at 100,000
check-ins (a third of them with context tags) beside the same on an empty log (#17: the same
reads as history, counted in SQL).
"""

from __future__ import annotations

import argparse
import os
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import datetime, timedelta, timezone
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

from trakon_tui.core.store import CheckIn, Store, recount_practice_totals  # noqa: E402

ZONE = timezone(timedelta(hours=2))


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def bare_insert_ms(directory: Path, count: int) -> list[float]:
    """A bare table insert + commit in WAL with synchronous=FULL: the floor for a save."""
    connection = sqlite3.connect(directory / "bare.db")
    connection.execute("PRAGMA journal_mode = WAL")
    connection.execute("PRAGMA synchronous = FULL")
    connection.execute("CREATE TABLE t (at INTEGER, level INTEGER, note TEXT)")
    times = []
    for n in range(count):
        start = time.perf_counter()
        with connection:
            connection.execute("INSERT INTO t VALUES (?, ?, ?)", (n, n % 11, "note"))
        times.append((time.perf_counter() - start) * 1000)
    connection.close()
    return times


def store_save_ms(directory: Path, count: int) -> list[float]:
    store = Store.open(directory / "store")
    base = datetime(2026, 11, 23, 9, 0, tzinfo=ZONE)
    times = []
    for n in range(count):
        checkin = CheckIn(
            at=base + timedelta(minutes=n), level=n % 11, tags=("tense",), note="note"
        )
        start = time.perf_counter()
        store.add_checkin(checkin)
        times.append((time.perf_counter() - start) * 1000)
    store.close()
    return times


def fill(directory: Path, rows: int) -> Store:
    """A log with `rows` check-ins spread over the two years up to today, inserted out of time
    order; every fifth pair of rows is a before/after pair around a practice run."""
    store = Store.open(directory)
    span = rows * 10  # minutes
    base = datetime.now(ZONE) - timedelta(minutes=span)
    items = ("cyclic-sighing", "orienting", "extended-exhale-4-6", "senses-3-2-1")
    with store.connection:
        for n in range(rows):
            at = base + timedelta(minutes=(n * 7919) % span)
            ms = round(at.timestamp() * 1000)
            level = n % 11
            zone = "below" if level < 3 else "above" if level > 7 else "within"
            cursor = store.connection.execute(
                "INSERT INTO checkin (at_ms, utc_offset_min, level, zone, window_low,"
                " window_high, tags, note) VALUES (?, 120, ?, ?, 3, 7, 'tense', 'a note')",
                (ms, level, zone),
            )
            if n % 10 == 1:  # the after of the row before
                after = int(cursor.lastrowid or 0)
                store.connection.execute(
                    "INSERT INTO practice_run (item_id, kind, started_ms, ended_ms,"
                    " utc_offset_min, completed, pace, before_checkin, after_checkin)"
                    " VALUES (?, 'breathing', ?, ?, 120, 1, 1.0, ?, ?)",
                    (items[n % len(items)], ms, ms, after - 1, after),
                )
        recount_practice_totals(store.connection)  # rows written here, not by the store
    return store


# What a minimal export costs: every check-in read and written as JSON by the standard
# library, nothing else (no field names, no times as text, the whole list in memory).
BARE_EXPORT = """
import json, sqlite3, sys
rows = sqlite3.connect(sys.argv[1]).execute("SELECT * FROM checkin ORDER BY at_ms, id")
with open(sys.argv[2], "w", encoding="utf-8") as out:
    json.dump([list(row) for row in rows], out, ensure_ascii=False)
"""


def run_measured(argv: list[str]) -> tuple[float, float]:
    """Wall seconds and peak resident MiB of a command, started and waited for here."""
    start = time.perf_counter()
    process = subprocess.Popen(argv, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _pid, status, usage = os.wait4(process.pid, 0)
    elapsed = time.perf_counter() - start
    if status != 0:
        raise SystemExit(
            f"{argv} failed: {process.stderr.read().decode() if process.stderr else ''}"
        )
    return elapsed, usage.ru_maxrss / 1024


def busy_core() -> subprocess.Popen[bytes]:
    """Moderate load: one process spinning on one of the machine's cores."""
    return subprocess.Popen([sys.executable, "-c", "while True: pass"])


def spread(values: list[float], scale: float = 1.0, digits: int = 2) -> str:
    return f"{min(values) * scale:.{digits}f}–{max(values) * scale:.{digits}f}"


def export_figures(directory: Path, repeats: int) -> list[tuple[str, float, float, list[float]]]:
    """(name, median seconds, peak MiB, every run's seconds) for the bare script and
    `trakon export` JSON and CSV."""
    log = directory / "big"
    commands = {
        "bare sqlite3 + json.dump": [
            sys.executable,
            "-c",
            BARE_EXPORT,
            str(log / "trakon.db"),
            str(directory / "bare.json"),
        ],
    }
    for fmt in ("json", "csv"):
        commands[f"trakon export --format {fmt}"] = [
            sys.executable, "-m", "trakon_tui", "--data-dir", str(log), "export",
            "--format", fmt, "-o", str(directory / f"export.{fmt}"), "--force",
        ]  # fmt: skip
    results: dict[str, list[tuple[float, float]]] = {name: [] for name in commands}
    for _ in range(repeats):  # interleaved, so that the machine's moods fall on all alike
        for name, argv in commands.items():
            results[name].append(run_measured(argv))
    return [
        (
            name,
            statistics.median(t for t, _m in runs),
            max(m for _t, m in runs),
            [t for t, _m in runs],
        )
        for name, runs in results.items()
    ]


def history_open_ms(directories: list[Path], repeats: int) -> list[list[tuple[float, float]]]:
    """Push the real history screen in a headless app, the log not yet open, until painted:
    (wall ms, CPU ms of this process) per run, for each log in turn, run by run interleaved
    so that the machine's moods fall on all alike. CPU time is the steadier figure on a
    loaded machine (the wall time also holds the pilot's fixed waits)."""
    import asyncio

    from trakon_tui.core.library import load_library
    from trakon_tui.core.practice_log import LazyStoreLog
    from trakon_tui.core.settings import Settings
    from trakon_tui.ui.app import AppConfig, TrakonApp
    from trakon_tui.ui.screens.history import HistoryScreen

    library = load_library([])

    async def once(directory: Path) -> tuple[float, float]:
        config = AppConfig(
            settings=Settings(language="en"),
            settings_file=directory / "settings.toml",
            load_library=lambda: library,
            save_settings=False,
            practice_log=LazyStoreLog(directory),
        )
        app = TrakonApp(config)
        async with app.run_test(size=(100, 32)) as pilot:
            await app.workers.wait_for_complete()
            await pilot.pause()
            start, cpu = time.perf_counter(), time.process_time()
            await app.push_screen(HistoryScreen())
            await pilot.pause()
            elapsed = (time.perf_counter() - start) * 1000, (time.process_time() - cpu) * 1000
            assert isinstance(app.screen, HistoryScreen)
        return elapsed

    for directory in directories:  # the first run of each imports the screen's modules
        asyncio.run(once(directory))
    times: list[list[tuple[float, float]]] = [[] for _ in directories]
    for _ in range(repeats):
        for index, directory in enumerate(directories):
            times[index].append(asyncio.run(once(directory)))
    return times


def add_context_tags(directory: Path) -> int:
    """Mark every third check-in of a filled log with what was just before (#17), as a user
    who uses the details would: how many tags were added."""
    tags = ("home-visit", "phone-call", "meeting", "documentation", "client-crisis")
    store = Store.open(directory)
    with store.connection:
        rows = [r for (r,) in store.connection.execute("SELECT id FROM checkin WHERE id % 3 = 0")]
        store.connection.executemany(
            "INSERT INTO checkin_context (checkin_id, tag) VALUES (?, ?)",
            [(row, tags[row % len(tags)]) for row in rows],
        )
    store.close()
    return len(rows)


def summary_ms(directory: Path, repeats: int) -> tuple[list[float], list[float]]:
    """In process: `read_summary` of the last four weeks (the SQL), and the same read plus
    the whole HTML page (Rich's export), in milliseconds."""
    from trakon_tui import summary_page
    from trakon_tui.core.library import load_library
    from trakon_tui.core.summary import read_summary

    library = load_library([])
    today = datetime.now().astimezone().date()
    reads, pages = [], []
    for _ in range(repeats):
        store = Store.open(directory)
        start = time.perf_counter()
        summary = read_summary(store, today, 4)
        reads.append((time.perf_counter() - start) * 1000)
        summary_page.page(summary, library, (3, 7), "html")
        pages.append((time.perf_counter() - start) * 1000)
        store.close()
    return reads, pages


def summary_command_s(directory: Path, log: Path, repeats: int) -> list[float]:
    """`trakon summary -o FILE.html` end to end (interpreter start included)."""
    argv = [
        sys.executable, "-m", "trakon_tui", "--data-dir", str(log), "summary",
        "-o", str(directory / f"summary-{log.name}.html"), "--force",
    ]  # fmt: skip
    return [run_measured(argv)[0] for _ in range(repeats)]


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--saves", type=int, default=500)
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--repeats", type=int, default=7)
    args = parser.parse_args()
    directory = Path(tempfile.mkdtemp(prefix="trakon-log-bench-"))
    bare = bare_insert_ms(directory, args.saves)
    ours = store_save_ms(directory, args.saves)
    load = ", ".join(f"{n:.2f}" for n in os.getloadavg())
    print(f"log benchmark, {args.saves} saves, WAL + synchronous=FULL, {directory}")
    print(f"load average at the start: {load} ({os.cpu_count()} cores)")
    print(f"{'':34}{'p50 ms':>9}{'p99 ms':>9}{'max ms':>9}")
    for name, values in (("bare sqlite3 insert + commit", bare), ("Store.add_checkin", ours)):
        print(
            f"{name:34}{statistics.median(values):9.3f}{percentile(values, 0.99):9.3f}"
            f"{max(values):9.3f}"
        )
    empty = directory / "empty"
    Store.open(empty).close()
    store = fill(directory / "big", args.rows)
    store.close()
    ratio = statistics.median(ours) / statistics.median(bare)
    print(f"{'ratio (store / bare), p50':34}{ratio:9.2f}")
    print()
    for load in ("quiet", "one core busy"):
        hog = busy_core() if load != "quiet" else None
        try:
            figures = export_figures(directory, args.repeats)
        finally:
            if hog is not None:
                hog.kill()
                hog.wait()
        bare_s = figures[0][1]
        print(f"export of {args.rows:,} check-ins, {load}, {args.repeats} runs each, end to end")
        print(f"{'':34}{'median s':>10}{'min–max s':>12}{'ratio':>7}{'peak MiB':>10}   budget")
        for name, seconds, peak, runs in figures:
            budget = "" if name.startswith("bare") else "≤ 1.0 s, ≤ 60 MiB (aim ≤ 0.6×)"
            print(
                f"{name:34}{seconds:10.2f}{spread(runs):>12}{seconds / bare_s:7.2f}{peak:10.1f}"
                f"   {budget}"
            )
        print()
    tagged = add_context_tags(directory / "big")  # after export: its figures stay comparable
    baseline, big = history_open_ms([empty, directory / "big"], args.repeats * 2)
    med = statistics.median
    print(
        f"history screen, push to painted, {args.repeats * 2} runs each, interleaved"
        f" (budget ≤ 1.2× empty); the big log with {tagged:,} context tags"
    )
    print(f"{'':34}{'wall ms':>10}{'min–max':>12}{'CPU ms':>9}{'min–max':>12}")
    for name, values in (("empty log", baseline), (f"{args.rows:,} check-ins", big)):
        wall, cpu = [w for w, _c in values], [c for _w, c in values]
        print(
            f"{name:34}{med(wall):10.1f}{spread(wall, digits=0):>12}{med(cpu):9.1f}"
            f"{spread(cpu, digits=0):>12}"
        )
    ratio = med(w for w, _c in big) / med(w for w, _c in baseline)
    cpu_ratio = med(c for _w, c in big) / med(c for _w, c in baseline)
    print(
        f"{'ratio (big / empty), medians':34}{ratio:10.2f}{'':12}{cpu_ratio:9.2f}{'':12}"
        "   budget ≤ 1.20 (wall)"
    )
    print()
    print(
        f"summary of the last 4 weeks (#17), {args.repeats} runs each; the big log with "
        f"{tagged:,} context tags (budget: ≤ 1.2× empty, as history)"
    )
    print(f"{'':34}{'read ms':>10}{'+page ms':>10}{'command s':>11}")
    rows = []
    for name, log in (("empty log", empty), (f"{args.rows:,} check-ins", directory / "big")):
        reads, pages = summary_ms(log, args.repeats)
        command = summary_command_s(directory, log, args.repeats)
        rows.append(
            (statistics.median(reads), statistics.median(pages), statistics.median(command))
        )
        print(f"{name:34}{rows[-1][0]:10.1f}{rows[-1][1]:10.1f}{rows[-1][2]:11.2f}")
    (r0, p0, c0), (r1, p1, c1) = rows
    print(f"{'ratio (big / empty), median':34}{r1 / r0:10.2f}{p1 / p0:10.2f}{c1 / c0:11.2f}")


if __name__ == "__main__":
    main()
