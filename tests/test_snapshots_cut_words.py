"""No word cut in half on the snapshotted screens, at 100x32 and 60x20, in both languages.

A snapshot shows a cut ("f2 Kriisia") but does not call it wrong; this does. Each screen is
walked to as its snapshot test walks to it, then, for every cell of the terminal, Textual says
which widget is drawn there (`Screen.get_widget_at`). A word of a widget's own rendering
(`Widget.render_lines`) is cut when some of its cells show and some are covered or clipped,
or when the widget drew only a piece of it (folded, or cut off with "…"): what it drew is
then not a word of its text. Footer keys are stricter: a key is shown whole or not at all
(a key without its word only puzzles): the footer leaves out what does not fit.
"""

from __future__ import annotations

import io
import re
from collections.abc import Awaitable, Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from rich.console import Console
from textual.errors import NoWidget
from textual.geometry import Region
from textual.pilot import Pilot
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import OptionList, SelectionList, Static, TextArea
from textual.widgets._footer import FooterKey
from textual.widgets._toggle_button import ToggleButton

from tests import (
    test_snapshots,
    test_snapshots_breathing,
    test_snapshots_checkin,
    test_snapshots_practices,
    test_snapshots_present,
)
from tests.conftest import settle
from trakon_tui.i18n import Lang
from trakon_tui.ui.widgets.big_cue import BigCue
from trakon_tui.ui.widgets.key_line import KeyLine

SIZES = {"normal": (100, 32), "small": (60, 20)}
WORD = re.compile(r"\w+(?:[-'’/.:]\w+)*")  # "4-4-4-4", "don't", "1.5" are one word
Grid = dict[tuple[int, int], Widget | None]
Factory = Callable[[Path, Lang], tuple[Any, Callable[[Pilot[None]], Awaitable[None]]]]


def _screens() -> dict[str, Factory]:
    screens: dict[str, Factory] = {}
    for module in (test_snapshots, test_snapshots_checkin, test_snapshots_practices):
        for name in module.SCREENS:
            screens[name] = lambda tmp, lang, m=module, n=name: m.screen_app(tmp, n, lang)
    for name in test_snapshots_present.STEPS:
        screens[f"present-{name}"] = lambda _tmp, lang, n=name: test_snapshots_present.screen_app(
            n, lang
        )
    # the three breathing moments differ only in the cue word and the picture
    breathing = test_snapshots_breathing.snapshot_app
    moment = test_snapshots_breathing.MOMENTS["exhale"]
    screens["breathing"] = lambda tmp, lang: breathing(tmp, lang, moment)
    screens["breathing-reduced"] = lambda tmp, lang: breathing(tmp, lang, moment, reduced=True)
    return screens


SCREENS = _screens()


@dataclass(frozen=True)
class Cut:
    widget: str
    text: str
    how: str

    def __str__(self) -> str:
        return f"{self.widget}: {self.text!r} {self.how}"


def owners(screen: Screen[Any]) -> Grid:
    """The widget drawn in each cell of the terminal (what is on top there)."""
    width, height = screen.size
    grid: Grid = {}
    for y in range(height):
        for x in range(width):
            try:
                grid[x, y] = screen.get_widget_at(x, y)[0]
            except NoWidget:
                grid[x, y] = None
    return grid


def plain(content: object) -> str:
    text = getattr(content, "plain", None)
    if isinstance(text, str):
        return text
    if isinstance(content, str):
        return content
    console = Console(width=10_000, file=io.StringIO(), record=True, color_system=None)
    console.print(content)
    return console.export_text()


def source_text(widget: Widget) -> str:
    """All the widget has to say, unwrapped: what its drawn words must be whole words of."""
    if isinstance(widget, FooterKey):
        return f"{widget.key_display} {widget.description}"
    if isinstance(widget, OptionList):
        prompts = "\n".join(plain(option.prompt) for option in widget.options)
        if isinstance(widget, SelectionList):
            prompts += f" {ToggleButton.BUTTON_INNER}"  # the box ticked
        return prompts
    if isinstance(widget, TextArea):
        return widget.text
    if isinstance(widget, ToggleButton):
        return f"{plain(widget.label)} {widget.BUTTON_INNER}"
    if isinstance(widget, Static):
        return plain(widget.content)
    return plain(widget.render())


def drawn_rows(widget: Widget) -> list[str]:
    region = widget.region
    return [strip.text for strip in widget.render_lines(Region(0, 0, *region.size))]


def text_widgets(screen: Screen[Any]) -> Iterable[Widget]:
    for widget in screen.query("*"):
        if widget.children and not isinstance(widget, OptionList):
            continue  # a container: its children are checked
        if isinstance(widget, BigCue):
            continue  # drawn letters, fitted to the terminal by BigCue.fit
        if widget.display and widget.region.area:
            yield widget


def shown_of(widget: Widget, grid: Grid, row: int, start: int, end: int) -> list[bool]:
    x, y = widget.region.x, widget.region.y + row
    return [grid.get((x + col, y)) is widget for col in range(start, end)]


def word_cuts(widget: Widget, grid: Grid) -> list[Cut]:
    words = set(WORD.findall(source_text(widget)))
    name = f"{type(widget).__name__}#{widget.id}" if widget.id else type(widget).__name__
    cuts = []
    for row, line in enumerate(drawn_rows(widget)):
        for match in WORD.finditer(line):
            shown = shown_of(widget, grid, row, match.start(), match.end())
            if any(shown) and not all(shown):
                part = "".join(c for c, s in zip(match[0], shown, strict=True) if s)
                cuts.append(Cut(name, match[0], f"shows as {part!r}"))
            elif all(shown) and match[0] not in words:
                cuts.append(Cut(name, match[0], "is a piece of a word (folded or cut off)"))
    return cuts


def footer_cuts(screen: Screen[Any], grid: Grid) -> list[Cut]:
    cuts = []
    for widget in text_widgets(screen):
        if isinstance(widget, FooterKey):
            shown = [  # the cells it draws a character in, and whether each shows
                (char, grid.get((widget.region.x + col, widget.region.y + row)) is widget)
                for row, line in enumerate(drawn_rows(widget))
                for col, char in enumerate(line)
                if not char.isspace()
            ]
            if any(s for _c, s in shown) and not all(s for _c, s in shown):
                shows = f"shows as {_visible(widget, grid)!r}"
                cuts.append(Cut("FooterKey", source_text(widget), shows))
        elif isinstance(widget, KeyLine):
            cuts += word_cuts(widget, grid)
    return cuts


def _visible(widget: Widget, grid: Grid) -> str:
    rows = drawn_rows(widget)
    return " ".join(
        "".join(c for c, s in zip(line, shown_of(widget, grid, r, 0, len(line)), strict=True) if s)
        for r, line in enumerate(rows)
    ).strip()


def label_cuts(screen: Screen[Any], grid: Grid) -> list[Cut]:
    cuts = []
    for widget in text_widgets(screen):
        if not isinstance(widget, FooterKey | KeyLine):
            cuts += word_cuts(widget, grid)
    return cuts


@pytest.mark.parametrize("lang", ["en", "fi"])
@pytest.mark.parametrize("screen", list(SCREENS))
async def test_no_word_is_cut_in_half(tmp_path: Path, screen: str, lang: Lang) -> None:
    app, run_before = SCREENS[screen](tmp_path, lang)
    labels: dict[str, list[str]] = {}
    footer: dict[str, list[str]] = {}
    async with app.run_test(size=SIZES["normal"]) as pilot:
        await run_before(pilot)
        for size in ("normal", "small"):
            await pilot.resize_terminal(*SIZES[size])
            await settle(pilot)
            grid = owners(app.screen)
            labels[size] = [str(cut) for cut in label_cuts(app.screen, grid)]
            footer[size] = [str(cut) for cut in footer_cuts(app.screen, grid)]
    assert labels == {"normal": [], "small": []}
    assert footer == {"normal": [], "small": []}
