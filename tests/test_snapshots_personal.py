"""SVG snapshots of #17's screens (points 3–5), in both languages, small and normal: the
breathing card with a chosen length and a favourite, F2 with the user's own contacts, home
with "again" and favourites, and "find your pace" before and after the taps.

Update after an intended change with:
pytest tests/test_snapshots_personal.py --snapshot-update
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from pathlib import Path

import pytest
from textual.pilot import Pilot

from tests.conftest import SHIPPED, FakeClock, advance, keys_then_settle, make_app, settle
from tests.test_personal import ran_last
from trakon_tui.core.contacts import Contact
from trakon_tui.core.library import Tier, build
from trakon_tui.core.model import Breathing
from trakon_tui.core.personal import CALIBRATION_BREATHS, Choice
from trakon_tui.core.practice_log import LazyStoreLog
from trakon_tui.core.settings import Settings
from trakon_tui.i18n import Lang

SIZES = {"normal": (100, 32), "small": (60, 20)}
LIBRARY = build([(Tier.SHIPPED, SHIPPED)])
CONTACTS = [
    Contact("Liisa Lehtonen", "040 123 4567", "työnohjaaja / supervisor"),
    Contact("Työterveys", "09 555 0100"),
]


def tapped(clock: FakeClock, breath: float) -> Callable[[Pilot[None]], Awaitable[None]]:
    """Four breaths of `breath` seconds tapped with space, on the fake clock."""

    async def run_before(pilot: Pilot[None]) -> None:
        await settle(pilot)
        for _ in range(CALIBRATION_BREATHS):
            await pilot.press("space")
            await advance(pilot, clock, breath * 0.4)
            await pilot.press("space")
            await advance(pilot, clock, breath * 0.6)
        await pilot.press("space")
        await settle(pilot)

    return run_before


@pytest.mark.parametrize("lang", ["en", "fi"])
@pytest.mark.parametrize("size", list(SIZES))
def test_card_with_a_chosen_length_and_a_favourite(
    snap_compare, tmp_path: Path, size: str, lang: Lang
) -> None:  # type: ignore[no-untyped-def]
    from trakon_tui.ui.screens.detail import DetailScreen

    settings = Settings(language=lang, practices={"resonance-breathing": Choice(None, 1.1)})
    app = make_app(
        tmp_path, lang=lang, settings=settings, start=lambda: DetailScreen("resonance-breathing")
    )
    # m: about 2 minutes at the remembered pace; f: a favourite
    assert snap_compare(app, terminal_size=SIZES[size], run_before=keys_then_settle("m", "f"))


@pytest.mark.parametrize("lang", ["en", "fi"])
@pytest.mark.parametrize("size", list(SIZES))
def test_crisis_page_with_own_contacts(snap_compare, tmp_path: Path, size: str, lang: Lang) -> None:  # type: ignore[no-untyped-def]
    app = make_app(tmp_path, lang=lang, settings=Settings(language=lang, contacts=CONTACTS))
    assert snap_compare(app, terminal_size=SIZES[size], run_before=keys_then_settle("f2"))


@pytest.mark.parametrize("lang", ["en", "fi"])
@pytest.mark.parametrize("size", list(SIZES))
def test_home_with_again_and_favourites(
    snap_compare, tmp_path: Path, size: str, lang: Lang
) -> None:  # type: ignore[no-untyped-def]
    ran_last(tmp_path, "extended-exhale-4-6", "breathing")
    settings = Settings(language=lang, favourites=["orienting", "box-breathing"])
    app = make_app(
        tmp_path, lang=lang, settings=settings, practice_log=LazyStoreLog(tmp_path / "data")
    )
    assert snap_compare(app, terminal_size=SIZES[size], run_before=keys_then_settle())


@pytest.mark.parametrize("lang", ["en", "fi"])
@pytest.mark.parametrize("size", list(SIZES))
@pytest.mark.parametrize("state", ["start", "suggestion"])
def test_find_your_pace(snap_compare, tmp_path: Path, state: str, size: str, lang: Lang) -> None:  # type: ignore[no-untyped-def]
    from trakon_tui.ui.screens.calibration import CalibrationScreen

    item = LIBRARY.items["resonance-breathing"]
    assert isinstance(item, Breathing)
    clock = FakeClock()
    app = make_app(tmp_path, lang=lang, clock=clock, start=lambda: CalibrationScreen(item))
    before = keys_then_settle() if state == "start" else tapped(clock, 11.0)
    assert snap_compare(app, terminal_size=SIZES[size], run_before=before)


@pytest.mark.parametrize("lang", ["en", "fi"])
@pytest.mark.parametrize("size", list(SIZES))
def test_settings_after_adding_a_contact(
    snap_compare, tmp_path: Path, size: str, lang: Lang
) -> None:  # type: ignore[no-untyped-def]
    """Enter in the contact fields: the contact just added (chosen) and the empty name field,
    focused for the next one, are both in view, at 60x20 too."""
    app = make_app(tmp_path, lang=lang, settings=Settings(language=lang, contacts=CONTACTS[:1]))

    async def add(pilot: Pilot[None]) -> None:
        await settle(pilot)
        await pilot.press("s")
        await settle(pilot)
        pilot.app.screen.query_one("#contact-name").focus()
        await pilot.press(*"Työterveys", "tab", *"09 555 0100", "enter")
        await settle(pilot)

    assert snap_compare(app, terminal_size=SIZES[size], run_before=add)
