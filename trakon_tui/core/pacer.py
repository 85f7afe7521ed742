"""The breathing schedule: every phase boundary computed from one start time.

Nothing is summed from ticks. The schedule keeps a start time on a monotonic clock, the
total time spent paused, and a short list of pace segments (a pace change applies from the
next cycle); where we are is computed from those, so the error never accumulates however long
the practice runs or however late a UI tick arrives.
"""

from __future__ import annotations

import bisect
import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Literal

if TYPE_CHECKING:
    from trakon_tui.core.model import Breathing

Stage = Literal["lead-in", "breathing", "done"]
PACE_STEP = 0.05
_EPS = 1e-9  # float slack at boundaries: 4.4 / 1.1 must land on 4.0, not 3.9999999999999996


@dataclass(frozen=True)
class Moment:
    """Where the practice is at one instant."""

    stage: Stage
    phase_index: int  # -1 during the lead-in and when done
    progress: float  # 0..1 through the current phase (or the lead-in)
    phase_left: float  # seconds to the next boundary
    cycle: int  # 1-based; 0 during the lead-in
    cycles: int
    total_left: float  # seconds to the end, at the current pace
    paused: bool


@dataclass(frozen=True)
class _Segment:
    first_cycle: int
    pace: float
    t0: float  # schedule time at which first_cycle starts


@dataclass
class Schedule:
    """A breathing practice laid out in time.

    `phases` are the written phase lengths in seconds; `pace` multiplies them (1.1 = 10 %
    slower). Times passed in are readings of the same monotonic clock as `start`.
    """

    phases: Sequence[float]
    cycles: int
    lead_in: float
    start: float
    pace: float = 1.0
    fastest: float = 1.0
    slowest: float = 1.0
    _paused_at: float | None = field(default=None, init=False)
    _paused_total: float = field(default=0.0, init=False)
    _segments: list[_Segment] = field(default_factory=list, init=False)
    _offsets: list[float] = field(default_factory=list, init=False)

    def __post_init__(self) -> None:
        if not self.phases or any(p <= 0 for p in self.phases) or self.cycles < 1:
            raise ValueError("a schedule needs positive phases and at least one cycle")
        self.pace = self._clamp(self.pace)
        self._offsets = [0.0]
        for seconds in self.phases:
            self._offsets.append(self._offsets[-1] + seconds)
        self._segments = [_Segment(0, self.pace, self.lead_in)]

    @classmethod
    def of(cls, item: Breathing, cycles: int, *, start: float, pace: float = 1.0) -> Schedule:
        """A breathing practice's schedule: its phases, its lead-in and its pace limits (the
        screen, plain mode and the tone track all lay a practice out this one way)."""
        return cls(
            [phase.seconds for phase in item.phases],
            cycles,
            float(item.lead_in),
            start=start,
            pace=pace,
            fastest=item.pace.fastest,
            slowest=item.pace.slowest,
        )

    # --- reading -------------------------------------------------------------------------

    @property
    def cycle_length(self) -> float:
        """The written length of one cycle, before pace."""
        return self._offsets[-1]

    @property
    def paused(self) -> bool:
        return self._paused_at is not None

    def elapsed(self, now: float) -> float:
        """Schedule time: clock time since start, minus every pause."""
        reference = self._paused_at if self._paused_at is not None else now
        return reference - self.start - self._paused_total

    def to_clock(self, schedule_time: float) -> float:
        """The clock reading at which `schedule_time` is reached, if nothing else pauses."""
        return self.start + self._paused_total + schedule_time

    def cycle_start(self, cycle: int) -> float:
        """Schedule time at which cycle `cycle` (0-based) starts; `cycles` gives the end."""
        segment = self._segment_for_cycle(cycle)
        return segment.t0 + (cycle - segment.first_cycle) * segment.pace * self.cycle_length

    def pace_of_cycle(self, cycle: int) -> float:
        return self._segment_for_cycle(cycle).pace

    def boundary(self, cycle: int, phase: int) -> float:
        """Schedule time at which `phase` of `cycle` starts."""
        return self.cycle_start(cycle) + self._offsets[phase] * self.pace_of_cycle(cycle)

    def boundaries(self) -> list[float]:
        """Every phase start and the end, in schedule time, at the paces set so far."""
        times = [self.boundary(c, p) for c in range(self.cycles) for p in range(len(self.phases))]
        return [*times, self.end]

    @property
    def end(self) -> float:
        return self.cycle_start(self.cycles)

    def at(self, now: float) -> Moment:
        t = self.elapsed(now)
        paused = self.paused
        if t < self.lead_in - _EPS:
            progress = t / self.lead_in if self.lead_in > 0 else 1.0
            return Moment(
                "lead-in",
                -1,
                max(0.0, progress),
                self.lead_in - t,
                0,
                self.cycles,
                self.end - t,
                paused,
            )
        if t >= self.end - _EPS:
            return Moment("done", -1, 1.0, 0.0, self.cycles, self.cycles, 0.0, paused)
        segment = self._segment_at_time(t)
        span = segment.pace * self.cycle_length
        cycle = segment.first_cycle + math.floor((t - segment.t0) / span + _EPS)
        cycle = min(max(cycle, segment.first_cycle), self.cycles - 1)
        within = (t - self.cycle_start(cycle)) / segment.pace
        index = min(bisect.bisect_right(self._offsets, within + _EPS) - 1, len(self.phases) - 1)
        index = max(index, 0)
        length = self.phases[index]
        into = within - self._offsets[index]
        return Moment(
            "breathing",
            index,
            min(max(into / length, 0.0), 1.0),
            max((length - into) * segment.pace, 0.0),
            cycle + 1,
            self.cycles,
            self.end - t,
            paused,
        )

    def next_change(self, now: float) -> float | None:
        """Clock time of the next boundary (lead-in end, phase start or the end)."""
        moment = self.at(now)
        if moment.paused or moment.stage == "done":
            return None
        return now + moment.phase_left

    # --- changing ------------------------------------------------------------------------

    def pause(self, now: float) -> None:
        if self._paused_at is None:
            self._paused_at = now

    def resume(self, now: float) -> None:
        if self._paused_at is not None:
            self._paused_total += now - self._paused_at
            self._paused_at = None

    def change_pace(self, now: float, steps: int) -> float:
        """Make phases longer (+) or shorter (-) by PACE_STEP per step, from the next cycle.

        Returns the pace that will apply. Limits come from the exercise (`fastest`,
        `slowest`).
        """
        moment = self.at(now)
        next_cycle = 0 if moment.stage == "lead-in" else moment.cycle
        current = self.pace_of_cycle(min(next_cycle, self.cycles - 1))
        target = self._clamp(round(current + steps * PACE_STEP, 4))
        if next_cycle >= self.cycles or math.isclose(target, current):
            return target
        starts_at = self.cycle_start(next_cycle)
        self._segments = [s for s in self._segments if s.first_cycle < next_cycle]
        self._segments.append(_Segment(next_cycle, target, starts_at))
        self.pace = target
        return target

    # --- internals -----------------------------------------------------------------------

    def _clamp(self, pace: float) -> float:
        return min(max(pace, self.fastest), self.slowest)

    def _segment_for_cycle(self, cycle: int) -> _Segment:
        return self._last_segment(lambda segment: segment.first_cycle <= cycle)

    def _segment_at_time(self, t: float) -> _Segment:
        return self._last_segment(lambda segment: segment.t0 <= t)

    def _last_segment(self, reached: Callable[[_Segment], bool]) -> _Segment:
        """The latest segment already in force (segments are in time order)."""
        found = self._segments[0]
        for segment in self._segments:
            if reached(segment):
                found = segment
        return found


FULL_BEFORE_TOP_UP = 0.8


def fullness(phase_types: Sequence[str]) -> list[tuple[float, float]]:
    """(start, end) fullness of the lungs, 0..1, for each phase of one cycle.

    An inhale fills to the top, or to 0.8 when a top-up follows; a top-up fills the rest;
    an exhale empties; holds and pauses keep the level. Each cycle starts empty.
    """
    levels: list[tuple[float, float]] = []
    level = 0.0
    for i, kind in enumerate(phase_types):
        start = level
        if kind == "inhale":
            follows = phase_types[i + 1] if i + 1 < len(phase_types) else ""
            level = FULL_BEFORE_TOP_UP if follows == "top-up" else 1.0
        elif kind == "top-up":
            level = 1.0
        elif kind == "exhale":
            level = 0.0
        levels.append((start, level))
    return levels


def ease(progress: float) -> float:
    """Ease in and out (a half cosine): calm at both ends of a breath."""
    return 0.5 - 0.5 * math.cos(math.pi * min(max(progress, 0.0), 1.0))
