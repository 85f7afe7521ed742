"""One declaration per app-wide command: its keys, footer label, help line and palette entry."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from textual.binding import Binding

from trakon_tui.i18n import N_


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


def bindings(commands: Iterable[Command] = COMMANDS) -> list[Binding]:
    return [Binding(c.keys, c.action, c.label, show=c.show, priority=c.priority) for c in commands]
