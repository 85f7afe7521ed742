"""What a practice run reports to the private log (`LazyStoreLog` implements it; `NoLog`,
used with --no-log and in presenter mode, writes nothing anywhere)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    from trakon_tui.core.store import Store


@dataclass(frozen=True)
class PracticeRun:
    item_id: str
    kind: str
    started_at: datetime  # timezone-aware
    ended_at: datetime
    completed: bool  # False: stopped before the end (which is fine)
    pace: float = 1.0  # the last pace used, as a factor on the written phase lengths
    before_checkin: int | None = None  # the check-in this run was chosen after, if any


class PracticeLog(Protocol):
    def record_run(self, run: PracticeRun) -> int | None:
        """Save the run; its id in the log, or None when nothing is kept."""
        ...


class NoLog:
    """Records nothing: used until the log exists, with --no-log, and in presenter mode."""

    def record_run(self, run: PracticeRun) -> int | None:
        return None


class LazyStoreLog:
    """The log the app uses: the database is opened on first use (a check-in saved or a run
    recorded), so starting Trakon never waits for it, nor imports SQLite before its first
    screen is painted."""

    def __init__(self, directory: Path) -> None:
        self.directory = directory
        self._store: Store | None = None
        # Told where a damaged log was kept, when it is kept aside on opening or on a write
        # (the write itself then goes to a new log): the app shows it, the plain mode says it.
        self.on_moved_aside: Callable[[Path], None] | None = None

    @property
    def opened(self) -> Store | None:
        return self._store

    def store(self, *, reading: bool = False) -> Store:
        """The open store; raises store.LogError when the log cannot be opened. For
        `reading`, a log damaged on opening is left as it is (LogError says so); a write
        keeps it aside and starts a new log."""
        if self._store is None:
            from trakon_tui.core.store import Store

            store = Store.open(self.directory, reading=reading)
            store.on_moved_aside = self._moved_aside
            self._store = store
            if store.moved_aside is not None:
                self._moved_aside(store.moved_aside)
        return self._store

    def _moved_aside(self, path: Path) -> None:
        if self.on_moved_aside is not None:
            self.on_moved_aside(path)

    def record_run(self, run: PracticeRun) -> int | None:
        return self.store().record_run(run)


def practice_log(data_dir: Path, *, no_log: bool) -> PracticeLog:
    """Where practice runs go: the private log in `data_dir`, or nowhere with --no-log."""
    return NoLog() if no_log else LazyStoreLog(data_dir)
