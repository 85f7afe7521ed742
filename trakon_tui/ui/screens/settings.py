"""Settings: language, theme, motion, your window band and history; each change is applied
and saved at once."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, VerticalScroll
from textual.widgets import Input, RadioSet

from trakon_tui.core.settings import THEMES
from trakon_tui.i18n import N_, _, current_language, parse_language
from trakon_tui.ui.literal import Translated
from trakon_tui.ui.literal_forms import Checkbox, RadioButton, Select
from trakon_tui.ui.screens.base import TrakonScreen

THEME_NAMES = {
    "trakon-dark": N_("Dark"),
    "trakon-light": N_("Light"),
    "trakon-contrast": N_("High contrast"),
}
MOTION = N_("Reduced motion (no moving pictures)")
HIDE_HISTORY = N_("Hide history (for a shared computer)")


class SettingsScreen(TrakonScreen):
    """Each change is applied and saved at once. A language or theme switch (here, or with
    `l`/`t`) relabels the form in place and moves its radio buttons along: the focus, the
    scroll and an open list stay as they are."""

    TITLE_MSGID = N_("Settings")

    def compose_body(self) -> ComposeResult:
        settings = self.trakon.settings
        with VerticalScroll(classes="page", id="settings"):
            yield Translated(N_("Language"), classes="setting-label")
            with RadioSet(id="set-language"):
                yield RadioButton("suomi", value=current_language() == "fi", name="fi")
                yield RadioButton("English", value=current_language() == "en", name="en")
            yield Translated(N_("Theme"), classes="setting-label")
            with RadioSet(id="set-theme"):
                for theme in THEMES:
                    yield RadioButton(
                        _(THEME_NAMES[theme]), value=settings.theme == theme, name=theme
                    )
            yield Checkbox(_(MOTION), value=settings.reduced_motion, id="set-motion")
            low, high = self.trakon.personal_window
            yield Translated(N_("Your window"), classes="setting-label")
            yield Translated(
                N_(
                    "The levels that count as within your window. The window is individual "
                    "and can widen over time."
                ),
                classes="dim",
            )
            with Horizontal(id="set-window"):
                yield Translated(N_("from"), classes="window-word")
                yield Select([(str(n), n) for n in range(10)], value=low, id="set-low")
                yield Translated(N_("to"), classes="window-word")
                yield Select([(str(n), n) for n in range(1, 11)], value=high, id="set-high")
            yield Checkbox(_(HIDE_HISTORY), value=settings.hide_history, id="set-hide-history")
            yield from self._context_field()
            yield Translated(
                N_("Saved automatically to {path}"),
                classes="dim",
                path=self.trakon.settings_file,
            )

    # --- what was just before (#17) ------------------------------------------------------

    def _context_field(self) -> ComposeResult:
        """The details step's list as words in the current language, commas between."""
        from trakon_tui.core import context
        from trakon_tui.core.settings import context_tags

        yield Translated(N_("What was just before (in the details)"), classes="setting-label")
        yield Translated(
            N_(
                "Up to nine kinds of situation, commas between; Enter saves. Never a client's "
                "name. Empty: not asked."
            ),
            classes="dim",
        )
        self._context_words = context.to_words(context_tags(self.trakon.settings))
        yield Input(self._context_words, id="set-context", select_on_focus=False)

    @on(Input.Submitted, "#set-context")
    @on(Input.Blurred, "#set-context")
    def _context_done(self, event: Input.Submitted | Input.Blurred) -> None:
        from trakon_tui.core import context

        if event.value == self._context_words:
            return
        own = self.trakon.settings.context_tags or ()
        tags = context.from_words(event.value, own)
        self.trakon.change_context_tags(tuple(tags))
        self._context_words = context.to_words(tags)
        with self.prevent(Input.Changed):
            event.input.value = self._context_words
        self.app.notify(_("Saved."), timeout=2)

    def _relabel_context(self) -> None:
        """A language switch shows the list in the new language, unless it is being edited."""
        from trakon_tui.core import context
        from trakon_tui.core.settings import context_tags

        field = self.query_one("#set-context", Input)
        if field.value != self._context_words:
            return  # typed and not yet saved: kept as typed
        self._context_words = context.to_words(context_tags(self.trakon.settings))
        field.value = self._context_words

    def on_mount(self) -> None:
        self.watch(self.app, "theme", self._theme_changed, init=False)

    async def relabel(self) -> None:
        """Words only: never a recompose, which would lose the focus and an open list."""
        self.relabel_in_place()
        for button in self.query_one("#set-theme", RadioSet).query(RadioButton):
            button.relabel(_(THEME_NAMES[button.name or ""]))
        self.query_one("#set-motion", Checkbox).relabel(_(MOTION))
        self.query_one("#set-hide-history", Checkbox).relabel(_(HIDE_HISTORY))
        self._relabel_context()
        self._press("#set-language", current_language())

    def _theme_changed(self) -> None:
        self._press("#set-theme", self.trakon.settings.theme)

    def _press(self, selector: str, name: str) -> None:
        """Show `name` as the chosen button (changed elsewhere: `l`, `t`), quietly."""
        with self.prevent(RadioSet.Changed):
            for button in self.query_one(selector, RadioSet).query(RadioButton):
                if button.name == name and not button.value:
                    button.value = True

    @on(RadioSet.Changed, "#set-language")
    async def _language(self, event: RadioSet.Changed) -> None:
        lang = parse_language(event.pressed.name)
        if lang is not None and lang != current_language():
            await self.trakon.change_language(lang)

    @on(RadioSet.Changed, "#set-theme")
    def _theme(self, event: RadioSet.Changed) -> None:
        if event.pressed.name and event.pressed.name != self.trakon.settings.theme:
            self.trakon.change_theme(event.pressed.name)

    @on(Select.Changed, "#set-low, #set-high")
    def _window(self, event: Select.Changed) -> None:
        low = self.query_one("#set-low", Select).value
        high = self.query_one("#set-high", Select).value
        if not isinstance(low, int) or not isinstance(high, int):
            return
        if (low, high) == self.trakon.personal_window:
            return
        if low >= high:
            self.app.notify(
                _("Choose a lower level below the upper one; nothing was changed."), timeout=4
            )
            old_low, old_high = self.trakon.personal_window
            with self.prevent(Select.Changed):
                self.query_one("#set-low", Select).value = old_low
                self.query_one("#set-high", Select).value = old_high
            return
        self.trakon.change_window((low, high))

    @on(Checkbox.Changed, "#set-hide-history")
    def _hide_history(self, event: Checkbox.Changed) -> None:
        self.trakon.change_hide_history(event.value)

    @on(Checkbox.Changed, "#set-motion")
    def _motion(self, event: Checkbox.Changed) -> None:
        self.trakon.change_reduced_motion(event.value)
