"""Information pages: Markdown from the info TOML files, one page at a time, scrollable, with
the window-of-tolerance diagram drawn where a page asks for it, and the source shown."""

from __future__ import annotations

from typing import ClassVar

from rich import box
from rich.console import RenderableType
from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll

from trakon_tui.core.model import Info
from trakon_tui.core.text import tr
from trakon_tui.i18n import N_, _
from trakon_tui.ui.literal import Static
from trakon_tui.ui.literal_markdown import Markdown
from trakon_tui.ui.screens.base import TrakonScreen
from trakon_tui.ui.widgets.window_scale import ScaleTexts, scale_texts


def window_diagram(texts: ScaleTexts, window: tuple[int, int] | None) -> RenderableType:
    """Above, within and below as three stacked bands, each with its signs; the window is
    the middle band, and the note under it says it is individual and can widen."""
    table = Table(show_header=False, box=box.ROUNDED, show_lines=True, expand=True, padding=(0, 1))
    table.add_column(ratio=1)
    marks = {"above": "▲", "within": "█", "below": "▼"}
    for zone in ("above", "within", "below"):
        zone_texts = texts.zones.get(zone)
        if zone_texts is None:
            continue
        cell = Text()
        cell.append(f"{marks[zone]} {zone_texts.name}", style="bold")
        cell.append("\n" + zone_texts.description, style="")
        if zone_texts.signs:
            cell.append("\n" + " · ".join(label for _id, label in zone_texts.signs), style="dim")
        # The personal view marks the user's own band; on a shared screen no zone is marked,
        # so that "within" never reads as the right answer.
        marked = zone == "within" and window is not None
        table.add_row(cell, style="reverse" if marked else "")
    if window is None:  # a shared screen: nobody's own band
        words = _("The window is individual, changes from day to day, and can widen over time.")
    else:
        words = _(
            "Your window: levels {low}–{high} of 0–10. The window is individual, changes from "
            "day to day, and can widen over time."
        ).format(low=window[0], high=window[1])
    note = Text(words, style="italic")
    grid = Table.grid()
    grid.add_row(table)
    grid.add_row(note)
    return grid


class InfoScreen(TrakonScreen):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,q", "leave", N_("Back")),
        Binding("right,n", "page(1)", N_("Next page")),
        Binding("left,p", "page(-1)", N_("Previous page")),
    ]

    def __init__(self, item: Info) -> None:
        super().__init__()
        self.item = item
        self.index = 0

    def title_text(self) -> str:
        return f"Trakon · {tr(self.item.title)}"

    def compose_body(self) -> ComposeResult:
        page = self.item.pages[self.index]
        with VerticalScroll(id="info", classes="page"):
            count = _("Page {n}/{total}").format(n=self.index + 1, total=len(self.item.pages))
            yield Static(
                Text.assemble((tr(page.title), "bold"), ("   " + count, "dim")), id="info-title"
            )
            if page.diagram == "window":
                library = self.trakon.library
                texts = scale_texts(library.checkin_scale())
                # On a shared screen (facilitator mode) nobody's own band is drawn.
                window = None if self.trakon.config.presenter else self.trakon.personal_window
                yield Static(window_diagram(texts, window), id="info-diagram")
            yield Markdown(tr(page.body), id="info-body")
            if self.item.source:
                source = tr(self.item.source)
                yield Static(_("Source: {source}").format(source=source), classes="dim")

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "page" and parameters:
            step = parameters[0]
            assert isinstance(step, int)
            return 0 <= self.index + step < len(self.item.pages)
        return True

    async def action_page(self, step: int) -> None:
        target = self.index + step
        if 0 <= target < len(self.item.pages):
            self.index = target
            await self.recompose()
            self.refresh_bindings()
