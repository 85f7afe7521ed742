"""The screens' side of the pause between clients (`core.flow`): which screen shows each step.

A screen answers the pause (`pause.check_in(8)`, `pause.choose(item)`…) and hands the step it
returns to `follow`; no screen of the flow opens the next one itself. Moving on never shows
a screen the person did not ask for: the stack is rearranged in one batch, so the home
screen does not flash between saving a check-in and the suggestions.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from trakon_tui.core.flow import (
    CheckingIn,
    Choosing,
    Finished,
    Pause,
    Practising,
    Reflecting,
    Step,
    Tone,
)

if TYPE_CHECKING:
    from trakon_tui.ui.app import TrakonApp


def start(app: TrakonApp, window: tuple[int, int]) -> Pause:
    """A new pause, from the check-in screen on top of the stack."""

    def tell(text: str, tone: Tone) -> None:
        if tone == "warning":
            app.notify(text, severity="warning", timeout=10)
        else:
            app.notify(text, timeout=3)

    app.pause = Pause(
        items=lambda: app.library.items.values(),
        window=window,
        log=app.log_store,
        now=app.config.wall_clock,
        tell=tell,
    )
    app.pause_base = len(app.screen_stack)  # the first check-in's place in the stack
    return app.pause


def follow(app: TrakonApp, step: Step) -> None:
    """Show `step` (on the app's queue, so that the screen that asked can be replaced)."""
    app.call_later(_show, app, step)


async def _show(app: TrakonApp, step: Step) -> None:
    from trakon_tui.ui.screens.checkin import CheckinScreen
    from trakon_tui.ui.screens.detail import DetailScreen
    from trakon_tui.ui.screens.suggestions import ReflectionScreen, SuggestionsScreen

    with app.batch_update():
        if isinstance(step, Finished):
            app.pause = None
            await app.home()
            if step.browse:
                from trakon_tui.ui.screens.library import LibraryScreen

                await app.push_screen(LibraryScreen())
        elif isinstance(step, Choosing):  # after the first check-in, or "try another"
            while len(app.screen_stack) > app.pause_base:
                await app.pop_screen()
            await app.push_screen(SuggestionsScreen(step))
        elif isinstance(step, Practising):  # its card first
            await app.push_screen(DetailScreen(step.item.id, before=step.before))
        elif isinstance(step, CheckingIn):  # the practice ended: where are you now?
            await app.switch_screen(CheckinScreen(after=step.after))
        elif isinstance(step, Reflecting):
            await app.switch_screen(ReflectionScreen(step))
