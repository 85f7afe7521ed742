"""Optional details of a saved check-in: what was just before (one key each, #17), how strong
(0–10), signs, where in the body, a note.

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
from textual.geometry import Size
from textual.reactive import reactive
from textual.widget import Widget
from textual.widgets import Input

from trakon_tui.core import context
from trakon_tui.core.flow import Before
from trakon_tui.core.text import visible
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


class ContextPicker(Widget, can_focus=True):
    """What was just before (#17): the user's short list, one digit each to choose or
    unchoose (several may be chosen); ←/→ and space do the same for those who move."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("left", "move(-1)", show=False),
        Binding("right", "move(1)", show=False),
        Binding("space", "toggle_here", show=False),
        *(Binding(str(n), f"pick_tag({n - 1})", show=False) for n in range(1, 10)),
    ]
    DEFAULT_CSS = """
    ContextPicker { height: auto; width: 1fr; }
    """
    chosen: reactive[frozenset[str]] = reactive(frozenset)
    cursor: reactive[int] = reactive(0)

    def __init__(self, tags: tuple[str, ...], chosen: set[str], *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.tags = tags
        self.set_reactive(ContextPicker.chosen, frozenset(chosen))

    def _entries(self) -> list[Text]:
        entries = []
        for n, tag in enumerate(self.tags):
            picked = tag in self.chosen
            entry = Text()
            entry.append(f"{n + 1}", style="bold")
            entry.append(" ")
            style = "bold reverse" if picked else ""
            if n == self.cursor and self.has_focus:
                style += " underline"
            entry.append(visible(context.label(tag), lines=False), style=style.strip())
            entries.append(entry)
        return entries

    def _lines(self, width: int) -> list[Text]:
        """The entries packed into lines of `width`, never one cut in two."""
        lines: list[Text] = []
        line = Text()
        for entry in self._entries():
            gap = 3 if line.cell_len else 0
            if line.cell_len and line.cell_len + gap + entry.cell_len > width:
                lines.append(line)
                line, gap = Text(), 0
            line.append(" " * gap)
            line.append_text(entry)
        lines.append(line)
        return lines

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        return len(self._lines(max(1, width)))

    def render(self) -> Text:
        return Text("\n").join(self._lines(max(1, self.size.width)))

    def action_pick_tag(self, index: int) -> None:
        if 0 <= index < len(self.tags):
            self.cursor = index
            tag = self.tags[index]
            self.chosen = self.chosen ^ {tag}

    def action_toggle_here(self) -> None:
        self.action_pick_tag(self.cursor)

    def action_move(self, step: int) -> None:
        if self.tags:
            self.cursor = (self.cursor + step) % len(self.tags)

    def selected(self) -> tuple[str, ...]:
        """The chosen tags, in the list's order."""
        return tuple(tag for tag in self.tags if tag in self.chosen)


Saved = tuple[int | None, set[str], set[str], str, set[str]]


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
        self.saved: Saved = (None, set(), set(), "", set())

    def _texts(self) -> ScaleTexts:
        return scale_texts(self.trakon.library.checkin_scale())

    def _from_log(self) -> Saved:
        from trakon_tui.core.store import LogError

        store = self.trakon.log_store_if_open()
        found = None
        if store is not None and self.checkin.checkin_id is not None:
            try:
                found = store.checkin(self.checkin.checkin_id)
            except LogError as error:  # a damaged log: the details start empty
                self.app.notify(error.message(), severity="warning", timeout=10)
        if found is None:
            return None, set(), set(), "", set()
        return (
            found.intensity,
            set(found.tags),
            set(found.body_areas),
            found.note or "",
            set(found.context_tags),
        )

    def _context_tags(self, chosen: set[str]) -> tuple[str, ...]:
        """The user's list (settings), and any tag this check-in already has besides."""
        from trakon_tui.core.settings import context_tags

        offered = context_tags(self.trakon.settings)
        extra = sorted(chosen - set(offered))
        return (*offered, *extra)[: context.MAX_TAGS]

    def _signs(self, texts: ScaleTexts) -> list[tuple[str, str]]:
        """(id, label) of the signs of the check-in's zone (all three when unsure)."""
        zone = self.checkin.zone
        zones = ("above", "within", "below") if zone == "unsure" else (zone,)
        return [sign for z in zones if z in texts.zones for sign in texts.zones[z].signs]

    def compose_body(self) -> ComposeResult:
        texts = self._texts()
        intensity, tags, areas, note, before = self.saved = self._from_log()
        signs = [
            selection(label, sign_id, sign_id in tags) for sign_id, label in self._signs(texts)
        ]
        offered = self._context_tags(before)
        with VerticalScroll(id="details", classes="page"):
            yield Translated(N_("All of this is optional."), classes="dim")
            if offered:
                yield Translated(N_("What was just before?"), classes="setting-label")
                yield Translated(
                    N_(
                        "One key each; your own list is in the settings. Only the kind of "
                        "situation, never a client's name."
                    ),
                    classes="dim",
                )
                yield ContextPicker(offered, before, id="details-context")
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
        first = self.query(ContextPicker)
        (first.first() if first else self.query_one(IntensityPicker)).focus()

    async def relabel(self) -> None:
        """Only the words change (never a recompose: it would build the form anew)."""
        self.relabel_in_place()
        self.query_one(IntensityPicker).refresh()
        for picker in self.query(ContextPicker).results():
            picker.refresh(layout=True)
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
        pickers = self.query(ContextPicker)
        before = pickers.first().selected() if pickers else tuple(self.saved[4])
        if (intensity, set(tags), set(areas), note, set(before)) == self.saved:
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
                context_tags=before,
            )
        except LogError as error:
            self.app.notify(error.message(), severity="warning", timeout=10)
            return False
        self.saved = (intensity, set(tags), set(areas), note, set(before))
        self.app.notify(_("Details saved."), timeout=2)
        return True
