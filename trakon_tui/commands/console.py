"""`trakon present --console [N]`: the presenter console, in a second terminal, for the
presentation running in the first. Finds it here, without Textual: none is said in one line
before any screen opens; one is followed at once; with several, the facilitator chooses
(`--console N`, or a question on the terminal) from a list of their sessions' titles and
when they started."""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path
from typing import TextIO

from trakon_tui.commands import complain
from trakon_tui.commands.app_request import OpenApp
from trakon_tui.commands.options import Options
from trakon_tui.core import paths
from trakon_tui.core.console_link import RoomState
from trakon_tui.core.console_socket import LinkError, described, private_folder, running_rooms
from trakon_tui.core.text import tr, visible
from trakon_tui.i18n import _


def run_console(
    choice: str | None,
    session: str | None,
    options: Options,
    ask: Callable[[str], str] | None = None,
) -> int | OpenApp:
    """`choice`: what followed `--console` ("" for nothing); `ask`: how to ask on the
    terminal (`input` when standard input is one; None: never ask)."""
    if choice and not choice.isdigit():  # `trakon present --console peer-group`
        session, choice = choice, ""
    if session is not None:
        complain(
            _("The console follows the presentation that is running; leave out “{id}”.").format(
                id=session
            )
        )
        return 2
    try:
        rooms = running_rooms(private_folder(paths.runtime_dir()))
    except LinkError as error:
        complain(error.message())
        return 1
    if not choice and len(rooms) == 1:
        return OpenApp("console", str(rooms[0]))
    states = described(rooms)
    if choice:
        number = int(choice)
        if 1 <= number <= len(rooms):
            return OpenApp("console", str(rooms[number - 1]))
        complain(
            _("There is no presentation {n}; these are running:").format(n=number)
            if len(rooms) > 1
            else _("There is no presentation {n}; one is running:").format(n=number)
        )
        _list(states, sys.stderr)
        return 2
    if ask is None and sys.stdin is not None and sys.stdin.isatty():
        ask = input
    print(_("{n} presentations are running:").format(n=len(rooms)))
    _list(states, sys.stdout)
    if ask is None:
        complain(_("Choose one with `trakon present --console N`."))
        return 2
    return _asked(rooms, ask)


def _asked(rooms: list[Path], ask: Callable[[str], str]) -> int | OpenApp:
    question = _("Which one does the console follow? (1–{n}, Enter: none) ").format(n=len(rooms))
    while True:
        try:
            answer = ask(question).strip()
        except (EOFError, KeyboardInterrupt):
            print()
            return 1
        if not answer:
            return 1
        if answer.isdigit() and 1 <= int(answer) <= len(rooms):
            return OpenApp("console", str(rooms[int(answer) - 1]))
        print(_("A number from 1 to {n}, please.").format(n=len(rooms)))


def _list(states: list[RoomState | None], out: TextIO) -> None:
    for number, state in enumerate(states, start=1):
        print(f"  {number}. {_described(state)}", file=out)


def _described(state: RoomState | None) -> str:
    if state is None:
        return _("a presentation whose session has not started yet")
    title = visible(tr(state.title), lines=False)
    if not state.started:
        return title
    return _("{title}, started at {time}").format(title=title, time=state.started)
