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
        if "IN " in line or "OUT " in line or "HOLD " in line
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
