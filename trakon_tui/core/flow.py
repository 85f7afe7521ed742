"""The pause between clients as one state machine (#12): the screens and plain mode both
drive it, and differ only in how they ask and show.

    check in ─▶ what might help ─▶ a practice ─▶ where are you now? ─▶ the change
      │ skip        │ finish                          │ skip              │ another: what
      ▼             ▼                                 ▼                   │ might help;
    finished     finished                          finished              ▼ or finish

The machine decides what comes next and saves what the person confirmed; a log that cannot
be written is told and nothing moves on. Crisis help is offered (never required) at the same
moments wherever the pause runs: high above the window, or after a practice that ended further
from the window than it began.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, replace
from datetime import datetime
from typing import Literal, Protocol, TypeVar

from trakon_tui.core.model import Item
from trakon_tui.core.practice_log import PracticeRun
from trakon_tui.core.store import CheckIn, LogError
from trakon_tui.core.suggest import Suggestion, suggest
from trakon_tui.core.text import tr
from trakon_tui.core.window import Outcome, ZoneName, direction, zone_for
from trakon_tui.i18n import Lang, _

HIGH_ABOVE = 9  # from this level, above the window, the crisis page is offered

Tone = Literal["info", "warning"]


@dataclass(frozen=True)
class Before:
    """A saved check-in that a practice may follow."""

    checkin_id: int | None  # None when nothing is kept (--no-log, or the log failed)
    level: int | None  # None: don't know / mixed
    window: tuple[int, int]

    @property
    def zone(self) -> ZoneName:
        return zone_for(self.level, *self.window)


@dataclass(frozen=True)
class AfterPractice:
    """A practice that ended (completed or stopped), waiting for its second check-in."""

    before: Before
    item_id: str
    titles: Mapping[Lang, str]  # the practice's title in each language it has
    run_id: int | None
    completed: bool

    @property
    def title(self) -> str:
        """The title in the language shown now (which can change before the check-in)."""
        return tr(self.titles)


def offers_crisis(level: int | None, window: tuple[int, int], before: int | None = None) -> bool:
    """High above the window, or further from it after a practice than before it (and
    outside it): the crisis numbers are offered, calmly, never in the way."""
    if level is None:
        return False
    if zone_for(level, *window) == "above" and level >= HIGH_ABOVE:
        return True
    # Further from the window than before is always outside it (inside, the distance is 0).
    return direction(before, level, window) == "away"


# --- the steps ---------------------------------------------------------------------------


@dataclass(frozen=True)
class CheckingIn:
    """Where are you right now? (after a practice: where are you now?)"""

    after: AfterPractice | None = None

    @property
    def window(self) -> tuple[int, int] | None:
        """The band a second check-in is read against: the first one's."""
        return self.after.before.window if self.after is not None else None


@dataclass(frozen=True)
class Choosing:
    """Two or three practices that fit, the gentlest first; or something else, or finish."""

    checkin: Before
    offers: tuple[Suggestion, ...]
    crisis: bool


@dataclass(frozen=True)
class Practising:
    """The chosen practice: its card, then the practice itself."""

    item: Item
    before: Before


@dataclass(frozen=True)
class Reflecting:
    """Before and after side by side, in calm words."""

    after: AfterPractice
    now: Before
    crisis: bool


@dataclass(frozen=True)
class Finished:
    """Back to the start. `browse`: the person asked for everything else (the library)."""

    browse: bool = False


Step = CheckingIn | Choosing | Practising | Reflecting | Finished
S = TypeVar("S", CheckingIn, Choosing, Practising, Reflecting, Finished)


class PauseLog(Protocol):
    """What the pause needs from the private log (`core.store.Store` is one)."""

    def add_checkin(self, checkin: CheckIn) -> int: ...
    def add_after(self, checkin: CheckIn, run_id: int) -> int: ...
    def record_run(self, run: PracticeRun) -> int: ...
    def outcomes(self) -> list[Outcome]: ...


class StepError(Exception):
    """A key or a line that does not belong to the step the pause is at (a bug, not the
    person's doing)."""


class Pause:
    """One pause between clients, from the first check-in to the finish.

    `items` gives the library's items (read when offers are made), `window` the person's band
    for the first check-in, `log` the private log (None with --no-log; it may raise LogError
    when it cannot be opened), `now` the wall clock, and `tell` shows a calm line (a toast on
    the screens, a line in plain mode)."""

    def __init__(
        self,
        *,
        items: Callable[[], Iterable[Item]],
        window: tuple[int, int],
        log: Callable[[], PauseLog | None],
        now: Callable[[], datetime],
        tell: Callable[[str, Tone], None],
    ) -> None:
        self._items = items
        self._window = window
        self._log = log
        self._now = now
        self._tell = tell
        self.step: Step = CheckingIn()

    # --- the person's answers ----------------------------------------------------------

    def check_in(self, level: int | None) -> Step:
        """The answer to "where are you?": a level 0–10, or None for don't know / mixed.
        Saved before anything moves on; a log that cannot be written is told, and the
        step stays where it is (the answer is still on screen)."""
        step = self._at(CheckingIn)
        window = step.window or self._window
        checkin = CheckIn(at=self._now(), level=level, window=window)
        try:
            log = self._log()
            if log is None:
                saved = None
            elif step.after is not None and step.after.run_id is not None:
                saved = log.add_after(checkin, step.after.run_id)
            else:
                saved = log.add_checkin(checkin)
        except LogError as error:
            self._tell(error.message(), "warning")
            return step
        if saved is None:
            self._tell(_("Not saved: the log is off (--no-log)."), "info")
        else:
            self._tell(_("Saved."), "info")
        now = Before(saved, level, window)
        if step.after is None:
            return self._go(self._choosing(now))
        before = step.after.before.level
        return self._go(Reflecting(step.after, now, offers_crisis(level, window, before)))

    def skip(self) -> Step:
        """No answer this time: nothing (more) is saved, and that is fine."""
        step = self._at(CheckingIn)
        if step.after is None:
            self._tell(_("Nothing was saved. That is fine."), "info")
        else:
            self._tell(_("Nothing more was saved. That is fine."), "info")
        return self._go(Finished())

    def choose(self, item: Item) -> Step:
        """A practice from the offers (again after coming back from another's card)."""
        return self._go(Practising(item, self._offered()))

    def record(self, run: PracticeRun) -> int | None:
        """Keep a practice run with the check-in it followed; its id, or None (nothing is
        kept, or the log failed: told, and the practice itself is never lost over it). A
        breath left for its non-breath alternative is one run, the alternative another."""
        step = self._at(Practising)
        try:
            log = self._log()
            if log is None:
                return None
            return log.record_run(replace(run, before_checkin=step.before.checkin_id))
        except LogError as error:
            self._tell(error.message(), "warning")
            return None

    def ended(
        self, item: Item, run_id: int | None, *, completed: bool, quiet: bool = False
    ) -> Step:
        """The practice (`item`, perhaps the alternative chosen instead) ended, completed or
        stopped: the pause asks again. `quiet`: the practice has said its own last word."""
        step = self._at(Practising)
        if not completed and not quiet:
            self._tell(_("Stopped. That is fine."), "info")
        after = AfterPractice(step.before, item.id, item.title, run_id, completed)
        return self._go(CheckingIn(after))

    def again(self) -> Step:
        """After the change was shown: what might help now, from where the person is now."""
        step = self._at(Reflecting)
        return self._go(self._choosing(step.now))

    def browse(self) -> Step:
        """Something else than the offers: the whole library."""
        self._offered()
        return self._go(Finished(browse=True))

    def finish(self) -> Step:
        return self._go(Finished())

    # --- inside ----------------------------------------------------------------------------

    def _choosing(self, checkin: Before) -> Choosing:
        outcomes: list[Outcome] = []
        try:
            log = self._log()
            outcomes = log.outcomes() if log is not None else []
        except LogError as error:  # a damaged log: offers without "what helped before"
            self._tell(error.message(), "warning")
        offers = suggest(self._items(), checkin.zone, outcomes)
        crisis = offers_crisis(checkin.level, checkin.window)
        return Choosing(checkin, tuple(offers), crisis)

    def _at(self, kind: type[S]) -> S:
        if not isinstance(self.step, kind):
            raise StepError(f"{kind.__name__} expected, the pause is at {self.step!r}")
        return self.step

    def _offered(self) -> Before:
        """The check-in the offers were made for: at the offers, or back from a card."""
        if isinstance(self.step, Choosing):
            return self.step.checkin
        return self._at(Practising).before

    def _go(self, step: Step) -> Step:
        self.step = step
        return step
