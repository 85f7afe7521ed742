"""How every practice ends: after a check-in, it asks "where are you now?"; otherwise a calm
closing page. Stopped early is fine and said so. Nothing starts by itself."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import Screen

from trakon_tui.core.model import Item, kind_of
from trakon_tui.core.practice_log import PracticeRun
from trakon_tui.core.text import tr
from trakon_tui.i18n import N_, _
from trakon_tui.ui.flow import AfterPractice, Before
from trakon_tui.ui.literal import Static
from trakon_tui.ui.screens.base import TrakonScreen


def record_run(
    screen: TrakonScreen,
    item: Item,
    *,
    started: datetime | None,
    completed: bool,
    before: Before | None,
    pace: float = 1.0,
) -> int | None:
    """Report a run to the log; its id, or None when nothing is kept (or the log failed, which
    the user is told about: the practice itself is never lost over it)."""
    if started is None:
        return None
    from trakon_tui.core.store import LogError

    app = screen.trakon
    try:
        return app.config.practice_log.record_run(
            PracticeRun(
                item_id=item.id,
                kind=kind_of(item),
                started_at=started,
                ended_at=app.config.wall_clock(),
                completed=completed,
                pace=pace,
                before_checkin=before.checkin_id if before else None,
            )
        )
    except LogError as error:
        app.notify(error.message(), severity="warning", timeout=8)
        return None


def end_practice(
    screen: TrakonScreen,
    item: Item,
    *,
    closing: str,
    before: Before | None,
    run_id: int | None,
    completed: bool,
    again: Callable[[], Screen[None]],
    quiet: bool = False,
) -> None:
    """Replace the practice screen with what comes next."""
    app = screen.app
    if screen.trakon.config.presenter:
        screen.dismiss()  # back to the programme, which says it is done
        return
    if before is not None:
        from trakon_tui.ui.screens.checkin import CheckinScreen

        after = AfterPractice(before, item.id, tr(item.title), run_id, completed)
        app.switch_screen(CheckinScreen(after=after))
    elif completed:
        app.switch_screen(PracticeDoneScreen(item, closing, again))
        return
    else:
        screen.dismiss()
    if not completed and not quiet:
        app.notify(_("Stopped. That is fine."), timeout=3)


class PracticeDoneScreen(TrakonScreen):
    """A calm close. Nothing starts by itself."""

    TITLE_MSGID = N_("Done")
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,q,enter", "leave", N_("Back")),
        Binding("r", "again", N_("Again")),
    ]

    def __init__(self, item: Item, closing: str, again: Callable[[], Screen[None]]) -> None:
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
