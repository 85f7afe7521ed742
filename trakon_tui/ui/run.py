"""Start the full-screen app from the command line."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from trakon_tui.commands.options import Options
from trakon_tui.core import paths
from trakon_tui.core.practice_log import LazyStoreLog, NoLog, PracticeLog

if TYPE_CHECKING:
    from trakon_tui.core.library import Library
    from trakon_tui.ui.app import TrakonApp


def practice_log(options: Options) -> PracticeLog:
    """Where practice runs go: the private log, or nowhere with --no-log."""
    if options.no_log:
        return NoLog()
    return LazyStoreLog(paths.data_dir(options.data_dir))


def build_app(
    options: Options,
    *,
    library: Library | None = None,
    start: Callable[[], Any] | None = None,
    checkin_first: bool = False,
    presenter: bool = False,
) -> TrakonApp:
    """The app as the command line configures it (tests build it the same way)."""
    from trakon_tui.ui.app import AppConfig, TrakonApp

    def load() -> Library:
        if library is not None:
            return library
        from trakon_tui.commands.listing import load_library

        return load_library(options.extra_dirs)

    loaded = options.settings_file.load()  # the run's one read (the CLI's language came from it)
    settings = loaded.settings
    if presenter:  # for projectors; never saved from here
        settings = dataclasses.replace(settings, theme="trakon-contrast")
    config = AppConfig(
        practice_log=NoLog() if presenter else practice_log(options),
        save_settings=not presenter,  # presenter mode writes nothing, settings included
        presenter=presenter,
        settings=settings,
        settings_file=options.settings_file.path,
        settings_unreadable=loaded.problem is not None,
        load_library=load,
        crisis_files=[paths.data_file("crisis.toml"), paths.config_dir() / "crisis.toml"],
        force_reduced_motion=options.reduced_motion,
        start=start,
        checkin_first=checkin_first,
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
) -> int:
    """Open the app (the language is already set by the command line). An unexpected error
    inside it ends with one calm sentence and a report in the data folder (exit 70)."""
    app = build_app(
        options, library=library, start=start, checkin_first=checkin_first, presenter=presenter
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
