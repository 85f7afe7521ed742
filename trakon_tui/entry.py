"""The `trakon` command's first lines: `trakon --version` answers before anything else is
imported (DESIGN: at most 2× a bare interpreter; the full command line costs argparse,
gettext and the options' classes), everything else goes to `trakon_tui.cli`."""

from __future__ import annotations

import sys


def main() -> int:
    if sys.argv[1:] == ["--version"]:
        from trakon_tui import __version__

        print(f"trakon {__version__}")
        return 0
    from trakon_tui.cli import main as run

    return run()
