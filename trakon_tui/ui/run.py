"""Start the full-screen app from the command line."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from trakon_tui.core import paths
from trakon_tui.core import settings as settings_store
from trakon_tui.i18n import Lang, _, language_from_env, set_language

if TYPE_CHECKING:
    from trakon_tui.core.library import Library


def run_app(*, lang: Lang | None, data_dir: Path | None, extra_dirs: list[Path]) -> int:
    from trakon_tui.ui.app import AppConfig, TrakonApp

    def library() -> Library:
        from trakon_tui.commands.listing import load_library

        return load_library(extra_dirs)

    settings_file = settings_store.settings_path()
    loaded = settings_store.load(settings_file)
    settings = loaded.settings
    chosen = lang or settings.language or language_from_env()
    set_language(chosen)
    config = AppConfig(
        settings=settings,
        settings_file=settings_file,
        load_library=library,
        crisis_files=[paths.data_file("crisis.toml"), paths.config_dir() / "crisis.toml"],
    )
    app = TrakonApp(config)
    if loaded.warning:
        app.call_later(app.notify, _(loaded.warning).format(path=settings_file), severity="warning")
    app.run()
    return 0
