"""`trakon --help` before anything is imported: the shipped help is what argparse prints, in
the language the user chose (`--lang`, the saved setting, the locale), and a hostile or odd
settings file only means the locale is used."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import ROOT
from trakon_tui import quick
from trakon_tui.cli import render_help
from trakon_tui.core.paths import config_dir


@pytest.mark.parametrize("lang", ["fi", "en"])
def test_the_shipped_help_is_what_argparse_prints(lang: str) -> None:
    """Stale after a msgid or option changed: run `python tools/i18n.py compile`."""
    shipped = Path(quick.help_path(lang)).read_text(encoding="utf-8")
    try:
        assert shipped == render_help(lang)  # type: ignore[arg-type]
    finally:
        from trakon_tui.i18n import set_language

        set_language("en")


def _help(
    tmp_path: Path, *args: str, lang_env: str = "en_US.UTF-8", columns: str = "100"
) -> subprocess.CompletedProcess[str]:
    code = (
        "import sys\n"
        f"sys.argv = ['trakon', *{list(args)!r}]\n"
        "from trakon_tui.entry import main\n"
        "code = main()\n"
        "heavy = ('argparse', 'gettext', 'pathlib', 'dataclasses', 'trakon_tui.cli')\n"
        "print('IMPORTED', sorted(m for m in heavy if m in sys.modules))\n"
        "raise SystemExit(code)\n"
    )
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG")
    }
    env.update(TRAKON_CONFIG_DIR=str(tmp_path), LANG=lang_env, COLUMNS=columns)
    return subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env=env, cwd=ROOT
    )


def test_help_imports_neither_argparse_nor_gettext(tmp_path: Path) -> None:
    result = _help(tmp_path, "--help")
    assert result.returncode == 0
    assert result.stdout.startswith("usage: trakon")
    assert result.stdout.splitlines()[-1] == "IMPORTED []"


def test_help_follows_the_locale_the_saved_language_and_lang(tmp_path: Path) -> None:
    assert _help(tmp_path, "-h", lang_env="fi_FI.UTF-8").stdout.startswith("käyttö: trakon")
    (tmp_path / "settings.toml").write_text('theme = "trakon-light"\nlanguage = "fi"\n')
    assert _help(tmp_path, "--help").stdout.startswith("käyttö: trakon")
    assert _help(tmp_path, "--lang", "en", "--help").stdout.startswith("usage: trakon")
    assert _help(tmp_path, "--lang=en", "-h").stdout.startswith("usage: trakon")


def test_a_narrow_terminal_gets_help_formatted_to_its_width(tmp_path: Path) -> None:
    result = _help(tmp_path, "--help", columns="50")
    assert result.returncode == 0
    lines = result.stdout.splitlines()[:-1]
    assert lines[0].startswith("usage: trakon") and max(map(len, lines)) <= 50


@pytest.mark.parametrize(
    "content",
    [
        b'language = "sv"\n',
        b"language = 'fi\n",
        b'[table]\nlanguage = "fi"\n',
        b"language = fi\n",
        b"\xff\xfe language = \x00",
        b'# language = "fi"\n',
        b"x" * (quick._SETTINGS_BYTES + 1),
    ],
)
def test_an_odd_settings_file_means_the_locale(tmp_path: Path, content: bytes) -> None:
    (tmp_path / "settings.toml").write_bytes(content)
    assert quick.saved_language(str(tmp_path)) is None


def test_a_settings_path_that_is_no_regular_file_is_not_read(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "settings.toml")  # would block a plain open() without a writer
    assert quick.saved_language(str(tmp_path)) is None
    assert quick.saved_language(str(tmp_path / "missing")) is None


def test_the_saved_language_is_read_from_the_usual_settings(tmp_path: Path) -> None:
    (tmp_path / "settings.toml").write_text('language = "fi"  # chosen in the app\n')
    assert quick.saved_language(str(tmp_path)) == "fi"


@pytest.mark.parametrize(
    "env",
    [
        {"TRAKON_CONFIG_DIR": "~/x"},
        {"XDG_CONFIG_HOME": "/tmp/somewhere"},
        {"XDG_CONFIG_HOME": "  "},
        {},
    ],
)
def test_the_config_folder_is_core_paths_own(
    monkeypatch: pytest.MonkeyPatch, env: dict[str, str]
) -> None:
    for name in ("TRAKON_CONFIG_DIR", "XDG_CONFIG_HOME"):
        monkeypatch.delenv(name, raising=False)
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    assert quick._config_dir() == str(config_dir())
