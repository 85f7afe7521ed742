"""The tone track (#18): synthesised tones, timed from the pacer's schedule, measured from the
samples themselves (no audio device): onsets at the boundaries, no clicks, never above the
ceiling, no drift over ten minutes with a jittery callback and a drifting device clock."""

from __future__ import annotations

import io
import itertools
import math
import random
import wave
from array import array
from collections.abc import Callable

import pytest

from tests.conftest import FakeClock
from trakon_tui.core import tones
from trakon_tui.core.pacer import Schedule

BOX = ["inhale", "hold", "exhale", "hold-empty"]
SIGH = ["inhale", "top-up", "exhale"]
EXHALE_PAUSE = ["inhale", "exhale", "pause"]
RATE = tones.SAMPLE_RATE


def onsets(samples: array[int], rate: int = RATE, quiet: float = 0.05) -> list[float]:
    """Seconds at which sound starts after at least `quiet` seconds of silence."""
    found: list[float] = []
    last_sound = -math.inf
    for n, value in enumerate(samples):
        if value != 0:
            if (n - last_sound) / rate >= quiet:
                found.append(n / rate)
            last_sound = n
    return found


def largest_jump(samples: array[int]) -> int:
    return max(abs(b - a) for a, b in itertools.pairwise(samples))


def click_threshold(volume: int) -> float:
    """The steepest a tone can be: a sine at the highest pitch's highest harmonic, at the
    volume's peak (a click, a cut at full level, jumps by about the whole peak)."""
    steepest = sum(h * (k + 1) for k, h in enumerate(tones.HARMONICS)) / sum(tones.HARMONICS)
    return tones.peak(volume) * 2 * math.pi * tones.HIGHEST_HZ * steepest / RATE * 1.05 + 2


def sounding(schedule: Schedule, kinds: list[str]) -> list[float]:
    """Schedule times of the boundaries that have a tone: every phase but a pause, and the end."""
    return [at for _key, at, _tone in tones.schedule_cues(schedule, kinds)]


def test_the_wav_holds_a_tone_at_each_boundary_within_5_ms() -> None:
    schedule = Schedule([4, 4, 4, 4], 19, 3.0, start=0.0)  # about five minutes of box breathing
    buffer = io.BytesIO()
    tones.write_wav(buffer, tones.render(schedule, BOX))
    buffer.seek(0)
    with wave.open(buffer, "rb") as wav:
        assert (wav.getnchannels(), wav.getsampwidth(), wav.getframerate()) == (1, 2, 48_000)
        samples = array("h", wav.readframes(wav.getnframes()))
    expected = sounding(schedule, BOX)
    assert len(expected) == 19 * 4 + 1
    found = onsets(samples)
    assert len(found) == len(expected)
    assert max(abs(a - b) for a, b in zip(found, expected, strict=True)) < 0.005


@pytest.mark.parametrize("pace", [0.8, 1.0, 1.25])
def test_onsets_follow_the_pace_and_a_pause_is_silent(pace: float) -> None:
    schedule = Schedule([4, 6, 1], 6, 3.0, start=0.0, pace=pace, fastest=0.8, slowest=1.25)
    found = onsets(tones.render(schedule, EXHALE_PAUSE))
    expected = sounding(schedule, EXHALE_PAUSE)
    assert len(expected) == 6 * 2 + 1  # in and out each breath, the end; the pause is quiet
    assert max(abs(a - b) for a, b in zip(found, expected, strict=True)) < 0.005


@pytest.mark.parametrize("volume", [1, 50, 100])
def test_no_clicks_and_never_above_the_ceiling(volume: int) -> None:
    # Cyclic sighing: a 1-second top-up, and (at the fastest pace) tones cut by the next one.
    schedule = Schedule([2, 1, 6], 3, 1.0, start=0.0, pace=0.5, fastest=0.5)
    track = tones.render(schedule, SIGH, volume=volume)
    assert max(abs(s) for s in track) <= tones.peak(volume) <= tones.CEILING * tones.FULL_SCALE
    assert largest_jump(track) <= click_threshold(volume)
    assert track[0] == 0 and track[-1] == 0


def test_in_rises_out_falls_and_a_hold_is_low_and_quiet() -> None:
    bank = tones.bank(100)

    def pitch(samples: array[int], start: float, end: float) -> float:
        """Zero crossings a second, in a window: twice the fundamental, near enough."""
        a, b = int(start * RATE), int(end * RATE)
        window = samples[a:b]
        crossings = sum(1 for x, y in itertools.pairwise(window) if x < 0 <= y)
        return crossings / (end - start)

    assert pitch(bank["in"], 0.6, 0.8) > pitch(bank["in"], 0.05, 0.25) * 1.2
    assert pitch(bank["out"], 0.6, 0.8) < pitch(bank["out"], 0.05, 0.25) / 1.2
    assert pitch(bank["hold"], 0.1, 0.3) < pitch(bank["in"], 0.05, 0.25)
    assert max(bank["hold"]) < max(bank["in"]) * 0.7


class FakeDevice:
    """A sound card: it plays samples at its own rate (drifting from the monotonic clock by
    `ppm`) and asks for each block `latency` before it is heard, a little early or late."""

    def __init__(self, clock: FakeClock, latency: float, ppm: float, jitter: float) -> None:
        self.clock = clock
        self.latency = latency
        self.rate = RATE * (1 + ppm / 1e6)
        self.jitter = jitter
        self.random = random.Random(18)
        self.played = 0
        self.t0 = clock.now + latency

    def heard_at(self, sample: int) -> float:
        return self.t0 + sample / self.rate

    def run(
        self,
        stream: tones.ToneStream,
        until: float,
        frames: int,
        on_block: Callable[[float], None] | None = None,
    ) -> list[float]:
        """Pull blocks up to clock time `until`; the clock time each onset is heard."""
        block_clock = tones.BlockClock(self.latency)
        heard: list[float] = []
        last_sound = -math.inf
        while self.heard_at(self.played) < until:
            self.clock.now = (
                self.heard_at(self.played)
                - self.latency
                + self.random.uniform(-self.jitter, self.jitter)
            )
            if on_block is not None:
                on_block(self.clock.now)
            block = stream.block(block_clock.next_start(self.clock.now, frames), frames)
            raw = block.tobytes()
            if raw.count(0) != len(raw):
                for n, value in enumerate(block):
                    if value != 0:
                        at = self.heard_at(self.played + n)
                        if at - last_sound >= 0.05:
                            heard.append(at)
                        last_sound = at
            self.played += frames
        return heard


def test_ten_minutes_without_drift_with_a_jittery_callback_and_a_drifting_card() -> None:
    clock = FakeClock(500.0)
    schedule = Schedule([4, 4, 4, 4], 38, 3.0, start=clock())  # 10 min 11 s
    stream = tones.ToneStream(50)
    stream.follow(tones.plan(schedule, BOX, clock()))
    device = FakeDevice(clock, latency=0.04, ppm=120, jitter=0.004)
    heard = device.run(stream, schedule.to_clock(schedule.end) + 2, frames=960)
    expected = [schedule.to_clock(t) for t in sounding(schedule, BOX)]
    errors = [abs(a - b) for a, b in zip(heard, expected, strict=True)]
    assert len(heard) == len(expected)
    assert max(errors) < 0.005  # within 20 ms is the promise
    assert max(errors[-10:]) <= max(errors[:10]) + 0.002  # no drift: the end as the start


def test_pause_pace_changes_and_stop_against_a_fake_clock() -> None:
    """The plan follows the schedule as the screen changes it: a pause mid-tone fades the
    tone out and moves every later tone by the pause; a pace change moves the tones from the
    next breath; stop silences at once. Each tone that sounds is at its boundary."""
    clock = FakeClock(100.0)
    schedule = Schedule([4, 6, 1], 8, 3.0, start=clock(), fastest=0.8, slowest=1.25)
    stream = tones.ToneStream(50)
    stream.follow(tones.plan(schedule, EXHALE_PAUSE, clock()))
    pauses: list[tuple[float, float]] = []
    done: set[str] = set()

    def on_block(now: float) -> None:
        t = now - 100.0
        if t >= 7.3 and "pause" not in done:  # during the first out-breath's tone
            done.add("pause")
            schedule.pause(now)
            stream.follow(tones.plan(schedule, EXHALE_PAUSE, now))
            pauses.append((now, math.nan))
        elif t >= 12.0 and "resume" not in done:
            done.add("resume")
            schedule.resume(now)
            stream.follow(tones.plan(schedule, EXHALE_PAUSE, now))
            pauses[-1] = (pauses[-1][0], now)
        elif t >= 20.0 and "slower" not in done:
            done.add("slower")
            schedule.change_pace(now, +4)  # 20 % slower from the next breath
            stream.follow(tones.plan(schedule, EXHALE_PAUSE, now))
        elif t >= 50.0 and "stop" not in done:
            done.add("stop")
            stream.follow(tones.SILENT)

    device = FakeDevice(clock, latency=0.03, ppm=-80, jitter=0.003)
    heard = device.run(stream, 160.0, frames=480, on_block=on_block)
    assert done == {"pause", "resume", "slower", "stop"}
    ((start_pause, end_pause),) = pauses
    paused = end_pause - start_pause

    def clock_time(at: float) -> float:
        before = schedule.start + at
        return before if before < start_pause else before + paused

    expected = [
        clock_time(at)
        for key, at, _tone in tones.schedule_cues(schedule, EXHALE_PAUSE)
        if clock_time(at) < 150.0
    ]
    assert schedule.pace == pytest.approx(1.2)
    assert heard == pytest.approx(expected, abs=0.005)
    # The stop came in the middle of the practice: nothing sounded after it.
    assert all(at < 150.0 + 0.05 for at in heard)
    assert len(heard) < len(tones.schedule_cues(schedule, EXHALE_PAUSE))


def test_a_cut_tone_fades_without_a_click() -> None:
    clock = FakeClock(0.0)
    schedule = Schedule([4, 4], 2, 0.0, start=0.0)
    stream = tones.ToneStream(100)
    stream.follow(tones.plan(schedule, ["inhale", "exhale"], 0.0))
    first = stream.block(0.0, 14_400)  # 0.3 s: the in-tone at full level
    stream.follow(tones.SILENT)  # paused, muted or stopped
    rest = stream.block(0.3, 4800)
    joined = first + rest
    assert max(abs(s) for s in first[-480:]) > tones.peak(100) * 0.3
    assert largest_jump(joined) <= click_threshold(100)
    assert all(s == 0 for s in rest[round(tones.CUT * RATE) :])
    assert clock.now == 0.0


def test_a_late_block_plays_a_cue_at_once_and_a_very_late_one_not_at_all() -> None:
    schedule = Schedule([4, 4], 2, 0.0, start=0.0)
    late = tones.ToneStream(50)
    late.follow(tones.plan(schedule, ["inhale", "exhale"], 0.0))
    block = late.block(0.05, 480)  # the in-tone was due 50 ms ago
    assert any(block[:100]) and late.started == [(0, 0.05)]
    too_late = tones.ToneStream(50)
    too_late.follow(tones.plan(schedule, ["inhale", "exhale"], 0.0))
    assert not any(too_late.block(0.5, 480)) and too_late.started == []


def test_muted_and_paused_plans_are_silent_and_a_plan_starts_after_now() -> None:
    schedule = Schedule([4, 4], 3, 3.0, start=10.0)
    assert tones.plan(schedule, ["inhale", "exhale"], 10.0, muted=True) == tones.SILENT
    later = tones.plan(schedule, ["inhale", "exhale"], 10.0 + 3 + 4 + 1)
    assert [cue.key for cue in later.cues] == [2, 3, 4, 5, 6]  # the second breath on, the end
    assert later.cues[0].at == pytest.approx(10.0 + 3 + 8)
    schedule.pause(11.0)
    assert tones.plan(schedule, ["inhale", "exhale"], 11.0) == tones.SILENT


def test_block_clock_takes_a_jump_as_it_is() -> None:
    block_clock = tones.BlockClock(0.04)
    assert block_clock.next_start(10.0, 960) == pytest.approx(10.04)
    assert block_clock.next_start(10.0203, 960) == pytest.approx(10.06, abs=1e-4)
    assert block_clock.next_start(11.0, 960) == pytest.approx(11.04)  # an underrun: snap
