"""History's lists are drawn without a Rich table (#16), exactly as the table drew them:
the same characters in the same styles at every width, a narrow terminal included."""

from __future__ import annotations

import io

import pytest
from rich.console import Console
from rich.style import Style
from rich.table import Table
from rich.text import Text

from trakon_tui.ui.widgets.rows import Rows, ShortColumn

ROWS = [
    (
        ("2026-11-22 10:03", "10"),
        Text("Above the window · after Cyclic sighing · kotikäynti, puhelu · strength 6 · ✎"),
    ),
    (("2026-11-22 10:00", "8"), Text("Yli sietoikkunan · ennen Huokaus")),
    (("2026-11-18 9:00", "?"), Text("don't know")),
    (("2026-11-18 9:00", "4"), Text.assemble(("Averyveryverylongwordwithoutspaces", "bold"), " x")),
]
COLUMNS = (ShortColumn("dim"), ShortColumn(justify="right"))


def grid() -> Table:
    """What history drew before: a grid with the times dim and the levels to the right."""
    table = Table.grid(padding=(0, 2))
    table.add_column(no_wrap=True, style="dim")
    table.add_column(no_wrap=True, justify="right")
    table.add_column()
    for (when, level), words in ROWS:
        table.add_row(when, level, words)
    return table


def drawn(renderable: object, width: int) -> list[list[tuple[str, Style | None]]]:
    """Each line as its characters with their styles (however the segments split them)."""
    console = Console(width=width, file=io.StringIO())
    lines = console.render_lines(renderable, console.options, pad=False)  # type: ignore[arg-type]
    return [
        [(char, segment.style or Style()) for segment in line for char in segment.text]
        for line in lines
    ]


def plain(line: list[tuple[str, Style | None]]) -> str:
    return "".join(char for char, _style in line)


@pytest.mark.parametrize("width", [120, 100, 60, 41, 32, 30, 29, 24, 12, 5])
def test_rows_draw_what_the_grid_drew(width: int) -> None:
    assert drawn(Rows(COLUMNS, ROWS), width) == drawn(grid(), width)


def test_a_long_last_cell_wraps_under_its_own_column() -> None:
    lines = [plain(line) for line in drawn(Rows(COLUMNS, ROWS[:1]), 60)]
    assert [line.rstrip() for line in lines] == [
        "2026-11-22 10:03  10  Above the window · after Cyclic",
        "                      sighing · kotikäynti, puhelu ·",
        "                      strength 6 · ✎",
    ]
