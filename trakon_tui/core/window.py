"""The window of tolerance as numbers: a 0–10 arousal level against a personal band.

A metaphor, not a gauge (GLOSSARY §3): these helpers only say on which side of the user's own
band a level lies and whether a second check-in came closer to it.
"""

from __future__ import annotations

from typing import Literal, NamedTuple

ZoneName = Literal["below", "within", "above", "unsure"]
Direction = Literal["toward", "same", "away", "unknown"]

DEFAULT_WINDOW = (3, 7)


def zone_for(level: int | None, low: int, high: int) -> ZoneName:
    """Below, within or above the window; `None` (don't know / mixed) is unsure."""
    if level is None:
        return "unsure"
    if level < low:
        return "below"
    if level > high:
        return "above"
    return "within"


def distance(level: int, window: tuple[int, int]) -> int:
    """Steps from the window's edge; 0 inside it."""
    low, high = window
    if level < low:
        return low - level
    if level > high:
        return level - high
    return 0


def direction(before: int | None, after: int | None, window: tuple[int, int]) -> Direction:
    """Did the second check-in come closer to the window than the first?"""
    if before is None or after is None:
        return "unknown"
    was, now = distance(before, window), distance(after, window)
    if now < was:
        return "toward"
    if now > was:
        return "away"
    return "same"


def personal_window(
    saved: tuple[int, int] | None, scale: tuple[int, int] | None
) -> tuple[int, int]:
    """The band a check-in is read against: the user's own (settings), else the check-in
    scale's, else 3–7."""
    return saved or scale or DEFAULT_WINDOW


def valid_window(low: int, high: int) -> bool:
    return 0 <= low < high <= 10


class Outcome(NamedTuple):
    """One past before/after pair around a practice."""

    item_id: str
    before: int | None
    after: int | None
    window: tuple[int, int]

    @property
    def zone(self) -> ZoneName:
        return zone_for(self.before, *self.window)

    @property
    def direction(self) -> Direction:
        return direction(self.before, self.after, self.window)
