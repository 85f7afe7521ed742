"""Domain rules that span several fields of one item (GLOSSARY §1)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from trakon_tui.core import measure
from trakon_tui.core.model import (
    HOLD_TYPES,
    SUPPORTED_FORMATS,
    Breathing,
    CheckinScale,
    Grounding,
    Item,
    Session,
    Writing,
)
from trakon_tui.core.problems import Problem
from trakon_tui.i18n import N_

MAX_PHASE_SECONDS = 10.0
MAX_BREATHS_PER_MINUTE = 12.0
MAX_HOLD_WITHOUT_OPT_IN = 4.0
MAX_BETWEEN_CLIENTS_SECONDS = 120.0
MAX_PRACTICE_SECONDS = 30 * 60
PACE_BOUNDS = (0.5, 2.0)

Finding = tuple[str | None, str, dict[str, object]]  # (field path, msgid, args)


def check_item(item: Item, file: Path) -> list[Problem]:
    """Every rule the item breaks, in file order."""
    return [Problem(file, msgid, args, where=where) for where, msgid, args in _findings(item)]


def _findings(item: Item) -> Iterator[Finding]:
    if item.format not in SUPPORTED_FORMATS:
        yield (
            "format",
            N_("format {found} is not known to this version of Trakon (it reads format {known})"),
            {"found": item.format, "known": ", ".join(map(str, SUPPORTED_FORMATS))},
        )
    if len(set(item.suits)) != len(item.suits):
        yield "suits", N_("a zone is listed twice"), {}
    if isinstance(item, Breathing):
        yield from _breathing(item)
    elif isinstance(item, Grounding):
        for i, step in enumerate(item.steps):
            if step.count is not None and step.seconds is not None and step.seconds < step.count:
                yield (
                    f"steps[{i}].seconds",
                    N_(
                        "{seconds} s is too short to notice {count} things; allow at least a "
                        "second each"
                    ),
                    {"seconds": step.seconds, "count": step.count},
                )
    elif isinstance(item, CheckinScale):
        yield from _checkin(item)
    elif isinstance(item, Session):
        yield from _session(item)
    if item.between_clients and not isinstance(item, Session):
        length = measure.duration(item)
        if length.seconds > MAX_BETWEEN_CLIENTS_SECONDS:
            yield (
                "between_clients",
                N_(
                    "an item for the pause between clients lasts at most {limit} s; "
                    "this one takes {seconds} s"
                ),
                {"limit": int(MAX_BETWEEN_CLIENTS_SECONDS), "seconds": round(length.seconds)},
            )
    if isinstance(item, Writing) and item.timer is not None and item.timer > MAX_PRACTICE_SECONDS:
        yield (
            "timer",
            N_("a timer lasts at most {limit} minutes"),
            {"limit": MAX_PRACTICE_SECONDS // 60},
        )


def _breathing(item: Breathing) -> Iterator[Finding]:
    if item.duration is not None:
        yield (
            "duration",
            N_(
                "a breathing practice's length is computed from its phases; "
                "remove “duration” and use “cycles” or “seconds”"
            ),
            {},
        )
    if item.cycles is not None and item.seconds is not None:
        yield None, N_("give the length as either “cycles” or “seconds”, not both"), {}
    elif item.cycles is None and item.seconds is None:
        yield None, N_("give the length as “cycles” or “seconds”"), {}
    types = [phase.type for phase in item.phases]
    if "inhale" not in types or "exhale" not in types:
        yield "phases", N_("a breath needs at least one “inhale” and one “exhale” phase"), {}
    for i, phase in enumerate(item.phases):
        if phase.seconds > MAX_PHASE_SECONDS:
            yield (
                f"phases[{i}].seconds",
                N_("a phase lasts at most {limit} s; this one lasts {seconds} s"),
                {"limit": int(MAX_PHASE_SECONDS), "seconds": _num(phase.seconds)},
            )
        if (
            phase.type in HOLD_TYPES
            and phase.seconds > MAX_HOLD_WITHOUT_OPT_IN
            and not item.long_holds
        ):
            yield (
                f"phases[{i}].seconds",
                N_("holds longer than {limit} s need “long_holds = true” and a “caution”"),
                {"limit": int(MAX_HOLD_WITHOUT_OPT_IN)},
            )
    if item.long_holds and item.caution is None:
        yield "caution", N_("a practice with long holds needs a “caution”"), {}
    low, high = PACE_BOUNDS
    if not low <= item.pace.fastest <= 1.0:
        yield "pace.fastest", N_("must be between {low} and 1.0"), {"low": low}
    if not 1.0 <= item.pace.slowest <= high:
        yield "pace.slowest", N_("must be between 1.0 and {high}"), {"high": high}
    if measure.cycle_seconds(item) > 0:
        rate = measure.breaths_per_minute(item, item.pace.fastest)
        if rate > MAX_BREATHS_PER_MINUTE:
            yield (
                "phases",
                N_(
                    "this is {rate} breaths a minute at the fastest pace; Trakon paces at most "
                    "{limit} (no fast breathing)"
                ),
                {"rate": _num(round(rate, 1)), "limit": int(MAX_BREATHS_PER_MINUTE)},
            )
        total = measure.duration(item).seconds
        if total > MAX_PRACTICE_SECONDS:
            yield (
                None,
                N_("a practice lasts at most {limit} minutes; this one takes {minutes}"),
                {"limit": MAX_PRACTICE_SECONDS // 60, "minutes": _num(round(total / 60, 1))},
            )
    if item.alternative == item.id:
        yield "alternative", N_("the alternative must be another practice"), {}


def _checkin(item: CheckinScale) -> Iterator[Finding]:
    if item.window.low >= item.window.high:
        yield "window", N_("the window's “low” must be below its “high”"), {}
    seen: set[str] = set()
    for zone_name in ("above", "within", "below"):
        zone = getattr(item.zones, zone_name)
        for i, sign in enumerate(zone.signs):
            if sign.id in seen:
                yield (
                    f"zones.{zone_name}.signs[{i}].id",
                    N_("the id “{id}” is used twice"),
                    {"id": sign.id},
                )
            seen.add(sign.id)
    areas: set[str] = set()
    for i, area in enumerate(item.body_areas):
        if area.id in areas:
            yield f"body_areas[{i}].id", N_("the id “{id}” is used twice"), {"id": area.id}
        areas.add(area.id)


def _session(item: Session) -> Iterator[Finding]:
    for i, step in enumerate(item.steps):
        if (step.item is None) == (step.page is None):
            yield f"steps[{i}]", N_("a step has either “item” or “page”"), {}
        if step.item == item.id:
            yield f"steps[{i}].item", N_("a session cannot contain itself"), {}


def _num(value: float) -> str:
    return f"{value:g}"
