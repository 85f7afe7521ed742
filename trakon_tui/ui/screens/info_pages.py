"""Help, crisis help and About: calm reading pages."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text
from textual import events
from textual.app import ComposeResult
from textual.containers import VerticalScroll

from trakon_tui import __version__
from trakon_tui.i18n import N_, _
from trakon_tui.ui.commands import shown_commands
from trakon_tui.ui.literal import Static
from trakon_tui.ui.screens.base import TrakonScreen

if TYPE_CHECKING:
    from trakon_tui.core.crisis import Entry

# Keys that belong to particular screens, listed on the help page beside the global ones.
SCREEN_KEYS: tuple[tuple[str, str], ...] = (
    (
        "Esc, q",
        N_(
            "Leave this screen; the footer says how (back, stop, save and back, done). On "
            "home and on the screen Trakon opened with, it closes Trakon"
        ),
    ),
    ("0–9, Enter", N_("Check-in: your level, then save it; u don't know / mixed, s skip")),
    ("↑ ↓, Enter", N_("Move in a list and choose")),
    ("f, 0–3", N_("Practices: filter by zone (all, above, within, below)")),
    (
        "f, m, r",
        N_(
            "Card: f marks a favourite (home offers it); on a breathing card m chooses the "
            "length, r finds your own pace"
        ),
    ),
    ("ctrl+p", N_("Open the command palette")),
)

# Facilitator mode's keys (`trakon present`), listed on its help page instead of the above.
FACILITATOR_KEYS: tuple[tuple[str, str], ...] = (
    ("→ ←", N_("Next or previous step; on an information step, its pages")),
    ("space, Enter", N_("Start the practice on the slide; pause and continue a timer")),
    ("+ −", N_("In a breathing practice: slower or faster, from the next breath")),
    ("b", N_("Blank the screen for the room; a running practice pauses")),
    ("1 2 3, 0", N_("Opening round: count raised hands above, within, below; 0 clears")),
    ("Tab, 1–5, 0", N_("A question rated 1–5: Tab chooses it, count raised fingers; 0 clears")),
    ("g", N_("The list of steps: go to any step")),
    ("↓ ↑, PgDn PgUp", N_("Scroll a page that does not fit the screen")),
    (
        "Esc, q",
        N_("In a practice: back to its slide. On a slide: asks, a second Esc ends the session"),
    ),
)


def key_label(keys: str) -> str:
    names = {"question_mark": "?", "ctrl+q": "ctrl+q"}
    return ", ".join(
        names.get(k, k.upper() if k.startswith("f") and k[1:].isdigit() else k)
        for k in keys.split(",")
    )


class HelpScreen(TrakonScreen):
    TITLE_MSGID = N_("Help")

    def compose_body(self) -> ComposeResult:
        with VerticalScroll(classes="page"):
            if self.trakon.config.presenter:
                yield Static(facilitator_help_text(), id="help-text")
            else:
                yield Static(help_text(), id="help-text")


def _keys_table(presenter: bool) -> Table:
    table = Table.grid(padding=(0, 2))
    table.add_column(style="bold", no_wrap=True)
    table.add_column()
    for keys, msgid in FACILITATOR_KEYS if presenter else ():
        table.add_row(keys, _(msgid))
    for command in shown_commands(presenter):
        table.add_row(key_label(command.keys), _(command.help))
    for keys, msgid in () if presenter else SCREEN_KEYS:
        table.add_row(keys, _(msgid))
    return table


def _help_page(lead: str, presenter: bool, *tail: Text) -> RenderableType:
    keys = Text(_("Keys"), style="bold underline")
    return Group(Text(lead), Text(""), keys, _keys_table(presenter), *tail)


def facilitator_help_text() -> RenderableType:
    return _help_page(
        _(
            "Facilitator mode leads a session for a group on a shared screen. Nothing "
            "personal is shown, and nothing is written anywhere."
        ),
        True,
    )


def help_text() -> RenderableType:
    return _help_page(
        _(
            "Trakon gives you a short, private pause: notice where you are, try a practice "
            "that fits, and notice again."
        ),
        False,
        Text(""),
        Text(
            _(
                "In a text field (a note, a writing, the command palette) letters are text: "
                "F1 is help there, F12 hides the screen, Esc leaves."
            )
        ),
        Text(""),
        Text(
            _(
                "Every screen can be left with Esc or q. Nothing is required, and nothing "
                "leaves this computer."
            )
        ),
    )


class CrisisScreen(TrakonScreen):
    TITLE_MSGID = N_("Crisis help")

    def compose_body(self) -> ComposeResult:
        crisis = self.trakon.crisis
        with VerticalScroll(classes="page"):
            yield Static(
                _(
                    "If you are in crisis or worried about your safety, you can call "
                    "someone now. Trakon does not contact anyone."
                ),
                id="crisis-lead",
            )
            from trakon_tui.core.crisis import entries

            own, public = entries(crisis, self.trakon.own_contacts)
            if own:
                yield Static(_("Your own people"), classes="crisis-heading")
                yield Static(_numbers(own), id="crisis-own")
                yield Static(_("Crisis and support services"), classes="crisis-heading")
            yield Static(_numbers(public), id="crisis-numbers")
            if not own and not self.trakon.config.presenter:
                yield Static(
                    _(
                        "You can add your own people here too, such as your supervisor or "
                        "occupational health: Settings (s)."
                    ),
                    classes="dim",
                )
            yield Static(
                _(
                    "Your organisation can add its regional crisis service and "
                    "occupational health here (crisis.toml in the settings folder)."
                ),
                classes="dim",
            )
            for problem in crisis.problems:
                yield Static(problem.format(), classes="dim")


def _numbers(lines: list[Entry]) -> Table:
    """Numbers on the left, names and notes beside them (all of it literal text)."""
    table = Table.grid(padding=(0, 2))
    table.add_column(no_wrap=True, style="bold")
    table.add_column()
    for line in lines:
        detail = Text(line.name)
        for note in line.notes:
            detail.append("\n" + note, style="dim")
        if line.checked is not None:
            detail.append(
                "\n" + _("Checked {date}").format(date=line.checked.isoformat()),
                style="dim italic",
            )
        table.add_row(line.number, detail)
    return table


class AboutScreen(TrakonScreen):
    TITLE_MSGID = N_("About Trakon")

    def compose_body(self) -> ComposeResult:
        with VerticalScroll(classes="page"):
            yield Static(
                Group(
                    Text(f"Trakon {__version__}", style="bold"),
                    Text(
                        _(
                            "A short, structured pause for people whose work meets trauma: a "
                            "window-of-tolerance check-in, a practice that fits, and a second "
                            "check-in."
                        )
                    ),
                    Text(""),
                    Text(
                        _(
                            "Trakon is not therapy or treatment, and it does not replace "
                            "supervision, occupational health or care."
                        ),
                        style="bold",
                    ),
                    Text(""),
                    Text(
                        _(
                            "Privacy: everything stays on this computer. Trakon makes no network "
                            "connections and collects nothing."
                        )
                    ),
                    Text(""),
                    Text(
                        _(
                            "Each card names where its practice comes from: published research "
                            "and practice guidance, or Trakon's own wording after the peer-group "
                            "model. Organisations can write their own exercise files."
                        )
                    ),
                ),
                id="about-text",
            )


class HideScreen(TrakonScreen, inherit_bindings=False):
    """A blank, neutral screen for shared offices and screen shares. Any key brings the
    screen back and does nothing else: not Enter on the check-in below, not Esc or q on
    home, not F2 (`TAKES_EVERY_KEY`: the app lets no key of its own act meanwhile)."""

    TAKES_EVERY_KEY: ClassVar[bool] = True

    def compose(self) -> ComposeResult:
        yield Static("", id="hide")

    def on_key(self, event: events.Key) -> None:
        event.stop()  # the key never reaches the screen below, nor the app's bindings
        event.prevent_default()
        self.dismiss()

    def on_click(self, event: events.Click) -> None:
        event.stop()
        self.dismiss()
