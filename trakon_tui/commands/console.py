"""`trakon present --console`: the presenter console, in a second terminal, for the
presentation running in the first. Finds it here, without Textual: no presentation, or
several, is said in one line before any screen opens."""

from __future__ import annotations

from trakon_tui.commands import complain
from trakon_tui.commands.app_request import OpenApp
from trakon_tui.commands.options import Options
from trakon_tui.core import paths
from trakon_tui.core.console_socket import LinkError, private_folder, the_room
from trakon_tui.i18n import _


def run_console(session: str | None, options: Options) -> int | OpenApp:
    if session is not None:
        complain(
            _("The console follows the presentation that is running; leave out “{id}”.").format(
                id=session
            )
        )
        return 2
    try:
        room = the_room(private_folder(paths.runtime_dir()))
    except LinkError as error:
        complain(error.message())
        return 1
    return OpenApp("console", str(room))
