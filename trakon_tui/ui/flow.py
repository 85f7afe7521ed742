"""The between-clients flow as values the screens pass along: a saved check-in that a practice
follows, and a finished practice that asks "where are you now?". No Textual here."""

from __future__ import annotations

from dataclasses import dataclass

from trakon_tui.core.window import ZoneName, zone_for

HIGH_ABOVE = 9  # from this level, above the window, the crisis page is offered (never forced)


@dataclass(frozen=True)
class Before:
    """A check-in a practice was chosen after."""

    checkin_id: int | None  # None when nothing is kept (--no-log)
    level: int | None
    window: tuple[int, int]

    @property
    def zone(self) -> ZoneName:
        return zone_for(self.level, *self.window)


@dataclass(frozen=True)
class AfterPractice:
    """A practice that ended (completed or stopped), waiting for its second check-in."""

    before: Before
    item_id: str
    title: str
    run_id: int | None
    completed: bool


def offers_crisis(level: int | None, window: tuple[int, int]) -> bool:
    """High above the window: the crisis numbers are offered, calmly, never in the way."""
    return level is not None and zone_for(level, *window) == "above" and level >= HIGH_ABOVE
