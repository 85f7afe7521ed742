"""The presenter console: in a second terminal, what only the facilitator sees while the
room's screen runs the session: the current step and its notes, the next step, the time
against the plan (in the room's own words: the room sends them), a discussion timer of its
own, the raised-hands count, and on a reflection page a small bar per question of the raised
fingers.

The keys the room answers to (→ ← space …) go to the room and drive both windows; the
console's own keys (the timer, closing) stay here. Everything shown comes from the room as
data and is drawn as literal text. When the room ends, the console says so and waits for the
next presentation; nothing is written anywhere.
"""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import ClassVar

from rich.text import Text
from textual import events
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical, VerticalScroll

from trakon_tui.core.console_link import Bye, RoomState
from trakon_tui.core.console_socket import ConsoleClient, LinkError, find_rooms
from trakon_tui.core.session_run import FINGERS, drift_words
from trakon_tui.core.text import clock_text, tr
from trakon_tui.i18n import N_, _
from trakon_tui.ui.literal import Static
from trakon_tui.ui.screens.base import TrakonScreen
from trakon_tui.vocabulary import route_name

WAIT_SECONDS = 2.0  # how often a console without a room looks for one
BAR_CAP = 12  # a bar of raised fingers grows to this many hands; its number goes on
# Keys that scroll the notes here, even if the room answers to them too.
SCROLL_KEYS = frozenset({"up", "down", "pageup", "pagedown", "home", "end"})
# Keys that go to the room when it answers to them, though every screen has them: Tab moves
# between the reflection questions there (the console has only its notes to focus).
ROOM_FIRST_KEYS = frozenset({"tab", "shift+tab"})


class ConsoleScreen(TrakonScreen):
    CSS_PATH = "console.tcss"
    TITLE_MSGID = N_("Presenter console")
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,q", "leave", N_("Close the console")),
        Binding("d", "discussion", N_("Discussion timer")),
        Binding("r", "reset_discussion", N_("Reset timer")),
    ]

    def __init__(self, room: Path | None, folder: Path) -> None:
        super().__init__()
        self.room = room
        self.folder = folder
        self.state: RoomState | None = None
        self.ended = False  # the room we followed has ended
        self._received = 0.0  # clock reading when the state came
        self._client: ConsoleClient | None = None
        self._discussion = 0.0  # seconds counted before the timer last started
        self._discussion_mark: float | None = None  # clock reading when it started

    # --- drawing ---------------------------------------------------------------------------

    def compose_body(self) -> ComposeResult:
        with Vertical(id="console", classes="page"):
            yield Static(self._where(), id="console-where")
            yield Static(self._now(), id="console-now")
            yield Static(self._times(), id="console-times")
            with VerticalScroll(id="console-notes-box"):
                yield Static(self._notes(), id="console-notes")
            yield Static(self._next(), id="console-next")
            ways = Static(self._ways(), id="console-ways")
            yield ways.set_class(not (self.state and self.state.ways), "-empty")
            yield Static(self._discussion_text(), id="console-discussion")
            yield Static(self._tally(), id="console-tally")
            yield Static(self._fingers(), id="console-fingers")
            yield Static(self._keys(), id="console-keys")

    def _draw(self) -> None:
        self.set_class(self.state is None, "-waiting")
        for selector, text in (
            ("#console-where", self._where()),
            ("#console-now", self._now()),
            ("#console-times", self._times()),
            ("#console-notes", self._notes()),
            ("#console-next", self._next()),
            ("#console-ways", self._ways()),
            ("#console-discussion", self._discussion_text()),
            ("#console-tally", self._tally()),
            ("#console-fingers", self._fingers()),
            ("#console-keys", self._keys()),
        ):
            for widget in self.query(selector).results(Static):
                widget.update(text)
        for ways in self.query("#console-ways"):
            ways.set_class(not (self.state and self.state.ways), "-empty")

    def _where(self) -> Text:
        state = self.state
        if state is None:
            if self.ended:
                return Text(
                    _("The presentation has ended. The console waits for the next one."),
                    style="bold",
                )
            return Text(_("Waiting for the presentation…"), style="dim")
        text = Text(tr(state.title), style="bold")
        text.append(
            "  " + _("step {n}/{total}").format(n=state.index + 1, total=state.count), style="dim"
        )
        if state.blank:
            text.append("  · " + _("the room's screen is blank"), style="italic")
        elif state.practice:
            text.append("  · " + _("a practice is running"), style="italic")
        return text

    def _now(self) -> Text:
        if self.state is None:
            return Text("")
        return Text.assemble((_("Now") + "  ", "dim"), (tr(self.state.step_title), "bold"))

    def _times(self) -> Text:
        state = self.state
        if state is None:
            return Text("")
        since = self._since()
        step = state.step_elapsed + since
        whole = state.elapsed + since
        text = Text(
            _("This step {elapsed} of {planned} · session {total} of {planned_total}").format(
                elapsed=clock_text(step),
                planned=clock_text(state.step_planned),
                total=clock_text(whole),
                planned_total=clock_text(state.planned_total),
            )
        )
        # How far the session is from its planned end: the room's own words, as it sent them.
        text.append("\n")
        if state.planned_end:
            text.append(_("planned end {time}").format(time=state.planned_end) + " · ", style="dim")
        text.append(drift_words(state.drift, state.on_time), style="dim")
        return text

    def _notes(self) -> Text:
        if self.state is None:
            return Text("")
        notes = tr(self.state.notes)
        if not notes:
            return Text(_("No notes for this step."), style="dim")
        return Text(notes)

    def _next(self) -> Text:
        if self.state is None:
            return Text("")
        if self.state.next_title is None:
            return Text(_("This is the last step."), style="dim")
        return Text.assemble((_("Next") + "  ", "dim"), tr(self.state.next_title))

    def _ways(self) -> Text:
        """On a check-in where the session divides: which steps each route takes, the one
        the count chooses now marked."""
        state = self.state
        if state is None or not state.ways:
            return Text("")
        text = Text(_("Routes after the check-in") + "\n", style="dim")
        for n, way in enumerate(state.ways):
            if n:
                text.append("\n")
            chosen = way.route == state.route
            text.append("▶ " if chosen else "  ", style="bold")
            text.append(route_name(way.route) + ": ", style="bold" if chosen else "dim")
            text.append(" → ".join(tr(step) for step in way.steps) or "–")
        return text

    def _discussion_text(self) -> Text:
        seconds = self._discussion_seconds()
        if self._discussion_mark is not None:
            line = _("Discussion {time} (d stops, r resets)")
        elif seconds:
            line = _("Discussion {time}, stopped (d goes on, r resets)")
        else:
            line = _("Discussion timer: d starts it")
        return Text(line.format(time=clock_text(seconds)))

    def _tally(self) -> Text:
        state = self.state
        if state is None or not any(state.tally.values()):
            return Text("")
        return Text(
            _("Raised hands: above {a} · within {w} · below {b}").format(
                a=state.tally.get("above", 0),
                w=state.tally.get("within", 0),
                b=state.tally.get("below", 0),
            )
        )

    def _fingers(self) -> Text:
        """Once hands are counted on a reflection page: a line per question, its bar of
        hands by fingers raised (1–5), the question the keys count for marked."""
        state = self.state
        if state is None or not any(q.hands for q in state.fingers):
            return Text("")
        text = Text(_("Raised fingers") + "\n", style="dim")
        for n, question in enumerate(state.fingers):
            if n:
                text.append("\n")
            text.append("▶ " if n == state.fingers_selected else "  ", style="bold")
            for fingers, count in zip(FINGERS, question.counts, strict=True):
                text.append(f"{fingers} ", style="dim")
                text.append("█" * min(count, BAR_CAP) or "·", style="bold")
                text.append(f" {count}  ")
            text.append(tr(question.question), style="dim")
        return text

    def _keys(self) -> Text:
        keys = self._room_keys()
        if not keys:
            return Text("")
        by_label: dict[str, list[str]] = {}  # b and f12 both blank the room: "b, f12 Hide"
        for key, label in keys.items():
            by_label.setdefault(label, []).append(self.app.get_key_display(Binding(key, "")))
        text = Text(_("Drives the room:") + " ", style="dim")
        for n, (label, shown) in enumerate(by_label.items()):
            if n:
                text.append(" · ", style="dim")
            text.append(", ".join(shown), style="bold")
            if label:
                text.append(" " + _(label))
        return text

    # --- time ------------------------------------------------------------------------------

    def _clock(self) -> float:
        return self.trakon.config.clock()

    def _since(self) -> float:
        return max(0.0, self._clock() - self._received)

    def _discussion_seconds(self) -> float:
        if self._discussion_mark is None:
            return self._discussion
        return self._discussion + max(0.0, self._clock() - self._discussion_mark)

    def _tick(self) -> None:
        for selector, text in (
            ("#console-times", self._times()),
            ("#console-discussion", self._discussion_text()),
        ):
            for widget in self.query(selector).results(Static):
                widget.update(text)

    # --- the link --------------------------------------------------------------------------

    def on_mount(self) -> None:
        self.set_class(self.state is None, "-waiting")
        self.trakon.config.timers.every(self, 1.0, self._tick)
        self.run_worker(self._follow(), exclusive=True, group="console-link")

    async def _follow(self) -> None:
        """Follow the room; when it ends, wait for the next one."""
        while True:
            if self.room is not None:
                await self._follow_room(self.room)
                self.room = None
                self.ended = True
                self.state = None
                self._draw()
                self.refresh_bindings()
            await asyncio.sleep(WAIT_SECONDS)
            rooms = await asyncio.to_thread(find_rooms, self.folder)
            if len(rooms) == 1:
                self.room = rooms[0]

    async def _follow_room(self, room: Path) -> None:
        try:
            client = await ConsoleClient.connect(room)
        except LinkError:
            return
        self._client = client
        try:
            async for message in client.messages():
                if isinstance(message, Bye):
                    break
                self.state = message
                self._received = self._clock()
                self.ended = False
                self._draw()
        finally:
            self._client = None
            client.close()

    def _room_keys(self) -> dict[str, str]:
        if self.state is None:
            return {}
        own = {key for _k, binding in self._bindings for key in binding.key.split(",")}
        own = (own | SCROLL_KEYS) - ROOM_FIRST_KEYS
        return {k.key: k.label for k in self.state.keys if k.key not in own}

    def on_key(self, event: events.Key) -> None:
        """A key the room answers to goes to the room (and moves both windows)."""
        if self._client is not None and event.key in self._room_keys():
            event.stop()
            event.prevent_default()
            self._client.send_key(event.key)

    # --- the console's own keys ------------------------------------------------------------

    def action_discussion(self) -> None:
        if self._discussion_mark is None:
            self._discussion_mark = self._clock()
        else:
            self._discussion = self._discussion_seconds()
            self._discussion_mark = None
        self._tick()

    def action_reset_discussion(self) -> None:
        self._discussion = 0.0
        self._discussion_mark = self._clock() if self._discussion_mark is not None else None
        self._tick()

    def action_leave(self) -> None:
        self.app.exit()

    def on_unmount(self) -> None:
        if self._client is not None:
            self._client.close()
