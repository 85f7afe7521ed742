"""One declaration per app-wide command: its keys, footer label, help line and palette entry;
and the palette itself, which also finds every practice by its title."""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import partial
from typing import TYPE_CHECKING, NamedTuple

from textual.binding import Binding
from textual.command import DiscoveryHit, Hit, Hits, Matcher, Provider
from textual.content import Content

from trakon_tui.i18n import N_, _
from trakon_tui.ui.literal import literal

if TYPE_CHECKING:
    from trakon_tui.core.library import Library
    from trakon_tui.ui.app import TrakonApp


@dataclass(frozen=True)
class Command:
    action: str
    keys: str  # comma-separated, as Textual binds them
    label: str  # msgid, shown in the footer and the palette
    help: str  # msgid, a longer line for the help screen and the palette
    show: bool = True  # in the footer
    priority: bool = False  # works even while a text field has focus
    palette: bool = True


COMMANDS: tuple[Command, ...] = (
    Command("help", "question_mark,f1", N_("Help"), N_("Show every key and how Trakon works")),
    Command(
        "crisis",
        "f2",
        N_("Crisis help"),
        N_("Numbers to call if you are in crisis (Trakon contacts no one)"),
        priority=True,
    ),
    Command("hide", "b,f12", N_("Hide"), N_("Blank the screen at once; any key brings it back")),
    Command("toggle_language", "l", N_("Suomeksi"), N_("Switch the language: suomi / English")),
    Command(
        "checkin",
        "c",
        N_("Check in"),
        N_("Where am I right now? Then a practice that fits"),
        show=False,
    ),
    Command("history", "h", N_("History"), N_("Your check-ins over days and weeks"), show=False),
    Command(
        "library",
        "p",
        N_("Practices"),
        N_("Browse the practices and information pages"),
        show=False,
    ),
    Command("settings", "s", N_("Settings"), N_("Language, theme and motion"), show=False),
    Command("about", "a", N_("About"), N_("What Trakon is and is not"), show=False),
    Command(
        "cycle_theme",
        "t",
        N_("Theme"),
        N_("Switch between dark, light and high contrast"),
        show=False,
    ),
    Command("quit", "ctrl+q", N_("Quit"), N_("Close Trakon"), show=False, priority=True),
)


# Personal commands: refused in facilitator mode, so neither its help nor its palette lists them.
PERSONAL = frozenset({"checkin", "history"})


def shown_commands(presenter: bool) -> tuple[Command, ...]:
    """The commands help and the palette list: in facilitator mode, none of the personal."""
    return tuple(c for c in COMMANDS if not (presenter and c.action in PERSONAL))


def bindings(commands: Iterable[Command] = COMMANDS) -> list[Binding]:
    return [Binding(c.keys, c.action, c.label, show=c.show, priority=c.priority) for c in commands]


# Kinds the palette lists by title (the check-in scale is reached by "Check in").
PALETTE_KINDS = ("breathing", "grounding", "writing", "info", "session")
KIND_WEIGHT = 0.5  # a query that names the kind ("hengitys") lists its items, below titles


class Entry(NamedTuple):
    title: str  # what is searched and shown
    detail: str  # the line under it
    open: Callable[[], object]
    kind: str = ""  # searched too, for items


class TrakonCommands(Provider):
    """The palette's entries, in the current language: the same commands as the keys, then
    every practice, information item and session by its title (and kind), opening its card.
    Titles come from files, so items are drawn as literal text, never as markup."""

    _library: Library | None = None

    @property
    def trakon(self) -> TrakonApp:
        from trakon_tui.ui.app import TrakonApp

        assert isinstance(self.app, TrakonApp)
        return self.app

    async def startup(self) -> None:
        # The library loads in a worker after the first paint; wait for it off the loop.
        # Facilitator mode opens practices from its own picker, not from here.
        if not self.trakon.config.presenter:
            app = self.trakon
            self._library = await asyncio.to_thread(lambda: app.library)

    def _commands(self) -> Iterable[Entry]:
        app = self.app
        for command in shown_commands(self.trakon.config.presenter):
            if command.palette:
                yield Entry(
                    _(command.label), _(command.help), partial(app.run_action, command.action)
                )

    def _items(self) -> Iterable[Entry]:
        if self._library is None:
            return
        from trakon_tui.core import measure
        from trakon_tui.core.model import kind_of
        from trakon_tui.core.text import describe_seconds, tr
        from trakon_tui.vocabulary import kind_name

        library = self._library
        order = {kind: n for n, kind in enumerate(PALETTE_KINDS)}
        entries = []
        for item in library.items.values():
            kind = kind_of(item)
            if kind not in PALETTE_KINDS:
                continue
            length = measure.duration(item, library.items)
            words = describe_seconds(length.seconds, exact=length.exact)
            title = tr(item.title)
            entry = Entry(
                title,
                f"{kind_name(kind)} · {words}",
                partial(self._open_card, item.id),
                kind_name(kind),
            )
            entries.append((order[kind], title.casefold(), item.id, entry))
        entries.sort(key=lambda e: e[:3])
        for *_key, entry in entries:
            yield entry

    def _open_card(self, item_id: str) -> None:
        from trakon_tui.ui.screens.detail import DetailScreen

        self.app.push_screen(DetailScreen(item_id))

    async def discover(self) -> Hits:
        for entry in self._commands():
            yield DiscoveryHit(entry.title, entry.open, help=entry.detail)
        for entry in self._items():
            yield DiscoveryHit(_prompt(entry), entry.open, text=entry.title)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for entry in self._commands():
            score = max(matcher.match(entry.title), matcher.match(entry.detail) * 0.8)
            if score > 0:
                yield Hit(score, matcher.highlight(entry.title), entry.open, help=entry.detail)
        for entry in self._items():
            score = max(matcher.match(entry.title), matcher.match(entry.kind) * KIND_WEIGHT)
            if score > 0:
                yield Hit(score, _prompt(entry, matcher), entry.open, text=entry.title)


def _prompt(entry: Entry, matcher: Matcher | None = None) -> Content:
    """An item's title (the letters the query matched highlighted) over its kind and
    length: literal text throughout (Textual's own highlight would read the title as
    markup)."""
    title = literal(entry.title)
    if matcher is not None:
        _score, offsets = matcher.fuzzy_search.match(matcher.query, entry.title)
        for offset in offsets:
            if not entry.title[offset].isspace():
                title = title.stylize(matcher.match_style, offset, offset + 1)
    return Content("\n").join([title, literal(entry.detail, "dim")])
