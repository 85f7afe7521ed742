"""`trakon breathe [ID]`: straight into a breathing practice (a short picker without an ID)."""

from __future__ import annotations

import sys

from trakon_tui.commands.listing import load_library
from trakon_tui.commands.options import Options
from trakon_tui.core.model import Breathing
from trakon_tui.core.store import LogError
from trakon_tui.i18n import _


def run_breathe(item_id: str | None, options: Options) -> int:
    library = load_library(options.extra_dirs)
    item: Breathing | None = None
    if item_id:
        found = library.items.get(item_id)
        if not isinstance(found, Breathing):
            print(
                _(
                    "There is no breathing practice “{id}”; `trakon list --kind breathing` "
                    "shows them."
                ).format(id=item_id),
                file=sys.stderr,
            )
            return 2
        item = found
    if options.plain:
        from trakon_tui import plain

        io = plain.PlainIO()
        chosen = item or plain.choose(library, io)
        from trakon_tui.ui.run import practice_log

        if chosen is None:
            return 0
        try:
            return plain.breathe(chosen, io, practice_log(options))
        except LogError as error:
            print(error.message(), file=sys.stderr)
            return 1
    from trakon_tui.ui.run import run_app

    chosen_id = item.id if item is not None else None

    def start() -> object:
        """The first screen: the practice's card, or the breathing list (imported late:
        Textual loads only here)."""
        if chosen_id is not None:
            from trakon_tui.ui.screens.detail import DetailScreen

            return DetailScreen(chosen_id)
        from trakon_tui.ui.screens.library import LibraryScreen

        return LibraryScreen(kind="breathing")

    return run_app(options, library=library, start=start)
