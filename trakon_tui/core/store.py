"""The private log: SQLite in the user's data directory, readable by the user alone.

Every write is committed durably (WAL with synchronous=FULL) before the caller may say
"saved". Schema changes are numbered SQL files applied by `PRAGMA user_version`, never a
reset. A damaged log (malformed, not a database, I/O errors), found on opening or on a write,
is kept aside with a timestamp (never deleted, never overwritten) and a fresh log starts; the
write that found it is saved in the fresh log. A locked or read-only log raises LogError with
a message, and so does a read from a damaged one, and opening one for reading (the file is
then left as it is). The folder is Trakon's own (see
`log_folder`); nothing is opened or written through a symbolic link.
"""

from __future__ import annotations

import contextlib
import errno
import os
import re
import sqlite3
import stat
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from datetime import date, datetime, timedelta, timezone
from pathlib import Path
from typing import Any, Literal, NamedTuple

from trakon_tui.core.files import keep_aside
from trakon_tui.core.paths import APP_NAME
from trakon_tui.core.practice_log import PracticeRun
from trakon_tui.core.text import WordedError
from trakon_tui.core.window import DEFAULT_WINDOW, Outcome, ZoneName, zone_for
from trakon_tui.i18n import N_

DB_NAME = "trakon.db"
KEPT_PREFIX = DB_NAME + ".unreadable-"  # a damaged log kept aside: trakon.db.unreadable-STAMP
FOLDER_MARK = ".trakon-folder"  # written into a folder Trakon made
BUSY_TIMEOUT_MS = 5000
MIGRATIONS = Path(__file__).parent / "migrations"
# The longest writing the log keeps, in characters: the writing table's CHECK says the same
# (0002_writing.sql). Said before the insert, so the user hears why, not a CHECK failure.
WRITING_LIMIT = 20_000

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


class LogError(WordedError):
    """A problem the user must be told about; nothing was written."""


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
    context_tags: tuple[str, ...] = ()  # what was just before (core.context; #17)

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


# Per practice, counted from every run (from `since`): times started, pairs (a check-in
# before and after it; don't know / mixed counts too), how many came closer to the window
# (the first check-in's band), and how many came back into it from outside.
_TOTALS = (
    "SELECT r.item_id, count(*), sum(b.id IS NOT NULL AND a.id IS NOT NULL) AS pairs,"
    " sum(coalesce(max(b.window_low - a.level, a.level - b.window_high, 0)"
    "  < max(b.window_low - b.level, b.level - b.window_high, 0), 0)) AS toward,"
    " sum(coalesce(b.level NOT BETWEEN b.window_low AND b.window_high"
    "  AND a.level BETWEEN b.window_low AND b.window_high, 0)) AS back"
    " FROM practice_run r LEFT JOIN checkin b ON b.id = r.before_checkin"
    " LEFT JOIN checkin a ON a.id = r.after_checkin"
)
_ADD_TOTALS = (
    " ON CONFLICT (item_id) DO UPDATE SET runs = runs + excluded.runs,"
    " pairs = pairs + excluded.pairs, toward = toward + excluded.toward,"
    " back = back + excluded.back"
)


def recount_practice_totals(connection: sqlite3.Connection) -> None:
    """The kept per-practice totals (migration 0005) counted again from every run, in the
    caller's transaction (after forgetting, or after rows written without the store)."""
    connection.execute("DELETE FROM practice_total")
    connection.execute(
        "INSERT INTO practice_total (item_id, runs, pairs, toward, back) "
        + _TOTALS
        + " WHERE true GROUP BY r.item_id"
    )


def _count_run(connection: sqlite3.Connection, run: int, *, started: int, sign: int) -> None:
    """Add (sign 1) or take away (-1) one run's share of the kept totals: `started` times
    started, and its pair's outcome, in the caller's transaction."""
    connection.execute(
        "INSERT INTO practice_total (item_id, runs, pairs, toward, back)"
        " SELECT item_id, ? * ?, ? * coalesce(pairs, 0), ? * coalesce(toward, 0),"
        " ? * coalesce(back, 0) FROM (" + _TOTALS + " WHERE r.id = ? GROUP BY r.item_id)"
        " WHERE true" + _ADD_TOTALS,
        (sign, started, sign, sign, sign, run),
    )


_RUN_ROWS = (
    "SELECT id, item_id, kind, started_ms, ended_ms, utc_offset_min, completed, pace,"
    " before_checkin, after_checkin FROM practice_run ORDER BY started_ms, id"
)
_CONTEXT_ROWS = "SELECT checkin_id, tag FROM checkin_context ORDER BY checkin_id, tag"
_SURROGATE = re.compile("[\ud800-\udfff]")


def storable(text: str) -> str:
    """`text` as SQLite can keep it: a lone surrogate (what Python makes of bytes that are not
    UTF-8, e.g. a note typed under LC_ALL=C) becomes U+FFFD instead of failing the save."""
    if text.isascii() or _SURROGATE.search(text) is None:
        return text
    return _SURROGATE.sub("\ufffd", text)


def _insert_checkin(connection: sqlite3.Connection, checkin: CheckIn) -> int:
    """A check-in and its context tags (#17), in the caller's transaction: its row."""
    row = int(connection.execute(_INSERT_CHECKIN, _checkin_params(checkin)).lastrowid or 0)
    if checkin.context_tags:
        _set_context(connection, row, checkin.context_tags)
    return row


def _set_context(connection: sqlite3.Connection, row: int, tags: Sequence[str]) -> None:
    connection.execute("DELETE FROM checkin_context WHERE checkin_id = ?", (row,))
    connection.executemany(
        "INSERT OR IGNORE INTO checkin_context (checkin_id, tag) VALUES (?, ?)",
        [(row, tag) for tag in tags],
    )


def _storable_checkin(checkin: CheckIn) -> CheckIn:
    texts = (
        checkin.note or "",
        checkin.practice_id or "",
        *checkin.tags,
        *checkin.body_areas,
        *checkin.context_tags,
    )
    if all(t.isascii() for t in texts):  # the common case: nothing to copy
        return checkin
    return replace(
        checkin,
        note=None if checkin.note is None else storable(checkin.note),
        practice_id=None if checkin.practice_id is None else storable(checkin.practice_id),
        tags=tuple(storable(t) for t in checkin.tags),
        body_areas=tuple(storable(a) for a in checkin.body_areas),
        context_tags=tuple(storable(t) for t in checkin.context_tags),
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


# Ids handed to callers carry the generation of the log they were saved in (0: the log as
# opened; one more each time a damaged log was kept aside during a write), so that an id from
# a log kept aside can never name an unrelated row of the fresh one. In generation 0 an id is
# the row id itself.
_GENERATION = 1 << 40
_MEMORY = 64  # how many recent saves a Store remembers, to redo a write in a fresh log


@dataclass
class Store:
    path: Path
    connection: sqlite3.Connection
    moved_aside: Path | None = None  # where a damaged log was kept, if one was
    now: Callable[[], datetime] = field(default=lambda: datetime.now().astimezone())
    # Called with the kept file when a damaged log is kept aside during a write (the UI's
    # and the plain mode's way to say so at once); `moved_aside` says it too.
    on_moved_aside: Callable[[Path], None] | None = None
    _generation: int = field(default=0, repr=False)
    _damaged: bool = field(default=False, repr=False)  # a read found damage: keep it aside
    _closed: bool = field(default=False, repr=False)  # reopening after a keep-aside failed
    # What this Store saved lately, by the id it handed out: enough to save a check-in whole
    # in a fresh log when a write refers to it after its log was kept aside.
    _saved: dict[int, CheckIn] = field(default_factory=dict, repr=False)
    _run_items: dict[int, str] = field(default_factory=dict, repr=False)
    _aliases: dict[int, int] = field(default_factory=dict, repr=False)

    # --- opening -------------------------------------------------------------------------

    @classmethod
    def open(
        cls,
        directory: Path,
        *,
        now: Callable[[], datetime] | None = None,
        reading: bool = False,
    ) -> Store:
        """The log in `directory` (or in its `trakon` subfolder: see `log_folder`). A log
        found damaged is kept aside and a new one started, except when opened for `reading`
        (history, export, summary): then it is left as it is and LogError says so and what
        to do, so that a reading never looks like an empty log."""
        path = log_folder(directory) / DB_NAME
        moved: Path | None = None
        try:
            connection = _connect(path)
        except _Unreadable as error:
            if reading:
                raise damaged_at_open(path) from error
            moved = _move_aside(path, now)
            connection = _connect_fresh(path)
        store = cls(path, connection, moved)
        if now is not None:
            store.now = now
        return store

    def close(self) -> None:
        self.connection.close()

    @property
    def damaged(self) -> bool:
        """A read found the log damaged (the next write keeps it aside first)."""
        return self._damaged

    def keep_aside(self) -> Path:
        """Keep the current log aside (as a damaged one is) and continue in a fresh log.
        Where Python lets us (3.12+), SQLite is told not to checkpoint on closing, so that the
        kept file and its -wal are exactly as found; before that, closing may fold pages the
        log had already committed into the kept file (nothing is lost either way)."""
        no_checkpoint = getattr(sqlite3, "SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE", None)
        setconfig = getattr(self.connection, "setconfig", None)
        if no_checkpoint is not None and setconfig is not None:
            with contextlib.suppress(sqlite3.Error):
                setconfig(no_checkpoint, True)
        _close_quietly(self.connection)
        self._closed = True
        kept = _move_aside(self.path, self.now)
        self.moved_aside = kept
        self._generation += 1
        self._damaged = False
        self.connection = _connect_fresh(self.path)
        self._closed = False
        if self.on_moved_aside is not None:
            self.on_moved_aside(kept)
        return kept

    def kept_logs(self) -> list[Path]:
        """The damaged logs kept aside in this folder, oldest first (their -wal and -shm
        files go with them)."""
        found = []
        for entry in os.scandir(self.path.parent):
            name = entry.name
            if name.startswith(KEPT_PREFIX) and not name.endswith(("-wal", "-shm")):
                found.append(Path(entry.path))
        return sorted(found)

    # --- ids -----------------------------------------------------------------------------

    def _hand(self, row: int) -> int:
        return row + self._generation * _GENERATION

    def _row(self, handed: int | None, *, checkin: bool = True) -> int | None:
        """The row in the current log for an id handed out earlier; None when that row is in
        a log kept aside since."""
        if handed is None:
            return None
        if checkin:
            handed = self._aliases.get(handed, handed)
        generation, row = divmod(handed, _GENERATION)
        return row if generation == self._generation else None

    def _remember(self, handed: int, checkin: CheckIn) -> None:
        self._saved[handed] = replace(checkin, id=handed)
        if len(self._saved) > _MEMORY:
            del self._saved[next(iter(self._saved))]

    # --- writing -------------------------------------------------------------------------

    def add_checkin(self, checkin: CheckIn) -> int:
        checkin = _storable_checkin(checkin)

        def write(connection: sqlite3.Connection) -> int:
            saved = checkin
            if checkin.pair_id is not None:
                saved = replace(checkin, pair_id=self._row(checkin.pair_id))
            return _insert_checkin(connection, saved)

        handed = self._hand(self._transaction(write))
        self._remember(handed, checkin)
        return handed

    def record_run(self, run: PracticeRun) -> int:
        """The PracticeLog interface the practice screens report to. A run chosen after a
        check-in marks that check-in as its "before"."""
        return self.add_run(run, run.before_checkin)

    def add_run(self, run: PracticeRun, before: int | None = None, after: int | None = None) -> int:
        started, offset = _ms(run.started_at)
        ended, _ = _ms(run.ended_at)
        item_id, kind = storable(run.item_id), storable(run.kind)

        def write(connection: sqlite3.Connection) -> int:
            # A check-in in a log kept aside since is not linked (its row is not here).
            before_row, after_row = self._row(before), self._row(after)
            cursor = connection.execute(
                "INSERT INTO practice_run (item_id, kind, started_ms, ended_ms, utc_offset_min,"
                " completed, pace, before_checkin, after_checkin)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    item_id,
                    kind,
                    started,
                    max(ended, started),
                    offset,
                    int(run.completed),
                    run.pace,
                    before_row,
                    after_row,
                ),
            )
            if before_row is not None:
                connection.execute(
                    "UPDATE checkin SET context = 'before', practice_id = ?"
                    " WHERE id = ? AND context = 'standalone'",
                    (item_id, before_row),
                )
            row = int(cursor.lastrowid or 0)
            _count_run(connection, row, started=1, sign=1)
            return row

        handed = self._hand(self._transaction(write))
        self._run_items[handed] = item_id
        if len(self._run_items) > _MEMORY:
            del self._run_items[next(iter(self._run_items))]
        first = self._saved.get(self._aliases.get(before, before)) if before is not None else None
        if first is not None and first.context == "standalone":
            self._remember(first.id or 0, replace(first, context="before", practice_id=item_id))
        return handed

    def add_after(self, checkin: CheckIn, run_id: int) -> int:
        """The second check-in of a pair: saved with its link to the first and to the run,
        in one transaction. When the run is in a log kept aside since, the check-in is saved
        whole in the fresh log (naming the practice, without the links)."""
        checkin = _storable_checkin(checkin)
        saved: list[CheckIn] = []

        def write(connection: sqlite3.Connection) -> int:
            run_row = self._row(run_id, checkin=False)
            found = None
            if run_row is not None:
                found = connection.execute(
                    "SELECT item_id, before_checkin FROM practice_run WHERE id = ?", (run_row,)
                ).fetchone()
            item_id, before = found if found else (self._run_items.get(run_id), None)
            after = replace(checkin, context="after", practice_id=item_id, pair_id=before)
            new_id = _insert_checkin(connection, after)
            if found:
                assert run_row is not None
                _count_run(connection, run_row, started=0, sign=-1)  # its share as it was
                connection.execute(
                    "UPDATE practice_run SET after_checkin = ? WHERE id = ?", (new_id, run_row)
                )
                _count_run(connection, run_row, started=0, sign=1)  # and with its pair
            saved[:] = [after]
            return new_id

        handed = self._hand(self._transaction(write))
        (after,) = saved
        pair = None if after.pair_id is None else self._hand(after.pair_id)
        self._remember(handed, replace(after, pair_id=pair))
        return handed

    def add_details(
        self,
        checkin_id: int,
        *,
        intensity: int | None,
        tags: tuple[str, ...],
        body_areas: tuple[str, ...],
        note: str | None,
        context_tags: Sequence[str] | None = None,
    ) -> None:
        """The optional details, added to a check-in that is already saved (`context_tags`:
        what was just before; None leaves them as they are). When that
        check-in is in a log kept aside since, it is saved again whole, with the details, in
        the fresh log (it is remembered from when it was saved)."""
        tags = tuple(storable(t) for t in tags)
        body_areas = tuple(storable(a) for a in body_areas)
        note = storable(note) if note else None
        context = None if context_tags is None else tuple(storable(t) for t in context_tags)
        handed = self._aliases.get(checkin_id, checkin_id)
        moved: list[CheckIn] = []

        def write(connection: sqlite3.Connection) -> int:
            row = self._row(handed)
            if row is not None:
                connection.execute(
                    "UPDATE checkin SET intensity = ?, tags = ?, body_areas = ?, note = ?"
                    " WHERE id = ?",
                    (intensity, ",".join(tags), ",".join(body_areas), note, row),
                )
                if context is not None:
                    _set_context(connection, row, context)
                return row
            first = self._saved.get(handed)
            if first is None:
                raise LogError(
                    N_(
                        "The check-in these details belong to is in a log kept aside, so the "
                        "details were not saved."
                    )
                )
            whole = replace(
                first,
                intensity=intensity,
                tags=tags,
                body_areas=body_areas,
                note=note,
                pair_id=self._row(first.pair_id),
                id=None,
                context_tags=first.context_tags if context is None else context,
            )
            moved[:] = [whole]
            return _insert_checkin(connection, whole)

        row = self._transaction(write)
        if moved:
            new = self._hand(row)
            self._aliases[checkin_id] = self._aliases[handed] = new
            self._remember(new, moved[0])
        elif handed in self._saved:
            self._remember(
                handed,
                replace(
                    self._saved[handed],
                    intensity=intensity,
                    tags=tags,
                    body_areas=body_areas,
                    note=note,
                    context_tags=self._saved[handed].context_tags if context is None else context,
                ),
            )

    def add_writing(self, at: datetime, item_id: str, text: str) -> int:
        """A writing the user chose to keep (LogError, nothing saved, if it is too long)."""
        at_ms, offset = _ms(at)
        text = storable(text)
        if len(text) > WRITING_LIMIT:
            raise LogError(
                N_(
                    "A kept writing is at most {limit} characters; this one has {n}. Nothing "
                    "was saved: you can shorten it and keep it then."
                ),
                limit=WRITING_LIMIT,
                n=len(text),
            )
        params = (at_ms, offset, storable(item_id), text)
        return self._hand(
            self._transaction(
                lambda c: int(
                    c.execute(
                        "INSERT INTO writing (at_ms, utc_offset_min, item_id, text)"
                        " VALUES (?, ?, ?, ?)",
                        params,
                    ).lastrowid
                    or 0
                )
            )
        )

    def _transaction(self, work: Callable[[sqlite3.Connection], int]) -> int:
        """Run `work` in one durable transaction. If the log turns out to be damaged, it is
        kept aside and `work` runs again in a fresh log (where ids from the old one resolve to
        None: see `_row`)."""
        if self._closed:
            self.connection = _connect_fresh(self.path)
            self._closed = False
        if self._damaged:
            self.keep_aside()
        try:
            return self._commit(work)
        except _Damage:
            pass
        self.keep_aside()
        try:
            return self._commit(work)
        except _Damage as damage:  # the fresh file fails too: the disk, not the file
            assert isinstance(damage.__cause__, sqlite3.Error)
            raise _log_error(damage.__cause__, self.path) from damage.__cause__

    def _commit(self, work: Callable[[sqlite3.Connection], int]) -> int:
        try:
            with self.connection:  # commits (durably: synchronous=FULL) or rolls back
                return work(self.connection)
        except sqlite3.IntegrityError as error:
            raise LogError(
                N_("This check-in has a value out of range: {detail}"), detail=str(error)
            ) from error
        except sqlite3.DatabaseError as error:
            if _is_damage(error):
                raise _Damage from error
            raise _log_error(error, self.path) from error

    # --- reading -------------------------------------------------------------------------

    def _read_error(self, error: sqlite3.Error) -> LogError:
        if _is_damage(error):
            self._damaged = True
            return LogError(
                N_(
                    "The log at {path} is damaged and could not be read; the file was left "
                    "as it is."
                ),
                path=self.path,
            )
        text = str(error).lower()
        if "locked" in text or "busy" in text:
            return LogError(
                N_("The log is busy (another Trakon is writing); you can try again in a moment.")
            )
        return LogError(
            N_("The log at {path} could not be read: {detail}"), path=self.path, detail=str(error)
        )

    def _all(self, sql: str, params: tuple[object, ...] = ()) -> list[tuple[Any, ...]]:
        try:
            return self.connection.execute(sql, params).fetchall()
        except sqlite3.Error as error:
            raise self._read_error(error) from error

    def _each(self, sql: str, params: tuple[object, ...] = ()) -> Iterator[Any]:
        try:
            yield from self.connection.execute(sql, params)
        except sqlite3.Error as error:
            raise self._read_error(error) from error

    def writings(self, limit: int | None = None) -> list[Writing]:
        """Kept writings, newest first."""
        rows = self._all(
            "SELECT id, at_ms, utc_offset_min, item_id, text FROM writing"
            " ORDER BY at_ms DESC, id DESC LIMIT ?",
            (-1 if limit is None else limit,),
        )
        return [Writing(n, _moment(at, off), item, text) for n, at, off, item, text in rows]

    def _batches(self, sql: str, size: int) -> Iterator[list[Any]]:
        """The rows of `sql` in lists of `size` (export builds and writes a list at once)."""
        try:
            cursor = self.connection.execute(sql)
            while batch := cursor.fetchmany(size):
                yield batch
        except sqlite3.Error as error:
            raise self._read_error(error) from error

    def checkin_rows(self, since: datetime | None = None) -> Iterator[CheckinRow]:
        """Raw check-in rows in time order (no object per row)."""
        sql = f"SELECT {', '.join(CHECKIN_COLUMNS)} FROM checkin"
        params: tuple[object, ...] = ()
        if since is not None:
            sql += " WHERE at_ms >= ?"
            params = (_ms(since)[0],)
        return self._each(sql + " ORDER BY at_ms, id", params)

    def checkin_batches(self, size: int) -> Iterator[list[CheckinRow]]:
        """Every check-in row in time order, `size` at a time (export). The whole table is
        read in its own order and sorted: at 100,000 check-ins saved out of time order,
        following the time index visited the rows 1.7× slower."""
        return self._batches(
            f"SELECT {', '.join(CHECKIN_COLUMNS)} FROM checkin NOT INDEXED ORDER BY at_ms, id",
            size,
        )

    def checkins(self, since: datetime | None = None) -> list[CheckIn]:
        """Every check-in (from `since`) as objects, with its context tags."""
        found = [_checkin(row) for row in self.checkin_rows(since)]
        tags: dict[int, list[str]] = {}
        for row, tag in self.context_rows():
            tags.setdefault(row, []).append(tag)
        if not tags:
            return found
        return [replace(c, context_tags=tuple(tags[c.id])) if c.id in tags else c for c in found]

    def checkin(self, checkin_id: int) -> CheckIn | None:
        """A check-in by the id its save returned (one in a log kept aside since: as it was
        saved, if this Store saved it)."""
        row = self._row(checkin_id)
        if row is None:
            return self._saved.get(self._aliases.get(checkin_id, checkin_id))
        found = self._all(f"SELECT {', '.join(CHECKIN_COLUMNS)} FROM checkin WHERE id = ?", (row,))
        return self._with_context([_checkin(found[0])])[0] if found else None

    def recent(self, count: int) -> list[CheckIn]:
        """The latest check-ins, newest first."""
        rows = self._all(
            f"SELECT {', '.join(CHECKIN_COLUMNS)} FROM checkin"
            " ORDER BY at_ms DESC, id DESC LIMIT ?",
            (count,),
        )
        return self._with_context([_checkin(row) for row in rows])

    def _with_context(self, checkins: list[CheckIn]) -> list[CheckIn]:
        """The check-ins with their context tags (one query for a screenful)."""
        rows = [c.id for c in checkins]  # rows of this log, as read
        ids = [row for row in rows if row is not None]
        if not ids:
            return checkins
        found: dict[int, list[str]] = {}
        for row, tag in self._all(
            "SELECT checkin_id, tag FROM checkin_context"
            f" WHERE checkin_id IN ({', '.join('?' * len(ids))})",
            tuple(ids),
        ):
            found.setdefault(row, []).append(tag)
        return [
            replace(c, context_tags=tuple(found[row])) if row in found else c
            for c, row in zip(checkins, rows, strict=True)
        ]

    def count(self) -> int:
        return int(self._all("SELECT count(*) FROM checkin")[0][0])

    def counts(self, before: datetime | None = None) -> tuple[int, int]:
        """How many check-ins and kept writings there are (before a moment, if given)."""
        if before is None:
            rows = self._all(
                "SELECT (SELECT count(*) FROM checkin), (SELECT count(*) FROM writing)"
            )
        else:
            cut = _ms(before)[0]
            rows = self._all(
                "SELECT (SELECT count(*) FROM checkin WHERE at_ms < ?),"
                " (SELECT count(*) FROM writing WHERE at_ms < ?)",
                (cut, cut),
            )
        return int(rows[0][0]), int(rows[0][1])

    def has_runs(self, before: datetime | None = None) -> bool:
        """Whether any practice run is recorded (before a moment, if given)."""
        if before is None:
            rows = self._all("SELECT EXISTS (SELECT 1 FROM practice_run)")
        else:
            rows = self._all(
                "SELECT EXISTS (SELECT 1 FROM practice_run WHERE started_ms < ?)",
                (_ms(before)[0],),
            )
        return bool(rows[0][0])

    def daily_levels(self, since: datetime) -> list[DayLevels]:
        """Per local calendar day from `since`: lowest, highest and mean level and the window
        band of that day's last check-in. Days without a rated check-in are absent."""
        rows = self._all(
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
        rows = self._all(
            "SELECT r.item_id, b.level, a.level, b.window_low, b.window_high"
            " FROM practice_run r JOIN checkin b ON b.id = r.before_checkin"
            " JOIN checkin a ON a.id = r.after_checkin ORDER BY r.id"
        )
        return [Outcome(item, b, a, (low, high)) for item, b, a, low, high in rows]

    def practice_totals(
        self, since: datetime | None = None
    ) -> list[tuple[str, int, int, int, int]]:
        """Per practice (started from `since`, or ever): times started, pairs (a check-in
        before and after it; don't know / mixed counts too), how many of those came closer
        to the window (the first check-in's band), and how many of those came back into it
        from outside. Ever: the totals kept on write, one row per practice (#16: counting
        10,000 pairs was most of what history's open cost at 100,000 check-ins beyond the
        empty log's); from `since` (the summary's weeks), counted in SQL over those runs."""
        if since is None:
            return self._all("SELECT item_id, runs, pairs, toward, back FROM practice_total")
        return self._all(_TOTALS + " WHERE r.started_ms >= ? GROUP BY r.item_id", (_ms(since)[0],))

    def zone_hours(self, since: datetime) -> list[tuple[int, int, str, int]]:
        """Check-ins from `since` counted per local day (days since 1970-01-01), local hour
        and zone: at most a few thousand rows for a month, whatever the log's size (the
        summary's "how often and when", #17)."""
        return self._all(
            "SELECT (at_ms + utc_offset_min * 60000) / 86400000 AS day,"
            " (at_ms + utc_offset_min * 60000) % 86400000 / 3600000 AS hour, zone, count(*)"
            " FROM checkin WHERE at_ms >= ? GROUP BY day, hour, zone",
            (_ms(since)[0],),
        )

    def context_counts(self, since: datetime | None = None) -> list[tuple[str, str, int]]:
        """(tag, zone, check-ins) for what was just before the check-ins from `since`."""
        where, params = ("", ()) if since is None else (" WHERE c.at_ms >= ?", (_ms(since)[0],))
        return self._all(
            "SELECT t.tag, c.zone, count(*) FROM checkin c"
            " JOIN checkin_context t ON t.checkin_id = c.id" + where + " GROUP BY t.tag, c.zone",
            params,
        )

    def window_bands(self, since: datetime) -> list[tuple[int, int, date, date, int]]:
        """The window bands the check-ins from `since` were saved with: (low, high, first
        local day, last local day, check-ins), the earliest first."""
        rows = self._all(
            "SELECT window_low, window_high,"
            " min((at_ms + utc_offset_min * 60000) / 86400000),"
            " max((at_ms + utc_offset_min * 60000) / 86400000), count(*)"
            " FROM checkin WHERE at_ms >= ? GROUP BY window_low, window_high ORDER BY 3, 4",
            (_ms(since)[0],),
        )
        return [
            (low, high, EPOCH_DAY + timedelta(days=first), EPOCH_DAY + timedelta(days=last), n)
            for low, high, first, last, n in rows
        ]

    def notes(self, since: datetime) -> list[CheckIn]:
        """The check-ins with a note from `since`, in time order (only when asked for)."""
        rows = self._all(
            f"SELECT {', '.join(CHECKIN_COLUMNS)} FROM checkin"
            " WHERE at_ms >= ? AND note IS NOT NULL AND note != '' ORDER BY at_ms, id",
            (_ms(since)[0],),
        )
        return [_checkin(row) for row in rows]

    def context_rows(self) -> Iterator[tuple[int, str]]:
        """(check-in id, tag) for every context tag, by check-in."""
        return self._each(_CONTEXT_ROWS)

    def context_batches(self, size: int) -> Iterator[list[tuple[int, str]]]:
        return self._batches(_CONTEXT_ROWS, size)

    def last_practice(self) -> str | None:
        """The id of the practice run most recently recorded (home's "again"), or None."""
        rows = self._all("SELECT item_id FROM practice_run ORDER BY id DESC LIMIT 1")
        return str(rows[0][0]) if rows else None

    def runs(self) -> Iterator[RunRow]:
        return self._each(_RUN_ROWS)

    def run_batches(self, size: int) -> Iterator[list[RunRow]]:
        return self._batches(_RUN_ROWS, size)

    # --- forgetting ----------------------------------------------------------------------

    def forget(self, before: datetime | None = None) -> int:
        """Delete everything (or everything before a moment): how many check-ins went."""
        return self.erase(before)[0]

    def erase(self, before: datetime | None = None) -> tuple[int, int]:
        """Delete everything (or everything before a moment) and leave no trace in the file:
        the WAL is checkpointed and truncated and the database vacuumed. How many check-ins
        and kept writings went. Logs kept aside are deleted by `forget_kept`."""
        try:
            with self.connection:
                if before is None:
                    count = self.connection.execute("DELETE FROM checkin").rowcount
                    self.connection.execute("DELETE FROM practice_run")
                    writings = self.connection.execute("DELETE FROM writing").rowcount
                else:
                    cut = _ms(before)[0]
                    count = self.connection.execute(
                        "DELETE FROM checkin WHERE at_ms < ?", (cut,)
                    ).rowcount
                    self.connection.execute("DELETE FROM practice_run WHERE started_ms < ?", (cut,))
                    writings = self.connection.execute(
                        "DELETE FROM writing WHERE at_ms < ?", (cut,)
                    ).rowcount
                recount_practice_totals(self.connection)
            self.connection.execute("VACUUM")
            self.connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        except sqlite3.DatabaseError as error:
            if _is_damage(error):
                raise self._read_error(error) from error
            raise _log_error(error, self.path) from error
        self._saved.clear()
        self._aliases.clear()
        self._run_items.clear()
        return count, writings

    def forget_kept(self, kept: Sequence[Path]) -> None:
        """Delete logs kept aside (those named: the user was asked about exactly these), each
        with its -wal and -shm."""
        try:
            for path in kept:
                for name in (path.name, path.name + "-wal", path.name + "-shm"):
                    (path.parent / name).unlink(missing_ok=True)
        except OSError as error:
            raise LogError(
                N_("{path} could not be deleted: {reason}"),
                path=error.filename or path,
                reason=error.strerror or error,
            ) from error


def damaged_at_open(path: Path) -> LogError:
    """What a reading says of a log found damaged on opening (the file is not touched)."""
    return LogError(
        N_(
            "The log at {path} is damaged and could not be read, so nothing was shown or "
            "exported. The file was left as it is and nothing was deleted. The next check-in "
            "you save keeps it aside as {kept}DATETIME and starts a new log. To get back what "
            "it holds, keep a copy of the file and ask your IT support for help."
        ),
        path=path,
        kept=KEPT_PREFIX,
    )


class _Unreadable(Exception):
    pass


class _Damage(Exception):
    pass


# SQLite's words for a file that is damaged, as opposed to busy, locked or read-only.
_DAMAGE_CODES = ("SQLITE_CORRUPT", "SQLITE_NOTADB", "SQLITE_IOERR")
_DAMAGE_WORDS = ("malformed", "not a database", "disk i/o error")


def _is_damage(error: sqlite3.Error) -> bool:
    name = getattr(error, "sqlite_errorname", None) or ""
    if name.startswith(_DAMAGE_CODES):
        return True
    text = str(error).lower()
    return any(word in text for word in _DAMAGE_WORDS)


# --- the folder ------------------------------------------------------------------------


def log_folder(directory: Path) -> Path:
    """The folder the log lives in. `directory` itself when it is Trakon's: new (Trakon makes
    it, 0700), or holding Trakon's mark file or a trakon.db (a folder of an earlier version).
    Any other existing folder, an empty one too (#11: a folder Trakon did not create is never
    chmod-ed), is left exactly as it is, and its `trakon` subfolder is used instead (by the
    same rule). A folder is made private only
    when it is Trakon's, and never through a symbolic link: a link to a folder that holds a
    Trakon log is used as it is."""
    for candidate in (directory, directory / APP_NAME):
        try:
            if _claim(candidate, parents=candidate is directory):
                return candidate
        except OSError as error:
            raise LogError(
                N_("The log folder {path} cannot be used: {reason}"),
                path=candidate,
                reason=error.strerror or error,
            ) from error
    raise LogError(
        N_(
            "The folder {path} was not made by Trakon, so the log was not put there; you "
            "can choose another folder with --data-dir."
        ),
        path=directory / APP_NAME,
    )


def _claim(folder: Path, *, parents: bool) -> bool:
    """Make `folder` the log's folder if it is Trakon's (True); else leave it as it is."""
    try:
        folder.mkdir(mode=0o700, parents=parents)
    except FileExistsError:
        pass
    else:
        _make_private(folder)
        _mark(folder)
        return True
    info = os.lstat(folder)
    if stat.S_ISLNK(info.st_mode):
        return folder.is_dir() and _holds_trakon(os.listdir(folder))
    if not stat.S_ISDIR(info.st_mode):
        raise NotADirectoryError(errno.ENOTDIR, os.strerror(errno.ENOTDIR), str(folder))
    entries = os.listdir(folder)
    if not _holds_trakon(entries):
        return False
    _make_private(folder)
    if FOLDER_MARK not in entries:
        _mark(folder)
    return True


def _holds_trakon(entries: list[str]) -> bool:
    return FOLDER_MARK in entries or DB_NAME in entries


def _make_private(folder: Path) -> None:
    """chmod 0700, on the folder itself: opened without following a link."""
    fd = os.open(folder, os.O_RDONLY | os.O_DIRECTORY | os.O_NOFOLLOW)
    try:
        if stat.S_IMODE(os.fstat(fd).st_mode) != 0o700:
            os.fchmod(fd, 0o700)
    finally:
        os.close(fd)


def _mark(folder: Path) -> None:
    try:
        fd = os.open(
            folder / FOLDER_MARK, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW, 0o600
        )
    except FileExistsError:
        return
    with os.fdopen(fd, "w", encoding="utf-8") as handle:
        handle.write("Trakon made this folder for its private log (trakon.db).\n")


# --- the file --------------------------------------------------------------------------


def _refuse_links(path: Path) -> None:
    """Nothing is opened or written through a symbolic link, nor into anything but a regular
    file, at the log's path or its -wal and -shm."""
    for candidate in (path, path.with_name(path.name + "-wal"), path.with_name(path.name + "-shm")):
        try:
            info = os.lstat(candidate)
        except FileNotFoundError:
            continue
        except OSError as error:
            raise LogError(
                N_("The log folder {path} cannot be used: {reason}"),
                path=path.parent,
                reason=error.strerror or error,
            ) from error
        if stat.S_ISLNK(info.st_mode):
            raise LogError(
                N_(
                    "{path} is a link to another place, so Trakon did not open it or write "
                    "through it; you can move it away or choose another folder with --data-dir."
                ),
                path=candidate,
            )
        if not stat.S_ISREG(info.st_mode):
            raise LogError(
                N_("{path} is not a regular file, so Trakon did not open it."), path=candidate
            )


def _connect(path: Path) -> sqlite3.Connection:
    _refuse_links(path)
    try:
        # Created private before SQLite opens it; SQLite gives its WAL files the same mode.
        os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW, 0o600))
    except FileExistsError:
        pass  # an existing log (checked above), or another Trakon made it just now
    except OSError as error:
        raise LogError(
            N_("The log folder {path} cannot be used: {reason}"),
            path=path.parent,
            reason=error.strerror or error,
        ) from error
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
        _close_quietly(connection)
        if not _is_damage(error):  # busy, locked, read-only, a folder SQLite cannot use
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
    except sqlite3.DatabaseError as error:
        _close_quietly(connection)
        if _is_damage(error):
            raise _Unreadable(str(error)) from error
        raise _log_error(error, path) from error
    return connection


def _connect_fresh(path: Path) -> sqlite3.Connection:
    """The new log after a damaged one was kept aside: a failure here is the disk's or the
    folder's, and is told as such (the damaged file stays where it was put)."""
    try:
        return _connect(path)
    except _Unreadable as error:
        raise LogError(
            N_("The log at {path} could not be written: {detail}"), path=path, detail=str(error)
        ) from error


def _close_quietly(connection: sqlite3.Connection) -> None:
    with contextlib.suppress(sqlite3.Error):
        connection.close()


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
    """Keep a damaged log (and its -wal and -shm) under a new name beside it, never over an
    earlier one; the caller has closed it."""
    try:
        target = keep_aside(path, now() if now else datetime.now().astimezone())
        for suffix in ("-wal", "-shm"):
            extra = path.with_name(path.name + suffix)
            if os.path.lexists(extra):
                os.replace(extra, target.with_name(target.name + suffix))
    except OSError as error:
        raise LogError(
            N_("The damaged log at {path} could not be kept aside: {reason}"),
            path=path,
            reason=error.strerror or error,
        ) from error
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
    if (getattr(error, "sqlite_errorname", None) or "").startswith("SQLITE_CANTOPEN"):
        # e.g. a log on a read-only disk: SQLite cannot make the files it reads a log with
        return LogError(
            N_("The log at {path} could not be opened ({detail}); it was left as it is."),
            path=path,
            detail=str(error),
        )
    return LogError(
        N_("The log at {path} could not be written: {detail}"), path=path, detail=str(error)
    )
