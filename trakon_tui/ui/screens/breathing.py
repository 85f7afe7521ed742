"""The breathing practice: cue, picture, countdown; space pauses, Esc stops, +/- pace.

Time comes from the app's injected monotonic clock through the pure `Schedule`. Two kinds of
timer, armed through the app's injected timers, only wake the screen up: a one-shot timer
armed for the next boundary or whole second (re-armed from the schedule each time, so it
never drifts), and a 20/s frame timer that runs only while the picture moves.
"""

from __future__ import annotations

import gc
import math
from collections.abc import Callable
from datetime import datetime
from typing import TYPE_CHECKING, ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal
from textual.css.query import NoMatches
from textual.widget import Widget
from textual.widgets import Digits

from trakon_tui.core import measure
from trakon_tui.core.flow import Before
from trakon_tui.core.model import Breathing
from trakon_tui.core.pacer import Moment, Schedule, ease, fullness
from trakon_tui.core.personal import own_length
from trakon_tui.core.programme import brief_pause, presenter_pace
from trakon_tui.core.text import clock_text, tr
from trakon_tui.i18n import N_, _
from trakon_tui.ui.frames import FrameClock
from trakon_tui.ui.literal import Static
from trakon_tui.ui.screens.base import TrakonScreen
from trakon_tui.ui.screens.practice_end import end_practice, record_run
from trakon_tui.ui.timers import Alarm
from trakon_tui.ui.widgets.big_cue import BigCue
from trakon_tui.ui.widgets.breath_visual import BreathBox, BreathStage, StepBar
from trakon_tui.ui.widgets.flat import Flat, FlatVertical
from trakon_tui.ui.widgets.key_line import KeyLine
from trakon_tui.vocabulary import default_cue

if TYPE_CHECKING:
    from trakon_tui.core.sound import PracticeSound

FRAME_RATE = 20.0
CUE_SHARE = 0.32  # of the screen's rows, at most, for the big cue word
MOVING = frozenset({"inhale", "top-up", "exhale"})
PACE_KEYS = Binding.Group(N_("Pace"))  # "+ - Pace" as one entry of the key line
BoundaryHook = Callable[[int, float], None]


def phase_cues(item: Breathing) -> list[str]:
    """The big word of each phase, in the current language."""
    return [tr(p.cue) if p.cue else default_cue(p.type) for p in item.phases]


def cue_words(item: Breathing) -> tuple[str, ...]:
    """Every big word the practice shows: its cues and the 3-2-1 count."""
    return (*phase_cues(item), "3", "2", "1")


class BreathingScreen(TrakonScreen[int | None], Flat):
    # The widgets sit directly on the screen (no container) and the footer is one line of
    # text (KeyLine): every widget adds to each frame's cost. Styles: trakon.tcss. The
    # screen's own lines (covered by its children) are one repeated line (`Flat`): Textual
    # renders the screen for every frame, 60 lines at 200x60, for nothing the user sees.
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,q", "leave", N_("Stop")),
        Binding("space", "pause", N_("Pause")),
        Binding("space", "resume", N_("Continue")),
        Binding("plus,equals_sign", "faster", N_("Faster"), group=PACE_KEYS),
        Binding("minus", "slower", N_("Slower"), group=PACE_KEYS),
        # Before "Instead": on a narrow screen the key that silences a tone stays in view.
        Binding("m", "mute", N_("Mute")),
        Binding("m", "unmute", N_("Sound on")),
        Binding("a", "alternative", N_("Instead")),
        Binding("right", "move_item(1)", N_("Next"), show=False),
        Binding("left", "move_item(-1)", N_("Back"), show=False),
    ]

    def __init__(
        self,
        item: Breathing,
        *,
        on_boundary: BoundaryHook | None = None,
        before: Before | None = None,
        presenter: bool = False,
    ) -> None:
        super().__init__()
        self.item = item
        self.presenter = presenter  # one huge cue, count and round, nothing else
        if presenter:
            self.add_class("presenter")
        self.before = before  # chosen after a check-in: the end asks again
        self.on_boundary = on_boundary
        self.cues = phase_cues(item)
        self.levels = fullness([p.type for p in item.phases])
        self.schedule: Schedule | None = None
        self._started_wall: datetime | None = None
        self._last: tuple[str, int, int] | None = None
        self._event_timer: Alarm | None = None
        self._frames: FrameClock | None = None
        self._pace_note = ""
        self._texts: dict[str, str] = {}
        self._box: BreathBox | None = None
        self._cue: BigCue | None = None
        # Until when (on the app's clock) the words on screen stay as they are: a frame
        # before then draws only the picture.
        self._words_due = 0.0
        self._sound: PracticeSound | None = None  # tones at each change, when sound is on
        self.finished = False

    def title_text(self) -> str:
        return f"Trakon · {tr(self.item.title)}"

    @property
    def reduced_motion(self) -> bool:
        return self.trakon.reduced_motion

    def compose(self) -> ComposeResult:
        # Everything but the picture sits in two containers, the title and the words above
        # it, the counters and the key line below: Textual renders every widget whose clip
        # overlaps a changed region, and a top-level widget's clip is the whole screen, so a
        # frame of the picture then renders four widgets instead of ten (CPU at 200x60).
        words = cue_words(self.item)
        if self.presenter:  # a pause the whole room can see
            words = (*words, _("PAUSED"))
        with FlatVertical(id="breath-top"):
            yield self.title_bar()
            yield BigCue(words, id="cue")
            yield Static("", id="say")
        if self.reduced_motion:
            yield Static("", classes="spacer")
            yield StepBar(id="steps")
            yield Static("", classes="spacer")
        else:
            with BreathStage():
                yield BreathBox(id="visual")
        with FlatVertical(id="breath-bottom"):
            with Horizontal(id="counters"):
                yield Digits("", id="seconds")
                yield Static("", id="progress")
            yield Static("", id="status")
            yield self.footer()

    def footer(self) -> Widget:
        return KeyLine()

    # --- lifecycle -----------------------------------------------------------------------

    def on_unmount(self) -> None:
        gc.unfreeze()
        if self._frames is not None:
            self._frames.stop()
        if self._sound is not None:
            self._sound.stop()

    def on_mount(self) -> None:
        # What is alive when a practice starts is the app itself: frozen, a full garbage
        # collection during the practice walks only what came later (a full pass over the
        # ~60,000 objects of a running app took 14 ms here, more with a busy core, and held
        # up a phase change; benchmarks/pacer.py). Undone when the screen goes, so that what
        # became garbage meanwhile is collected then.
        gc.freeze()
        clock = self.trakon.config.clock
        if self.schedule is None:
            if self.presenter:  # the room's pace; nothing personal on a shared screen
                cycles, pace = measure.cycle_count(self.item), presenter_pace(self.item)
            else:  # the user's own length and pace for this practice (the card's choice)
                cycles, pace = own_length(self.item, self.trakon.choice(self.item.id))
            self.schedule = Schedule.of(self.item, cycles, start=clock(), pace=pace)
            self._started_wall = self.trakon.config.wall_clock()
            self._sound = self.trakon.sound.practice([p.type for p in self.item.phases])
            self._follow()
        self._box = None if self.reduced_motion else self.query_one("#visual", BreathBox)
        if self._box is not None:
            self._frames = FrameClock(FRAME_RATE, self._tick, self.trakon.config.timers, self)
        self.call_after_refresh(self.sync)

    def on_resize(self) -> None:
        cue = self.query_one("#cue", BigCue)
        cue.fit(max(10, self.size.width - 4), max(1, int(self.size.height * CUE_SHARE)))

    async def relabel(self) -> None:
        await super().relabel()
        self._texts = {}
        self._cue = None
        if self._box is not None:
            self._box = self.query_one("#visual", BreathBox)
        self.cues = phase_cues(self.item)
        self.on_resize()
        self.sync()

    # --- time ----------------------------------------------------------------------------

    def _follow(self) -> None:
        """The tones follow every change of the schedule (start, pause, pace, mute)."""
        if self._sound is not None and self.schedule is not None:
            self._sound.follow(self.schedule, self.trakon.config.clock())

    def moment(self) -> Moment:
        assert self.schedule is not None
        return self.schedule.at(self.trakon.config.clock())

    def sync(self) -> None:
        """At a boundary or a whole second: update the words, then arm the next wake-up."""
        if self.schedule is None or self.finished:
            return
        now = self.trakon.config.clock()
        moment = self.schedule.at(now)
        self._note_boundary(moment, now)
        if moment.stage == "done":
            self._finish(completed=True)
            return
        self._words_due = now + self._show(moment)
        self._frame(moment)
        moving = (
            moment.stage == "breathing"
            and not moment.paused
            and self.item.phases[moment.phase_index].type in MOVING
        )
        if self._frames is not None:
            if moving:
                self._frames.resume()
            else:
                self._frames.pause()
        if moment.paused:
            return
        if self._frames is not None and self._frames.running:
            # While the picture moves, its frame tick also turns the seconds over (one
            # repaint carries both): only the phase boundary needs a wake-up of its own.
            delay = moment.phase_left
        else:
            delay = min(
                moment.phase_left,
                _to_next_second(moment.phase_left),
                _to_next_second(moment.total_left),
            )
        if self._event_timer is not None:
            self._event_timer.stop()
        self._event_timer = self.trakon.config.timers.once(self, max(delay, 0.0005), self.sync)

    def _note_boundary(self, moment: Moment, now: float) -> None:
        key = (moment.stage, moment.cycle, moment.phase_index)
        if key == self._last:
            return
        self._last = key
        if self.on_boundary is None or moment.stage == "lead-in":
            return
        phases = len(self.item.phases)
        if moment.stage == "done":
            index = moment.cycles * phases
        else:
            index = (moment.cycle - 1) * phases + moment.phase_index
        self.on_boundary(index, now)

    def _tick(self) -> None:
        """A frame while the picture moves: the picture, and any word that changed."""
        if self.schedule is None or self.finished:
            return
        now = self.trakon.config.clock()
        moment = self.schedule.at(now)
        if moment.stage == "breathing" and not moment.paused:
            self._note_boundary(moment, now)
            if now >= self._words_due:  # most frames change only the picture
                try:
                    self._words_due = now + self._show(moment)
                except NoMatches:  # mid-recompose (a language switch): sync redraws after it
                    return
        self._frame(moment)

    def _frame(self, moment: Moment) -> None:
        if self._box is None:
            return
        if moment.stage != "breathing":
            level = 0.0
        else:
            start, end = self.levels[moment.phase_index]
            level = start + (end - start) * ease(moment.progress)
        self._box.set_level(level)

    # --- words on screen -----------------------------------------------------------------

    def _set(self, selector: str, text: str) -> None:
        """Update a text only when it changed, and ask for a layout pass (the costly part of
        an update) only when its length changed: "1:03 left" → "1:02 left" is a repaint."""
        old = self._texts.get(selector)
        if old == text:
            return
        self._texts[selector] = text
        widget = self.query_one(selector)
        if isinstance(widget, Static):
            widget.update(text, layout=old is None or len(old) != len(text))
        else:
            assert isinstance(widget, Digits)
            widget.update(text)  # Digits asks for a layout only when its width changes

    def _show(self, moment: Moment) -> float:
        """Show the words of `moment`: how many seconds they stay as they are."""
        if self._cue is None:
            self._cue = self.query_one("#cue", BigCue)
        cue = self._cue
        stay = min(moment.phase_left, _to_next_second(moment.total_left))
        if moment.stage == "lead-in":
            cue.show(str(max(1, math.ceil(moment.phase_left - 1e-9))))
            prepare = tr(self.item.prepare) if self.item.prepare else ""
            self._set("#say", prepare or _("Breathe gently, not deeply. Esc stops at any moment."))
            self._set("#seconds", "")
            total = clock_text(moment.total_left)
            self._set("#progress", _("Starting. Total {total}").format(total=total))
        else:
            index, left = moment.phase_index, moment.phase_left
            if self.presenter:  # a brief pause stays part of the out-breath for the room
                if brief_pause(self.item, index):
                    index -= 1
                following = moment.phase_index + 1
                if following < len(self.item.phases) and brief_pause(self.item, following):
                    left += self.item.phases[following].seconds * self._pace(moment)
            phase = self.item.phases[index]
            cue.show(self.cues[index])
            self._set("#say", tr(phase.say) if phase.say else "")
            self._set("#seconds", str(math.ceil(left - 1e-9)))
            stay = min(stay, _to_next_second(left))
            self._set(
                "#progress",
                _("Breath {n}/{total} · {left} left").format(
                    n=moment.cycle, total=moment.cycles, left=clock_text(moment.total_left)
                ),
            )
            if self.reduced_motion:
                steps = max(1, math.ceil(phase.seconds * self._pace(moment) - 1e-9))
                done = steps - math.ceil(moment.phase_left - 1e-9)
                self.query_one("#steps", StepBar).show(steps, done)
        if moment.paused and self.presenter:  # the room sees the pause, in the big word
            cue.show(_("PAUSED"))
            status = _("Paused.")
        elif moment.paused:
            status = _("Paused. Space continues; Esc stops.")
        else:
            status = self._pace_note
        self._set("#status", status)
        return max(stay - 1e-6, 0.0)  # a hair early: a frame on the very change redraws

    def _pace(self, moment: Moment) -> float:
        assert self.schedule is not None
        return self.schedule.pace_of_cycle(max(moment.cycle - 1, 0))

    # --- keys ----------------------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        paused = self.schedule is not None and self.schedule.paused
        if action == "pause":
            return not paused
        if action == "resume":
            return paused
        if action in ("faster", "slower"):
            return self.item.pace.fastest < self.item.pace.slowest
        if action == "alternative":
            return not self.presenter
        if action == "move_item":
            return self.presenter
        if action in ("mute", "unmute"):
            player = self.trakon.sound
            return (
                self._sound is not None
                and player.state == "on"
                and player.muted == (action == "unmute")
            )
        return True

    def action_pause(self) -> None:
        if self.schedule is not None:
            self.schedule.pause(self.trakon.config.clock())
            self._follow()
            self.refresh_bindings()
            self.sync()

    def action_resume(self) -> None:
        if self.schedule is not None:
            self.schedule.resume(self.trakon.config.clock())
            self._follow()
            self.refresh_bindings()
            self.sync()

    def action_faster(self) -> None:
        self._change_pace(-1)

    def action_slower(self) -> None:
        self._change_pace(+1)

    def _change_pace(self, steps: int) -> None:
        if self.schedule is None:
            return
        pace = self.schedule.change_pace(self.trakon.config.clock(), steps)
        self._follow()
        percent = round((pace - 1.0) * 100)
        if percent > 0:
            self._pace_note = _("Pace: {n} % slower from the next breath").format(n=percent)
        elif percent < 0:
            self._pace_note = _("Pace: {n} % faster from the next breath").format(n=-percent)
        else:
            self._pace_note = _("Pace: as written, from the next breath")
        self.sync()

    def action_mute(self) -> None:
        self._toggle_mute()

    def action_unmute(self) -> None:
        self._toggle_mute()

    def _toggle_mute(self) -> None:
        if self._sound is None or self.schedule is None:
            return
        muted = self._sound.toggle_mute(self.schedule, self.trakon.config.clock())
        self.refresh_bindings()
        self.app.notify(_("Sound muted.") if muted else _("Sound on."), timeout=2)

    def action_leave(self) -> None:
        self._finish(completed=False)

    def action_move_item(self, by: int) -> None:
        """Presenter mode: on to the next step of the programme (or back)."""
        self._finish(completed=False, quiet=True, then=False)
        self.dismiss(by)

    def action_alternative(self) -> None:
        """Leave the breath for its non-breath alternative's card (the same check-in, if
        any, stays the "before" of what is done instead)."""
        from trakon_tui.ui.screens.detail import DetailScreen

        self._finish(completed=False, quiet=True, then=False)
        self.app.switch_screen(DetailScreen(self.item.alternative, before=self.before))

    # --- ending --------------------------------------------------------------------------

    def _finish(self, *, completed: bool, quiet: bool = False, then: bool = True) -> None:
        if self.finished:
            return
        self.finished = True
        if self._event_timer is not None:
            self._event_timer.stop()
        if self._frames is not None:
            self._frames.stop()
        if self._sound is not None:
            self._sound.stop()
        run_id = self._record(completed)
        if not then:
            return
        end_practice(
            self,
            self.item,
            closing="",
            before=self.before,
            run_id=run_id,
            completed=completed,
            again=lambda: BreathingScreen(self.item),
            quiet=quiet,
        )

    def when_closing(self, *, attended: bool) -> None:
        """Trakon closes mid-practice: recorded as stopped, as Esc would (base.py)."""
        self._finish(completed=False, quiet=True, then=False)

    def _record(self, completed: bool) -> int | None:
        if self.schedule is None:
            return None
        return record_run(
            self,
            self.item,
            started=self._started_wall,
            completed=completed,
            before=self.before,
            pace=self.schedule.pace,
        )


def _to_next_second(left: float) -> float:
    """Seconds until the whole-second countdown of `left` changes."""
    whole = math.ceil(left - 1e-9)
    return max(left - (whole - 1), 0.0) if whole > 0 else left
