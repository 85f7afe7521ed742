"""`trakon breathe [ID]`, `trakon ground [ID]` and `trakon present [SESSION]`: straight into a
practice (a short picker without an ID), or facilitator mode."""

from __future__ import annotations

from typing import TYPE_CHECKING

from trakon_tui.commands import complain
from trakon_tui.commands.app_request import OpenApp
from trakon_tui.commands.options import Options
from trakon_tui.core.library import load_library
from trakon_tui.core.model import Breathing, Grounding, Item, kind_of
from trakon_tui.core.store import LogError
from trakon_tui.i18n import _

if TYPE_CHECKING:
    from trakon_tui.plain import PlainIO


def _missing(kind: str, item_id: str) -> str:
    if kind == "breathing":
        return _(
            "There is no breathing practice “{id}”; `trakon list --kind breathing` shows them."
        ).format(id=item_id)
    return _(
        "There is no grounding practice “{id}”; `trakon list --kind grounding` shows them."
    ).format(id=item_id)


def run_breathe(item_id: str | None, options: Options) -> int | OpenApp:
    return run_practice("breathing", item_id, options)


def run_practice(kind: str, item_id: str | None, options: Options) -> int | OpenApp:
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
        if chosen is None:
            return 0
        try:
            return run_plain_practice(chosen, io, options)
        except LogError as error:
            complain(error.message())
            return 1
    if item is not None:
        return OpenApp("card", item.id, library)
    return OpenApp("library", kind, library)


def run_plain_practice(item: Item, io: PlainIO, options: Options) -> int:
    """A breathing or grounding practice as lines, its run saved to the log (or not, with
    --no-log); a damaged log kept aside on the way is said on stderr."""
    from trakon_tui import plain
    from trakon_tui.commands.log import say_kept_aside
    from trakon_tui.core.paths import data_dir
    from trakon_tui.core.practice_log import LazyStoreLog, practice_log

    log = practice_log(data_dir(options.data_dir), no_log=options.no_log)
    if isinstance(log, LazyStoreLog):
        log.on_moved_aside = say_kept_aside
    if isinstance(item, Breathing):
        return plain.breathe(item, io, log, options.settings().choice(item.id))
    assert isinstance(item, Grounding)
    return plain.ground(item, io, log)


def run_present(item_id: str | None, options: Options) -> int | OpenApp:
    """`trakon present [SESSION]`: facilitator mode; nothing personal, nothing written."""
    library = load_library(options.extra_dirs)
    if item_id is not None and item_id not in library.items:
        complain(
            _(
                "There is no session or practice “{id}”; `trakon list --kind session` shows them."
            ).format(id=item_id)
        )
        return 2
    return OpenApp("present", item_id, library, presenter=True)
