"""Length and pace that are the user's own: a chosen length rounded to whole breaths, a
pace found by tapping, favourites. Pure logic; the settings file keeps the choices and the
pacer's `Schedule` stays the one source of timing (it gets cycles and a pace from here).

Checked by hand (no msgspec): the settings are read before the first screen."""

from __future__ import annotations

import itertools
import math
import re
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

from trakon_tui.core.problems import Problem, type_name, unknown_field, wrong_type
from trakon_tui.i18n import N_

if TYPE_CHECKING:
    from trakon_tui.core.model import Breathing

LENGTH_CHOICES = (1, 2, 3, 5)  # minutes, "about": rounded to whole breaths
MAX_SECONDS = 30 * 60  # as rules.MAX_PRACTICE_SECONDS: no practice runs longer
PACE_STEP = 0.05  # as the pacer's + and -
PACE_RANGE = (0.5, 2.0)  # what a settings file may hold; each exercise narrows it
MAX_FAVOURITES = 50
MAX_PRACTICES = 200
_SLUG = re.compile(r"[a-z0-9][a-z0-9-]{0,63}")
_PRACTICE_FIELDS = frozenset({"minutes", "pace"})


class Choice(NamedTuple):
    """A practice's remembered length (minutes, None: as written) and pace (1.0: as
    written)."""

    minutes: int | None = None
    pace: float = 1.0


# --- length ------------------------------------------------------------------------------


def _cycle_seconds(item: Breathing, pace: float) -> float:
    from trakon_tui.core.measure import cycle_seconds  # the model: not before the first screen

    return cycle_seconds(item, pace)


def written_cycles(item: Breathing) -> int:
    from trakon_tui.core.measure import cycle_count

    return cycle_count(item)


def cycle_limits(item: Breathing, pace: float = 1.0) -> tuple[int, int]:
    """The fewest and most breaths a chosen length may give: at least one; never longer
    than a practice may last; an exercise with long holds never more rounds than written
    (4-7-8: at most four at a time)."""
    written = written_cycles(item)
    if item.long_holds:
        return 1, written
    most = max(1, math.floor(MAX_SECONDS / _cycle_seconds(item, pace)))
    return 1, max(most, written)


def cycles_for(item: Breathing, minutes: int | None, pace: float = 1.0) -> int:
    """Whole breaths closest to `minutes` at `pace` (half a breath rounds up), within the
    exercise's limits; None gives the written length."""
    if minutes is None:
        return written_cycles(item)
    low, high = cycle_limits(item, pace)
    cycles = math.floor(minutes * 60 / _cycle_seconds(item, pace) + 0.5)
    return min(max(cycles, low), high)


class LengthOption(NamedTuple):
    minutes: int | None  # None: as written
    cycles: int


def length_options(item: Breathing, pace: float = 1.0) -> list[LengthOption]:
    """The lengths offered on the card: as written first, then about 1, 2, 3 and 5 minutes
    where each gives a different number of breaths within the limits."""
    options = [LengthOption(None, written_cycles(item))]
    for minutes in LENGTH_CHOICES:
        cycles = cycles_for(item, minutes, pace)
        if all(option.cycles != cycles for option in options):
            options.append(LengthOption(minutes, cycles))
    return options


def own_length(item: Breathing, choice: Choice) -> tuple[int, float]:
    """The breaths and pace a practice runs with: the user's choice, within its limits."""
    pace = pace_within(item, choice.pace)
    return cycles_for(item, choice.minutes, pace), pace


def practice_seconds(item: Breathing, cycles: int, pace: float = 1.0) -> float:
    """How long the breathing takes (the 3-2-1 lead-in included)."""
    return item.lead_in + cycles * _cycle_seconds(item, pace)


def pace_within(item: Breathing, pace: float) -> float:
    """A remembered pace, kept within this exercise's own limits."""
    return min(max(pace, item.pace.fastest), item.pace.slowest)


# --- finding one's pace ------------------------------------------------------------------

CALIBRATION_BREATHS = 4  # full breaths measured
CALIBRATION_TAPS = 2 * CALIBRATION_BREATHS + 1  # in, out, ..., and the next in closes it
PLAUSIBLE_BREATH = (1.5, 30.0)  # seconds; a tap outside these is a slip, not a breath


def breath_lengths(taps: Sequence[float]) -> list[float]:
    """Seconds of each full breath: from one in-breath's tap to the next (taps alternate in,
    out, in, ...)."""
    starts = taps[0::2]
    return [b - a for a, b in itertools.pairwise(starts)]


def own_breath(taps: Sequence[float]) -> float | None:
    """The length of the user's own breath (the median of the plausible ones), or None
    until enough were tapped."""
    lengths = [s for s in breath_lengths(taps) if PLAUSIBLE_BREATH[0] <= s <= PLAUSIBLE_BREATH[1]]
    if len(lengths) < 2:
        return None
    import statistics  # only here: not on the way to the first screen

    return statistics.median(lengths)


def suggested_pace(item: Breathing, breath: float) -> float:
    """The pace that brings the exercise's breath closest to the user's own, in steps of
    the pacer's + and -, within the exercise's limits (a fixed exercise stays as written)."""
    raw = breath / _cycle_seconds(item, 1.0)
    stepped = round(round(raw / PACE_STEP) * PACE_STEP, 4)
    return round(pace_within(item, stepped), 4)


# --- the settings file's part --------------------------------------------------------------


def practices_from_data(
    path: Path, value: object, key: str = "practices"
) -> dict[str, Choice] | Problem:
    """`[practices.ID]` tables (minutes, pace), or the first thing wrong."""
    if not isinstance(value, dict):
        return wrong_type(path, "object", type_name(value), key)
    if len(value) > MAX_PRACTICES:
        return Problem(path, N_("at most {n} entries"), {"n": MAX_PRACTICES}, where=key)
    choices: dict[str, Choice] = {}
    for item_id, entry in value.items():
        where = f"{key}.{item_id}"
        if _SLUG.fullmatch(item_id) is None:
            return Problem(path, N_("not a practice id"), where=where)
        if not isinstance(entry, dict):
            return wrong_type(path, "object", type_name(entry), where)
        minutes: int | None = None
        pace = 1.0
        for field, data in entry.items():
            if field not in _PRACTICE_FIELDS:
                return unknown_field(path, field, _PRACTICE_FIELDS, where)
            if field == "minutes":
                if type(data) is not int or data not in LENGTH_CHOICES:
                    return Problem(
                        path,
                        N_("a length is one of {choices} minutes"),
                        {"choices": ", ".join(map(str, LENGTH_CHOICES))},
                        where=f"{where}.minutes",
                    )
                minutes = data
            else:
                if type(data) not in (int, float) or not PACE_RANGE[0] <= data <= PACE_RANGE[1]:
                    return Problem(
                        path,
                        N_("a pace is a number from {low} to {high}"),
                        {"low": PACE_RANGE[0], "high": PACE_RANGE[1]},
                        where=f"{where}.pace",
                    )
                pace = float(data)
        choices[item_id] = Choice(minutes, pace)
    return choices


def practices_to_data(choices: dict[str, Choice]) -> dict[str, dict[str, object]]:
    data: dict[str, dict[str, object]] = {}
    for item_id, choice in sorted(choices.items()):
        entry: dict[str, object] = {}
        if choice.minutes is not None:
            entry["minutes"] = choice.minutes
        if not math.isclose(choice.pace, 1.0):
            entry["pace"] = choice.pace
        if entry:
            data[item_id] = entry
    return data


def favourites_from_data(path: Path, value: object, key: str = "favourites") -> list[str] | Problem:
    if not isinstance(value, list):
        return wrong_type(path, "array", type_name(value), key)
    if len(value) > MAX_FAVOURITES:
        return Problem(path, N_("at most {n} entries"), {"n": MAX_FAVOURITES}, where=key)
    favourites: list[str] = []
    for index, item_id in enumerate(value, start=1):
        if not isinstance(item_id, str):
            return wrong_type(path, "str", type_name(item_id), f"{key}[{index}]")
        if _SLUG.fullmatch(item_id) is None:
            return Problem(path, N_("not a practice id"), where=f"{key}[{index}]")
        if item_id not in favourites:
            favourites.append(item_id)
    return favourites


def toggled(favourites: list[str], item_id: str) -> list[str]:
    """Favourites with `item_id` added at the end, or taken away."""
    if item_id in favourites:
        return [f for f in favourites if f != item_id]
    return [*favourites, item_id][-MAX_FAVOURITES:]
