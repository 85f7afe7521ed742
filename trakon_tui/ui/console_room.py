"""The room's side of the presenter console: facilitator mode listens on a private socket
(core/console_socket.py), tells every console where the session is on each change, and runs
the keys a console sends through the room's own bindings, as if pressed here.

A key from the console acts only if the room's screen answers to it now (its own bindings,
plus blanking), so a console can never reach what the room's keyboard could not; new keys on
the present screen work from the console without a change here.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from trakon_tui.core.console_link import RoomKey, encode_state, room_state
from trakon_tui.core.console_socket import LinkError, RoomServer
from trakon_tui.core.session_run import SessionRun
from trakon_tui.i18n import _
from trakon_tui.ui.commands import COMMANDS
from trakon_tui.ui.timers import Alarm

if TYPE_CHECKING:
    from trakon_tui.ui.app import TrakonApp

BLANKING_ACTIONS = ("hide",)  # app keys a console may press too
HEARTBEAT_SECONDS = 1.0


class RoomLink:
    def __init__(self, app: TrakonApp, folder: Path) -> None:
        self.app = app
        self.server = RoomServer(folder, self._key, self._connected)
        self._beat: Alarm | None = None

    async def start(self) -> None:
        try:
            await self.server.start()
        except (LinkError, OSError):
            # The presentation goes on without a console; no path on the room's screen.
            self.app.notify(_("The presenter console is not available this time."), timeout=4)
            return
        self.publish()

    async def close(self) -> None:
        self._stop_beat()
        await self.server.close()

    def _connected(self) -> None:
        """A console attached: tell it where the room is, then once a second while any
        console listens (the clocks move, and a key pressed in a practice or on the blank
        screen changes what the room answers to). No console, no timer."""
        self.publish()
        if self._beat is None:
            self._beat = self.app.config.timers.every(self.app, HEARTBEAT_SECONDS, self.publish)

    def _stop_beat(self) -> None:
        if self._beat is not None:
            self._beat.stop()
            self._beat = None

    # --- out: the state -----------------------------------------------------------------

    def publish(self) -> None:
        """Send where the session is now, if a console listens (and it changed)."""
        if not self.server.has_consoles:
            self._stop_beat()
            return
        screen = self._room_screen()
        if screen is None:
            return
        top = self.app.screen
        blank = bool(getattr(top, "TAKES_EVERY_KEY", False))
        # a practice screen over the slide (they are the screens that pause)
        practice = not isinstance(top, ConsoleRoom) and callable(getattr(top, "action_pause", None))
        state = screen.console_state(keys=self.keys(), blank=blank, practice=practice)
        if state is not None:
            self.server.publish(encode_state(state))

    def _room_screen(self) -> ConsoleRoom | None:
        for screen in reversed(self.app.screen_stack):
            if isinstance(screen, ConsoleRoom):
                return screen
        return None

    def keys(self) -> tuple[RoomKey, ...]:
        """The keys the room's screen answers to now, with their labels, and blanking
        (which on the blank screen brings the room back, as any key there does)."""
        found: dict[str, RoomKey] = {}
        top = self.app.screen
        for key, active in self.app.active_bindings.items():
            if active.node is top and active.enabled:
                found.setdefault(key, RoomKey(key, active.binding.description))
        for command in COMMANDS:
            if command.action in BLANKING_ACTIONS:
                for key in command.keys.split(","):
                    found.setdefault(key, RoomKey(key, command.label))
        return tuple(found.values())

    # --- in: keys -----------------------------------------------------------------------

    def _key(self, name: str) -> None:
        allowed = {key.key for key in self.keys()}
        if name not in allowed:
            return  # not a key this screen answers to now: nothing happens
        self.app.simulate_key(name)
        self.app.call_after_refresh(self.publish)


class ConsoleRoom:
    """Mixed into the present screen: what a console is told about it, read from the
    screen's `SessionRun` (the same time and the same words as the room's screen). The
    screen calls `console_publish()` whenever what the room sees changes (a step, the tally,
    the raised fingers)."""

    @property
    def session(self) -> SessionRun:
        raise NotImplementedError  # the present screen's own

    @property
    def _console_app(self) -> TrakonApp:
        app: Any = getattr(self, "app")  # noqa: B009  (a Screen's app, typed for the mixin)
        return app  # type: ignore[no-any-return]

    def console_publish(self) -> None:
        link = self._console_app.room_link
        if link is not None:
            link.publish()

    def console_state(self, **shown: Any) -> Any:
        return room_state(self.session, self._console_app.config.wall_clock(), **shown)

    # Textual calls the handler of every class in the screen's MRO: these run beside the
    # screen's own.
    def on_screen_resume(self) -> None:
        """Back from a practice or the blank screen: the keys and the step may differ."""
        self._console_app.call_after_refresh(self.console_publish)

    def on_screen_suspend(self) -> None:
        """A practice or the blank screen opened over the slide: the keys are its now."""
        self._console_app.call_after_refresh(self.console_publish)
