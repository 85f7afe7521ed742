"""A one-line footer for practice screens: the screen's own keys, in the current language.

Textual's Footer is a row of widgets, one per key; while a picture moves, every widget on
the screen adds to each frame's cost (measured in benchmarks/pacer.py). This draws the same
keys as one line of text, follows the screen's bindings (Pause becomes Continue), and runs
a key's action when it is clicked. App-wide keys (help, crisis help, hide) still work; they
are listed on the help screen.
"""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual import events
from textual.widget import Widget

from trakon_tui.i18n import _

Entry = tuple[list[tuple[str, str]], str]  # ([(key shown, action)...], description)


class KeyLine(Widget):
    COMPONENT_CLASSES: ClassVar[set[str]] = {"key-line--key", "key-line--description"}
    DEFAULT_CSS = """
    KeyLine {
        dock: bottom;
        height: 1;
        width: 1fr;
        background: $footer-background;
    }
    KeyLine > .key-line--key {
        color: $footer-key-foreground;
        text-style: bold;
    }
    KeyLine > .key-line--description {
        color: $footer-description-foreground;
    }
    """

    def __init__(self) -> None:
        super().__init__()
        self._spans: list[tuple[int, int, str]] = []  # (start, end, action) for clicks

    def on_mount(self) -> None:
        self.screen.bindings_updated_signal.subscribe(self, self._bindings_changed)

    def on_unmount(self) -> None:
        self.screen.bindings_updated_signal.unsubscribe(self)

    def _bindings_changed(self, screen: object) -> None:
        self.refresh()

    def render(self) -> Text:
        key_style = self.get_component_rich_style("key-line--key")
        text_style = self.get_component_rich_style("key-line--description")
        line = Text(no_wrap=True, overflow="ellipsis")
        self._spans = []
        entries = self._entries(grouped=False)
        if sum(_length(entry) for entry in entries) > self.size.width:
            entries = self._entries(grouped=True)
        for keys, description in entries:
            if self._spans and len(line) + _length((keys, description)) > self.size.width:
                break  # a key without its word would only puzzle; the first always shows
            for index, (key, action) in enumerate(keys):
                start = len(line)
                line.append(f" {key} " if index == 0 else f"{key} ", style=key_style)
                self._spans.append((start, len(line), action))
            start = len(line)
            line.append(description + " ", style=text_style)
            self._spans.append((start, len(line), keys[0][1]))
        return line

    def _entries(self, *, grouped: bool) -> list[Entry]:
        """([(key, action)...], description) per entry. `grouped`: a Binding.Group's keys
        share one entry and its description ("+ - Pace" for "+ Faster - Slower"), which
        keeps a small terminal's line whole."""
        entries: list[Entry] = []
        last_group: object = None  # the entry before this one was that group's
        seen: set[str] = set()
        for node, binding, enabled, _tooltip in self.screen.active_bindings.values():
            if node is not self.screen or not binding.show or not enabled:
                continue
            if binding.action in seen:
                continue
            seen.add(binding.action)
            key = (self.app.get_key_display(binding), binding.action)
            group = binding.group if grouped else None
            if group is not None and group is last_group:
                entries[-1][0].append(key)
                continue
            last_group = group
            text = group.description if group else binding.description
            entries.append(([key], _(text)))
        return entries

    async def on_click(self, event: events.Click) -> None:
        for start, end, action in self._spans:
            if start <= event.x < end:
                await self.screen.run_action(action)
                return


def _length(entry: Entry) -> int:
    """Cells an entry takes: " key key description "."""
    keys, description = entry
    return 1 + sum(len(key) + 1 for key, _action in keys) + len(description) + 1
