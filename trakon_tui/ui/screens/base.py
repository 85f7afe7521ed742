"""What every Trakon screen shares: a title line, one key to leave, the translated footer."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.screen import Screen
from textual.widget import Widget

from trakon_tui.i18n import N_, _
from trakon_tui.ui.i18n_textual import TranslatedFooter
from trakon_tui.ui.literal import Static

if TYPE_CHECKING:
    from trakon_tui.ui.app import TrakonApp


class TrakonScreen(Screen[None]):
    """A screen with a title, a body from `compose_body`, and a footer that says how to leave.

    Every string is read through `_` in `compose`, so `relabel()` (a recompose) is all a
    language switch needs.
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,q", "leave", N_("Back")),
    ]
    TITLE_MSGID: ClassVar[str] = ""

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

    async def relabel(self) -> None:
        """Draw the screen again in the current language."""
        await self.recompose()

    def action_leave(self) -> None:
        self.dismiss()
