"""Rows of short cells and a last cell that wraps under its own column: what
`Table.grid(padding=(0, 2))` draws for history's lists, line for line and style for style, at
a fraction of its cost (#16: Rich measures and renders every cell of a table several times
per layout; here a row is one Text wrapped once). Cells are Rich Text built from plain
strings, never markup; the app's line filter still drops any control character."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

from rich.cells import cell_len
from rich.measure import Measurement
from rich.segment import Segment
from rich.table import Table
from rich.text import Text

if TYPE_CHECKING:
    from rich.console import Console, ConsoleOptions, RenderResult

GAP = 2  # spaces after each short cell, in that cell's style
NARROWEST = 8  # below this width for the last cell, the rows are drawn as a Rich grid


@dataclass(frozen=True)
class ShortColumn:
    """A column of short cells, one line each: their style and which side they keep to."""

    style: str = ""
    justify: Literal["left", "right"] = "left"


@dataclass(frozen=True)
class Rows:
    """`rows`: the short cells (plain strings, one per column of `columns`) and the last
    cell, which wraps under its own column."""

    columns: Sequence[ShortColumn]
    rows: Sequence[tuple[Sequence[str], Text]]

    def _widths(self) -> list[int]:
        return [
            max((cell_len(cells[n]) for cells, _last in self.rows), default=0)
            for n in range(len(self.columns))
        ]

    def __rich_measure__(self, console: Console, options: ConsoleOptions) -> Measurement:
        indent = sum(width + GAP for width in self._widths())
        lasts = [last for _cells, last in self.rows]
        widest = max((last.cell_len for last in lasts), default=0)
        longest = max((cell_len(w) for last in lasts for w in last.plain.split()), default=0)
        return Measurement(indent + longest, indent + widest).clamp(max_width=options.max_width)

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        widths = self._widths()
        indent = sum(width + GAP for width in widths)
        if options.max_width - indent < NARROWEST:  # a tiny terminal: as the grid squeezes
            yield self._grid()
            return
        widest = max((last.cell_len for _cells, last in self.rows), default=0)
        room = min(options.max_width - indent, widest)
        blank = Text.assemble(
            *(
                (" " * (width + GAP), column.style)
                for column, width in zip(self.columns, widths, strict=True)
            )
        )
        for cells, last in self.rows:
            head = Text()
            for cell, width, column in zip(cells, widths, self.columns, strict=True):
                pad = " " * (width - cell_len(cell))
                shown = pad + cell if column.justify == "right" else cell + pad
                head.append(shown + " " * GAP, style=column.style)
            lines = last.wrap(console, room, justify="left", overflow="ellipsis")
            for n, line in enumerate(lines):
                yield from (head if n == 0 else blank).render(console)
                yield from line.render(console)
                yield Segment.line()

    def _grid(self) -> Table:
        table = Table.grid(padding=(0, GAP))
        for column in self.columns:
            table.add_column(no_wrap=True, style=column.style, justify=column.justify)
        table.add_column()
        for cells, last in self.rows:
            table.add_row(*cells, last)
        return table
