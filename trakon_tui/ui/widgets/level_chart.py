"""Arousal over days or weeks as block rows, with the personal window band drawn behind.

One row per level (10 at the top), one column per day or week: a solid block at the mean,
a lighter block from the lowest to the highest, dots where the window band is. No red, no
"good" green: the band is the calm accent, the rest muted.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, timedelta
from typing import ClassVar

from rich.style import Style
from rich.text import Text
from textual.widget import Widget

from trakon_tui.core.history import Column, Span
from trakon_tui.core.text import short_day_text
from trakon_tui.i18n import _

AXIS = 5  # "10 │"


class LevelChart(Widget):
    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "level-chart--mean",
        "level-chart--range",
        "level-chart--band",
        "level-chart--axis",
    }
    HEIGHT = 12  # ten levels, 0 and the dates
    DEFAULT_CSS = f"""
    LevelChart {{ height: {HEIGHT}; width: 1fr; }}
    LevelChart > .level-chart--mean {{ color: $accent; }}
    LevelChart > .level-chart--range {{ color: $text-muted; }}
    LevelChart > .level-chart--band {{ color: $accent-darken-2; }}
    LevelChart > .level-chart--axis {{ color: $text-muted; }}
    """

    def __init__(
        self,
        columns: Sequence[Column | None],
        first: date,
        window: tuple[int, int],
        span: Span,
        *,
        id: str | None = None,
    ) -> None:
        super().__init__(id=id)
        self.columns = list(columns)
        self.first = first  # the day the first column starts
        self.window = window
        self.span = span

    def show(self, columns: Sequence[Column | None], first: date, span: Span) -> None:
        self.columns, self.first, self.span = list(columns), first, span
        self.refresh()

    def render(self) -> Text:
        style = self.get_component_rich_style
        mean_style, range_style = style("level-chart--mean"), style("level-chart--range")
        band_style, axis_style = style("level-chart--band"), style("level-chart--axis")
        space = max(1, self.size.width - AXIS)
        cell = 3 if space >= 3 * len(self.columns) else (2 if space >= 2 * len(self.columns) else 1)
        shown = min(len(self.columns), space // cell)
        skipped = len(self.columns) - shown
        columns = self.columns[skipped:]
        low, high = self.window
        lines: list[Text] = []
        for level in range(10, -1, -1):
            in_band = low <= level <= high
            # (text, style) runs, neighbours of one style merged: a line is a handful of
            # spans rather than one per column (each span costs Textual a style conversion)
            runs: list[tuple[str, Style | None]] = [
                (f"{level:>2} ", axis_style),
                ("┃" if in_band else "│", band_style if in_band else axis_style),
            ]
            for column in columns:
                run: tuple[str, Style | None]
                if column is not None and round(column.mean) == level:
                    run = ("█" * (cell - 1 or 1) + (" " if cell > 1 else ""), mean_style)
                elif column is not None and column.lowest <= level <= column.highest:
                    run = ("▒" * (cell - 1 or 1) + (" " if cell > 1 else ""), range_style)
                elif in_band:
                    run = ("·" + " " * (cell - 1), band_style)
                else:
                    run = (" " * cell, None)
                if runs[-1][1] == run[1]:
                    runs[-1] = (runs[-1][0] + run[0], run[1])
                else:
                    runs.append(run)
            lines.append(Text.assemble(*((text, style or "") for text, style in runs)))
        lines.append(self._axis(skipped, shown, cell, axis_style))
        return Text("\n").join(lines)

    def _axis(self, skipped: int, shown: int, cell: int, style: Style) -> Text:
        """Dates under the chart: each week's first day, or every fourth week's number."""
        line = Text(" " * AXIS, style=style)
        step = 1 if self.span == "days" else 7
        every = 7 if self.span == "days" else 4
        used = 0
        for index in range(shown):
            position = index * cell
            if position < used or (shown - 1 - index) % every:
                continue
            start = self.first + timedelta(days=step * (skipped + index))
            if self.span == "days":
                label = short_day_text(start)
            else:
                label = _("wk {n}").format(n=start.isocalendar().week)
            line.append(" " * (position - used) + label, style=style)
            used = position + len(label)
        return line
