"""Settings: language, theme and motion; each change is applied and saved at once."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.widgets import Checkbox, RadioButton, RadioSet, Static

from trakon_tui.core.settings import THEMES
from trakon_tui.i18n import N_, _, current_language, parse_language
from trakon_tui.ui.screens.base import TrakonScreen

THEME_NAMES = {
    "trakon-dark": N_("Dark"),
    "trakon-light": N_("Light"),
    "trakon-contrast": N_("High contrast"),
}


class SettingsScreen(TrakonScreen):
    TITLE_MSGID = N_("Settings")

    def compose_body(self) -> ComposeResult:
        settings = self.trakon.settings
        with VerticalScroll(classes="page", id="settings"):
            yield Static(_("Language"), classes="setting-label")
            with RadioSet(id="set-language"):
                yield RadioButton("suomi", value=current_language() == "fi", name="fi")
                yield RadioButton("English", value=current_language() == "en", name="en")
            yield Static(_("Theme"), classes="setting-label")
            with RadioSet(id="set-theme"):
                for theme in THEMES:
                    yield RadioButton(
                        _(THEME_NAMES[theme]), value=settings.theme == theme, name=theme
                    )
            yield Checkbox(
                _("Reduced motion (no moving pictures)"),
                value=settings.reduced_motion,
                id="set-motion",
            )
            yield Static(
                _("Saved automatically to {path}").format(path=self.trakon.settings_file),
                classes="dim",
            )

    @on(RadioSet.Changed, "#set-language")
    async def _language(self, event: RadioSet.Changed) -> None:
        lang = parse_language(event.pressed.name)
        if lang is not None and lang != current_language():
            await self.trakon.change_language(lang)

    @on(RadioSet.Changed, "#set-theme")
    def _theme(self, event: RadioSet.Changed) -> None:
        if event.pressed.name:
            self.trakon.change_theme(event.pressed.name)

    @on(Checkbox.Changed, "#set-motion")
    def _motion(self, event: Checkbox.Changed) -> None:
        self.trakon.change_reduced_motion(event.value)
