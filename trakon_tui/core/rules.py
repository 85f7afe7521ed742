"""Domain rules that span several fields of one item (the breathing rules: no fast
breathing, short phases, holds over 4 s only on purpose and with a caution, a between-clients
item short enough), and what every shown text must not hold."""

from __future__ import annotations

import math
from collections.abc import Iterator, Sequence

import msgspec

from trakon_tui.core import measure
from trakon_tui.core.model import (
    HOLD_TYPES,
    SUPPORTED_FORMATS,
    Breathing,
    CheckinScale,
    Grounding,
    Item,
    Session,
    SessionPage,
    Writing,
)
from trakon_tui.core.problems import Finding, language_name
from trakon_tui.i18n import N_, Lang

MAX_PHASE_SECONDS = 10.0
MAX_BREATHS_PER_MINUTE = 12.0
MAX_HOLD_WITHOUT_OPT_IN = 4.0
MAX_BETWEEN_CLIENTS_SECONDS = 120.0
MAX_PRACTICE_SECONDS = 30 * 60
PACE_BOUNDS = (0.5, 2.0)
# The longest text a field may hold, in characters (each language on its own), so that one
# runaway text cannot fill a list or a card. Shipped texts stay well below (longest title 45,
# summary 235, caution 513, page 720, presenter notes 822, step or cue 130).
TEXT_LIMITS: dict[str, int] = {
    "title": 80,
    "summary": 300,
    "caution": 1000,
    "source": 1000,
    "body": 4000,
    "notes": 4000,
}
MAX_OTHER_TEXT = 500  # steps, cues, prompts, questions, labels, names…


def check(item: Item) -> list[Finding]:
    """Every rule the item breaks, in file order. (That no text points at internal notes is
    checked as the file is read, with the control characters: files.py.)"""
    return list(_findings(item))


def _findings(item: Item) -> Iterator[Finding]:
    if item.format not in SUPPORTED_FORMATS:
        yield Finding(
            ("format",),
            N_("format {found} is not known to this version of Trakon (it reads format {known})"),
            {"found": item.format, "known": ", ".join(map(str, SUPPORTED_FORMATS))},
        )
    if len(set(item.suits)) != len(item.suits):
        yield Finding(("suits",), N_("a zone is listed twice"))
    yield from _lengths(item)
    if isinstance(item, Breathing):
        yield from _breathing(item)
    elif isinstance(item, Grounding):
        for i, step in enumerate(item.steps):
            if step.count is not None and step.seconds is not None and step.seconds < step.count:
                yield Finding(
                    ("steps", i, "seconds"),
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
            yield Finding(
                ("between_clients",),
                N_(
                    "an item for the pause between clients lasts at most {limit} s; "
                    "this one takes {seconds} s"
                ),
                {"limit": int(MAX_BETWEEN_CLIENTS_SECONDS), "seconds": round(length.seconds)},
            )
    if isinstance(item, Writing) and item.timer is not None and item.timer > MAX_PRACTICE_SECONDS:
        yield Finding(
            ("timer",),
            N_("a timer lasts at most {limit} minutes"),
            {"limit": MAX_PRACTICE_SECONDS // 60},
        )


def _breathing(item: Breathing) -> Iterator[Finding]:
    if item.duration is not None:
        yield Finding(
            ("duration",),
            N_(
                "a breathing practice's length is computed from its phases; "
                "remove “duration” and use “cycles” or “seconds”"
            ),
            {},
        )
    if item.cycles is not None and item.seconds is not None:
        yield Finding(("seconds",), N_("give the length as either “cycles” or “seconds”, not both"))
    elif item.cycles is None and item.seconds is None:
        yield Finding((), N_("give the length as “cycles” or “seconds”"))
    types = [phase.type for phase in item.phases]
    if "inhale" not in types or "exhale" not in types:
        yield Finding(
            ("phases",), N_("a breath needs at least one “inhale” and one “exhale” phase")
        )
    for i, phase in enumerate(item.phases):
        if phase.seconds > MAX_PHASE_SECONDS:
            yield Finding(
                ("phases", i, "seconds"),
                N_("a phase lasts at most {limit} s; this one lasts {seconds} s"),
                {"limit": int(MAX_PHASE_SECONDS), "seconds": _num(phase.seconds)},
            )
        if (
            phase.type in HOLD_TYPES
            and phase.seconds > MAX_HOLD_WITHOUT_OPT_IN
            and not item.long_holds
        ):
            yield Finding(
                ("phases", i, "seconds"),
                N_("holds longer than {limit} s need “long_holds = true” and a “caution”"),
                {"limit": int(MAX_HOLD_WITHOUT_OPT_IN)},
            )
    if not item.long_holds:
        yield from _stretched_holds(item)
    if item.long_holds and item.caution is None:
        yield Finding(("long_holds",), N_("a practice with long holds needs a “caution”"))
    low, high = PACE_BOUNDS
    if not low <= item.pace.fastest <= 1.0:
        yield Finding(("pace", "fastest"), N_("must be between {low} and 1.0"), {"low": low})
    if not 1.0 <= item.pace.slowest <= high:
        yield Finding(("pace", "slowest"), N_("must be between 1.0 and {high}"), {"high": high})
    if measure.cycle_seconds(item) > 0:
        rate = measure.breaths_per_minute(item, item.pace.fastest)
        if rate > MAX_BREATHS_PER_MINUTE:
            yield Finding(
                ("phases",),
                N_(
                    "this is {rate} breaths a minute at the fastest pace; Trakon paces at most "
                    "{limit} (no fast breathing)"
                ),
                {"rate": _num(round(rate, 1)), "limit": int(MAX_BREATHS_PER_MINUTE)},
            )
        total = measure.duration(item).seconds
        if total > MAX_PRACTICE_SECONDS:
            yield Finding(
                ("cycles",) if item.cycles is not None else ("seconds",),
                N_("a practice lasts at most {limit} minutes; this one takes {minutes}"),
                {"limit": MAX_PRACTICE_SECONDS // 60, "minutes": _num(round(total / 60, 1))},
            )
    if item.alternative == item.id:
        yield Finding(("alternative",), N_("the alternative must be another practice"))


def _stretched_holds(item: Breathing) -> Iterator[Finding]:
    """`-` makes every phase longer, holds too: a 4 s hold at pace 1.25 lasts 5 s. A hold
    that can reach more than 4 s that way is a long hold, and needs the same opt-in."""
    holds = [
        phase.seconds
        for phase in item.phases
        if phase.type in HOLD_TYPES and phase.seconds <= MAX_HOLD_WITHOUT_OPT_IN
    ]
    longest = max(holds, default=0.0)
    if longest * item.pace.slowest > MAX_HOLD_WITHOUT_OPT_IN:
        yield Finding(
            ("pace", "slowest"),
            N_(
                "at the slowest pace a {seconds} s hold lasts {stretched} s; holds longer than "
                "{limit} s need “long_holds = true” and a “caution”, or make “slowest” at most "
                "{slowest}"
            ),
            {
                "seconds": _num(longest),
                "stretched": _num(round(longest * item.pace.slowest, 1)),
                "limit": int(MAX_HOLD_WITHOUT_OPT_IN),
                "slowest": _num(math.floor(MAX_HOLD_WITHOUT_OPT_IN / longest * 100) / 100),
            },
        )


def _checkin(item: CheckinScale) -> Iterator[Finding]:
    if item.window.low >= item.window.high:
        yield Finding(("window",), N_("the window's “low” must be below its “high”"))
    seen: set[str] = set()
    for zone_name in ("above", "within", "below"):
        zone = getattr(item.zones, zone_name)
        for i, sign in enumerate(zone.signs):
            if sign.id in seen:
                yield Finding(
                    ("zones", zone_name, "signs", i, "id"),
                    N_("the id “{id}” is used twice"),
                    {"id": sign.id},
                )
            seen.add(sign.id)
    areas: set[str] = set()
    for i, area in enumerate(item.body_areas):
        if area.id in areas:
            yield Finding(
                ("body_areas", i, "id"), N_("the id “{id}” is used twice"), {"id": area.id}
            )
        areas.add(area.id)


def _session(item: Session) -> Iterator[Finding]:
    for i, step in enumerate(item.steps):
        if (step.item is None) == (step.page is None):
            yield Finding(("steps", i), N_("a step has either “item” or “page”"))
        if step.item == item.id:
            yield Finding(("steps", i, "item"), N_("a session cannot contain itself"))
        if step.when is not None and len(set(step.when)) != len(step.when):
            yield Finding(("steps", i, "when"), N_("a zone is listed twice"))
        if step.page is not None and step.page.rated:
            yield from _rated(i, step.page)


def _rated(i: int, page: SessionPage) -> Iterator[Finding]:
    """`rated` names questions of a reflection page by their number, each once."""
    if page.role != "reflection":
        yield Finding(
            ("steps", i, "page", "rated"),
            N_("only a reflection page's questions are rated; this page's role is “{role}”"),
            {"role": page.role},
        )
        return
    seen: set[int] = set()
    for n, number in enumerate(page.rated):
        if number > len(page.questions):
            yield Finding(
                ("steps", i, "page", "rated", n),
                N_("there is no question {number}; this page has {count}"),
                {"number": number, "count": len(page.questions)},
            )
        elif number in seen:
            yield Finding(
                ("steps", i, "page", "rated", n),
                N_("question {number} is listed twice"),
                {"number": number},
            )
        seen.add(number)


def _lengths(item: Item) -> Iterator[Finding]:
    for path, value in texts(item):
        name = next((part for part in reversed(path) if isinstance(part, str)), "")
        limit = TEXT_LIMITS.get(name, MAX_OTHER_TEXT)
        shown = value.items() if isinstance(value, dict) else [(None, value)]
        for lang, text in shown:
            if len(text) <= limit:
                continue
            if lang is None:
                yield Finding(
                    path,
                    N_("a text here is at most {limit} characters; this one has {length}"),
                    {"limit": limit, "length": len(text)},
                )
            else:
                yield Finding(
                    path,
                    N_(
                        "a text here is at most {limit} characters; the {language} one has {length}"
                    ),
                    {"limit": limit, "length": len(text), "language": language_name(lang)},
                )


def _num(value: float) -> str:
    return f"{value:g}"


# --- every shown text ------------------------------------------------------------------------


def texts(item: Item) -> Iterator[tuple[tuple[str | int, ...], str | dict[Lang, str]]]:
    """Every text in the item with its field path: plain strings, and localised texts as
    their `{ fi, en }` tables."""
    stack: list[tuple[tuple[str | int, ...], object]] = [((), item)]
    while stack:
        path, value = stack.pop()
        if isinstance(value, msgspec.Struct):
            fields = type(value).__struct_fields__
            stack.extend(((*path, name), getattr(value, name)) for name in reversed(fields))
        elif isinstance(value, list):
            stack.extend(((*path, i), child) for i, child in reversed(list(enumerate(value))))
        elif isinstance(value, (str, dict)):
            yield path, value


def missing_languages(item: Item, required: Sequence[Lang]) -> Iterator[Finding]:
    """Each localised text without one of the `required` languages (`validate --require`).
    A plain `source` string is shown as it is in every language, and is not counted."""
    for path, value in texts(item):
        if not isinstance(value, dict):
            continue
        for lang in required:
            if lang not in value:
                yield Finding(
                    path,
                    N_("there is no {language} text here; add {example}"),
                    {"language": language_name(lang), "example": f'`{lang} = "…"`'},
                )
