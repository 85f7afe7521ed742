"""The layers stay apart (#12): nothing under `commands/` imports the UI, and the one bridge
from the command line to Textual is `cli.main` handing an `OpenApp` to `ui.run.open_app`."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from tests.conftest import ROOT
from trakon_tui.commands.app_request import OpenApp

PACKAGE = ROOT / "trakon_tui"


def imported(path: Path) -> set[str]:
    """Every module a file imports, at the top or inside a function."""
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            assert node.level == 0, f"{path}: a relative import"
            module = node.module or ""
            found.add(module)
            found.update(f"{module}.{alias.name}" for alias in node.names)
    return found


def ui_importers() -> set[str]:
    """The modules outside `ui/` that import anything from `trakon_tui.ui`."""
    out = set()
    for path in PACKAGE.rglob("*.py"):
        relative = path.relative_to(PACKAGE)
        if relative.parts[0] == "ui":
            continue
        if any(
            name == "trakon_tui.ui" or name.startswith("trakon_tui.ui.") for name in imported(path)
        ):
            out.add(str(relative))
    return out


def test_nothing_under_commands_imports_the_ui() -> None:
    assert not {name for name in ui_importers() if name.startswith("commands")}


def test_the_one_bridge_to_the_app_is_the_command_line() -> None:
    """Outside `ui/`, only `cli.py` reaches into it (and the core never does)."""
    assert ui_importers() == {"cli.py"}


def test_the_check_finds_an_import_inside_a_function(tmp_path: Path) -> None:
    sneaky = tmp_path / "sneaky.py"
    sneaky.write_text("def f():\n    from trakon_tui.ui.run import run_app\n", encoding="utf-8")
    assert "trakon_tui.ui.run" in imported(sneaky)


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["open", "box-breathing"], OpenApp("card", "box-breathing")),
        (["breathe", "box-breathing"], OpenApp("card", "box-breathing")),
        (["ground"], OpenApp("library", "grounding")),
        (["present", "peer-group"], OpenApp("present", "peer-group", presenter=True)),
        (["history"], OpenApp("history")),
        (["history", "--weeks"], OpenApp("history", "weeks")),
        ([], OpenApp("checkin")),
    ],
)
def test_commands_say_which_screen_to_open_and_cli_opens_it(
    args: list[str], expected: OpenApp, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Each command returns what to open; `cli.main` hands it over, once, to `ui.run`."""
    import sys

    from trakon_tui.cli import main
    from trakon_tui.ui import run

    monkeypatch.setattr(sys.stdout, "isatty", lambda: True)  # a person at a terminal
    opened: list[OpenApp] = []
    monkeypatch.setattr(run, "open_app", lambda options, request: opened.append(request) or 0)
    assert main(args) == 0
    (request,) = opened
    assert (request.first, request.target, request.presenter) == (
        expected.first,
        expected.target,
        expected.presenter,
    )


async def test_open_app_builds_the_first_screen_it_names(tmp_path: Path) -> None:
    from trakon_tui.commands.options import Options
    from trakon_tui.core.library import load_library
    from trakon_tui.ui.run import build_app, first_screen
    from trakon_tui.ui.screens.detail import DetailScreen
    from trakon_tui.ui.screens.history import HistoryScreen
    from trakon_tui.ui.screens.library import LibraryScreen

    library = load_library([])
    for request, screen_type in (
        (OpenApp("card", "pillars-of-safety", library), DetailScreen),
        (OpenApp("library", "grounding", library), LibraryScreen),
        (OpenApp("history"), HistoryScreen),
    ):
        app = build_app(
            Options(data_dir=tmp_path / "data"), library=library, start=first_screen(request)
        )
        async with app.run_test(size=(100, 32)) as pilot:
            await pilot.pause()
            assert isinstance(app.screen, screen_type)
    weeks = first_screen(OpenApp("history", "weeks"))
    assert weeks is not None and weeks().span == "weeks"  # type: ignore[union-attr]
    assert first_screen(OpenApp("checkin")) is None
