"""What `trakon --help` and the command line's first step need, with nothing but `os` and
`sys` imported (DESIGN: `--help` and `--version` at most 2× a bare interpreter; argparse,
gettext, pathlib and dataclasses alone cost ~25 ms here).

- The language before anything else is read: `--lang`, else the language saved in the
  settings (that one key, read without a TOML parser), else the locale.
- The top-level help, rendered by argparse into `data/help.<lang>.txt` by
  `tools/i18n.py compile` (a test keeps them equal to what argparse prints); printed as is
  when the terminal is at least `HELP_WIDTH` columns wide, which is the width the command
  line's help is always formatted to.
"""

from __future__ import annotations

import os
import stat
import sys
from collections.abc import Mapping, Sequence

HELP_WIDTH = 80  # argparse formats help to at most this many columns (fewer when narrower)
_DATA = os.path.join(os.path.dirname(os.path.abspath(__file__)), "data")
_SETTINGS_BYTES = 64 * 1024  # core.settings.MAX_FILE_BYTES
# As core.files: a FIFO opens at once, a terminal device never becomes ours.
_OPEN_FLAGS = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0)


def language_from_env(environ: Mapping[str, str] | None = None) -> str:
    """ "fi" when the first set locale variable starts with `fi`, else "en".

    The variables are read in gettext's order: LANGUAGE, LC_ALL, LC_MESSAGES, LANG.
    """
    env = os.environ if environ is None else environ
    for name in ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"):
        value = env.get(name, "")
        if value:
            first = value.split(":")[0].lower()
            return "fi" if first.startswith("fi") else "en"
    return "en"


def _lang_argument(argv: Sequence[str]) -> str | None:
    for i, arg in enumerate(argv):
        value = None
        if arg.startswith("--lang="):
            value = arg.split("=", 1)[1]
        elif arg == "--lang" and i + 1 < len(argv):
            value = argv[i + 1]
        if value in ("fi", "en"):
            return value
    return None


def _config_dir() -> str:
    """core.paths.config_dir, without pathlib (a test keeps the two equal)."""
    override = os.environ.get("TRAKON_CONFIG_DIR")
    if override:
        return os.path.expanduser(override)
    if sys.platform == "darwin" or sys.platform.startswith("win"):
        from platformdirs import user_config_dir

        return user_config_dir("trakon", appauthor=False)
    # platformdirs' Unix rule
    base = os.environ.get("XDG_CONFIG_HOME", "").strip() or os.path.expanduser("~/.config")
    return os.path.join(base, "trakon")


def saved_language(config: str | None = None) -> str | None:
    """The `language = "fi"` line of the settings file, or None: missing, not a regular
    file, too large, or any other shape (the full read later says what is wrong with it)."""
    path = os.path.join(config if config is not None else _config_dir(), "settings.toml")
    try:
        fd = os.open(path, _OPEN_FLAGS)
    except (OSError, ValueError):
        return None
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode) or info.st_size > _SETTINGS_BYTES:
            return None
        data = os.read(fd, _SETTINGS_BYTES)
    except OSError:
        return None
    finally:
        os.close(fd)
    for line in data.decode("utf-8", "replace").splitlines():
        line = line.strip()
        if line.startswith("["):  # a table: the top-level keys have ended
            return None
        key, equals, value = line.partition("=")
        if equals and key.strip() == "language":
            value = value.split("#", 1)[0].strip()
            if len(value) == 4 and value[0] == value[-1] and value[0] in "\"'":
                found = value[1:3]
                return found if found in ("fi", "en") else None
            return None
    return None


def pre_language(argv: Sequence[str]) -> str:
    """The language of the command line's own words: `--lang`, the saved one, the locale."""
    return _lang_argument(argv) or saved_language() or language_from_env()


def terminal_columns() -> int:
    """As `shutil.get_terminal_size().columns`, which argparse uses (COLUMNS, the terminal
    on standard output, else 80), without importing shutil."""
    try:
        columns = int(os.environ.get("COLUMNS", "0"))
    except ValueError:
        columns = 0
    if columns <= 0:
        try:
            columns = os.get_terminal_size(sys.__stdout__.fileno()).columns  # type: ignore[union-attr]
        except (AttributeError, ValueError, OSError):
            columns = 0
    return columns or 80


def help_path(lang: str) -> str:
    return os.path.join(_DATA, f"help.{lang}.txt")


def print_help(argv: Sequence[str]) -> bool:
    """Print the shipped top-level help if it is what argparse would print here; False
    when the command line must format it (a narrow terminal, a missing file)."""
    if terminal_columns() < HELP_WIDTH:
        return False
    try:
        with open(help_path(pre_language(argv)), encoding="utf-8") as handle:
            text = handle.read()
    except OSError:
        return False
    sys.stdout.write(text)
    sys.stdout.flush()
    return True
