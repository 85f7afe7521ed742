"""A frame clock for the moving picture, on the event loop itself.

Textual's `set_interval` delivers each tick as a message through the screen's queue; at 20
ticks a second that overhead is a measurable share of a core (see benchmarks/pacer.py). This
calls the callback straight from the loop, re-armed from the start time and the monotonic
clock (never chained delays), and it runs only while the picture moves.
"""

from __future__ import annotations

import asyncio
import math
import time
from collections.abc import Callable


class FrameClock:
    def __init__(self, rate: float, callback: Callable[[], None]) -> None:
        self.period = 1.0 / rate
        self.callback = callback
        self._handle: asyncio.TimerHandle | None = None
        self._origin = 0.0

    @property
    def running(self) -> bool:
        return self._handle is not None

    def resume(self) -> None:
        if self._handle is None:
            self._origin = time.monotonic()
            self._arm()

    def pause(self) -> None:
        if self._handle is not None:
            self._handle.cancel()
            self._handle = None

    stop = pause

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
