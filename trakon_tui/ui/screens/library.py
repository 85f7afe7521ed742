"""The library browser: grouped by kind, filterable by zone, skipped files listed with why."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.reactive import reactive

from trakon_tui.core import measure, model
from trakon_tui.core.text import describe_seconds, tr, visible
from trakon_tui.i18n import N_, _
from trakon_tui.ui.literal import Option, OptionList, Static, option
from trakon_tui.ui.screens.base import TrakonScreen
from trakon_tui.vocabulary import kind_name, zone_short

FILTERS: tuple[str | None, ...] = (None, "above", "within", "below")
SKIPPED_PREFIX = "skipped:"


class LibraryScreen(TrakonScreen):
    TITLE_MSGID = N_("Practices")
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,q", "close", N_("Quit")),  # opened by a command (base.py)
        Binding("escape,q", "leave", N_("Back")),
        Binding("f", "next_filter", N_("Filter")),
        Binding("0", "set_filter(0)", show=False),
        Binding("1", "set_filter(1)", show=False),
        Binding("2", "set_filter(2)", show=False),
        Binding("3", "set_filter(3)", show=False),
    ]

    zone_filter: reactive[int] = reactive(0, init=False)

    def __init__(self, kind: str | None = None) -> None:
        """`kind` limits the list to one kind (the picker of `trakon breathe`)."""
        super().__init__()
        self.kind = kind

    def title_text(self) -> str:
        if self.kind:
            return f"Trakon · {kind_name(self.kind)}"
        return super().title_text()

    def compose_body(self) -> ComposeResult:
        with Vertical(id="library"):
            yield Static(self._filter_text(), id="library-filter")
            yield OptionList(*self._options(), id="library-list")

    def _filter_text(self) -> Text:
        names = [_("all"), zone_short("above"), zone_short("within"), zone_short("below")]
        text = Text(_("Show:") + " ")
        for i, name in enumerate(names):
            style = "reverse bold" if i == self.zone_filter else "dim"
            text.append(f" {i} {name} ", style=style)
            text.append(" ")
        return text

    def _options(self) -> list[Option]:
        library = self.trakon.library
        zone = FILTERS[self.zone_filter]
        options: list[Option] = []
        for kind in model.KINDS if self.kind is None else (self.kind,):
            items = measure.gentlest_first(library.by_kind(kind))
            if zone is not None:
                items = [i for i in items if zone in i.suits]
            if not items:
                continue
            options.append(option(Text(kind_name(kind).upper(), style="bold"), disabled=True))
            for item in items:
                length = measure.duration(item, library.items)
                prompt = Text.assemble(
                    "  ",
                    tr(item.title),
                    ("  ·  ", "dim"),
                    (describe_seconds(length.seconds, exact=length.exact), "dim"),
                )
                if item.id in library.overridden:
                    prompt.append("  " + _("(your version)"), style="italic")
                options.append(option(prompt, id=item.id))
        if not any(entry.id for entry in options):
            options.append(
                option(Text(_("Nothing matches this filter."), style="dim"), disabled=True)
            )
        if library.problems and self.kind is None:
            options.append(option(Text(_("SKIPPED FILES"), style="bold"), disabled=True))
            for n, problem in enumerate(library.problems):
                options.append(
                    option(
                        Text.assemble(
                            ("  " + visible(problem.file.name), "bold"), "\n  ", problem.format()
                        ),
                        id=f"{SKIPPED_PREFIX}{n}",
                    )
                )
        return options

    def on_mount(self) -> None:
        self._highlight_first()

    def _highlight_first(self) -> None:
        listing = self.query_one("#library-list", OptionList)
        for index, entry in enumerate(listing.options):
            if not entry.disabled:
                listing.highlighted = index
                break

    def watch_zone_filter(self) -> None:
        self.query_one("#library-filter", Static).update(self._filter_text())
        listing = self.query_one("#library-list", OptionList)
        listing.clear_options()
        listing.add_options(self._options())
        self._highlight_first()

    def action_next_filter(self) -> None:
        self.zone_filter = (self.zone_filter + 1) % len(FILTERS)

    def action_set_filter(self, index: int) -> None:
        self.zone_filter = index

    @on(OptionList.OptionSelected, "#library-list")
    def _open(self, event: OptionList.OptionSelected) -> None:
        option_id = event.option.id
        if option_id and not option_id.startswith(SKIPPED_PREFIX):
            from trakon_tui.ui.screens.detail import DetailScreen

            self.app.push_screen(DetailScreen(option_id))
