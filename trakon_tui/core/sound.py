"""Playing the tones (#18) through the optional `trakon[sound]` extra, behind a small seam.

Nothing about sound may block or break a practice. The audio library (miniaudio, which ships
its own native code in its wheel) is imported only when a practice starts with sound on,
and then in a thread of its own, as is opening the device; the device's own thread pulls
each block of samples from a `tones.ToneStream` ahead of time, so a busy screen never
delays a tone. Without the extra, with `TRAKON_SOUND=off`, or with no audio device (CI,
SSH), the practice runs silently and the person is told once.

`Backend` is the seam: `MiniaudioBackend` in real use, a fake one in tests.
"""

from __future__ import annotations

import contextlib
import os
import sys
import threading
from array import array
from collections.abc import Callable, Generator, Sequence
from typing import Literal, Protocol

from trakon_tui.core import tones
from trakon_tui.core.pacer import Schedule
from trakon_tui.core.settings import SoundSettings
from trakon_tui.i18n import _

INSTALL = "pip install 'trakon[sound]'"
PERIOD_MS = 20  # the device asks for 20 ms at a time...
PERIODS = 3  # ...and holds three such blocks: a block is heard about 40 ms after it is asked for
LATENCY = (PERIODS - 1) * PERIOD_MS / 1000

State = Literal["off", "disabled", "missing", "no-device", "on"]
Pull = Callable[[int], "array[int] | bytes"]  # frames wanted -> as many 16-bit mono samples


def describe(state: State, muted: bool) -> str | None:
    """One line for the practice card about sound, or None when it is simply off."""
    if state == "on":
        if muted:
            return _("Sound: muted for now; m during the practice turns it back on.")
        return _("Sound: a soft tone at each change (m mutes it).")
    if state == "missing":
        return _(
            "Sound is on in the settings, but the sound extra is not installed: {command}"
        ).format(command=INSTALL)
    if state == "no-device":
        return _("Sound: no audio device was found, so the practice is silent.")
    if state == "disabled":
        return _("Sound: off for this run (TRAKON_SOUND=off).")
    return None


class NoDevice(Exception):
    """No audio device could be opened (none there, or the system refused)."""


class Output(Protocol):
    latency: float

    def close(self) -> None: ...


class Backend(Protocol):
    def open(self, pull: Pull, sample_rate: int) -> Output:
        """Start pulling samples from `pull` on the device's own thread; NoDevice if none."""
        ...


def disabled_by_environment() -> bool:
    return os.environ.get("TRAKON_SOUND", "").strip().lower() in ("off", "0", "no", "false")


def installed() -> bool:
    """Whether the extra is there, without importing it (~45 ms)."""
    from importlib.util import find_spec

    return find_spec("miniaudio") is not None


class Player:
    """Sound for one run of Trakon: the setting, whether it can play, mute, and the one
    message about a missing device. `tell` must be safe to call from any thread."""

    def __init__(
        self,
        settings: Callable[[], SoundSettings],
        clock: Callable[[], float],
        tell: Callable[[str], None],
        backend: Backend | None = None,
        start_thread: Callable[[Callable[[], None]], None] | None = None,
    ) -> None:
        self._settings = settings
        self.clock = clock
        self._tell = tell
        self._backend = backend
        self._start_thread = start_thread or _daemon
        self.muted = False  # `m` in a practice; for the rest of this run
        self.no_device = False
        self._told = False

    @property
    def state(self) -> State:
        if not self._settings().on:
            return "off"
        if disabled_by_environment():
            return "disabled"
        if self._backend is None and not installed():
            return "missing"
        if self.no_device:
            return "no-device"
        return "on"

    def practice(self, phase_types: Sequence[str]) -> PracticeSound | None:
        """The tones of one practice, or None when sound is not on. Opening the device
        happens in a thread; it is never waited for."""
        state = self.state
        if state == "missing":
            self._say_once(describe(state, self.muted) or "")
        if state != "on":
            return None
        backend = self._backend or MiniaudioBackend()
        return PracticeSound(self, backend, list(phase_types), self._settings().volume)

    def failed(self) -> None:
        self.no_device = True
        self._say_once(_("No audio device was found, so the practice goes on without sound."))

    def _say_once(self, text: str) -> None:
        if not self._told:
            self._told = True
            self._tell(text)


class PracticeSound:
    """One practice's tones: follows its schedule (`follow` after every change: start,
    pause, continue, pace), `mute`, `stop`."""

    def __init__(
        self, player: Player, backend: Backend, phase_types: list[str], volume: int
    ) -> None:
        self.player = player
        self.phase_types = phase_types
        self.stream = tones.ToneStream(volume)
        self._backend = backend
        self._block_clock = tones.BlockClock(LATENCY)
        self._output: Output | None = None
        self._stopped = False
        self._lock = threading.Lock()
        player._start_thread(self._open)

    def follow(self, schedule: Schedule, now: float) -> None:
        self.stream.follow(tones.plan(schedule, self.phase_types, now, muted=self.player.muted))

    def toggle_mute(self, schedule: Schedule, now: float) -> bool:
        """Mute or unmute (for the rest of the run); True if now muted. A tone sounding
        fades out; unmuted, the next change sounds again."""
        self.player.muted = not self.player.muted
        self.follow(schedule, now)
        return self.player.muted

    def stop(self) -> None:
        """Silence (a sounding tone fades) and close the device once it has faded."""
        self.stream.follow(tones.SILENT)
        with self._lock:
            self._stopped = True
            output, self._output = self._output, None
        if output is not None:
            timer = threading.Timer(tones.CUT + output.latency + 0.05, _close_quietly, [output])
            timer.daemon = True
            timer.start()

    def pull(self, frames: int) -> array[int]:
        """The device's thread asks for the next `frames` samples."""
        start = self._block_clock.next_start(self.player.clock(), frames)
        return self.stream.block(start, frames)

    def _open(self) -> None:
        try:
            output = self._backend.open(self.pull, tones.SAMPLE_RATE)
        except NoDevice:
            self.player.failed()
            return
        self._block_clock.latency = output.latency
        with self._lock:
            if not self._stopped:
                self._output = output
                return
        _close_quietly(output)  # the practice ended while the device was opening


def _daemon(target: Callable[[], None]) -> None:
    threading.Thread(target=target, name="trakon-sound", daemon=True).start()


def _close_quietly(output: Output) -> None:
    with contextlib.suppress(Exception):  # a device that went away: nothing to do about it
        output.close()


# --- the real device -----------------------------------------------------------------------------


class MiniaudioBackend:
    """miniaudio's playback device: mono 16-bit at 48 kHz, pulled through a generator."""

    def open(self, pull: Pull, sample_rate: int) -> Output:
        try:
            import miniaudio
        except ImportError as error:  # removed since the check: as if there were no device
            raise NoDevice(str(error)) from error
        _quiet_alsa()
        try:
            device = miniaudio.PlaybackDevice(
                output_format=miniaudio.SampleFormat.SIGNED16,
                nchannels=1,
                sample_rate=sample_rate,
                buffersize_msec=PERIOD_MS,
                callback_periods=PERIODS,
                app_name="Trakon",
            )
        except Exception as error:  # MiniaudioError, or a backend library that failed to load
            raise NoDevice(str(error)) from error
        if str(getattr(device, "backend", "")).lower() == "null":  # plays to nowhere
            device.close()
            raise NoDevice("null backend")
        generator = _frames(pull)
        next(generator)
        try:
            device.start(generator)
        except Exception as error:
            device.close()
            raise NoDevice(str(error)) from error
        return _MiniaudioOutput(device)


class _MiniaudioOutput:
    latency = LATENCY

    def __init__(self, device: object) -> None:
        self._device = device

    def close(self) -> None:
        self._device.close()  # type: ignore[attr-defined]


def _frames(pull: Pull) -> Generator[bytes | array[int], int, None]:
    """What miniaudio's callback sends frame counts into. An error here must never reach the
    C callback (it would print over the screen): silence instead."""
    frames = yield b""
    while True:
        try:
            block: bytes | array[int] = pull(frames)
        except Exception:
            block = bytes(2 * frames)
        frames = yield block


_ALSA_HANDLER: object = None


def _quiet_alsa() -> None:
    """ALSA prints its errors (no card, no such device) straight to the terminal, over the
    screen; give it a handler that says nothing. Textual draws on standard error, so
    redirecting that is not an option."""
    global _ALSA_HANDLER
    if _ALSA_HANDLER is not None or not sys.platform.startswith("linux"):
        return
    import ctypes
    import ctypes.util

    name = ctypes.util.find_library("asound")
    if name is None:
        return
    try:
        alsa = ctypes.CDLL(name)
    except OSError:
        return
    handler_type = ctypes.CFUNCTYPE(
        None, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p
    )
    _ALSA_HANDLER = handler_type(lambda *_args: None)  # kept: ALSA holds the pointer
    alsa.snd_lib_error_set_handler(_ALSA_HANDLER)
