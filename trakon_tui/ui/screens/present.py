"""Facilitator mode: a session programme on a shared screen, large, slow and calm.

Pages written in the session file (agreements, the window for an opening round with an
optional tally of raised hands, the drawn body for noticing where something is felt, a
writing prompt with a quiet timer, reflection questions with optional raised-finger counts, a
closing round, a quiet end) are drawn here, and so are the
library's information pages (← → turn them) and writing prompts; practices show a slide (what
it is, how long, how to stop) and start with space or Enter in presenter look. Everything the
room reads is in big letters where the screen is wide enough, and scrolls with ↓ / PgDn when
it does not fit. Esc asks before it ends the session; `g` jumps to a step. The state lives in
the pure `SessionRun` (core/session_run.py); this screen draws it and turns keys into calls.
A check-in item counts raised hands too; where the session divides after it (steps with
`when`), a line says where it goes next, as the count chooses the route.
Nothing personal is shown and nothing is written anywhere.
"""

from __future__ import annotations

from datetime import timedelta
from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen

from trakon_tui.card import route_length
from trakon_tui.core import measure, model
from trakon_tui.core.model import RouteZone
from trakon_tui.core.programme import Programme, presenter_seconds
from trakon_tui.core.session_run import FINGERS, SessionRun, drift_words
from trakon_tui.core.text import clock_text, describe_seconds, flat_markdown, tr
from trakon_tui.i18n import N_, _
from trakon_tui.ui.console_room import ConsoleRoom
from trakon_tui.ui.i18n_textual import TranslatedFooter
from trakon_tui.ui.literal import Option, OptionList, Static, option
from trakon_tui.ui.screens.base import TrakonScreen
from trakon_tui.ui.screens.info import window_diagram
from trakon_tui.ui.timers import Alarm
from trakon_tui.ui.widgets.big_cue import BigCue
from trakon_tui.ui.widgets.big_text import BigText
from trakon_tui.ui.widgets.body_figure import BodyFigure
from trakon_tui.ui.widgets.window_scale import scale_texts
from trakon_tui.vocabulary import kind_name

RUNNABLE = (model.Breathing, model.Grounding)
TEXT_MARGIN = 12  # columns around the room's text: the page's and stage's padding, a scrollbar
FIGURE_COLUMNS = 15  # the body figure and its margin, beside the list of areas


def step_title(step_page: model.SessionPage | None, item: model.Item | None) -> str:
    if step_page is not None:
        return tr(step_page.title)
    assert item is not None
    if isinstance(item, model.CheckinScale):
        return tr(item.question)
    return tr(item.title)


class PresentScreen(ConsoleRoom, TrakonScreen):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,q", "ask_end", N_("End")),
        # priority: the scrolling page must not take the arrows for itself
        Binding("right", "move(1)", N_("Next"), priority=True),
        Binding("left", "move(-1)", N_("Back"), priority=True),
        Binding("space,enter", "start", N_("Start")),
        Binding("space", "pause", N_("Pause")),
        Binding("space", "resume", N_("Continue")),
        Binding("g", "steps", N_("Steps")),
        Binding("1", "tally('above')", N_("Above"), show=False),
        Binding("2", "tally('within')", N_("Within"), show=False),
        Binding("3", "tally('below')", N_("Below"), show=False),
        Binding("0", "clear_tally", N_("Clear"), show=False),
        Binding("tab", "question(1)", N_("Question"), show=False),
        Binding("shift+tab", "question(-1)", N_("Question"), show=False),
        *(
            Binding(str(n), f"fingers({n})", N_("Fingers"), show=n == 1, key_display="1–5")
            for n in FINGERS
        ),
        Binding("0", "clear_fingers", N_("Clear"), show=False),
        Binding("down", "scroll(1)", N_("Scroll"), show=False),
        Binding("up", "scroll(-1)", N_("Scroll"), show=False),
        Binding("pagedown", "scroll_page(1)", N_("Scroll"), show=False),
        Binding("pageup", "scroll_page(-1)", N_("Scroll"), show=False),
    ]

    def __init__(self, programme: Programme, title: str, item_id: str = "") -> None:
        super().__init__()
        self.programme = programme
        self.title = title
        self.item_id = item_id
        self.run: SessionRun | None = None
        self.done: set[int] = set()
        self._timer: Alarm | None = None
        self._clock_timer: Alarm | None = None
        self._timer_left = 0.0
        self._timer_mark: float | None = None  # clock reading when the timer last resumed

    @property
    def session(self) -> SessionRun:
        if self.run is None:
            self.run = SessionRun(self.programme, self.trakon.config.wall_clock())
        return self.run

    def title_text(self) -> str:
        return f"Trakon · {self.session_title()}"

    def session_title(self) -> str:
        """The session's title in the language shown now (the language key retitles it)."""
        source = self.programme.source
        return tr(source.title) if source is not None else self.title or ""

    # --- drawing ---------------------------------------------------------------------------

    def compose_body(self) -> ComposeResult:
        step = self.programme.step
        with VerticalScroll(id="present", classes="page"), Vertical(id="present-stage"):
            if step.page is not None:
                yield from self._page(step.page)
            else:
                assert step.item is not None
                yield from self._item(step.item)
        yield Static(self._progress(), id="present-progress")

    def _page(self, page: model.SessionPage) -> ComposeResult:
        yield BigCue((tr(page.title),), id="present-title")
        if page.body:
            yield BigText(tr(page.body).strip(), id="present-text")
        if page.role == "window":
            texts = scale_texts(self.trakon.library.checkin_scale())
            yield Static(window_diagram(texts, None), id="present-window")
            yield BigText(self._tally_text(), id="present-tally")
            yield from self._next()
        if page.role == "body":
            # The drawn figure with nothing marked, beside the areas: an invitation to notice,
            # never a choice anyone makes on the shared screen.
            with Horizontal(id="present-body"):
                yield BodyFigure(id="present-figure")
                if page.questions:
                    lines = [f"• {tr(q)}" for q in page.questions]
                    yield BigText("\n".join(lines), id="present-areas")
        elif page.role == "reflection" and page.questions:
            rated = self.session.fingers.rated
            for n, question in enumerate(page.questions):
                # A question counted on the 1–5 scale has its bar below it; one that is
                # talked has only the space the bar would leave.
                classes = "present-question" + ("" if n in rated else " present-talked")
                yield BigText(f"{n + 1}. {tr(question)}", classes=classes)
                if n in rated:
                    k = rated.index(n)
                    yield Static(
                        self._fingers_text(k), id=f"fingers-{k}", classes="present-fingers"
                    )
        elif page.questions:
            marker = "•" if page.role in ("agreements", "writing") else ""
            lines = [f"{marker} {tr(q)}".strip() for q in page.questions]
            yield BigText("\n\n".join(lines), id="present-questions")
        if page.role == "writing":
            yield BigText("", id="present-timer")

    def _item(self, item: model.Item) -> ComposeResult:
        if isinstance(item, model.CheckinScale):
            # In a group the check-in is the picture for a round, never a form.
            yield BigCue((tr(item.question),), id="present-title")
            yield Static(window_diagram(scale_texts(item), None), id="present-window")
            yield BigText(self._tally_text(), id="present-tally")
            yield from self._next()
        elif isinstance(item, model.Info):
            run = self.session
            page = item.pages[run.page]
            yield BigCue((tr(page.title),), id="present-title")
            count = _("Page {n}/{total}").format(n=run.page + 1, total=run.pages)
            yield Static(Text(f"{tr(item.title)} · {count}", style="dim"), id="present-page")
            if page.diagram == "window":
                texts = scale_texts(self.trakon.library.checkin_scale())
                yield Static(window_diagram(texts, None), id="present-window")
            yield BigText(flat_markdown(tr(page.body)), id="present-text")
        elif isinstance(item, model.Writing):
            yield BigCue((tr(item.title),), id="present-title")
            yield BigText(
                "\n\n".join(f"• {tr(prompt.text)}" for prompt in item.prompts),
                id="present-questions",
            )
            yield Static(
                _("Each writes for themselves, on paper or in their own notes; nothing is shown."),
                classes="dim",
                id="present-text-note",
            )
            if item.timer:
                yield BigText("", id="present-timer")
        else:
            yield BigCue((tr(item.title),), id="present-title")
            yield BigText(self._slide(item), id="present-slide")

    def _slide(self, item: model.Item) -> str:
        length = measure.duration(item)
        words = describe_seconds(presenter_seconds(item), exact=length.exact)
        lines = [tr(item.summary), "", f"{kind_name(model.kind_of(item))} · {words}"]
        if item.caution:
            lines.append(tr(item.caution))
        if isinstance(item, RUNNABLE):
            lines.append("")
            if self.programme.index in self.done:
                lines.append(_("Done. → goes on; space runs it again."))
            else:
                lines.append(
                    _("Space starts, with a 3-2-1 count. Eyes may stay open; anyone may stop.")
                )
        return "\n".join(lines)

    def _next(self) -> ComposeResult:
        """On a check-in after which the session divides: where it goes next, as the hands
        counted so far choose it."""
        if self.programme.ways_here() is not None:
            yield BigText(self._next_text(), id="present-next")

    def _next_text(self) -> str:
        steps, index = self.programme.steps, self.programme.index
        if index + 1 >= len(steps):
            return ""
        after = steps[index + 1]
        return _("Next: {step}").format(step=step_title(after.page, after.item))

    def _tally_text(self) -> str:
        tally = self.session.tally
        if tally.total == 0:
            return _("Raised hands, if the group likes: 1 above · 2 within · 3 below · 0 clears")
        return _("Above {a}   ·   Within {w}   ·   Below {b}").format(
            a=tally.above, w=tally.within, b=tally.below
        )

    def _fingers_text(self, question: int) -> Text:
        """A small bar per rated question (by its place among them): hands by the number
        of fingers raised (1–5)."""
        fingers = self.session.fingers
        text = Text()
        selected = question == fingers.selected
        text.append("▶ " if selected else "  ", style="bold")
        counts = fingers.counts[question] if question < fingers.questions else []
        if not any(counts):
            if selected:
                if fingers.questions > 1:
                    text.append(_("Raised fingers, if the group likes: 1–5 · Tab: next question"))
                else:
                    text.append(_("Raised fingers, if the group likes: 1–5"))
                text.stylize("dim", 2)
            return text
        for n, count in zip(FINGERS, counts, strict=True):
            text.append(f"{n}: ", style="bold")
            text.append("█" * count or "·", style="bold")
            text.append(f" {count}   ")
        return text

    def _progress(self) -> Text:
        """A thin line: where the group is in the programme, and the planned end."""
        run = self.session
        steps = len(self.programme.steps)
        width = max(10, min(60, self.app.size.width - 56))
        filled = round(width * (self.programme.index + 1) / steps)
        now = self.trakon.config.wall_clock()
        where = drift_words(run.drift(now).total_seconds(), run.on_time(now))
        text = Text()
        text.append("━" * filled, style="bold")
        text.append("─" * (width - filled), style="dim")
        text.append(
            "  "
            + _("{n}/{total} · planned end {time} · {where}").format(
                n=self.programme.index + 1,
                total=steps,
                time=run.planned_end.strftime("%H:%M"),
                where=where,
            ),
            style="dim",
        )
        return text

    # --- keys ------------------------------------------------------------------------------

    def _writing_step(self) -> bool:
        step = self.programme.step
        if step.page is not None:
            return step.page.role == "writing"
        return isinstance(step.item, model.Writing) and bool(step.item.timer)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        step = self.programme.step
        if action == "start":
            return step.item is not None and isinstance(step.item, RUNNABLE)
        if action in ("tally", "clear_tally"):
            return step.checkin
        if action in ("question", "fingers", "clear_fingers"):
            return self.session.fingers.questions > 0
        if action == "pause":
            return self._writing_step() and self._timer_mark is not None
        if action == "resume":
            return self._writing_step() and self._timer_mark is None and self._timer_left > 0
        if action == "move" and parameters:
            step_by = parameters[0]
            assert isinstance(step_by, int)
            run = self.session
            inside = 0 <= run.page + step_by < run.pages
            return inside or 0 <= self.programme.index + step_by < len(self.programme.steps)
        return True

    async def action_move(self, by: int) -> None:
        """→ / ←: an information step's next page, else the next step (counts are never
        kept: they are cleared when their page is left)."""
        run = self.session
        if run.turn(by) or run.move(by, self.trakon.config.wall_clock()):
            if by < 0 and run.pages > 1 and run.page == 0:
                run.page = run.pages - 1  # back into an information step: its last page
            await self._show_step()

    async def jump(self, index: int, page: int = 0) -> None:
        if self.session.jump(index, self.trakon.config.wall_clock(), page):
            await self._show_step()

    async def recompose(self) -> None:
        await super().recompose()
        self._fit()

    def on_resize(self) -> None:
        self._fit()

    def _fit(self) -> None:
        """The title in big letters when the screen is large enough (a projector), and the
        text the room reads in big letters where it is wide enough."""
        for title in self.query("#present-title").results(BigCue):
            title.fit(max(10, self.size.width - 6), max(1, self.size.height // 6))
            title.show(title.words[0])
        for text in self.query(BigText):
            beside = FIGURE_COLUMNS if text.id == "present-areas" else 0
            text.fit(max(10, self.size.width - TEXT_MARGIN - beside))
        for progress in self.query("#present-progress").results(Static):
            progress.update(self._progress())

    async def _show_step(self) -> None:
        self._stop_timer()
        await self.recompose()
        if self._writing_step():
            step = self.programme.step
            if step.page is not None:
                self._timer_left = (step.page.minutes or 1) * 60.0
            else:
                assert isinstance(step.item, model.Writing)
                self._timer_left = float(step.item.timer or 0)
            self._resume()
        self._arm_progress()
        self.refresh_bindings()
        self.console_publish()

    def on_mount(self) -> None:
        self.call_after_refresh(self._first)

    def _arm_progress(self) -> None:
        """How far the session is from its plan changes only once a step runs over its
        time: wake up then, and once a minute after (no timer while the step is on time)."""
        if self._clock_timer is not None:
            self._clock_timer.stop()
        run = self.session
        step_end = run.step_entered + timedelta(seconds=self.programme.step.seconds)
        due = (step_end - self.trakon.config.wall_clock()).total_seconds()
        self._clock_timer = self.trakon.config.timers.once(
            self, max(due, 0.0) + 60.0, self._show_progress
        )

    def _show_progress(self) -> None:
        for progress in self.query("#present-progress").results(Static):
            progress.update(self._progress())
        self._clock_timer = self.trakon.config.timers.once(self, 60.0, self._show_progress)

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
            self.app.push_screen(GroundingScreen(item, presenter=True), self._after)

    def _after(self, moved: int | None) -> None:
        """Back from a practice; → or ← inside it moves the programme on as well. (Queued,
        not awaited: this runs inside the screen's own message handling.)"""
        if moved:
            self.call_later(self.action_move, moved)
        else:
            self.call_later(self.recompose)

    def action_tally(self, zone: str) -> None:
        self.session.count(zone)
        self._show_tally()

    def action_clear_tally(self) -> None:
        self.session.clear_count()
        self._show_tally()

    def _show_tally(self) -> None:
        """The count, and the route it chooses: the next step, the step count and the
        drift of the progress line."""
        tally = self.query_one("#present-tally", BigText)
        tally.set_text(self._tally_text())
        shown: BigText = tally
        for line in self.query("#present-next").results(BigText):
            line.set_text(self._next_text())
            shown = line
        # On a small screen the count and the next step are below the picture: in view.
        shown.scroll_visible(animate=False)
        for progress in self.query("#present-progress").results(Static):
            progress.update(self._progress())
        self.console_publish()

    def action_question(self, by: int) -> None:
        self.session.fingers.select(by)
        self._show_fingers()
        for bar in self.query(f"#fingers-{self.session.fingers.selected}"):
            bar.scroll_visible()

    def action_fingers(self, n: int) -> None:
        if self.session.fingers.add(n):
            self._show_fingers()

    def action_clear_fingers(self) -> None:
        self.session.fingers.clear_selected()
        self._show_fingers()

    def _show_fingers(self) -> None:
        for n in range(self.session.fingers.questions):
            self.query_one(f"#fingers-{n}", Static).update(self._fingers_text(n))
        self.console_publish()

    def action_scroll(self, by: int) -> None:
        scroll = self.query_one("#present", VerticalScroll)
        if by > 0:
            scroll.scroll_down()
        else:
            scroll.scroll_up()

    def action_scroll_page(self, by: int) -> None:
        scroll = self.query_one("#present", VerticalScroll)
        if by > 0:
            scroll.scroll_page_down()
        else:
            scroll.scroll_page_up()

    def action_steps(self) -> None:
        self.app.push_screen(StepList(self.programme), self._jump_to)

    def _jump_to(self, index: int | None) -> None:
        if index is not None:
            self.call_later(self.jump, index)

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
        found.first(BigText).set_text(text)

    def action_pause(self) -> None:
        self._timer_left = self._left()
        self._timer_mark = None
        self._stop_timer()
        self._show_timer()
        self.refresh_bindings()

    def action_resume(self) -> None:
        self._resume()
        self.refresh_bindings()

    # --- ending ------------------------------------------------------------------------------

    def action_ask_end(self) -> None:
        self.app.push_screen(EndSession(), self._end_answered)

    def _end_answered(self, end: bool | None) -> None:
        if end:
            self.end()

    def end(self) -> None:
        """The session ends: back to the picker, which offers to resume here (kept in
        memory only)."""
        self._stop_timer()
        resume = Resume(
            self.item_id,
            self.session_title(),
            self.programme.index,
            self.session.page,
            dict(self.programme.routes),
        )
        below = self.app.screen_stack[-2] if len(self.app.screen_stack) > 1 else None
        if isinstance(below, PresentPicker):
            below.offer(resume)
            self.dismiss()
        else:
            self.app.switch_screen(PresentPicker(resume))


class EndSession(ModalScreen[bool | None]):
    """Esc on a slide never ends a session at once: a second Esc, or Enter on "End the
    session", does; anything else goes back to it."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,q", "end", N_("End the session")),
    ]

    def compose(self) -> ComposeResult:
        with Vertical(id="end-session"):
            yield Static(_("End the session?"), classes="title-bar")
            yield OptionList(
                option(_("Go on with the session"), id="go-on"),
                option(_("End the session"), id="end"),
                id="end-menu",
            )
            yield TranslatedFooter()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(event.option.id == "end")

    def action_end(self) -> None:
        self.dismiss(True)


class StepList(ModalScreen[int | None]):
    """`g`: every step of the programme; Enter jumps to one, Esc goes back."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,q,g", "back", N_("Back")),
    ]

    def __init__(self, programme: Programme) -> None:
        super().__init__()
        self.programme = programme

    def compose(self) -> ComposeResult:
        options = []
        for n, step in enumerate(self.programme.steps):
            mark = "▶ " if n == self.programme.index else "  "
            label = Text.assemble(
                (f"{mark}{n + 1}. ", "bold"),
                step_title(step.page, step.item),
                (f"  · {describe_seconds(step.seconds, exact=False)}", "dim"),
            )
            options.append(option(label, id=str(n)))
        with Vertical(id="step-list"):
            yield Static(_("Go to a step"), classes="title-bar")
            menu = OptionList(*options, id="step-menu")
            menu.highlighted = self.programme.index
            yield menu
            yield TranslatedFooter()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(int(event.option.id or 0))

    def action_back(self) -> None:
        self.dismiss(None)


class Resume:
    """Where an ended session stopped (in memory only, for the picker to offer)."""

    def __init__(
        self, item_id: str, title: str, index: int, page: int, routes: dict[int, RouteZone]
    ) -> None:
        self.item_id = item_id
        self.title = title
        self.index = index
        self.page = page
        self.routes = routes  # the route chosen at each check-in so far


class PresentPicker(TrakonScreen):
    """Without a SESSION: the session programmes first, then single practices; after an
    ending, first of all the offer to resume where the session stopped."""

    TITLE_MSGID = N_("Facilitator mode")
    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape,q", "leave", N_("End"))]

    def __init__(self, resume: Resume | None = None) -> None:
        super().__init__()
        self.resume = resume

    def compose_body(self) -> ComposeResult:
        library = self.trakon.library
        options: list[Option | None] = []
        if self.resume is not None and self.resume.item_id in library.items:
            label = Text.assemble(
                (_("Resume: {title}").format(title=self.resume.title), "bold"),
                ("  " + _("from step {n}").format(n=self.resume.index + 1), "dim"),
            )
            options.extend([option(label, id="resume"), None])
        for kind in ("session", "breathing", "grounding"):
            group = measure.gentlest_first(library.by_kind(kind))
            if options and options[-1] is not None and group:
                options.append(None)
            for item in group:
                # The length as the room will see it: a breathing practice at presenter pace.
                # A session that divides after a check-in says the range its routes take.
                length = measure.duration(item, library.items)
                programme = programme_of(item, library.items)
                if programme.route_table():
                    words = route_length(programme)
                else:
                    words = describe_seconds(programme.total_seconds(), exact=length.exact)
                label = Text.assemble(
                    (tr(item.title), "bold"),
                    ("  " + kind_name(kind) + " · ", "dim"),
                    (words, "dim"),
                )
                options.append(option(label, id=item.id))
        with Vertical(classes="page", id="present-picker"):
            yield Static(
                _("Nothing personal is shown, and nothing is written anywhere."), classes="dim"
            )
            yield OptionList(*options, id="present-menu")

    def offer(self, resume: Resume) -> None:
        self.resume = resume
        self.call_later(self.recompose)

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        items = self.trakon.library.items
        if event.option.id == "resume" and self.resume is not None:
            resume = self.resume
            screen = present_screen(items[resume.item_id], items)
            screen.programme.routes = dict(resume.routes)
            screen.programme.index = resume.index
            screen.session.page = min(resume.page, screen.session.pages - 1)
            self.app.push_screen(screen)
            return
        item = items.get(event.option.id or "")
        if item is not None:
            self.app.push_screen(present_screen(item, items))

    def action_leave(self) -> None:
        self.app.exit()


def programme_of(item: model.Item, items: dict[str, model.AnyItem]) -> Programme:
    if isinstance(item, model.Session):
        return Programme.of(item, items)
    return Programme.single(item)


def present_screen(item: model.Item, items: dict[str, model.AnyItem]) -> PresentScreen:
    return PresentScreen(programme_of(item, items), tr(item.title), item.id)
