"""The schedule keeps time like a metronome: computed boundaries, exact pauses, pace from
the next cycle. Times are readings of a fake clock."""

from __future__ import annotations

import pytest

from trakon_tui.core.pacer import PACE_STEP, Moment, Schedule

BOX = [4.0, 4.0, 4.0, 4.0]


def box(cycles: int = 4, start: float = 1000.0, **kw: float) -> Schedule:
    return Schedule(BOX, cycles, 3.0, start=start, **kw)


def test_lead_in_then_phases_then_done() -> None:
    s = box()
    assert s.at(1000.0).stage == "lead-in"
    assert s.at(1002.5).phase_left == pytest.approx(0.5)
    first = s.at(1003.0)
    assert (first.stage, first.phase_index, first.cycle) == ("breathing", 0, 1)
    hold = s.at(1008.0)
    assert (hold.phase_index, hold.progress, hold.phase_left) == (1, pytest.approx(0.25), 3.0)
    assert s.at(1003.0 + 64.0).stage == "done"
    assert s.end == 67.0


def test_every_boundary_is_computed_not_summed() -> None:
    s = Schedule([0.1] * 3, 10_000, 0.0, start=0.0)
    bounds = s.boundaries()
    # 30,000 boundaries of 0.1 s: summing would drift by float error; computing does not.
    assert bounds[-1] == pytest.approx(3000.0, abs=1e-9)
    assert bounds[29_999] == pytest.approx(2999.9, abs=1e-9)


def test_ten_minutes_later_the_phase_is_as_exact_as_after_ten_seconds() -> None:
    s = box(cycles=50, start=50.0)
    early = s.at(50.0 + 3 + 8.0)
    late = s.at(50.0 + 3 + 640.0 + 8.0)  # 40 cycles (10 min 40 s) later, same place
    assert (early.phase_index, early.phase_left) == (2, 4.0)
    assert (late.phase_index, late.phase_left) == (2, 4.0)
    assert late.cycle == 41


def test_a_late_reading_still_lands_on_the_right_phase() -> None:
    s = box()
    # A UI that was blocked for 5 s reads the clock once and is right again at once.
    moment = s.at(1003.0 + 4.0 + 5.0)
    assert (moment.phase_index, moment.phase_left) == (2, pytest.approx(3.0))


def test_pause_freezes_and_resume_continues_exactly() -> None:
    s = box()
    s.pause(1005.0)  # 2 s into the first inhale
    frozen = s.at(1100.0)
    assert frozen.paused and frozen.phase_index == 0 and frozen.phase_left == 2.0
    assert s.next_change(1100.0) is None
    s.resume(1100.0)  # paused for 95 s
    assert s.at(1101.0).phase_left == pytest.approx(1.0)
    assert s.next_change(1101.0) == pytest.approx(1102.0)
    assert s.to_clock(s.end) == pytest.approx(1000.0 + 67.0 + 95.0)


def test_pause_during_lead_in() -> None:
    s = box()
    s.pause(1001.0)
    s.resume(1011.0)
    assert s.at(1012.9).stage == "lead-in"
    assert s.at(1013.0).stage == "breathing"


def test_pace_change_applies_from_the_next_cycle() -> None:
    s = box(fastest=0.8, slowest=1.25)
    now = 1003.0 + 5.0  # in cycle 1
    assert s.change_pace(now, +2) == pytest.approx(1.0 + 2 * PACE_STEP)
    # The current cycle keeps its timing ...
    assert s.at(1003.0 + 15.9).cycle == 1
    assert s.at(1003.0 + 16.0).cycle == 2
    # ... and the next one is 10 % longer: its first phase lasts 4.4 s.
    assert s.at(1003.0 + 16.0).phase_left == pytest.approx(4.4)
    assert s.at(1003.0 + 16.0 + 4.4).phase_index == 1
    assert s.end == pytest.approx(3 + 16 + 3 * 16 * 1.1)


def test_pace_is_limited_by_the_exercise() -> None:
    s = box(fastest=0.8, slowest=1.25)
    assert s.change_pace(1000.0, -100) == pytest.approx(0.8)
    assert s.change_pace(1000.0, +100) == pytest.approx(1.25)
    fixed = box()
    assert fixed.change_pace(1000.0, +1) == 1.0


def test_pace_changes_in_one_cycle_accumulate_and_earlier_cycles_stay() -> None:
    s = box(fastest=0.8, slowest=1.25)
    s.change_pace(1004.0, -1)
    s.change_pace(1005.0, -1)
    assert s.pace_of_cycle(0) == 1.0
    assert s.pace_of_cycle(1) == pytest.approx(0.9)
    assert s.cycle_start(1) == pytest.approx(3 + 16)
    assert s.cycle_start(2) == pytest.approx(3 + 16 + 16 * 0.9)


def test_a_pace_change_in_the_last_cycle_changes_nothing() -> None:
    s = box(cycles=1, fastest=0.8, slowest=1.25)
    s.change_pace(1004.0, +1)
    assert s.end == 3 + 16


def test_a_schedule_needs_phases() -> None:
    with pytest.raises(ValueError):
        Schedule([], 1, 0.0, start=0.0)


def test_fullness_follows_the_breath() -> None:
    from trakon_tui.core.pacer import ease, fullness

    assert fullness(["inhale", "hold", "exhale", "hold-empty"]) == [
        (0.0, 1.0),
        (1.0, 1.0),
        (1.0, 0.0),
        (0.0, 0.0),
    ]
    assert fullness(["inhale", "top-up", "exhale"]) == [(0.0, 0.8), (0.8, 1.0), (1.0, 0.0)]
    assert (ease(0.0), ease(0.5), ease(1.0)) == (0.0, pytest.approx(0.5), 1.0)


def test_every_moment_says_where_the_practice_is() -> None:
    """What the screen draws comes from one Moment: the count-in, a breath, the end."""
    s = box()
    assert s.at(1000.75) == Moment("lead-in", -1, 0.25, 2.25, 0, 4, 66.25, False)
    assert s.at(1003.0 + 16.0 + 4.5) == Moment("breathing", 1, 0.125, 3.5, 2, 4, 43.5, False)
    assert s.at(1003.0 + 16.0) == Moment("breathing", 0, 0.0, 4.0, 2, 4, 48.0, False)
    assert s.at(1003.0 + 4.0 - 0.5).phase_left == pytest.approx(0.5)
    assert s.at(1003.0 + 64.0 + 9.0) == Moment("done", -1, 1.0, 0.0, 4, 4, 0.0, False)
    assert s.next_change(1003.0 + 64.0) is None  # nothing more to wake up for
    s.pause(1001.0)
    assert s.at(1050.0) == Moment("lead-in", -1, pytest.approx(1 / 3), 2.0, 0, 4, 66.0, True)


def test_without_a_count_in_the_first_breath_starts_at_once() -> None:
    s = Schedule(BOX, 1, 0.0, start=0.0)
    assert (s.at(0.0).stage, s.at(0.0).phase_index) == ("breathing", 0)
    one = Schedule(BOX, 1, 1.0, start=0.0)  # a one-second count-in still fills its line
    assert (one.at(0.5).stage, one.at(0.5).progress) == ("lead-in", 0.5)


def test_two_pauses_both_count() -> None:
    s = box()
    s.pause(1004.0)
    s.resume(1014.0)  # 10 s
    s.pause(1015.0)
    s.resume(1035.0)  # and 20 s more
    assert s.at(1035.0).phase_left == pytest.approx(2.0)  # 2 s of the in-breath are done
    assert s.to_clock(s.end) == pytest.approx(1000.0 + 67.0 + 30.0)


def test_a_slower_pace_stretches_every_phase_of_its_cycles() -> None:
    s = box(fastest=0.8, slowest=1.25)
    s.change_pace(1004.0, +2)  # 1.1 from breath 2
    assert s.pace == pytest.approx(1.1)  # what the run log records
    second = 1003.0 + 16.0
    assert s.at(second + 4.3) == Moment(
        "breathing",
        0,
        pytest.approx(4.3 / 4.4),
        pytest.approx(0.1),
        2,
        4,
        pytest.approx(s.end - (3.0 + 16.0 + 4.3)),
        False,
    )
    assert s.boundaries()[4:6] == [pytest.approx(3.0 + 16.0), pytest.approx(3.0 + 16.0 + 4.4)]


def test_a_pace_chosen_during_the_count_in_applies_from_the_first_breath() -> None:
    s = box(fastest=0.8, slowest=1.25)
    assert s.change_pace(1001.0, -2) == pytest.approx(0.9)
    assert s.at(1003.0).phase_left == pytest.approx(3.6)
    assert s.end == pytest.approx(3.0 + 4 * 16 * 0.9)


def test_a_pace_change_in_the_last_cycle_is_not_recorded_as_used() -> None:
    s = box(cycles=1, fastest=0.8, slowest=1.25)
    s.change_pace(1004.0, +1)
    assert s.pace == 1.0 and s.pace_of_cycle(0) == 1.0


@pytest.mark.parametrize(
    ("phases", "cycles"), [([], 1), ([4.0, 0.0], 1), ([4.0, -1.0], 1), ([4.0, 4.0], 0)]
)
def test_a_schedule_needs_positive_phases_and_a_cycle(phases: list[float], cycles: int) -> None:
    with pytest.raises(ValueError) as raised:
        Schedule(phases, cycles, 0.0, start=0.0)
    assert str(raised.value) == "a schedule needs positive phases and at least one cycle"


def test_the_lungs_fill_on_an_inhale_wherever_it_stands_and_ease_stays_within_0_and_1() -> None:
    from trakon_tui.core.pacer import ease, fullness

    assert fullness(["exhale", "inhale"]) == [(0.0, 0.0), (0.0, 1.0)]
    assert fullness(["exhale", "inhale", "top-up"]) == [(0.0, 0.0), (0.0, 0.8), (0.8, 1.0)]
    assert (ease(-0.5), ease(1.5)) == (0.0, 1.0)
