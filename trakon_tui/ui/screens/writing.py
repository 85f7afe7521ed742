"""A writing practice: the prompts, an optional quiet timer, a multi-line editor. At the end
the user chooses, every time, to keep the text in the private log or to discard it; a
discarded text never reaches the disk (it lives only in the editor's memory)."""

from __future__ import annotations

from datetime import datetime
from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical, VerticalScroll
from textual.widgets import TextArea

from trakon_tui.core.model import Writing
from trakon_tui.core.text import tr
from trakon_tui.i18n import N_, _
from trakon_tui.ui.flow import Before
from trakon_tui.ui.literal import Static
from trakon_tui.ui.screens.base import TrakonScreen
from trakon_tui.ui.screens.breathing import clock_text
from trakon_tui.ui.screens.practice_end import end_practice, record_run
from trakon_tui.ui.timers import Alarm

TEXT_LIMIT = 20_000


class WritingScreen(TrakonScreen):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "finish", N_("Done"), priority=True),
        Binding("ctrl+s", "finish", N_("Done"), show=False, priority=True),
    ]

    def __init__(self, item: Writing, *, before: Before | None = None) -> None:
        super().__init__()
        self.item = item
        self.before = before
        self._started: float | None = None
        self._started_wall: datetime | None = None
        self._timer: Alarm | None = None
        self.finished = False

    def title_text(self) -> str:
        return f"Trakon · {tr(self.item.title)}"

    def compose_body(self) -> ComposeResult:
        prompts = Text()
        for n, prompt in enumerate(self.item.prompts, start=1):
            if n > 1:
                prompts.append("\n")
            prompts.append(f"{n}. {tr(prompt.text)}", style="bold")
            if prompt.hint:
                prompts.append(f"  {tr(prompt.hint)}", style="dim")
        with Vertical(id="writing", classes="page"):
            with VerticalScroll(id="writing-prompts"):
                yield Static(prompts)
            yield Static(
                _(
                    "Never write a client's name or anything that could identify them. "
                    "Esc when you are done: you then choose to keep or discard."
                ),
                classes="dim",
                id="writing-reminder",
            )
            yield Static("", id="writing-timer", classes="dim")
            yield TextArea(id="writing-text", soft_wrap=True, show_line_numbers=False)

    def on_mount(self) -> None:
        if self._started is None:
            self._started = self.trakon.config.clock()
            self._started_wall = self.trakon.config.wall_clock()
        self.query_one(TextArea).focus()
        if self.item.timer is not None:
            self._timer = self.trakon.config.timers.every(self, 1.0, self.sync)
        else:
            self.query_one("#writing-timer", Static).display = False
        self.sync()

    def sync(self) -> None:
        """The quiet timer: time left, then a calm word that it is over (nothing ends)."""
        if self.item.timer is None or self._started is None:
            return
        left = self.item.timer - (self.trakon.config.clock() - self._started)
        label = self.query_one("#writing-timer", Static)
        if left > 0:
            label.update(_("Quiet time: {left} left").format(left=clock_text(left)))
        else:
            label.update(_("The quiet time is over. You can finish whenever you are ready."))
            if self._timer is not None:
                self._timer.stop()

    @property
    def text(self) -> str:
        return self.query_one(TextArea).text.strip()

    def action_finish(self) -> None:
        if not self.text:
            self._end(kept=False)
            return
        self.app.push_screen(KeepScreen(), self._chosen)

    def _chosen(self, keep: bool | None) -> None:
        if keep is None:  # back to writing
            self.query_one(TextArea).focus()
            return
        self._end(kept=keep)

    def _end(self, *, kept: bool) -> None:
        if self.finished:
            return
        self.finished = True
        if self._timer is not None:
            self._timer.stop()
        from trakon_tui.core.store import LogError

        text = self.text
        run_id = None
        try:
            if kept and text:
                store = self.trakon.log_store()
                if store is None:
                    self.app.notify(_("Not saved: the log is off (--no-log)."), timeout=4)
                else:
                    store.add_writing(self.trakon.config.wall_clock(), self.item.id, text)
                    self.app.notify(_("Kept in your private log."), timeout=3)
            elif text:
                self.app.notify(_("Discarded. Nothing of it was saved."), timeout=3)
            run_id = self._record(completed=bool(text))
        except LogError as error:
            self.finished = False
            self.app.notify(error.message(), severity="warning", timeout=10)
            return
        self.query_one(TextArea).text = ""  # nothing of it stays in the screen either
        end_practice(
            self,
            self.item,
            closing="",
            before=self.before,
            run_id=run_id,
            completed=bool(text),
            again=lambda: WritingScreen(self.item),
            quiet=True,
        )

    def _record(self, *, completed: bool) -> int | None:
        return record_run(
            self, self.item, started=self._started_wall, completed=completed, before=self.before
        )


class KeepScreen(TrakonScreen):
    """Keep or discard: asked every time a writing ends. Esc goes back to the text."""

    TITLE_MSGID = N_("Keep or discard?")
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("k", "keep", N_("Keep")),
        Binding("d", "discard", N_("Discard")),
        Binding("escape", "back", N_("Back to writing")),
        Binding("q", "back", show=False),
    ]

    def compose_body(self) -> ComposeResult:
        with Vertical(classes="page", id="keep"):
            yield Static(_("What would you like to do with what you wrote?"), classes="lead")
            yield Static(
                _("k  Keep it in your private log (on this computer; export and forget include it)")
            )
            yield Static(_("d  Discard it: nothing of it is saved anywhere"))
            yield Static(_("Esc  Back to writing"), classes="dim")

    def action_keep(self) -> None:
        self.dismiss(True)  # type: ignore[arg-type]

    def action_discard(self) -> None:
        self.dismiss(False)  # type: ignore[arg-type]

    def action_back(self) -> None:
        self.dismiss(None)
