"""A frame clock for the moving picture, on the event loop itself.

Textual's `set_interval` delivers each tick as a message through the screen's queue; at 20
ticks a second that overhead is a measurable share of a core (see benchmarks/pacer.py).
`LoopFrames` calls the callback straight from the loop, re-armed from the start time and the
monotonic clock (never chained delays). `FrameClock` runs it only while the picture moves,
through the app's timers (`ui/timers.py`), so that tests drive it in fake time.
"""

from __future__ import annotations

import asyncio
import math
import time
from collections.abc import Callable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from textual.message_pump import MessagePump

    from trakon_tui.ui.timers import Alarm, Timers


class LoopFrames:
    """`callback` every `period` seconds from now on, until stopped."""

    def __init__(self, period: float, callback: Callable[[], object]) -> None:
        self.period = period
        self.callback = callback
        self._origin = time.monotonic()
        self._handle: asyncio.TimerHandle | None = None
        self._arm()

    def stop(self) -> None:
        if self._handle is not None:
            self._handle.cancel()
            self._handle = None

    def _arm(self) -> None:
        now = time.monotonic()
        # The next multiple of the period after now, from the origin: late ticks are
        # skipped, never queued.
        due = self._origin + (math.floor((now - self._origin) / self.period) + 1) * self.period
        self._handle = asyncio.get_running_loop().call_later(due - now, self._tick)

    def _tick(self) -> None:
        self.callback()
        if self._handle is not None:
            self._arm()


class FrameClock:
    """Frames at `rate` per second while resumed; none while paused."""

    def __init__(
        self, rate: float, callback: Callable[[], object], timers: Timers, owner: MessagePump
    ) -> None:
        self.period = 1.0 / rate
        self.callback = callback
        self._timers = timers
        self._owner = owner
        self._frames: Alarm | None = None

    @property
    def running(self) -> bool:
        return self._frames is not None

    def resume(self) -> None:
        if self._frames is None:
            self._frames = self._timers.frames(self._owner, self.period, self.callback)

    def pause(self) -> None:
        if self._frames is not None:
            self._frames.stop()
            self._frames = None

    stop = pause
