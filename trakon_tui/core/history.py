"""History shaped for reading: levels per day or per week, and what each practice did.
The store supplies the rows (read here once, by `read_overview` and `read_columns`); the
history screen draws the result and `trakon history` prints it as text."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING, Literal

from trakon_tui.core.store import DayLevels
from trakon_tui.i18n import _, ngettext

if TYPE_CHECKING:
    from trakon_tui.core.store import CheckIn, Store, Writing

Span = Literal["days", "weeks"]
DAYS, WEEKS = 28, 12
RECENT = 8  # check-ins and kept writings listed


@dataclass(frozen=True)
class Column:
    """One day or one week on the chart."""

    start: date
    lowest: int
    highest: int
    mean: float
    count: int
    window: tuple[int, int]  # the band of the latest check-in in it


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
                max(bucket, key=lambda d: d.day).window,
            )
        )
    return out


@dataclass(frozen=True)
class PracticeSummary:
    item_id: str
    runs: int  # times started
    pairs: int  # with a check-in before and after (don't know / mixed counts too)
    toward: int  # of those, how many came closer to the window
    back: int = 0  # of those, how many came back into it from outside


def practice_summaries(
    totals: Iterable[tuple[str, int, int, int, int]],
) -> list[PracticeSummary]:
    """Per practice (from `Store.practice_totals`), the most used first. A pair whose before
    or after check-in was "don't know / mixed" is still a check-in before and after; it is
    neither closer nor farther."""
    summaries = [
        PracticeSummary(item, runs, int(pairs or 0), int(toward or 0), int(back or 0))
        for item, runs, pairs, toward, back in totals
    ]
    summaries.sort(key=lambda s: (-s.pairs, -s.runs, s.item_id))
    return summaries


def summary_text(summary: PracticeSummary) -> str:
    """One practice in plain words: how often tried, and what the pairs showed."""
    tried = ngettext("tried {n} time", "tried {n} times", summary.runs).format(n=summary.runs)
    if summary.pairs == 0:
        return tried + _("; no check-in after it yet")
    paired = ngettext(
        "{n} time with a check-in before and after",
        "{n} times with a check-in before and after",
        summary.pairs,
    ).format(n=summary.pairs)
    closer = ngettext(
        "closer to your window after it {k} time",
        "closer to your window after it {k} times",
        summary.toward,
    ).format(k=summary.toward)
    return f"{tried}; {paired}; {closer}"


def checkin_words(
    checkin: CheckIn, zone: str, title_of: Callable[[str], str], note_mark: str
) -> list[str]:
    """What a listed check-in says besides its time and level: its zone's name, the
    practice it came before or after, its strength, and `note_mark` if it has a note (the
    note itself is never listed)."""
    words = [zone]
    if checkin.practice_id:
        title = title_of(checkin.practice_id)
        if checkin.context == "before":
            words.append(_("before {practice}").format(practice=title))
        elif checkin.context == "after":
            words.append(_("after {practice}").format(practice=title))
    if checkin.context_tags:
        from trakon_tui.core.context import label

        words.append(", ".join(label(tag) for tag in checkin.context_tags))
    if checkin.intensity is not None:
        words.append(_("strength {n}").format(n=checkin.intensity))
    if checkin.note:
        words.append(note_mark)
    return words


def context_summaries(rows: Iterable[tuple[str, str, int]]) -> list[tuple[str, dict[str, int]]]:
    """(tag, check-ins per zone) from `Store.context_counts`, the most frequent first."""
    found: dict[str, dict[str, int]] = {}
    for tag, zone, n in rows:
        zones = found.setdefault(tag, {})
        zones[zone] = zones.get(zone, 0) + n
    return sorted(found.items(), key=lambda entry: (-sum(entry[1].values()), entry[0]))


def context_text(tag: str, zones: dict[str, int]) -> str:
    """One context tag in plain words: "phone call: 3 times (above 2, within 1)"."""
    from trakon_tui.core.context import label
    from trakon_tui.vocabulary import zone_short

    total = sum(zones.values())
    names = {zone: zone_short(zone) for zone in ("above", "within", "below")}
    names["unsure"] = _("don't know")
    parts = [f"{names[zone]} {zones[zone]}" for zone in names if zones.get(zone)]
    times = ngettext("{n} time", "{n} times", total).format(n=total)
    return f"{label(tag)}: {times} ({', '.join(parts)})"


@dataclass(frozen=True)
class Overview:
    """Everything history shows apart from the chart, read from the log at once."""

    logged: bool  # any check-in in the log (the latest are in `recent`: no count(*) needed)
    recent: list[CheckIn]  # the latest first
    practices: list[PracticeSummary]
    writings: list[Writing]  # the latest kept writings, newest first
    contexts: list[tuple[str, dict[str, int]]] = field(default_factory=list)  # just before

    @property
    def empty(self) -> bool:
        return not (self.logged or self.practices or self.writings)


def read_overview(store: Store, today: date | None = None, recent: int = RECENT) -> Overview:
    """One read of the log for the history screen or its text (raises store.LogError).
    What was just before is counted over the last DAYS days up to `today` (as the chart's
    default span), so that it costs what it shows."""
    since = None
    if today is not None:
        since = datetime.combine(first_day(today, "days", DAYS), datetime.min.time()).astimezone()
    latest = store.recent(max(1, recent))
    return Overview(
        bool(latest),
        latest[:recent],
        practice_summaries(store.practice_totals()),
        store.writings(recent),
        context_summaries(store.context_counts(since)),
    )


def read_columns(store: Store, today: date, span: Span) -> tuple[list[Column | None], date]:
    """The chart's columns for the last DAYS days or WEEKS weeks up to `today`, oldest
    first, and the day the first one starts (raises store.LogError)."""
    count = DAYS if span == "days" else WEEKS
    first = first_day(today, span, count)
    # a day early: the store groups by each check-in's own local day
    since = datetime.combine(first - timedelta(days=1), datetime.min.time()).astimezone()
    return chart_columns(store.daily_levels(since), today, span, count), first
