"""`trakon history` as text (#12): into a pipe or with --plain it prints a calm summary from
the same reads as the history screen and ends; a "don't know" second check-in still makes a
pair."""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.conftest import ROOT
from trakon_tui.cli import main
from trakon_tui.core.history import PracticeSummary, practice_summaries, summary_text
from trakon_tui.core.practice_log import PracticeRun
from trakon_tui.core.store import CheckIn, Store
from trakon_tui.core.text import day_text, short_day_text
from trakon_tui.core.window import Outcome
from trakon_tui.i18n import set_language

SECRET = "a private sentence nobody else should read"


def seed(data: Path, now: datetime) -> None:
    """Three pairs around cyclic sighing (one ending in "don't know"), a lone check-in with a
    note, and a kept writing."""
    store = Store.open(data)
    for days_ago, level, after in ((9, 9, 6), (5, 2, None), (1, 8, 8)):
        at = now - timedelta(days=days_ago)
        before = store.add_checkin(CheckIn(at=at, level=level))
        run = store.record_run(
            PracticeRun("cyclic-sighing", "breathing", at, at, True, before_checkin=before)
        )
        store.add_after(CheckIn(at=at + timedelta(minutes=3), level=after), run)
    store.add_checkin(CheckIn(at=now - timedelta(hours=1), level=5, intensity=4, note="hm"))
    store.add_writing(now - timedelta(hours=2), "pillars-of-safety", SECRET)
    store.close()


def pairs_in(store: Store, pairs: list[tuple[str, int | None, int | None]]) -> None:
    """Runs of `item` with a check-in before (level) and after (level) each."""
    at = datetime(2026, 11, 1, 9, 0).astimezone()
    for n, (item, before, after) in enumerate(pairs):
        first = store.add_checkin(CheckIn(at=at + timedelta(hours=n), level=before))
        run = store.record_run(PracticeRun(item, "breathing", at, at, True, before_checkin=first))
        store.add_after(CheckIn(at=at + timedelta(hours=n, minutes=3), level=after), run)


def test_an_unsure_second_checkin_counts_as_a_pair_but_not_as_closer(tmp_path: Path) -> None:
    store = Store.open(tmp_path / "data")
    pairs_in(
        store,
        [
            ("a", 9, 6),  # closer
            ("a", 9, None),  # after: don't know / mixed
            ("a", None, 5),  # before: don't know / mixed
            ("a", 5, 9),  # farther
        ],
    )
    store.record_run(
        PracticeRun(
            "a", "breathing", datetime.now().astimezone(), datetime.now().astimezone(), False
        )
    )
    (summary,) = practice_summaries(store.practice_totals())
    assert summary == PracticeSummary("a", runs=5, pairs=4, toward=1, back=1)
    assert summary_text(summary) == (
        "tried 5 times; 4 times with a check-in before and after; "
        "closer to your window after it 1 time"
    )


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    st.lists(
        st.tuples(
            st.sampled_from(["a", "b"]),
            st.one_of(st.none(), st.integers(0, 10)),
            st.one_of(st.none(), st.integers(0, 10)),
        ),
        max_size=12,
    )
)
def test_the_counts_in_sql_agree_with_the_window_arithmetic(
    tmp_path_factory: pytest.TempPathFactory, pairs: list[tuple[str, int | None, int | None]]
) -> None:
    """History counts in SQL (#16); suggestions judge pairs with core/window.py. Both must
    say the same about every pair."""
    store = Store.open(tmp_path_factory.mktemp("log"))
    pairs_in(store, pairs)
    expected: dict[str, list[int]] = {}
    for outcome in store.outcomes():
        entry = expected.setdefault(outcome.item_id, [0, 0, 0, 0])
        entry[0] += 1
        entry[1] += 1
        entry[2] += outcome.direction == "toward"
        low, high = outcome.window
        before, after = outcome.before, outcome.after
        entry[3] += (
            before is not None
            and after is not None
            and not low <= before <= high
            and low <= after <= high
        )
    found = {item: list(rest) for item, *rest in store.practice_totals()}
    assert found == expected
    assert all(isinstance(o, Outcome) for o in store.outcomes())


def run_in_a_pipe(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    """`trakon ARGS | cat`, as a shell runs it: standard output is a pipe, not a terminal."""
    return subprocess.run(
        [sys.executable, "-m", "trakon_tui", *args],
        capture_output=True,  # standard output is a pipe, as in `trakon … | cat`
        stdin=subprocess.DEVNULL,
        text=True,
        cwd=ROOT,
        env={**os.environ, **env},
        timeout=60,
    )


def test_history_into_a_pipe_prints_text_and_ends(tmp_path: Path) -> None:
    seed(tmp_path / "data", datetime.now().astimezone())
    result = run_in_a_pipe("--lang", "en", "history", env={})
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert "\x1b" not in out  # no escape codes: text
    assert "Last 28 days: lowest–highest level, and your window then:" in out
    assert "(your window 3–7; 2 check-ins)" in out
    assert "Recent check-ins:" in out and "5  Within the window · strength 4 · with a note" in out
    assert (
        "Cyclic sighing: tried 3 times; 3 times with a check-in before and after; "
        "closer to your window after it 1 time"
    ) in out
    assert "Pillars of safety" in out and "`trakon export`" in out
    assert SECRET not in out and "hm" not in out.split()  # writings and notes: never their text


def test_history_in_plain_mode_speaks_finnish_and_can_count_weeks(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    seed(tmp_path / "data", datetime.now().astimezone())
    assert main(["--lang", "fi", "--plain", "history", "--weeks"]) == 0
    out = capsys.readouterr().out
    assert "Viimeiset 12 viikkoa" in out and "viikko " in out
    assert "Viimeisimmät pysähdykset:" in out and "Harjoitukset:" in out
    assert "Säilytetyt kirjoitukset" in out and SECRET not in out
    assert "sietoikkuna" in out  # never a bare "ikkuna" (GLOSSARY §4)


def test_an_empty_log_says_so_calmly(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--plain", "history"]) == 0
    out = capsys.readouterr().out
    assert "Nothing here yet." in out


def test_no_log_has_no_history_to_show(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--plain", "--no-log", "history"]) == 0
    assert "The log is off (--no-log)" in capsys.readouterr().out


def test_hidden_history_stays_hidden_in_a_pipe(tmp_path: Path) -> None:
    seed(tmp_path / "data", datetime.now().astimezone())
    config = tmp_path / "config"
    config.mkdir()
    (config / "settings.toml").write_text("hide_history = true\n", encoding="utf-8")
    result = run_in_a_pipe("--lang", "en", "history", env={})
    assert result.returncode == 1
    assert result.stdout == "" and "History is hidden in the settings." in result.stderr


def test_a_damaged_log_is_one_sentence_and_exit_1(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from tests.test_hostile_log import damage_pages, fill

    data = tmp_path / "data"
    damaged = damage_pages(fill(data))
    assert main(["--plain", "history"]) == 1
    out, err = capsys.readouterr()
    assert "damaged and could not be read" in err and err.count("\n") == 1
    assert "Traceback" not in out + err
    assert (data / "trakon.db").read_bytes() == damaged  # left as it is


def test_the_chart_axis_writes_dates_as_the_list_does() -> None:
    """The axis's short date is the list's date without its year, in each language."""
    day = date(2026, 11, 3)
    set_language("en")
    assert (day_text(day), short_day_text(day)) == ("2026-11-03", "11-03")
    set_language("fi")
    assert (day_text(day), short_day_text(day)) == ("3.11.2026", "3.11.")
