"""An item's card as plain data: what it is, how long, holds, caution and source, in the
current language. The card screen draws it; `trakon open ID --plain` prints it."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Literal, NamedTuple

from trakon_tui.core import measure, model, personal
from trakon_tui.core.library import Library
from trakon_tui.core.model import ROUTE_ZONES
from trakon_tui.core.personal import Choice
from trakon_tui.core.programme import Programme, ProgrammeStep
from trakon_tui.core.suggest import PRACTICE_KINDS
from trakon_tui.core.text import decimal, describe_seconds, tr
from trakon_tui.i18n import _, ngettext
from trakon_tui.vocabulary import default_cue, kind_name, route_name, zone_name


class Row(NamedTuple):
    """One line of a card: `label: text` (the label drawn bold), or a line of text."""

    label: str | None
    text: str
    style: Literal["", "italic"] = ""


@dataclass(frozen=True)
class Card:
    title: str
    summary: str
    rows: list[Row]
    caution: str | None  # drawn in its own calm box
    source: str | None
    your_version: str | None  # which user file replaces a shipped one

    def lines(self) -> list[str]:
        """The card as lines of text (the caution after the rows, the source last)."""
        out = [self.title, self.summary, ""]
        out += [f"{row.label}: {row.text}" if row.label else row.text for row in self.rows]
        if self.caution:
            out.append(f"{_('Take care')}: {self.caution}")
        if self.source:
            out.append(f"{_('Source')}: {self.source}")
        if self.your_version:
            out.append(f"{_('Your version')}: {self.your_version}")
        return out


def card(item: model.AnyItem, library: Library) -> Card:
    """Everything a person wants to know before starting, in reading order."""
    kind = model.kind_of(item)
    length = measure.duration(item, library.items)
    rows = [
        Row(_("Kind"), kind_name(kind)),
        Row(_("Length"), describe_seconds(length.seconds, exact=length.exact)),
    ]
    if isinstance(item, model.Session):
        programme = Programme.of(item, library.items)
        if programme.route_table():  # its routes differ: their lengths as the room sees them
            rows[-1] = Row(_("Length"), route_length(programme))
    if item.suits:
        rows.append(Row(_("Suits"), ", ".join(zone_name(z) for z in item.suits)))
    if isinstance(item, model.Breathing):
        rows.extend(_breathing_rows(item, library))
    elif isinstance(item, model.Grounding):
        rows.append(Row(_("Steps"), str(len(item.steps))))
        if any(step.body for step in item.steps):
            rows.append(
                Row(None, _("Body-focused steps can be skipped or done another way."), "italic")
            )
    elif isinstance(item, model.Writing):
        rows.append(Row(_("Prompts"), str(len(item.prompts))))
        rows.append(
            Row(None, _("What you write stays private; it is kept only if you choose."), "italic")
        )
    elif isinstance(item, model.Info):
        rows.append(Row(_("Pages"), ", ".join(tr(page.title) for page in item.pages)))
    elif isinstance(item, model.Session):
        rows.append(Row(_("Programme"), ""))
        for n, step in enumerate(item.steps, start=1):
            if step.page is not None:
                name = tr(step.page.title)
            else:
                name = library.title_of(step.item or "")
            if step.when is not None:
                name += f" ({route_only(step.when)})"
            rows.append(Row(None, f"  {n}. {name}"))
        rows.extend(Row(None, line) for line in route_lines(programme))
    if kind in PRACTICE_KINDS:
        rows.append(Row(None, ""))
        rows.append(Row(None, _("Your eyes may stay open.")))
    your_version = None
    if item.id in library.overridden:
        your_version = _("{file} replaces the shipped {shipped}").format(
            file=library.origin.get(item.id), shipped=library.overridden[item.id].name
        )
    return Card(
        title=tr(item.title),
        summary=tr(item.summary),
        rows=rows,
        caution=tr(item.caution) if item.caution else None,
        source=tr(item.source) or None,
        your_version=your_version,
    )


def route_only(when: Iterable[str]) -> str:
    """ "only: below the window, mixed …": the routes a step runs on."""
    return _("only: {routes}").format(routes=", ".join(route_name(zone) for zone in when))


def route_length(programme: Programme) -> str:
    """How long a session that divides takes in the room: "about 3–4 min" (or "about 4
    min" when its routes come out the same)."""
    seconds = [programme.on_route(zone).total_seconds() for zone in ROUTE_ZONES]
    low, high = (max(1, round(min(seconds) / 60)), max(1, round(max(seconds) / 60)))
    if low == high:
        return describe_seconds(programme.total_seconds(), exact=False)
    return _("about {low}–{high} min").format(low=low, high=high)


def route_lines(programme: Programme) -> list[str]:
    """Which steps run for which zone after each check-in where the session divides, and
    how long the whole session takes on each route (at the pace the room sees)."""
    lines: list[str] = []
    for checkin, ways in programme.route_table():
        lines.append(
            _("After “{step}”, by the zone counted there:").format(step=_step_name(checkin))
        )
        for zone, steps in ways.items():
            seconds = programme.on_route(zone).total_seconds()
            names = " → ".join(_step_name(step) for step in steps) or "–"
            lines.append(
                f"  {route_name(zone)}: {names} · "
                + _("{length} in all").format(length=describe_seconds(seconds, exact=False))
            )
    return lines


def _step_name(step: ProgrammeStep) -> str:
    if step.page is not None:
        return tr(step.page.title)
    assert step.item is not None
    return tr(step.item.title)


def _breathing_rows(item: model.Breathing, library: Library) -> list[Row]:
    phases = " · ".join(
        f"{tr(p.cue) if p.cue else default_cue(p.type)} {p.seconds:g} s" for p in item.phases
    )
    cycles = measure.cycle_count(item)
    rows = [
        Row(_("Rhythm"), phases),
        Row(
            _("Rounds"),
            ngettext("{n} breath", "{n} breaths", cycles).format(n=cycles)
            + ", "
            + _("about {rate} a minute").format(rate=decimal(measure.breaths_per_minute(item))),
        ),
    ]
    if measure.has_holds(item):
        rows.append(
            Row(
                _("Holds"),
                _("yes, up to {s} s; you can breathe through them").format(
                    s=f"{measure.longest_hold(item):g}"
                ),
            )
        )
    else:
        rows.append(Row(_("Holds"), _("none")))
    alternative = library.items.get(item.alternative)
    if alternative is not None:
        rows.append(Row(_("Instead of breathing"), tr(alternative.title)))
    faster, slower = item.pace.fastest < 1.0, item.pace.slowest > 1.0
    if faster and slower:
        rows.append(Row(_("Pace"), _("+ and − change it a little during the practice")))
    elif faster:
        rows.append(Row(_("Pace"), _("+ makes it a little faster during the practice")))
    elif slower:
        rows.append(Row(_("Pace"), _("− makes it a little slower during the practice")))
    return rows


def own_rows(item: model.AnyItem, choice: Choice, favourite: bool) -> list[Row]:
    """What is the user's own about a practice: its chosen length and pace (breathing),
    and whether it is a favourite. Only on the user's own card, never in presenter mode."""
    rows: list[Row] = []
    if isinstance(item, model.Breathing):
        cycles, pace = personal.own_length(item, choice)
        seconds = personal.practice_seconds(item, cycles, pace)
        length = (
            _("as written")
            if choice.minutes is None
            else ngettext("about {n} min", "about {n} min", choice.minutes).format(n=choice.minutes)
        )
        rows.append(
            Row(
                _("Your length"),
                _("{length}: {breaths}, {time} (m changes it)").format(
                    length=length,
                    breaths=ngettext("{n} breath", "{n} breaths", cycles).format(n=cycles),
                    time=describe_seconds(seconds),
                ),
            )
        )
        if item.pace.fastest < item.pace.slowest:
            rows.append(Row(_("Your pace"), pace_words(pace) + " " + _("(r finds your pace)")))
    if favourite:
        rows.append(
            Row(None, _("One of your favourites: home offers it (f unmarks it)."), "italic")
        )
    return rows


def pace_words(pace: float) -> str:
    """ "as written", "10 % slower", "5 % faster"."""
    percent = round((pace - 1.0) * 100)
    # The number and its sign are one argument ("10 %"): a "%" in a message id would read as
    # a printf directive to gettext's checks ("% s").
    if percent > 0:
        return _("{percent} slower than written").format(percent=f"{percent} %")
    if percent < 0:
        return _("{percent} faster than written").format(percent=f"{-percent} %")
    return _("as written")
