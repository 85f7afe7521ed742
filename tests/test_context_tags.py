"""Context tags (#17 point 2): what was just before a check-in, kept in its own table,
named in either language on the command line, edited as a list in the settings."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from trakon_tui.cli import main
from trakon_tui.core import context
from trakon_tui.core import settings as settings_file
from trakon_tui.core.settings import Settings, context_tags
from trakon_tui.core.store import CheckIn, Store
from trakon_tui.i18n import set_language

WHEN = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)


@pytest.mark.parametrize(
    ("typed", "tag"),
    [
        ("kotikäynti", "home-visit"),
        ("Kotikaynti", "home-visit"),  # without the dots, as on an English keyboard
        ("home visit", "home-visit"),
        ("home-visit", "home-visit"),
        ("PUHELU", "phone-call"),
        ("asiakkaan kriisi", "client-crisis"),
        ("a client's crisis", "client-crisis"),
        ("kirjaaminen", "documentation"),
        ("palaveri", "meeting"),
        ("nothing like it", None),
    ],
)
def test_built_in_tags_are_understood_in_finnish_and_english(typed: str, tag: str | None) -> None:
    for lang in ("en", "fi"):
        set_language(lang)  # Finnish words are understood whatever the language
        assert context.resolve(typed) == tag


def test_a_tag_is_shown_in_the_current_language_and_own_tags_as_written() -> None:
    assert context.label("home-visit") == "home visit"
    set_language("fi")
    assert context.label("home-visit") == "kotikäynti"
    assert context.label("työnohjaus") == "työnohjaus"
    assert context.to_words(["phone-call", "työnohjaus"]) == "puhelu, työnohjaus"


def test_the_settings_list_is_typed_as_words_and_kept_as_ids() -> None:
    typed = "Kotikäynti, puhelu,, työnohjaus , kotikäynti, \x1b[31mx"
    assert context.from_words(typed) == ["home-visit", "phone-call", "työnohjaus", "[31mx"]
    assert len(context.from_words(",".join(f"t{n}" for n in range(20)))) == context.MAX_TAGS


def test_context_tags_round_trip_through_the_settings_file(tmp_path: Path) -> None:
    path = tmp_path / "settings.toml"
    assert context_tags(Settings()) == context.DEFAULT_TAGS
    settings_file.save(Settings(context_tags=("home-visit", "työnohjaus")), path)
    loaded = settings_file.load(path)
    assert loaded.problem is None
    assert context_tags(loaded.settings) == ("home-visit", "työnohjaus")
    settings_file.save(Settings(context_tags=()), path)  # an empty list: nothing is offered
    assert context_tags(settings_file.load(path).settings) == ()


@pytest.mark.parametrize(
    "line",
    [
        'context_tags = "home-visit"',
        "context_tags = [1]",
        'context_tags = ["a,b"]',
        'context_tags = ["' + "x" * 41 + '"]',
        "context_tags = [" + ", ".join(f'"t{n}"' for n in range(10)) + "]",
    ],
)
def test_a_wrong_list_in_the_settings_gives_the_defaults_and_says_why(
    tmp_path: Path, line: str
) -> None:
    path = tmp_path / "settings.toml"
    path.write_text(line + "\n", encoding="utf-8")
    loaded = settings_file.load(path)
    assert loaded.problem is not None and loaded.problem.where == "context_tags"
    assert context_tags(loaded.settings) == context.DEFAULT_TAGS


def test_the_log_keeps_tags_in_their_own_table_and_forgets_them_with_the_checkin(
    tmp_path: Path,
) -> None:
    store = Store.open(tmp_path)
    first = store.add_checkin(CheckIn(at=WHEN, level=8, context_tags=("phone-call",)))
    store.add_checkin(CheckIn(at=WHEN + timedelta(hours=1), level=5))
    found = store.checkin(first)
    assert found is not None and found.context_tags == ("phone-call",)
    store.add_details(
        first,
        intensity=None,
        tags=("tense",),
        body_areas=(),
        note=None,
        context_tags=("home-visit", "client-crisis"),
    )
    found = store.checkin(first)
    assert found is not None and set(found.context_tags) == {"home-visit", "client-crisis"}
    assert found.tags == ("tense",)  # the signs are their own column, untouched
    store.add_details(first, intensity=3, tags=(), body_areas=(), note=None)  # None: kept
    assert set(store.recent(2)[1].context_tags) == {"home-visit", "client-crisis"}
    assert sorted(store.context_counts()) == [
        ("client-crisis", "above", 1),
        ("home-visit", "above", 1),
    ]
    store.forget()
    assert list(store.context_rows()) == []


def test_checkin_context_from_the_command_line_in_finnish_and_english(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(["--lang", "en", "checkin", "--level", "8", "--context", "kotikäynti"]) == 0
    args = ["--lang", "fi", "checkin", "--level", "4", "--context", "phone call,Palaveri"]
    assert main(args) == 0
    capsys.readouterr()
    assert main(["export"]) == 0
    data = json.loads(capsys.readouterr().out)
    first, second = (c["id"] for c in data["checkins"])
    assert data["context_tags"] == [
        {"checkin_id": first, "tag": "home-visit"},
        {"checkin_id": second, "tag": "meeting"},
        {"checkin_id": second, "tag": "phone-call"},
    ]


def test_a_context_not_in_the_list_is_refused_with_the_list(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(["--lang", "fi", "checkin", "--level", "8", "--context", "työnohjaus"]) == 2
    err = capsys.readouterr().err
    assert "työnohjaus" in err and "kotikäynti, puhelu" in err
    assert main(["export"]) == 0
    assert json.loads(capsys.readouterr().out)["checkins"] == []  # nothing saved


def test_an_own_tag_from_the_settings_is_accepted(capsys: pytest.CaptureFixture[str]) -> None:
    settings_file.save(Settings(context_tags=("työnohjaus",)), settings_file.settings_path())
    assert main(["checkin", "--level", "6", "--context", "Työnohjaus"]) == 0
    assert main(["checkin", "--level", "6", "--context", "kotikäynti"]) == 0  # built-in: always
    capsys.readouterr()
    assert main(["export"]) == 0
    tags = [c["tag"] for c in json.loads(capsys.readouterr().out)["context_tags"]]
    assert tags == ["työnohjaus", "home-visit"]


async def test_the_list_is_edited_in_the_settings_screen_in_the_users_language(
    tmp_path: Path,
) -> None:
    from textual.widgets import Input

    from tests.conftest import make_app
    from trakon_tui.ui.screens.settings import SettingsScreen

    app = make_app(tmp_path, "fi", start=SettingsScreen)
    async with app.run_test(size=(100, 32)) as pilot:
        await pilot.pause()
        field = app.screen.query_one("#set-context", Input)
        assert field.value == "kotikäynti, puhelu, palaveri, kirjaaminen, asiakkaan kriisi"
        field.focus()
        field.value = "Puhelu, työnohjaus,, kotikäynti"
        await pilot.press("enter")
        await pilot.pause()
        assert app.settings.context_tags == ("phone-call", "työnohjaus", "home-visit")
        assert field.value == "puhelu, työnohjaus, kotikäynti"
        app.screen.query_one("#set-theme").focus()
        await app.change_language("en")
        await pilot.pause()
        assert field.value == "phone call, työnohjaus, home visit"
    loaded = settings_file.load(tmp_path / "config" / "settings.toml").settings
    assert loaded.context_tags == ("phone-call", "työnohjaus", "home-visit")
