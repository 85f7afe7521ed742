"""The Finnish catalogue covers every UI string, and the shipped .mo matches the .po."""

from __future__ import annotations

import sys

import pytest

from tests.conftest import ROOT
from trakon_tui.i18n import _, language_from_env, ngettext, set_language

sys.path.insert(0, str(ROOT / "tools"))
import i18n as catalog_tool


def test_every_ui_string_has_a_finnish_translation() -> None:
    assert catalog_tool.untranslated() == []


def test_the_compiled_catalogue_is_up_to_date() -> None:
    """The shipped .mo translates exactly what the .po does (parsed, not byte for byte:
    another Babel writes another header)."""
    assert catalog_tool.messages_in_mo() == catalog_tool.messages_in_po(), (
        "run: python tools/i18n.py compile"
    )


@pytest.mark.parametrize(
    ("env", "expected"),
    [
        ({}, "en"),
        ({"LANG": "fi_FI.UTF-8"}, "fi"),
        ({"LANG": "en_GB.UTF-8", "LC_ALL": "fi_FI"}, "fi"),
        ({"LANGUAGE": "en:fi", "LANG": "fi_FI.UTF-8"}, "en"),
        ({"LANGUAGE": "", "LC_MESSAGES": "fi"}, "fi"),
        ({"LANG": "C.UTF-8"}, "en"),
    ],
)
def test_language_from_the_locale(env: dict[str, str], expected: str) -> None:
    assert language_from_env(env) == expected


def test_switching_language_switches_strings_and_plurals() -> None:
    set_language("fi")
    assert _("Back") == "Takaisin"
    assert ngettext("{n} breath", "{n} breaths", 4).format(n=4) == "4 hengitystä"
    set_language("en")
    assert _("Back") == "Back"
