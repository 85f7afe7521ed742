"""The user's settings: a small TOML file in the config directory, written with tomli-w."""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal, NamedTuple

from trakon_tui.core.files import Missing, Unreadable, parse_toml, read_regular
from trakon_tui.core.paths import config_dir
from trakon_tui.core.problems import Problem, not_allowed, type_name, unknown_field, wrong_type
from trakon_tui.core.window import valid_window
from trakon_tui.i18n import LANGUAGES, N_, Lang, _, parse_language

MAX_FILE_BYTES = 64 * 1024  # a settings file is a few lines

ThemeName = Literal["trakon-dark", "trakon-light", "trakon-contrast"]
THEMES: tuple[ThemeName, ...] = ("trakon-dark", "trakon-light", "trakon-contrast")


def parse_theme(value: str | None) -> ThemeName | None:
    for theme in THEMES:
        if theme == value:
            return theme
    return None


@dataclass(kw_only=True)
class Settings:
    """What the user chose in the settings screen. Checked by hand in `from_data`, not by
    msgspec: the settings are read before the first screen, and msgspec's import alone
    took ~3 ms of the startup budget here."""

    language: Lang | None = None  # None: from the locale
    theme: ThemeName = "trakon-dark"
    reduced_motion: bool = False
    window: tuple[int, int] | None = None  # the personal window band; None: the scale's
    hide_history: bool = False  # no history screen anywhere (shared computers)
    # What was just before a check-in: the details step's one-key list (core.context ids or
    # the user's own words); None: the built-in defaults. See `context_tags` below.
    context_tags: tuple[str, ...] | None = None

    def to_data(self) -> dict[str, object]:
        """As the file holds it (nothing for what is not set)."""
        data: dict[str, object] = {
            "language": self.language,
            "theme": self.theme,
            "reduced_motion": self.reduced_motion,
            "window": list(self.window) if self.window is not None else None,
            "hide_history": self.hide_history,
            "context_tags": list(self.context_tags) if self.context_tags is not None else None,
        }
        return {key: value for key, value in data.items() if value is not None}


_FIELDS = frozenset(Settings.__dataclass_fields__)
_CHOICES: dict[str, tuple[Callable[[str], str | None], tuple[str, ...]]] = {
    "language": (parse_language, LANGUAGES),
    "theme": (parse_theme, THEMES),
}


def from_data(path: Path, raw: dict[str, Any]) -> Settings | Problem:
    """The settings a parsed file holds, or the first thing wrong with it (unknown keys are
    errors here too: a typo must not pass silently)."""
    settings = Settings()
    for key, value in raw.items():
        if key not in _FIELDS:
            return unknown_field(path, key, _FIELDS, None)
        if key in _CHOICES:
            parse, allowed = _CHOICES[key]
            if not isinstance(value, str):
                return wrong_type(path, "str", type_name(value), key)
            chosen = parse(value)
            if chosen is None:
                return not_allowed(path, value, allowed, key)
            setattr(settings, key, chosen)
        elif key in ("reduced_motion", "hide_history"):
            if not isinstance(value, bool):
                return wrong_type(path, "bool", type_name(value), key)
            setattr(settings, key, value)
        elif key == "context_tags":
            tags = _context_tags_from(path, value)
            if isinstance(tags, Problem):
                return tags
            settings.context_tags = tags
        else:  # window
            if not (
                isinstance(value, list)
                and len(value) == 2
                and all(type(level) is int for level in value)
                and valid_window(value[0], value[1])
            ):
                return Problem(
                    path,
                    N_("a window is two levels from 0 to 10, the lower first, like [3, 7]"),
                    where=key,
                )
            settings.window = (value[0], value[1])
    return settings


# --- context tags (#17) ---------------------------------------------------------------------


def context_tags(settings: Settings) -> tuple[str, ...]:
    """The tags the details step offers, in order: the user's list, else the defaults."""
    from trakon_tui.core.context import DEFAULT_TAGS

    return DEFAULT_TAGS if settings.context_tags is None else settings.context_tags


def _context_tags_from(path: Path, value: object) -> tuple[str, ...] | Problem:
    """`context_tags = ["home-visit", "työnohjaus"]`: at most nine short one-line words."""
    from trakon_tui.core.context import MAX_TAG_CHARS, MAX_TAGS, clean, resolve

    if not isinstance(value, list) or not all(isinstance(tag, str) for tag in value):
        return wrong_type(path, "list of str", type_name(value), "context_tags")
    cleaned = [clean(tag) for tag in value]
    changed = any(tag != raw for tag, raw in zip(cleaned, value, strict=True))
    if len(value) > MAX_TAGS or changed:
        return Problem(
            path,
            N_(
                "context tags are at most {n} short words on one line (up to {chars} "
                'characters, no commas), like ["home-visit", "supervision"]'
            ),
            {"n": MAX_TAGS, "chars": MAX_TAG_CHARS},
            where="context_tags",
        )
    # a built-in tag written out ("kotikäynti") is kept by its id, as the settings screen does
    return tuple(dict.fromkeys(resolve(tag) or tag for tag in cleaned if tag is not None))


class SettingsLoad(NamedTuple):
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
    found = from_data(path, parsed.data)
    if isinstance(found, Problem):
        return SettingsLoad(Settings(), found)
    return SettingsLoad(found)


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
    data = settings.to_data()
    tmp = path.with_name(path.name + ".tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "wb") as handle:
        tomli_w.dump(data, handle)
        handle.flush()
        os.fsync(handle.fileno())
    os.replace(tmp, path)
