"""The breathing picture: a solid frame that fills on the in-breath and empties on the out-breath.

The surface moves in eighths of a row (lower block elements), so the motion is smooth, and
each frame repaints only the row the surface is in (two when it crosses a row): Textual
renders every row of what changed, so this keeps a moving frame near the framework's own cost
at any terminal size. Nothing is redrawn while the level rests.
"""

from __future__ import annotations

from typing import ClassVar

from rich.color import Color
from rich.segment import Segment
from rich.style import Style
from textual.geometry import Region
from textual.strip import Strip
from textual.widget import Widget

LOWER_BLOCKS = " ▁▂▃▄▅▆▇█"  # index n: the lower n eighths filled
MIN_FILL = 0.12  # the empty-lungs level: a little base always shows
FRAME_ASPECT = 3.0  # frame width : height, in cells (a cell is about twice as tall as wide)


class BreathBox(Widget):
    """Draws `level` (0 empty .. 1 full) as a frame filled from the bottom."""

    COMPONENT_CLASSES: ClassVar[set[str]] = {"breath-box--fill", "breath-box--empty"}
    DEFAULT_CSS = """
    BreathBox {
        width: 1fr;
        height: 1fr;
    }
    BreathBox > .breath-box--fill {
        color: $primary;
    }
    BreathBox > .breath-box--empty {
        color: $panel;
    }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._level = 0.0
        self._fill: int | None = None  # eighths of a row filled, from the bottom
        self._strips: dict[int, Strip] = {}  # by how many eighths of that row are filled
        self._colours: tuple[Color | None, Color | None, Color | None] | None = None
        self.redraws = 0  # how often the picture really changed (the benchmark reads it)

    @property
    def level(self) -> float:
        return self._level

    def set_level(self, level: float) -> None:
        self._level = min(max(level, 0.0), 1.0)
        fill = self._eighths()
        if fill != self._fill:
            old, self._fill = self._fill, fill
            self.redraws += 1
            if old is None:
                self.refresh()
            else:
                self.refresh(self._rows_between(old, fill))

    # --- geometry --------------------------------------------------------------------

    def _frame(self) -> tuple[int, int, int, int]:
        """(left, top, width, height) of the frame, in cells. `outer_size` is the size the
        layout set (this widget has no padding or border, so it is the content size); `size`
        would walk the layout again on each of a frame's several calls."""
        width, height = self.outer_size
        rows = max(1, height)
        columns = max(4, min(width - 4, round(rows * FRAME_ASPECT)))
        return (width - columns) // 2, 0, columns, rows

    def _eighths(self) -> int:
        _, _, _, rows = self._frame()
        return round((MIN_FILL + (1 - MIN_FILL) * self._level) * rows * 8)

    def _rows_between(self, old: int, new: int) -> Region:
        """The rows whose picture differs between two fill levels."""
        left, top, columns, rows = self._frame()
        low, high = min(old, new), max(old, new)
        first = rows - 1 - min((high - 1) // 8, rows - 1)  # rows count from the top
        last = rows - 1 - (low // 8) if low < rows * 8 else 0
        return Region(left, top + first, columns, max(1, last - first + 1))

    def on_resize(self) -> None:
        self._fill = self._eighths()
        self._strips.clear()

    def notify_style_update(self) -> None:
        # A theme change: look the colours up again (once, not on every line).
        super().notify_style_update()
        self._colours = None
        self._strips.clear()

    # --- drawing ---------------------------------------------------------------------

    def _palette(self) -> tuple[Color | None, Color | None, Color | None]:
        if self._colours is None:
            self._colours = (
                self.rich_style.bgcolor,
                self.get_component_rich_style("breath-box--fill", partial=True).color,
                self.get_component_rich_style("breath-box--empty", partial=True).color,
            )
        return self._colours

    def render_line(self, y: int) -> Strip:
        if self._fill is None:
            self._fill = self._eighths()
        _, _, _, rows = self._frame()
        from_bottom = rows - 1 - y
        filled = min(max(self._fill - from_bottom * 8, 0), 8)
        if filled not in self._strips:
            self._strips[filled] = self._row(filled)
        return self._strips[filled]

    def _row(self, filled: int) -> Strip:
        """A row of the frame with its lower `filled` eighths in the fill colour."""
        width = self.outer_size.width
        left, _, columns, _ = self._frame()
        back, fill, empty = self._palette()
        if filled >= 8:
            body = Segment(" " * columns, Style(bgcolor=fill))
        elif filled <= 0:
            body = Segment(" " * columns, Style(bgcolor=empty))
        else:
            body = Segment(LOWER_BLOCKS[filled] * columns, Style(color=fill, bgcolor=empty))
        segments = [Segment(" " * left, Style(bgcolor=back)), body]
        rest = width - left - columns
        if rest > 0:
            segments.append(Segment(" " * rest, Style(bgcolor=back)))
        return Strip(segments, width)


class StepBar(Widget):
    """Reduced motion: one solid cell group per second of the phase, filled second by second."""

    COMPONENT_CLASSES: ClassVar[set[str]] = {"step-bar--done", "step-bar--todo"}
    DEFAULT_CSS = """
    StepBar {
        width: 1fr;
        height: 1;
    }
    StepBar > .step-bar--done {
        background: $primary;
    }
    StepBar > .step-bar--todo {
        background: $panel;
    }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.steps = 1
        self.done = 0

    def show(self, steps: int, done: int) -> None:
        if (steps, done) != (self.steps, self.done):
            self.steps, self.done = max(steps, 1), min(max(done, 0), max(steps, 1))
            self.refresh()

    def render_line(self, y: int) -> Strip:
        width = self.size.width
        done_style = self.get_component_rich_style("step-bar--done")
        todo_style = self.get_component_rich_style("step-bar--todo")
        cell = max(1, (width - (self.steps - 1)) // self.steps)
        segments: list[Segment] = []
        for i in range(self.steps):
            segments.append(Segment(" " * cell, done_style if i < self.done else todo_style))
            if i < self.steps - 1:
                segments.append(Segment(" ", self.rich_style))
        used = sum(s.cell_length for s in segments)
        offset = max(0, (width - used) // 2)
        return Strip([Segment(" " * offset, self.rich_style), *segments], width).crop(0, width)
