"""What a command asks of the full-screen app, as a plain value.

Nothing under `commands/` imports the UI: a command that ends in the app returns an `OpenApp`
naming the first screen, and `cli.main` hands it to `trakon_tui.ui.run.open_app`, the one
bridge between the command line and Textual. So every command can be run and tested without
Textual, and `--help`, `list`, `validate` and `export` never load it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

if TYPE_CHECKING:
    from trakon_tui.core.library import Library

# checkin: `trakon`, `trakon checkin`; home: the home screen; card: an item's card (target: its
# id); library: the list of one kind (target: the kind); history (target: "weeks", or None for
# days); present: facilitator mode (target: a session or practice id, or None for the picker);
# console: the presenter console (target: the running presentation's socket).
FirstScreen = Literal["checkin", "home", "card", "library", "history", "present", "console"]


@dataclass(frozen=True)
class OpenApp:
    first: FirstScreen = "home"
    target: str | None = None
    library: Library | None = None  # already loaded by the command (to check an id), or None
    presenter: bool = False  # nothing personal shown, nothing written
