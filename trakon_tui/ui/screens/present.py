"""Facilitator mode: a session programme on a shared screen, large, slow and calm.

Pages written in the session file (agreements, the window for an opening round with an
optional tally of raised hands, a writing prompt with a quiet timer, reflection questions, a
closing round, a quiet end) are drawn here; library items show a slide (what it is, how long,
how to stop) and start with space or Enter in presenter look. → / ← move between steps, Esc
ends at once. Nothing personal is shown and nothing is written anywhere.
"""

from __future__ import annotations

from typing import ClassVar

from rich.console import Group, RenderableType
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical, VerticalScroll

from trakon_tui.core import measure, model
from trakon_tui.core.programme import Programme, Tally
from trakon_tui.core.text import clock_text, describe_seconds, tr
from trakon_tui.i18n import N_, _
from trakon_tui.ui.console_room import ConsoleRoom
from trakon_tui.ui.literal import Static
from trakon_tui.ui.screens.base import TrakonScreen
from trakon_tui.ui.screens.info import window_diagram
from trakon_tui.ui.timers import Alarm
from trakon_tui.ui.widgets.big_cue import BigCue
from trakon_tui.ui.widgets.window_scale import scale_texts
from trakon_tui.vocabulary import kind_name

RUNNABLE = (model.Breathing, model.Grounding)


class PresentScreen(ConsoleRoom, TrakonScreen):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,q", "leave", N_("End")),
        # priority: the scrolling page must not take the arrows for itself
        Binding("right", "move(1)", N_("Next"), priority=True),
        Binding("left", "move(-1)", N_("Back"), priority=True),
        Binding("space,enter", "start", N_("Start")),
        Binding("space", "pause_timer", N_("Pause")),
        Binding("space", "resume_timer", N_("Continue")),
        Binding("1", "tally('above')", N_("Above"), show=False),
        Binding("2", "tally('within')", N_("Within"), show=False),
        Binding("3", "tally('below')", N_("Below"), show=False),
        Binding("0", "clear_tally", N_("Clear"), show=False),
    ]

    def __init__(self, programme: Programme, title: str) -> None:
        super().__init__()
        self.programme = programme
        self.title = title
        self.tally = Tally()
        self.done: set[int] = set()
        self._timer: Alarm | None = None
        self._timer_left = 0.0
        self._timer_mark: float | None = None  # clock reading when the timer last resumed

    def title_text(self) -> str:
        return f"Trakon · {self.title}"

    # --- drawing ---------------------------------------------------------------------------

    def compose_body(self) -> ComposeResult:
        step = self.programme.step
        with VerticalScroll(id="present", classes="page"), Vertical(id="present-stage"):
            if step.page is not None:
                yield from self._page(step.page)
            elif isinstance(step.item, model.CheckinScale):
                # In a group the check-in is the picture for a round, never a form.
                yield BigCue((tr(step.item.question),), id="present-title")
                texts = scale_texts(step.item)
                yield Static(window_diagram(texts, None), id="present-window")
            else:
                assert step.item is not None
                yield BigCue((tr(step.item.title),), id="present-title")
                yield Static(self._slide(step.item), id="present-slide")
        yield Static(self._progress(), id="present-progress")

    def _page(self, page: model.SessionPage) -> ComposeResult:
        yield BigCue((tr(page.title),), id="present-title")
        if page.body:
            yield Static(tr(page.body), id="present-text")
        if page.role == "window":
            texts = scale_texts(self.trakon.library.checkin_scale())
            yield Static(window_diagram(texts, None), id="present-window")
            yield Static(self._tally_text(), id="present-tally")
        if page.questions:
            lines = Text()
            for n, question in enumerate(page.questions, start=1):
                if n > 1:
                    lines.append("\n\n")
                marker = "•" if page.role in ("agreements", "writing") else f"{n}."
                lines.append(f"{marker} {tr(question)}")
            yield Static(lines, id="present-questions")
        if page.role == "writing":
            yield Static("", id="present-timer")

    def _slide(self, item: model.Item) -> RenderableType:
        length = measure.duration(item)
        parts: list[RenderableType] = [
            Text(tr(item.summary)),
            Text(""),
            Text(
                f"{kind_name(model.kind_of(item))} · "
                f"{describe_seconds(length.seconds, exact=length.exact)}"
            ),
        ]
        if item.caution:
            parts.append(Text(tr(item.caution), style="italic"))
        if isinstance(item, RUNNABLE):
            parts.append(Text(""))
            if self.programme.index in self.done:
                parts.append(Text(_("Done. → goes on; space runs it again."), style="bold"))
            else:
                parts.append(
                    Text(
                        _("Space starts, with a 3-2-1 count. Eyes may stay open; anyone may stop."),
                        style="bold",
                    )
                )
        return Group(*parts)

    def _tally_text(self) -> Text:
        if self.tally.total == 0:
            return Text(
                _("Raised hands, if the group likes: 1 above · 2 within · 3 below · 0 clears"),
                style="dim",
            )
        return Text(
            _("Above {a}   ·   Within {w}   ·   Below {b}").format(
                a=self.tally.above, w=self.tally.within, b=self.tally.below
            ),
            style="bold",
        )

    def _progress(self) -> Text:
        """A thin line: where the group is in the programme, and the planned end."""
        steps = len(self.programme.steps)
        width = max(10, min(60, self.app.size.width - 36))
        filled = round(width * (self.programme.index + 1) / steps)
        end = self.programme.planned_end(self.trakon.config.wall_clock())
        text = Text()
        text.append("━" * filled, style="bold")
        text.append("─" * (width - filled), style="dim")
        text.append(
            "  "
            + _("{n}/{total} · ends about {time}").format(
                n=self.programme.index + 1, total=steps, time=end.strftime("%H:%M")
            ),
            style="dim",
        )
        return text

    # --- keys ------------------------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        step = self.programme.step
        if action == "start":
            return step.item is not None and isinstance(step.item, RUNNABLE)
        if action in ("tally", "clear_tally"):
            return step.page is not None and step.page.role == "window"
        writing = step.page is not None and step.page.role == "writing"
        if action == "pause_timer":
            return writing and self._timer_mark is not None
        if action == "resume_timer":
            return writing and self._timer_mark is None and self._timer_left > 0
        if action == "move" and parameters:
            step_by = parameters[0]
            assert isinstance(step_by, int)
            return 0 <= self.programme.index + step_by < len(self.programme.steps)
        return True

    async def action_move(self, by: int) -> None:
        if self.programme.move(by):
            self.tally.clear()  # never kept, cleared when the page is left
            await self._show_step()

    async def recompose(self) -> None:
        await super().recompose()
        self._fit_title()

    def on_resize(self) -> None:
        self._fit_title()

    def _fit_title(self) -> None:
        """The title in big letters when the screen is large enough (a projector), else bold."""
        for title in self.query("#present-title").results(BigCue):
            title.fit(max(10, self.size.width - 6), max(1, self.size.height // 6))
            title.show(title.words[0])

    async def _show_step(self) -> None:
        self._stop_timer()
        await self.recompose()
        step = self.programme.step
        if step.page is not None and step.page.role == "writing":
            self._timer_left = (step.page.minutes or 1) * 60.0
            self._resume()
        self.refresh_bindings()
        self.console_publish()

    def on_mount(self) -> None:
        self.call_after_refresh(self._first)

    async def _first(self) -> None:
        await self._show_step()

    def action_start(self) -> None:
        item = self.programme.step.item
        index = self.programme.index
        if isinstance(item, model.Breathing):
            from trakon_tui.ui.screens.breathing import BreathingScreen

            self.done.add(index)
            self.app.push_screen(BreathingScreen(item, presenter=True), self._after)
        elif isinstance(item, model.Grounding):
            from trakon_tui.ui.screens.grounding import GroundingScreen

            self.done.add(index)
            self.app.push_screen(GroundingScreen(item), self._after)

    def _after(self, moved: int | None) -> None:
        """Back from a practice; → or ← inside it moves the programme on as well. (Queued,
        not awaited: this runs inside the screen's own message handling.)"""
        if moved:
            self.call_later(self.action_move, moved)
        else:
            self.call_later(self.recompose)

    def action_tally(self, zone: str) -> None:
        self.tally.add(zone)
        self.query_one("#present-tally", Static).update(self._tally_text())
        self.console_publish()

    def action_clear_tally(self) -> None:
        self.tally.clear()
        self.query_one("#present-tally", Static).update(self._tally_text())
        self.console_publish()

    # --- the quiet writing timer -------------------------------------------------------------

    def _resume(self) -> None:
        self._timer_mark = self.trakon.config.clock()
        self._timer = self.trakon.config.timers.every(self, 1.0, self._show_timer)
        self._show_timer()

    def _stop_timer(self) -> None:
        if self._timer is not None:
            self._timer.stop()
        self._timer = None

    def _left(self) -> float:
        if self._timer_mark is None:
            return self._timer_left
        return max(0.0, self._timer_left - (self.trakon.config.clock() - self._timer_mark))

    def _show_timer(self) -> None:
        found = self.query("#present-timer")
        if not found:
            return
        left = self._left()
        if left <= 0:
            self._stop_timer()
            text = _("The quiet time is over.")
        elif self._timer_mark is None:
            text = _("Quiet writing time: {left} (paused)").format(left=clock_text(left))
        else:
            text = _("Quiet writing time: {left}").format(left=clock_text(left))
        found.first(Static).update(text)

    def action_pause_timer(self) -> None:
        self._timer_left = self._left()
        self._timer_mark = None
        self._stop_timer()
        self._show_timer()
        self.refresh_bindings()

    def action_resume_timer(self) -> None:
        self._resume()
        self.refresh_bindings()

    def action_leave(self) -> None:
        self.app.exit()


class PresentPicker(TrakonScreen):
    """Without a SESSION: the session programmes first, then single practices."""

    TITLE_MSGID = N_("Facilitator mode")
    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape,q", "leave", N_("End"))]

    def compose_body(self) -> ComposeResult:
        from trakon_tui.ui.literal import Option, OptionList, option

        library = self.trakon.library
        options: list[Option | None] = []
        for kind in ("session", "breathing", "grounding"):
            group = measure.gentlest_first(library.by_kind(kind))
            if options and group:
                options.append(None)
            for item in group:
                length = measure.duration(item, library.items)
                label = Text.assemble(
                    (tr(item.title), "bold"),
                    ("  " + kind_name(kind) + " · ", "dim"),
                    (describe_seconds(length.seconds, exact=length.exact), "dim"),
                )
                options.append(option(label, id=item.id))
        with Vertical(classes="page", id="present-picker"):
            yield Static(
                _("Nothing personal is shown, and nothing is written anywhere."), classes="dim"
            )
            yield OptionList(*options, id="present-menu")

    def on_option_list_option_selected(self, event: object) -> None:
        option = getattr(event, "option", None)
        item = self.trakon.library.items.get(getattr(option, "id", "") or "")
        if item is None:
            return
        self.app.push_screen(present_screen(item, self.trakon.library.items))

    def action_leave(self) -> None:
        self.app.exit()


def present_screen(item: model.Item, items: dict[str, model.AnyItem]) -> PresentScreen:
    if isinstance(item, model.Session):
        return PresentScreen(Programme.of(item, items), tr(item.title))
    return PresentScreen(Programme.single(item), tr(item.title))
