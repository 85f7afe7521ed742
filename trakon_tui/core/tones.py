"""Soft tones at each phase change (#18): synthesised here, timed from the pacer's schedule.

Pure: no audio device, no clock of its own. The tone track is derived from the same
`Schedule` the screen reads: `plan` turns the schedule (pause, pace changes and stop
included) into cues on the monotonic clock; `ToneStream.block` fills the next block of
samples for a given clock time, so an audio callback can pull it ahead of time (a busy UI
never delays a tone); `BlockClock` tells when a device's next block will be heard, following
the monotonic clock without drift; `render` lays the whole practice out for a WAV file.

Tones: a gentle rising one for breathing in (and a shorter, higher one for a top-up), a
falling one for breathing out, a quiet low one for a hold, a soft one at the end. A short
pause after breathing out is silent. Each tone has a soft attack and release (no clicks), a
tone that is cut (pause, stop, mute, or a phase shorter than its tone) fades out, and no
sample is ever louder than `CEILING` of full scale.
"""

from __future__ import annotations

import bisect
import math
import struct
from array import array
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

from trakon_tui.core.pacer import Schedule
from trakon_tui.core.private_file import Sink

SAMPLE_RATE = 48_000
CEILING = 0.3  # of full scale: the loudest any sample can be, at volume 100 (about −10 dBFS)
FULL_SCALE = 32767
VOLUMES = range(1, 101)  # the setting, in percent of the ceiling's loudness
DEFAULT_VOLUME = 50
ATTACK = 0.04  # seconds of a raised-cosine rise
RELEASE = 0.35  # seconds of a raised-cosine fall at a tone's end
CUT = 0.02  # seconds of the fade when a tone is cut short
LATE = 0.1  # a cue found up to this late still sounds (at once); later, it is left out
HARMONICS = (1.0, 0.25, 0.08)  # a little warmth, so a low tone carries on small speakers

ToneKind = Literal["in", "top-up", "out", "hold", "end"]
KIND_OF_PHASE: dict[str, ToneKind] = {
    "inhale": "in",
    "top-up": "top-up",
    "exhale": "out",
    "hold": "hold",
    "hold-empty": "hold",
}  # "pause" (a short natural pause after breathing out) is silent


@dataclass(frozen=True)
class Recipe:
    start_hz: float
    end_hz: float  # a glide from start to end (equal: a steady tone)
    seconds: float
    level: float  # 0..1 of the volume's peak


RECIPES: dict[ToneKind, Recipe] = {
    "in": Recipe(262.0, 392.0, 0.9, 1.0),  # C4 up to G4
    "top-up": Recipe(392.0, 523.0, 0.45, 0.85),  # G4 up to C5
    "out": Recipe(392.0, 262.0, 0.9, 1.0),  # G4 down to C4
    "hold": Recipe(196.0, 196.0, 0.6, 0.55),  # G3, quiet
    "end": Recipe(330.0, 262.0, 1.6, 0.7),  # E4 settling to C4, long and soft
}
HIGHEST_HZ = max(max(r.start_hz, r.end_hz) for r in RECIPES.values())


def peak(volume: int) -> int:
    """The loudest sample at `volume` (1–100): the ceiling at 100, a square law below it
    (so that the steps sound about even)."""
    share = min(max(volume, 0), 100) / 100
    return round(CEILING * FULL_SCALE * share * share)


def synthesise(recipe: Recipe, amplitude: float, sample_rate: int = SAMPLE_RATE) -> array[int]:
    """One tone as 16-bit samples: an exponential glide with two soft harmonics, a
    raised-cosine attack and release, starting and ending at exactly zero."""
    count = max(2, round(recipe.seconds * sample_rate))
    attack = max(1, round(ATTACK * sample_rate))
    release = max(1, min(round(RELEASE * sample_rate), count - attack))
    ratio = recipe.end_hz / recipe.start_hz
    norm = amplitude * recipe.level / sum(HARMONICS)
    step = 2 * math.pi / sample_rate
    out = array("h", bytes(2 * count))
    phase = 0.0
    sin, cos, pi = math.sin, math.cos, math.pi
    h1, h2, h3 = HARMONICS
    for n in range(count):
        hz = recipe.start_hz * ratio ** (n / count)
        if n < attack:
            env = 0.5 - 0.5 * cos(pi * n / attack)
        elif n >= count - release:
            env = 0.5 + 0.5 * cos(pi * (n - (count - release)) / release)
        else:
            env = 1.0
        value = h1 * sin(phase) + h2 * sin(2 * phase) + h3 * sin(3 * phase)
        out[n] = round(norm * env * value)
        phase += step * hz
    out[count - 1] = 0
    return out


_BANKS: dict[tuple[int, int], dict[ToneKind, array[int]]] = {}


def bank(volume: int, sample_rate: int = SAMPLE_RATE) -> dict[ToneKind, array[int]]:
    """Every tone at `volume`, synthesised once per process (about a tenth of a second)."""
    key = (volume, sample_rate)
    if key not in _BANKS:
        amplitude = peak(volume)
        _BANKS[key] = {kind: synthesise(r, amplitude, sample_rate) for kind, r in RECIPES.items()}
    return _BANKS[key]


# --- from the schedule to cues ---------------------------------------------------------------


@dataclass(frozen=True)
class Cue:
    key: int  # which boundary: cycle × phases + phase; the end is cycles × phases
    at: float  # when its tone starts: a reading of the schedule's monotonic clock
    kind: ToneKind


@dataclass(frozen=True)
class Plan:
    """What the stream plays from now on. Immutable: the UI thread hands a new plan over
    (one reference swap) whenever the schedule changes; the audio thread only reads it."""

    cues: tuple[Cue, ...] = ()
    playing: bool = False  # False: paused, stopped or muted; a tone still sounding fades out

    @property
    def keys(self) -> list[int]:
        return [cue.key for cue in self.cues]


SILENT = Plan()


def schedule_cues(
    schedule: Schedule, phase_types: Sequence[str]
) -> list[tuple[int, float, ToneKind]]:
    """(key, schedule time, tone) for every phase start that sounds, and the end, at the
    paces set so far."""
    phases = len(phase_types)
    found: list[tuple[int, float, ToneKind]] = []
    for cycle in range(schedule.cycles):
        for index, kind in enumerate(phase_types):
            tone = KIND_OF_PHASE.get(kind)
            if tone is not None:
                found.append((cycle * phases + index, schedule.boundary(cycle, index), tone))
    found.append((schedule.cycles * phases, schedule.end, "end"))
    return found


def plan(
    schedule: Schedule, phase_types: Sequence[str], now: float, *, muted: bool = False
) -> Plan:
    """The cues still ahead at clock time `now` (a little behind too: the stream plays each
    key once), on the schedule's clock. Paused or muted: silence."""
    if schedule.paused or muted:
        return SILENT
    elapsed = schedule.elapsed(now)
    cues = tuple(
        Cue(key, schedule.to_clock(at), tone)
        for key, at, tone in schedule_cues(schedule, phase_types)
        if at >= elapsed - LATE
    )
    return Plan(cues, playing=True)


# --- the stream ------------------------------------------------------------------------------


class _Voice:
    __slots__ = ("pos", "samples")

    def __init__(self, samples: array[int]) -> None:
        self.samples = samples
        self.pos = 0


class ToneStream:
    """Samples for an audio callback: `block(start, frames)` is the next `frames` samples,
    the first of which will be heard at clock time `start`. Each cue sounds once, at its
    time (or at once, if found up to `LATE` seconds late); a tone still sounding when the
    plan stops playing, or when the next tone starts, fades out over `CUT` seconds."""

    def __init__(self, volume: int = DEFAULT_VOLUME, sample_rate: int = SAMPLE_RATE) -> None:
        self.sample_rate = sample_rate
        self.limit = peak(volume)
        self._tones = bank(volume, sample_rate)
        self._plan = SILENT
        self._keys: list[int] = []
        self._seen: Plan | None = None
        self._next_key = 0
        self._voices: list[_Voice] = []
        self.started: list[tuple[int, float]] = []  # (key, clock time) of each tone begun

    def follow(self, new: Plan) -> None:
        """From now on, play `new` (called from the UI thread; the swap is atomic)."""
        self._plan = new

    def block(self, start: float, frames: int) -> array[int]:
        out = array("h", bytes(2 * frames))
        current = self._plan
        if current is not self._seen:
            self._seen, self._keys = current, current.keys
        if not current.playing:
            self._fade_all()
        starts: list[tuple[int, ToneKind]] = []
        first = bisect.bisect_left(self._keys, self._next_key)
        for cue in current.cues[first:]:
            offset = round((cue.at - start) * self.sample_rate)
            if offset >= frames:
                break
            self._next_key = cue.key + 1
            if offset >= -LATE * self.sample_rate:
                starts.append((max(offset, 0), cue.kind))
                self.started.append((cue.key, start + max(offset, 0) / self.sample_rate))
        cursor = 0
        for offset, kind in starts:
            self._mix(out, cursor, offset)
            cursor = offset
            self._fade_all()
            self._voices.append(_Voice(self._tones[kind]))
        self._mix(out, cursor, frames)
        return out

    def _fade_all(self) -> None:
        """Every sounding tone from here on: only a short fade to zero."""
        faded = []
        for voice in self._voices:
            rest = voice.samples[voice.pos : voice.pos + round(CUT * self.sample_rate)]
            n = len(rest)
            gain = [0.5 + 0.5 * math.cos(math.pi * i / n) for i in range(n)]
            faded.append(_Voice(array("h", map(round, map(float.__mul__, gain, rest)))))
        self._voices = faded

    def _mix(self, out: array[int], begin: int, end: int) -> None:
        """Add the sounding tones into out[begin:end]."""
        if end <= begin:
            return
        alive = []
        for n, voice in enumerate(self._voices):
            chunk = voice.samples[voice.pos : voice.pos + (end - begin)]
            voice.pos += len(chunk)
            if n == 0:
                out[begin : begin + len(chunk)] = chunk
            else:  # overlapping tones (a fade under the next attack): add, within the ceiling
                limit = self.limit
                for i, value in enumerate(chunk, start=begin):
                    out[i] = max(-limit, min(limit, out[i] + value))
            if voice.pos < len(voice.samples):
                alive.append(voice)
        self._voices = alive


class BlockClock:
    """When the next block a device asks for will be heard, on the monotonic clock.

    Each callback reads the clock: the block will be heard about `latency` later. That
    reading jitters by a few milliseconds, and the device's own sample clock drifts from
    the monotonic one (tens of ppm); so the start follows the count of samples played and is
    pulled gently toward the reading each time: no jitter, no drift. A jump (an underrun,
    a suspended machine) is taken as it is."""

    SNAP = 0.05  # seconds: further off than this, start again from the reading
    GAIN = 0.02  # share of the difference taken per block

    def __init__(self, latency: float, sample_rate: int = SAMPLE_RATE) -> None:
        self.latency = latency
        self.sample_rate = sample_rate
        self._expected: float | None = None

    def next_start(self, now: float, frames: int) -> float:
        measured = now + self.latency
        expected = self._expected
        if expected is None or abs(measured - expected) > self.SNAP:
            start = measured
        else:
            start = expected + (measured - expected) * self.GAIN
        self._expected = start + frames / self.sample_rate
        return start


# --- the whole practice, for a file ------------------------------------------------------------


def render(
    schedule: Schedule,
    phase_types: Sequence[str],
    volume: int = DEFAULT_VOLUME,
    sample_rate: int = SAMPLE_RATE,
) -> array[int]:
    """The whole practice's tone track (lead-in, every phase, the end tone), as if played
    without a pause from clock time 0: `schedule` must start at 0."""
    stream = ToneStream(volume, sample_rate)
    stream.follow(plan(schedule, phase_types, schedule.start))
    seconds = schedule.end + RECIPES["end"].seconds + 0.25
    total = math.ceil(seconds * sample_rate)
    track = array("h")
    block = sample_rate // 10
    for first in range(0, total, block):
        frames = min(block, total - first)
        track.extend(stream.block(schedule.start + first / sample_rate, frames))
    return track


def write_wav(out: Sink, samples: array[int], sample_rate: int = SAMPLE_RATE) -> None:
    """16-bit mono PCM, little-endian as WAV wants it: the 44-byte RIFF header, then the
    samples as they are (the target may be a stream that cannot seek back)."""
    data = samples
    if array("h", [1]).tobytes() != b"\x01\x00":  # a big-endian machine
        data = array("h", samples)
        data.byteswap()
    size = len(data) * 2
    out.write(
        struct.pack(
            "<4sI4s4sIHHIIHH4sI",
            b"RIFF",
            36 + size,
            b"WAVE",
            b"fmt ",
            16,  # the format chunk's length
            1,  # PCM
            1,  # mono
            sample_rate,
            sample_rate * 2,  # bytes a second
            2,  # bytes a frame
            16,  # bits a sample
            b"data",
            size,
        )
    )
    out.write(data.tobytes())
