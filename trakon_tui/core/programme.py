"""A session programme as the facilitator walks it: its steps in order, where the group is,
and when it is planned to end. Pure: no Textual, no clock of its own."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta

from trakon_tui.core import measure
from trakon_tui.core.model import Breathing, Item, Session, SessionPage
from trakon_tui.i18n import Lang

TALLY_ZONES = ("above", "within", "below")
PRESENTER_SHORTEST = 4.0  # seconds: slow changes on a shared screen, within the item's limits


def brief_pause(item: Breathing, index: int) -> bool:
    """A small natural pause after breathing out (Hengitysliitto's, ~1 s), too short to be a
    word of its own on a shared screen: there it is shown as the end of the out-breath, so
    that the room never sees a word flash by (GLOSSARY §6: phases ≥ 4 s, ≤ 3 changes a
    second)."""
    phase = item.phases[index]
    return index > 0 and phase.type == "pause" and phase.seconds < PRESENTER_SHORTEST


def presenter_pace(item: Breathing) -> float:
    """The pace that makes the shortest phase the room sees last 4 s, within the exercise's
    own limits (a brief pause is part of the out-breath there)."""
    seen = [p.seconds for n, p in enumerate(item.phases) if not brief_pause(item, n)]
    pace = max(1.0, PRESENTER_SHORTEST / min(seen))
    return min(max(pace, item.pace.fastest), item.pace.slowest)


def presenter_seconds(item: Item) -> float:
    """How long an item takes on the shared screen: a breathing practice at presenter pace."""
    if isinstance(item, Breathing) and item.duration is None:
        cycles = measure.cycle_count(item)
        return item.lead_in + cycles * measure.cycle_seconds(item, presenter_pace(item))
    return measure.duration(item).seconds


@dataclass(frozen=True)
class ProgrammeStep:
    """One step: a page written in the session file, or an item from the library."""

    page: SessionPage | None = None
    item: Item | None = None
    notes: Mapping[Lang, str] | None = None  # the facilitator's, never on the room's screen

    @property
    def seconds(self) -> float:
        if self.page is not None:
            return (self.page.minutes or 1) * 60.0
        assert self.item is not None
        return presenter_seconds(self.item)


@dataclass
class Programme:
    steps: list[ProgrammeStep]
    index: int = 0
    source: Item | None = None  # the session (or the single practice) it was made from

    @classmethod
    def of(cls, session: Session, items: Mapping[str, Item]) -> Programme:
        """The session's steps; a step naming an item that is not in the library is left out
        (the library has already said why)."""
        steps = []
        for step in session.steps:
            if step.page is not None:
                steps.append(ProgrammeStep(page=step.page, notes=step.notes))
            elif step.item is not None and step.item in items:
                inner = items[step.item]
                if not isinstance(inner, Session):
                    steps.append(ProgrammeStep(item=inner, notes=step.notes))
        return cls(steps, source=session)

    @classmethod
    def single(cls, item: Item) -> Programme:
        return cls([ProgrammeStep(item=item)], source=item)

    @property
    def step(self) -> ProgrammeStep:
        return self.steps[self.index]

    def move(self, by: int) -> bool:
        """Next or back; False at either end (nothing changes)."""
        target = self.index + by
        if not 0 <= target < len(self.steps):
            return False
        self.index = target
        return True

    def planned_end(self, now: datetime) -> datetime:
        """When the programme ends if this step starts now and the rest take their time."""
        left = sum(step.seconds for step in self.steps[self.index :])
        return now + timedelta(seconds=left)

    def total_seconds(self) -> float:
        return sum(step.seconds for step in self.steps)


@dataclass
class Tally:
    """Raised hands per zone in an opening round: on screen only, never stored; cleared
    when the page is left."""

    above: int = 0
    within: int = 0
    below: int = 0

    def add(self, zone: str) -> None:
        if zone in TALLY_ZONES:
            setattr(self, zone, getattr(self, zone) + 1)

    def clear(self) -> None:
        self.above = self.within = self.below = 0

    @property
    def total(self) -> int:
        return self.above + self.within + self.below
