"""The user's settings: a small TOML file in the config directory, written with tomli-w."""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, Literal

import msgspec

from trakon_tui.core.files import Missing, Unreadable, parse_toml, read_regular
from trakon_tui.core.paths import config_dir
from trakon_tui.core.problems import Problem, from_validation_error
from trakon_tui.core.window import valid_window
from trakon_tui.i18n import LANGUAGES, Lang, _

MAX_FILE_BYTES = 64 * 1024  # a settings file is a few lines

Level = Annotated[int, msgspec.Meta(ge=0, le=10)]

ThemeName = Literal["trakon-dark", "trakon-light", "trakon-contrast"]
THEMES: tuple[ThemeName, ...] = ("trakon-dark", "trakon-light", "trakon-contrast")


def parse_theme(value: str | None) -> ThemeName | None:
    for theme in THEMES:
        if theme == value:
            return theme
    return None


class Settings(msgspec.Struct, forbid_unknown_fields=True, kw_only=True):
    language: Lang | None = None  # None: from the locale
    theme: ThemeName = "trakon-dark"
    reduced_motion: bool = False
    window: tuple[Level, Level] | None = None  # the personal window band; None: the scale's
    hide_history: bool = False  # no history screen anywhere (shared computers)

    def __post_init__(self) -> None:
        if self.window is not None and not valid_window(*self.window):
            raise msgspec.ValidationError("window: low must be below high, both 0-10")


_CHOICES: dict[str, tuple[str, ...]] = {"language": LANGUAGES, "theme": THEMES}
_FIELDS = frozenset(Settings.__struct_fields__)


@dataclass(frozen=True)
class SettingsLoad:
    settings: Settings
    problem: Problem | None = None  # why the defaults were used instead of the file

    @property
    def warning(self) -> str | None:
        """One line for the user in the current language (safe to print), or None."""
        if self.problem is None:
            return None
        return _("Your settings could not be read, so the defaults are used: {problem}").format(
            problem=self.problem.format()
        )


def settings_path(directory: Path | None = None) -> Path:
    return (directory or config_dir()) / "settings.toml"


def load(path: Path) -> SettingsLoad:
    """Read settings; a missing file gives defaults, a broken or odd one (a FIFO, a device,
    a huge file) gives defaults and the reason."""
    try:
        data = read_regular(path, MAX_FILE_BYTES)
    except Missing:
        return SettingsLoad(Settings())
    except Unreadable as why:
        return SettingsLoad(Settings(), why.problem(path))
    parsed = parse_toml(path, data, multiline=frozenset())
    if parsed.data is None:
        return SettingsLoad(Settings(), parsed.problems[0])
    try:
        return SettingsLoad(msgspec.convert(parsed.data, type=Settings, strict=True))
    except msgspec.ValidationError as error:
        problem = from_validation_error(path, str(error), _CHOICES, _FIELDS)
        return SettingsLoad(Settings(), problem)


class SettingsFile:
    """The settings file of one run: read at most once, when first needed, and a broken
    file reported once. `report` shows the warning at that moment (stderr, for commands
    without the full-screen app); without it, the app shows `warning` as a toast."""

    def __init__(
        self, path: Path | None = None, report: Callable[[str], None] | None = None
    ) -> None:
        self._path = path
        self._report = report
        self._loaded: SettingsLoad | None = None
        self.reported = False

    @property
    def path(self) -> Path:
        if self._path is None:
            self._path = settings_path()
        return self._path

    def load(self) -> SettingsLoad:
        if self._loaded is None:
            self._loaded = load(self.path)
            warning = self._loaded.warning
            if warning and self._report is not None:
                self._report(warning)
                self.reported = True
        return self._loaded


def save(settings: Settings, path: Path) -> None:
    """Write atomically, readable by the user only."""
    import tomli_w

    path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    data = {k: v for k, v in msgspec.to_builtins(settings).items() if v is not None}
    tmp = path.with_name(path.name + ".tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "wb") as handle:
        tomli_w.dump(data, handle)
        handle.flush()
        os.fsync(handle.fileno())
    os.replace(tmp, path)
