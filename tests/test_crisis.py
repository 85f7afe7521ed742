"""Crisis numbers come from data files; only verified numbers ship."""

from __future__ import annotations

from pathlib import Path

import pytest

from trakon_tui.core import crisis
from trakon_tui.core.paths import data_file

SHIPPED = data_file("crisis.toml")


def test_the_shipped_numbers_are_the_verified_ones() -> None:
    loaded = crisis.load([SHIPPED])
    assert loaded.problems == []
    numbers = [r.number for r in loaded.resources]
    assert numbers == ["112", "09 2525 0111", "09 2525 0112", "116 117", "080 005 005"]
    for resource in loaded.resources:
        assert resource.verified_on and resource.verified_from


def test_the_unverified_english_line_is_not_shipped() -> None:
    numbers = {r.number for r in crisis.load([SHIPPED]).resources}
    assert not numbers & {"09 2525 0116", "09 2525 0113"}


def test_an_organisation_adds_its_own_numbers(tmp_path: Path) -> None:
    extra = tmp_path / "crisis.toml"
    extra.write_text(
        """
format = 1
[[resources]]
name = { fi = "Alueellinen sosiaali- ja kriisipäivystys", en = "Regional crisis service" }
number = "012 345 678"
verified_on = 2026-11-01
verified_from = "our intranet"
""",
        encoding="utf-8",
    )
    loaded = crisis.load([SHIPPED, extra])
    assert loaded.resources[-1].number == "012 345 678"


def test_a_broken_extra_file_keeps_the_shipped_numbers(tmp_path: Path) -> None:
    extra = tmp_path / "crisis.toml"
    extra.write_text("format = 1\n[[resources]]\nnumber = 'call me'\n", encoding="utf-8")
    loaded = crisis.load([SHIPPED, extra])
    assert len(loaded.resources) == 5
    assert loaded.problems and loaded.problems[0].file == extra


def test_a_crisis_file_is_validated_as_one_with_field_paths_in_the_users_language(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from trakon_tui import cli
    from trakon_tui.i18n import set_language

    path = tmp_path / "crisis.toml"
    path.write_text(
        'format = 1\n[[resources]]\nname = { fi = "Oma", en = "Own" }\nnumber = "abc"\n'
        'note = { en = "line one\\nline two" }\nverified_on = 2026-12-01\n'
        'verified_from = "https://example.invalid"\n',
        encoding="utf-8",
    )
    assert cli.main(["--lang", "fi", "validate", str(path)]) == 1
    assert capsys.readouterr().out == (
        f"{path}:4:1: resources[1].number: puhelinnumero: numeroita, välilyöntejä, + ( ) ja -, "
        "3–20 merkkiä\n"
    )
    set_language("en")
    path.write_text(path.read_text().replace('"abc"', '"0800 123"'), encoding="utf-8")
    assert cli.main(["validate", str(path)]) == 0  # a note may hold a line break
