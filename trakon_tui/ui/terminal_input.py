"""Bytes from the terminal that are not UTF-8 become a replacement character, not a crash.

Textual's drivers decode what the terminal sends with a strict UTF-8 decoder: one byte of
Latin-1 (a terminal set to another encoding sends 0xE4 for ä, and so can a paste) kills
the input thread, and the app stops with a traceback (Textualize/textual#6456, still open
in 8.2.8). Until Textual decodes with errors="replace", the driver's module is given a
decoder factory that does: the user sees � where the odd byte was, and can go on.
"""

from __future__ import annotations

import codecs
import sys
from functools import partial
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from trakon_tui.core.crash import Stack


def _replacing(encoding: str) -> Any:
    return partial(codecs.getincrementaldecoder(encoding), errors="replace")


def tolerate_invalid_utf8(driver_class: type) -> None:
    """Make the module of `driver_class` decode terminal input with errors="replace" (only
    if it still uses the stdlib factory, so a Textual that fixed this is left alone)."""
    module = sys.modules.get(driver_class.__module__)
    if getattr(module, "getincrementaldecoder", None) is codecs.getincrementaldecoder:
        module.getincrementaldecoder = _replacing  # type: ignore[union-attr]


class Panicked(Exception):
    """What Textual's `panic` was given (a Rich traceback from its input thread, or an error
    that draws itself), as an exception `core.crash` can report: the types and frames of
    the traceback's stacks, never its messages or variables."""

    def __init__(self, renderables: tuple[object, ...]) -> None:
        super().__init__("Textual panicked")
        self.stacks: list[Stack] = []
        for renderable in renderables:
            trace = getattr(renderable, "trace", None)
            if trace is None:
                self.stacks.append((type(renderable).__qualname__, []))
                continue
            for stack in trace.stacks:
                frames = [(f.filename, f.lineno, f.name, f.line) for f in stack.frames]
                self.stacks.append((str(stack.exc_type), frames))
