"""Shared fixtures: every test runs with its own config and data folders and in English,
unless it asks otherwise; nothing touches the real user directories."""

from __future__ import annotations

import inspect
import itertools
import textwrap
from collections.abc import Awaitable, Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from textual.message_pump import MessagePump
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
    monkeypatch.setenv("TRAKON_RUNTIME_DIR", str(tmp_path / "run"))
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


BOUNDARY_SLACK = 1e-9  # as the pacer's: a timer due at 4.0000000000000001 is due at 4.0


class FakeClock:
    """A monotonic clock that moves only when a test says so, with the app's timers in the
    same fake time (`timers`: make_app passes them with the clock). It moves only through the
    `advance` helper below, which fires what came due on the way (no moving the hands alone:
    that is how a late timer hid)."""

    def __init__(self, now: float = 1000.0) -> None:
        self.now = now
        self.timers = FakeTimers(self)

    def __call__(self) -> float:
        return self.now


@dataclass(eq=False)
class FakeAlarm:
    """One armed timer: when it is due, what it calls, and how often (None: once)."""

    timers: FakeTimers
    owner: MessagePump
    due: float
    callback: Callable[[], object]
    interval: float | None
    order: int

    def stop(self) -> None:
        if self in self.timers.pending:
            self.timers.pending.remove(self)

    @property
    def alive(self) -> bool:
        # Textual stops a widget's timers when it closes, and fires none once the app exits.
        owner = self.owner
        return not (owner._closing or owner._closed or owner.app._exit)


class FakeTimers:
    """`trakon_tui.ui.timers.Timers` in fake time: what a screen arms is kept, due at the
    clock's reading plus its delay, and fires only from `advance`."""

    def __init__(self, clock: FakeClock) -> None:
        self.clock = clock
        self.pending: list[FakeAlarm] = []
        self._order = itertools.count()

    def _arm(
        self, owner: MessagePump, delay: float, callback: Callable[[], object], every: bool
    ) -> FakeAlarm:
        alarm = FakeAlarm(
            self,
            owner,
            self.clock.now + delay,
            callback,
            delay if every else None,
            next(self._order),
        )
        self.pending.append(alarm)
        return alarm

    def once(self, owner: MessagePump, delay: float, callback: Callable[[], object]) -> FakeAlarm:
        return self._arm(owner, delay, callback, every=False)

    def every(
        self, owner: MessagePump, interval: float, callback: Callable[[], object]
    ) -> FakeAlarm:
        return self._arm(owner, interval, callback, every=True)

    frames = every  # in fake time no frame is ever late

    def of(self, owner: object) -> list[FakeAlarm]:
        """The timers `owner` has armed and not stopped, soonest first."""
        return sorted(
            (a for a in self.pending if a.owner is owner and a.alive),
            key=lambda a: (a.due, a.order),
        )

    def next_due(self, until: float) -> FakeAlarm | None:
        """The first timer due by `until` (in the order they would fire), if any."""
        self.pending = [a for a in self.pending if a.alive]
        due = [a for a in self.pending if a.due <= until + BOUNDARY_SLACK]
        return min(due, key=lambda a: (a.due, a.order), default=None)


async def advance(pilot: Pilot[None], clock: FakeClock, seconds: float) -> object:
    """Move the fake clock `seconds` on through the app's own timers: every timer that would
    have fired by then fires, in order, with the clock reading its due time, and nothing else
    happens (a screen that arms a wake-up late shows stale words). Returns the screen on top."""
    await pilot.pause()  # what the last key or mount armed is armed
    target = clock.now + seconds
    while (alarm := clock.timers.next_due(target)) is not None:
        clock.now = max(clock.now, alarm.due)
        if alarm.interval is None:
            alarm.stop()
        else:
            alarm.due += alarm.interval
        result = alarm.callback()
        if inspect.isawaitable(result):
            await result
        if alarm.interval is None:
            # A wake-up may move the practice on (a new step, the end, another screen):
            # let the screen take that in before the next timer, as it would in real time
            # (pause(0): its messages handled, without waiting for the process to idle).
            await pilot.pause(0)
    clock.now = max(clock.now, target)
    await pilot.pause()
    return pilot.app.screen


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
    clock = config.get("clock")
    if isinstance(clock, FakeClock):
        config.setdefault("timers", clock.timers)  # fake time: its timers go with its clock
    lib = library if library is not None else build([(Tier.SHIPPED, SHIPPED)])
    app_config = AppConfig(
        settings=settings or Settings(language=lang),
        settings_file=tmp_path / "config" / "settings.toml",
        load_library=lambda: lib,
        crisis_files=[paths.data_file("crisis.toml"), tmp_path / "config" / "crisis.toml"],
        **config,  # type: ignore[arg-type]
    )
    return TrakonApp(app_config)
