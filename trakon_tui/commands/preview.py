"""`trakon validate --show`: how an item will read, as plain text in the chosen language, so
that an author can proofread it without clicking through the app. The card first (the same
words as `trakon open ID --plain` and the card screen), then every step, phase, prompt or
page as it is shown, with the computed length and rate."""

from __future__ import annotations

from trakon_tui.card import card
from trakon_tui.core import measure, model
from trakon_tui.core.library import Library
from trakon_tui.core.text import decimal, describe_seconds, tr
from trakon_tui.i18n import _, ngettext
from trakon_tui.vocabulary import default_cue, kind_name


def preview(item: model.AnyItem, library: Library) -> list[str]:
    """The item as lines of text (not yet made safe to print: the caller does that)."""
    lines = card(item, library).lines()
    lines.append("")
    if isinstance(item, model.Breathing):
        lines += _breathing(item)
    elif isinstance(item, model.Grounding):
        lines += _grounding(item)
    elif isinstance(item, model.Writing):
        lines += _writing(item)
    elif isinstance(item, model.Info):
        lines += _info(item)
    elif isinstance(item, model.CheckinScale):
        lines += _checkin(item)
    elif isinstance(item, model.Session):
        lines += _session(item, library)
    return lines


def _indent(text: str, prefix: str = "     ") -> list[str]:
    return [prefix + line if line else "" for line in text.strip().split("\n")]


def _breathing(item: model.Breathing) -> list[str]:
    lines = []
    if item.prepare:
        lines.append(_("Before the first round: {text}").format(text=tr(item.prepare)))
    if item.lead_in:
        lines.append(_("Lead-in: a {n}-second count before the first round").format(n=item.lead_in))
    lines.append(_("One round:"))
    for n, phase in enumerate(item.phases, start=1):
        cue = tr(phase.cue) if phase.cue else default_cue(phase.type)
        say = f" — {tr(phase.say)}" if phase.say else ""
        lines.append(f"  {n}. {cue} {phase.seconds:g} s{say}")
    cycle = measure.cycle_seconds(item)
    lines.append(
        _("A round takes {s} s; {rounds} rounds after the lead-in.").format(
            s=f"{cycle:g}", rounds=measure.cycle_count(item)
        )
    )
    fastest, slowest = item.pace.fastest, item.pace.slowest
    if fastest == slowest == 1.0:
        lines.append(_("Pace: as written; + and − do nothing (the file gives no “pace”)."))
    else:
        lines.append(
            _("Pace: + makes it up to {fast} a minute, − down to {slow} a minute.").format(
                fast=decimal(measure.breaths_per_minute(item, fastest)),
                slow=decimal(measure.breaths_per_minute(item, slowest)),
            )
        )
    if measure.has_holds(item):
        lines.append(
            _("The longest hold: {s} s as written, {slow} s at the slowest pace.").format(
                s=f"{measure.longest_hold(item):g}",
                slow=f"{measure.longest_hold(item) * slowest:g}",
            )
        )
    return lines


def _grounding(item: model.Grounding) -> list[str]:
    lines = []
    total = len(item.steps)
    for n, step in enumerate(item.steps, start=1):
        lines.append(_("Step {n}/{total}").format(n=n, total=total) + f": {tr(step.text)}")
        notes = []
        if step.count is not None:
            notes.append(
                ngettext("{n} thing to tick off", "{n} things to tick off", step.count).format(
                    n=step.count
                )
            )
        if step.seconds is not None:
            notes.append(_("moves on by itself after {s} s").format(s=step.seconds))
        else:
            seconds = measure.UNTIMED_STEP_SECONDS + measure.PER_COUNT_SECONDS * (step.count or 0)
            notes.append(_("no timer; counted as about {s} s in the length").format(s=seconds))
        if step.body:
            notes.append(_("body-focused: can be skipped"))
        lines.append("     (" + "; ".join(notes) + ")")
        if step.alternative:
            lines.append("     " + _("Another way: {text}").format(text=tr(step.alternative)))
    closing = tr(item.closing) if item.closing else _("Done. You can notice how it is now.")
    lines.append(_("At the end: {text}").format(text=closing))
    return lines


def _writing(item: model.Writing) -> list[str]:
    lines = []
    for n, prompt in enumerate(item.prompts, start=1):
        lines.append(f"  {n}. {tr(prompt.text)}")
        if prompt.hint:
            lines += _indent(tr(prompt.hint))
    if item.timer is not None:
        lines.append(_("A quiet timer: {time}").format(time=describe_seconds(item.timer)))
    return lines


def _info(item: model.Info) -> list[str]:
    lines: list[str] = []
    for n, page in enumerate(item.pages, start=1):
        if n > 1:
            lines.append("")
        lines.append(f"{tr(page.title)} ({n}/{len(item.pages)})")
        if page.diagram == "window":
            lines.append(_("[the window of tolerance is drawn here]"))
        lines += tr(page.body).strip().split("\n")
    return lines


def _checkin(item: model.CheckinScale) -> list[str]:
    lines = [tr(item.question)]
    for zone in model.ZONES:
        text = getattr(item.zones, zone)
        lines.append(f"  {tr(text.name)}: {tr(text.description)}")
        if text.signs:
            lines.append("     " + ", ".join(tr(sign.label) for sign in text.signs))
    lines.append(
        _("The window band: {low}–{high} on the 0–10 scale").format(
            low=item.window.low, high=item.window.high
        )
    )
    if item.unsure:
        lines.append(_("Don't know / mixed: {text}").format(text=tr(item.unsure)))
    if item.body_areas:
        areas = ", ".join(tr(area.label) for area in item.body_areas)
        lines.append(_("Body areas: {areas}").format(areas=areas))
    return lines


def _session(item: model.Session, library: Library) -> list[str]:
    lines = []
    for n, step in enumerate(item.steps, start=1):
        lines.append("")
        if step.page is not None:
            page = step.page
            minutes = page.minutes or 1
            length = ngettext("{n} minute", "{n} minutes", minutes).format(n=minutes)
            lines.append(f"{n}. {tr(page.title)} ({page.role}, {length})")
            if page.body:
                lines += _indent(tr(page.body))
            for number, question in enumerate(page.questions, start=1):
                rated = " " + _("(counted with raised fingers)") if number in page.rated else ""
                lines.append(f"     • {tr(question)}{rated}")
            continue
        inner = library.items.get(step.item or "")
        if inner is None:
            lines.append(f"{n}. {step.item} " + _("(not in the library)"))
            continue
        length_of = measure.duration(inner, library.items)
        lines.append(
            f"{n}. {tr(inner.title)} ({kind_name(model.kind_of(inner))}, "
            f"{describe_seconds(length_of.seconds, exact=length_of.exact)}) · {inner.id}"
        )
        lines += _indent(tr(inner.summary))
    return lines
