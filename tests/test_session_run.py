"""The session as it runs (core/session_run.py), without Textual: the planned end fixed at the
start, how far from it the session is, info pages, and counts that never outlive their page."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest

from trakon_tui.core import measure
from trakon_tui.core.library import Library
from trakon_tui.core.model import Breathing
from trakon_tui.core.programme import Programme, presenter_pace, presenter_seconds
from trakon_tui.core.session_run import Fingers, SessionRun
from trakon_tui.core.text import flat_markdown

START = datetime(2026, 11, 23, 13, 0)


def run_of(library: Library, session: str = "peer-group") -> SessionRun:
    return SessionRun(Programme.of(library.items[session], library.items), START)


def test_the_planned_end_is_fixed_at_the_start_and_drift_says_how_far(
    shipped_library: Library,
) -> None:
    run = run_of(shipped_library)
    total = run.programme.total_seconds()
    assert run.planned_end == START + timedelta(seconds=total)
    first = run.programme.steps[0].seconds  # the agreements, 5 minutes
    # Within the first step's time nothing moves.
    assert run.drift(START + timedelta(seconds=first - 1)) == timedelta(0)
    # Ten minutes over the agreements: about ten minutes later than planned...
    late = START + timedelta(seconds=first + 600)
    assert run.drift(late) == timedelta(seconds=600)
    assert run.move(1, late)
    assert run.planned_end == START + timedelta(seconds=total)  # ...the plan stays
    assert run.drift(late) == timedelta(seconds=600)
    # Skipping ahead fast makes it earlier, never a jumping end time.
    assert not run.on_time(late)
    assert run.move(1, late) and run.drift(late) < timedelta(seconds=600)


def test_slide_length_and_the_plan_include_the_presenter_pace(shipped_library: Library) -> None:
    item = shipped_library.items["extended-exhale-3-6"]
    assert isinstance(item, Breathing)
    assert presenter_pace(item) == pytest.approx(1.25)  # 4/3 wanted, the item allows 1.25
    paced = (presenter_seconds(item) - item.lead_in) / measure.cycle_seconds(item)
    assert paced == pytest.approx(measure.cycle_count(item) * 1.25)  # the lead-in is not paced
    run = run_of(shipped_library)
    assert run.programme.steps[2].seconds == presenter_seconds(item)


def test_info_pages_turn_inside_their_step(shipped_library: Library) -> None:
    run = SessionRun(Programme.single(shipped_library.items["window-of-tolerance"]), START)
    assert run.pages > 1
    assert not run.turn(-1) and run.page == 0
    for _ in range(run.pages - 1):
        assert run.turn(1)
    assert not run.turn(1) and run.page == run.pages - 1


def test_counts_belong_to_their_page_and_are_cleared_when_it_is_left(
    shipped_library: Library,
) -> None:
    run = run_of(shipped_library)
    now = START
    run.move(1, now)  # the opening round
    run.tally.add("above")
    assert run.tally.total == 1
    work = run_of(shipped_library, "work-community")
    work.jump(2, now)  # the six questions: the first two on the 1–5 scale
    assert work.tally.total == 0 and work.fingers.rated == (0, 1)
    assert work.fingers.add(3) and work.fingers.add(3) and not work.fingers.add(6)
    work.fingers.select(1)
    work.fingers.add(5)
    assert work.fingers.counts[0] == [0, 0, 2, 0, 0] and work.fingers.hands(1) == 1
    work.fingers.select(-1)
    assert work.fingers.selected == 0
    work.fingers.select(-1)  # round: from the first back to the last
    assert work.fingers.selected == 1
    work.move(1, now)
    work.move(-1, now)
    assert work.fingers.hands(0) == 0 and work.fingers.selected == 0


def test_only_rated_questions_are_counted(shipped_library: Library) -> None:
    """The peer group's own work situations are talked, not rated: nothing to count there."""
    run = run_of(shipped_library)
    run.jump(4, START)
    page = run.programme.step.page
    assert page is not None and page.role == "reflection" and len(page.questions) == 3
    assert run.fingers.questions == 0 and not run.fingers.add(3)


def test_fingers_without_questions_count_nothing() -> None:
    fingers = Fingers(())
    fingers.select(1)
    assert not fingers.add(3) and fingers.counts == []


def test_markdown_reads_as_running_text() -> None:
    text = "A **bold** word\ncontinues here.\n\n- one\n- two\n\n1. first"
    assert flat_markdown(text) == "A bold word continues here.\n\n• one\n• two\n\n1. first"
