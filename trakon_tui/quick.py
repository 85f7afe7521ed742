"""What `trakon --help` and the command line's first step need, with nothing but `os` and
`sys` imported (DESIGN: `--help` and `--version` at most 2× a bare interpreter; argparse,
gettext, pathlib and dataclasses alone cost ~25 ms here).

- The language before anything else is read: `--lang`, else the locale.
- The top-level help, rendered by argparse into `data/help.<lang>.txt` by
  `tools/i18n.py compile` (a test keeps them equal to what argparse prints); printed as is
  when the terminal is at least `HELP_WIDTH` columns wide, which is the width the command
  line's help is always formatted to.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Mapping, Sequence

HELP_WIDTH = 80  # argparse formats help to at most this many columns (fewer when narrower)
_DATA = os.path.join(os.path.dirname(os.path.abspath(__file__)), "data")


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


_XDG = {
    "config": ("XDG_CONFIG_HOME", "~/.config"),
    "data": ("XDG_DATA_HOME", "~/.local/share"),
    "cache": ("XDG_CACHE_HOME", "~/.cache"),
}


def user_dir(kind: str) -> str:
    """platformdirs' user config, data or cache folder for Trakon, with its Unix rule written
    out (importing platformdirs costs ~8-16 ms, for commands such as `list`, `export` or
    `checkin --level` that never import Textual, which imports it); other systems, and a
    home that is not an absolute path, ask platformdirs itself. A test keeps them equal."""
    variable, default = _XDG[kind]
    home = os.environ.get("HOME", "")
    if sys.platform in ("darwin", "win32", "cygwin") or not os.path.isabs(home):
        import platformdirs

        found = getattr(platformdirs, f"user_{kind}_dir")("trakon", appauthor=False)
        return str(found)
    base = os.environ.get(variable, "")
    if not os.path.isabs(base):
        base = os.path.expanduser(default)
    return os.path.join(base, "trakon")


def pre_language(argv: Sequence[str]) -> str:
    """The language of the command line's own words: `--lang`, else the locale. The saved
    settings are not read for it: a settings file the full read refuses (a typo in another
    key) is ignored as a whole, and the language must not be half-read from it."""
    return _lang_argument(argv) or language_from_env()


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
    """The help as this Python's argparse formats it (another version may format it a
    little differently: then there is no file and the command line formats it itself)."""
    major, minor = sys.version_info[:2]
    return os.path.join(_DATA, f"help.{lang}.py{major}{minor}.txt")


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
