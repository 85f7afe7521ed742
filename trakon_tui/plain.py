"""Plain mode (--plain): no full-screen UI, one line per cue, for screen readers and minimal
terminals. Timing comes from the same Schedule as the screen; Ctrl+C stops at any moment."""

from __future__ import annotations

import math
import sys
import time
from collections.abc import Callable
from datetime import datetime
from typing import TextIO

from trakon_tui.core import measure
from trakon_tui.core.library import Library
from trakon_tui.core.model import Breathing, CheckinScale, Grounding, Info, Item, Writing
from trakon_tui.core.pacer import Schedule
from trakon_tui.core.personal import Choice, own_length, practice_seconds
from trakon_tui.core.practice_log import NoLog, PracticeLog, PracticeRun
from trakon_tui.core.text import describe_seconds, tr, visible
from trakon_tui.i18n import _
from trakon_tui.vocabulary import default_cue


class PlainIO:
    """The outside world of plain mode, passed in so tests need no real time or terminal.

    Every line and prompt goes out through `say` and `ask`, which show control characters
    as visible stand-ins: titles, cues and pages come from files, and nothing from a file
    reaches the terminal as an escape sequence."""

    def __init__(
        self,
        out: TextIO | None = None,
        ask: Callable[[str], str] = input,
        clock: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], None] = time.sleep,
        wall_clock: Callable[[], datetime] = lambda: datetime.now().astimezone(),
    ) -> None:
        self.out = out or sys.stdout
        self._ask = ask
        self.clock = clock
        self.sleep = sleep
        self.wall_clock = wall_clock

    def say(self, line: str = "") -> None:
        print(visible(line), file=self.out, flush=True)

    def ask(self, prompt: str) -> str:
        return self._ask(visible(prompt, lines=False))

    def wait_until(self, when: float) -> None:
        """Sleep until the clock reads `when`; computed each time, so nothing drifts."""
        while (left := when - self.clock()) > 0:
            self.sleep(left)


def choose(library: Library, io: PlainIO, kind: str = "breathing") -> Item | None:
    """A numbered list of one kind's practices; the answer is a number, or empty to leave."""
    items = measure.gentlest_first(library.by_kind(kind))
    io.say(_("Breathing practices:") if kind == "breathing" else _("Grounding practices:"))
    for n, item in enumerate(items, start=1):
        length = measure.duration(item)
        io.say(f"  {n}. {tr(item.title)} ({describe_seconds(length.seconds)})")
    try:
        answer = io.ask(_("Number (Enter leaves): ")).strip()
    except EOFError:
        return None
    if answer.isdigit() and 1 <= int(answer) <= len(items):
        return items[int(answer) - 1]
    return None


def breathe(
    item: Breathing, io: PlainIO, log: PracticeLog | None = None, choice: Choice | None = None
) -> int:
    """Run one breathing practice as lines of text, at the user's chosen length and pace
    (`choice`, from the settings). Returns the exit code (0)."""
    log = log or NoLog()
    cycles, pace = own_length(item, choice or Choice())
    io.say(tr(item.title))
    io.say(
        _("Length: {length}. Holds: {holds}.").format(
            length=describe_seconds(practice_seconds(item, cycles, pace)),
            holds=_("yes") if measure.has_holds(item) else _("none"),
        )
    )
    if item.caution:
        io.say(tr(item.caution))
    io.say(_("Your eyes may stay open. Press Ctrl+C to stop at any moment."))
    try:
        io.ask(_("Press Enter to start. "))
    except EOFError:
        pass
    except KeyboardInterrupt:
        io.say(_("Stopped. That is fine."))
        return 0
    started = io.wall_clock()
    schedule = Schedule.of(item, cycles, start=io.clock(), pace=pace)
    completed = False
    try:
        if item.prepare:
            io.say(tr(item.prepare))
        for n in range(item.lead_in, 0, -1):
            io.wait_until(schedule.to_clock(item.lead_in - n))
            io.say(f"{n}…")
        for cycle in range(schedule.cycles):
            for index, phase in enumerate(item.phases):
                io.wait_until(schedule.to_clock(schedule.boundary(cycle, index)))
                cue = tr(phase.cue) if phase.cue else default_cue(phase.type)
                seconds = math.ceil(phase.seconds * schedule.pace_of_cycle(cycle) - 1e-9)
                prefix = "  "
                if index == 0:
                    prefix = _("Breath {n}/{total}: ").format(n=cycle + 1, total=schedule.cycles)
                words = f" — {tr(phase.say)}" if phase.say else ""
                io.say(f"{prefix}{cue} {seconds} s{words}")
        io.wait_until(schedule.to_clock(schedule.end))
        completed = True
        io.say(_("Done. You can notice how it is now."))
    except KeyboardInterrupt:
        io.say("")
        io.say(_("Stopped. That is fine."))
    log.record_run(
        PracticeRun(item.id, "breathing", started, io.wall_clock(), completed, schedule.pace)
    )
    return 0


def ground(item: Grounding, io: PlainIO, log: PracticeLog | None = None) -> int:
    """A grounding practice as lines: what it is, Enter to start (as in `breathe`), then each
    step and Enter to go on (s skips, q stops); timed steps go on by themselves. Returns the
    exit code (0)."""
    log = log or NoLog()
    length = measure.duration(item)
    io.say(tr(item.title))
    io.say(
        _("Length: {length}. Steps: {n}.").format(
            length=describe_seconds(length.seconds, exact=length.exact), n=len(item.steps)
        )
    )
    if item.caution:
        io.say(tr(item.caution))
    io.say(_("Your eyes may stay open. Type q and Enter, or press Ctrl+C, to stop at any moment."))
    try:
        if io.ask(_("Press Enter to start. ")).strip().lower() == "q":
            raise KeyboardInterrupt
    except EOFError:
        pass
    except KeyboardInterrupt:  # nothing started, so no run is recorded (as in `breathe`)
        io.say(_("Stopped. That is fine."))
        return 0
    started = io.wall_clock()
    completed = False
    try:
        for n, step in enumerate(item.steps, start=1):
            io.say("")
            io.say(_("Step {n}/{total}").format(n=n, total=len(item.steps)) + ": " + tr(step.text))
            if step.alternative:
                io.say(_("Another way: {text}").format(text=tr(step.alternative)))
            if step.seconds is not None:
                io.say(_("({s} s; it goes on by itself)").format(s=step.seconds))
                io.wait_until(io.clock() + step.seconds)
                continue
            answer = io.ask(_("Enter goes on (s skips, q stops): ")).strip().lower()
            if answer == "q":
                raise KeyboardInterrupt
        completed = True
        io.say("")
        io.say(tr(item.closing) if item.closing else _("Done. You can notice how it is now."))
    except (KeyboardInterrupt, EOFError):
        io.say("")
        io.say(_("Stopped. That is fine."))
    log.record_run(PracticeRun(item.id, "grounding", started, io.wall_clock(), completed))
    return 0


def write(item: Writing, io: PlainIO, keep: Callable[[str], str | None] | None) -> bool:
    """A writing practice as lines: the prompts, then the text typed line by line (an empty
    line ends it), then keep or discard, asked every time. True if something was written.
    `keep` saves the text and returns None, or why it could not (None: the log is off)."""
    io.say(tr(item.title))
    for n, prompt in enumerate(item.prompts, start=1):
        hint = f" ({tr(prompt.hint)})" if prompt.hint else ""
        io.say(f"  {n}. {tr(prompt.text)}{hint}")
    io.say(_("Never write a client's name or anything that could identify them."))
    io.say(_("Type your lines; an empty line ends."))
    lines: list[str] = []
    try:
        while line := io.ask("> "):
            lines.append(line)
    except (EOFError, KeyboardInterrupt):
        io.say("")
    text = "\n".join(lines).strip()
    if not text:
        io.say(_("Stopped. That is fine."))
        return False
    try:
        answer = io.ask(_("Keep it in your private log? k keeps, anything else discards: "))
    except (EOFError, KeyboardInterrupt):
        answer = ""
    if answer.strip().lower() == "k" and keep is not None:
        problem = keep(text)
        io.say(_("Kept in your private log.") if problem is None else problem)
    elif answer.strip().lower() == "k":
        io.say(_("Not saved: the log is off (--no-log)."))
    else:
        io.say(_("Discarded. Nothing of it was saved."))
    return True


def read(item: Info, io: PlainIO, scale: CheckinScale | None = None) -> None:
    """Information pages as text: the window diagram as three labelled parts, each page's
    text, the source first; Enter turns the page, q stops."""
    io.say(tr(item.title))
    if item.source:
        io.say(_("Source: {source}").format(source=tr(item.source)))
    for n, page in enumerate(item.pages, start=1):
        io.say("")
        io.say(f"{tr(page.title)} ({n}/{len(item.pages)})")
        if page.diagram == "window" and scale is not None:
            for zone in ("above", "within", "below"):
                text = getattr(scale.zones, zone)
                signs = ", ".join(tr(sign.label) for sign in text.signs)
                io.say(f"  {tr(text.name)}: {tr(text.description)} {signs}".rstrip())
        io.say(tr(page.body).strip())
        if n < len(item.pages):
            try:
                if io.ask(_("Enter: next page, q stops: ")).strip().lower() == "q":
                    return
            except (EOFError, KeyboardInterrupt):
                return
