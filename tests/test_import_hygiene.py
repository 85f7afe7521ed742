"""The pure core and the non-UI commands never import Textual (startup is a budget)."""

from __future__ import annotations

import importlib.util
import os
import pkgutil
import subprocess
import sys
from pathlib import Path

import pytest

import trakon_tui.core


def core_modules() -> list[str]:
    """Every module of the pure core, found on disk: a new one is checked without a list."""
    return sorted(
        info.name
        for info in pkgutil.walk_packages(trakon_tui.core.__path__, "trakon_tui.core.")
        if not info.ispkg
    )


CORE = core_modules()
COMMANDS = [  # the commands that must stay fast: they never open the UI
    "trakon_tui.cli",
    "trakon_tui.commands.validate",
    "trakon_tui.commands.listing",
]


def test_the_core_is_found_on_disk() -> None:
    """The discovery itself sees every source file of the core (an empty or partial walk
    would let the check below pass for nothing)."""
    folder = Path(trakon_tui.core.__file__).parent
    on_disk = {f"trakon_tui.core.{p.stem}" for p in folder.glob("*.py") if p.stem != "__init__"}
    assert set(CORE) == on_disk
    assert {"trakon_tui.core.pacer", "trakon_tui.core.suggest", "trakon_tui.core.store"} <= on_disk


@pytest.mark.parametrize("module", ["trakon_tui.core", *CORE, *COMMANDS])
def test_module_imports_neither_textual_nor_rich(module: str) -> None:
    """In a fresh interpreter: importing the module loads no Textual and no Rich."""
    code = (
        f"import sys, {module}\n"
        "bad = sorted(m for m in sys.modules if m.split('.')[0] in ('textual', 'rich'))\n"
        "print(','.join(bad))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == ""


def test_cli_commands_run_without_textual(tmp_path) -> None:  # type: ignore[no-untyped-def]
    code = (
        "import sys\n"
        "from trakon_tui.cli import main\n"
        "main(['list']); main(['validate', 'exercises'])\n"
        "print('textual' in sys.modules)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        cwd=str(__import__("pathlib").Path(__file__).parent.parent),
    )
    assert result.stdout.strip().splitlines()[-1] == "False"


def test_the_first_screen_needs_neither_the_library_nor_the_log(tmp_path) -> None:  # type: ignore[no-untyped-def]
    """`trakon` paints its check-in before it reads any exercise or opens SQLite: the
    library loads in a worker after the first paint and the log opens on first use. The
    settings are read without msgspec (~3 ms of import), and Markdown waits for a page."""
    code = (
        "import sys\n"
        "from trakon_tui.commands.options import Options\n"
        "from trakon_tui.ui.run import build_app\n"
        "app = build_app(Options(), checkin_first=True)\n"
        "screen = app.get_default_screen()\n"
        "late = ('sqlite3', 'trakon_tui.core.store', 'trakon_tui.core.library', 'pyfiglet',\n"
        "        'msgspec', 'textual.widgets._markdown', 'miniaudio', 'trakon_tui.core.tones')\n"
        "print(type(screen).__name__, sorted(m for m in late if m in sys.modules))\n"
    )
    env = {
        **os.environ,
        "TRAKON_CONFIG_DIR": str(tmp_path),
        "TRAKON_DATA_DIR": str(tmp_path),
    }
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, env=env
    )
    assert result.stdout.strip() == "CheckinScreen []"


def test_the_audio_library_is_imported_only_when_a_practice_plays_sound(tmp_path) -> None:  # type: ignore[no-untyped-def]
    """Sound (#18) costs nothing unless it is on: with sound off, a breathing practice runs
    without miniaudio (~45 ms of import); with sound on, it is imported (in a thread) once
    the practice starts."""
    code = (
        "import asyncio, sys, threading\n"
        "from trakon_tui.commands.options import Options\n"
        "from trakon_tui.ui.run import build_app\n"
        "from trakon_tui.ui.screens.detail import DetailScreen\n"
        "app = build_app(Options(), start=lambda: DetailScreen('box-breathing'))\n"
        "async def main():\n"
        "    async with app.run_test() as pilot:\n"
        "        await pilot.pause()\n"
        "        await pilot.press('enter')\n"
        "        await pilot.pause()\n"
        "        for thread in threading.enumerate():\n"
        "            if thread.name == 'trakon-sound':\n"
        "                thread.join(10)  # the device opens in its own thread\n"
        "        print(type(app.screen).__name__, 'miniaudio' in sys.modules)\n"
        "asyncio.run(main())\n"
    )
    results = []
    for on in ("false", "true"):
        (tmp_path / "settings.toml").write_text(f"[sound]\non = {on}\n")
        env = {**os.environ, "TRAKON_CONFIG_DIR": str(tmp_path), "TRAKON_DATA_DIR": str(tmp_path)}
        result = subprocess.run(
            [sys.executable, "-c", code], capture_output=True, text=True, check=True, env=env
        )
        results.append(result.stdout.strip())
    assert results[0] == "BreathingScreen False"
    if importlib.util.find_spec("miniaudio") is not None:  # the sound extra (CI installs it)
        assert results[1] == "BreathingScreen True"


def test_version_answers_before_the_command_line_is_imported() -> None:
    """`trakon --version` (the console script's entry) imports neither argparse, gettext nor
    the command line: it is meant to cost no more than about a bare interpreter."""
    code = (
        "import sys\n"
        "sys.argv = ['trakon', '--version']\n"
        "from trakon_tui.entry import main\n"
        "main()\n"
        "heavy = ('argparse', 'gettext', 'trakon_tui.cli', 'dataclasses')\n"
        "print(sorted(m for m in heavy if m in sys.modules))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    version, imported = result.stdout.strip().splitlines()
    assert version.startswith("trakon ") and imported == "[]"


def test_settings_without_personal_entries_import_nothing_for_them() -> None:
    """Contacts, favourites and chosen lengths (#17) are checked by modules imported only
    when the settings file holds them: a plain file costs the first screen nothing more."""
    code = (
        "import sys, tempfile, pathlib\n"
        "from trakon_tui.core import settings\n"
        "with tempfile.TemporaryDirectory() as folder:\n"
        "    path = pathlib.Path(folder) / 'settings.toml'\n"
        "    path.write_text('theme = \"trakon-light\"\\n')\n"
        "    assert settings.load(path).settings.theme == 'trakon-light'\n"
        "print(sorted(m for m in sys.modules if m.endswith(('.contacts', '.personal'))))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "[]"


def test_the_first_screen_imports_no_other_screen(tmp_path) -> None:  # type: ignore[no-untyped-def]
    """Before the first paint only the check-in's own screen module loads: every other
    screen is imported when it is opened."""
    code = (
        "import sys\n"
        "from trakon_tui.commands.options import Options\n"
        "from trakon_tui.ui.run import build_app\n"
        "app = build_app(Options(), checkin_first=True)\n"
        "app.get_default_screen()\n"
        "print(sorted(m.rsplit('.', 1)[1] for m in sys.modules\n"
        "             if m.startswith('trakon_tui.ui.screens.')))\n"
    )
    env = {**os.environ, "TRAKON_CONFIG_DIR": str(tmp_path), "TRAKON_DATA_DIR": str(tmp_path)}
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, env=env
    )
    assert result.stdout.strip() == "['base', 'checkin']"


def test_commands_find_the_user_folders_without_platformdirs(tmp_path) -> None:  # type: ignore[no-untyped-def]
    """`trakon list`, `checkin --level`, `export`: the user folders are found without
    importing platformdirs (~8-16 ms) on Unix; a test in test_quick_help keeps them equal."""
    code = (
        "import sys\n"
        "from trakon_tui.cli import main\n"
        "main(['list']); main(['checkin', '--level', '5'])\n"
        "print('platformdirs' in sys.modules)\n"
    )
    env = {
        key: value for key, value in os.environ.items() if not key.startswith(("TRAKON_", "XDG_"))
    }
    env.update(HOME=str(tmp_path), XDG_CONFIG_HOME=str(tmp_path / "config"))
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, env=env
    )
    assert result.stdout.strip().splitlines()[-1] == "False"
