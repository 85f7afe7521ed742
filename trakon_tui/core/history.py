"""History shaped for reading: levels per day or per week, and what each practice did.
Pure: the store supplies the rows; the history screen draws the result."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Literal

from trakon_tui.core.store import DayLevels
from trakon_tui.core.window import Outcome

Span = Literal["days", "weeks"]
DAYS, WEEKS = 28, 12


@dataclass(frozen=True)
class Column:
    """One day or one week on the chart."""

    start: date
    lowest: int
    highest: int
    mean: float
    count: int


def first_day(today: date, span: Span, columns: int) -> date:
    """The first day the chart covers: weeks start on Monday."""
    if span == "days":
        return today - timedelta(days=columns - 1)
    monday = today - timedelta(days=today.weekday())
    return monday - timedelta(weeks=columns - 1)


def chart_columns(
    days: Iterable[DayLevels], today: date, span: Span, columns: int
) -> list[Column | None]:
    """Oldest first, one entry per day or week up to `today`; None where nothing was logged."""
    start = first_day(today, span, columns)
    width = 1 if span == "days" else 7
    buckets: list[list[DayLevels]] = [[] for _ in range(columns)]
    for day in days:
        index = (day.day - start).days // width
        if 0 <= index < columns:
            buckets[index].append(day)
    out: list[Column | None] = []
    for index, bucket in enumerate(buckets):
        if not bucket:
            out.append(None)
            continue
        count = sum(d.count for d in bucket)
        out.append(
            Column(
                start + timedelta(days=index * width),
                min(d.lowest for d in bucket),
                max(d.highest for d in bucket),
                sum(d.mean * d.count for d in bucket) / count,
                count,
            )
        )
    return out


@dataclass(frozen=True)
class PracticeSummary:
    item_id: str
    runs: int  # times started
    pairs: int  # with a check-in before and after
    toward: int  # of those, how many came closer to the window
    within_after: int  # of those, how many ended within the window


def practice_summaries(
    outcomes: Sequence[Outcome], run_counts: Mapping[str, int]
) -> list[PracticeSummary]:
    """Per practice, the most used first."""
    pairs: dict[str, list[int]] = {}
    for outcome in outcomes:
        entry = pairs.setdefault(outcome.item_id, [0, 0, 0])
        way = outcome.direction  # computed, so once per pair (10,000 pairs at 100k rows)
        if way == "unknown":
            continue
        entry[0] += 1
        entry[1] += way == "toward"
        assert outcome.after is not None
        low, high = outcome.window
        entry[2] += low <= outcome.after <= high
    items = set(run_counts) | set(pairs)
    summaries = [
        PracticeSummary(item, run_counts.get(item, 0), *pairs.get(item, [0, 0, 0]))
        for item in items
    ]
    summaries.sort(key=lambda s: (-s.pairs, -s.runs, s.item_id))
    return summaries
