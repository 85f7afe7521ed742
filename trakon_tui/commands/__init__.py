"""The subcommands: each prints lines of text, and says what went wrong through `complain`."""

from __future__ import annotations

import sys


def complain(message: str) -> None:
    """One line on stderr. Ids, paths and names in it may come from the command line or a
    file (`trakon breathe $'\\e[2J'`): control characters are shown as visible stand-ins."""
    from trakon_tui.core.text import visible  # not imported for --version and --help

    print(visible(message, lines=False), file=sys.stderr)
