"""Textual's own floor for a moving picture, at the terminal's size.

    python benchmarks/_floor_app.py          one Static updated 20 times a second (DESIGN.md)
    python benchmarks/_floor_app.py --line   one 1-row widget repainted 20 times a second (the
                                             floor before 2026-12-04: it skips Static's layout
                                             pass, so it is the cheaper reference)

Both draw the same moving one-row bar, full width: a coloured part growing by a cell a frame.
"""

import sys

from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual.app import App, ComposeResult
from textual.strip import Strip
from textual.widget import Widget
from textual.widgets import Static

FILL, REST = "cyan", "black"


def filled(step: int) -> int:
    return 10 + step


class Bar(Static):
    """The floor DESIGN.md names: a Static whose content is replaced 20 times a second."""

    DEFAULT_CSS = "Bar { height: 1; width: 1fr; }"
    step = 0

    def on_mount(self) -> None:
        self.set_interval(1 / 20, self.tick)

    def tick(self) -> None:
        self.step = (self.step + 1) % 50
        width = self.size.width
        done = min(filled(self.step), width)
        self.update(Text.assemble((" " * done, f"on {FILL}"), (" " * (width - done), f"on {REST}")))


class LineBar(Widget):
    """The older, cheaper floor: a widget drawing its one line, repainted 20 times a second."""

    DEFAULT_CSS = "LineBar { height: 1; width: 1fr; }"
    step = 0

    def on_mount(self) -> None:
        self.set_interval(1 / 20, self.tick)

    def tick(self) -> None:
        self.step = (self.step + 1) % 50
        self.refresh()

    def render_line(self, y: int) -> Strip:
        width = self.size.width
        done = min(filled(self.step), width)
        return Strip(
            [
                Segment(" " * done, Style(bgcolor=FILL)),
                Segment(" " * (width - done), Style(bgcolor=REST)),
            ],
            width,
        )


class Floor(App[None]):
    def __init__(self, line: bool) -> None:
        super().__init__()
        self.line = line

    def compose(self) -> ComposeResult:
        yield Static("Trakon baseline")  # the marker the benchmark waits for
        yield LineBar() if self.line else Bar()


if __name__ == "__main__":
    Floor(line="--line" in sys.argv[1:]).run()
