"""How every practice ends: after a check-in, it asks "where are you now?"; otherwise a calm
closing page. Stopped early is fine and said so. Nothing starts by itself."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Any, ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import Screen

from trakon_tui.core.flow import Before
from trakon_tui.core.model import Item, kind_of
from trakon_tui.core.practice_log import PracticeRun
from trakon_tui.core.text import tr
from trakon_tui.i18n import N_, _
from trakon_tui.ui.literal import Static
from trakon_tui.ui.screens.base import TrakonScreen


def record_run(
    screen: TrakonScreen[Any],
    item: Item,
    *,
    started: datetime | None,
    completed: bool,
    before: Before | None,
    pace: float = 1.0,
) -> int | None:
    """Report a run to the log (through the pause under way, when the practice follows a
    check-in, so that it is kept with it); its id, or None when nothing is kept (or the log
    failed, which the user is told about: the practice itself is never lost over it)."""
    if started is None:
        return None
    from trakon_tui.core.store import LogError

    app = screen.trakon
    run = PracticeRun(
        item_id=item.id,
        kind=kind_of(item),
        started_at=started,
        ended_at=app.config.wall_clock(),
        completed=completed,
        pace=pace,
    )
    if before is not None and app.pause is not None:
        return app.pause.record(run)
    try:
        return app.config.practice_log.record_run(run)
    except LogError as error:
        app.notify(error.message(), severity="warning", timeout=8)
        return None


def end_practice(
    screen: TrakonScreen[Any],
    item: Item,
    *,
    closing: str,
    before: Before | None,
    run_id: int | None,
    completed: bool,
    again: Callable[[], Screen[Any]],
    quiet: bool = False,
) -> None:
    """Replace the practice screen with what comes next: in a pause between clients, its
    next step (where are you now?); else a calm close, or back where the practice began."""
    app = screen.trakon
    if app.config.presenter:
        screen.dismiss()  # back to the programme, which says it is done
        return
    if before is not None and app.pause is not None:
        from trakon_tui.ui import pause

        pause.follow(app, app.pause.ended(item, run_id, completed=completed, quiet=quiet))
        return
    if completed:
        app.switch_screen(PracticeDoneScreen(item, closing, again))
        return
    screen.dismiss()
    if not quiet:
        app.notify(_("Stopped. That is fine."), timeout=3)


class PracticeDoneScreen(TrakonScreen):
    """A calm close. Nothing starts by itself."""

    TITLE_MSGID = N_("Done")
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,q,enter", "leave", N_("Back")),
        Binding("r", "again", N_("Again")),
    ]

    def __init__(self, item: Item, closing: str, again: Callable[[], Screen[Any]]) -> None:
        super().__init__()
        self.item = item
        self.closing = closing
        self.again = again

    def compose_body(self) -> ComposeResult:
        with Vertical(id="closing", classes="page"):
            yield Static(tr(self.item.title), classes="closing-title")
            yield Static(
                self.closing or _("Done. You can notice how it is now."), id="closing-text"
            )
            yield Static(_("Sometimes nothing changes; that is information too."), classes="dim")

    def action_again(self) -> None:
        self.app.switch_screen(self.again())
