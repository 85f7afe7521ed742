"""The one seam where text from outside meets Textual (#11).

Text from exercise files, crisis.toml, settings, the log and the command line is shown as
literal text: never Textual or Rich markup (a title of ``[@click=app.quit]`` must not act,
``[/]`` must not crash a screen), never a control character on the terminal (ESC starts
escape sequences).

- Every widget that shows text comes from here (or, for the heavier form widgets and
  Markdown, from `literal_forms`): markup is off, and str, Rich Text and Content are shown
  with their control characters made visible (`core.text.visible`). A test fails if any
  other module imports Textual's text widgets or parses markup.
- `TrakonApp` closes the rest of the seam: toasts never parse markup, strings inside Rich
  renderables (tables, groups) render without markup, and a line filter drops any control
  character still in a rendered line (text pasted into an input, say).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.console import Group
from rich.segment import Segment
from rich.text import Text
from textual import widgets
from textual.content import Content
from textual.filter import LineFilter
from textual.widgets.option_list import Option

from trakon_tui.core.text import CONTROL, visible
from trakon_tui.i18n import _

if TYPE_CHECKING:
    from textual.color import Color
    from textual.visual import VisualType

__all__ = [
    "DropControls",
    "Option",
    "OptionList",
    "Static",
    "Translated",
    "clean",
    "literal",
    "option",
]


def literal(text: str, style: str = "") -> Content:
    """`text` exactly as written, as Content: no markup, control characters visible."""
    content = Content(visible(text))
    return content.stylize(style) if style else content


def clean(content: VisualType) -> VisualType:
    """What a widget is given, safe to show: a str becomes literal Content, Text and Content
    keep their styles with control characters made visible (same length, so every span
    still fits), a group is cleaned part by part; anything else (a Rich table) renders its
    strings with the app's console, markup off, and the line filter drops what it must."""
    if isinstance(content, str):
        return literal(content)
    if isinstance(content, Group):
        return Group(*(clean(part) for part in content.renderables), fit=content.fit)  # type: ignore[arg-type]
    if isinstance(content, Text):
        if CONTROL.search(content.plain) is None:
            return content
        copy = content.copy()
        copy.plain = visible(content.plain)
        return copy
    if isinstance(content, Content):
        if CONTROL.search(content.plain) is None:
            return content
        return Content(visible(content.plain), list(content.spans))
    return content


class Static(widgets.Static):
    """Textual's Static with markup off and its content cleaned; Trakon's only Static."""

    def __init__(
        self,
        content: VisualType = "",
        *,
        expand: bool = False,
        shrink: bool = False,
        name: str | None = None,
        id: str | None = None,
        classes: str | None = None,
        disabled: bool = False,
    ) -> None:
        super().__init__(
            clean(content),
            expand=expand,
            shrink=shrink,
            markup=False,
            name=name,
            id=id,
            classes=classes,
            disabled=disabled,
        )

    def update(self, content: VisualType = "", *, layout: bool = True) -> None:
        super().update(clean(content), layout=layout)


class Translated(Static):
    """A line of UI text given as its msgid (and the values for its `{fields}`): shown in the
    current language, and again in the new one by `relabel()`, without being rebuilt. The
    fields (a path, say) are text from outside: literal, like everything here."""

    def __init__(
        self,
        msgid: str,
        *,
        id: str | None = None,
        classes: str | None = None,
        **fields: object,
    ) -> None:
        self.msgid = msgid
        self.fields = fields
        super().__init__(self.text(), id=id, classes=classes)

    def text(self) -> str:
        said = _(self.msgid)
        return said.format(**self.fields) if self.fields else said

    def relabel(self) -> None:
        self.update(self.text())


class OptionList(widgets.OptionList):
    """Textual's OptionList with markup off (its prompts come from `option`)."""

    def __init__(
        self,
        *content: Option | None,  # None: a separator line
        name: str | None = None,
        id: str | None = None,
        classes: str | None = None,
        disabled: bool = False,
        compact: bool = False,
    ) -> None:
        super().__init__(
            *content,
            name=name,
            id=id,
            classes=classes,
            disabled=disabled,
            markup=False,
            compact=compact,
        )


def option(prompt: str | Text, id: str | None = None, disabled: bool = False) -> Option:
    """One entry of an OptionList, its prompt literal."""
    return Option(clean(prompt), id=id, disabled=disabled)


class DropControls(LineFilter):
    """The last guard: a control character that reached a rendered line anyway (typed or
    pasted into an Input or a TextArea) is dropped. Control characters have no width, so
    dropping them keeps every line's width as Textual measured it. A line without one (all
    of them, normally) is returned as it is, after one regular-expression search."""

    def apply(self, segments: list[Segment], background: Color) -> list[Segment]:
        if CONTROL.search("".join([segment.text for segment in segments])) is None:
            return segments
        cleaned = []
        for segment in segments:
            if segment.control is None and CONTROL.search(segment.text):
                segment = Segment(CONTROL.sub("", segment.text), segment.style)
            cleaned.append(segment)
        return cleaned
