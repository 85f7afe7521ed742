"""History: arousal over days or weeks with the window band, the recent check-ins, and per
practice how often it moved you toward your window — in calm words, no scores or streaks."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from datetime import date
from typing import TYPE_CHECKING, ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.widget import Widget

from trakon_tui.core.history import (
    DAYS,
    WEEKS,
    Column,
    Overview,
    Span,
    checkin_words,
    context_text,
    summary_text,
)
from trakon_tui.core.text import moment_text, tr
from trakon_tui.i18n import N_, _
from trakon_tui.ui.literal import Static
from trakon_tui.ui.screens.base import TrakonScreen
from trakon_tui.ui.widgets.level_chart import LevelChart
from trakon_tui.ui.widgets.rows import Rows, ShortColumn
from trakon_tui.ui.widgets.window_scale import scale_texts

if TYPE_CHECKING:
    from trakon_tui.core.history import PracticeSummary
    from trakon_tui.core.library import Library
    from trakon_tui.core.store import CheckIn, Writing


class HistoryScreen(TrakonScreen):
    """The log is read once, by the first compose (and each span's chart once, when first
    shown); later composes only draw what was read, so a language switch or the days/weeks
    key never reads the log again."""

    TITLE_MSGID = N_("History")
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,q", "close", N_("Quit")),  # opened by a command (base.py)
        Binding("escape,q", "leave", N_("Back")),
        Binding("w", "toggle_span", N_("Days / weeks")),
        Binding("e", "summary", N_("Summary")),
    ]

    def __init__(self, span: Span = "days") -> None:
        super().__init__()
        self.span: Span = span
        self._read = False  # compose before the first read draws only the lead line
        self._off = False  # --no-log: nothing to read
        self._problem: str | None = None  # the log could not be read: said instead
        self._overview: Overview | None = None
        self._charts: dict[Span, tuple[list[Column | None], date]] = {}

    def _today(self) -> date:
        return self.trakon.config.wall_clock().date()

    def _read_log(self) -> None:
        """Everything the screen shows, from the log, at once (and said once if the log
        cannot be read: never a crash, the file is kept as it is)."""
        from trakon_tui.core.history import read_overview
        from trakon_tui.core.store import LogError

        self._read = True
        try:
            store = self.trakon.log_store(reading=True)  # None only with --no-log
            if store is None:
                self._off = True
                return
            self._overview = read_overview(store, self._today())
            self._chart(self.span)
        except LogError as error:
            self._problem = error.message()
            self.app.notify(self._problem, severity="warning", timeout=10)

    def _chart(self, span: Span) -> tuple[list[Column | None], date]:
        """The chart's columns for `span`, read from the log the first time (LogError)."""
        if span not in self._charts:
            from trakon_tui.core.history import read_columns

            store = self.trakon.log_store(reading=True)
            assert store is not None
            self._charts[span] = read_columns(store, self._today(), span)
        return self._charts[span]

    def compose_body(self) -> ComposeResult:
        if not self._read:  # the first compose: read before anything is laid out, so that
            # What is alive when history opens is the app itself: frozen, as while breathing,
            # so that a full garbage collection while the page is built and drawn walks only
            # what came later (at 100,000 check-ins such collections were a fifth of the
            # open's time; benchmarks/log.py). Undone when the screen goes.
            gc.freeze()
            self._read_log()  # the screen is laid out and drawn once, with what it shows
        if self._problem is not None:
            yield Static(Text(self._problem), id="history-unreadable")
            return
        with VerticalScroll(id="history", classes="page -long" if self._long() else "page"):
            yield Static(
                _("Only on this computer, readable by you alone."), classes="dim", id="history-lead"
            )
            yield from self._body()

    def on_unmount(self) -> None:
        gc.unfreeze()

    def _long(self) -> bool:
        """The page is surely taller than the screen: the lines it has at least (padding,
        the lead, the chart, each label with its margin and each listed line, none wrapped)
        are more than the screen's."""
        overview = self._overview
        if overview is None or overview.empty:
            return False
        lines = 3 + 2 + max(1, len(overview.practices))  # padding, lead; practices
        if overview.logged:
            lines += 2 + LevelChart.HEIGHT + 1 + 2 + len(overview.recent)
        if overview.contexts:
            lines += 2 + len(overview.contexts)
        if overview.writings:
            lines += 2 + len(overview.writings)
        return lines > self.app.size.height

    def on_resize(self) -> None:
        if self._overview is not None and self.query("#history"):
            self.query_one("#history").set_class(self._long(), "-long")

    def _body(self) -> Iterator[Widget]:
        """What was read from the log (nothing before the read)."""
        if not self._read:
            return
        if self._off:
            yield Static(_("The log is off (--no-log), so there is no history to show."))
            return
        overview = self._overview
        assert overview is not None
        if overview.empty:
            yield Static(
                _("Nothing here yet. Your check-ins will show here after you save some."),
                id="history-empty",
            )
            return
        library = self.trakon.library
        if overview.logged:
            columns, first = self._charts[self.span]
            yield Static(self._chart_title(), classes="setting-label", id="history-chart-title")
            yield LevelChart(columns, first, self.trakon.personal_window, self.span, id="chart")
            low, high = self.trakon.personal_window
            yield Static(
                _("█ average  ▒ lowest to highest  ┃· your window {low}–{high}").format(
                    low=low, high=high
                ),
                classes="dim",
            )
            yield Static(_("Recent check-ins"), classes="setting-label")
            yield Static(self._recent(overview.recent, library), id="history-recent")
        if overview.contexts:
            yield Static(
                _("What was just before, last {n} days").format(n=DAYS), classes="setting-label"
            )
            yield Static(
                Text("\n".join(context_text(tag, zones) for tag, zones in overview.contexts)),
                id="history-contexts",
            )
        yield Static(_("Practices"), classes="setting-label")
        yield Static(self._practices(overview.practices, library), id="history-practices")
        if overview.writings:
            yield Static(_("Kept writings"), classes="setting-label")
            yield Static(self._writings(overview.writings, library), id="history-writings")

    def _chart_title(self) -> str:
        if self.span == "days":
            return _("Last {n} days").format(n=DAYS)
        return _("Last {n} weeks").format(n=WEEKS)

    def _recent(self, checkins: list[CheckIn], library: Library) -> Rows:
        names = scale_texts(library.checkin_scale())
        rows = []
        for checkin in checkins:
            level = "?" if checkin.level is None else str(checkin.level)
            zone = names.zones.get(checkin.zone)
            name = zone.name if zone else _("don't know")
            words = checkin_words(checkin, name, library.title_of, "✎")
            rows.append(((moment_text(checkin.at), level), Text(" · ".join(words))))
        return Rows((ShortColumn("dim"), ShortColumn(justify="right")), rows)

    def _practices(self, summaries: list[PracticeSummary], library: Library) -> Text:
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

    def _writings(self, writings: list[Writing], library: Library) -> Rows:
        rows = []
        for writing in writings:
            item = library.items.get(writing.item_id)
            title = tr(item.title) if item else writing.item_id
            first = writing.text.strip().splitlines()[0] if writing.text.strip() else ""
            rows.append(((moment_text(writing.at),), Text.assemble((title, "bold"), "  ", first)))
        return Rows((ShortColumn("dim"),), rows)

    async def action_toggle_span(self) -> None:
        from trakon_tui.core.store import LogError

        span: Span = "weeks" if self.span == "days" else "days"
        if self._overview is not None:
            try:
                self._chart(span)  # read once, when first shown
            except LogError as error:
                self.app.notify(error.message(), severity="warning", timeout=10)
                return
        self.span = span
        await self.recompose()

    def action_summary(self) -> None:
        """`e`: the last four weeks on one page, saved as HTML in the documents folder
        without notes, and the path said (no question to answer: one key, then a file)."""
        from trakon_tui import summary_page
        from trakon_tui.core.store import LogError
        from trakon_tui.core.summary import DEFAULT_WEEKS, read_summary

        if self._off or self._problem is not None:
            self.app.notify(
                self._problem or _("The log is off (--no-log), so there is nothing to summarise."),
                severity="warning",
                timeout=10,
            )
            return
        try:
            store = self.trakon.log_store(reading=True)
            assert store is not None
            summary = read_summary(store, self._today(), DEFAULT_WEEKS)
        except LogError as error:
            self.app.notify(error.message(), severity="warning", timeout=10)
            return
        library = self.trakon.library
        document = summary_page.page(summary, library, self.trakon.personal_window, "html")
        saved = summary_page.save_in(self.trakon.config.documents(), self._today(), document)
        if isinstance(saved, str):
            self.app.notify(saved, severity="warning", timeout=10)
            return
        self.app.notify(
            _(
                "The summary of the last {n} weeks was saved as {path}, readable by you only "
                "and without notes. It opens in a browser."
            ).format(n=DEFAULT_WEEKS, path=saved),
            timeout=15,
        )
