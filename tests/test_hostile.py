"""Hostile input (#11): text from files, the log and the command line is only ever text.

Markup never acts, escape sequences never reach the terminal, odd files never hang or crash.
"""

from __future__ import annotations

import ast
import asyncio
import tempfile
import tomllib
from pathlib import Path

import pytest
import tomli_w
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.conftest import ROOT, SHIPPED, FakeClock, make_app
from trakon_tui.core import model
from trakon_tui.core.library import Library, Tier, build
from trakon_tui.core.text import CONTROL, visible
from trakon_tui.ui.screens.detail import DetailScreen

ESCAPES = "\x1b[2J\x1b]0;owned\x07\x9b31m\rback\x08\x00\x7f"


def test_visible_shows_every_control_character_and_keeps_the_rest() -> None:
    assert visible("a" + ESCAPES + "\tb\nc") == "a␛[2J␛]0;owned␇�31m␍back␈␀␡\tb\nc"
    assert visible("tab\there\nline", lines=False) == "tab␉here␊line"
    assert visible("[@click=app.quit]Quit[/] ä ö") == "[@click=app.quit]Quit[/] ä ö"


@given(st.text())
def test_visible_leaves_no_control_character_and_keeps_the_width(text: str) -> None:
    shown = visible(text, lines=False)
    assert CONTROL.search(shown) is None
    assert len(shown) == len(text)


# --- the literal-text seam in the app (ui/literal.py) -------------------------------------


HOSTILE = "[@click=app.quit]Quit[/] [/]"


def both(text: str) -> dict[str, str]:
    return {"fi": text, "en": text}


def hostile_files(folder: Path) -> Path:
    """One file per kind with HOSTILE in every text field, and a check-in scale that
    replaces the shipped one."""
    h = both(HOSTILE)
    common = {"format": 1, "title": h, "summary": h, "caution": h, "source": HOSTILE}
    files: dict[str, dict[str, object]] = {
        "breath": {
            **common,
            "kind": "breathing",
            "id": "hostile-breath",
            "suits": ["above"],
            "alternative": "hostile-ground",
            "cycles": 2,
            "prepare": h,
            "phases": [
                {"type": "inhale", "seconds": 4, "cue": h, "say": h},
                {"type": "exhale", "seconds": 6, "cue": h, "say": h},
            ],
        },
        "ground": {
            **common,
            "kind": "grounding",
            "id": "hostile-ground",
            "suits": ["below"],
            "closing": h,
            "steps": [{"text": h, "alternative": h, "count": 2, "body": True}],
        },
        "write": {
            **common,
            "kind": "writing",
            "id": "hostile-write",
            "suits": ["within"],
            "prompts": [{"text": h, "hint": h}],
        },
        "info": {
            **common,
            "kind": "info",
            "id": "hostile-info",
            "pages": [
                {
                    "title": h,
                    "body": both(f"{HOSTILE}\n\n[a link](https://example.invalid/x)"),
                    "diagram": "window",
                }
            ],
        },
        "session": {
            **common,
            "kind": "session",
            "id": "hostile-session",
            "audience": "group",
            "steps": [
                {"page": {"role": "agreements", "title": h, "body": h, "questions": [h]}},
                {"item": "hostile-breath"},
                {"page": {"role": "window", "title": h}},
            ],
        },
        "scale": {
            **common,
            "kind": "checkin",
            "id": "checkin-window",
            "override": True,
            "question": h,
            "unsure": h,
            "zones": {
                zone: {"name": h, "description": h, "signs": [{"id": f"s-{zone}", "label": h}]}
                for zone in ("above", "within", "below")
            },
            "body_areas": [{"id": "chest", "label": h}],
        },
    }
    folder.mkdir(parents=True, exist_ok=True)
    for name, data in files.items():
        (folder / f"{name}.toml").write_text(tomli_w.dumps(data), encoding="utf-8")
    return folder


@pytest.fixture
def hostile_library(tmp_path: Path) -> Library:
    library = build([(Tier.SHIPPED, SHIPPED), (Tier.EXTRA, hostile_files(tmp_path / "ex"))])
    assert library.problems == []
    return library


def screen_lines(app) -> list[str]:  # type: ignore[no-untyped-def]
    """The screen's lines as they go to the terminal (after the app's line filters)."""
    update = app.screen._compositor.render_update(full=True)
    return ["".join(segment.text for segment in strip) for strip in update.strips]


def terminal_output(app) -> str:  # type: ignore[no-untyped-def]
    """Everything one full repaint writes to the terminal, escape sequences included."""
    return app.screen._compositor.render_update(full=True).render_segments(app.console)


# Keys from the home screen to a screen that shows hostile text, and what the test looks for.
WALKS: dict[str, tuple[str, ...]] = {
    "library": ("p",),
    "card": ("p", "enter"),  # the hostile breathing practice sorts first in its kind
    "breathing": ("p", "enter", "enter"),
    "alternative-card": ("p", "enter", "a"),
    "checkin": ("c",),
    "details": ("c", "8", "enter", "d"),
    "suggestions": ("c", "8", "enter"),
}


async def _open_and_check(app, keys: tuple[str, ...]) -> None:  # type: ignore[no-untyped-def]
    async with app.run_test(size=(160, 50)) as pilot:
        # The library is there before any key: its loading starts after the first paint, so
        # waiting for the workers alone could find none yet (started here if not already).
        app.load_in_background()
        await app.workers.wait_for_complete()
        assert app.library_if_loaded is not None
        await pilot.press(*keys)
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert app.is_running
        lines = screen_lines(app)
        assert any(HOSTILE in line for line in lines), "\n".join(lines)
        # A click on every cell of the screen: markup would have made the text a button.
        for y, line in enumerate(lines):
            x = line.find(HOSTILE)
            if x >= 0:
                await pilot.click(offset=(x + 2, y))
                assert app.is_running


@pytest.mark.parametrize("walk", list(WALKS))
async def test_markup_in_a_file_shows_exactly_as_written_and_never_acts(
    tmp_path: Path, hostile_library: Library, walk: str
) -> None:
    from trakon_tui.core.practice_log import LazyStoreLog

    app = make_app(
        tmp_path,
        library=hostile_library,
        clock=FakeClock(),
        practice_log=LazyStoreLog(tmp_path / "data"),
    )
    await _open_and_check(app, WALKS[walk])


async def test_a_library_landing_while_the_check_in_opens_still_shows(
    tmp_path: Path, hostile_library: Library, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The library's loading thread can finish after the check-in is composed (with the
    built-in texts) but before it is mounted: the check-in still turns to the library's
    scale (this gap made the [checkin] walk above fail now and then)."""
    from trakon_tui.ui.screens.checkin import CheckinScreen

    app = make_app(tmp_path, library=hostile_library, clock=FakeClock())
    compose = CheckinScreen.compose_body

    def compose_then_land(screen: CheckinScreen):  # type: ignore[no-untyped-def]
        yield from compose(screen)
        _ = app.library  # the thread has loaded it just now, and tells the app
        app._library_ready()

    monkeypatch.setattr(CheckinScreen, "compose_body", compose_then_land)
    app._loading = True  # the library comes only as above, never from the background
    async with app.run_test(size=(160, 50)) as pilot:
        assert app.library_if_loaded is None
        await pilot.press("c")
        await pilot.pause()
        assert isinstance(app.screen, CheckinScreen)
        lines = screen_lines(app)
        assert any(HOSTILE in line for line in lines), "\n".join(lines)


async def test_markup_on_the_shared_screen_shows_as_written(hostile_library: Library) -> None:
    from trakon_tui.commands.options import Options
    from trakon_tui.ui.run import build_app, present_start

    app = build_app(
        Options(),
        library=hostile_library,
        start=present_start(hostile_library, "hostile-session"),
        presenter=True,
    )
    # page 1 (agreements: title, body, questions); → the breathing slide; → the window page
    await _open_and_check(app, ())
    app = build_app(
        Options(),
        library=hostile_library,
        start=present_start(hostile_library, "hostile-session"),
        presenter=True,
    )
    await _open_and_check(app, ("right",))


ESCAPE_PAYLOADS = ("\x1b[2J", "\x1b]0;owned\x07", "\x9b2J", "\x1bP+q\x1b\\")


def no_payload(output: str) -> None:
    for payload in ESCAPE_PAYLOADS:
        assert payload not in output
    assert "\x07" not in output and "\x9b" not in output


def with_item(library: Library, data: dict[str, object]) -> Library:
    """The library plus one item built straight from data, past the file checks (so that the
    UI's own guard is what is tested)."""
    item = model.convert({"format": 1, **data})
    library.items[item.id] = item
    library.origin[item.id] = Path("inline.toml")
    return library


async def test_control_characters_never_reach_the_terminal(tmp_path: Path) -> None:
    evil = "title" + "".join(ESCAPE_PAYLOADS)
    library = with_item(
        build([(Tier.SHIPPED, SHIPPED)]),
        {
            "kind": "grounding",
            "id": "aaa-escape",
            "title": both(evil),
            "summary": both(evil),
            "suits": ["above"],
            "steps": [{"text": both(evil)}],
        },
    )
    app = make_app(tmp_path, library=library, clock=FakeClock())
    async with app.run_test(size=(120, 60)) as pilot:
        await app.workers.wait_for_complete()
        await pilot.press("p", "1")  # the library, above the window: the item is listed
        shown = [terminal_output(app)]
        await app.push_screen(DetailScreen("aaa-escape"))
        await pilot.pause()
        shown.append(terminal_output(app))
        await pilot.press("enter")  # its one step
        await pilot.pause()
        shown.append(terminal_output(app))
        for output in shown:
            no_payload(output)
            assert "title␛[2J" in output  # shown, as visible stand-ins


async def test_log_text_with_escapes_is_shown_safely_in_history(tmp_path: Path) -> None:
    from datetime import datetime, timedelta, timezone

    from trakon_tui.core.practice_log import LazyStoreLog
    from trakon_tui.core.store import CheckIn, Store

    store = Store.open(tmp_path / "data")
    now = datetime(2026, 12, 1, 9, 0, tzinfo=timezone(timedelta(hours=2)))
    store.add_checkin(CheckIn(at=now, level=8, note="note" + "".join(ESCAPE_PAYLOADS)))
    store.add_writing(now, "pillars-of-safety", "kept" + "".join(ESCAPE_PAYLOADS))
    store.close()
    app = make_app(tmp_path, practice_log=LazyStoreLog(tmp_path / "data"), wall_clock=lambda: now)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("h")
        await pilot.pause()
        output = terminal_output(app)
        no_payload(output)
        assert "kept[2J" in output  # the kept writing's first line, its controls dropped


async def test_text_pasted_into_a_field_cannot_write_escapes(tmp_path: Path) -> None:
    from textual import events
    from textual.widgets import Input

    app = make_app(tmp_path, start=lambda: None)
    async with app.run_test(size=(80, 24)) as pilot:
        field = Input()
        await app.screen.mount(field)
        field.focus()
        await pilot.pause()
        field.post_message(events.Paste("pasted" + "".join(ESCAPE_PAYLOADS)))
        await pilot.pause()
        assert "\x1b" in field.value  # kept as typed: nothing the user gave is lost
        output = terminal_output(app)
        no_payload(output)
        assert "pasted[2J" in output  # the control character itself is dropped on screen


async def test_toasts_never_parse_markup(tmp_path: Path) -> None:
    app = make_app(tmp_path)
    async with app.run_test(size=(100, 32), notifications=True) as pilot:
        app.screen.notify(HOSTILE + "\x1b[2J", markup=True)  # even when a caller asks
        await pilot.pause()
        lines = screen_lines(app)
        assert any(HOSTILE + "␛[2J" in line for line in lines), "\n".join(lines)


async def test_crisis_entries_from_a_file_are_text(tmp_path: Path) -> None:
    crisis = tmp_path / "config" / "crisis.toml"
    crisis.parent.mkdir(parents=True)
    entry = {
        "name": both(HOSTILE),
        "number": "0800 000",
        "hours": both(HOSTILE),
        "note": both(HOSTILE),
        "verified_on": "2026-12-01",
        "verified_from": "https://example.invalid/",
    }
    crisis.write_text(
        tomli_w.dumps({"format": 1, "resources": [entry]}).replace(
            'verified_on = "2026-12-01"', "verified_on = 2026-12-01"
        ),
        encoding="utf-8",
    )
    app = make_app(tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("f2")
        await pilot.pause()
        assert sum(HOSTILE in line for line in screen_lines(app)) == 3


async def test_links_in_information_pages_never_open(
    tmp_path: Path, hostile_library: Library, monkeypatch: pytest.MonkeyPatch
) -> None:
    from textual.app import App

    from trakon_tui.ui.screens.info import InfoScreen

    opened: list[str] = []
    monkeypatch.setattr(App, "open_url", lambda self, url, **kw: opened.append(url))
    item = hostile_library.items["hostile-info"]
    assert isinstance(item, model.Info)
    app = make_app(tmp_path, library=hostile_library, start=lambda: InfoScreen(item))
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        await pilot.pause()
        lines = screen_lines(app)
        assert any(HOSTILE in line for line in lines)
        y = next(n for n, line in enumerate(lines) if "a link" in line)
        await pilot.click(offset=(lines[y].index("a link") + 1, y))
        await pilot.pause()
        assert app.is_running and opened == []
        assert any("https://example.invalid/x" in line for line in screen_lines(app))


def _imports_text_widgets(tree: ast.AST) -> list[str]:
    allowed = {"Footer", "Input", "TextArea", "Digits", "RadioSet"}
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("textual.widgets"):
            found += [alias.name for alias in node.names if alias.name not in allowed]
        if isinstance(node, ast.ImportFrom) and node.module == "textual.widgets._footer":
            found = [name for name in found if name != "FooterKey"]
        if isinstance(node, ast.Attribute) and node.attr == "from_markup":
            found.append("from_markup")
        if (
            isinstance(node, ast.keyword)
            and node.arg == "markup"
            and not (isinstance(node.value, ast.Constant) and node.value.value is False)
        ):
            found.append("markup=")
    return found


def test_text_reaches_widgets_only_through_the_literal_seam() -> None:
    """No module but ui/literal*.py imports Textual's text widgets or turns markup on, so a
    new screen cannot forget the seam: it has no other Static to use."""
    package = ROOT / "trakon_tui"
    offenders = {
        str(path.relative_to(package)): names
        for path in package.rglob("*.py")
        if not path.name.startswith("literal")
        and (names := _imports_text_widgets(ast.parse(path.read_text(encoding="utf-8"))))
    }
    assert offenders == {}


# --- any text in any field renders (property) -----------------------------------------------


TEXTS = st.one_of(
    st.sampled_from(
        [
            HOSTILE,
            "[/]",
            "[b]",
            "[@click=app.quit]",
            "[link=x]y[/link]",
            "\x1b[2J",
            "\t\n",
            "x" * 400,
        ]
    ),
    st.text(st.characters(blacklist_categories=("Cs",)), min_size=1, max_size=80),
)


def _library_with(text: str) -> Library:
    """The shipped library with one item of each practice kind (and a session and a scale)
    carrying `text` in every text field, built from the TOML that text makes."""
    h = both(text)
    common = {"title": h, "summary": h, "caution": h, "source": text}
    library = build([(Tier.SHIPPED, SHIPPED)])
    for data in (
        {
            **common,
            "kind": "breathing",
            "id": "p-breath",
            "alternative": "p-ground",
            "cycles": 1,
            "prepare": h,
            "phases": [
                {"type": "inhale", "seconds": 4, "cue": h, "say": h},
                {"type": "exhale", "seconds": 6, "cue": h, "say": h},
            ],
        },
        {
            **common,
            "kind": "grounding",
            "id": "p-ground",
            "closing": h,
            "steps": [{"text": h, "alternative": h, "count": 2, "body": True}],
        },
        {**common, "kind": "writing", "id": "p-write", "prompts": [{"text": h, "hint": h}]},
        {**common, "kind": "info", "id": "p-info", "pages": [{"title": h, "body": h}]},
        {
            **common,
            "kind": "session",
            "id": "p-session",
            "steps": [{"page": {"role": "agreements", "title": h, "body": h, "questions": [h]}}],
        },
    ):
        # Through TOML and back, as a file would bring it.
        with_item(library, tomllib.loads(tomli_w.dumps(data)))
    return library


async def _render_everything(tmp_path: Path, text: str) -> None:
    from trakon_tui.core.programme import Programme
    from trakon_tui.ui.screens.breathing import BreathingScreen
    from trakon_tui.ui.screens.grounding import GroundingScreen
    from trakon_tui.ui.screens.info import InfoScreen
    from trakon_tui.ui.screens.present import PresentScreen
    from trakon_tui.ui.screens.writing import WritingScreen

    library = _library_with(text)
    items = library.items
    app = make_app(tmp_path, library=library, clock=FakeClock())
    async with app.run_test(size=(60, 20), notifications=True) as pilot:
        await app.workers.wait_for_complete()
        for screen in (
            DetailScreen("p-breath"),
            BreathingScreen(items["p-breath"]),  # type: ignore[arg-type]
            GroundingScreen(items["p-ground"]),  # type: ignore[arg-type]
            WritingScreen(items["p-write"]),  # type: ignore[arg-type]
            InfoScreen(items["p-info"]),  # type: ignore[arg-type]
            PresentScreen(Programme.of(items["p-session"], items), text),  # type: ignore[arg-type]
        ):
            await app.push_screen(screen)
            await pilot.pause()
            no_payload(terminal_output(app))
        app.notify(text)
        await pilot.press("p")
        await pilot.pause()
        no_payload(terminal_output(app))
        assert app.is_running


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(TEXTS)
def test_any_text_in_any_field_renders_without_an_exception(text: str) -> None:
    with tempfile.TemporaryDirectory() as folder:
        asyncio.run(_render_everything(Path(folder), text))


# --- a crash is visible, and holds nothing the user wrote -----------------------------------

SECRET = "my private note about today"


async def test_a_crashing_screen_exits_non_zero_with_one_sentence_and_a_report(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from trakon_tui.commands.options import Options
    from trakon_tui.ui.run import build_app, exit_code
    from trakon_tui.ui.screens.base import TrakonScreen

    class Broken(TrakonScreen):
        def on_mount(self) -> None:
            note = SECRET  # a local variable Textual's own traceback would print
            raise RuntimeError(note)

    options = Options(data_dir=tmp_path / "data")
    app = build_app(options, start=lambda: Broken())
    await app.run_async(headless=True, size=(80, 24))
    assert app.return_code == 1
    code = exit_code(app, options)
    out, err = capsys.readouterr()
    assert code == 70
    assert "unexpected error" in err and "Traceback" not in err + out and SECRET not in err
    (report,) = (tmp_path / "data").glob("crash-*.txt")
    assert report.stat().st_mode & 0o777 == 0o600
    text = report.read_text(encoding="utf-8")
    assert "builtins.RuntimeError" in text and "on_mount" in text
    assert SECRET not in text
    assert str(report) in err


def test_an_unexpected_error_in_a_command_is_one_sentence_and_a_report(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from trakon_tui import cli
    from trakon_tui.core import export

    def broken(store: object) -> list[object]:
        raise UnicodeEncodeError("utf-8", SECRET, 0, 1, "surrogates not allowed")

    monkeypatch.setattr(export, "sections", broken)
    code = cli.main(["export", "--data-dir", str(tmp_path / "mine")])
    out, err = capsys.readouterr()
    assert code == 70 and "Traceback" not in out  # streamed: its first line may be out
    assert err.count("\n") == 1 and "unexpected error" in err
    (report,) = (tmp_path / "mine").glob("crash-*.txt")
    assert SECRET not in report.read_text(encoding="utf-8")
    assert "UnicodeEncodeError" in report.read_text(encoding="utf-8")


def test_ctrl_c_in_a_command_stops_without_a_traceback(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from trakon_tui import cli
    from trakon_tui.commands import log

    def interrupted(*args: object, **options: object) -> int:
        raise KeyboardInterrupt  # Ctrl+C while the command waits at its question

    monkeypatch.setattr(log, "run_forget", interrupted)
    code = cli.main(["forget", "--all"])
    out, err = capsys.readouterr()
    assert code == 130 and "Traceback" not in out + err and not err.strip()


# --- trakon serve on a port that is taken -----------------------------------------------------


def test_serve_on_a_busy_port_says_so_without_a_traceback(
    capsys: pytest.CaptureFixture[str],
) -> None:
    import socket

    from trakon_tui import cli

    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        code = cli.main(["serve", "--port", str(port)])
    out, err = capsys.readouterr()
    assert code == 1 and "Traceback" not in out + err
    assert f"Port {port} on 127.0.0.1 is already in use" in err
    assert cli.main(["serve", "--host", "no-such-host.invalid"]) == 1
    assert "cannot listen on no-such-host.invalid" in capsys.readouterr().err
    with pytest.raises(SystemExit) as usage:
        cli.main(["serve", "--port", "70000"])
    assert usage.value.code == 2


async def test_when_textual_panics_it_is_a_crash_like_any_other(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Textual calls panic() when its input thread dies; that used to print a traceback with
    local variables and exit 0."""
    import rich.traceback

    from trakon_tui.commands.options import Options
    from trakon_tui.ui.run import build_app, exit_code
    from trakon_tui.ui.screens.base import TrakonScreen

    class Panicking(TrakonScreen):
        def on_mount(self) -> None:
            try:
                raise ValueError(SECRET)
            except ValueError:
                self.app.panic(rich.traceback.Traceback())

    options = Options(data_dir=tmp_path / "data")
    app = build_app(options, start=lambda: Panicking())
    await app.run_async(headless=True, size=(80, 24))
    assert exit_code(app, options) == 70
    out, err = capsys.readouterr()
    assert "Traceback" not in out + err and SECRET not in out + err
    (report,) = (tmp_path / "data").glob("crash-*.txt")
    text = report.read_text(encoding="utf-8")
    assert "ValueError" in text and "on_mount" in text and SECRET not in text


async def test_history_names_a_log_it_cannot_open_instead_of_blaming_no_log(
    tmp_path: Path,
) -> None:
    from trakon_tui.core.practice_log import LazyStoreLog
    from trakon_tui.core.store import DB_NAME, Store

    Store.open(tmp_path / "data").close()
    log = tmp_path / "data" / DB_NAME
    log.unlink()
    log.symlink_to(tmp_path / "gone.db")  # a dangling link where the log was
    app = make_app(tmp_path, practice_log=LazyStoreLog(tmp_path / "data"))
    async with app.run_test(size=(100, 32)) as pilot:
        await pilot.press("h")
        await pilot.pause()
        shown = str(app.screen.query_one("#history-unreadable").render())
        assert "link to another place" in shown
        assert "--no-log" not in "".join(screen_lines(app))


async def test_ctrl_c_says_how_to_quit_in_the_users_language(tmp_path: Path) -> None:
    app = make_app(tmp_path, lang="fi")
    async with app.run_test(size=(100, 32), notifications=True) as pilot:
        await pilot.press("ctrl+c")
        await pilot.pause()
        (toast,) = app._notifications
        assert toast.message == "Voit sulkea Trakonin painamalla Ctrl+Q." and not toast.title
        assert app.is_running
