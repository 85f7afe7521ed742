"""Plain mode: one line per cue, printed when the schedule says, Ctrl+C stops calmly."""

from __future__ import annotations

import io
from datetime import UTC, datetime

import pytest

from tests.conftest import FakeClock, RecordingLog
from trakon_tui.core.library import Library
from trakon_tui.core.model import Breathing
from trakon_tui.i18n import set_language
from trakon_tui.plain import PlainIO, breathe, choose


class Terminal:
    """Fake terminal and clock: `sleep` moves the clock, every line is stamped with it."""

    def __init__(self, answers: list[str] | None = None, interrupt_at: float | None = None):
        self.clock = FakeClock(0.0)
        self.lines: list[tuple[float, str]] = []
        self.answers = list(answers or [""])
        self.interrupt_at = interrupt_at
        self.buffer = io.StringIO()

    def io(self) -> PlainIO:
        terminal = self

        class Out(io.StringIO):
            pending = ""

            def write(self, text: str) -> int:
                self.pending += text
                *complete, self.pending = self.pending.split("\n")
                terminal.lines.extend((terminal.clock.now, line) for line in complete)
                return len(text)

        def sleep(seconds: float) -> None:
            target = terminal.clock.now + seconds
            if terminal.interrupt_at is not None and target >= terminal.interrupt_at:
                terminal.clock.now = terminal.interrupt_at
                raise KeyboardInterrupt
            terminal.clock.now = target

        def ask(prompt: str) -> str:
            if not terminal.answers:
                raise EOFError
            return terminal.answers.pop(0)

        return PlainIO(
            out=Out(),
            ask=ask,
            clock=self.clock,
            sleep=sleep,
            wall_clock=lambda: datetime(2026, 11, 23, tzinfo=UTC),
        )


def item(library: Library, item_id: str) -> Breathing:
    found = library.items[item_id]
    assert isinstance(found, Breathing)
    return found


def test_each_cue_is_a_line_at_its_exact_time(shipped_library: Library) -> None:
    terminal = Terminal()
    log = RecordingLog()
    assert breathe(item(shipped_library, "box-breathing"), terminal.io(), log) == 0
    timed = [
        (t, line)
        for t, line in terminal.lines
        if "IN " in line or "OUT " in line or "HOLD " in line or "PAUSE " in line
    ]
    assert len(timed) == 16
    assert [t for t, _ in timed] == [3.0 + 4 * n for n in range(16)]
    assert timed[0][1] == "Breath 1/4: IN 4 s — Breathe in, counting to four"
    assert timed[1][1].startswith("  HOLD 4 s")
    assert terminal.lines[-1] == (67.0, "Done. You can notice how it is now.")
    assert [line for _, line in terminal.lines if line.endswith("…")] == ["3…", "2…", "1…"]
    (run,) = log.runs
    assert run.completed is True  # type: ignore[attr-defined]


def test_plain_mode_speaks_finnish(shipped_library: Library) -> None:
    set_language("fi")
    terminal = Terminal()
    breathe(item(shipped_library, "cyclic-sighing"), terminal.io())
    lines = [line for _, line in terminal.lines]
    assert "Hengitys 1/7: SISÄÄN 2 s — Hengitä sisään nenän kautta" in lines
    assert "  LISÄÄ 1 s — Pieni lisäys perään" in lines


def test_ctrl_c_stops_calmly_and_reports_an_unfinished_run(shipped_library: Library) -> None:
    terminal = Terminal(interrupt_at=10.0)
    log = RecordingLog()
    assert breathe(item(shipped_library, "box-breathing"), terminal.io(), log) == 0
    assert terminal.lines[-1][1] == "Stopped. That is fine."
    (run,) = log.runs
    assert run.completed is False  # type: ignore[attr-defined]


@pytest.mark.parametrize(
    ("answer", "expected"), [("1", "physiological-sigh"), ("", None), ("x", None), ("99", None)]
)
def test_the_picker_lists_the_gentlest_first(
    shipped_library: Library, answer: str, expected: str | None
) -> None:
    terminal = Terminal(answers=[answer])
    chosen = choose(shipped_library, terminal.io())
    assert (chosen.id if chosen else None) == expected
    assert terminal.lines[1][1] == "  1. Three sighs (30 s)"


def test_plain_checkin_practice_and_second_checkin_save_a_pair(tmp_path) -> None:  # type: ignore[no-untyped-def]
    from trakon_tui.commands.options import Options
    from trakon_tui.commands.plain_flow import run_plain
    from trakon_tui.core.store import Store
    from trakon_tui.core.window import Outcome

    terminal = Terminal(["11", "9", "1", "", "6"])  # 11 is asked again, calmly
    assert run_plain(Options(data_dir=tmp_path / "log"), terminal.io()) == 0
    said = [line for _t, line in terminal.lines]
    assert "A number from 0 to 10, or u." in said
    assert "9 — Above the window" in said  # the scale's own words, as on the screen
    assert "1. Three sighs (Breathing, 30 s)" in " ".join(said)
    assert "Before 9 → now 6" in said and "You came back within your window." in said
    assert Store.open(tmp_path / "log").outcomes() == [Outcome("physiological-sigh", 9, 6, (3, 7))]


def test_plain_writing_is_kept_only_when_asked(tmp_path) -> None:  # type: ignore[no-untyped-def]
    from trakon_tui.commands.options import Options
    from trakon_tui.commands.plain_flow import run_plain
    from trakon_tui.core.store import Store

    for answer, kept in (("k", ["Team\ncoffee"]), ("", [])):
        data = tmp_path / f"log-{answer or 'discard'}"
        terminal = Terminal(["5", "1", "Team", "coffee", "", answer, ""])
        assert run_plain(Options(data_dir=data), terminal.io()) == 0
        assert [w.text for w in Store.open(data).writings()] == kept
        said = " ".join(line for _t, line in terminal.lines)
        assert "Never write a client's name" in said


def test_plain_skip_saves_nothing(tmp_path) -> None:  # type: ignore[no-untyped-def]
    from trakon_tui.commands.options import Options
    from trakon_tui.commands.plain_flow import run_plain
    from trakon_tui.core.store import Store

    terminal = Terminal([""])
    assert run_plain(Options(data_dir=tmp_path / "log"), terminal.io()) == 0
    assert Store.open(tmp_path / "log").checkins() == []


def test_plain_reading_shows_the_window_and_turns_pages(shipped_library: Library) -> None:
    from trakon_tui.core.model import CheckinScale, Info
    from trakon_tui.plain import read

    info = shipped_library.items["window-of-tolerance"]
    scale = shipped_library.checkin_scale()
    assert isinstance(info, Info) and isinstance(scale, CheckinScale)
    terminal = Terminal(["", "q"])
    read(info, terminal.io(), scale)
    said = [line for _t, line in terminal.lines]
    assert any(
        line.startswith("  Above the window: ") and "racing thoughts" in line for line in said
    )
    assert "The window of tolerance (1/4)" in said
    assert any(line.startswith("Above the window: hyperarousal (2/4)") for line in said)
    assert not any("(3/4)" in line for line in said)  # q stopped before the third page


def test_plain_skip_opens_the_whole_library_including_pages(tmp_path) -> None:  # type: ignore[no-untyped-def]
    from trakon_tui.commands.options import Options
    from trakon_tui.commands.plain_flow import run_plain

    terminal = Terminal(["", "23", "q"])  # skip the check-in, the window of tolerance
    assert run_plain(Options(data_dir=tmp_path / "log"), terminal.io()) == 0
    said = [line for _t, line in terminal.lines]
    assert "  17. Pillars of safety" in said and "  23. The window of tolerance" in said
    assert "The window of tolerance (1/4)" in said
    assert any(line.startswith("Source: Siegel 1999") for line in said)


def test_plain_mode_offers_crisis_numbers_when_the_screens_do(tmp_path) -> None:  # type: ignore[no-untyped-def]
    """High above the window, and after a practice that ended further from it: the same
    moments as the screens (one flow, core/flow.py), with the numbers themselves."""
    from trakon_tui.commands.options import Options
    from trakon_tui.commands.plain_flow import run_plain

    terminal = Terminal(["10", ""])  # 10, then finish
    assert run_plain(Options(data_dir=tmp_path / "log"), terminal.io()) == 0
    said = [line for _t, line in terminal.lines]
    offer = "If it feels like too much, you can call someone now."
    assert any(line.startswith(offer) for line in said)
    assert any(line.startswith("  112  Emergency number") for line in said)
    terminal = Terminal(["5", "1", "", "8"])  # within; a practice; then further above
    assert run_plain(Options(data_dir=tmp_path / "log2"), terminal.io()) == 0
    said = [line for _t, line in terminal.lines]
    assert "Before 5 → now 8" in said
    assert said.index("Before 5 → now 8") < next(
        n for n, line in enumerate(said) if line.startswith(offer)
    )
    terminal = Terminal(["8", ""])
    assert run_plain(Options(data_dir=tmp_path / "log3"), terminal.io()) == 0
    assert not any(line.startswith(offer) for _t, line in terminal.lines)


def test_plain_writing_that_cannot_be_kept_says_why_and_goes_on(tmp_path) -> None:  # type: ignore[no-untyped-def]
    """Too long for the log (or a locked log): one calm line, not a crash report."""
    from trakon_tui.commands.options import Options
    from trakon_tui.commands.plain_flow import run_plain
    from trakon_tui.core.store import WRITING_LIMIT, Store

    long_line = "x" * (WRITING_LIMIT + 1)
    terminal = Terminal(["5", "1", long_line, "", "k", "6"])  # within, pillars, keep, 6
    assert run_plain(Options(data_dir=tmp_path / "log"), terminal.io()) == 0
    said = [line for _t, line in terminal.lines]
    assert any(line.startswith("A kept writing is at most") for line in said)
    assert "Kept in your private log." not in said
    assert "Before 5 → now 6" in said  # the pause went on
    assert Store.open(tmp_path / "log").writings() == []
