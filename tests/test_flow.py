"""The pause between clients as one state machine (core/flow.py), without Textual: what is
saved, what comes next, what is said, and when crisis help is offered."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest

from trakon_tui.core.flow import (
    CheckingIn,
    Choosing,
    Finished,
    Pause,
    Practising,
    Reflecting,
    StepError,
    offers_crisis,
)
from trakon_tui.core.library import Library
from trakon_tui.core.practice_log import PracticeRun
from trakon_tui.core.store import CheckIn, LogError
from trakon_tui.core.window import Outcome

NOW = datetime(2026, 12, 3, 9, 30, tzinfo=timezone(timedelta(hours=2)))


class FakeLog:
    def __init__(self) -> None:
        self.checkins: list[CheckIn] = []
        self.afters: list[tuple[CheckIn, int]] = []
        self.runs: list[PracticeRun] = []
        self.failing = False

    def _fail(self) -> None:
        if self.failing:
            raise LogError("The log is busy (another Trakon is writing); nothing was saved.")

    def add_checkin(self, checkin: CheckIn) -> int:
        self._fail()
        self.checkins.append(checkin)
        return 100 + len(self.checkins)

    def add_after(self, checkin: CheckIn, run_id: int) -> int:
        self._fail()
        self.afters.append((checkin, run_id))
        return 200 + len(self.afters)

    def record_run(self, run: PracticeRun) -> int:
        self._fail()
        self.runs.append(run)
        return 300 + len(self.runs)

    def outcomes(self) -> list[Outcome]:
        return []


def pause(library: Library, log: FakeLog | None) -> tuple[Pause, list[tuple[str, str]]]:
    said: list[tuple[str, str]] = []
    flow = Pause(
        items=lambda: library.items.values(),
        window=(3, 7),
        log=lambda: log,
        now=lambda: NOW,
        tell=lambda text, tone: said.append((tone, text)),
    )
    return flow, said


def run(item_id: str, completed: bool = True) -> PracticeRun:
    return PracticeRun(item_id, "breathing", NOW, NOW + timedelta(minutes=1), completed)


def test_a_whole_pause_saves_the_pair_and_reflects_it(shipped_library: Library) -> None:
    log = FakeLog()
    flow, said = pause(shipped_library, log)
    assert flow.step == CheckingIn()
    offers = flow.check_in(8)
    assert isinstance(offers, Choosing) and not offers.crisis
    assert log.checkins[0].level == 8 and log.checkins[0].at == NOW
    assert offers.checkin.checkin_id == 101 and offers.checkin.zone == "above"
    assert offers.offers[0].item.id == "physiological-sigh"
    assert said == [("info", "Saved.")]
    chosen = flow.choose(offers.offers[0].item)
    assert isinstance(chosen, Practising) and chosen.before == offers.checkin
    assert flow.record(run("physiological-sigh")) == 301
    assert log.runs[0].before_checkin == 101  # kept with the check-in it followed
    again = flow.ended(chosen.item, 301, completed=True)
    assert isinstance(again, CheckingIn) and again.after is not None
    assert (again.after.run_id, again.after.title, again.window) == (301, "Three sighs", (3, 7))
    change = flow.check_in(6)
    assert isinstance(change, Reflecting) and not change.crisis
    assert log.afters[0][1] == 301 and log.afters[0][0].level == 6
    assert (change.after.before.level, change.now.level) == (8, 6)
    assert isinstance(flow.again(), Choosing) and flow.step.checkin.level == 6  # type: ignore[union-attr]
    assert flow.finish() == Finished()


def test_crisis_help_is_offered_at_the_same_moments_everywhere(shipped_library: Library) -> None:
    assert [level for level in range(11) if offers_crisis(level, (3, 7))] == [9, 10]
    assert not offers_crisis(None, (3, 7))
    # after a practice: high above, or further from the window than before (and outside it)
    assert offers_crisis(8, (3, 7), before=6)
    assert offers_crisis(1, (3, 7), before=2)
    assert not offers_crisis(8, (3, 7), before=8)
    assert not offers_crisis(5, (3, 7), before=1)
    flow, _said = pause(shipped_library, FakeLog())
    assert flow.check_in(10).crisis  # type: ignore[union-attr]
    item = flow.step.offers[0].item  # type: ignore[union-attr]
    flow.choose(item)
    flow.ended(item, None, completed=False)
    worse = flow.check_in(10)
    assert isinstance(worse, Reflecting) and worse.crisis


def test_a_log_that_cannot_be_written_is_told_and_nothing_moves_on(
    shipped_library: Library,
) -> None:
    log = FakeLog()
    log.failing = True
    flow, said = pause(shipped_library, log)
    assert flow.check_in(8) == CheckingIn()  # the answer stays on screen
    assert said == [("warning", "The log is busy (another Trakon is writing); nothing was saved.")]
    log.failing = False
    assert isinstance(flow.check_in(8), Choosing)


def test_a_failing_run_never_loses_the_practice(shipped_library: Library) -> None:
    log = FakeLog()
    flow, said = pause(shipped_library, log)
    step = flow.check_in(2)
    item = step.offers[0].item  # type: ignore[union-attr]
    flow.choose(item)
    log.failing = True
    assert flow.record(run(item.id, completed=False)) is None
    after = flow.ended(item, None, completed=False)
    assert isinstance(after, CheckingIn) and after.after is not None
    assert said[-2:] == [
        ("warning", "The log is busy (another Trakon is writing); nothing was saved."),
        ("info", "Stopped. That is fine."),
    ]


def test_without_the_log_nothing_is_kept_and_that_is_said(shipped_library: Library) -> None:
    flow, said = pause(shipped_library, None)
    step = flow.check_in(None)  # don't know / mixed
    assert isinstance(step, Choosing) and step.checkin.checkin_id is None
    assert step.checkin.zone == "unsure"
    assert said == [("info", "Not saved: the log is off (--no-log).")]
    flow.choose(step.offers[0].item)
    assert flow.record(run(step.offers[0].item.id)) is None


def test_skipping_says_that_nothing_was_saved(shipped_library: Library) -> None:
    log = FakeLog()
    flow, said = pause(shipped_library, log)
    assert flow.skip() == Finished()
    assert said == [("info", "Nothing was saved. That is fine.")] and log.checkins == []
    flow, said = pause(shipped_library, log)
    step = flow.check_in(8)
    flow.choose(step.offers[0].item)  # type: ignore[union-attr]
    flow.ended(step.offers[0].item, None, completed=True)  # type: ignore[union-attr]
    assert flow.skip() == Finished()
    assert said[-1] == ("info", "Nothing more was saved. That is fine.")


def test_back_from_a_card_another_offer_or_everything_else(shipped_library: Library) -> None:
    flow, _said = pause(shipped_library, FakeLog())
    step = flow.check_in(8)
    assert isinstance(step, Choosing)
    first, second = step.offers[0].item, step.offers[1].item
    flow.choose(first)
    assert flow.choose(second) == Practising(second, step.checkin)  # came back, chose again
    assert flow.browse() == Finished(browse=True)


def test_answers_out_of_turn_are_refused(shipped_library: Library) -> None:
    flow, _said = pause(shipped_library, FakeLog())
    with pytest.raises(StepError):
        flow.again()
    with pytest.raises(StepError):
        flow.record(run("box-breathing"))
    flow.check_in(5)
    with pytest.raises(StepError):
        flow.check_in(5)
