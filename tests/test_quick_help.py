"""`trakon --help` before anything is imported: the shipped help is what argparse prints, in
the language the user chose (`--lang`, else the locale); the user folders are platformdirs'
own without importing it."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import ROOT
from trakon_tui import quick
from trakon_tui.cli import render_help


@pytest.mark.parametrize("lang", ["fi", "en"])
def test_the_shipped_help_is_what_argparse_prints(lang: str) -> None:
    """Stale after a msgid or option changed: run `python tools/i18n.py compile`. Under a
    Python the texts were not made with, the command line formats the help itself."""
    path = Path(quick.help_path(lang))
    if not path.exists():
        assert quick.print_help(["--lang", lang, "--help"]) is False
        return
    shipped = path.read_text(encoding="utf-8")
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


def test_help_follows_the_locale_and_lang(tmp_path: Path) -> None:
    assert _help(tmp_path, "-h", lang_env="fi_FI.UTF-8").stdout.startswith("käyttö: trakon")
    assert _help(tmp_path, "--lang", "en", "--help", lang_env="fi_FI.UTF-8").stdout.startswith(
        "usage: trakon"
    )
    assert _help(tmp_path, "--lang=fi", "-h").stdout.startswith("käyttö: trakon")


def test_a_narrow_terminal_gets_help_formatted_to_its_width(tmp_path: Path) -> None:
    result = _help(tmp_path, "--help", columns="50")
    assert result.returncode == 0
    lines = result.stdout.splitlines()[:-1]
    assert lines[0].startswith("usage: trakon") and max(map(len, lines)) <= 50


@pytest.mark.parametrize(
    "env",
    [
        {"XDG_CONFIG_HOME": "/tmp/c", "XDG_DATA_HOME": "/tmp/d", "XDG_CACHE_HOME": "/tmp/e"},
        {"XDG_CONFIG_HOME": "  ", "XDG_DATA_HOME": "relative", "XDG_CACHE_HOME": ""},
        {"HOME": "/home/someone"},
        {"HOME": "relative/home"},
        {},
    ],
)
@pytest.mark.parametrize("kind", ["config", "data", "cache"])
def test_the_user_folders_are_platformdirs_own(
    monkeypatch: pytest.MonkeyPatch, env: dict[str, str], kind: str
) -> None:
    import platformdirs

    for name in ("XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_CACHE_HOME"):
        monkeypatch.delenv(name, raising=False)
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    expected = getattr(platformdirs, f"user_{kind}_dir")("trakon", appauthor=False)
    assert quick.user_dir(kind) == expected
