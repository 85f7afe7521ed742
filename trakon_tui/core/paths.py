"""Where things live. Resolved when called, never at import; nothing is created here."""

from __future__ import annotations

import os
from pathlib import Path

from trakon_tui.quick import user_dir

APP_NAME = "trakon"
_PACKAGE = Path(__file__).resolve().parent.parent


def shipped_exercises_dir() -> Path:
    """The shipped library: inside the wheel, or the repository's top-level `exercises/`."""
    inside = _PACKAGE / "exercises"
    if inside.is_dir():
        return inside
    return _PACKAGE.parent / "exercises"


def data_file(name: str) -> Path:
    """A data file shipped with the package (the crisis resources, for instance)."""
    return _PACKAGE / "data" / name


def config_dir() -> Path:
    override = os.environ.get("TRAKON_CONFIG_DIR")
    if override:
        return Path(override).expanduser()
    return Path(user_dir("config"))


def cache_dir() -> Path:
    """Where Trakon keeps what it can always rebuild (the parsed shipped library)."""
    override = os.environ.get("TRAKON_CACHE_DIR")
    if override:
        return Path(override).expanduser()
    return Path(user_dir("cache"))


def user_exercises_dir() -> Path:
    return config_dir() / "exercises"


def data_dir(explicit: Path | None = None) -> Path:
    if explicit is not None:
        return explicit.expanduser()
    override = os.environ.get("TRAKON_DATA_DIR")
    if override:
        return Path(override).expanduser()
    return Path(user_dir("data"))


def runtime_dir() -> Path:
    """The per-user runtime folder where a presentation's console socket lives
    (`TRAKON_RUNTIME_DIR`, else `$XDG_RUNTIME_DIR/trakon`, else the platform's)."""
    override = os.environ.get("TRAKON_RUNTIME_DIR")
    if override:
        return Path(override).expanduser()
    runtime = os.environ.get("XDG_RUNTIME_DIR")
    if runtime:
        return Path(runtime) / APP_NAME
    import warnings

    from platformdirs import user_runtime_path

    with warnings.catch_warnings():  # "XDG_RUNTIME_DIR is not set": the fallback is checked
        warnings.simplefilter("ignore")
        return user_runtime_path(APP_NAME, appauthor=False)
