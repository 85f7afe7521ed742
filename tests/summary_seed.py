"""A few weeks of a social worker's log, for the summary tests and for trying the summary by
hand (`python -m tests.summary_seed DIR`): check-ins at work hours, some with what was just
before, before/after pairs around practices, a note, a kept writing, a window that widened,
and one week with no check-ins at all."""

from __future__ import annotations

import sys
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

from trakon_tui.core.practice_log import PracticeRun
from trakon_tui.core.store import CheckIn, Store

TODAY = date(2026, 11, 26)  # a Thursday; the four weeks start on Monday 2 November
ZONE = timezone(timedelta(hours=2))
NOTE = "Secret note: hard day"
WRITING = "Pillars: my colleague Anna"


def at(day: date, hour: int, minute: int = 0) -> datetime:
    return datetime(day.year, day.month, day.day, hour, minute, tzinfo=ZONE)


def seed(directory: Path) -> Store:
    store = Store.open(directory)
    monday = date(2026, 11, 2)
    # week 45: above after home visits, calmer after a long exhale
    for offset, hour, level, tags in (
        (0, 9, 8, ("home-visit",)),
        (0, 14, 5, ()),
        (1, 11, 9, ("client-crisis", "phone-call")),
        (3, 15, 2, ("documentation",)),
    ):
        day = monday + timedelta(days=offset)
        before = store.add_checkin(
            CheckIn(at=at(day, hour), level=level, context_tags=tags, window=(3, 7))
        )
        if level > 7:
            run = store.record_run(
                PracticeRun(
                    "extended-exhale-4-6",
                    "breathing",
                    at(day, hour, 2),
                    at(day, hour, 3),
                    True,
                    before_checkin=before,
                )
            )
            store.add_after(CheckIn(at=at(day, hour, 4), level=level - 3, window=(3, 7)), run)
    # week 46: nothing at all
    # week 47: the window widened to 3–8; a note and a kept writing
    third = monday + timedelta(weeks=2)
    store.add_checkin(
        CheckIn(at=at(third, 10), level=8, window=(3, 8), note=NOTE, context_tags=("meeting",))
    )
    store.add_checkin(CheckIn(at=at(third + timedelta(days=2), 17), level=None, window=(3, 8)))
    before = store.add_checkin(
        CheckIn(at=at(third + timedelta(days=4), 12), level=1, window=(3, 8))
    )
    run = store.record_run(
        PracticeRun(
            "orienting",
            "grounding",
            at(third + timedelta(days=4), 12, 1),
            at(third + timedelta(days=4), 12, 3),
            True,
            before_checkin=before,
        )
    )
    store.add_after(CheckIn(at=at(third + timedelta(days=4), 12, 4), level=3, window=(3, 8)), run)
    store.add_writing(at(third, 11), "pillars-of-safety", WRITING)
    # week 48 (this week, up to Thursday)
    fourth = monday + timedelta(weeks=3)
    store.add_checkin(
        CheckIn(at=at(fourth, 9), level=9, window=(3, 8), context_tags=("home-visit",))
    )
    store.add_checkin(CheckIn(at=at(fourth + timedelta(days=3), 13), level=6, window=(3, 8)))
    # long before: not in the summary
    store.add_checkin(CheckIn(at=at(date(2026, 9, 1), 9), level=10, note="old note"))
    return store


if __name__ == "__main__":
    seed(Path(sys.argv[1])).close()
