"""The breathing picture: a solid frame that fills on the in-breath and empties on the out-breath.

The surface moves in eighths of a row (lower block elements), so the motion is smooth, and
each frame repaints only the row the surface is in (two when it crosses a row): Textual
renders every row of what changed, so this keeps a moving frame near the framework's own cost
at any terminal size. The widget is only as wide as the frame (`width: auto`), centred by its
container (`BreathStage`): Textual sends a changed row of a widget whole, and a full-width
picture would send its blank margins with every frame. Nothing is redrawn while the level
rests. A frame is drawn from the frame tick itself (`BreathBox._paint`), not through Textual's
refresh messages and update timer.
"""

from __future__ import annotations

from typing import ClassVar

from rich.color import Color
from rich.segment import Segment
from rich.style import Style
from textual.app import ScreenStackError
from textual.color import Color as TextualColor
from textual.dom import NoScreen
from textual.geometry import Region, Size
from textual.strip import Strip
from textual.widget import Widget

from trakon_tui.ui.widgets.flat import FlatCenter

LOWER_BLOCKS = " ▁▂▃▄▅▆▇█"  # index n: the lower n eighths filled
MIN_FILL = 0.12  # the empty-lungs level: a little base always shows
FRAME_ASPECT = 3.0  # frame width : height, in cells (a cell is about twice as tall as wide)


def frame_columns(width: int, rows: int) -> int:
    """The frame's width in cells, for the room around it (`width` × `rows` cells)."""
    return max(4, min(width - 4, round(max(1, rows) * FRAME_ASPECT)))


class BreathStage(FlatCenter):
    """The room the picture gets: the rest of the screen's height, the picture centred in it."""

    DEFAULT_CSS = """
    BreathStage {
        width: 1fr;
        height: 1fr;
    }
    """


class BreathBox(Widget):
    """Draws `level` (0 empty .. 1 full) as a frame filled from the bottom."""

    COMPONENT_CLASSES: ClassVar[set[str]] = {"breath-box--fill", "breath-box--empty"}
    DEFAULT_CSS = """
    BreathBox {
        width: auto;
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
        self._colours: tuple[Color | None, Color | None] | None = None
        self._back: TextualColor | None = None  # the background the app's line filters blend with
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
                self._paint(self._rows_between(old, fill))

    def _paint(self, region: Region) -> None:
        """Send the changed rows to the terminal now, from the frame tick itself.

        `refresh()` would go the long way: a prompt to this widget, an idle, an update
        message to the screen, then the screen's next update tick (up to 1/60 s later) to
        render and write the same rows. Here the compositor renders the rows at once (a
        partial update: only these rows, only this widget's cells). This uses Textual's
        private `_compositor`, `_display` and `_batch_count` (Textual is pinned to 8.x: an
        upgrade must re-check them; tests/test_breathing checks what a frame sends). While
        the screen is not the one on show, an update is batched or a layout is due, the
        picture takes the usual way."""
        try:
            app, screen = self.app, self.screen
            direct = screen is app.screen and not (
                app._batch_count or app.is_inline or screen._layout_required
            )
        except (NoScreen, ScreenStackError):  # leaving: nothing to draw on
            return
        if not direct:
            self.refresh(region)
            return
        self._set_dirty(region)
        compositor = screen._compositor
        compositor.update_widgets({self})
        app._display(screen, compositor.render_update(screen_stack=app._background_screens))

    # --- geometry --------------------------------------------------------------------

    def get_content_width(self, container: Size, viewport: Size) -> int:
        # `container` is the stage's size: the frame is as tall as the stage, or as its
        # `max-height` in cells (trakon.tcss: a big terminal gets a picture of a readable
        # size, not one that sends a 135-cell row of block glyphs with every frame, #16).
        rows = container.height
        cap = self.styles.max_height
        if cap is not None and cap.cells is not None:
            rows = min(rows, cap.cells)
        return frame_columns(container.width, rows)

    def _rows(self) -> int:
        """The frame's height in rows. `outer_size` is the size the layout set (no padding
        or border: the content size); `size` would walk the layout again on each call."""
        return max(1, self.outer_size.height)

    def _eighths(self) -> int:
        return round((MIN_FILL + (1 - MIN_FILL) * self._level) * self._rows() * 8)

    def _rows_between(self, old: int, new: int) -> Region:
        """The rows whose picture differs between two fill levels."""
        rows = self._rows()
        low, high = min(old, new), max(old, new)
        first = rows - 1 - min((high - 1) // 8, rows - 1)  # rows count from the top
        last = rows - 1 - (low // 8) if low < rows * 8 else 0
        return Region(0, first, self.outer_size.width, max(1, last - first + 1))

    def on_resize(self) -> None:
        self._fill = self._eighths()
        self._strips.clear()

    def notify_style_update(self) -> None:
        # A theme change: look the colours up again (once, not on every line).
        super().notify_style_update()
        self._forget()

    def _set_dirty(self, *regions: Region) -> None:
        if not regions:  # the whole picture again (a theme, style or size change)
            self._forget()
        super()._set_dirty(*regions)

    def _forget(self) -> None:
        self._colours = None
        self._back = None
        self._strips.clear()

    # --- drawing ---------------------------------------------------------------------

    def _palette(self) -> tuple[Color | None, Color | None]:
        if self._colours is None:
            self._colours = (
                self.get_component_rich_style("breath-box--fill", partial=True).color,
                self.get_component_rich_style("breath-box--empty", partial=True).color,
            )
        return self._colours

    def render_lines(self, crop: Region) -> list[Strip]:
        # Rows are full, empty or the one row the surface is in, each one of ten cached
        # strips: the lines are put together here rather than row by row through the styles
        # cache, which would style each of the frame's rows again on every frame (the
        # compositor asks a top-level widget for all its lines).
        if self._fill is None:
            self._fill = self._eighths()
        rows = self._rows()
        full, part = divmod(min(self._fill, rows * 8), 8)
        empty = rows - full - (1 if part else 0)
        lines = [self._strip(0)] * empty
        if part:
            lines.append(self._strip(part))
        lines += [self._strip(8)] * full
        lines = lines[crop.y : crop.bottom]
        if crop.column_span != (0, self.outer_size.width):
            lines = [strip.crop(crop.x, crop.right) for strip in lines]
        return lines

    def render_line(self, y: int) -> Strip:
        if self._fill is None:
            self._fill = self._eighths()
        from_bottom = self._rows() - 1 - y
        return self._strip(min(max(self._fill - from_bottom * 8, 0), 8))

    def _strip(self, filled: int) -> Strip:
        """The row with its lower `filled` eighths in the fill colour, cached."""
        strip = self._strips.get(filled)
        if strip is None:
            strip = self._strips[filled] = self._filtered(self._row(filled))
        return strip

    def _filtered(self, strip: Strip) -> Strip:
        """The strip through the app's line filters (colour-free, dim), as Textual would."""
        if self._back is None:
            self._back = self.background_colors[1]
        for line_filter in self.get_line_filters():
            strip = strip.apply_filter(line_filter, self._back)
        return strip

    def _row(self, filled: int) -> Strip:
        """A row of the frame with its lower `filled` eighths in the fill colour."""
        columns = self.outer_size.width
        fill, empty = self._palette()
        if filled >= 8:
            body = Segment(" " * columns, Style(bgcolor=fill))
        elif filled <= 0:
            body = Segment(" " * columns, Style(bgcolor=empty))
        else:
            body = Segment(LOWER_BLOCKS[filled] * columns, Style(color=fill, bgcolor=empty))
        return Strip([body], columns)


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
