"""`trakon history` as text: when standard output is not a terminal (`trakon history | less`)
or with --plain. The same reads and words as the history screen (`core.history`): the days
or weeks with their lowest and highest level and the window band, the recent check-ins, what
each practice did, and the kept writings by title and date (never their text)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime
from typing import TextIO

from trakon_tui.core.history import (
    DAYS,
    WEEKS,
    Column,
    Overview,
    Span,
    checkin_words,
    context_text,
    read_columns,
    read_overview,
    summary_text,
)
from trakon_tui.core.library import Library
from trakon_tui.core.model import CheckinScale
from trakon_tui.core.store import Store
from trakon_tui.core.text import day_text, moment_text, tr, visible
from trakon_tui.i18n import _, ngettext
from trakon_tui.vocabulary import zone_name


def history_lines(
    overview: Overview,
    columns: list[Column | None],
    span: Span,
    library: Library,
) -> list[str]:
    """The history as lines of text in the current language."""
    lines = [_("Your history. Only on this computer, readable by you alone."), ""]
    if overview.empty:
        lines.append(_("Nothing here yet. Your check-ins will show here after you save some."))
        return lines
    if overview.logged:
        lines += _chart(columns, span)
        lines += ["", _("Recent check-ins") + ":"]
        lines += _recent(overview, library)
    if overview.contexts:
        lines += ["", _("What was just before, last {n} days").format(n=DAYS) + ":"]
        lines += ["  " + context_text(tag, zones) for tag, zones in overview.contexts]
    lines += ["", _("Practices") + ":"]
    if not overview.practices:
        lines.append(
            "  "
            + _(
                "No practices yet. After a check-in you can try one; asking again after it "
                "shows over time what helps you."
            )
        )
    for summary in overview.practices:
        lines.append(f"  {library.title_of(summary.item_id)}: {summary_text(summary)}")
    if overview.writings:
        lines += ["", _("Kept writings (titles and dates; `trakon export` gives their text):")]
        for writing in overview.writings:
            lines.append(f"  {moment_text(writing.at)}  {library.title_of(writing.item_id)}")
    return lines


def _chart(columns: list[Column | None], span: Span) -> list[str]:
    if span == "days":
        lines = [_("Last {n} days: lowest–highest level, and your window then:").format(n=DAYS)]
    else:
        lines = [_("Last {n} weeks: lowest–highest level, and your window then:").format(n=WEEKS)]
    shown = [column for column in columns if column is not None]
    for column in shown:
        when = day_text(column.start)
        if span == "weeks":
            when = _("week {n} (from {day})").format(n=column.start.isocalendar().week, day=when)
        levels = (
            str(column.lowest)
            if column.lowest == column.highest
            else f"{column.lowest}–{column.highest}"
        )
        count = ngettext("{n} check-in", "{n} check-ins", column.count).format(n=column.count)
        low, high = column.window
        lines.append(
            "  "
            + _("{when}: {levels} (your window {low}–{high}; {count})").format(
                when=when, levels=levels, low=low, high=high, count=count
            )
        )
    if not shown:
        lines.append("  " + _("No check-ins with a level in this time."))
    elif span == "days":
        lines.append("  " + _("Days without a check-in are left out."))
    else:
        lines.append("  " + _("Weeks without a check-in are left out."))
    return lines


def _recent(overview: Overview, library: Library) -> list[str]:
    scale = library.checkin_scale()
    lines = []
    for checkin in overview.recent:
        level = "?" if checkin.level is None else str(checkin.level)
        words = checkin_words(
            checkin, _zone(scale, checkin.zone), library.title_of, _("with a note")
        )
        lines.append(f"  {moment_text(checkin.at)}  {level:>2}  {' · '.join(words)}")
    return lines


def _zone(scale: CheckinScale | None, zone: str) -> str:
    """The zone's name as the check-in screen says it (the scale's words), as in history."""
    if zone not in ("above", "within", "below"):
        return _("don't know")
    if scale is not None:
        return tr(getattr(scale.zones, zone).name)
    return zone_name(zone)


def print_history(
    library: Library,
    store: Store,
    out: TextIO,
    *,
    span: Span = "days",
    today: Callable[[], date] | None = None,
) -> None:
    """Read the log once and print the history (raises store.LogError)."""
    day = today() if today is not None else datetime.now().astimezone().date()
    overview = read_overview(store, day)
    columns, _first = read_columns(store, day, span)
    for line in history_lines(overview, columns, span, library):
        # titles, ids and tags come from files and the log: shown, never acted on
        print(visible(line), file=out)
