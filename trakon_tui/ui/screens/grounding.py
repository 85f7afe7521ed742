"""A grounding practice, one step at a time, large and calm.

Steps with a count are ticked off with space (or left with → at any moment); timed steps move
on by themselves with an unhurried progress line and can be paused with space; next, back,
skip and stop are always there and shown. The step's alternative (eyes open, no touch) is
shown with it. Time comes from the app's monotonic clock through the pure `StepWalk`: one
one-shot timer for the step's end and a slow refresh of the progress line only while it runs.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical

from trakon_tui.core.flow import Before
from trakon_tui.core.model import Grounding
from trakon_tui.core.steps import StepWalk
from trakon_tui.core.text import clock_text, tr
from trakon_tui.i18n import N_, _
from trakon_tui.ui.literal import Static
from trakon_tui.ui.screens.base import TrakonScreen
from trakon_tui.ui.screens.practice_end import end_practice, record_run
from trakon_tui.ui.timers import Alarm

PROGRESS_RATE = 4.0  # progress-line updates per second while a timed step runs
BAR_WIDTH = 40


class GroundingScreen(TrakonScreen):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,q", "leave", N_("Stop")),
        Binding("space", "tick", N_("Noticed")),
        Binding("space", "pause", N_("Pause")),
        Binding("space", "resume", N_("Continue")),
        Binding("enter,right", "next", N_("Next")),
        Binding("left", "back", N_("Back")),
        Binding("s", "skip", N_("Skip")),
    ]

    def __init__(self, item: Grounding, *, before: Before | None = None) -> None:
        super().__init__()
        self.item = item
        self.before = before
        self.walk: StepWalk | None = None
        self._started_wall: datetime | None = None
        self._end_timer: Alarm | None = None
        self._progress_timer: Alarm | None = None
        self.finished = False

    def title_text(self) -> str:
        return f"Trakon · {tr(self.item.title)}"

    def compose_body(self) -> ComposeResult:
        with Vertical(id="grounding", classes="page"):
            yield Static("", id="step-number", classes="dim")
            yield Static("", id="step-text")
            yield Static("", id="step-count")
            yield Static("", id="step-progress")
            yield Static("", id="step-alternative")
            yield Static("", id="step-status", classes="dim")

    def on_mount(self) -> None:
        if self.walk is None:
            self.walk = StepWalk(self.item.steps, start=self._now())
            self._started_wall = self.trakon.config.wall_clock()
        self.sync()

    async def relabel(self) -> None:
        await super().relabel()
        self.sync()

    def _now(self) -> float:
        return self.trakon.config.clock()

    # --- time ------------------------------------------------------------------------------

    def sync(self) -> None:
        """Read the clock: move past finished timed steps, draw, arm the next wake-ups."""
        walk = self.walk
        if walk is None or self.finished:
            return
        now = self._now()
        walk.sync(now)
        if walk.finished:
            self._finish(completed=True)
            return
        self._show(now)
        self.refresh_bindings()
        for timer in (self._end_timer, self._progress_timer):
            if timer is not None:
                timer.stop()
        self._end_timer = self._progress_timer = None
        due = walk.due(now)
        if due is not None:
            timers = self.trakon.config.timers
            self._end_timer = timers.once(self, max(due - now, 0.0005), self.sync)
            rate = 1.0 if self.trakon.reduced_motion else PROGRESS_RATE
            self._progress_timer = timers.every(self, 1 / rate, self._show_progress)

    def _show_progress(self) -> None:
        if self.walk is not None and not self.finished:
            # Same width every time: a repaint of one line, no layout pass.
            progress = self.query_one("#step-progress", Static)
            progress.update(self._progress_text(self._now()), layout=False)

    # --- drawing ---------------------------------------------------------------------------

    def _put(self, selector: str, content: str | Text) -> None:
        """Show a line, or take it out of the layout when it is empty."""
        widget = self.query_one(selector, Static)
        widget.update(content)
        widget.display = bool(str(content))

    def _show(self, now: float) -> None:
        assert self.walk is not None
        walk, step = self.walk, self.walk.step
        self._put(
            "#step-number", _("Step {n}/{total}").format(n=walk.index + 1, total=len(walk.steps))
        )
        self._put("#step-text", Text(tr(step.text), style="bold"))
        count_text = Text()
        if step.count is not None:
            done = walk.ticks[walk.index]
            count_text.append("  ".join("●" if i < done else "○" for i in range(step.count)))
            count_text.append(f"   {done}/{step.count}", style="dim")
        self._put("#step-count", count_text)
        self._put("#step-progress", self._progress_text(now))
        extra = []
        if step.alternative:
            extra.append(_("Another way: {text}").format(text=tr(step.alternative)))
        if step.body:
            extra.append(_("This step turns to the body; s skips it, and that is fine."))
        self._put("#step-alternative", "\n".join(extra))
        self._put("#step-status", self._status(now))

    def _progress_text(self, now: float) -> Text:
        assert self.walk is not None
        if not self.walk.timed:
            return Text("")
        width = max(10, min(BAR_WIDTH, self.size.width - 14))
        filled = round(self.walk.progress(now) * width)
        text = Text()
        text.append("━" * filled, style="bold")
        text.append("─" * (width - filled), style="dim")
        text.append(f"  {clock_text(self.walk.left(now))}", style="dim")
        return text

    def _status(self, now: float) -> str:
        assert self.walk is not None
        walk, step = self.walk, self.walk.step
        if walk.paused:
            return _("Paused. Space continues; Esc stops.")
        if step.count is not None:
            if walk.ticks[walk.index] >= step.count:
                return _("All noticed. Enter or → goes on when you are ready.")
            return _("Space for each one you notice; → goes on at any time.")
        if walk.timed:
            return _("This step moves on by itself. Space pauses.")
        return _("Enter or → goes on when you are ready.")

    # --- keys ------------------------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        walk = self.walk
        if walk is None or walk.finished:
            return True
        if action == "tick":
            return walk.step.count is not None
        if action == "pause":
            return walk.timed and not walk.paused
        if action == "resume":
            return walk.timed and walk.paused
        if action == "back":
            return walk.index > 0
        return True

    def action_tick(self) -> None:
        if self.walk is not None and self.walk.tick():
            self.sync()

    def _move(self, change: Callable[[StepWalk, float], None]) -> None:
        """A key's change to the walk, at the clock's now, then the screen follows it."""
        if self.walk is not None:
            change(self.walk, self._now())
            self.sync()

    def action_pause(self) -> None:
        self._move(StepWalk.pause)

    def action_resume(self) -> None:
        self._move(StepWalk.resume)

    def action_next(self) -> None:
        self._move(StepWalk.next)

    def action_back(self) -> None:
        self._move(StepWalk.back)

    def action_skip(self) -> None:
        self._move(StepWalk.skip)

    def action_leave(self) -> None:
        self._finish(completed=False)

    # --- ending ----------------------------------------------------------------------------

    def _finish(self, *, completed: bool) -> None:
        if self.finished:
            return
        self.finished = True
        for timer in (self._end_timer, self._progress_timer):
            if timer is not None:
                timer.stop()
        run_id = self._record(completed)
        end_practice(
            self,
            self.item,
            closing=tr(self.item.closing) if self.item.closing else "",
            before=self.before,
            run_id=run_id,
            completed=completed,
            again=lambda: GroundingScreen(self.item),
        )

    def when_closing(self, *, attended: bool) -> None:
        """Trakon closes mid-practice: recorded as stopped, as Esc would (base.py)."""
        if not self.finished:
            self.finished = True
            self._record(False)

    def _record(self, completed: bool) -> int | None:
        return record_run(
            self, self.item, started=self._started_wall, completed=completed, before=self.before
        )
