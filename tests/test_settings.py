"""Settings are saved as TOML readable by the user alone; a broken file never stops the app."""

from __future__ import annotations

import stat
import tomllib
from pathlib import Path

from trakon_tui.core import settings as store
from trakon_tui.core.settings import Settings


def test_save_and_load_round_trip_with_private_permissions(tmp_path: Path) -> None:
    path = tmp_path / "cfg" / "settings.toml"
    chosen = Settings(language="fi", theme="trakon-contrast", reduced_motion=True, window=(2, 8))
    store.save(chosen, path)
    assert tomllib.loads(path.read_text()) == {
        "language": "fi",
        "theme": "trakon-contrast",
        "reduced_motion": True,
        "window": [2, 8],
        "hide_history": False,
    }
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert stat.S_IMODE(path.parent.stat().st_mode) == 0o700
    loaded = store.load(path)
    assert loaded.warning is None
    assert loaded.settings == chosen


def test_a_missing_file_gives_defaults_quietly(tmp_path: Path) -> None:
    loaded = store.load(tmp_path / "none.toml")
    assert loaded.settings == Settings() and loaded.warning is None


def test_a_broken_or_unknown_file_gives_defaults_and_says_so(tmp_path: Path) -> None:
    for text in (
        "language = ",
        'language = "sv"',
        "colour = 1",
        "\udcff",
        "window = [7, 3]",
        "window = [3, 11]",
    ):
        path = tmp_path / "settings.toml"
        path.write_bytes(text.encode("utf-8", "surrogateescape"))
        loaded = store.load(path)
        assert loaded.settings == Settings()
        assert loaded.warning is not None and str(path) in loaded.warning


async def test_a_settings_file_that_could_not_be_read_is_kept_not_overwritten(
    tmp_path: Path,
) -> None:
    """A hand-edited file with a typo: the app runs on the defaults, and the first change
    keeps the file aside (comments and all) before a new one is written."""
    from trakon_tui.commands.options import Options
    from trakon_tui.core.settings import SettingsFile
    from trakon_tui.ui.run import build_app

    path = tmp_path / "config" / "settings.toml"
    path.parent.mkdir()
    written = b'# chosen with my supervisor\nlanguage = "fi\ntheme = "trakon-light"\n'
    path.write_bytes(written)
    app = build_app(Options(settings_file=SettingsFile(path)), start=lambda: None)
    async with app.run_test(size=(100, 32)) as pilot:
        await pilot.press("l")
        await pilot.pause()
    (kept,) = path.parent.glob("settings.toml.unreadable-*")
    assert kept.read_bytes() == written
    assert tomllib.loads(path.read_text())["language"] == "fi"


async def test_hiding_history_in_the_settings_is_saved_and_honoured_on_the_next_start(
    tmp_path: Path,
) -> None:
    """A shared computer: the box is ticked once in the settings screen, and from the next
    start on there is no history in the menu and `h` opens none; unticking brings it back."""
    from textual.widgets import OptionList

    from tests.conftest import make_app
    from trakon_tui.commands.options import Options
    from trakon_tui.ui.run import build_app
    from trakon_tui.ui.screens.history import HistoryScreen
    from trakon_tui.ui.screens.home import HomeScreen
    from trakon_tui.ui.screens.settings import SettingsScreen

    path = tmp_path / "config" / "settings.toml"  # where TRAKON_CONFIG_DIR puts it

    def menu(app) -> list[str]:  # type: ignore[no-untyped-def]
        options = app.screen.query_one("#home-menu", OptionList)
        return [str(options.get_option_at_index(i).id) for i in range(options.option_count)]

    async def toggle(pilot) -> None:  # type: ignore[no-untyped-def]
        await pilot.press("s")
        assert isinstance(pilot.app.screen, SettingsScreen)
        pilot.app.screen.query_one("#set-hide-history").focus()
        await pilot.press("space")
        await pilot.press("escape")

    app = make_app(tmp_path)
    async with app.run_test(size=(100, 32)) as pilot:
        await pilot.pause()
        assert "history" in menu(app)
        await toggle(pilot)
    assert tomllib.loads(path.read_text())["hide_history"] is True

    app = build_app(Options())  # the next start, as `trakon` makes it: from the file
    async with app.run_test(size=(100, 32)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        assert "history" not in menu(app)
        await pilot.press("h")
        assert isinstance(app.screen, HomeScreen)
        assert any("History is hidden" in str(n.message) for n in app._notifications)
        await toggle(pilot)
    assert tomllib.loads(path.read_text())["hide_history"] is False

    app = build_app(Options())
    async with app.run_test(size=(100, 32)) as pilot:
        await pilot.pause()
        assert "history" in menu(app)
        await pilot.press("h")
        assert isinstance(app.screen, HistoryScreen)
