"""The window of tolerance drawn as a vertical 0–10 scale with the personal band in the middle.

One line per level, 10 at the top: the level, a bar (solid in the band, light outside it), the
marker, and beside each part of the scale its zone's name and description. No good/bad
colours: the band is drawn in the theme's calm accent, the outside in a muted tone.
"""

from __future__ import annotations

import textwrap
from typing import TYPE_CHECKING, ClassVar, NamedTuple

from rich.style import Style
from rich.text import Text
from textual.geometry import Size
from textual.reactive import reactive
from textual.widget import Widget

from trakon_tui.core.text import tr
from trakon_tui.core.window import DEFAULT_WINDOW, ZoneName
from trakon_tui.i18n import N_, _

if TYPE_CHECKING:
    from trakon_tui.core.model import CheckinScale

BAR = 6
FULL_HEIGHT = 1000  # "as tall as it likes", to count the lines of the whole drawing
MIN_HEIGHT = 6  # question, three levels, don't know, hint; smaller says to enlarge the window
LEFT = 4 + BAR + 4  # "10 " + bar + " ◀ " gutter

_NAMES = {
    "above": N_("Above the window"),
    "within": N_("Within the window"),
    "below": N_("Below the window"),
}
_DESCRIPTIONS = {
    "above": N_("The nervous system is revved up, getting ready to act."),
    "within": N_("You can think and feel at once. There can still be stress."),
    "below": N_("The nervous system is in power-saving mode, protecting by turning down."),
}


class ZoneTexts(NamedTuple):
    name: str
    description: str
    signs: tuple[tuple[str, str], ...] = ()  # (id, label)


class ScaleTexts(NamedTuple):
    """What the scale says, in the current language: from the check-in TOML when it is
    loaded, else Trakon's own words (the first paint never waits for the library)."""

    question: str
    unsure: str
    zones: dict[str, ZoneTexts]
    body_areas: tuple[tuple[str, str], ...] = ()


def scale_texts(scale: CheckinScale | None, question: str | None = None) -> ScaleTexts:
    if scale is None:
        return ScaleTexts(
            question=question or _("Where are you right now?"),
            unsure=_("Don't know / mixed"),
            zones={z: ZoneTexts(_(_NAMES[z]), _(_DESCRIPTIONS[z])) for z in _NAMES},
        )
    zones = {}
    for zone in ("above", "within", "below"):
        text = getattr(scale.zones, zone)
        signs = tuple((sign.id, tr(sign.label)) for sign in text.signs)
        zones[zone] = ZoneTexts(tr(text.name), tr(text.description), signs)
    return ScaleTexts(
        question=question or tr(scale.question),
        unsure=tr(scale.unsure) if scale.unsure else _("Don't know / mixed"),
        zones=zones,
        body_areas=tuple((area.id, tr(area.label)) for area in scale.body_areas),
    )


class WindowScale(Widget):
    """Draws the question, the scale and the lines under it (the chosen zone's signs, a hint)
    as one widget: the check-in is the first screen, and every widget adds to start-up
    (measured in benchmarks/startup.py). The screen owns the level and moves it."""

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "window-scale--band",
        "window-scale--outside",
        "window-scale--marker",
        "window-scale--name",
        "window-scale--before",
    }
    DEFAULT_CSS = """
    WindowScale {
        height: auto;
        width: 1fr;
    }
    WindowScale > .window-scale--band { color: $accent; }
    WindowScale > .window-scale--outside { color: $text-muted; }
    WindowScale > .window-scale--marker { color: $text; text-style: bold reverse; }
    WindowScale > .window-scale--name { color: $text; text-style: bold; }
    WindowScale > .window-scale--before { color: $text-muted; }
    """

    level: reactive[int | None] = reactive(None)  # None and no unsure: nothing chosen yet
    unsure: reactive[bool] = reactive(False)

    def __init__(
        self,
        texts: ScaleTexts,
        window: tuple[int, int] = DEFAULT_WINDOW,
        *,
        before: int | None = None,
        id: str | None = None,
    ) -> None:
        super().__init__(id=id)
        self.texts = texts
        self.window = window
        self.before = before  # the first check-in of a pair, shown faintly
        self.notes: tuple[str, str] = ("", "")  # the chosen zone's signs, and a hint

    def set_texts(self, texts: ScaleTexts, window: tuple[int, int]) -> None:
        self.texts = texts
        self.window = window
        self.refresh(layout=True)

    def set_notes(self, signs: str, hint: str) -> None:
        if (signs, hint) != self.notes:
            self.notes = (signs, hint)
            self.refresh(layout=True)

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        """All of it when it fits; else the room between the title bar and the footer (one
        line each), where `render` leaves out the spacing, the signs and the far levels."""
        full = len(self._lines(width, FULL_HEIGHT))
        room = viewport.height - 2 - self.styles.gutter.height
        return max(1, min(full, room))

    def render(self) -> Text:
        return Text("\n").join(self._lines(self.size.width, self.size.height))

    def _lines(self, width: int, height: int) -> list[Text]:
        if height < MIN_HEIGHT or width < LEFT + 8:
            # Too small to draw the scale: say so calmly (the keys, F2 too, still work).
            return [
                Text(part)
                for part in textwrap.wrap(_("Enlarge the window to check in."), max(8, width))
            ]
        label_width = width - LEFT - 1
        signs, hint = self.notes
        wrapped = textwrap.wrap(signs, max(10, width - 2))
        if len(wrapped) > 2:  # two lines at most; the details screen lists every sign
            wrapped = [wrapped[0], _clip(wrapped[1] + " …", max(10, width - 2))]
        spacing = [Text()]
        if 2 + 11 + 1 + len(wrapped) + 1 > height:  # a small terminal: the scale comes first
            spacing, wrapped = [], []
        hints = [hint] if spacing or len(hint) <= width else textwrap.wrap(hint, width)[:2]
        shown = self._levels(height - len(spacing) - 2 - len(wrapped) - len(hints))
        labels = self._labels(label_width, shown)
        styles = {name: self.get_component_rich_style(name) for name in self.COMPONENT_CLASSES}

        def style(name: str) -> Style:
            return styles[name]

        low, high = self.window
        lines = [Text(self.texts.question, style="bold"), *spacing]
        for level in shown:
            inside = low <= level <= high
            chosen = not self.unsure and self.level == level
            bar_style = style("window-scale--band" if inside else "window-scale--outside")
            line = Text()
            line.append(f"{level:>2} ", style=style("window-scale--name") if chosen else "")
            bar = "█" * BAR if inside else "░" * BAR
            line.append(bar, style=style("window-scale--marker") if chosen else bar_style)
            if chosen:
                line.append(" ◀ ", style=style("window-scale--name"))
            elif self.before == level:
                line.append(" ◁ ", style=style("window-scale--before"))
            else:
                line.append("   ")
            text, bold = labels.get(level, ("", False))
            line.append(" " + text, style=style("window-scale--name") if bold else "dim")
            lines.append(line)
        unsure = Text("   ?" + " " * (BAR - 1))
        if self.unsure:
            unsure.append(" ◀  " + self.texts.unsure, style=style("window-scale--name"))
        else:
            unsure.append("    " + self.texts.unsure, style="dim")
        lines.append(unsure)
        lines.extend(Text(part, style="dim") for part in wrapped)
        lines.extend(Text(part, style="dim") for part in hints)
        if not spacing:  # every line one line, so that the hint stays in view
            for line in lines:
                line.truncate(width, overflow="ellipsis")
        return lines

    def _levels(self, room: int) -> list[int]:
        """The levels drawn, 10 first: all of them, or as many as fit around the marker (the
        level chosen, else the earlier answer, else the window), so the marker is in view."""
        levels = list(range(10, -1, -1))
        if room >= len(levels):
            return levels
        low, high = self.window
        focus = self.level if self.level is not None and not self.unsure else self.before
        if focus is None:
            focus = (low + high) // 2
        top = min(10, max(focus + room // 2, room - 1))
        return levels[10 - top : 10 - top + room]

    def _labels(self, width: int, shown: list[int]) -> dict[int, tuple[str, bool]]:
        """Per level drawn: the text beside it (a zone's name on its first line drawn, then
        its description wrapped into the lines the zone has) and whether it is the name."""
        low, high = self.window
        segments: list[tuple[ZoneName, list[int]]] = [
            ("above", [n for n in range(10, high, -1) if n in shown]),
            ("within", [n for n in range(high, low - 1, -1) if n in shown]),
            ("below", [n for n in range(low - 1, -1, -1) if n in shown]),
        ]
        labels: dict[int, tuple[str, bool]] = {}
        for zone, levels in segments:
            if not levels:
                continue
            texts = self.texts.zones.get(zone)
            if texts is None:
                continue
            labels[levels[0]] = (_clip(texts.name, width), True)
            rest = levels[1:]
            if rest and width > 12:
                wrapped = textwrap.wrap(texts.description, width) or [""]
                if len(wrapped) > len(rest):
                    wrapped = wrapped[: len(rest)]
                    wrapped[-1] = _clip(wrapped[-1] + " …", width)
                for level, piece in zip(rest, wrapped, strict=False):
                    labels[level] = (piece, False)
        return labels


def _clip(text: str, width: int) -> str:
    return text if len(text) <= width else text[: max(0, width - 1)] + "…"
