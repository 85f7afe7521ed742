"""Hostile input (#11): text from files, the log and the command line is only ever text.

Markup never acts, escape sequences never reach the terminal, odd files never hang or crash.
"""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from trakon_tui.core.text import CONTROL, visible

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
