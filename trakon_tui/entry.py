"""The `trakon` command's first lines: `trakon --version` and `trakon --help` answer before
anything else is imported (DESIGN: at most 2× a bare interpreter; the full command line
costs argparse, gettext and the options' classes), everything else goes to
`trakon_tui.cli`."""

from __future__ import annotations

import sys


def main() -> int:
    if sys.argv[1:] == ["--version"]:
        from trakon_tui import __version__

        print(f"trakon {__version__}")
        return 0
    if _asks_help(sys.argv[1:]):
        from trakon_tui.quick import print_help

        if print_help(sys.argv[1:]):
            return 0
    from trakon_tui.cli import main as run

    return run()


def _asks_help(argv: list[str]) -> bool:
    """`--help` or `-h`, alone or with `--lang fi|en`: the top-level help."""
    rest = [arg for arg in argv if not arg.startswith("--lang=")]
    if "--lang" in rest:
        at = rest.index("--lang")
        del rest[at : at + 2]
    return rest in (["--help"], ["-h"])
