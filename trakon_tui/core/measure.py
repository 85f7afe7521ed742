"""Durations and rates computed from an item, never typed twice by hand."""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from trakon_tui.core.model import (
    HOLD_TYPES,
    Breathing,
    Grounding,
    Info,
    Item,
    Session,
    Writing,
)
from trakon_tui.core.text import tr

# Estimates for steps with no timing of their own: unhurried, never a target.
UNTIMED_STEP_SECONDS = 20
PER_COUNT_SECONDS = 4
PER_PROMPT_SECONDS = 60
PER_PAGE_SECONDS = 45


@dataclass(frozen=True)
class Duration:
    seconds: float
    exact: bool  # False: an estimate ("about 2 min")


def cycle_seconds(item: Breathing, pace: float = 1.0) -> float:
    return sum(phase.seconds for phase in item.phases) * pace


def breaths_per_minute(item: Breathing, pace: float = 1.0) -> float:
    """One cycle is one breath, however many inhales it has (a sigh's top-up is one breath)."""
    return 60.0 / cycle_seconds(item, pace)


def cycle_count(item: Breathing) -> int:
    if item.cycles is not None:
        return item.cycles
    if item.seconds is not None:
        return max(1, math.floor(item.seconds / cycle_seconds(item)))
    return 1


def has_holds(item: Breathing) -> bool:
    return any(phase.type in HOLD_TYPES for phase in item.phases)


def longest_hold(item: Breathing) -> float:
    return max((p.seconds for p in item.phases if p.type in HOLD_TYPES), default=0.0)


def duration(item: Item, lookup: Mapping[str, Item] | None = None) -> Duration:
    """How long an item takes; exact where its timings say so, an estimate otherwise."""
    if item.duration is not None:
        return Duration(item.duration, exact=False)
    if isinstance(item, Breathing):
        return Duration(item.lead_in + cycle_count(item) * cycle_seconds(item), exact=True)
    if isinstance(item, Grounding):
        timed = all(step.seconds is not None for step in item.steps)
        total: float = sum(
            step.seconds
            if step.seconds is not None
            else UNTIMED_STEP_SECONDS + PER_COUNT_SECONDS * (step.count or 0)
            for step in item.steps
        )
        return Duration(total, exact=timed)
    if isinstance(item, Writing):
        if item.timer is not None:
            return Duration(item.timer, exact=True)
        return Duration(PER_PROMPT_SECONDS * len(item.prompts), exact=False)
    if isinstance(item, Info):
        return Duration(PER_PAGE_SECONDS * len(item.pages), exact=False)
    if isinstance(item, Session):
        total = 0.0
        for step in item.steps:
            if step.when is not None and "mixed" not in step.when:
                continue  # the length before a check-in chooses the route: the "mixed" one
            if step.page is not None:
                total += (step.page.minutes or 1) * 60
            elif lookup is not None and step.item and step.item != item.id:
                inner = lookup.get(step.item)
                if inner is not None and not isinstance(inner, Session):
                    total += duration(inner, lookup).seconds
        return Duration(total, exact=False)
    return Duration(30, exact=False)


def gentlest_first(items: Iterable[Item]) -> list[Item]:
    """Items in the order they are offered: the gentlest first, ties by the shown title."""
    return sorted(items, key=lambda item: (*gentleness(item), tr(item.title).casefold()))


def gentleness(item: Item) -> tuple[int, int, float]:
    """A sort key: the gentlest first. Breathing without holds before holds before long
    holds; grounding without body-focused steps first; then the shorter one."""
    strain = 0
    if isinstance(item, Breathing):
        strain = 2 if item.long_holds else (1 if has_holds(item) else 0)
    elif isinstance(item, Grounding):
        strain = 1 if any(step.body for step in item.steps) else 0
    length = duration(item)
    return (strain, 0 if length.exact else 1, length.seconds)
