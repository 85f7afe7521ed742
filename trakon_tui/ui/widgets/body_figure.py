"""A simple drawn body for choosing where something is felt: head, throat, chest, belly,
arms and hands, legs and feet. Chosen areas are drawn solid in the calm accent; the rest
stays muted. The figure only shows the choice; the list beside it makes it."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual.widget import Widget

# The figure, and beside it which area each cell belongs to (" " for none).
FIGURE = (
    "   ▄███▄   ",
    "   ▀███▀   ",
    "    ▐█▌    ",
    " ▄███████▄ ",
    " █ █████ █ ",
    " █ █████ █ ",
    " ▀ █████ ▀ ",
    "   ██ ██   ",
    "   ██ ██   ",
    "  ▀▀▀ ▀▀▀  ",
)
AREAS = (
    "   hhhhh   ",
    "   hhhhh   ",
    "    ttt    ",
    " aacccccaa ",
    " a ccccc a ",
    " a bbbbb a ",
    " a bbbbb a ",
    "   ll ll   ",
    "   ll ll   ",
    "  lll lll  ",
)
AREA_IDS = {
    "h": "head",
    "t": "throat",
    "c": "chest",
    "b": "belly",
    "a": "arms-hands",
    "l": "legs-feet",
}


class BodyFigure(Widget):
    COMPONENT_CLASSES: ClassVar[set[str]] = {"body-figure--chosen", "body-figure--other"}
    DEFAULT_CSS = """
    BodyFigure {
        width: 13;
        height: 10;
        padding: 0 1;
    }
    BodyFigure > .body-figure--chosen { color: $accent; text-style: bold; }
    BodyFigure > .body-figure--other { color: $text-muted; }
    """

    def __init__(self, chosen: frozenset[str] = frozenset(), *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.chosen = chosen

    def show(self, chosen: frozenset[str]) -> None:
        self.chosen = chosen
        self.refresh()

    def render(self) -> Text:
        chosen = self.get_component_rich_style("body-figure--chosen")
        other = self.get_component_rich_style("body-figure--other")
        text = Text()
        for row, (shape, areas) in enumerate(zip(FIGURE, AREAS, strict=True)):
            if row:
                text.append("\n")
            for cell, area in zip(shape, areas, strict=True):
                picked = AREA_IDS.get(area) in self.chosen
                text.append(cell, style=chosen if picked else other)
        return text
