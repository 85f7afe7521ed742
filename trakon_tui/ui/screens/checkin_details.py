"""Optional details of a saved check-in: how strong (0–10), signs, where in the body, a note.

Never required. Leaving (Esc, or q outside the note) saves what was chosen, and so does
closing Trakon here; nothing chosen changes nothing.
"""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, VerticalScroll
from textual.reactive import reactive
from textual.widget import Widget
from textual.widgets import Input

from trakon_tui.core.flow import Before
from trakon_tui.i18n import N_, _
from trakon_tui.ui.literal import Translated
from trakon_tui.ui.literal_forms import SelectionList, selection
from trakon_tui.ui.screens.base import TrakonScreen
from trakon_tui.ui.widgets.body_figure import BodyFigure
from trakon_tui.ui.widgets.window_scale import ScaleTexts, scale_texts

NOTE_LIMIT = 2000


class IntensityPicker(Widget, can_focus=True):
    """0–10 on one line; ←/→ or a digit choose, Backspace clears. Empty by default."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("left", "step(-1)", show=False),
        Binding("right", "step(1)", show=False),
        Binding("backspace,delete", "clear", show=False),
        *(Binding(str(n), f"pick({n})", show=False) for n in range(10)),
    ]
    DEFAULT_CSS = """
    IntensityPicker { height: 1; width: 1fr; }
    """
    value: reactive[int | None] = reactive(None)

    def render(self) -> Text:
        text = Text()
        for n in range(11):
            style = "bold reverse" if n == self.value else "dim"
            text.append(f" {n} ", style=style)
        if self.value is None:
            text.append("  " + _("(not chosen)"), style="dim italic")
        return text

    def action_step(self, step: int) -> None:
        start = 5 if self.value is None else self.value + step
        self.value = max(0, min(10, start))

    def action_pick(self, n: int) -> None:
        self.value = n

    def action_clear(self) -> None:
        self.value = None


class DetailsScreen(TrakonScreen):
    """A language switch relabels this screen in place: the strength, the chosen signs and
    areas, the note, the focus and the scroll stay as they are."""

    TITLE_MSGID = N_("Details (optional)")
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,q", "leave", N_("Save and back"), id="leave"),
        Binding("ctrl+s", "leave", N_("Save"), show=False, id="save"),
    ]

    def __init__(self, checkin: Before) -> None:
        super().__init__()
        self.checkin = checkin
        self.saved: tuple[int | None, set[str], set[str], str] = (None, set(), set(), "")

    def _texts(self) -> ScaleTexts:
        return scale_texts(self.trakon.library.checkin_scale())

    def _from_log(self) -> tuple[int | None, set[str], set[str], str]:
        from trakon_tui.core.store import LogError

        store = self.trakon.log_store_if_open()
        found = None
        if store is not None and self.checkin.checkin_id is not None:
            try:
                found = store.checkin(self.checkin.checkin_id)
            except LogError as error:  # a damaged log: the details start empty
                self.app.notify(error.message(), severity="warning", timeout=10)
        if found is None:
            return None, set(), set(), ""
        return found.intensity, set(found.tags), set(found.body_areas), found.note or ""

    def _signs(self, texts: ScaleTexts) -> list[tuple[str, str]]:
        """(id, label) of the signs of the check-in's zone (all three when unsure)."""
        zone = self.checkin.zone
        zones = ("above", "within", "below") if zone == "unsure" else (zone,)
        return [sign for z in zones if z in texts.zones for sign in texts.zones[z].signs]

    def compose_body(self) -> ComposeResult:
        texts = self._texts()
        intensity, tags, areas, note = self.saved = self._from_log()
        signs = [
            selection(label, sign_id, sign_id in tags) for sign_id, label in self._signs(texts)
        ]
        with VerticalScroll(id="details", classes="page"):
            yield Translated(N_("All of this is optional."), classes="dim")
            yield Translated(N_("How strong is it, 0–10?"), classes="setting-label")
            picker = IntensityPicker(id="details-intensity")
            picker.value = intensity
            yield picker
            if signs:
                yield Translated(N_("What do you notice?"), classes="setting-label")
                yield SelectionList[str](*signs, id="details-signs")
            if texts.body_areas:
                yield Translated(N_("Where in the body?"), classes="setting-label")
                with Horizontal(id="details-body"):
                    yield BodyFigure(frozenset(areas), id="details-figure")
                    choices = [selection(lbl, a, a in areas) for a, lbl in texts.body_areas]
                    yield SelectionList[str](*choices, id="details-areas")
            yield Translated(N_("A short note"), classes="setting-label")
            yield Translated(
                N_("Never write a client's name or anything that could identify them."),
                classes="dim",
            )
            yield Input(note, max_length=NOTE_LIMIT, id="details-note")

    def on_mount(self) -> None:
        self.query_one(IntensityPicker).focus()

    async def relabel(self) -> None:
        """Only the words change (never a recompose: it would build the form anew)."""
        self.relabel_in_place()
        self.query_one(IntensityPicker).refresh()
        texts = self._texts()
        for selector, entries in (
            ("#details-signs", self._signs(texts)),
            ("#details-areas", list(texts.body_areas)),
        ):
            for found in self.query(selector).results(SelectionList):
                found.relabel([label for _id, label in entries])

    @on(SelectionList.SelectedChanged, "#details-areas")
    def _areas_changed(self) -> None:
        areas = self.query_one("#details-areas", SelectionList)
        self.query_one(BodyFigure).show(frozenset(str(v) for v in areas.selected))

    @on(Input.Submitted, "#details-note")
    def _note_done(self) -> None:
        self.action_leave()

    def _selected(self, selector: str) -> tuple[str, ...]:
        found = self.query(selector)
        if not found:
            return ()
        widget = found.first(SelectionList)
        return tuple(str(value) for value in widget.selected)

    def action_leave(self) -> None:
        if self.save():
            self.dismiss()

    def when_closing(self, *, attended: bool) -> None:
        """Trakon closes here: what was chosen is saved, as Esc saves it."""
        self.save()

    def save(self) -> bool:
        """Save what was chosen (nothing, if nothing changed); False if the log refused it
        (the user is told, and the form stays as it is)."""
        from trakon_tui.core.store import LogError

        intensity = self.query_one(IntensityPicker).value
        tags = self._selected("#details-signs")
        areas = self._selected("#details-areas")
        note = self.query_one("#details-note", Input).value.strip()
        if (intensity, set(tags), set(areas), note) == self.saved:
            return True  # nothing changed
        store = self.trakon.log_store_if_open()
        if self.checkin.checkin_id is None or store is None:
            return True
        try:
            store.add_details(
                self.checkin.checkin_id,
                intensity=intensity,
                tags=tags,
                body_areas=areas,
                note=note or None,
            )
        except LogError as error:
            self.app.notify(error.message(), severity="warning", timeout=10)
            return False
        self.saved = (intensity, set(tags), set(areas), note)
        self.app.notify(_("Details saved."), timeout=2)
        return True
