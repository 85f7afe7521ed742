"""Start the full-screen app from the command line: the one bridge from `cli.main` to
Textual. Commands return an `OpenApp` (a plain value); `open_app` turns it into the app and
its first screen. Nothing under `commands/` imports this module (a test checks)."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from trakon_tui.commands.app_request import OpenApp
from trakon_tui.commands.options import Options
from trakon_tui.core import paths
from trakon_tui.core.practice_log import NoLog, practice_log

if TYPE_CHECKING:
    from textual.screen import Screen

    from trakon_tui.core.library import Library
    from trakon_tui.ui.app import TrakonApp


def open_app(options: Options, request: OpenApp) -> int:
    """Open the app on the screen a command asked for; the exit code."""
    return run_app(
        options,
        library=request.library,
        start=first_screen(request),
        checkin_first=request.first == "checkin",
        presenter=request.presenter,
        room=request.first == "present",
        console=request.first == "console",
    )


def first_screen(request: OpenApp) -> Callable[[], Screen[None] | None] | None:
    """The screen to open above the default one (imported late: Textual loads only here)."""
    target = request.target
    if request.first == "card" and target is not None:

        def card() -> Screen[None]:
            from trakon_tui.ui.screens.detail import DetailScreen

            return DetailScreen(target)

        return card
    if request.first == "library":

        def library() -> Screen[None]:
            from trakon_tui.ui.screens.library import LibraryScreen

            return LibraryScreen(kind=target)

        return library
    if request.first == "history":

        def history() -> Screen[None]:
            from trakon_tui.ui.screens.history import HistoryScreen

            return HistoryScreen("weeks" if target == "weeks" else "days")

        return history
    if request.first == "present" and request.library is not None:
        return present_start(request.library, target)
    if request.first == "console" and target is not None:
        return console_start(Path(target))
    return None


def console_start(room: Path) -> Callable[[], Any]:
    """The presenter console, following the presentation at `room` (its socket)."""

    def start() -> object:
        from trakon_tui.ui.screens.console import ConsoleScreen

        return ConsoleScreen(room, paths.runtime_dir())

    return start


def present_start(library: Library, item_id: str | None) -> Callable[[], Any]:
    """Facilitator mode's first screen: the session (or practice) named, else the picker."""

    def start() -> object:
        from trakon_tui.ui.screens.present import PresentPicker, present_screen

        if item_id is None:
            return PresentPicker()
        return present_screen(library.items[item_id], library.items)

    return start


def prepare_present(options: Options) -> Callable[[], int]:
    """For `trakon serve`: everything a tab's facilitator mode needs before its first paint
    (Textual, the app and its first screens, the library), done once; returns what runs one
    tab's app, in a process forked from this one."""
    from trakon_tui.commands.practice import run_present

    request = run_present(None, options)
    assert isinstance(request, OpenApp)
    import textual.drivers.web_driver  # noqa: F401 - what each tab's app runs on

    import trakon_tui.ui.app
    import trakon_tui.ui.screens.home
    import trakon_tui.ui.screens.present  # noqa: F401

    return lambda: open_app(options, request)


def build_app(
    options: Options,
    *,
    library: Library | None = None,
    start: Callable[[], Any] | None = None,
    checkin_first: bool = False,
    presenter: bool = False,
    room: bool = False,
    console: bool = False,
) -> TrakonApp:
    """The app as the command line configures it (tests build it the same way). `room`:
    facilitator mode listens for a presenter console; `console`: the presenter console,
    which writes nothing (no log, no settings)."""
    from trakon_tui.ui.app import AppConfig, TrakonApp

    def load() -> Library:
        if library is not None:
            return library
        from trakon_tui.core.library import load_library

        return load_library(options.extra_dirs)

    loaded = options.settings_file.load()  # the run's one read (the CLI's language came from it)
    settings = loaded.settings
    if presenter:  # for projectors; never saved from here; nothing personal on it
        settings = dataclasses.replace(
            settings,
            theme="trakon-contrast",
            window=None,
            contacts=[],
            favourites=[],
            practices={},
        )
    quiet = presenter or console
    config = AppConfig(
        practice_log=NoLog()
        if quiet
        else practice_log(paths.data_dir(options.data_dir), no_log=options.no_log),
        save_settings=not quiet,  # presenter mode writes nothing, settings included
        presenter=presenter,
        settings=settings,
        settings_file=options.settings_file.path,
        settings_unreadable=loaded.problem is not None,
        load_library=load,
        crisis_files=[paths.data_file("crisis.toml"), paths.config_dir() / "crisis.toml"],
        force_reduced_motion=options.reduced_motion,
        start=start,
        checkin_first=checkin_first,
        console_folder=paths.runtime_dir() if room and presenter else None,
    )
    app = TrakonApp(config)
    if loaded.warning and not options.settings_file.reported:  # once: a toast, or stderr
        app.call_later(app.notify, loaded.warning, severity="warning", markup=False)
    return app


def run_app(
    options: Options,
    *,
    library: Library | None = None,
    start: Callable[[], Any] | None = None,
    checkin_first: bool = False,
    presenter: bool = False,
    room: bool = False,
    console: bool = False,
) -> int:
    """Open the app (the language is already set by the command line). An unexpected error
    inside it ends with one calm sentence and a report in the data folder (exit 70)."""
    app = build_app(
        options,
        library=library,
        start=start,
        checkin_first=checkin_first,
        presenter=presenter,
        room=room,
        console=console,
    )
    app.run()
    return exit_code(app, options)


def exit_code(app: TrakonApp, options: Options) -> int:
    """How the app ended, for the shell: 0, or 70 after an unexpected error, which is told in
    one sentence and written to a report in the data folder."""
    if app.crash is not None:
        from trakon_tui.core import crash

        crash.tell(crash.write_report(app.crash, paths.data_dir(options.data_dir)))
        return crash.EXIT_CRASH
    return app.return_code or 0
