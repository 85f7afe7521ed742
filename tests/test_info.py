"""Information pages: Markdown from the files, page by page, the window diagram, sources."""

from __future__ import annotations

import io
from pathlib import Path

from textual.widgets import Markdown, Static

from tests.conftest import make_app
from trakon_tui.core.settings import Settings
from trakon_tui.ui.screens.detail import DetailScreen
from trakon_tui.ui.screens.info import InfoScreen


def title(screen: InfoScreen) -> str:
    return str(screen.query_one("#info-title", Static).content)


async def test_pages_turn_and_the_window_is_drawn_with_the_personal_band(tmp_path: Path) -> None:
    app = make_app(
        tmp_path,
        settings=Settings(language="en", window=(2, 8)),
        start=lambda: DetailScreen("window-of-tolerance"),
    )
    async with app.run_test(size=(100, 32)) as pilot:
        await pilot.press("enter")
        screen = app.screen
        assert isinstance(screen, InfoScreen)
        assert "Page 1/4" in title(screen)
        diagram = screen.query_one("#info-diagram", Static)
        from rich.console import Console

        console = Console(width=200, record=True, file=io.StringIO())
        console.print(diagram.content)
        drawn = console.export_text()
        assert drawn.index("Above the window") < drawn.index("Within the window")
        assert drawn.index("Within the window") < drawn.index("Below the window")
        assert "racing thoughts" in drawn and "levels 2–8" in drawn and "can widen" in drawn
        assert "Source: Siegel 1999" in str(screen.query(Static).last().content)
        await pilot.press("left")  # nothing before the first page
        assert "Page 1/4" in title(app.screen)  # type: ignore[arg-type]
        await pilot.press("right")
        assert "Page 2/4" in title(app.screen)  # type: ignore[arg-type]
        assert not app.screen.query("#info-diagram")
        markdown = app.screen.query_one(Markdown)
        assert "Being above the window" in markdown.source
        for _ in range(5):
            await pilot.press("right")
        assert "Page 4/4" in title(app.screen)  # type: ignore[arg-type]
        await pilot.press("escape")
        assert isinstance(app.screen, DetailScreen)


async def test_info_pages_speak_finnish(tmp_path: Path) -> None:
    app = make_app(tmp_path, "fi", start=lambda: DetailScreen("threat-radar"))
    async with app.run_test(size=(60, 20)) as pilot:
        await pilot.press("enter")
        assert "Uhkatutka" in title(app.screen)  # type: ignore[arg-type]
        assert "uhkatutka" in app.screen.query_one(Markdown).source


async def test_every_shipped_information_item_reads_to_its_last_page(tmp_path: Path) -> None:
    for item_id, pages in (("window-of-tolerance", 4), ("threat-radar", 2), ("why-long-exhale", 2)):
        app = make_app(tmp_path, start=lambda item_id=item_id: DetailScreen(item_id))
        async with app.run_test(size=(60, 20)) as pilot:
            await pilot.press("enter")
            for n in range(1, pages + 1):
                assert f"Page {n}/{pages}" in title(app.screen)  # type: ignore[arg-type]
                await pilot.press("right")
