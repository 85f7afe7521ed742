"""The exercise card: what it is, how long, holds, eyes, how to stop, caution and source."""

from __future__ import annotations

from typing import ClassVar

from rich.console import Group, RenderableType
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll

from trakon_tui.core import measure, model
from trakon_tui.core.flow import Before
from trakon_tui.core.library import Library
from trakon_tui.core.text import decimal, describe_seconds, tr
from trakon_tui.i18n import N_, _, ngettext
from trakon_tui.ui.literal import Static
from trakon_tui.ui.screens.base import TrakonScreen
from trakon_tui.vocabulary import default_cue, kind_name, zone_name

PRACTICE_KINDS = ("breathing", "grounding", "writing")


class DetailScreen(TrakonScreen):
    """The card before a practice. Practices that can run here offer Start; a breathing
    practice also offers its non-breath alternative."""

    TITLE_MSGID = N_("Practice card")
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,q", "leave", N_("Back")),
        Binding("enter,space", "start", N_("Start")),
        Binding("a", "alternative", N_("Instead of breathing")),
    ]

    def __init__(self, item_id: str, *, before: Before | None = None) -> None:
        super().__init__()
        self.item_id = item_id
        self.before = before  # chosen after a check-in: the practice's end asks again

    def on_mount(self) -> None:
        item = self._item()
        if isinstance(item, model.Breathing):
            # Parse the cue font while the card is read, so that Start is instant.
            from trakon_tui.ui.screens.breathing import CUE_SHARE, cue_words
            from trakon_tui.ui.widgets.big_cue import warm

            words = cue_words(item)
            width, height = self.app.size
            rows = max(1, int(height * CUE_SHARE))
            self.run_worker(
                lambda: warm(words, max(10, width - 4), rows), thread=True, exclusive=True
            )

    def _item(self) -> model.AnyItem | None:
        return self.trakon.library.items.get(self.item_id)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        item = self._item()
        if action == "start":
            return isinstance(item, model.Breathing | model.Grounding | model.Writing | model.Info)
        if action == "alternative":
            return isinstance(item, model.Breathing)
        return True

    def action_start(self) -> None:
        item = self._item()
        if isinstance(item, model.Breathing):
            from trakon_tui.ui.screens.breathing import BreathingScreen

            self.app.push_screen(BreathingScreen(item, before=self.before))
        elif isinstance(item, model.Grounding):
            from trakon_tui.ui.screens.grounding import GroundingScreen

            self.app.push_screen(GroundingScreen(item, before=self.before))
        elif isinstance(item, model.Writing):
            from trakon_tui.ui.screens.writing import WritingScreen

            self.app.push_screen(WritingScreen(item, before=self.before))
        elif isinstance(item, model.Info):
            from trakon_tui.ui.screens.info import InfoScreen

            self.app.push_screen(InfoScreen(item))

    def action_alternative(self) -> None:
        item = self._item()
        if isinstance(item, model.Breathing):
            self.app.push_screen(DetailScreen(item.alternative, before=self.before))

    def compose_body(self) -> ComposeResult:
        library = self.trakon.library
        item = library.items.get(self.item_id)
        with VerticalScroll(id="detail"):
            if item is None:
                yield Static(_("This item is no longer in the library."))
            else:
                main, caution, tail = card(item, library)
                yield Static(main, id="detail-card")
                if caution is not None:
                    yield Static(caution, id="detail-caution", classes="caution")
                yield Static(tail, id="detail-source")


def _row(label: str, value: str | Text) -> Text:
    return Text.assemble((label + ": ", "bold"), value)


def card(
    item: model.AnyItem, library: Library
) -> tuple[RenderableType, Text | None, RenderableType]:
    """Everything a person wants to know before starting, in reading order: the card, the
    caution (drawn in its own calm box) and the source."""
    kind = model.kind_of(item)
    length = measure.duration(item, library.items)
    parts: list[RenderableType] = [
        Text(tr(item.title), style="bold"),
        Text(tr(item.summary)),
        Text(""),
        _row(_("Kind"), kind_name(kind)),
        _row(_("Length"), describe_seconds(length.seconds, exact=length.exact)),
    ]
    if item.suits:
        parts.append(_row(_("Suits"), ", ".join(zone_name(z) for z in item.suits)))
    if isinstance(item, model.Breathing):
        parts.extend(_breathing_rows(item, library))
    elif isinstance(item, model.Grounding):
        parts.append(_row(_("Steps"), str(len(item.steps))))
        if any(step.body for step in item.steps):
            parts.append(
                Text(_("Body-focused steps can be skipped or done another way."), style="italic")
            )
    elif isinstance(item, model.Writing):
        parts.append(_row(_("Prompts"), str(len(item.prompts))))
        parts.append(
            Text(_("What you write stays private; it is kept only if you choose."), style="italic")
        )
    elif isinstance(item, model.Info):
        parts.append(_row(_("Pages"), ", ".join(tr(page.title) for page in item.pages)))
    elif isinstance(item, model.Session):
        parts.append(_row(_("Programme"), ""))
        for n, step in enumerate(item.steps, start=1):
            if step.page is not None:
                name = tr(step.page.title)
            else:
                inner = library.items.get(step.item or "")
                name = tr(inner.title) if inner else str(step.item)
            parts.append(Text(f"  {n}. {name}"))
    if kind in PRACTICE_KINDS:
        parts.append(Text(""))
        parts.append(Text(_("Your eyes may stay open.")))
        parts.append(Text(_("How to stop: press Esc or q at any moment. No step is required.")))
        if isinstance(item, model.Breathing):
            parts.append(
                Text(_("Space pauses. It starts with a 3-2-1 count; Enter starts."), style="bold")
            )
    caution = _row(_("Take care"), tr(item.caution)) if item.caution else None
    tail: list[RenderableType] = []
    if item.source:
        tail.append(_row(_("Source"), Text(item.source, style="dim")))
    if item.id in library.overridden:
        tail.append(
            _row(
                _("Your version"),
                _("{file} replaces the shipped {shipped}").format(
                    file=library.origin.get(item.id), shipped=library.overridden[item.id].name
                ),
            )
        )
    return Group(*parts), caution, Group(*tail)


def _breathing_rows(item: model.Breathing, library: Library) -> list[RenderableType]:
    phases = " · ".join(
        f"{tr(p.cue) if p.cue else default_cue(p.type)} {p.seconds:g} s" for p in item.phases
    )
    cycles = measure.cycle_count(item)
    rows: list[RenderableType] = [
        _row(_("Rhythm"), phases),
        _row(
            _("Rounds"),
            ngettext("{n} breath", "{n} breaths", cycles).format(n=cycles)
            + ", "
            + _("about {rate} a minute").format(rate=decimal(measure.breaths_per_minute(item))),
        ),
    ]
    if measure.has_holds(item):
        rows.append(
            _row(
                _("Holds"),
                _("yes, up to {s} s; you can breathe through them").format(
                    s=f"{measure.longest_hold(item):g}"
                ),
            )
        )
    else:
        rows.append(_row(_("Holds"), _("none")))
    alternative = library.items.get(item.alternative)
    if alternative is not None:
        rows.append(_row(_("Instead of breathing"), tr(alternative.title)))
    if item.pace.fastest != 1.0 or item.pace.slowest != 1.0:
        rows.append(_row(_("Pace"), _("+ and − change it a little during the practice")))
    return rows
