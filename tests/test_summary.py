"""`trakon summary` (#17 point 1): a seeded log of four weeks, one of them empty, as text, SVG
and HTML; notes and kept writings only when asked for; nothing in the page that a browser
would fetch."""

from __future__ import annotations

import os
import re
import stat
from pathlib import Path

import pytest

from tests.summary_seed import NOTE, TODAY, WRITING, seed
from trakon_tui.cli import main
from trakon_tui.commands.options import Options
from trakon_tui.commands.summary import run_summary
from trakon_tui.core.library import load_library
from trakon_tui.core.summary import read_summary
from trakon_tui.i18n import set_language
from trakon_tui.summary_page import page


@pytest.fixture
def data(tmp_path: Path) -> Path:
    seed(tmp_path / "data").close()
    return tmp_path / "data"


def summarise(data: Path, *args: str, **kw: object) -> int:
    options = Options(data_dir=data)
    return run_summary(
        options,
        weeks=int(kw.get("weeks", 4)),  # type: ignore[call-overload]
        fmt=kw.get("fmt"),  # type: ignore[arg-type]
        output=kw.get("output"),  # type: ignore[arg-type]
        force=bool(kw.get("force", False)),
        with_notes=bool(kw.get("with_notes", False)),
        today=lambda: TODAY,
    )


def test_the_summary_counts_the_weeks_when_and_what_was_before(data: Path) -> None:
    from trakon_tui.core.store import Store

    store = Store.open(data)
    summary = read_summary(store, TODAY, 4)
    assert [w.start.isoformat() for w in summary.weeks] == [
        "2026-11-02",
        "2026-11-09",
        "2026-11-16",
        "2026-11-23",
    ]
    assert [w.zones.total for w in summary.weeks] == [6, 0, 4, 2]  # week 46: nothing
    assert summary.weeks[1].levels is None
    total = summary.total
    assert (total.above, total.within, total.below, total.unsure) == (3, 6, 2, 1)
    monday_morning = summary.times[0][0]
    assert (monday_morning.above, monday_morning.within) == (2, 1)
    assert [(tag, zones.total) for tag, zones in summary.contexts][:1] == [("home-visit", 2)]
    practices = {p.item_id: (p.runs, p.pairs, p.toward, p.back) for p in summary.practices}
    assert practices == {"extended-exhale-4-6": (2, 2, 2, 2), "orienting": (1, 1, 1, 1)}
    assert [(b.low, b.high) for b in summary.bands] == [(3, 7), (3, 8)]
    assert summary.notes == [] and summary.writings == []  # not read unless asked


def test_the_text_names_an_empty_week_and_holds_no_note(
    data: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert summarise(data) == 0
    out = capsys.readouterr().out
    assert "week 46 (from 2026-11-09)" in out
    assert re.search(r"week 46 \(from 2026-11-09\)\s+no check-ins", out)
    assert "Notes and kept writings are not included" in out
    assert "home visit" in out and "Extended exhale 4-6" in out
    assert "back within your window after it 2 times" in out
    assert NOTE not in out and WRITING not in out and "old note" not in out


def test_notes_and_writings_only_when_asked(data: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert summarise(data, with_notes=True) == 0
    out = capsys.readouterr().out
    assert NOTE in out and WRITING in out
    assert "as you asked (--with-notes)" in out
    assert "old note" not in out  # from before these weeks


def test_the_summary_reads_in_finnish(data: Path, capsys: pytest.CaptureFixture[str]) -> None:
    set_language("fi")
    assert summarise(data) == 0
    out = capsys.readouterr().out
    assert "Yhteenveto työnohjaukseen" in out
    assert re.search(r"viikko 46 \(9\.11\.2026 alkaen\)\s+ei pysähdyksiä", out)
    assert "kotikäynti" in out and "Sietoikkunasi" in out


@pytest.mark.parametrize("fmt", ["svg", "html"])
def test_a_page_is_self_contained_and_holds_no_note(data: Path, tmp_path: Path, fmt: str) -> None:
    target = tmp_path / f"s.{fmt}"
    assert summarise(data, output=target) == 0  # the format from the file name
    text = target.read_text(encoding="utf-8")
    assert stat.S_IMODE(os.stat(target).st_mode) == 0o600
    assert "<script" not in text.lower() and "@font-face" not in text
    assert "url(http" not in text and "href=" not in text and "src=" not in text
    addresses = set(re.findall(r"https?://[^\s\"')]+", text))
    assert addresses <= {"http://www.w3.org/2000/svg"}
    shown = text.replace("&#160;", " ")
    assert "no check-ins" in shown and "Summary for supervision" in shown
    assert NOTE.split(":")[0] not in shown and "Anna" not in shown
    if fmt == "html":
        assert "default-src 'none'" in text


def test_a_page_is_written_like_an_export(data: Path, tmp_path: Path) -> None:
    target = tmp_path / "s.html"
    target.write_text("mine", encoding="utf-8")
    assert summarise(data, output=target) == 1  # never over an existing file
    assert target.read_text(encoding="utf-8") == "mine"
    assert summarise(data, output=target, force=True) == 0
    assert target.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    assert summarise(data, output=tmp_path) == 1  # a folder
    link = tmp_path / "link.svg"
    link.symlink_to(target)
    assert summarise(data, output=link, force=True) == 1  # never through a link
    assert list(tmp_path.glob(".*.tmp")) == []


def test_the_svg_page_comes_from_the_same_renderables_as_the_text(data: Path) -> None:
    from trakon_tui.core.store import Store

    summary = read_summary(Store.open(data), TODAY, 4)
    library = load_library([])
    text = page(summary, library, (3, 7), "text").decode()
    svg = page(summary, library, (3, 7), "svg").decode()
    drawn = "".join(re.findall(r">([^<]*)</text>", svg)).replace("&#160;", " ")
    for line in ("What was just before", "Your window", "▲ above your window"):
        assert line in text and line in drawn


def test_summary_on_the_command_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    seed(tmp_path / "data").close()  # TRAKON_DATA_DIR (conftest)
    assert main(["summary", "--weeks", "2"]) == 0
    assert "Summary for supervision" in capsys.readouterr().out
    assert main(["summary", "--weeks", "0"]) == 2
    assert main(["--no-log", "summary"]) == 0


async def test_e_on_history_saves_the_summary_in_documents_and_says_where(
    tmp_path: Path, data: Path
) -> None:
    from datetime import datetime, timedelta

    from tests.conftest import make_app
    from tests.summary_seed import ZONE
    from trakon_tui.core.practice_log import LazyStoreLog
    from trakon_tui.ui.screens.history import HistoryScreen

    documents = tmp_path / "Documents"
    documents.mkdir()
    noon = datetime(TODAY.year, TODAY.month, TODAY.day, 12, tzinfo=ZONE)
    app = make_app(
        tmp_path,
        "fi",
        practice_log=LazyStoreLog(data),
        wall_clock=lambda: noon + timedelta(seconds=0),
        documents=lambda: documents,
        start=HistoryScreen,
    )
    async with app.run_test(size=(100, 32), notifications=True) as pilot:
        await pilot.pause()
        contexts = app.screen.query_one("#history-contexts")
        assert "kotikäynti: 2 kertaa (yläpuolella 2)" in str(contexts.content)  # grouped
        await pilot.press("e", "e")
        await pilot.pause()
        messages = [n.message for n in app._notifications]
    first = documents / "trakon-yhteenveto-2026-11-26.html"
    second = documents / "trakon-yhteenveto-2026-11-26-2.html"  # never over the first
    assert any(str(first) in m for m in messages)
    for page_file in (first, second):
        text = page_file.read_text(encoding="utf-8")
        assert stat.S_IMODE(os.stat(page_file).st_mode) == 0o600
        assert "Yhteenveto työnohjaukseen" in text and "ei pysähdyksiä" in text
        assert NOTE not in text and "Anna" not in text
