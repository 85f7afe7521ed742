"""A writing practice: the prompts, an optional quiet timer, a multi-line editor. At the end
the user chooses, every time, to keep the text in the private log or to discard it (also
when closing Trakon mid-writing); a discarded text never reaches the disk (it lives only in
the editor's memory). When the terminal closes, nobody can be asked: the text is discarded."""

from __future__ import annotations

from collections.abc import Callable
from contextlib import suppress
from datetime import datetime
from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import TextArea

from trakon_tui.core.flow import Before
from trakon_tui.core.model import Writing
from trakon_tui.core.text import clock_text, tr
from trakon_tui.i18n import N_, _
from trakon_tui.ui.i18n_textual import TranslatedFooter
from trakon_tui.ui.literal import Static, Translated
from trakon_tui.ui.screens.base import TrakonScreen
from trakon_tui.ui.screens.practice_end import end_practice, record_run
from trakon_tui.ui.timers import Alarm


class WritingScreen(TrakonScreen):
    """Esc (or q outside the text) asks keep or discard; so does closing Trakon (Ctrl+Q, the
    palette) while the text is not empty. A language switch relabels in place: the text,
    its cursor and its scroll stay. The quiet timer waits while another screen covers this
    one (base.py calls `action_pause`/`action_resume`)."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "finish", N_("Done"), priority=True, id="leave"),
        Binding("ctrl+s", "finish", N_("Done"), show=False, priority=True, id="save"),
    ]

    def __init__(self, item: Writing, *, before: Before | None = None) -> None:
        super().__init__()
        self.item = item
        self.before = before
        self._started: float | None = None
        self._started_wall: datetime | None = None
        self._timer: Alarm | None = None
        self._paused_at: float | None = None
        self._answers: list[Callable[[bool | None], None]] = []  # waiting for keep/discard
        self.finished = False

    def title_text(self) -> str:
        return f"Trakon · {tr(self.item.title)}"

    def _prompts(self) -> Text:
        prompts = Text()
        for n, prompt in enumerate(self.item.prompts, start=1):
            if n > 1:
                prompts.append("\n")
            prompts.append(f"{n}. {tr(prompt.text)}", style="bold")
            if prompt.hint:
                prompts.append(f"  {tr(prompt.hint)}", style="dim")
        return prompts

    def compose_body(self) -> ComposeResult:
        with Vertical(id="writing", classes="page"):
            with VerticalScroll(id="writing-prompts"):
                yield Static(self._prompts(), id="writing-prompt-text")
            yield Translated(
                N_(
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

    async def relabel(self) -> None:
        """Only the words change; the text area is left exactly as it is."""
        self.relabel_in_place()
        self.query_one("#writing-prompt-text", Static).update(self._prompts())
        self.sync()

    def sync(self) -> None:
        """The quiet timer: time left, then a calm word that it is over (nothing ends)."""
        if self.item.timer is None or self._started is None:
            return
        now = self._paused_at if self._paused_at is not None else self.trakon.config.clock()
        left = self.item.timer - (now - self._started)
        label = self.query_one("#writing-timer", Static)
        if left > 0:
            label.update(_("Quiet time: {left} left").format(left=clock_text(left)))
        else:
            label.update(_("The quiet time is over. You can finish whenever you are ready."))
            if self._timer is not None:
                self._timer.stop()

    # --- covered by another screen: the quiet timer waits ---------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "pause":
            return self._timer is not None and self._paused_at is None and not self.finished
        if action == "resume":
            return self._paused_at is not None
        return super().check_action(action, parameters)

    def action_pause(self) -> None:
        self._paused_at = self.trakon.config.clock()
        if self._timer is not None:
            self._timer.stop()  # armed again on resume

    def action_resume(self) -> None:
        if self._paused_at is None or self._started is None:
            return
        self._started += self.trakon.config.clock() - self._paused_at
        self._paused_at = None
        if self._timer is not None:
            self._timer = self.trakon.config.timers.every(self, 1.0, self.sync)
        self.sync()

    # --- ending ----------------------------------------------------------------------------

    @property
    def text(self) -> str:
        return self.query_one(TextArea).text.strip()

    def action_finish(self) -> None:
        if not self.text:
            self._end(kept=False)
            return
        self._ask(self._chosen)

    def action_leave(self) -> None:  # q, where the text area does not take it
        self.action_finish()

    def _ask(self, answer: Callable[[bool | None], None], *, closing: bool = False) -> None:
        """Keep or discard? One question at a time: Ctrl+Q while Esc's question is open
        waits for the same answer."""
        self._answers.append(answer)
        if len(self._answers) == 1:
            self.app.push_screen(KeepOrDiscard(closing=closing), self._answered)

    def _answered(self, keep: bool | None) -> None:
        answers, self._answers = self._answers, []
        for answer in answers:
            answer(keep)

    def _chosen(self, keep: bool | None) -> None:
        if keep is None:  # back to writing
            self.query_one(TextArea).focus()
            return
        self._end(kept=keep)

    def ask_before_closing(self, go_on: Callable[[], None]) -> bool:
        if self.finished or not self.text:
            return False

        def answered(keep: bool | None) -> None:
            from trakon_tui.core.store import LogError

            if keep is None:
                return  # back to writing: Trakon stays open
            try:
                self._keep_or_discard(kept=keep)
            except LogError:
                return  # the user was told; the text is still there, and so is Trakon
            go_on()

        self._ask(answered, closing=True)
        return True

    def when_closing(self, *, attended: bool) -> None:
        """Trakon closes with the writing open: asked already if it held text; when the
        terminal closed, nobody could be asked, so it is discarded (kept only by choice)."""
        from trakon_tui.core.store import LogError

        with suppress(LogError):  # only recording the run can fail here; the user was told
            self._keep_or_discard(kept=False, stopped=True)

    def _keep_or_discard(self, *, kept: bool, stopped: bool = False) -> int | None:
        """Keep the text in the log or let it go, and record the run; the run's id. Raises
        LogError (and stays unfinished) if the log refused."""
        if self.finished:
            return None
        self.finished = True
        if self._timer is not None:
            self._timer.stop()
        from trakon_tui.core.store import LogError

        text = self.text
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
            run_id = self._record(completed=bool(text) and not stopped)
        except LogError as error:
            self.finished = False
            self.app.notify(error.message(), severity="warning", timeout=10)
            raise
        self.query_one(TextArea).text = ""  # nothing of it stays in the screen either
        return run_id

    def _end(self, *, kept: bool) -> None:
        from trakon_tui.core.store import LogError

        completed = bool(self.text)
        try:
            run_id = self._keep_or_discard(kept=kept)
        except LogError:
            return
        end_practice(
            self,
            self.item,
            closing="",
            before=self.before,
            run_id=run_id,
            completed=completed,
            again=lambda: WritingScreen(self.item),
            quiet=True,
        )

    def _record(self, *, completed: bool) -> int | None:
        return record_run(
            self, self.item, started=self._started_wall, completed=completed, before=self.before
        )


class KeepOrDiscard(ModalScreen[bool | None]):
    """Keep (True) or discard (False) what was written; None: back to writing. Asked every
    time a writing with text ends: by Esc, and by closing Trakon (`closing`: then it says so)."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("k", "keep", N_("Keep"), id="keep"),
        Binding("d", "discard", N_("Discard"), id="discard"),
        Binding("escape", "back", N_("Back to writing"), id="leave"),
        Binding("q", "back", show=False),
        # A modal screen hides the app's keys; these two must work everywhere.
        Binding("b,f12", "app.hide", N_("Hide"), show=False, id="hide"),
        Binding("question_mark,f1", "app.help", N_("Help"), show=False, id="help"),
    ]

    def __init__(self, *, closing: bool = False) -> None:
        super().__init__()
        self.then_close = closing

    def compose(self) -> ComposeResult:
        with Vertical(id="keep"):
            yield Translated(N_("Keep or discard?"), classes="title-bar")
            yield Translated(N_("What would you like to do with what you wrote?"), classes="lead")
            if self.then_close:
                yield Translated(N_("Trakon closes after you choose."), id="keep-closing")
            yield Translated(
                N_(
                    "k  Keep it in your private log "
                    "(on this computer; export and forget include it)"
                )
            )
            yield Translated(N_("d  Discard it: nothing of it is saved anywhere"))
            yield Translated(N_("Esc  Back to writing"), classes="dim")
        yield TranslatedFooter()

    def on_mount(self) -> None:
        self.watch(self.app, "language", self._relabel, init=False)

    def _relabel(self) -> None:
        for line in self.query(Translated):
            line.relabel()

    def action_keep(self) -> None:
        self.dismiss(True)

    def action_discard(self) -> None:
        self.dismiss(False)

    def action_back(self) -> None:
        self.dismiss(None)
