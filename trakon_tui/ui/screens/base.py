"""What every Trakon screen shares: a title line, one key to leave, the translated footer.

Keys (README "Keys in the app"): Esc (and q, where no text field has focus) leaves the
screen, and its footer label says how ("Back", "Stop", "Save and back", "Done"); on the
screen Trakon opened with, and on home, leaving the screen closes Trakon.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, ClassVar, Generic

from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.screen import Screen
from textual.widget import Widget
from typing_extensions import TypeVar

from trakon_tui.i18n import N_, _
from trakon_tui.ui.i18n_textual import TranslatedFooter
from trakon_tui.ui.literal import Static, Translated

if TYPE_CHECKING:
    from trakon_tui.ui.app import TrakonApp


# What a screen gives back when it is dismissed; most give nothing (a typed default, so that
# only screens with a result name one, e.g. `TrakonScreen[int | None]`).
Result = TypeVar("Result", default=None)


class TrakonScreen(Screen[Result], Generic[Result]):
    """A screen with a title, a body from `compose_body`, and a footer that says how to leave.

    Language: the screen watches the app's `language` and calls `relabel()`. By default that
    is a recompose (every string is read through `_` in `compose`); a screen that holds what
    the user typed or chose (details, writing, settings) relabels in place instead, so that
    nothing of it is rebuilt away.

    Covered: a screen with a `pause` action (a practice) pauses while another screen covers
    it (help, crisis help, the blank screen, a question) and continues when it is back.

    Closing: when Trakon closes with the screen open, `ask_before_closing` may ask first (a
    writing that holds text) and `when_closing` ends what the screen holds the way Esc would.
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,q", "leave", N_("Back"), id="leave"),
    ]
    TITLE_MSGID: ClassVar[str] = ""
    _paused_when_covered = False

    @property
    def trakon(self) -> TrakonApp:
        from trakon_tui.ui.app import TrakonApp

        assert isinstance(self.app, TrakonApp)
        return self.app

    def compose(self) -> ComposeResult:
        yield self.title_bar()
        yield from self.compose_body()
        yield self.footer()

    def title_bar(self) -> Widget:
        return Static(self.title_text(), classes="title-bar")

    def footer(self) -> Widget:
        """The line that always says how to leave (and the other keys)."""
        return TranslatedFooter()

    def title_text(self) -> str:
        title = _(self.TITLE_MSGID) if self.TITLE_MSGID else ""
        return f"Trakon · {title}" if title else "Trakon"

    def compose_body(self) -> ComposeResult:
        yield from ()

    # --- language --------------------------------------------------------------------------

    @on(events.Mount)
    def _watch_language(self) -> None:
        self.watch(self.app, "language", self._language_changed, init=False)

    async def _language_changed(self) -> None:
        await self.relabel()

    async def relabel(self) -> None:
        """Draw the screen again in the current language, with the focus where it was: the
        rebuilt widget of the same id, a list on the same highlighted line (without this the
        language key left a list unfocused, and Enter did nothing)."""
        focused = self.focused
        focus_id = focused.id if focused is not None else None
        highlighted = getattr(focused, "highlighted", None)
        await self.recompose()
        if focus_id is None:
            return
        target = next(iter(self.query(f"#{focus_id}")), None)
        if target is None or not target.focusable:
            return
        if isinstance(highlighted, int) and hasattr(target, "highlighted"):
            options = getattr(target, "option_count", None)
            if options is None or highlighted < options:
                target.highlighted = highlighted
        target.focus()

    def relabel_in_place(self) -> None:
        """The title and every `Translated` line in the current language, without rebuilding
        any widget (what the user typed, chose, focused or scrolled to stays as it is)."""
        for bar in self.query(".title-bar").results(Static):
            bar.update(self.title_text())
        for line in self.query(Translated):
            line.relabel()

    # --- covered by another screen ---------------------------------------------------------

    @on(events.ScreenSuspend)
    def _pause_when_covered(self) -> None:
        pause = getattr(self, "action_pause", None)
        if callable(pause) and self.check_action("pause", ()):
            self._paused_when_covered = True
            pause()

    @on(events.ScreenResume)
    def _resume_when_uncovered(self) -> None:
        resume = getattr(self, "action_resume", None)
        if self._paused_when_covered:
            self._paused_when_covered = False
            if callable(resume) and self.check_action("resume", ()):
                resume()

    # --- leaving and closing ---------------------------------------------------------------

    @property
    def opened_first(self) -> bool:
        """The screen Trakon opened with (the bottom one, or the one a command opened it
        on: `trakon history`, `trakon open ID`): leaving it leaves Trakon."""
        stack = self.app.screen_stack
        return bool(stack) and (stack[0] is self or getattr(self.app, "entry", None) is self)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        # A screen that binds "close" (Quit) beside "leave" (Back) shows the one that applies.
        if action == "close":
            return self.opened_first
        if action == "leave" and "close" in self._bound_actions():
            return not self.opened_first
        return True

    def _bound_actions(self) -> set[str]:
        return {binding.action for _key, binding in self._bindings}

    def action_close(self) -> None:
        """Leave the first screen: Trakon closes (asking first if a writing holds text)."""
        self.trakon.quit_asking()

    def action_leave(self) -> None:
        self.dismiss()

    def ask_before_closing(self, go_on: Callable[[], None]) -> bool:
        """Trakon is about to close: True if this screen must ask the user first; it then
        asks and calls `go_on` once answered (never, if the user chose to stay)."""
        return False

    def when_closing(self, *, attended: bool) -> None:
        """Trakon is closing with this screen open: end what it holds the way Esc would,
        without moving on. `attended` is False when the terminal closed (nobody to ask)."""
