"""The user's settings: a small TOML file in the config directory, written with tomli-w."""

from __future__ import annotations

import os
import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, Literal

import msgspec

from trakon_tui.core.paths import config_dir
from trakon_tui.core.window import valid_window
from trakon_tui.i18n import N_, Lang

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


@dataclass(frozen=True)
class SettingsLoad:
    settings: Settings
    warning: str | None = None  # a msgid with {path}; the defaults were used


def settings_path(directory: Path | None = None) -> Path:
    return (directory or config_dir()) / "settings.toml"


def load(path: Path) -> SettingsLoad:
    """Read settings; a missing file gives defaults, a broken one defaults and a warning."""
    try:
        raw = tomllib.loads(path.read_text(encoding="utf-8"))
        return SettingsLoad(msgspec.convert(raw, type=Settings, strict=True))
    except FileNotFoundError:
        return SettingsLoad(Settings())
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError, msgspec.ValidationError):
        return SettingsLoad(
            Settings(), N_("Your settings file {path} could not be read; using the defaults.")
        )


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
