"""Soft tones in a practice (#18), through a fake audio device on a fake clock: a tone at
each phase change (pause and mute included), the card and the key line say when sound is
on, and nothing about sound ever stops a practice: no device, no extra, TRAKON_SOUND=off.
`trakon breathe ID --render-sound FILE.wav` writes the track, safely."""

from __future__ import annotations

import os
import wave
from array import array
from pathlib import Path

import pytest

from tests.conftest import FakeClock, RecordingLog, advance, make_app
from tests.test_app import text_of
from tests.test_tones import onsets
from trakon_tui.core import sound, tones
from trakon_tui.core.library import Tier, build
from trakon_tui.core.pacer import Schedule
from trakon_tui.core.settings import Settings, SoundSettings
from trakon_tui.ui.screens.breathing import BreathingScreen
from trakon_tui.ui.screens.detail import DetailScreen
from trakon_tui.ui.widgets.key_line import KeyLine

ROOT = Path(__file__).resolve().parent.parent
BOX = ["inhale", "hold", "exhale", "hold-empty"]
BLOCK = 960  # 20 ms


class FakeOutput:
    latency = 0.0

    def __init__(self) -> None:
        self.closed = False

    def close(self) -> None:
        self.closed = True


class FakeBackend:
    """A sound card that plays when the test says so (`play`), or none at all."""

    def __init__(self, *, fail: bool = False) -> None:
        self.fail = fail
        self.opened = 0
        self.pull: sound.Pull | None = None
        self.output = FakeOutput()

    def open(self, pull: sound.Pull, sample_rate: int) -> FakeOutput:
        self.opened += 1
        if self.fail:
            raise sound.NoDevice("no card")
        self.pull = pull
        self.output = FakeOutput()
        return self.output

    def play(self, clock: FakeClock, seconds: float) -> None:
        """The device's thread asking for blocks while `seconds` pass on the clock."""
        assert self.pull is not None
        for _ in range(round(seconds / (BLOCK / tones.SAMPLE_RATE))):
            self.pull(BLOCK)
            clock.now += BLOCK / tones.SAMPLE_RATE  # the card's time; the screen's own
            # timers are not fired: the tones never wait for them


def sound_app(tmp_path: Path, backend: FakeBackend | None, *, on: bool = True, lang: str = "en"):  # type: ignore[no-untyped-def]
    clock = FakeClock()
    app = make_app(
        tmp_path,
        lang,  # type: ignore[arg-type]
        settings=Settings(language=lang, sound=SoundSettings(on=on, volume=40)),  # type: ignore[arg-type]
        clock=clock,
        practice_log=RecordingLog(),
        start=lambda: DetailScreen("box-breathing"),
        sound_backend=backend,
        sound_thread=lambda run: run(),  # the device opens inline, not in a thread
    )
    return app, clock


def card_text(app) -> str:  # type: ignore[no-untyped-def]
    return " ".join(text_of(w) for w in app.screen.query("#detail-card"))


def keys(app) -> str:  # type: ignore[no-untyped-def]
    return str(app.screen.query_one(KeyLine).render())


def toasts(app) -> list[str]:  # type: ignore[no-untyped-def]
    return [str(n.message) for n in app._notifications]


async def card_then_start(pilot) -> str:  # type: ignore[no-untyped-def]
    """What the card says, then Enter: the practice starts."""
    await pilot.pause()
    said = card_text(pilot.app)
    await pilot.press("enter")
    await pilot.pause()
    return said


async def test_a_tone_at_each_phase_change_with_pause_and_mute(tmp_path: Path) -> None:
    backend = FakeBackend()
    app, clock = sound_app(tmp_path, backend)
    async with app.run_test(size=(100, 32)) as pilot:
        assert "Sound: a soft tone at each change (m mutes it)." in await card_then_start(pilot)
        screen = app.screen
        assert isinstance(screen, BreathingScreen) and backend.opened == 1
        assert "m Mute" in keys(app)
        start = screen.schedule.start  # type: ignore[union-attr]
        stream = screen._sound.stream  # type: ignore[union-attr]
        backend.play(clock, 5.5)  # the lead-in, then IN at 3 s
        await pilot.press("space")  # pause in the middle of the first in-breath
        backend.play(clock, 2.0)  # paused: no tone
        await pilot.press("space")
        backend.play(clock, 6.0)  # HOLD at 9 s and OUT at 13 s (7 and 11, moved by the pause)
        await pilot.press("m")
        assert "m Sound on" in keys(app)
        backend.play(clock, 8.0)  # muted: the hold-empty at 17 s and IN at 21 s are quiet
        await pilot.press("m")
        backend.play(clock, 60.0)  # the rest, and the end
        expected = [start + 3, start + 9, start + 13, *(start + 25 + 4 * n for n in range(11))]
        expected.append(start + 2 + 3 + 64)  # the soft end tone
        assert [at for _key, at in stream.started] == pytest.approx(expected, abs=0.0005)
        await advance(pilot, clock, 0)  # the screen's own timers catch up: the end
        assert not isinstance(app.screen, BreathingScreen)
        assert stream._plan == tones.SILENT  # the device closes once the end tone has faded


async def test_without_a_device_it_says_so_once_and_the_practice_goes_on(
    tmp_path: Path,
) -> None:
    backend = FakeBackend(fail=True)
    app, clock = sound_app(tmp_path, backend)
    async with app.run_test(size=(100, 32)) as pilot:
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, BreathingScreen)
        assert toasts(app) == ["No audio device was found, so the practice goes on without sound."]
        await advance(pilot, clock, 3.5)
        assert app.screen.query_one("#cue").word == "IN"  # type: ignore[attr-defined]
        await pilot.press("escape")
        await pilot.pause()
        app.clear_notifications()
        app.push_screen(DetailScreen("box-breathing"))
        assert "no audio device was found" in await card_then_start(pilot)
        assert toasts(app) == [] and backend.opened == 1  # not tried, not said again
        assert "Mute" not in keys(app)


async def test_without_the_extra_the_card_and_settings_say_how_to_install(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(sound, "installed", lambda: False)
    app, _clock = sound_app(tmp_path, None)
    async with app.run_test(size=(100, 32)) as pilot:
        await pilot.pause()
        install = "pip install 'trakon[sound]'"
        assert install in card_text(app)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, BreathingScreen)
        assert len(toasts(app)) == 1 and install in toasts(app)[0]
        await pilot.press("escape")
        await pilot.pause()
        app.action_settings()
        await pilot.pause()
        shown = " ".join(text_of(w) for w in app.screen.query(".dim"))
        assert f"Sound needs the sound extra: {install}" in shown


async def test_trakon_sound_off_silences_it_and_off_is_the_default(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("TRAKON_SOUND", "off")
    backend = FakeBackend()
    app, _clock = sound_app(tmp_path, backend)
    async with app.run_test(size=(100, 32)) as pilot:
        assert "Sound: off for this run (TRAKON_SOUND=off)." in await card_then_start(pilot)
        assert backend.opened == 0 and "Mute" not in keys(app)
    monkeypatch.delenv("TRAKON_SOUND")
    app, _clock = sound_app(tmp_path, backend, on=False)
    async with app.run_test(size=(100, 32)) as pilot:
        assert "Sound" not in await card_then_start(pilot)
        assert backend.opened == 0 and "Mute" not in keys(app)


async def test_the_setting_turns_sound_on_and_sets_the_volume(tmp_path: Path) -> None:
    import tomllib

    from trakon_tui.ui.literal_forms import Checkbox, Select

    app, _clock = sound_app(tmp_path, FakeBackend(), on=False, lang="fi")
    async with app.run_test(size=(100, 32)) as pilot:
        await pilot.pause()
        app.action_settings()
        await pilot.pause()
        app.screen.query_one("#set-sound", Checkbox).value = True
        await pilot.pause()
        app.screen.query_one("#set-volume", Select).value = 70
        await pilot.pause()
        saved = tomllib.loads((tmp_path / "config" / "settings.toml").read_text())
        assert saved["sound"] == {"on": True, "volume": 70}
        await pilot.press("escape")
        await pilot.pause()
        assert "Ääni: pehmeä äänimerkki jokaisessa vaihdossa (m mykistää)." in card_text(app)


def test_the_real_device_is_opened_quietly_or_not_at_all(capfd: pytest.CaptureFixture[str]) -> None:
    """miniaudio on this machine: without a sound card it says NoDevice and prints nothing
    (ALSA would write over the screen); with one, it plays a moment of silence."""
    pytest.importorskip("miniaudio")
    try:
        output = sound.MiniaudioBackend().open(lambda frames: bytes(2 * frames), 48_000)
    except sound.NoDevice:
        pass
    else:
        output.close()
    assert capfd.readouterr().err == ""


def test_render_sound_writes_a_wav_whose_onsets_are_the_schedules(tmp_path: Path) -> None:
    from trakon_tui.cli import main

    target = tmp_path / "box.wav"
    assert main(["breathe", "box-breathing", "--render-sound", str(target), "--pace", "0.9"]) == 0
    with wave.open(str(target), "rb") as wav:
        assert (wav.getnchannels(), wav.getsampwidth(), wav.getframerate()) == (1, 2, 48_000)
        samples = array("h", wav.readframes(wav.getnframes()))
    item = build([(Tier.SHIPPED, ROOT / "exercises")]).items["box-breathing"]
    schedule = Schedule([4, 4, 4, 4], 4, 3.0, start=0.0, pace=0.9, fastest=0.8)
    expected = [at for _k, at, _t in tones.schedule_cues(schedule, BOX)]
    assert len(item.phases) == 4  # type: ignore[attr-defined]
    found = onsets(samples)
    assert len(found) == len(expected)
    assert max(abs(a - b) for a, b in zip(found, expected, strict=True)) < 0.005
    assert max(abs(s) for s in samples) <= tones.peak(50)  # the default volume


def test_render_sound_never_overwrites_or_follows_a_link(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from trakon_tui.cli import main

    folder = tmp_path / "out"  # the folder holds what was written, and nothing else
    folder.mkdir()
    target = folder / "box.wav"
    target.write_bytes(b"mine")
    assert main(["breathe", "box-breathing", "--render-sound", str(target)]) == 1
    assert target.read_bytes() == b"mine" and "--force" in capsys.readouterr().err
    link = folder / "link.wav"
    os.symlink(target, link)
    assert main(["breathe", "box-breathing", "--render-sound", str(link), "--force"]) == 1
    assert target.read_bytes() == b"mine" and "not a regular file" in capsys.readouterr().err
    assert main(["breathe", "box-breathing", "--render-sound", str(target), "--force"]) == 0
    assert target.read_bytes()[:4] == b"RIFF"
    assert main(["breathe", "box-breathing", "--render-sound", str(folder / "no" / "x.wav")]) == 1
    assert "does not exist" in capsys.readouterr().err
    assert main(["breathe", "--render-sound", str(folder / "y.wav")]) == 2
    assert (
        main(["breathe", "box-breathing", "--render-sound", str(folder / "z.wav"), "--pace", "2"])
        == 2
    )
    assert "from 0.80 to 1.00" in capsys.readouterr().err
    assert main(["breathe", "box-breathing", "--pace", "0.9"]) == 2
    assert sorted(p.name for p in folder.iterdir()) == ["box.wav", "link.wav"]


async def test_in_facilitator_mode_the_tones_play_on_the_facilitators_machine(
    tmp_path: Path,
) -> None:
    """`trakon present`: the practice's tones come from the app's own process (the room's
    speakers), at the presenter's slower pace, the brief pause after breathing out silent."""
    from trakon_tui.commands.options import Options
    from trakon_tui.core.library import load_library
    from trakon_tui.ui.run import build_app, present_start

    (tmp_path / "config").mkdir()
    (tmp_path / "config" / "settings.toml").write_text("[sound]\non = true\n")
    library = load_library([])
    app = build_app(
        Options(), library=library, start=present_start(library, "peer-group"), presenter=True
    )
    backend = FakeBackend()
    clock = FakeClock()
    app.config.clock = clock
    app.config.timers = clock.timers
    app.config.sound_backend = backend
    app.config.sound_thread = lambda run: run()
    async with app.run_test(size=(100, 32)) as pilot:
        await pilot.press("right", "right", "space")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, BreathingScreen) and screen.presenter
        assert screen.schedule is not None and backend.opened == 1
        backend.play(clock, 30.0)
        kinds = [screen.item.phases[key % 3].type for key, _at in screen._sound.stream.started]  # type: ignore[union-attr]
        assert kinds[:4] == ["inhale", "exhale", "inhale", "exhale"]  # no tone for the pause
        started = [at for _key, at in screen._sound.stream.started]  # type: ignore[union-attr]
        boundaries = [screen.schedule.to_clock(at) for at in screen.schedule.boundaries()]
        assert all(min(abs(at - b) for b in boundaries) < 0.001 for at in started)
