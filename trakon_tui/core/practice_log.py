"""What a practice run reports to the private log (`LazyStoreLog` implements it; `NoLog`,
used with --no-log and in presenter mode, writes nothing anywhere)."""

from __future__ import annotations

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

    @property
    def opened(self) -> Store | None:
        return self._store

    def store(self) -> Store:
        """The open store; raises store.LogError when the log cannot be opened."""
        if self._store is None:
            from trakon_tui.core.store import Store

            self._store = Store.open(self.directory)
        return self._store

    def record_run(self, run: PracticeRun) -> int | None:
        return self.store().record_run(run)
