"""Where timed screens get their timers: one seam beside the app's clock (`AppConfig.timers`).

The breathing, grounding and writing screens and the presenter's writing timer never call
Textual's `set_timer`/`set_interval` themselves; they arm wake-ups here. The app passes
`TextualTimers` (Textual's timers, and `LoopFrames` for the moving picture); the tests pass
timers that run in fake time, so that a wake-up armed at the wrong moment fails a test.
What a timer does when it fires is still read from the monotonic clock (DESIGN: never count
ticks).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Protocol

from textual.message_pump import MessagePump

Callback = Callable[[], object]


class Alarm(Protocol):
    """An armed timer; stopping it twice is harmless."""

    def stop(self) -> None: ...


class Timers(Protocol):
    def once(self, owner: MessagePump, delay: float, callback: Callback) -> Alarm:
        """`callback` once, `delay` seconds from now (while `owner` lives)."""
        ...

    def every(self, owner: MessagePump, interval: float, callback: Callback) -> Alarm:
        """`callback` every `interval` seconds until stopped (while `owner` lives)."""
        ...

    def frames(self, owner: MessagePump, interval: float, callback: Callback) -> Alarm:
        """Like `every`, for the moving picture: called straight from the event loop, and a
        late frame is skipped, never queued."""
        ...


class TextualTimers:
    """The real timers."""

    def once(self, owner: MessagePump, delay: float, callback: Callback) -> Alarm:
        return owner.set_timer(delay, callback)

    def every(self, owner: MessagePump, interval: float, callback: Callback) -> Alarm:
        return owner.set_interval(interval, callback)

    def frames(self, owner: MessagePump, interval: float, callback: Callback) -> Alarm:
        from trakon_tui.ui.frames import LoopFrames

        return LoopFrames(interval, callback)
