"""Settings: language, theme, motion, your window band and history; each change is applied
and saved at once. In facilitator mode (a shared screen), only language, theme and motion."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, VerticalScroll
from textual.widgets import Input, RadioSet

from trakon_tui.core import sound as tones_player
from trakon_tui.core.contacts import MAX_NAME, MAX_NOTE
from trakon_tui.core.settings import THEMES
from trakon_tui.i18n import N_, _, current_language, parse_language
from trakon_tui.ui.literal import Option, OptionList, Translated, option
from trakon_tui.ui.literal_forms import Checkbox, RadioButton, Select
from trakon_tui.ui.screens.base import TrakonScreen

THEME_NAMES = {
    "trakon-dark": N_("Dark"),
    "trakon-light": N_("Light"),
    "trakon-contrast": N_("High contrast"),
}
MOTION = N_("Reduced motion (no moving pictures)")
HIDE_HISTORY = N_("Hide history (for a shared computer)")
CONTACT_FIELDS = (
    ("name", N_("Name"), MAX_NAME),
    ("number", N_("Number"), 20),
    ("note", N_("Note, e.g. supervisor"), MAX_NOTE),
)
SOUND = N_("Soft tones in breathing practices")
VOLUMES = range(10, 101, 10)


class SettingsScreen(TrakonScreen):
    """Each change is applied and saved at once. A language or theme switch (here, or with
    `l`/`t`) relabels the form in place and moves its radio buttons along: the focus, the
    scroll and an open list stay as they are."""

    TITLE_MSGID = N_("Settings")
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("delete", "remove_contact", N_("Remove")),
    ]

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
            if self.trakon.config.presenter:
                # A shared screen: what belongs to the room only, never the user's own
                # window band, history or any path.
                return
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
            yield from self._contacts_form()
            yield from self._sound_settings()
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

        for field in self.query("#set-context").results(Input):  # not in facilitator mode
            if field.value != self._context_words:
                return  # typed and not yet saved: kept as typed
            self._context_words = context.to_words(context_tags(self.trakon.settings))
            field.value = self._context_words

    # --- your own people (first on the crisis page) -----------------------------------------

    def _contacts_form(self) -> ComposeResult:
        yield Translated(N_("Your own people for the crisis page"), classes="setting-label")
        yield Translated(
            N_(
                "Shown first on the crisis page (F2), never in presenter mode: a supervisor, "
                "occupational health, someone close. Name and number, a note if you like; "
                "Enter adds. Delete removes the chosen one."
            ),
            classes="dim",
        )
        yield OptionList(*self._contact_options(), id="set-contacts")
        with Horizontal(id="set-contact"):
            for field, msgid, limit in CONTACT_FIELDS:
                yield Input(
                    placeholder=_(msgid), max_length=limit, id=f"contact-{field}", classes=field
                )

    def _contact_options(self) -> list[Option]:
        return [
            option(
                Text.assemble(
                    (c.number, "bold"), "  ", c.name, ("  " + c.note, "dim") if c.note else ""
                )
            )
            for c in self.trakon.settings.contacts
        ]

    def _show_contacts(self, at: int = 0) -> None:
        shown = self.query_one("#set-contacts", OptionList)
        shown.clear_options()
        shown.add_options(self._contact_options())
        shown.display = bool(self.trakon.settings.contacts)
        if shown.option_count:  # Delete always has one to take away
            shown.highlighted = min(at, shown.option_count - 1)

    @on(Input.Submitted, "#set-contact Input")
    def _add_contact(self) -> None:
        fields = {f: self.query_one(f"#contact-{f}", Input) for f, _msgid, _limit in CONTACT_FIELDS}
        made = self.trakon.add_contact(*(box.value for box in fields.values()))
        if made is not None:
            msgid, args = made
            self.app.notify(_(msgid).format(**args), timeout=4)
            return
        for box in fields.values():
            box.value = ""
        fields["name"].focus()
        self._show_contacts(len(self.trakon.settings.contacts) - 1)  # the one just added

    def _contacts_in_view(self) -> None:
        """The page grew or shrank (the list of contacts just appeared, grew, or the terminal
        changed size): while the contact fields have the focus, the list and then the fields
        below it are scrolled into view, so that the page shows what happened."""
        fields = self.query_one("#set-contact")
        if self.focused is None or self.focused.parent is not fields:
            return
        self.query_one("#set-contacts", OptionList).scroll_visible(animate=False)
        fields.scroll_visible(animate=False)

    def action_remove_contact(self) -> None:
        shown = self.query_one("#set-contacts", OptionList)
        if shown.highlighted is not None:
            at = shown.highlighted
            self.trakon.remove_contact(at)
            self._show_contacts(at)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "remove_contact":
            return self.focused is not None and self.focused.id == "set-contacts"
        return super().check_action(action, parameters)

    def _sound_settings(self) -> ComposeResult:
        """Tones (#18): on or off, the volume, and what stands in the way."""
        sound = self.trakon.settings.sound
        yield Translated(N_("Sound"), classes="setting-label")
        yield Checkbox(_(SOUND), value=sound.on, id="set-sound")
        with Horizontal(id="set-volume-row"):
            yield Translated(N_("Volume"), classes="window-word")
            volumes = sorted({*VOLUMES, sound.volume})
            yield Select([(f"{n} %", n) for n in volumes], value=sound.volume, id="set-volume")
        if not tones_player.installed():
            yield Translated(
                N_("Sound needs the sound extra: {command}"),
                classes="dim",
                command=tones_player.INSTALL,
            )
        elif tones_player.disabled_by_environment():
            yield Translated(N_("Sound is off for this run (TRAKON_SOUND=off)."), classes="dim")

    def on_mount(self) -> None:
        if not self.trakon.config.presenter:  # a room's settings have no contacts
            self._show_contacts()
            page = self.query_one("#settings")
            self.watch(page, "virtual_size", self._contacts_in_view, init=False)
        self.watch(self.app, "theme", self._theme_changed, init=False)

    async def relabel(self) -> None:
        """Words only: never a recompose, which would lose the focus and an open list."""
        self.relabel_in_place()
        for button in self.query_one("#set-theme", RadioSet).query(RadioButton):
            button.relabel(_(THEME_NAMES[button.name or ""]))
        self.query_one("#set-motion", Checkbox).relabel(_(MOTION))
        for hide in self.query("#set-hide-history").results(Checkbox):
            hide.relabel(_(HIDE_HISTORY))
        self._relabel_context()
        for field, msgid, _limit in CONTACT_FIELDS:
            for box in self.query(f"#contact-{field}").results(Input):  # not for a room
                box.placeholder = _(msgid)
        for sound in self.query("#set-sound").results(Checkbox):
            sound.relabel(_(SOUND))
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

    @on(Checkbox.Changed, "#set-sound")
    def _sound(self, event: Checkbox.Changed) -> None:
        self.trakon.change_sound(on=event.value)

    @on(Select.Changed, "#set-volume")
    def _volume(self, event: Select.Changed) -> None:
        if isinstance(event.value, int) and event.value != self.trakon.settings.sound.volume:
            self.trakon.change_sound(volume=event.value)

    @on(Checkbox.Changed, "#set-motion")
    def _motion(self, event: Checkbox.Changed) -> None:
        self.trakon.change_reduced_motion(event.value)
