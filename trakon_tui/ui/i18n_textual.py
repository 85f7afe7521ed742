"""Textual's own English labels (footer, command palette) in the current language."""

from __future__ import annotations

from rich.align import Align
from rich.cells import cell_len
from rich.text import Text
from textual import events
from textual.app import ComposeResult
from textual.command import CommandList, CommandPalette
from textual.widget import Widget
from textual.widgets import Footer
from textual.widgets._footer import FooterKey

from trakon_tui.i18n import N_, _
from trakon_tui.ui.literal import Option

PALETTE_PLACEHOLDER = N_("Search for commands…")
NO_MATCHES = N_("No matches found")
PALETTE_KEY_FROM = 80  # columns: narrower footers leave out the command palette's key
# When the keys do not all fit, a key is left out whole rather than cut ("f2 Kriisia"): these
# first (the help page lists every key), then the screen's own keys from the last. Crisis
# help is never left out.
LEAVE_OUT_FIRST = ("toggle_language", "hide", "help")
NEVER_LEAVE_OUT = "crisis"

# Textual's own footer words (bindings of its widgets that show in the footer), as our
# msgids: what the key does here, in the UI language. A test opens each such widget in
# Finnish and fails on any English word left in the footer.
TEXTUAL_DESCRIPTIONS = {
    "Dismiss menu": N_("Close the list"),  # Esc on an open Select (settings: your window)
}


def footer_word(description: str) -> str:
    """A binding's footer word in the UI language (Textual's own words included)."""
    return _(TEXTUAL_DESCRIPTIONS.get(description, description))


class TranslatedFooter(Footer):
    """The footer, with each key's description translated when it is drawn.

    Binding descriptions are msgids (English); translating here, not in BINDINGS, lets the
    language change at run time without rebuilding any screen's bindings.
    """

    def compose(self) -> ComposeResult:
        # Below 80 columns the "^p Commands" entry, docked right, covered the screen's last
        # keys ("f2 Kriisiap"); there its room goes to them (Ctrl+P still works, and the
        # help page lists it).
        # Its own width once laid out: a screen's scrollbar makes it narrower than the app
        # ("f2 Kriisiap" at 40x12, when the check-in's scale overflowed).
        width = self.size.width or self.app.size.width
        self._composed_for = width
        self.set_reactive(Footer.show_command_palette, width >= PALETTE_KEY_FROM)
        widgets = list(super().compose())
        for widget in widgets:
            if isinstance(widget, FooterKey) and widget.description:
                widget.description = footer_word(widget.description)
        left_out = keys_left_out(widgets, width)
        yield from (widget for widget in widgets if widget not in left_out)

    def on_mount(self) -> None:
        # Mounted into a screen already shown (a recompose, e.g. after the language key): its
        # bindings will not change again to tell Textual's footer it may draw, so it stayed
        # empty. Draw its keys now (Footer's own on_mount still subscribes to later changes).
        if self.screen.is_current and self.screen.is_mounted:
            self._bindings_ready = True
            self.call_after_refresh(self.recompose)

    def on_resize(self, event: events.Resize) -> None:
        if event.size.width != self._composed_for:
            self.refresh(recompose=True)


def key_width(key: FooterKey) -> int:
    """Cells a key takes in the (non-compact) footer: " f2 " then "Kriisiapu "; the palette's
    key, docked right, also has its border and padding."""
    width = cell_len(key.key_display) + 2
    if key.description:
        width += cell_len(key.description) + 1
    if key.has_class("-command-palette"):
        width += 2
    return width


def keys_left_out(widgets: list[Widget], width: int) -> set[Widget]:
    """The keys to leave out so that the rest fit whole in `width` cells."""
    keys = [w for w in widgets if isinstance(w, FooterKey)]
    if len(keys) != len(widgets):
        return set()  # grouped keys: Trakon has none; leave Textual's layout alone
    need = sum(key_width(key) for key in keys)
    order = [k for name in LEAVE_OUT_FIRST for k in keys if k.action.endswith(name)]
    order += [
        k
        for k in reversed(keys)
        if k not in order
        and not k.action.endswith(NEVER_LEAVE_OUT)
        and not k.has_class("-command-palette")
    ]
    left_out: set[Widget] = set()
    for key in order:
        if need <= width:
            break
        left_out.add(key)
        need -= key_width(key)
    return left_out


class TranslatedCommandPalette(CommandPalette):
    def __init__(self) -> None:
        super().__init__(placeholder=_(PALETTE_PLACEHOLDER), id="--command-palette")

    def _start_no_matches_countdown(self, search_value: str) -> None:
        # Textual's version writes an English sentence; ours says the same in the UI language.
        self._stop_no_matches_countdown()

        def show_no_matches() -> None:
            if search_value:
                self.query_one(CommandList).add_option(
                    Option(
                        Align.center(Text(_(NO_MATCHES), style="not bold")),
                        disabled=True,
                        id=self._NO_MATCHES,
                    )
                )
                self._list_visible = True
            else:
                self._list_visible = False

        self._no_matches_timer = self.set_timer(
            self._NO_MATCHES_COUNTDOWN, show_no_matches, name="no-matches"
        )
