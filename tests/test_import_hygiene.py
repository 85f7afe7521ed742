"""The pure core and the non-UI commands never import Textual (startup is a budget)."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

PURE = [
    "trakon_tui.core.model",
    "trakon_tui.core.loader",
    "trakon_tui.core.library",
    "trakon_tui.core.rules",
    "trakon_tui.core.measure",
    "trakon_tui.core.settings",
    "trakon_tui.core.crisis",
    "trakon_tui.cli",
    "trakon_tui.commands.validate",
    "trakon_tui.commands.listing",
]


@pytest.mark.parametrize("module", PURE)
def test_module_does_not_import_textual(module: str) -> None:
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
        "        'msgspec', 'textual.widgets._markdown')\n"
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
