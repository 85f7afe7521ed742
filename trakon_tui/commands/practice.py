"""`trakon breathe [ID]` and `trakon ground [ID]`: straight into a practice (a short picker
without an ID)."""

from __future__ import annotations

from collections.abc import Callable

from trakon_tui.commands import complain
from trakon_tui.commands.listing import load_library
from trakon_tui.commands.options import Options
from trakon_tui.core.library import Library
from trakon_tui.core.model import Breathing, Grounding, Item, kind_of
from trakon_tui.core.store import LogError
from trakon_tui.i18n import _


def _missing(kind: str, item_id: str) -> str:
    if kind == "breathing":
        return _(
            "There is no breathing practice “{id}”; `trakon list --kind breathing` shows them."
        ).format(id=item_id)
    return _(
        "There is no grounding practice “{id}”; `trakon list --kind grounding` shows them."
    ).format(id=item_id)


def run_breathe(item_id: str | None, options: Options) -> int:
    return run_practice("breathing", item_id, options)


def run_practice(kind: str, item_id: str | None, options: Options) -> int:
    library = load_library(options.extra_dirs)
    item: Item | None = None
    if item_id:
        found = library.items.get(item_id)
        if found is None or kind_of(found) != kind:
            complain(_missing(kind, item_id))
            return 2
        item = found
    if options.plain:
        from trakon_tui import plain

        io = plain.PlainIO()
        chosen = item or plain.choose(library, io, kind)
        from trakon_tui.commands.log import say_kept_aside
        from trakon_tui.core.practice_log import LazyStoreLog
        from trakon_tui.ui.run import practice_log

        if chosen is None:
            return 0
        log = practice_log(options)
        if isinstance(log, LazyStoreLog):
            log.on_moved_aside = say_kept_aside
        try:
            if isinstance(chosen, Breathing):
                return plain.breathe(chosen, io, log)
            assert isinstance(chosen, Grounding)
            return plain.ground(chosen, io, log)
        except LogError as error:
            complain(error.message())
            return 1
    from trakon_tui.ui.run import run_app

    chosen_id = item.id if item is not None else None

    def start() -> object:
        """The first screen: the practice's card, or the list of that kind (imported late:
        Textual loads only here)."""
        if chosen_id is not None:
            from trakon_tui.ui.screens.detail import DetailScreen

            return DetailScreen(chosen_id)
        from trakon_tui.ui.screens.library import LibraryScreen

        return LibraryScreen(kind=kind)

    return run_app(options, library=library, start=start)


def run_present(item_id: str | None, options: Options) -> int:
    """`trakon present [SESSION]`: facilitator mode; nothing personal, nothing written."""
    library = load_library(options.extra_dirs)
    if item_id is not None and item_id not in library.items:
        complain(
            _(
                "There is no session or practice “{id}”; `trakon list --kind session` shows them."
            ).format(id=item_id)
        )
        return 2
    from trakon_tui.ui.run import run_app

    return run_app(options, library=library, start=present_start(library, item_id), presenter=True)


def present_start(library: Library, item_id: str | None) -> Callable[[], object]:
    def start() -> object:
        from trakon_tui.ui.screens.present import PresentPicker, present_screen

        if item_id is None:
            return PresentPicker()
        return present_screen(library.items[item_id], library.items)

    return start
