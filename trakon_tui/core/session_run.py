"""A session as it runs in front of a group: where the group is (step, and page of an info
step), the end time planned at the start and how far the session is from it, the zone tally of
a check-in or an opening round (and the route it chooses) and the raised-finger counts of a
reflection page. Pure: no Textual, no clock of its own (the screen passes the wall clock in).
Nothing here is ever stored: the counts are cleared when their page is left, and the route
lives only as long as the session (and its offer to resume) in memory."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta

from trakon_tui.core.model import Info
from trakon_tui.core.programme import Programme, Tally, route_of
from trakon_tui.i18n import _

FINGERS = (1, 2, 3, 4, 5)
ON_TIME = timedelta(seconds=60)  # closer to the plan than this is "on time"


@dataclass
class Fingers:
    """Raised fingers (1–5) for each rated question of a reflection page, counted hand by
    hand: on screen only. `rated` holds the page's rated questions by index (from 0);
    `selected` and `counts` go by position in `rated`."""

    rated: tuple[int, ...] = ()
    selected: int = 0
    counts: list[list[int]] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.clear()

    @property
    def questions(self) -> int:
        """How many questions are counted."""
        return len(self.rated)

    def clear(self) -> None:
        self.selected = 0
        self.counts = [[0] * len(FINGERS) for _ in range(self.questions)]

    def select(self, by: int) -> None:
        """The next or previous question (round, so that one key reaches every question)."""
        if self.questions:
            self.selected = (self.selected + by) % self.questions

    def add(self, fingers: int) -> bool:
        """One hand with `fingers` fingers up, for the selected question."""
        if not self.questions or fingers not in FINGERS:
            return False
        self.counts[self.selected][fingers - 1] += 1
        return True

    def clear_selected(self) -> None:
        if self.questions:
            self.counts[self.selected] = [0] * len(FINGERS)

    def hands(self, question: int) -> int:
        return sum(self.counts[question])


@dataclass
class SessionRun:
    """The programme in time. `planned_end` is fixed when the session starts, on the route
    the programme shows then (before a check-in: "mixed", the cautious one, which is also the
    length the picker and the summary show); `drift` says how much later (positive) or
    earlier (negative) than planned it now looks to end, on the route taken since."""

    programme: Programme
    started: datetime
    planned_end: datetime = field(init=False)
    step_entered: datetime = field(init=False)
    page: int = 0  # the page of an info step
    tally: Tally = field(default_factory=Tally)
    fingers: Fingers = field(default_factory=Fingers)

    def __post_init__(self) -> None:
        rest = sum(step.seconds for step in self.programme.steps[self.programme.index :])
        self.planned_end = self.started + timedelta(seconds=rest)
        self.step_entered = self.started
        self._fresh_page()

    @property
    def index(self) -> int:
        return self.programme.index

    @property
    def pages(self) -> int:
        """Pages in the current step (an info item's pages; one otherwise)."""
        item = self.programme.step.item
        return len(item.pages) if isinstance(item, Info) else 1

    def move(self, by: int, now: datetime) -> bool:
        """Next or back a step; False at either end."""
        return self.jump(self.programme.index + by, now)

    def jump(self, index: int, now: datetime, page: int = 0) -> bool:
        if not 0 <= index < len(self.programme.steps) or index == self.programme.index:
            return False
        self.programme.index = index
        self.step_entered = now
        self.page = min(max(page, 0), self.pages - 1)
        self._fresh_page()
        return True

    def turn(self, by: int) -> bool:
        """An info step's next or previous page; False past either end."""
        target = self.page + by
        if not 0 <= target < self.pages:
            return False
        self.page = target
        return True

    def count(self, zone: str) -> None:
        """One raised hand for `zone` on a check-in: the route after it follows the count."""
        self.tally.add(zone)
        self._follow_tally()

    def clear_count(self) -> None:
        self.tally.clear()
        self._follow_tally()

    def _follow_tally(self) -> None:
        """On a check-in the route is the count's (so `g`, "next" and the drift show where
        the room goes); moving on leaves it as it was then, and coming back starts over."""
        if self.programme.step.checkin:
            self.programme.choose(route_of(self.tally))

    def _fresh_page(self) -> None:
        """Counts belong to the page on screen: a new page starts with none."""
        self.tally.clear()
        self._follow_tally()
        page = self.programme.step.page
        rated: tuple[int, ...] = ()
        if page is not None and page.role == "reflection":
            # The loader keeps only pages whose `rated` names each question it has once
            # (rules.py); the order on screen, and so for Tab, is the questions' own.
            rated = tuple(sorted(n - 1 for n in page.rated))
        self.fingers = Fingers(rated)

    def drift(self, now: datetime) -> timedelta:
        """Expected end minus planned end: the rest of the programme at its planned length,
        from when this step began (or from now, once this step has run over its time)."""
        steps = self.programme.steps
        index = self.programme.index
        rest = timedelta(seconds=sum(step.seconds for step in steps[index + 1 :]))
        step_end = self.step_entered + timedelta(seconds=steps[index].seconds)
        return max(step_end, now) + rest - self.planned_end

    def on_time(self, now: datetime) -> bool:
        return abs(self.drift(now)) < ON_TIME

    def elapsed(self, now: datetime) -> timedelta:
        return now - self.started


def drift_words(drift: float, on_time: bool) -> str:
    """How far the session is from its planned end, as the room and the console both say
    it: "on time", "about N min later" or "about N min earlier" (`drift` in seconds)."""
    if on_time:
        return _("on time")
    minutes = max(1, round(abs(drift) / 60))
    if drift > 0:
        return _("about {n} min later").format(n=minutes)
    return _("about {n} min earlier").format(n=minutes)
