"""The seam's Markdown (#11): information pages keep their formatting, links never act.
Its own module because Textual's Markdown takes ~60 ms to import here: only the
information page pays for it."""

from __future__ import annotations

from textual import on, widgets

from trakon_tui.core.text import visible
from trakon_tui.i18n import _


class Markdown(widgets.Markdown):
    """Markdown from an information page: formatting stays, links never act. A click on a
    link opens nothing (no browser, no action); it says where the link points, so that the
    reader can go there if they choose."""

    def __init__(self, markdown: str, *, id: str | None = None) -> None:
        super().__init__(markdown, id=id, open_links=False)

    @on(widgets.Markdown.LinkClicked)
    def _link(self, event: widgets.Markdown.LinkClicked) -> None:
        event.stop()
        self.app.notify(
            _("Links are not opened from Trakon. This one points to: {address}").format(
                address=visible(event.href, lines=False)
            ),
            timeout=8,
        )
