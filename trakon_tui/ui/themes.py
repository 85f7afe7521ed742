"""Calm themes: no red, no good/bad colours for zones, a high-contrast theme for projectors."""

from __future__ import annotations

from typing import ClassVar

from rich.segment import Segment
from textual.color import Color
from textual.filter import LineFilter
from textual.scrollbar import ScrollBarRender
from textual.theme import Theme

THEMES: tuple[Theme, ...] = (
    Theme(
        name="trakon-dark",
        primary="#7FB7BE",
        secondary="#A7A2C9",
        accent="#D9C7A1",
        warning="#D9C7A1",
        error="#C9B18A",
        success="#8FBF9F",
        foreground="#E6E6E1",
        background="#1E2528",
        surface="#263034",
        panel="#2E3A3F",
        dark=True,
    ),
    Theme(
        name="trakon-light",
        primary="#2F6F78",
        secondary="#5C5694",
        accent="#7A5C1E",
        warning="#7A5C1E",
        error="#7A5C1E",
        success="#2F6B45",
        foreground="#1F2A2E",
        background="#F4F1EA",
        surface="#EAE5DA",
        panel="#DED7C8",
        dark=False,
    ),
    Theme(
        name="trakon-contrast",
        primary="#FFFF66",
        secondary="#66FFFF",
        accent="#FFFF66",
        warning="#FFFF66",
        error="#FFFF66",
        success="#66FF99",
        foreground="#FFFFFF",
        background="#000000",
        surface="#000000",
        panel="#1A1A1A",
        dark=True,
    ),
)


class Colourless(LineFilter):
    """NO_COLOR (no-color.org): no colour codes at all, not even the greys Textual's own
    Monochrome filter draws; bold, dim, italic, underline and reverse stay, and trakon.tcss
    marks highlights and choices with them under `:nocolor`."""

    def apply(self, segments: list[Segment], background: Color) -> list[Segment]:
        return [
            segment
            if segment.style is None or segment.control
            else Segment(segment.text, segment.style.without_color)
            for segment in segments
        ]


class WholeCellScrollBar(ScrollBarRender):
    """A scrollbar whose thumb covers whole cells. Textual draws the thumb's ends as partial
    blocks (▁▂▃ …), and alone at a page's edge they read as stray characters ("▃▃" beside a
    card at 60x20): where the colours are faint, under NO_COLOR, in a screen reader's text.
    The thumb says as much in whole cells: its place and size, a cell at most rounded."""

    VERTICAL_BARS: ClassVar[list[str]] = [" "]
    HORIZONTAL_BARS: ClassVar[list[str]] = [" "]
