"""The app shell driven with Pilot: navigation, language, help, crisis, hide, settings."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest
from textual.widgets import OptionList, Static

from tests.conftest import make_app
from trakon_tui.core.library import Tier, build
from trakon_tui.i18n import current_language
from trakon_tui.ui.screens.detail import DetailScreen
from trakon_tui.ui.screens.home import HomeScreen
from trakon_tui.ui.screens.info_pages import AboutScreen, CrisisScreen, HelpScreen, HideScreen
from trakon_tui.ui.screens.library import LibraryScreen
from trakon_tui.ui.screens.settings import SettingsScreen


def text_of(widget: Static) -> str:
    """The words a widget shows, without styles, as a wide terminal would lay them out."""
    from rich.console import Console

    console = Console(width=200, record=True, file=open("/dev/null", "w"))  # noqa: SIM115
    console.print(widget.content)
    return console.export_text()


def footer_text(app) -> str:  # type: ignore[no-untyped-def]
    from textual.widgets._footer import FooterKey

    return " | ".join(f"{k.key_display} {k.description}" for k in app.screen.query(FooterKey))


async def test_home_offers_the_checkin_first(tmp_path: Path) -> None:
    app = make_app(tmp_path)
    async with app.run_test(size=(100, 32)) as pilot:
        await pilot.pause()
        menu = app.screen.query_one("#home-menu", OptionList)
        first = menu.get_option_at_index(0)
        assert first.id == "checkin" and not first.disabled
        assert menu.highlighted == 0
        assert menu.get_option("history") is not None
        assert "esc Quit" in footer_text(app)


async def test_home_to_library_to_card_and_back(tmp_path: Path) -> None:
    app = make_app(tmp_path)
    async with app.run_test(size=(100, 32)) as pilot:
        await pilot.press("down", "enter")
        assert isinstance(app.screen, LibraryScreen)
        listing = app.screen.query_one("#library-list", OptionList)
        highlighted = listing.get_option_at_index(listing.highlighted or 0)
        assert highlighted.id == "physiological-sigh"  # the gentlest breathing comes first
        await pilot.press("enter")
        assert isinstance(app.screen, DetailScreen)
        card = text_of(app.screen.query_one("#detail-card", Static))
        assert "Three sighs" in card and "Holds: none" in card
        await pilot.press("escape")
        for _ in range(7):
            await pilot.press("down")
        await pilot.press("enter")
        card = text_of(app.screen.query_one("#detail-card", Static))
        assert "Box breathing" in card
        assert "Holds: yes, up to 4 s" in card
        assert "Your eyes may stay open." in card
        assert "How to stop: press Esc or q" in card
        assert "Instead of breathing: Feet on the floor" in card
        assert "Take care" in text_of(app.screen.query_one("#detail-caution", Static))
        assert "NCT05304000" in text_of(app.screen.query_one("#detail-source", Static))  # verified
        await pilot.press("escape")
        assert isinstance(app.screen, LibraryScreen)
        await pilot.press("q")
        assert isinstance(app.screen, HomeScreen)
        await pilot.press("escape")
    assert app.return_code == 0


async def test_library_filters_by_zone(tmp_path: Path) -> None:
    app = make_app(tmp_path)
    async with app.run_test(size=(100, 32)) as pilot:
        await pilot.press("p")
        listing = app.screen.query_one("#library-list", OptionList)
        everything = {o.id for o in listing.options if o.id}
        await pilot.press("3")  # below
        below = {o.id for o in listing.options if o.id}
        assert "orienting" in below and "even-breathing" in below
        assert "extended-exhale-4-6" not in below
        assert below < everything
        await pilot.press("f")  # below -> all
        assert {o.id for o in listing.options if o.id} == everything


async def test_library_lists_skipped_files_with_the_reason(tmp_path: Path) -> None:
    folder = tmp_path / "ours"
    folder.mkdir()
    (folder / "broken.toml").write_text("format = 1\nkind = [\nid = 1\n", encoding="utf-8")
    library = build([(Tier.EXTRA, folder)])
    app = make_app(tmp_path, library=library)
    async with app.run_test(size=(100, 32)) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        notice = text_of(app.screen.query_one("#home-notice", Static))
        assert "1 exercise file was skipped" in notice
        await pilot.press("p")
        prompts = [str(o.prompt) for o in app.screen.query_one(OptionList).options]
        assert "SKIPPED FILES" in prompts
        assert any("broken.toml:3:" in p and "TOML syntax" in p for p in prompts)


async def test_language_switch_relabels_every_open_screen_and_is_saved(tmp_path: Path) -> None:
    app = make_app(tmp_path)
    async with app.run_test(size=(100, 32)) as pilot:
        await pilot.press("p")
        await pilot.press("l")
        assert current_language() == "fi"
        assert "Harjoitukset" in text_of(app.screen.query_one(".title-bar", Static))
        await pilot.pause()
        footer = footer_text(app)
        assert "esc Takaisin" in footer and "l In English" in footer
        assert "^p Komennot" in footer
        await pilot.press("escape")
        home_menu = app.screen.query_one("#home-menu", OptionList)
        assert "Pysähdy" in str(home_menu.get_option_at_index(0).prompt)
        await pilot.press("l")
        assert current_language() == "en"
    saved = tomllib.loads((tmp_path / "config" / "settings.toml").read_text())
    assert saved["language"] == "en"


async def test_help_and_crisis_are_one_key_away_from_anywhere(tmp_path: Path) -> None:
    app = make_app(tmp_path)
    async with app.run_test(size=(100, 32)) as pilot:
        await pilot.press("p", "enter")
        assert isinstance(app.screen, DetailScreen)
        await pilot.press("f2")
        assert isinstance(app.screen, CrisisScreen)
        numbers = text_of(app.screen.query_one("#crisis-numbers", Static))
        assert "112" in numbers and "09 2525 0111" in numbers and "Checked 2026-11-23" in numbers
        await pilot.press("question_mark")
        assert isinstance(app.screen, HelpScreen)
        help_text = text_of(app.screen.query_one("#help-text", Static))
        assert "F2" in help_text and "Blank the screen" in help_text
        await pilot.press("escape", "escape")
        assert isinstance(app.screen, DetailScreen)
        await pilot.press("f1")
        assert isinstance(app.screen, HelpScreen)


async def test_quick_hide_blanks_the_screen_and_any_key_returns(tmp_path: Path) -> None:
    app = make_app(tmp_path)
    async with app.run_test(size=(100, 32)) as pilot:
        await pilot.press("p")
        await pilot.press("b")
        assert isinstance(app.screen, HideScreen)
        assert text_of(app.screen.query_one("#hide", Static)).strip() == ""
        await pilot.press("x")
        assert isinstance(app.screen, LibraryScreen)


async def test_about_says_this_is_not_therapy(tmp_path: Path) -> None:
    app = make_app(tmp_path, lang="fi")
    async with app.run_test(size=(100, 32)) as pilot:
        await pilot.press("a")
        assert isinstance(app.screen, AboutScreen)
        assert "ei ole terapiaa eikä hoitoa" in text_of(app.screen.query_one("#about-text"))


async def test_settings_change_theme_and_motion_and_save_them(tmp_path: Path) -> None:
    app = make_app(tmp_path)
    async with app.run_test(size=(100, 32)) as pilot:
        await pilot.press("s")
        assert isinstance(app.screen, SettingsScreen)
        await pilot.press("t")
        assert app.theme == "trakon-light"
        app.screen.query_one("#set-motion").value = True  # type: ignore[attr-defined]
        await pilot.pause()
        assert app.animation_level == "none"
    saved = tomllib.loads((tmp_path / "config" / "settings.toml").read_text())
    assert saved == {
        "language": "en",
        "theme": "trakon-light",
        "reduced_motion": True,
        "hide_history": False,
    }


async def test_command_palette_is_in_finnish(tmp_path: Path) -> None:
    from textual.command import CommandInput

    app = make_app(tmp_path, lang="fi")
    async with app.run_test(size=(100, 32)) as pilot:
        await pilot.press("ctrl+p")
        await pilot.pause()
        assert app.screen.query_one(CommandInput).placeholder == "Etsi komentoja…"
        await pilot.press(*"kriisi")
        await pilot.pause(0.3)
        prompts = [str(o.prompt) for o in app.screen.query_one(OptionList).options]
        assert any("Kriisiapu" in p for p in prompts)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, CrisisScreen)


async def test_tiny_terminal_still_shows_how_to_leave(tmp_path: Path) -> None:
    app = make_app(tmp_path, lang="fi")
    async with app.run_test(size=(40, 10)) as pilot:
        await pilot.press("p")
        await pilot.pause()
        assert footer_text(app).startswith("esc Takaisin")


async def test_a_narrow_footer_gives_the_palette_keys_room_to_the_screens_keys(
    tmp_path: Path,
) -> None:
    """Below 80 columns "^p Komennot" (docked right) covered "f2 Kriisiapu"; it is left out
    there (Ctrl+P still opens the palette) and comes back when the terminal widens."""

    def palette_key_shown() -> bool:
        return bool(app.screen.query(".-command-palette"))

    app = make_app(tmp_path, lang="fi")
    async with app.run_test(size=(60, 20)) as pilot:
        await pilot.pause()
        assert not palette_key_shown()
        assert "f2 Kriisiapu" in footer_text(app)
        await pilot.press("ctrl+p")
        await pilot.pause()
        assert type(app.screen).__name__ == "TranslatedCommandPalette"
        await pilot.press("escape")
        await pilot.resize_terminal(100, 32)
        await pilot.pause()
        assert palette_key_shown()
        await pilot.resize_terminal(60, 20)
        await pilot.pause()
        assert not palette_key_shown()


def colour_codes(output: str) -> list[str]:
    """Every SGR parameter in `output` that sets a colour (30-49, 90-107, 38;…/48;…)."""
    import re

    found = []
    for params in re.findall(r"\x1b\[([0-9;]*)m", output):
        codes = [int(p) for p in params.split(";") if p]
        found += [str(c) for c in codes if 30 <= c <= 49 or 90 <= c <= 107]
    return found


async def test_no_color_means_no_colour_codes_and_highlights_still_show(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """NO_COLOR (no-color.org): not even greys; the highlighted entry and a chosen radio
    button are marked with underline and bold instead."""
    monkeypatch.setenv("NO_COLOR", "1")
    app = make_app(tmp_path)
    async with app.run_test(size=(100, 32)) as pilot:
        for keys in ((), ("p",), ("escape", "s"), ("escape", "f2")):
            await pilot.press(*keys)
            await pilot.pause()
            update = app.screen._compositor.render_update(full=True)
            assert colour_codes(update.render_segments(app.console)) == []
            if keys == ():
                line = next(
                    line
                    for line in update.strips
                    if "Check in" in "".join(strip.text for strip in line)
                )
                styles = [seg.style for strip in line for seg in strip if "Check" in seg.text]
                assert styles and styles[0].underline and styles[0].bold
            if keys == ("escape", "s"):
                chosen = app.screen.query_one("#set-theme").query("RadioButton")
                on = [b for b in chosen if b.value]
                assert len(on) == 1 and on[0].get_component_rich_style("toggle--button").underline
