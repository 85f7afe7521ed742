"""Walking through a grounding practice one step at a time. Pure: time is read from the
injected monotonic clock the caller passes in, never counted from ticks.

A step with a `count` is ticked off by the user (or left, at any moment); a step with
`seconds` moves on by itself when its time is up, and can be paused; any other step waits for
the user. Next, back and skip always work; nothing is required.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from trakon_tui.core.model import Step


@dataclass
class StepWalk:
    steps: Sequence[Step]
    start: float  # clock reading when the first step began
    index: int = 0
    ticks: list[int] = field(default_factory=list)
    skipped: set[int] = field(default_factory=set)
    finished: bool = False
    _step_start: float = 0.0
    _paused_at: float | None = None

    def __post_init__(self) -> None:
        self.ticks = [0] * len(self.steps)
        self._step_start = self.start

    # --- reading ---------------------------------------------------------------------------

    @property
    def step(self) -> Step:
        return self.steps[self.index]

    @property
    def paused(self) -> bool:
        return self._paused_at is not None

    @property
    def timed(self) -> bool:
        return self.step.seconds is not None

    def elapsed(self, now: float) -> float:
        """Seconds spent in this step, pauses left out."""
        until = self._paused_at if self._paused_at is not None else now
        return max(0.0, until - self._step_start)

    def progress(self, now: float) -> float:
        """0..1 through a timed step (0 for others)."""
        seconds = self.step.seconds
        if seconds is None:
            return 0.0
        return min(1.0, self.elapsed(now) / seconds)

    def left(self, now: float) -> float:
        seconds = self.step.seconds
        return 0.0 if seconds is None else max(0.0, seconds - self.elapsed(now))

    def due(self, now: float) -> float | None:
        """The clock reading at which this timed step ends (None: untimed or paused)."""
        seconds = self.step.seconds
        if seconds is None or self.paused or self.finished:
            return None
        return self._step_start + seconds

    # --- moving ----------------------------------------------------------------------------

    def sync(self, now: float) -> bool:
        """Move past every timed step whose time is up. True if the step changed."""
        changed = False
        while not self.finished and (end := self.due(now)) is not None and now >= end:
            self._go(self.index + 1, end)
            changed = True
        return changed

    def tick(self) -> bool:
        """One more thing noticed; False when the step has no count or is complete."""
        count = self.step.count
        if count is None or self.ticks[self.index] >= count:
            return False
        self.ticks[self.index] += 1
        return True

    def next(self, now: float) -> None:
        self._go(self.index + 1, now)

    def skip(self, now: float) -> None:
        self.skipped.add(self.index)
        self._go(self.index + 1, now)

    def back(self, now: float) -> None:
        if self.index > 0:
            self._go(self.index - 1, now)

    def pause(self, now: float) -> None:
        if not self.paused and not self.finished:
            self._paused_at = now

    def resume(self, now: float) -> None:
        if self._paused_at is not None:
            self._step_start += now - self._paused_at
            self._paused_at = None

    def _go(self, index: int, now: float) -> None:
        self._paused_at = None
        if index >= len(self.steps):
            self.finished = True
            return
        self.index = index
        self._step_start = now
