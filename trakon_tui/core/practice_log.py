"""What a practice run reports to the private log. The store that implements it comes with
the check-in; until then runs are reported to `NoLog`, which writes nothing anywhere."""

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


class PracticeLog(Protocol):
    def record_run(self, run: PracticeRun) -> None: ...


class NoLog:
    """Records nothing: used until the log exists, with --no-log, and in presenter mode."""

    def record_run(self, run: PracticeRun) -> None:
        return None
