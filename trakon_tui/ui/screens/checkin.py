"""The check-in: where am I right now? A digit (or the arrows) and Enter save it.

Launch to a saved check-in is at most three keys (`trakon`, a digit, Enter). Don't know /
mixed (`u`) and skip (`s`) are always there. The same screen asks again after a practice,
with the first answer drawn faintly beside the scale. The check-in is committed to the log
before the screen says "saved"; if the log cannot be written the user is told and nothing
moves on, so nothing they confirmed is lost silently.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType

from trakon_tui.core.window import ZoneName, zone_for
from trakon_tui.i18n import N_, _
from trakon_tui.ui.screens.base import TrakonScreen
from trakon_tui.ui.widgets.window_scale import ScaleTexts, WindowScale, scale_texts

if TYPE_CHECKING:
    from trakon_tui.core.flow import AfterPractice


class CheckinScreen(TrakonScreen):
    TITLE_MSGID = N_("Check-in")
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,q", "close", N_("Quit")),  # the screen Trakon opened with (base.py)
        Binding("escape,q", "leave", N_("Back")),
        Binding("up,k", "move(1)", N_("Up"), show=False),
        Binding("down,j", "move(-1)", N_("Down"), show=False),
        *(Binding(str(n), f"level({n})", show=False) for n in range(10)),
        Binding("enter", "save", N_("Save")),
        Binding("u", "unsure", N_("Don't know")),  # ? is help, as everywhere
        Binding("s", "skip", N_("Skip")),
    ]

    def __init__(self, after: AfterPractice | None = None) -> None:
        super().__init__()
        self.after = after
        self.level: int | None = None
        self.unsure = False
        self._composed_generation = 0  # the library generation the texts were composed from

    # --- drawing ---------------------------------------------------------------------------

    def title_text(self) -> str:
        if self.after is not None:
            return f"Trakon · {self.after.title}"
        return super().title_text()

    def _texts(self) -> ScaleTexts:
        library = self.trakon.library_if_loaded
        scale = library.checkin_scale() if library is not None else None
        question = _("Where are you now?") if self.after is not None else None
        return scale_texts(scale, question)

    def compose_body(self) -> ComposeResult:
        self._composed_generation = self.trakon.library_generation
        texts = self._texts()
        before = self.after.before.level if self.after is not None else None
        scale = WindowScale(texts, self._window(), before=before, id="checkin-scale")
        scale.level, scale.unsure = self.level, self.unsure
        scale.notes = (self._signs_text(texts), self._hint())
        yield scale

    def on_mount(self) -> None:
        self.watch(self.trakon, "library_generation", self._library_changed, init=False)
        if self.trakon.library_generation != self._composed_generation:
            self._library_changed()  # it landed between composing and now: no watcher saw it
        self.call_after_refresh(self.trakon.load_in_background)

    def _library_changed(self) -> None:
        texts = self._texts()
        self.query_one(WindowScale).set_texts(texts, self._window())
        self._show()

    def _window(self) -> tuple[int, int]:
        if self.after is not None:
            return self.after.before.window  # the pair is read against one band
        return self.trakon.personal_window

    def _zone(self) -> ZoneName | None:
        if self.unsure:
            return "unsure"
        if self.level is None:
            return None
        return zone_for(self.level, *self._window())

    def _signs_text(self, texts: ScaleTexts) -> str:
        zone = self._zone()
        if zone is None or zone == "unsure":
            return ""
        zone_texts = texts.zones.get(zone)
        if zone_texts is None or not zone_texts.signs:
            return zone_texts.description if zone_texts else ""
        signs = " · ".join(label for _id, label in zone_texts.signs)
        return f"{zone_texts.name}: {signs}"

    def _hint(self) -> str:
        if self.level is None and not self.unsure:
            return _("0–9 or the arrows, then Enter.")
        if self.after is not None and self.after.before.level is not None:
            return _("◁ before: {level}. Enter saves.").format(level=self.after.before.level)
        return _("Enter saves. You can add details after.")

    def _show(self) -> None:
        scale = self.query_one(WindowScale)
        scale.level, scale.unsure = self.level, self.unsure
        scale.set_notes(self._signs_text(scale.texts), self._hint())

    # --- keys ----------------------------------------------------------------------------

    def action_move(self, step: int) -> None:
        if self.level is None:
            low, high = self._window()
            self.level = (low + high) // 2
        else:
            self.level = max(0, min(10, self.level + step))
        self.unsure = False
        self._show()

    def action_level(self, level: int) -> None:
        self.level, self.unsure = level, False
        self._show()

    def action_unsure(self) -> None:
        self.level, self.unsure = None, True
        self._show()

    def action_save(self) -> None:
        """Saved (committed) before anything moves on; the pause says "Saved." or why not,
        and a log that cannot be written keeps this screen and its answer as they are."""
        if self.level is None and not self.unsure:
            return
        from trakon_tui.core.flow import CheckingIn
        from trakon_tui.ui import pause

        if self.after is None:
            flow = pause.start(self.trakon, self._window())
        else:
            assert self.trakon.pause is not None
            flow = self.trakon.pause
        step = flow.check_in(self.level)
        if not isinstance(step, CheckingIn):
            pause.follow(self.trakon, step)

    def action_skip(self) -> None:
        """No answer this time (the pause says that nothing was saved, and that is fine)."""
        from trakon_tui.ui import pause

        flow = self.trakon.pause if self.after is not None else None
        flow = flow or pause.start(self.trakon, self._window())
        pause.follow(self.trakon, flow.skip())

    def action_leave(self) -> None:
        self.action_skip()
