"""`trakon checkin --level`, `export` and `forget` as a user types them."""

from __future__ import annotations

import csv
import io
import json
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from trakon_tui.cli import main
from trakon_tui.commands import log as log_commands
from trakon_tui.core.practice_log import PracticeRun
from trakon_tui.core.store import Store


def test_a_checkin_from_the_command_line_appears_in_export(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["checkin", "--level", "8", "--note", "x", "--tags", "tense,on-guard"]) == 0
    assert capsys.readouterr().out.strip() == "Saved."
    assert main(["export"]) == 0
    data = json.loads(capsys.readouterr().out)
    (entry,) = data["checkins"]
    assert (entry["level"], entry["zone"], entry["note"], entry["tags"]) == (
        8,
        "above",
        "x",
        ["tense", "on-guard"],
    )
    assert entry["time"][-6] in "+-"  # ISO 8601 with its offset
    assert data["practice_runs"] == []


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--level", "11"], "from 0 to 10"),
        (["--level", "5", "--zone", "above"], "Level 5 is within your window (3–7), not above"),
        (["--level", "5", "--intensity", "-1"], "--intensity is from 0 to 10"),
        (["--level", "5", "--tags", "Tense Body"], "short ids"),
        (["--level", "5", "--note", "x" * 2001], "at most 2000"),
    ],
)
def test_bad_values_get_a_clear_message_and_exit_2(
    args: list[str], message: str, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    assert main(["checkin", *args]) == 2
    assert message in capsys.readouterr().err
    assert not (tmp_path / "data").exists()  # nothing was created, let alone written


def test_checkin_without_a_level_opens_the_screen(monkeypatch: pytest.MonkeyPatch) -> None:
    from trakon_tui.ui import run

    opened: list[dict[str, object]] = []
    monkeypatch.setattr(run, "run_app", lambda options, **kw: opened.append(kw) or 0)
    assert main(["checkin"]) == 0
    assert main([]) == 0
    assert [kw.get("checkin_first") for kw in opened] == [True, True]


def test_unsure_needs_no_level(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["checkin", "--zone", "unsure"]) == 0
    main(["export"])
    (entry,) = json.loads(capsys.readouterr().out.split("Saved.\n", 1)[1])["checkins"]
    assert (entry["level"], entry["zone"]) == (None, "unsure")


def test_no_log_writes_nothing(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--no-log", "checkin", "--level", "4"]) == 0
    assert "Nothing was saved" in capsys.readouterr().out
    assert not (tmp_path / "data").exists()


def test_csv_opens_in_a_finnish_spreadsheet(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    main(["checkin", "--level", "2", "--note", "väsynyt; ääni"])
    out = tmp_path / "loki.csv"
    assert main(["--lang", "fi", "export", "--format", "csv", "-o", str(out)]) == 0
    raw = out.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # a BOM: spreadsheets then read ä and ö
    rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig")), delimiter=";"))
    assert rows[0]["note"] == "väsynyt; ääni" and rows[0]["zone"] == "below"
    assert oct(out.stat().st_mode & 0o777) == "0o600"


def test_csv_has_one_column_per_name_and_every_record_fills_it(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A practice run and a kept writing both name their exercise: one `item_id` column."""
    main(["checkin", "--level", "8"])
    store = Store.open(tmp_path / "data")
    at = datetime(2026, 11, 23, 12, 0, tzinfo=UTC)
    store.record_run(PracticeRun("box-breathing", "breathing", at, at + timedelta(minutes=1), True))
    store.add_writing(at, "three-lines", "Tänään riitti.")
    store.close()
    out = tmp_path / "log.csv"
    assert main(["--lang", "en", "export", "--format", "csv", "-o", str(out)]) == 0
    reader = csv.DictReader(io.StringIO(out.read_text(encoding="utf-8-sig")))
    assert reader.fieldnames is not None
    assert len(reader.fieldnames) == len(set(reader.fieldnames))
    rows = {row["record"]: row for row in reader}
    assert rows["practice_run"]["item_id"] == "box-breathing"
    assert rows["writing"]["item_id"] == "three-lines"
    assert rows["writing"]["text"] == "Tänään riitti."


def test_forget_asks_first_and_then_really_deletes(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    main(["checkin", "--level", "6", "--note", "keep-or-not"])
    options = log_commands.Options()
    assert log_commands.run_forget(True, None, False, options, ask=lambda q: "n") == 1
    assert len(Store.open(tmp_path / "data").checkins()) == 1
    assert log_commands.run_forget(True, None, False, options, ask=lambda q: "kyllä") == 0
    assert Store.open(tmp_path / "data").checkins() == []
    assert main(["forget", "--before", "not-a-date", "--yes"]) == 2
    assert main(["forget", "--all", "--yes"]) == 0


def test_forget_on_an_empty_log_says_so_and_does_not_ask(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    def never(question: str) -> str:
        raise AssertionError(f"asked: {question}")

    options = log_commands.Options()
    assert log_commands.run_forget(True, None, False, options, ask=never) == 0
    assert capsys.readouterr().out.strip() == "There is nothing to delete."
    assert log_commands.run_forget(False, "2026-01-01", False, options, ask=never) == 0
    # A practice run alone is something to delete: then it asks as before.
    store = Store.open(tmp_path / "data")
    at = datetime(2026, 3, 1, 9, tzinfo=UTC)
    store.record_run(PracticeRun("box-breathing", "breathing", at, at + timedelta(minutes=1), True))
    store.close()
    questions: list[str] = []
    assert (
        log_commands.run_forget(
            True, None, False, options, ask=lambda q: questions.append(q) or "n"
        )
        == 1
    )
    assert len(questions) == 1
