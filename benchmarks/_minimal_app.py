"""The baseline: a minimal Textual app that mounts one screen with one line of text."""

from textual.app import App, ComposeResult
from textual.widgets import Static


class Minimal(App[None]):
    def compose(self) -> ComposeResult:
        yield Static("Trakon baseline")  # "baseline": the marker the benchmarks wait for


if __name__ == "__main__":
    Minimal().run()
