"""The Textual app: wiring only (themes, global commands, language); screens do the rest."""

from __future__ import annotations

import asyncio
import contextlib
import os
import signal
import threading
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar

from rich.console import RenderableType
from textual.app import App, SystemCommand
from textual.binding import Binding, BindingType
from textual.driver import Driver
from textual.filter import LineFilter
from textual.notifications import SeverityLevel
from textual.reactive import reactive
from textual.screen import Screen
from textual.scrollbar import ScrollBar

from trakon_tui.core import settings as settings_store
from trakon_tui.core.practice_log import LazyStoreLog, NoLog, PracticeLog
from trakon_tui.core.settings import THEMES, Settings, parse_theme
from trakon_tui.core.text import visible
from trakon_tui.i18n import N_, Lang, _, current_language, set_language
from trakon_tui.ui.commands import TrakonCommands, bindings
from trakon_tui.ui.i18n_textual import TranslatedCommandPalette
from trakon_tui.ui.literal import DropControls
from trakon_tui.ui.themes import THEMES as THEME_OBJECTS
from trakon_tui.ui.themes import Colourless, WholeCellScrollBar
from trakon_tui.ui.timers import TextualTimers, Timers

# The terminal closing, and a polite kill (where the platform has them).
CLOSING_SIGNALS = tuple(
    getattr(signal, name) for name in ("SIGHUP", "SIGTERM") if hasattr(signal, name)
)

if TYPE_CHECKING:
    # The exercise model, loaders and the store are imported after the first paint.
    from trakon_tui.core.contacts import Contact
    from trakon_tui.core.crisis import CrisisList
    from trakon_tui.core.flow import Pause
    from trakon_tui.core.library import Library
    from trakon_tui.core.personal import Choice
    from trakon_tui.core.sound import Backend as SoundBackend
    from trakon_tui.core.sound import Player
    from trakon_tui.core.store import Store
    from trakon_tui.ui.console_room import RoomLink


@dataclass
class AppConfig:
    """Everything the app needs from outside, passed in (the CLI and the tests build one)."""

    settings: Settings
    settings_file: Path
    load_library: Callable[[], Library]
    crisis_files: list[Path] = field(default_factory=list)
    save_settings: bool = True
    settings_unreadable: bool = False  # the file exists but could not be read: keep it aside
    clock: Callable[[], float] = time.monotonic  # all practice timing reads this
    timers: Timers = field(default_factory=TextualTimers)  # and wakes up from these
    wall_clock: Callable[[], datetime] = field(default=lambda: datetime.now().astimezone())
    practice_log: PracticeLog = field(default_factory=NoLog)
    force_reduced_motion: bool = False  # --reduced-motion
    start: Callable[[], Screen[None] | None] | None = None  # a screen to open first
    checkin_first: bool = False  # `trakon` and `trakon checkin` open on the check-in
    presenter: bool = False  # `trakon present`: nothing personal shown, nothing written
    console_folder: Path | None = None  # where a presenter console may attach (ui/console_room)
    # Where `e` on history saves the summary (#17): the user's documents folder.
    documents: Callable[[], Path] = field(default=lambda: _documents())
    sound_backend: SoundBackend | None = None  # tests: a fake device (None: the extra's)
    sound_thread: Callable[[Callable[[], None]], None] | None = None  # tests: run inline


def _documents() -> Path:
    """The user's documents folder (platformdirs: XDG_DOCUMENTS_DIR on Linux), else home."""
    from platformdirs import user_documents_path

    folder = user_documents_path()
    return folder if folder.is_dir() else Path.home()


class TrakonApp(App[None]):
    CSS_PATH = "trakon.tcss"
    TITLE = "Trakon"
    BINDINGS: ClassVar[list[BindingType]] = [
        *bindings(),
        Binding("ctrl+p", "command_palette", N_("Commands"), show=False, priority=True),
    ]
    COMMANDS: ClassVar = {TrakonCommands}

    library_generation: reactive[int] = reactive(0, init=False)
    # The UI language: screens watch it and relabel (ui/screens/base.py); never a rebuild
    # that loses what the user typed. `change_language` sets it, with gettext's language.
    language: reactive[Lang] = reactive[Lang]("en", init=False)
    crash: Exception | None = None  # the unexpected error the app stopped on, if any
    pause: Pause | None = None  # the pause between clients under way (ui/pause.py)
    pause_base = 1  # how deep in the screen stack that pause's first check-in sits
    room_link: RoomLink | None = None  # facilitator mode's link to a presenter console
    entry: Screen[None] | None = None  # the screen a command opened on (q there leaves Trakon)

    def __init__(self, config: AppConfig) -> None:
        super().__init__()
        # The literal-text seam (ui/literal.py): a str inside a Rich renderable (a table
        # cell, a group) renders as text, never as markup. Rich has no public setter.
        self.console._markup = False
        self._drop_controls = DropControls()
        self._colourless = Colourless()
        ScrollBar.renderer = WholeCellScrollBar  # no stray partial blocks (ui/themes.py)
        self.config = config
        self.settings = config.settings
        self.settings_file = config.settings_file
        self._library: Library | None = None
        self._library_lock = threading.Lock()
        self._crisis: CrisisList | None = None
        self._sound: Player | None = None
        self._ui_thread = threading.get_ident()
        self._loading = False
        if isinstance(config.practice_log, LazyStoreLog):  # a damaged log kept aside: say so
            config.practice_log.on_moved_aside = self._log_kept_aside
        self.set_reactive(TrakonApp.language, current_language())
        for theme in THEME_OBJECTS:
            self.register_theme(theme)
        self.theme = self.settings.theme
        if self.reduced_motion:
            self.animation_level = "none"

    # --- state the screens read ---------------------------------------------------------

    @property
    def library(self) -> Library:
        """The exercise library, loaded on first use (normally in the background at start)."""
        with self._library_lock:
            if self._library is None:
                self._library = self.config.load_library()
            return self._library

    @property
    def reduced_motion(self) -> bool:
        """The setting, --reduced-motion, or TEXTUAL_ANIMATIONS=none."""
        return (
            self.settings.reduced_motion
            or self.config.force_reduced_motion
            or os.environ.get("TEXTUAL_ANIMATIONS", "").lower() == "none"
        )

    @property
    def library_if_loaded(self) -> Library | None:
        return self._library

    @property
    def personal_window(self) -> tuple[int, int]:
        """The user's own band (settings), else the check-in scale's, else 3–7."""
        from trakon_tui.core.window import personal_window

        library = self._library
        scale = library.checkin_scale() if library is not None else None
        scale_window = (scale.window.low, scale.window.high) if scale is not None else None
        return personal_window(self.settings.window, scale_window)

    def log_store(self, *, reading: bool = False) -> Store | None:
        """The private log, opened on first use; None with --no-log. Raises LogError (for
        `reading`, also when the log is damaged: it is then left as it is)."""
        log = self.config.practice_log
        if not isinstance(log, LazyStoreLog):
            return None
        return log.store(reading=reading)

    def _log_kept_aside(self, path: Path) -> None:
        """A damaged log was kept aside, on opening or on a write (which went to a new log)."""
        self.notify(
            _(
                "The old log could not be read; it was kept as {path} and a new log was started."
            ).format(path=path),
            severity="warning",
            timeout=15,
        )

    def log_store_if_open(self) -> Store | None:
        """The log for reading: opened if needed, None (and a message) if it cannot be."""
        from trakon_tui.core.store import LogError

        try:
            return self.log_store()
        except LogError as error:
            self.notify(error.message(), severity="warning", timeout=10)
            return None

    @property
    def sound(self) -> Player:
        """Tones at each phase change (#18): the setting, mute, and whether they can play."""
        if self._sound is None:
            from trakon_tui.core.sound import Player

            self._sound = Player(
                lambda: self.settings.sound,
                self.config.clock,
                self._tell_from_any_thread,
                backend=self.config.sound_backend,
                start_thread=self.config.sound_thread,
            )
        return self._sound

    def _tell_from_any_thread(self, text: str) -> None:
        """A word about sound (no device, no extra), and the keys again (no `m` then)."""

        def tell() -> None:
            self.notify(text, timeout=8)
            self.screen.refresh_bindings()

        if threading.get_ident() == self._ui_thread:
            tell()
            return
        with contextlib.suppress(RuntimeError):  # the app has ended: nobody to tell
            self.call_from_thread(tell)

    @property
    def crisis(self) -> CrisisList:
        if self._crisis is None:
            from trakon_tui.core import crisis

            self._crisis = crisis.load(self.config.crisis_files)
        return self._crisis

    @property
    def own_contacts(self) -> list[Contact]:
        """The user's own support people for the crisis page; none in facilitator mode
        (present, serve): nothing personal on a shared screen."""
        return [] if self.config.presenter else list(self.settings.contacts)

    def last_practice(self) -> str | None:
        """The practice the log holds last (home's "again"): read from the private log, so
        that --no-log, presenter mode and `forget` need nothing of their own. A log that
        does not exist yet is not created for this."""
        log = self.config.practice_log
        if self.config.presenter or not isinstance(log, LazyStoreLog):
            return None
        if log.opened is None:
            from trakon_tui.core.paths import APP_NAME
            from trakon_tui.core.store import DB_NAME

            folder = log.directory
            if not any((f / DB_NAME).is_file() for f in (folder, folder / APP_NAME)):
                return None
        from trakon_tui.core.store import LogError

        try:
            store = self.log_store(reading=True)
            return store.last_practice() if store is not None else None
        except LogError:
            return None

    def choice(self, item_id: str) -> Choice:
        """The length and pace the user chose for a practice (as written in presenter
        mode, whose settings hold none)."""
        return self.settings.choice(item_id)

    def change_choice(self, item_id: str, choice: Choice) -> None:
        from trakon_tui.core.personal import Choice

        practices = dict(self.settings.practices)
        if choice == Choice():
            practices.pop(item_id, None)
        else:
            practices[item_id] = choice
        self.settings.practices = practices
        self._save()

    def toggle_favourite(self, item_id: str) -> bool:
        """Mark or unmark a favourite; whether it is one now."""
        from trakon_tui.core.personal import toggled

        self.settings.favourites = toggled(self.settings.favourites, item_id)
        self._save()
        return item_id in self.settings.favourites

    # --- lifecycle -----------------------------------------------------------------------

    def get_default_screen(self) -> Screen[None]:
        # `trakon` opens on the check-in as its first screen: home is built only when the
        # user goes there (startup budget: one screen to compose and paint).
        if self.config.checkin_first:
            from trakon_tui.ui.screens.checkin import CheckinScreen

            return CheckinScreen()
        from trakon_tui.ui.screens.home import HomeScreen

        return HomeScreen()

    def on_mount(self) -> None:
        self._catch_closing_signals()
        if self.config.start is not None:
            first = self.config.start()
            if first is not None:
                self.entry = first
                self.push_screen(first)
        if not self.config.checkin_first:  # the check-in starts it once it is painted
            self.call_after_refresh(self.load_in_background)
        if self.config.console_folder is not None:
            from trakon_tui.ui.console_room import RoomLink

            self.room_link = RoomLink(self, self.config.console_folder)
            self.call_later(self.room_link.start)

    async def on_unmount(self) -> None:
        if self.room_link is not None:  # consoles hear that the room has ended
            await self.room_link.close()

    def load_in_background(self) -> None:
        """Load the library in a thread, once, after the first frame is on screen (so that
        loading never delays it)."""
        if self._loading:
            return
        self._loading = True
        self.run_worker(self._load_in_background, thread=True, exclusive=True)

    def _load_in_background(self) -> None:
        _ = self.library
        self.call_from_thread(self._library_ready)

    def _library_ready(self) -> None:
        self.library_generation += 1

    # --- closing -------------------------------------------------------------------------

    async def action_quit(self) -> None:
        """Ctrl+Q and the palette's Quit."""
        self.quit_asking()

    def quit_asking(self) -> None:
        """Close Trakon (Ctrl+Q, the palette, Esc on home): a writing that holds text asks
        keep or discard first, as its Esc does ("back" stays open); then every open screen
        ends the way its Esc would (a practice is recorded as stopped, details are saved)."""
        self._close_when_answered(list(reversed(self.screen_stack)))

    def _close_when_answered(self, screens: list[Screen[object]]) -> None:
        from trakon_tui.ui.screens.base import TrakonScreen

        while screens:
            screen = screens.pop(0)
            go_on = partial(self._close_when_answered, screens)
            if isinstance(screen, TrakonScreen) and screen.ask_before_closing(go_on):
                return  # asked: `go_on` comes back here once answered
        self._close(attended=True)

    def _close(self, *, attended: bool) -> None:
        from trakon_tui.ui.screens.base import TrakonScreen

        for screen in reversed(self.screen_stack):
            if isinstance(screen, TrakonScreen):
                screen.when_closing(attended=attended)
        self.exit()

    def _catch_closing_signals(self) -> None:
        """The terminal closing (SIGHUP) or a polite kill (SIGTERM) ends the app as Ctrl+Q
        would, except that nobody is there to ask: a writing in progress is discarded (it
        is kept only when the user chooses), a practice is recorded as stopped."""
        if self.is_headless:
            return  # tests call `closed_unattended`; the test runner keeps its signals
        loop = asyncio.get_running_loop()
        for signum in CLOSING_SIGNALS:
            try:
                loop.add_signal_handler(signum, self.closed_unattended)
            except (NotImplementedError, RuntimeError, ValueError):  # not Unix, not main thread
                return

    def closed_unattended(self) -> None:
        if not self._exit:
            self._close(attended=False)

    # --- the literal-text seam (ui/literal.py) --------------------------------------------

    def get_line_filters(self) -> Sequence[LineFilter]:
        if self.no_color:  # NO_COLOR: Textual's greys (Monochrome) give way to no colour at all
            return [self._colourless, self._drop_controls]
        return [*super().get_line_filters(), self._drop_controls]

    def notify(
        self,
        message: str,
        *,
        title: str = "",
        severity: SeverityLevel = "information",
        timeout: float | None = None,
        markup: bool = False,
    ) -> None:
        """A toast, always literal: file names, log paths and titles go into toasts, so no
        caller may turn markup on (`markup` is accepted and ignored)."""
        super().notify(
            visible(message),
            title=visible(title),
            severity=severity,
            timeout=timeout,
            markup=False,
        )

    # --- when something breaks -----------------------------------------------------------

    def _handle_exception(self, error: Exception) -> None:
        """An unexpected error ends the app, as in Textual, but Textual's traceback (with
        local variables, which can hold a note) is not printed over the terminal:
        `ui.run.run_app` writes a report without them and says one calm sentence."""
        if self.crash is None:
            self.crash = error
        super()._handle_exception(error)
        self._exit_renderables.clear()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        # While the screen is blanked, the key that brings it back does only that: no app
        # key (F2, Ctrl+Q, Ctrl+P included) acts, the blank screen takes it (info_pages).
        return not getattr(self.screen, "TAKES_EVERY_KEY", False)

    def action_help_quit(self) -> None:
        """Ctrl+C: Textual's own hint is English and written in markup; ours is translated
        and plain (Ctrl+C copies in a text field, so it never quits)."""
        self.notify(_("To quit Trakon, press Ctrl+Q."), timeout=4)

    def bell(self) -> None:
        """Trakon never rings the terminal bell: no surprise sounds (DESIGN)."""

    def panic(self, *renderables: RenderableType) -> None:
        """Textual's way out when its input thread dies (or an error draws itself): a crash
        like any other, reported by `ui.run.run_app`, not a traceback over the terminal."""
        if self.crash is None:
            from trakon_tui.ui.terminal_input import Panicked

            self.crash = Panicked(renderables)
        super().panic(*renderables)
        self._exit_renderables.clear()

    def get_driver_class(self) -> type[Driver]:
        from trakon_tui.ui.terminal_input import tolerate_invalid_utf8

        driver_class = super().get_driver_class()
        tolerate_invalid_utf8(driver_class)
        return driver_class

    # --- commands --------------------------------------------------------------------------

    def action_command_palette(self) -> None:
        if self.use_command_palette and not TranslatedCommandPalette.is_open(self):  # type: ignore[arg-type]
            self.push_screen(TranslatedCommandPalette())

    def get_system_commands(self, screen: Screen[object]) -> Iterable[SystemCommand]:
        return ()  # our provider lists every command, translated

    def action_help(self) -> None:
        from trakon_tui.ui.screens.info_pages import HelpScreen

        self._open(HelpScreen)

    def action_crisis(self) -> None:
        from trakon_tui.ui.screens.info_pages import CrisisScreen

        self._open(CrisisScreen)

    def action_about(self) -> None:
        from trakon_tui.ui.screens.info_pages import AboutScreen

        self._open(AboutScreen)

    def action_hide(self) -> None:
        from trakon_tui.ui.screens.info_pages import HideScreen

        screen = self.screen
        if self.config.presenter and screen.check_action("pause", ()):
            # Blanking the room's screen pauses a running practice, and it stays paused
            # when the screen comes back: the facilitator goes on with space.
            pause = getattr(screen, "action_pause", None)
            if callable(pause):
                pause()
        self._open(HideScreen)

    def action_library(self) -> None:
        from trakon_tui.ui.screens.library import LibraryScreen

        self._open(LibraryScreen)

    def action_settings(self) -> None:
        from trakon_tui.ui.screens.settings import SettingsScreen

        self._open(SettingsScreen)

    def action_history(self) -> None:
        if self.config.presenter:
            self.notify(_("Not in facilitator mode: nothing personal is shown."), timeout=3)
            return
        if self.settings.hide_history:
            self.notify(_("History is hidden in the settings."), timeout=3)
            return
        from trakon_tui.ui.screens.history import HistoryScreen

        self._open(HistoryScreen)

    def action_checkin(self) -> None:
        if self.config.presenter:
            self.notify(_("Not in facilitator mode: nothing personal is shown."), timeout=3)
            return
        from trakon_tui.ui.screens.checkin import CheckinScreen

        self._open(CheckinScreen)

    def go_home(self, then: Screen[None] | None = None) -> None:
        """Back to the home screen, closing whatever flow is open above it, then open `then`
        (if given). Runs on the app's own queue, so that a screen can close itself."""
        self.call_later(self._go_home, then)

    async def _go_home(self, then: Screen[None] | None = None) -> None:
        with self.batch_update():  # no screen in between is painted
            await self.home()
            if then is not None:
                await self.push_screen(then)

    async def home(self) -> None:
        """Close whatever is open above the home screen (opening home if the app started on
        the check-in, which stays below it as the base screen)."""
        from trakon_tui.ui.screens.home import HomeScreen

        while len(self.screen_stack) > 1 and not isinstance(self.screen, HomeScreen):
            await self.pop_screen()
        if not isinstance(self.screen, HomeScreen):
            # The app opened on the check-in, which stays below as the base screen.
            await self.push_screen(HomeScreen())

    def _open(self, screen_type: type[Screen[None]]) -> None:
        """Open a screen, or go back to it if it is already open (no stack of duplicates)."""
        if isinstance(self.screen, screen_type):
            return
        self.push_screen(screen_type())

    async def action_toggle_language(self) -> None:
        await self.change_language("en" if current_language() == "fi" else "fi")

    def action_cycle_theme(self) -> None:
        index = THEMES.index(self.settings.theme) if self.settings.theme in THEMES else 0
        self.change_theme(THEMES[(index + 1) % len(THEMES)])

    # --- settings ------------------------------------------------------------------------

    async def change_language(self, lang: Lang) -> None:
        set_language(lang)
        self.settings.language = lang
        self._save()
        self.language = lang  # every open screen relabels (ui/screens/base.py)
        self.refresh_bindings()
        self.notify(_("Language: English") if lang == "en" else _("Language: suomi"), timeout=2)

    def change_theme(self, name: str) -> None:
        theme = parse_theme(name)
        if theme is not None:
            self.settings.theme = theme
            self.theme = theme
            self._save()

    def change_reduced_motion(self, value: bool) -> None:
        self.settings.reduced_motion = value
        self.animation_level = "none" if value else "full"
        self._save()

    def change_window(self, window: tuple[int, int]) -> None:
        self.settings.window = window
        self._save()

    def change_context_tags(self, tags: tuple[str, ...]) -> None:
        self.settings.context_tags = tags
        self._save()

    def change_hide_history(self, value: bool) -> None:
        self.settings.hide_history = value
        self._save()

    def add_contact(
        self, name: str, number: str, note: str
    ) -> tuple[str, dict[str, object]] | None:
        """Keep one of the user's own people (settings); why not, as a message id and its
        arguments, when it cannot be kept."""
        from trakon_tui.core.contacts import MAX_CONTACTS, TOO_MANY, Contact, make_contact

        if len(self.settings.contacts) >= MAX_CONTACTS:
            return TOO_MANY, {"n": MAX_CONTACTS}
        made = make_contact(name, number, note)
        if not isinstance(made, Contact):
            return made
        self.settings.contacts = [*self.settings.contacts, made]
        self._save()
        return None

    def remove_contact(self, index: int) -> None:
        if 0 <= index < len(self.settings.contacts):
            self.settings.contacts = [c for n, c in enumerate(self.settings.contacts) if n != index]
            self._save()

    def change_sound(self, *, on: bool | None = None, volume: int | None = None) -> None:
        if on is not None:
            self.settings.sound.on = on
        if volume is not None:
            self.settings.sound.volume = volume
        self._save()

    def _save(self) -> None:
        if not self.config.save_settings:
            return
        try:
            unreadable = self.config.settings_unreadable
            if unreadable and os.path.lexists(self.settings_file):  # what they wrote stays
                from trakon_tui.core.files import keep_aside

                kept = keep_aside(self.settings_file, self.config.wall_clock())
                self.config.settings_unreadable = False
                self.notify(
                    _(
                        "Your settings file could not be read, so it was kept as {path}; your "
                        "settings are now saved in a new one."
                    ).format(path=kept),
                    timeout=10,
                )
            settings_store.save(self.settings, self.settings_file)
        except OSError as error:
            self.notify(
                _("Settings could not be saved: {reason}").format(reason=error.strerror or error),
                severity="warning",
            )
