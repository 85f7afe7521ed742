"""The home screen: the check-in first, then practices, support, settings."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical

from trakon_tui.core.text import tr
from trakon_tui.i18n import N_, _, ngettext
from trakon_tui.ui.literal import Option, OptionList, Static, option
from trakon_tui.ui.screens.base import TrakonScreen

# (option id, label msgid, hint msgid, app action); the check-in comes first by design.
MENU: tuple[tuple[str, str, str, str | None], ...] = (
    ("checkin", N_("Check in"), N_("Where am I right now? Then a practice that fits"), "checkin"),
    ("library", N_("Practices"), N_("Breathing, grounding, writing and information"), "library"),
    ("history", N_("History"), N_("Your check-ins over days and weeks"), "history"),
    ("crisis", N_("Crisis help"), N_("Numbers to call; Trakon contacts no one"), "crisis"),
    ("settings", N_("Settings"), N_("Language, theme and motion"), "settings"),
    ("help", N_("Help"), N_("Every key, and how Trakon works"), "help"),
    ("about", N_("About Trakon"), N_("What this is, and what it is not"), "about"),
)


OWN = "own:"  # option ids of "again" and the favourites: OWN + the item's id


class HomeScreen(TrakonScreen):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,q", "leave", N_("Quit")),
    ]

    _again: str | None = None  # the last practice's id ("" for none), read once per visit

    def compose_body(self) -> ComposeResult:
        with Vertical(id="home"):
            yield Static(_("Two minutes for yourself, between clients."), id="home-lead")
            menu = OptionList(*self._options(), id="home-menu")
            menu.highlighted = 0
            yield menu
            yield Static(self._skipped_text(), id="home-notice")

    def _options(self) -> list[Option]:
        options = []
        for option_id, label, hint, action in MENU:
            if option_id == "history" and self.trakon.settings.hide_history:
                continue
            prompt = Text.assemble((_(label), "bold"), "\n", (_(hint), "dim"))
            options.append(option(prompt, id=option_id, disabled=action is None))
            if option_id == "checkin":  # the check-in stays first; then what is the user's own
                options.extend(self._own_options())
        return options

    def _own_options(self) -> list[Option]:
        """ "Again: <the last practice>" and the favourites, once the library is there (their
        titles come from it). Nothing counts days; nothing is asked of the user."""
        library = self.trakon.library_if_loaded
        if library is None or self.trakon.config.presenter:
            return []
        if self._again is None:  # history hidden (a shared computer): no "again" either
            hidden = self.trakon.settings.hide_history
            self._again = "" if hidden else self.trakon.last_practice() or ""
        options = []
        again = library.items.get(self._again)
        if again is not None:
            prompt = Text.assemble(
                (_("Again: {title}").format(title=tr(again.title)), "bold"),
                "\n",
                (_("The practice you did last"), "dim"),
            )
            options.append(option(prompt, id=OWN + again.id))
        for item_id in self.trakon.settings.favourites:
            item = library.items.get(item_id)
            if item is None or item_id == self._again:
                continue
            prompt = Text.assemble(
                ("★ " + tr(item.title), "bold"), "\n", (_("One of your favourites"), "dim")
            )
            options.append(option(prompt, id=OWN + item.id))
        return options

    def on_mount(self) -> None:
        self.watch(self.trakon, "library_generation", self._library_changed)

    def on_screen_resume(self) -> None:
        """Back on home (after a practice, a card): "again" and the favourites are fresh."""
        self._again = None
        self._library_changed()

    def _library_changed(self) -> None:
        for notice in self.query("#home-notice").results(Static):  # absent until composed
            notice.update(self._skipped_text())
        for menu in self.query("#home-menu").results(OptionList):
            highlighted = menu.highlighted_option.id if menu.highlighted_option else None
            menu.clear_options()
            menu.add_options(self._options())
            ids = [o.id for o in menu.options]
            menu.highlighted = ids.index(highlighted) if highlighted in ids else 0

    def _skipped_text(self) -> str:
        library = self.trakon.library_if_loaded
        if library is None or not library.problems:
            return ""
        count = len(library.skipped_files)
        return ngettext(
            "{n} exercise file was skipped; the library shows why.",
            "{n} exercise files were skipped; the library shows why.",
            count,
        ).format(n=count)

    @on(OptionList.OptionSelected, "#home-menu")
    async def _chosen(self, event: OptionList.OptionSelected) -> None:
        chosen = event.option.id or ""
        if chosen.startswith(OWN):  # again, or a favourite: its card first, as ever
            from trakon_tui.ui.screens.detail import DetailScreen

            self.app.push_screen(DetailScreen(chosen.removeprefix(OWN)))
            return
        for option_id, _label, _hint, action in MENU:
            if option_id == event.option.id and action:
                await self.app.run_action(action)

    def action_leave(self) -> None:
        self.trakon.quit_asking()
