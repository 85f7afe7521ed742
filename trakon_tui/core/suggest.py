"""What to offer after a check-in, and what a before/after pair says. Pure: no Textual, no
database; the store hands in past outcomes as plain values.

Routing (GLOSSARY §3): above the window, longer exhales and grounding; below it, orienting and
livelier practices first and never long slow exhales (the files' `suits` say which fit where);
within it, a short resource prompt or simply carrying on. Long breath holds are opt-in only:
never suggested. A non-breath practice is always among the offers, because the breath is not
a neutral anchor for everyone.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from trakon_tui.core.measure import gentleness
from trakon_tui.core.model import Breathing, Item, kind_of
from trakon_tui.core.text import tr
from trakon_tui.core.window import Outcome, ZoneName

PRACTICE_KINDS = ("breathing", "grounding", "writing")
# Which kind each offer comes from, per zone; when a kind has nothing left, the next offer
# comes from the first kind that has.
SLOTS: Mapping[ZoneName, tuple[str, ...]] = {
    "above": ("breathing", "grounding", "breathing"),
    "below": ("grounding", "breathing", "grounding"),
    "within": ("writing", "grounding", "breathing"),
    "unsure": ("grounding", "breathing", "grounding"),
}
OFFERS = 3
# A practice is offered as "it helped you before" after this many pairs from the same zone,
# when at least half of them came closer to the window.
LEARN_AFTER = 3


@dataclass(frozen=True)
class Track:
    """How a practice went for this person, counted from their pairs."""

    pairs: int
    toward: int

    @property
    def learned(self) -> bool:
        return self.pairs >= LEARN_AFTER and self.toward * 2 >= self.pairs and self.toward > 0


@dataclass(frozen=True)
class Suggestion:
    item: Item
    track: Track | None = None  # set when it is offered first because it helped before


def tracks(outcomes: Iterable[Outcome], zone: ZoneName) -> dict[str, Track]:
    """Per practice: pairs that started in `zone`, and how many came closer to the window."""
    counts: dict[str, list[int]] = {}
    for outcome in outcomes:
        if outcome.zone != zone:
            continue
        way = outcome.direction  # computed, so once per pair
        if way == "unknown":
            continue
        entry = counts.setdefault(outcome.item_id, [0, 0])
        entry[0] += 1
        entry[1] += way == "toward"
    return {item_id: Track(pairs, toward) for item_id, (pairs, toward) in counts.items()}


def suggest(
    items: Iterable[Item],
    zone: ZoneName,
    outcomes: Iterable[Outcome] = (),
    limit: int = OFFERS,
) -> list[Suggestion]:
    """Two or three practices for this zone: what helped this person before first (saying
    so), then the gentlest and shortest, taking turns between kinds."""
    candidates = [item for item in items if _fits(item, zone)]
    learned: list[Suggestion] = []
    if zone in ("above", "below"):
        by_track = tracks(outcomes, zone)
        helped = [item for item in candidates if item.id in by_track and by_track[item.id].learned]
        helped.sort(
            key=lambda it: (-_rate(by_track[it.id]), -by_track[it.id].pairs, _key(it, zone))
        )
        learned = [Suggestion(item, by_track[item.id]) for item in helped[:2]]
    chosen = {s.item.id for s in learned}
    queues = {
        kind: sorted(
            (it for it in candidates if kind_of(it) == kind and it.id not in chosen),
            key=lambda it: _key(it, zone),
        )
        for kind in PRACTICE_KINDS
    }
    offers = list(learned)
    for kind in SLOTS[zone]:
        if len(offers) >= limit:
            break
        queue = queues[kind] or next((q for q in queues.values() if q), [])
        if queue:
            offers.append(Suggestion(queue.pop(0)))
    return offers


def _fits(item: Item, zone: ZoneName) -> bool:
    if kind_of(item) not in PRACTICE_KINDS:
        return False
    if isinstance(item, Breathing) and item.long_holds:
        return False  # opt-in only: from the library, never offered
    if zone == "unsure":
        # Don't know / mixed: what suits both sides of the window.
        return "above" in item.suits and "below" in item.suits
    return zone in item.suits


def _key(item: Item, zone: ZoneName) -> tuple[int, int, int, int, float, str]:
    # What the file names first in `suits` is what it is mainly for; then the short ones made
    # for between clients; then the gentlest.
    main = 0 if item.suits and item.suits[0] == zone else 1
    short = 0 if item.between_clients else 1
    return (main, short, *gentleness(item), tr(item.title).casefold())


def _rate(track: Track) -> float:
    return track.toward / track.pairs
