"""`trakon open ID`: any item's card by its id (a practice, an information item, a session,
the check-in scale). As text with --plain or when standard output is not a terminal: the
card, then an information item's pages, or how to start the practice."""

from __future__ import annotations

import sys

from trakon_tui.commands import complain
from trakon_tui.commands.app_request import OpenApp
from trakon_tui.commands.options import Options
from trakon_tui.core.library import Library, load_library
from trakon_tui.core.model import AnyItem, Info, kind_of
from trakon_tui.i18n import _


def run_open(item_id: str, options: Options) -> int | OpenApp:
    library = load_library(options.extra_dirs)
    item = library.items.get(item_id)
    if item is None:
        complain(
            _("There is nothing with the id “{id}”; `trakon list` shows every id.").format(
                id=item_id
            )
        )
        return 2
    stdout = sys.stdout
    if options.plain or stdout is None or not stdout.isatty():
        return print_card(item, library, interactive=stdout is not None and stdout.isatty())
    return OpenApp("card", item.id, library)


def print_card(item: AnyItem, library: Library, *, interactive: bool) -> int:
    """The card as lines; an information item's pages follow (one at a time when a person
    reads them at a terminal, all at once into a pipe or a file)."""
    from trakon_tui import plain
    from trakon_tui.card import card

    io = plain.PlainIO() if interactive else plain.PlainIO(ask=lambda _prompt: "")
    for line in card(item, library).lines():
        io.say(line)
    if isinstance(item, Info):
        io.say("")
        plain.read(item, io, library.checkin_scale())
        return 0
    start = _how_to_start(item)
    if start:
        io.say("")
        io.say(start)
    return 0


def _how_to_start(item: AnyItem) -> str | None:
    kind = kind_of(item)
    if kind == "breathing":
        return _("To start it: `trakon breathe {id}` (with --plain, as lines of text).").format(
            id=item.id
        )
    if kind == "grounding":
        return _("To start it: `trakon ground {id}` (with --plain, as lines of text).").format(
            id=item.id
        )
    if kind == "writing":
        return _("To start it: `trakon open {id}`, then Enter.").format(id=item.id)
    if kind == "session":
        return _("To lead it for a group: `trakon present {id}`.").format(id=item.id)
    return None
