"""Containers that draw one plain line, repeated: cheap to repaint around a moving picture.

Textual repaints every widget whose clip overlaps a changed region, and a top-level widget's
clip is the whole screen: each frame of the breathing picture also re-renders every line of
the containers beside it, through the styles cache, line by line. A container draws only its
background (its children are painted on their own), so all its lines are the same: `Flat`
renders one line the usual way (styles, filters and all) and repeats it until the widget is
next marked dirty (a style, theme or size change). The breathing screen mixes it in too: the
screen itself is rendered for every frame, and its children cover all of it.
"""

from __future__ import annotations

from textual.containers import Center, Vertical
from textual.geometry import Region
from textual.strip import Strip
from textual.widget import Widget


class Flat(Widget):
    """A widget without content or border of its own: every line is its background.

    Also a mixin for a screen whose children cover it (`class S(TrakonScreen[R], Flat)`):
    nothing here needs an `__init__`, so it mixes in behind any widget class."""

    _flat: dict[tuple[int, int], Strip] | None = None  # by the crop's (x, width)

    def render_lines(self, crop: Region) -> list[Strip]:
        if self._flat is None:
            self._flat = {}
        key = (crop.x, crop.width)
        line = self._flat.get(key)
        if line is None:
            line = super().render_lines(Region(crop.x, 0, crop.width, 1))[0]
            self._flat[key] = line
        return [line] * crop.height

    def _set_dirty(self, *regions: Region) -> None:
        self._flat = None
        super()._set_dirty(*regions)


# The container comes first: Textual takes CSS (type names, DEFAULT_CSS) from the first base.


class FlatVertical(Vertical, Flat):
    """A `Vertical` that repaints cheaply (its CSS type is still `Vertical`)."""


class FlatCenter(Center, Flat):
    """A `Center` that repaints cheaply (its CSS type is still `Center`)."""
