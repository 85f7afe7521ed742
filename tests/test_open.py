"""`trakon open ID` (#12): any item's card by its id, on the screen or as text; and the
command palette, which finds every practice by its title in the current language."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from textual.command import CommandInput
from textual.widgets import OptionList

from tests.conftest import ROOT, make_app
from tests.test_hostile import screen_lines
from trakon_tui.cli import build_parser, main
from trakon_tui.commands.app_request import OpenApp
from trakon_tui.i18n import Lang
from trakon_tui.ui.screens.detail import DetailScreen


def pipe(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "trakon_tui", *args],
        capture_output=True,  # standard output is a pipe, as in `trakon … | cat`
        stdin=subprocess.DEVNULL,
        text=True,
        cwd=ROOT,
        timeout=60,
    )


@pytest.mark.parametrize(
    ("item_id", "says"),
    [
        ("box-breathing", ("Kind: Breathing", "Rhythm: IN 4 s", "`trakon breathe box-breathing`")),
        ("orienting", ("Kind: Grounding", "Steps: 5", "`trakon ground orienting`")),
        ("pillars-of-safety", ("Kind: Writing", "Prompts: 4", "`trakon open pillars-of-safety`")),
        ("between-clients", ("Kind: Session", "  1. Check-in", "`trakon present between-clients`")),
    ],
)
def test_plain_open_prints_the_card(
    item_id: str, says: tuple[str, ...], capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["--plain", "open", item_id]) == 0
    out = capsys.readouterr().out
    for words in says:
        assert words in out, out
    assert "Esc" not in out  # the screen's keys are not plain mode's


def test_opening_an_information_item_as_text_reads_its_pages_too() -> None:
    """Into a pipe, every page at once (nobody is there to press Enter), and it ends."""
    result = pipe("--lang", "en", "open", "window-of-tolerance")
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert "Kind: Information" in out and "\x1b" not in out
    assert "The window of tolerance (1/4)" in out and "The window is your own (4/4)" in out


def test_an_unknown_id_is_one_line_naming_trakon_list(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["open", "no-such-thing"]) == 2
    out, err = capsys.readouterr()
    assert out == ""
    assert err == "There is nothing with the id “no-such-thing”; `trakon list` shows every id.\n"


def test_open_is_in_the_help() -> None:
    help_text = build_parser().format_help()
    assert "open" in help_text and "open any item's card by its id" in help_text


def test_the_readme_names_trakon_open() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "| `trakon open ID` |" in readme


async def test_open_shows_the_card_on_the_screen(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """At a terminal the app opens on the card itself (Esc leaves Trakon: see below)."""
    from trakon_tui.ui import run

    monkeypatch.setattr(sys.stdout, "isatty", lambda: True)
    built = []
    monkeypatch.setattr(
        run,
        "run_app",
        lambda options, **kw: built.append(run.build_app(options, **kw)) or 0,
    )
    assert main(["--lang", "en", "open", "pillars-of-safety"]) == 0
    (app,) = built
    async with app.run_test(size=(100, 32)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, DetailScreen)
        assert app.screen.item_id == "pillars-of-safety"
        shown = "\n".join(screen_lines(app))
        assert "Pillars of safety" in shown and "Kind: Writing" in shown


def test_open_returns_the_card_for_the_app(monkeypatch: pytest.MonkeyPatch) -> None:
    from trakon_tui.commands.open_item import run_open
    from trakon_tui.commands.options import Options

    monkeypatch.setattr(sys.stdout, "isatty", lambda: True)
    request = run_open("senses-5-4-3-2-1", Options())
    assert isinstance(request, OpenApp)
    assert (request.first, request.target) == ("card", "senses-5-4-3-2-1")


# --- the command palette ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("lang", "query", "title", "kind"),
    [
        ("en", "box breath", "Box breathing 4-4-4-4", "Breathing"),
        ("fi", "laatikko", "Laatikkohengitys 4-4-4-4", "Hengitys"),
        ("en", "pillars", "Pillars of safety", "Writing"),
        ("fi", "turvapil", "Turvapilarit", "Kirjoittaminen"),
    ],
)
async def test_the_palette_finds_a_practice_by_its_title_and_opens_its_card(
    tmp_path: Path, lang: Lang, query: str, title: str, kind: str
) -> None:
    app = make_app(tmp_path, lang=lang)
    async with app.run_test(size=(100, 32)) as pilot:
        await app.workers.wait_for_complete()
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*query)
        await pilot.pause(0.3)
        prompts = [str(o.prompt) for o in app.screen.query_one(OptionList).options]
        assert prompts, "no hits"
        assert prompts[0].splitlines()[0] == title, prompts
        assert prompts[0].splitlines()[1].startswith(kind + " · "), prompts
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, DetailScreen)
        assert title in "\n".join(screen_lines(app))


async def test_the_palette_lists_the_commands_first_then_every_practice(tmp_path: Path) -> None:
    app = make_app(tmp_path, lang="en")
    async with app.run_test(size=(100, 60)) as pilot:
        await app.workers.wait_for_complete()
        await pilot.press("ctrl+p")
        await pilot.pause(0.3)
        assert app.screen.query_one(CommandInput).placeholder == "Search for commands…"
        prompts = [str(o.prompt).splitlines()[0] for o in app.screen.query_one(OptionList).options]
        assert prompts[0] == "Help"
        library = app.library
        titles = {
            item.title["en"]
            for item in library.items.values()
            if type(item).__name__ in ("Breathing", "Grounding", "Writing", "Info", "Session")
        }
        assert titles <= set(prompts)
        assert prompts.index("Quit") < prompts.index("Box breathing 4-4-4-4")


async def test_the_palette_shows_a_title_as_written(tmp_path: Path) -> None:
    """Titles come from files: one that looks like markup is shown as written, never run."""
    from tests.test_hostile import HOSTILE, hostile_files
    from trakon_tui.core.library import Tier, build

    shipped = ROOT / "exercises"
    library = build([(Tier.SHIPPED, shipped), (Tier.EXTRA, hostile_files(tmp_path / "ex"))])
    app = make_app(tmp_path, library=library)
    async with app.run_test(size=(160, 50)) as pilot:
        await app.workers.wait_for_complete()
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"quit")
        await pilot.pause(0.3)
        prompts = [str(o.prompt) for o in app.screen.query_one(OptionList).options]
        assert prompts[0] == "Quit\nClose Trakon"  # the command, then the titles as written
        assert any(p.startswith(HOSTILE + "\nBreathing · ") for p in prompts), prompts
        await pilot.press("down", "enter")  # the first hostile title: its card, nothing run
        await pilot.pause()
        assert app.is_running and isinstance(app.screen, DetailScreen)


@pytest.mark.parametrize(
    ("command", "key"),
    [
        (["history"], "q"),
        (["history", "--weeks"], "escape"),
        (["open", "pillars-of-safety"], "q"),
        (["open", "box-breathing"], "escape"),
        (["breathe", "box-breathing"], "q"),
        (["breathe"], "escape"),  # the list of breathing practices
    ],
)
async def test_leaving_the_screen_a_command_opened_leaves_trakon(
    command: list[str], key: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`trakon history`, `trakon open ID`, … then q or Esc: Trakon closes, as it does on the
    screen `trakon` opens with; the footer says so. The same screen opened from inside the
    app still goes back."""
    from trakon_tui.ui import run
    from trakon_tui.ui.screens.base import TrakonScreen

    monkeypatch.setattr(sys.stdout, "isatty", lambda: True)
    built = []
    monkeypatch.setattr(
        run, "run_app", lambda options, **kw: built.append(run.build_app(options, **kw)) or 0
    )
    assert main(["--lang", "en", *command]) == 0
    (app,) = built
    async with app.run_test(size=(100, 32)) as pilot:
        await pilot.pause()
        first = app.screen
        assert isinstance(first, TrakonScreen) and first.opened_first
        assert "Quit" in "\n".join(screen_lines(app))
        await pilot.press(key)
        await pilot.pause()
        assert app._exit, f"{key} on {type(first).__name__} did not leave Trakon"


async def test_the_card_opened_from_inside_the_app_still_goes_back(tmp_path: Path) -> None:
    app = make_app(tmp_path)
    async with app.run_test(size=(100, 32)) as pilot:
        await pilot.pause()
        home = app.screen
        app.push_screen(DetailScreen("box-breathing"))
        await pilot.pause()
        assert "Back" in "\n".join(screen_lines(app))
        await pilot.press("q")
        await pilot.pause()
        assert app.screen is home and not app._exit


PARTIAL_BLOCKS = set("▁▂▃▄▅▆▇▉▊▋▌▍▎▏")


@pytest.mark.parametrize("lang", ["fi", "en"])
@pytest.mark.parametrize("item_id", ["box-breathing", "orienting", "pillars-of-safety"])
async def test_a_card_on_a_small_screen_scrolls_without_a_stray_character(
    tmp_path: Path, lang: Lang, item_id: str
) -> None:
    """At 60x20 a card is longer than the screen, so its scrollbar is there (↓ reads on),
    but drawn in whole cells: no partial block ("▃▃") of the thumb's end beside the text."""
    app = make_app(tmp_path, lang=lang, start=lambda: DetailScreen(item_id))
    async with app.run_test(size=(60, 20)) as pilot:
        await pilot.pause()
        page = app.screen.query_one("#detail")
        assert page.max_scroll_y > 0 and page.show_vertical_scrollbar
        for _ in range(3):
            edge = {line[56:58] for line in screen_lines(app)[1:-1]}
            assert not set("".join(edge)) & PARTIAL_BLOCKS, edge
            await pilot.press("pagedown")
            await pilot.pause()
