"""History: arousal over days or weeks with the window band, the recent check-ins, and per
practice how often it moved you toward your window — in calm words, no scores or streaks."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING, ClassVar

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll

from trakon_tui.core.history import (
    DAYS,
    WEEKS,
    Column,
    PracticeSummary,
    Span,
    chart_columns,
    first_day,
)
from trakon_tui.core.text import tr
from trakon_tui.i18n import N_, _, current_language, ngettext
from trakon_tui.ui.literal import Static
from trakon_tui.ui.screens.base import TrakonScreen
from trakon_tui.ui.widgets.level_chart import LevelChart
from trakon_tui.ui.widgets.window_scale import scale_texts

if TYPE_CHECKING:
    from trakon_tui.core.library import Library
    from trakon_tui.core.store import CheckIn, Store, Writing

RECENT = 8


def when(moment: datetime) -> str:
    if current_language() == "fi":
        return f"{moment.day}.{moment.month}.{moment.year} {moment.hour:02d}.{moment.minute:02d}"
    return moment.strftime("%Y-%m-%d %H:%M")


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


class HistoryScreen(TrakonScreen):
    TITLE_MSGID = N_("History")
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,q", "leave", N_("Back")),
        Binding("w", "toggle_span", N_("Days / weeks")),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.span: Span = "days"

    def _today(self) -> date:
        return self.trakon.config.wall_clock().date()

    def compose_body(self) -> ComposeResult:
        from trakon_tui.core.store import LogError

        try:
            yield from self._compose_history()
        except LogError as error:  # a damaged log: said, never a crash (the file is kept)
            self.app.notify(error.message(), severity="warning", timeout=10)
            yield Static(Text(error.message()), id="history-unreadable")

    def _compose_history(self) -> ComposeResult:
        store = self.trakon.log_store()  # None only with --no-log; a log that cannot be
        # opened raises LogError, which compose_body shows
        with VerticalScroll(id="history", classes="page"):
            yield Static(
                _("Only on this computer, readable by you alone."), classes="dim", id="history-lead"
            )
            if store is None:
                yield Static(_("The log is off (--no-log), so there is no history to show."))
                return
            if store.count() == 0:
                yield Static(
                    _("Nothing here yet. Your check-ins will show here after you save some."),
                    id="history-empty",
                )
                return
            library = self.trakon.library
            yield Static(self._chart_title(), classes="setting-label", id="history-chart-title")
            columns, first = self._columns(store)
            yield LevelChart(columns, first, self.trakon.personal_window, self.span, id="chart")
            low, high = self.trakon.personal_window
            yield Static(
                _("█ average  ▒ lowest to highest  ┃· your window {low}–{high}").format(
                    low=low, high=high
                ),
                classes="dim",
            )
            yield Static(_("Recent check-ins"), classes="setting-label")
            yield Static(self._recent(store.recent(RECENT), library), id="history-recent")
            yield Static(_("Practices"), classes="setting-label")
            yield Static(self._practices(store, library), id="history-practices")
            writings = store.writings(RECENT)
            if writings:
                yield Static(_("Kept writings"), classes="setting-label")
                yield Static(self._writings(writings, library), id="history-writings")

    def _chart_title(self) -> str:
        if self.span == "days":
            return _("Last {n} days").format(n=DAYS)
        return _("Last {n} weeks").format(n=WEEKS)

    def _columns(self, store: Store) -> tuple[list[Column | None], date]:
        count = DAYS if self.span == "days" else WEEKS
        today = self._today()
        first = first_day(today, self.span, count)
        since = datetime.combine(first - timedelta(days=1), datetime.min.time()).astimezone()
        days = store.daily_levels(since)
        return list(chart_columns(days, today, self.span, count)), first

    def _recent(self, checkins: list[CheckIn], library: Library) -> Table:
        names = scale_texts(library.checkin_scale())
        table = Table.grid(padding=(0, 2))
        table.add_column(no_wrap=True, style="dim")
        table.add_column(no_wrap=True, justify="right")
        table.add_column()
        for checkin in checkins:
            level = "?" if checkin.level is None else str(checkin.level)
            zone = names.zones.get(checkin.zone)
            words = [zone.name if zone else _("don't know")]
            if checkin.practice_id:
                item = library.items.get(checkin.practice_id)
                title = tr(item.title) if item else checkin.practice_id
                if checkin.context == "before":
                    words.append(_("before {practice}").format(practice=title))
                elif checkin.context == "after":
                    words.append(_("after {practice}").format(practice=title))
            if checkin.intensity is not None:
                words.append(_("strength {n}").format(n=checkin.intensity))
            if checkin.note:
                words.append("✎")
            table.add_row(when(checkin.at), level, " · ".join(words))
        return table

    def _practices(self, store: Store, library: Library) -> Text:
        from trakon_tui.core.history import practice_summaries

        summaries = practice_summaries(store.outcomes(), store.run_counts())
        if not summaries:
            return Text(
                _(
                    "No practices yet. After a check-in you can try one; asking again after it "
                    "shows over time what helps you."
                ),
                style="dim",
            )
        text = Text()
        for n, summary in enumerate(summaries):
            if n:
                text.append("\n")
            item = library.items.get(summary.item_id)
            text.append(tr(item.title) if item else summary.item_id, style="bold")
            text.append(": " + summary_text(summary))
        return text

    def _writings(self, writings: list[Writing], library: Library) -> Table:
        table = Table.grid(padding=(0, 2))
        table.add_column(no_wrap=True, style="dim")
        table.add_column()
        for writing in writings:
            item = library.items.get(writing.item_id)
            title = tr(item.title) if item else writing.item_id
            first = writing.text.strip().splitlines()[0] if writing.text.strip() else ""
            table.add_row(when(writing.at), Text.assemble((title, "bold"), "  ", first))
        return table

    async def action_toggle_span(self) -> None:
        self.span = "weeks" if self.span == "days" else "days"
        await self.recompose()
