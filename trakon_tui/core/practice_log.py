"""What a practice run reports to the private log (`store.LazyStoreLog` implements it;
`NoLog`, used with --no-log and in presenter mode, writes nothing anywhere)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Protocol


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
