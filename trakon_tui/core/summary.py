"""A summary of the last weeks to bring to supervision (#17): how often and when the user was
above, within or below their window, what was just before, which practices brought them
back, and their window band. Counted in SQL with the same reads as history (daily levels,
practice totals) plus a few grouped counts, so a month costs the same at 100,000 check-ins
as at a hundred. Notes and kept writings are read only when asked for.

`trakon_tui.summary_page` draws it (text, SVG, HTML); this module is plain data."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING

from trakon_tui.core.history import (
    Column,
    PracticeSummary,
    chart_columns,
    first_day,
    practice_summaries,
)
from trakon_tui.core.store import EPOCH_DAY

if TYPE_CHECKING:
    from trakon_tui.core.store import CheckIn, Store, Writing

DEFAULT_WEEKS = 4
MAX_WEEKS = 52
# Times of day as the hours they start at (local time): a working day in three parts and
# the rest; each part runs to the next one's start.
DAY_PARTS = (0, 10, 13, 16)
ZONES = ("above", "within", "below", "unsure")


@dataclass
class ZoneCounts:
    above: int = 0
    within: int = 0
    below: int = 0
    unsure: int = 0

    def add(self, zone: str, n: int) -> None:
        if zone in ZONES:
            setattr(self, zone, getattr(self, zone) + n)

    def get(self, zone: str) -> int:
        return int(getattr(self, zone))

    @property
    def total(self) -> int:
        return self.above + self.within + self.below + self.unsure


@dataclass(frozen=True)
class Week:
    start: date  # a Monday
    zones: ZoneCounts
    levels: Column | None  # lowest, highest and the band, as history's weeks (None: no level)


@dataclass(frozen=True)
class Band:
    low: int
    high: int
    first: date
    last: date
    count: int


@dataclass(frozen=True)
class Summary:
    first: date  # the Monday the first week starts
    today: date
    weeks: list[Week]
    total: ZoneCounts
    # [weekday 0–6][day part]: check-ins by zone
    times: list[list[ZoneCounts]]
    contexts: list[tuple[str, ZoneCounts]]  # the most frequent first
    practices: list[PracticeSummary]
    bands: list[Band]
    with_notes: bool = False
    notes: list[CheckIn] = field(default_factory=list)
    writings: list[Writing] = field(default_factory=list)


def day_part(hour: int) -> int:
    """Which part of the day (an index of DAY_PARTS) an hour falls in."""
    part = 0
    for index, start in enumerate(DAY_PARTS):
        if hour >= start:
            part = index
    return part


def _midnight(day: date) -> datetime:
    return datetime.combine(day, datetime.min.time()).astimezone()


def read_summary(
    store: Store, today: date, weeks: int = DEFAULT_WEEKS, *, with_notes: bool = False
) -> Summary:
    """The last `weeks` weeks up to `today` (the first starts on a Monday, as history's
    weeks do), read from the log at once (raises store.LogError)."""
    weeks = max(1, min(MAX_WEEKS, weeks))
    first = first_day(today, "weeks", weeks)
    start = _midnight(first)
    # a day early: the store groups by each check-in's own local day, filtered here
    early = _midnight(first - timedelta(days=1))

    by_week = [ZoneCounts() for _ in range(weeks)]
    total = ZoneCounts()
    times = [[ZoneCounts() for _ in DAY_PARTS] for _ in range(7)]
    for day_number, hour, zone, n in store.zone_hours(early):
        day = EPOCH_DAY + timedelta(days=day_number)
        if not first <= day <= today:
            continue
        by_week[(day - first).days // 7].add(zone, n)
        total.add(zone, n)
        times[day.weekday()][day_part(hour)].add(zone, n)

    columns = chart_columns(store.daily_levels(early), today, "weeks", weeks)
    week_list = [Week(first + timedelta(weeks=n), by_week[n], columns[n]) for n in range(weeks)]

    contexts: dict[str, ZoneCounts] = {}
    for tag, zone, n in store.context_counts(start):
        contexts.setdefault(tag, ZoneCounts()).add(zone, n)
    ranked = sorted(contexts.items(), key=lambda entry: (-entry[1].total, entry[0]))

    bands = [Band(*row) for row in store.window_bands(start)]
    summary = Summary(
        first=first,
        today=today,
        weeks=week_list,
        total=total,
        times=times,
        contexts=ranked,
        practices=practice_summaries(store.practice_totals(start)),
        bands=bands,
        with_notes=with_notes,
    )
    if with_notes:
        summary.notes.extend(store.notes(start))
        summary.writings.extend(w for w in reversed(store.writings()) if w.at >= start)
    return summary
