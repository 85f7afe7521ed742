"""Textual's own floor for a moving picture: one 1-row widget repainted 20 times a second."""

from rich.segment import Segment
from rich.style import Style
from textual.app import App, ComposeResult
from textual.strip import Strip
from textual.widget import Widget
from textual.widgets import Static


class Bar(Widget):
    DEFAULT_CSS = "Bar { height: 1; width: 1fr; }"
    step = 0

    def on_mount(self) -> None:
        self.set_interval(1 / 20, self.tick)

    def tick(self) -> None:
        self.step = (self.step + 1) % 50
        self.refresh()

    def render_line(self, y: int) -> Strip:
        width = self.size.width
        filled = 10 + self.step
        return Strip(
            [
                Segment(" " * filled, Style(bgcolor="cyan")),
                Segment(" " * (width - filled), Style(bgcolor="black")),
            ],
            width,
        )


class Floor(App[None]):
    def compose(self) -> ComposeResult:
        yield Static("Trakon baseline")  # the marker the benchmark waits for
        yield Bar()


if __name__ == "__main__":
    Floor().run()
