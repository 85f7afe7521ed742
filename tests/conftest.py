"""Shared fixtures: every test runs with its own config and data folders and in English,
unless it asks otherwise; nothing touches the real user directories."""

from __future__ import annotations

import textwrap
from collections.abc import Awaitable, Callable, Iterator
from pathlib import Path

import pytest
from textual.pilot import Pilot

from trakon_tui.core import paths
from trakon_tui.core.library import Library, Tier, build
from trakon_tui.core.settings import Settings
from trakon_tui.i18n import Lang, set_language

ROOT = Path(__file__).resolve().parent.parent
SHIPPED = ROOT / "exercises"


@pytest.fixture(autouse=True)
def isolated(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Iterator[None]:
    monkeypatch.setenv("TRAKON_CONFIG_DIR", str(tmp_path / "config"))
    monkeypatch.setenv("TRAKON_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("TRAKON_CACHE_DIR", str(tmp_path / "cache"))
    for name in ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.delenv("NO_COLOR", raising=False)
    set_language("en")
    yield
    set_language("en")


@pytest.fixture
def write(tmp_path: Path) -> Callable[[str, str], Path]:
    """Write a dedented exercise file into tmp_path/ex and return its path."""
    folder = tmp_path / "ex"

    def _write(name: str, text: str) -> Path:
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text).lstrip(), encoding="utf-8")
        return path

    return _write


@pytest.fixture(scope="session")
def shipped_library() -> Library:
    return build([(Tier.SHIPPED, SHIPPED)])


async def settle(pilot: Pilot[None]) -> None:
    """Before a snapshot: the library loaded, every message handled, and no toast on screen
    (a toast is transient: whether it is still showing depends on the machine's speed, so a
    baseline must never hold one; tests assert toasts through `app._notifications`)."""
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()
    pilot.app.clear_notifications()
    await pilot.pause()


def keys_then_settle(*keys: str) -> Callable[[Pilot[None]], Awaitable[None]]:
    """A snapshot's `run_before`: settle, press `keys`, settle again (pass this instead of
    snap_compare's `press=`, which presses after run_before, when toasts are still up)."""

    async def run_before(pilot: Pilot[None]) -> None:
        await settle(pilot)
        await pilot.press(*keys)
        await settle(pilot)

    return run_before


class FakeClock:
    """A monotonic clock that moves only when a test says so."""

    def __init__(self, now: float = 1000.0) -> None:
        self.now = now

    def __call__(self) -> float:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += seconds


async def advance(pilot: Pilot[None], clock: FakeClock, seconds: float) -> object:
    """Move the fake clock `seconds` on and let the timed screen on top read it (its `sync`
    is what its one-shot timer would call); returns that screen."""
    clock.advance(seconds)
    screen = pilot.app.screen
    screen.sync()  # type: ignore[attr-defined]  # a practice screen: breathing, grounding

    await pilot.pause()
    return screen


class RecordingLog:
    def __init__(self) -> None:
        self.runs: list[object] = []

    def record_run(self, run: object) -> None:
        self.runs.append(run)


def make_app(
    tmp_path: Path,
    lang: Lang = "en",
    library: Library | None = None,
    settings: Settings | None = None,
    **config: object,
):  # type: ignore[no-untyped-def]
    """The app as the CLI builds it, with paths, library, clock and log passed in."""
    from trakon_tui.ui.app import AppConfig, TrakonApp

    set_language(lang)
    lib = library if library is not None else build([(Tier.SHIPPED, SHIPPED)])
    app_config = AppConfig(
        settings=settings or Settings(language=lang),
        settings_file=tmp_path / "config" / "settings.toml",
        load_library=lambda: lib,
        crisis_files=[paths.data_file("crisis.toml"), tmp_path / "config" / "crisis.toml"],
        **config,  # type: ignore[arg-type]
    )
    return TrakonApp(app_config)
