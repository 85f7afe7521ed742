"""Find your pace: a few breaths of the user's own, tapped with space at the start of each
in- and out-breath; then a pace for this practice, within its limits, to accept or not.

The taps are readings of the app's injected clock; the arithmetic is `core.personal`.
Nothing is written to the log: this is not a practice run."""

from __future__ import annotations

from typing import ClassVar

from rich.console import Group
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll

from trakon_tui.card import pace_words
from trakon_tui.core import personal
from trakon_tui.core.model import Breathing
from trakon_tui.core.text import decimal, tr
from trakon_tui.i18n import N_, _
from trakon_tui.ui.literal import Static
from trakon_tui.ui.screens.base import TrakonScreen


class CalibrationScreen(TrakonScreen[bool]):
    """Dismissed with True when the user took the suggested pace."""

    TITLE_MSGID = N_("Find your pace")
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,q", "leave", N_("Back")),
        Binding("space", "tap", N_("Tap")),
        Binding("enter", "accept", N_("Use this pace")),
        Binding("w", "as_written", N_("As written")),
    ]

    def __init__(self, item: Breathing) -> None:
        super().__init__()
        self.item = item
        self.taps: list[float] = []
        self.suggestion: float | None = None

    def compose_body(self) -> ComposeResult:
        with VerticalScroll(classes="page", id="calibration"):
            yield Static(self._words(), id="calibration-words")

    def _words(self) -> Group:
        lead = Text(
            _(
                "Breathe as you do right now, gently; there is nothing to change. Press space "
                "when you begin to breathe in, and again when you begin to breathe out. Four "
                "breaths are enough. Esc stops at any moment."
            )
        )
        if self.suggestion is not None:
            breath = personal.own_breath(self.taps) or 0.0
            return Group(
                Text(
                    _("Your breath now: about {s} s, {n} a minute.").format(
                        s=decimal(breath), n=decimal(60 / breath)
                    ),
                    style="bold",
                ),
                Text(""),
                Text(
                    _("For {title} that suggests: {pace}, within its limits.").format(
                        title=tr(self.item.title), pace=pace_words(self.suggestion)
                    )
                ),
                Text(""),
                Text(
                    _(
                        "Enter uses this pace for this practice, w goes back to the pace as "
                        "written, Esc keeps the pace you had."
                    )
                ),
            )
        breaths = len(self.taps) // 2
        if not self.taps:
            next_tap = _("Press space as you begin to breathe in.")
        elif len(self.taps) % 2:
            next_tap = _("Now press space as you begin to breathe out.")
        else:
            next_tap = _("Press space as you begin to breathe in again.")
        return Group(
            lead,
            Text(""),
            Text(next_tap, style="bold"),
            Text(
                _("Breaths: {n} of {total}").format(n=breaths, total=personal.CALIBRATION_BREATHS),
                style="dim",
            ),
        )

    def _show(self) -> None:
        self.query_one("#calibration-words", Static).update(self._words())
        self.refresh_bindings()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "tap":
            return self.suggestion is None
        if action in ("accept", "as_written"):
            return self.suggestion is not None
        return super().check_action(action, parameters)

    def action_tap(self) -> None:
        self.taps.append(self.trakon.config.clock())
        if len(self.taps) >= personal.CALIBRATION_TAPS:
            breath = personal.own_breath(self.taps)
            if breath is None:  # slips: start again, calmly
                self.taps = []
                self.app.notify(_("Those taps were hard to read; let us begin again."), timeout=4)
            else:
                self.suggestion = personal.suggested_pace(self.item, breath)
        self._show()

    def action_accept(self) -> None:
        if self.suggestion is not None:
            self._keep(self.suggestion)

    def action_as_written(self) -> None:
        self._keep(1.0)

    def _keep(self, pace: float) -> None:
        minutes = self.trakon.choice(self.item.id).minutes
        self.trakon.change_choice(self.item.id, personal.Choice(minutes, pace))
        self.dismiss(True)

    def action_leave(self) -> None:
        self.dismiss(False)

    async def relabel(self) -> None:
        self.relabel_in_place()
        self._show()
