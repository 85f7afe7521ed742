"""A session programme as the facilitator walks it: its steps in order, where the group is,
the route it takes after a check-in, and when it is planned to end. Pure: no Textual, no
clock of its own.

Routes: a step may run only on some routes (`when` in the file). The route after a check-in
follows the room's count of raised hands while the check-in is on screen and is fixed when
the room moves on (`route_of`: the most cautious route that suits every counted hand);
before any check-in, and when nothing was counted, the route is "mixed". `steps` and `index`
are always those of the route: the step list, the planned length and "next" follow it."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from datetime import datetime, timedelta

from trakon_tui.core import measure
from trakon_tui.core.model import (
    ROUTE_ZONES,
    Breathing,
    CheckinScale,
    Grounding,
    Item,
    RouteZone,
    Session,
    SessionPage,
    Writing,
)
from trakon_tui.i18n import Lang

TALLY_ZONES = ("above", "within", "below")
MIXED: RouteZone = "mixed"  # the route before a check-in, and when nothing was counted
PRACTICES = (Breathing, Grounding, Writing)
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
    when: frozenset[RouteZone] | None = None  # the routes it runs on; None: every route

    def on(self, route: RouteZone) -> bool:
        return self.when is None or route in self.when

    @property
    def checkin(self) -> bool:
        """A step that counts the room's zones: the check-in, or a `window` page."""
        if self.page is not None:
            return self.page.role == "window"
        return isinstance(self.item, CheckinScale)

    @property
    def practice(self) -> bool:
        return isinstance(self.item, PRACTICES)

    @property
    def seconds(self) -> float:
        if self.page is not None:
            return (self.page.minutes or 1) * 60.0
        assert self.item is not None
        return presenter_seconds(self.item)


Ways = dict[RouteZone, list[ProgrammeStep]]  # the steps each route takes after a check-in


@dataclass
class Programme:
    every: list[ProgrammeStep]  # every step of the file, on any route
    index: int = 0  # in `steps`, the route's steps
    source: Item | None = None  # the session (or the single practice) it was made from
    # The route chosen at each check-in so far, by the check-in's place in `every`.
    routes: dict[int, RouteZone] = field(default_factory=dict)

    @classmethod
    def of(cls, session: Session, items: Mapping[str, Item]) -> Programme:
        """The session's steps; a step naming an item that is not in the library is left out
        (the library has already said why)."""
        steps = []
        for step in session.steps:
            when = None if step.when is None else frozenset(step.when)
            if step.page is not None:
                steps.append(ProgrammeStep(page=step.page, notes=step.notes, when=when))
            elif step.item is not None and step.item in items:
                inner = items[step.item]
                if not isinstance(inner, Session):
                    steps.append(ProgrammeStep(item=inner, notes=step.notes, when=when))
        return cls(steps, source=session)

    @classmethod
    def single(cls, item: Item) -> Programme:
        return cls([ProgrammeStep(item=item)], source=item)

    # --- the route ------------------------------------------------------------------------

    def _places(self) -> list[int]:
        """Where the route's steps are in `every`: each step after a check-in runs if it is
        on the route chosen there (a check-in not yet left is on "mixed")."""
        route = MIXED
        places = []
        for place, step in enumerate(self.every):
            if step.on(route):
                places.append(place)
                if step.checkin:
                    route = self.routes.get(place, MIXED)
        return places

    @property
    def steps(self) -> list[ProgrammeStep]:
        """The steps on the route, in order."""
        return [self.every[place] for place in self._places()]

    @property
    def route(self) -> RouteZone | None:
        """The route the group is on: chosen at the last check-in up to this step (the one
        on screen included); None before any check-in."""
        places = self._places()[: self.index + 1]
        checkins = [place for place in places if self.every[place].checkin]
        return self.routes.get(checkins[-1], MIXED) if checkins else None

    def choose(self, route: RouteZone) -> None:
        """The route after the check-in on screen (nothing happens on another step). The
        steps up to here stay as they are, so `index` stays where it is."""
        place = self._places()[self.index]
        if self.every[place].checkin:
            self.routes[place] = route

    def on_route(self, route: RouteZone) -> Programme:
        """The same programme with `route` chosen at every check-in (its steps from the
        start): what a route holds and how long it takes."""
        routes = {n: route for n, step in enumerate(self.every) if step.checkin}
        return replace(self, index=0, routes=routes)

    def route_table(self) -> list[tuple[ProgrammeStep, Ways]]:
        """For each check-in after which the way divides: the steps each route takes from
        there up to the next check-in (or the end). For the facilitator's preparation."""
        table = []
        for place, step in enumerate(self.every):
            ways = self._ways(place)
            if ways is not None:
                table.append((step, ways))
        return table

    def ways_here(self) -> Ways | None:
        """On a check-in after which the way divides: the steps of each route from here."""
        return self._ways(self._places()[self.index])

    def _ways(self, place: int) -> Ways | None:
        if not self.every[place].checkin:
            return None
        rest: list[ProgrammeStep] = []
        for later in self.every[place + 1 :]:
            if later.checkin:
                break
            rest.append(later)
        if all(later.when is None for later in rest):
            return None
        return {zone: [step for step in rest if step.on(zone)] for zone in ROUTE_ZONES}

    # --- where the group is ----------------------------------------------------------------

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


def route_of(tally: Tally) -> RouteZone:
    """The most cautious route that suits every counted hand: only within → within; above
    (with or without within) → above; below (with or without within) → below; both above
    and below, or nothing counted → mixed."""
    if tally.above and tally.below:
        return MIXED
    if tally.above:
        return "above"
    if tally.below:
        return "below"
    if tally.within:
        return "within"
    return MIXED
