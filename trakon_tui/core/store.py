"""The private log: SQLite in the user's data directory, readable by the user alone.

Every write is committed durably (WAL with synchronous=FULL) before the caller may say
"saved". Schema changes are numbered SQL files applied by `PRAGMA user_version`, never a
reset. A database that cannot be read is moved aside with a timestamp (never deleted, never
overwritten) and a fresh log starts; a locked or read-only one raises LogError with a message.
"""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field, replace
from datetime import date, datetime, timedelta, timezone
from pathlib import Path
from typing import Literal, NamedTuple

from trakon_tui.core.practice_log import PracticeRun
from trakon_tui.core.window import DEFAULT_WINDOW, Outcome, ZoneName, zone_for
from trakon_tui.i18n import N_

DB_NAME = "trakon.db"
BUSY_TIMEOUT_MS = 5000
MIGRATIONS = Path(__file__).parent / "migrations"

Context = Literal["standalone", "before", "after"]
CHECKIN_COLUMNS = (
    "id",
    "at_ms",
    "utc_offset_min",
    "level",
    "zone",
    "window_low",
    "window_high",
    "intensity",
    "tags",
    "body_areas",
    "note",
    "context",
    "practice_id",
    "pair_id",
)
CheckinRow = tuple[  # the columns above; the table's CHECKs guarantee `context`'s values
    int,
    int,
    int,
    int | None,
    str,
    int,
    int,
    int | None,
    str,
    str,
    str | None,
    Context,
    str | None,
    int | None,
]
# id, item_id, kind, started_ms, ended_ms, utc_offset_min, completed, pace, before, after
RunRow = tuple[int, str, str, int, int, int, int, float, int | None, int | None]


class LogError(Exception):
    """A problem the user must be told about; nothing was written."""

    def __init__(self, msgid: str, **args: object) -> None:
        super().__init__(msgid)
        self.msgid = msgid
        self.args_ = args

    def message(self) -> str:
        from trakon_tui.i18n import _

        return _(self.msgid).format(**self.args_)


EPOCH_DAY = date(1970, 1, 1)


@dataclass(frozen=True)
class DayLevels:
    day: date  # the local calendar day
    lowest: int
    highest: int
    mean: float
    count: int
    window: tuple[int, int]


class Writing(NamedTuple):
    id: int
    at: datetime
    item_id: str
    text: str


@dataclass(frozen=True)
class CheckIn:
    at: datetime  # timezone-aware
    level: int | None  # 0..10, None for "don't know / mixed"
    window: tuple[int, int] = DEFAULT_WINDOW
    intensity: int | None = None
    tags: tuple[str, ...] = ()
    body_areas: tuple[str, ...] = ()
    note: str | None = None
    context: Context = "standalone"
    practice_id: str | None = None
    pair_id: int | None = None
    id: int | None = None

    @property
    def zone(self) -> ZoneName:
        return zone_for(self.level, *self.window)


def _ms(moment: datetime) -> tuple[int, int]:
    offset = moment.utcoffset() or timedelta(0)
    return round(moment.timestamp() * 1000), round(offset.total_seconds() / 60)


_INSERT_CHECKIN = (
    "INSERT INTO checkin (at_ms, utc_offset_min, level, zone, window_low, window_high,"
    " intensity, tags, body_areas, note, context, practice_id, pair_id)"
    " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
)


def _checkin_params(checkin: CheckIn) -> tuple[object, ...]:
    at_ms, offset = _ms(checkin.at)
    return (
        at_ms,
        offset,
        checkin.level,
        checkin.zone,
        checkin.window[0],
        checkin.window[1],
        checkin.intensity,
        ",".join(checkin.tags),
        ",".join(checkin.body_areas),
        checkin.note,
        checkin.context,
        checkin.practice_id,
        checkin.pair_id,
    )


def _checkin(row: CheckinRow) -> CheckIn:
    row_id, at, off, level, _zone, low, high, inten, tags, areas, note, context, practice, pair = (
        row
    )
    return CheckIn(
        at=_moment(at, off),
        level=level,
        window=(low, high),
        intensity=inten,
        tags=tuple(filter(None, tags.split(","))),
        body_areas=tuple(filter(None, areas.split(","))),
        note=note,
        context=context,
        practice_id=practice,
        pair_id=pair,
        id=row_id,
    )


def _moment(ms: int, offset_min: int) -> datetime:
    return datetime.fromtimestamp(ms / 1000, tz=timezone(timedelta(minutes=offset_min)))


def migrations() -> list[tuple[int, str]]:
    """(version, SQL) for every numbered file, in order."""
    found = []
    for path in sorted(MIGRATIONS.glob("[0-9][0-9][0-9][0-9]_*.sql")):
        found.append((int(path.name[:4]), path.read_text(encoding="utf-8")))
    return found


def latest_version() -> int:
    return max((version for version, _ in migrations()), default=0)


@dataclass
class Store:
    path: Path
    connection: sqlite3.Connection
    moved_aside: Path | None = None  # where an unreadable log was put, if one was
    now: Callable[[], datetime] = field(default=lambda: datetime.now().astimezone())

    # --- opening -------------------------------------------------------------------------

    @classmethod
    def open(cls, directory: Path, *, now: Callable[[], datetime] | None = None) -> Store:
        try:
            directory.mkdir(mode=0o700, parents=True, exist_ok=True)
            os.chmod(directory, 0o700)
        except OSError as error:
            raise LogError(
                N_("The log folder {path} cannot be used: {reason}"),
                path=directory,
                reason=error.strerror or error,
            ) from error
        path = directory / DB_NAME
        moved: Path | None = None
        try:
            connection = _connect(path)
        except _Unreadable:
            moved = _move_aside(path, now)
            connection = _connect(path)
        store = cls(path, connection, moved)
        if now is not None:
            store.now = now
        return store

    def close(self) -> None:
        self.connection.close()

    # --- writing -------------------------------------------------------------------------

    def add_checkin(self, checkin: CheckIn) -> int:
        return self._write(_INSERT_CHECKIN, _checkin_params(checkin))

    def record_run(self, run: PracticeRun) -> int:
        """The PracticeLog interface the practice screens report to. A run chosen after a
        check-in marks that check-in as its "before"."""
        return self.add_run(run, run.before_checkin)

    def add_run(self, run: PracticeRun, before: int | None = None, after: int | None = None) -> int:
        started, offset = _ms(run.started_at)
        ended, _ = _ms(run.ended_at)

        def write(connection: sqlite3.Connection) -> int:
            cursor = connection.execute(
                "INSERT INTO practice_run (item_id, kind, started_ms, ended_ms, utc_offset_min,"
                " completed, pace, before_checkin, after_checkin)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    run.item_id,
                    run.kind,
                    started,
                    max(ended, started),
                    offset,
                    int(run.completed),
                    run.pace,
                    before,
                    after,
                ),
            )
            if before is not None:
                connection.execute(
                    "UPDATE checkin SET context = 'before', practice_id = ?"
                    " WHERE id = ? AND context = 'standalone'",
                    (run.item_id, before),
                )
            return int(cursor.lastrowid or 0)

        return self._transaction(write)

    def add_after(self, checkin: CheckIn, run_id: int) -> int:
        """The second check-in of a pair: saved with its link to the first and to the run,
        in one transaction."""

        def write(connection: sqlite3.Connection) -> int:
            row = connection.execute(
                "SELECT item_id, before_checkin FROM practice_run WHERE id = ?", (run_id,)
            ).fetchone()
            item_id, before = row if row else (None, None)
            after = replace(checkin, context="after", practice_id=item_id, pair_id=before)
            cursor = connection.execute(_INSERT_CHECKIN, _checkin_params(after))
            new_id = int(cursor.lastrowid or 0)
            connection.execute(
                "UPDATE practice_run SET after_checkin = ? WHERE id = ?", (new_id, run_id)
            )
            return new_id

        return self._transaction(write)

    def add_details(
        self,
        checkin_id: int,
        *,
        intensity: int | None,
        tags: tuple[str, ...],
        body_areas: tuple[str, ...],
        note: str | None,
    ) -> None:
        """The optional details, added to a check-in that is already saved."""

        def write(connection: sqlite3.Connection) -> int:
            connection.execute(
                "UPDATE checkin SET intensity = ?, tags = ?, body_areas = ?, note = ? WHERE id = ?",
                (intensity, ",".join(tags), ",".join(body_areas), note or None, checkin_id),
            )
            return checkin_id

        self._transaction(write)

    def _transaction(self, work: Callable[[sqlite3.Connection], int]) -> int:
        try:
            with self.connection:  # commits (durably: synchronous=FULL) or rolls back
                return work(self.connection)
        except sqlite3.OperationalError as error:
            raise _log_error(error, self.path) from error
        except sqlite3.IntegrityError as error:
            raise LogError(
                N_("This check-in has a value out of range: {detail}"), detail=str(error)
            ) from error

    def _write(self, sql: str, params: tuple[object, ...]) -> int:
        return self._transaction(lambda c: int(c.execute(sql, params).lastrowid or 0))

    def add_writing(self, at: datetime, item_id: str, text: str) -> int:
        """A writing the user chose to keep."""
        at_ms, offset = _ms(at)
        return self._write(
            "INSERT INTO writing (at_ms, utc_offset_min, item_id, text) VALUES (?, ?, ?, ?)",
            (at_ms, offset, item_id, text),
        )

    # --- reading -------------------------------------------------------------------------

    def writings(self, limit: int | None = None) -> list[Writing]:
        """Kept writings, newest first."""
        rows = self.connection.execute(
            "SELECT id, at_ms, utc_offset_min, item_id, text FROM writing"
            " ORDER BY at_ms DESC, id DESC LIMIT ?",
            (-1 if limit is None else limit,),
        )
        return [Writing(n, _moment(at, off), item, text) for n, at, off, item, text in rows]

    def checkin_rows(self, since: datetime | None = None) -> Iterator[CheckinRow]:
        """Raw check-in rows in time order (export reads these: no object per row)."""
        sql = f"SELECT {', '.join(CHECKIN_COLUMNS)} FROM checkin"
        params: tuple[object, ...] = ()
        if since is not None:
            sql += " WHERE at_ms >= ?"
            params = (_ms(since)[0],)
        yield from self.connection.execute(sql + " ORDER BY at_ms, id", params)

    def checkins(self, since: datetime | None = None) -> list[CheckIn]:
        return [_checkin(row) for row in self.checkin_rows(since)]

    def checkin(self, checkin_id: int) -> CheckIn | None:
        row = self.connection.execute(
            f"SELECT {', '.join(CHECKIN_COLUMNS)} FROM checkin WHERE id = ?", (checkin_id,)
        ).fetchone()
        return _checkin(row) if row else None

    def recent(self, count: int) -> list[CheckIn]:
        """The latest check-ins, newest first."""
        rows = self.connection.execute(
            f"SELECT {', '.join(CHECKIN_COLUMNS)} FROM checkin"
            " ORDER BY at_ms DESC, id DESC LIMIT ?",
            (count,),
        )
        return [_checkin(row) for row in rows]

    def count(self) -> int:
        return int(self.connection.execute("SELECT count(*) FROM checkin").fetchone()[0])

    def daily_levels(self, since: datetime) -> list[DayLevels]:
        """Per local calendar day from `since`: lowest, highest and mean level and the window
        band of that day's last check-in. Days without a rated check-in are absent."""
        rows = self.connection.execute(
            "SELECT (at_ms + utc_offset_min * 60000) / 86400000 AS day, min(level),"
            " max(level), avg(level), count(*), window_low, window_high"
            " FROM checkin WHERE at_ms >= ? AND level IS NOT NULL"
            " GROUP BY day ORDER BY day",
            (_ms(since)[0],),
        )
        return [
            DayLevels(EPOCH_DAY + timedelta(days=day), low, high, mean, n, (w_low, w_high))
            for day, low, high, mean, n, w_low, w_high in rows
        ]

    def outcomes(self) -> list[Outcome]:
        """Every practice run with a check-in before and after it, in the order the runs were
        saved (rowid order needs no sort: at 100,000 check-ins ordering by start time took
        about twice as long, for callers that only count)."""
        rows = self.connection.execute(
            "SELECT r.item_id, b.level, a.level, b.window_low, b.window_high"
            " FROM practice_run r JOIN checkin b ON b.id = r.before_checkin"
            " JOIN checkin a ON a.id = r.after_checkin ORDER BY r.id"
        )
        return [Outcome(item, b, a, (low, high)) for item, b, a, low, high in rows]

    def run_counts(self) -> dict[str, int]:
        """How many times each practice was started."""
        rows = self.connection.execute("SELECT item_id, count(*) FROM practice_run GROUP BY 1")
        return {item: int(n) for item, n in rows}

    def runs(self) -> Iterator[RunRow]:
        yield from self.connection.execute(
            "SELECT id, item_id, kind, started_ms, ended_ms, utc_offset_min, completed, pace,"
            " before_checkin, after_checkin FROM practice_run ORDER BY started_ms, id"
        )

    # --- forgetting ----------------------------------------------------------------------

    def forget(self, before: datetime | None = None) -> int:
        """Delete everything (or everything before a moment) and leave no trace in the file:
        the WAL is checkpointed and truncated and the database vacuumed."""
        try:
            with self.connection:
                if before is None:
                    count = self.connection.execute("DELETE FROM checkin").rowcount
                    self.connection.execute("DELETE FROM practice_run")
                    self.connection.execute("DELETE FROM writing")
                else:
                    cut = _ms(before)[0]
                    count = self.connection.execute(
                        "DELETE FROM checkin WHERE at_ms < ?", (cut,)
                    ).rowcount
                    self.connection.execute("DELETE FROM practice_run WHERE started_ms < ?", (cut,))
                    self.connection.execute("DELETE FROM writing WHERE at_ms < ?", (cut,))
            self.connection.execute("VACUUM")
            self.connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        except sqlite3.OperationalError as error:
            raise _log_error(error, self.path) from error
        return count


class _Unreadable(Exception):
    pass


def _connect(path: Path) -> sqlite3.Connection:
    if not path.exists():
        # Created private before SQLite opens it; SQLite gives its WAL files the same mode.
        os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))
    try:
        connection = sqlite3.connect(
            path, timeout=BUSY_TIMEOUT_MS / 1000, isolation_level="DEFERRED"
        )
    except sqlite3.OperationalError as error:
        raise _log_error(error, path) from error
    try:
        connection.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        version = connection.execute("PRAGMA user_version").fetchone()[0]
        connection.execute("SELECT count(*) FROM sqlite_master").fetchone()
    except sqlite3.DatabaseError as error:
        connection.close()
        if isinstance(error, sqlite3.OperationalError) and "locked" in str(error):
            raise _log_error(error, path) from error
        raise _Unreadable(str(error)) from error
    if version > latest_version():
        connection.close()
        raise LogError(
            N_("The log at {path} was written by a newer version of Trakon; it was left as it is."),
            path=path,
        )
    try:
        connection.execute("PRAGMA journal_mode = WAL")
        connection.execute("PRAGMA synchronous = FULL")
        connection.execute("PRAGMA foreign_keys = ON")
        if version < latest_version():
            _migrate(connection)
    except sqlite3.OperationalError as error:
        connection.close()
        raise _log_error(error, path) from error
    except sqlite3.DatabaseError as error:
        connection.close()
        raise _Unreadable(str(error)) from error
    return connection


def _statements(sql: str) -> Iterator[str]:
    """The statements of a migration file, split where SQLite says one is complete."""
    pending = ""
    for line in sql.splitlines(keepends=True):
        pending += line
        if sqlite3.complete_statement(pending):
            if pending.strip():
                yield pending
            pending = ""


def _migrate(connection: sqlite3.Connection) -> None:
    """Apply every newer migration, each with its version bump in one write-locked
    transaction. The version is read again under the lock, so that several Trakons opening
    a new log at once migrate it exactly once."""
    previous = connection.isolation_level
    connection.isolation_level = None  # we issue BEGIN and COMMIT ourselves
    try:
        for version, sql in migrations():
            connection.execute("BEGIN IMMEDIATE")
            try:
                current = connection.execute("PRAGMA user_version").fetchone()[0]
                if current < version:
                    for statement in _statements(sql):
                        connection.execute(statement)
                    connection.execute(f"PRAGMA user_version = {version}")
                connection.execute("COMMIT")
            except BaseException:
                connection.execute("ROLLBACK")
                raise
    finally:
        connection.isolation_level = previous


def _move_aside(path: Path, now: Callable[[], datetime] | None) -> Path:
    stamp = (now() if now else datetime.now().astimezone()).strftime("%Y%m%dT%H%M%S")
    target = path.with_name(f"{path.name}.unreadable-{stamp}")
    n = 1
    while target.exists():  # never overwrite an earlier one
        n += 1
        target = path.with_name(f"{path.name}.unreadable-{stamp}-{n}")
    os.replace(path, target)
    for suffix in ("-wal", "-shm"):
        extra = path.with_name(path.name + suffix)
        if extra.exists():
            os.replace(extra, target.with_name(target.name + suffix))
    return target


def _log_error(error: sqlite3.Error, path: Path) -> LogError:
    text = str(error).lower()
    if "locked" in text or "busy" in text:
        return LogError(
            N_(
                "The log is busy (another Trakon is writing); nothing was saved. "
                "You can try again in a moment."
            )
        )
    if "readonly" in text or "read-only" in text:
        return LogError(N_("The log at {path} is read-only; nothing was saved."), path=path)
    return LogError(
        N_("The log at {path} could not be written: {detail}"), path=path, detail=str(error)
    )
