"""The exercise card: what it is, how long, holds, eyes, how to stop, caution and source."""

from __future__ import annotations

from typing import ClassVar

from rich.console import Group, RenderableType
from rich.text import Text
from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll

from trakon_tui.card import Row, own_rows
from trakon_tui.card import card as item_card
from trakon_tui.core import model
from trakon_tui.core.flow import Before
from trakon_tui.core.library import Library
from trakon_tui.core.suggest import PRACTICE_KINDS
from trakon_tui.i18n import N_, _
from trakon_tui.ui.literal import Static
from trakon_tui.ui.screens.base import TrakonScreen


class DetailScreen(TrakonScreen):
    """The card before a practice. Practices that can run here offer Start; a breathing
    practice also offers its non-breath alternative."""

    TITLE_MSGID = N_("Practice card")
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,q", "close", N_("Quit")),  # opened by a command (base.py)
        Binding("escape,q", "leave", N_("Back")),
        Binding("enter,space", "start", N_("Start")),
        Binding("a", "alternative", N_("Instead of breathing")),
        # Named on the card's own lines ("m changes it", "r finds your pace").
        Binding("m", "length", N_("Length"), show=False),
        Binding("r", "find_pace", N_("Your pace"), show=False),
        Binding("f", "favourite", N_("Favourite")),
        Binding("f", "favourite('marked')", N_("Unmark")),
    ]

    def __init__(self, item_id: str, *, before: Before | None = None) -> None:
        super().__init__()
        self.item_id = item_id
        self.before = before  # chosen after a check-in: the practice's end asks again
        self._sound_line: str | None = None

    def on_mount(self) -> None:
        item = self._item()
        if isinstance(item, model.Breathing):
            # Parse the cue font while the card is read, so that Start is instant.
            from trakon_tui.ui.screens.breathing import CUE_SHARE, cue_words
            from trakon_tui.ui.widgets.big_cue import warm

            words = cue_words(item)
            width, height = self.app.size
            rows = max(1, int(height * CUE_SHARE))
            self.run_worker(
                lambda: warm(words, max(10, width - 4), rows), thread=True, exclusive=True
            )

    def _sound(self) -> str | None:
        """What the card says about sound (#18), for a breathing practice."""
        if not isinstance(self._item(), model.Breathing):
            return None
        from trakon_tui.core.sound import describe

        return describe(self.trakon.sound.state, self.trakon.sound.muted)

    @on(events.ScreenResume)
    async def _sound_changed(self) -> None:
        """Back from the settings (or a practice muted with m): the card says it anew."""
        if self._sound() != self._sound_line:
            await self.recompose()

    def _item(self) -> model.AnyItem | None:
        return self.trakon.library.items.get(self.item_id)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        item = self._item()
        if action == "start":
            return isinstance(item, model.Breathing | model.Grounding | model.Writing | model.Info)
        if action == "alternative":
            return isinstance(item, model.Breathing)
        if self.trakon.config.presenter and action in ("length", "find_pace", "favourite"):
            return False  # nothing personal in facilitator mode
        if action == "length":
            return isinstance(item, model.Breathing)
        if action == "find_pace":
            return isinstance(item, model.Breathing) and item.pace.fastest < item.pace.slowest
        if action == "favourite":
            # Two bindings, one key: "Favourite" marks, "Unmark" takes the mark away.
            marked = self.item_id in self.trakon.settings.favourites
            return item is not None and (parameters == ("marked",)) == marked
        return super().check_action(action, parameters)

    def action_length(self) -> None:
        """The next length: as written, about 1, 2, 3, 5 minutes (whole breaths), around."""
        from trakon_tui.core.personal import Choice, length_options

        item = self._item()
        if not isinstance(item, model.Breathing):
            return
        choice = self.trakon.choice(item.id)
        options = [o.minutes for o in length_options(item, choice.pace)]
        at = options.index(choice.minutes) if choice.minutes in options else 0
        minutes = options[(at + 1) % len(options)]
        self.trakon.change_choice(item.id, Choice(minutes, choice.pace))
        self._show_own()

    def action_find_pace(self) -> None:
        item = self._item()
        if isinstance(item, model.Breathing):
            from trakon_tui.ui.screens.calibration import CalibrationScreen

            self.app.push_screen(CalibrationScreen(item), lambda _done: self._show_own())

    def action_favourite(self, _marked: str = "") -> None:
        self.trakon.toggle_favourite(self.item_id)
        self._show_own()
        self.refresh_bindings()

    def _show_own(self) -> None:
        """The card again, with what is the user's own (length, pace, favourite)."""
        item = self._item()
        if item is None:
            return
        main, _caution, _tail = card(item, self.trakon.library, self._own_rows(item))
        for shown in self.query("#detail-card").results(Static):
            shown.update(main)

    def _own_rows(self, item: model.AnyItem) -> list[Row]:
        if self.trakon.config.presenter:
            return []
        favourite = item.id in self.trakon.settings.favourites
        return own_rows(item, self.trakon.choice(item.id), favourite)

    def action_start(self) -> None:
        item = self._item()
        if isinstance(item, model.Breathing):
            from trakon_tui.ui.screens.breathing import BreathingScreen

            self.app.push_screen(BreathingScreen(item, before=self.before))
        elif isinstance(item, model.Grounding):
            from trakon_tui.ui.screens.grounding import GroundingScreen

            self.app.push_screen(GroundingScreen(item, before=self.before))
        elif isinstance(item, model.Writing):
            from trakon_tui.ui.screens.writing import WritingScreen

            self.app.push_screen(WritingScreen(item, before=self.before))
        elif isinstance(item, model.Info):
            from trakon_tui.ui.screens.info import InfoScreen

            self.app.push_screen(InfoScreen(item))

    def action_alternative(self) -> None:
        item = self._item()
        if isinstance(item, model.Breathing):
            self.app.push_screen(DetailScreen(item.alternative, before=self.before))

    def compose_body(self) -> ComposeResult:
        library = self.trakon.library
        item = library.items.get(self.item_id)
        with VerticalScroll(id="detail"):
            if item is None:
                yield Static(_("This item is no longer in the library."))
            else:
                self._sound_line = sound = self._sound()
                main, caution, tail = card(item, library, self._own_rows(item), sound=sound)
                yield Static(main, id="detail-card")
                if caution is not None:
                    yield Static(caution, id="detail-caution", classes="caution")
                yield Static(tail, id="detail-source")


def card(
    item: model.AnyItem,
    library: Library,
    own: list[Row] | None = None,
    *,
    sound: str | None = None,
) -> tuple[RenderableType, Text | None, RenderableType]:
    """The card's words (`trakon_tui.card`) drawn in reading order: the card with the keys
    that start and stop, the caution (in its own calm box) and the source. What is the
    user's own (`own`: their length, pace, a favourite) follows the written length."""
    words = item_card(item, library)
    rows = list(words.rows)
    rows[2:2] = own or []  # after Kind and Length
    parts: list[RenderableType] = [
        Text(words.title, style="bold"),
        Text(words.summary),
        Text(""),
    ]
    for row in rows:
        if row.label is not None:
            parts.append(Text.assemble((row.label + ": ", "bold"), row.text))
        else:
            parts.append(Text(row.text, style=row.style))
    if model.kind_of(item) in PRACTICE_KINDS:
        parts.append(Text(_("How to stop: press Esc or q at any moment. No step is required.")))
        if isinstance(item, model.Breathing):
            parts.append(
                Text(_("Space pauses. It starts with a 3-2-1 count; Enter starts."), style="bold")
            )
        if sound is not None:  # soft tones (#18): said before the practice, never a surprise
            parts.append(Text(sound))
    caution = (
        Text.assemble((_("Take care") + ": ", "bold"), words.caution) if words.caution else None
    )
    tail: list[RenderableType] = []
    if words.source:
        tail.append(Text.assemble((_("Source") + ": ", "bold"), Text(words.source, style="dim")))
    if words.your_version:
        tail.append(Text.assemble((_("Your version") + ": ", "bold"), words.your_version))
    return Group(*parts), caution, Group(*tail)
