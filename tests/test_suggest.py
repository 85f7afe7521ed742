"""Suggestions after a check-in and the reading of a before/after pair (pure, no Textual)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import msgspec
import pytest

from trakon_tui.core.library import Library, Tier, build
from trakon_tui.core.model import Breathing, Item, kind_of
from trakon_tui.core.suggest import LEARN_AFTER, Track, suggest, tracks
from trakon_tui.core.text import tr
from trakon_tui.core.window import Outcome, direction, distance, zone_for

W = (3, 7)


def ids(library: Library, zone: str, outcomes: list[Outcome] | None = None) -> list[str]:
    return [s.item.id for s in suggest(library.items.values(), zone, outcomes or [])]  # type: ignore[arg-type]


def test_zones_and_distance_to_the_window() -> None:
    assert [zone_for(level, *W) for level in (0, 2, 3, 7, 8, 10, None)] == [
        "below",
        "below",
        "within",
        "within",
        "above",
        "above",
        "unsure",
    ]
    assert [distance(level, W) for level in (0, 3, 5, 7, 10)] == [3, 0, 0, 0, 3]


@pytest.mark.parametrize(
    ("before", "after", "expected"),
    [
        (9, 7, "toward"),  # into the window from above
        (1, 2, "toward"),  # closer from below
        (9, 9, "same"),
        (5, 6, "same"),  # inside the window, still inside
        (8, 10, "away"),
        (2, 8, "same"),  # from one side to the other, as far out
        (None, 5, "unknown"),
        (5, None, "unknown"),
    ],
)
def test_the_direction_of_a_pair(before: int | None, after: int | None, expected: str) -> None:
    assert direction(before, after, W) == expected


def test_above_offers_a_breath_first_and_always_a_non_breath_practice(
    shipped_library: Library,
) -> None:
    offers = suggest(shipped_library.items.values(), "above")
    assert 2 <= len(offers) <= 3
    kinds = [kind_of(s.item) for s in offers]
    assert kinds[0] == "breathing" and "grounding" in kinds
    assert all("above" in s.item.suits for s in offers)


def test_below_offers_orienting_first_and_never_a_long_slow_exhale(
    shipped_library: Library,
) -> None:
    offered = ids(shipped_library, "below")
    assert offered[0] == "orienting"
    for item_id in offered:
        item = shipped_library.items[item_id]
        if isinstance(item, Breathing):
            inhale = sum(p.seconds for p in item.phases if p.type == "inhale")
            exhale = sum(p.seconds for p in item.phases if p.type == "exhale")
            assert exhale <= inhale, item_id


def test_within_offers_a_short_resource_prompt_first(shipped_library: Library) -> None:
    assert ids(shipped_library, "within")[0] == "pillars-of-safety"


def test_unsure_offers_what_suits_both_sides(shipped_library: Library) -> None:
    for item_id in ids(shipped_library, "unsure"):
        suits = shipped_library.items[item_id].suits
        assert "above" in suits and "below" in suits


def test_long_holds_are_never_offered(shipped_library: Library) -> None:
    for zone in ("above", "below", "within", "unsure"):
        for s in suggest(shipped_library.items.values(), zone):  # type: ignore[arg-type]
            assert not (isinstance(s.item, Breathing) and s.item.long_holds)
    assert "breathing-4-7-8" in shipped_library.items  # still in the library, opt-in


def test_what_helped_before_comes_first_with_its_track(shipped_library: Library) -> None:
    helped = [Outcome("box-breathing", 9, 6, W)] * 2 + [Outcome("box-breathing", 9, 9, W)]
    offers = suggest(shipped_library.items.values(), "above", helped)
    assert offers[0].item.id == "box-breathing"
    assert offers[0].track is not None and (offers[0].track.pairs, offers[0].track.toward) == (
        3,
        2,
    )
    assert all(s.track is None for s in offers[1:])
    assert len({s.item.id for s in offers}) == len(offers)  # never offered twice


def test_too_few_pairs_or_pairs_from_another_zone_teach_nothing(
    shipped_library: Library,
) -> None:
    plain = ids(shipped_library, "above")
    few = [Outcome("box-breathing", 9, 6, W)] * (LEARN_AFTER - 1)
    assert ids(shipped_library, "above", few) == plain
    other_zone = [Outcome("box-breathing", 1, 4, W)] * 5
    assert ids(shipped_library, "above", other_zone) == plain
    mostly_not = [Outcome("box-breathing", 9, 9, W)] * 3 + [Outcome("box-breathing", 9, 6, W)]
    assert ids(shipped_library, "above", mostly_not) == plain


def test_tracks_count_pairs_per_practice_from_one_zone() -> None:
    outcomes = [
        Outcome("a", 9, 5, W),
        Outcome("a", 8, 9, W),
        Outcome("a", 1, 3, W),  # another zone
        Outcome("a", 9, None, W),  # no second check-in
    ]
    assert tracks(outcomes, "above")["a"].pairs == 2
    assert tracks(outcomes, "above")["a"].toward == 1


def test_a_library_without_fitting_practices_offers_nothing(
    write: Callable[[str, str], Path],
) -> None:
    path = write(
        "b.toml",
        """
        format = 1
        id = "only-above"
        kind = "grounding"
        title = { en = "Only above" }
        summary = { en = "x" }
        suits = ["above"]
        steps = [{ text = { en = "Feel your feet." } }]
        """,
    )
    library = build([(Tier.EXTRA, path.parent)])
    assert ids(library, "below") == []
    assert ids(library, "above") == ["only-above"]


CLOSER, SAME, AWAY, NO_SECOND = (
    Outcome("box-breathing", 9, 6, W),
    Outcome("box-breathing", 9, 9, W),
    Outcome("box-breathing", 8, 10, W),
    Outcome("box-breathing", 9, None, W),
)


@pytest.mark.parametrize(
    ("outcomes", "learned"),
    [
        pytest.param([CLOSER] * 2, False, id="2 pairs, both closer: too few"),
        pytest.param([CLOSER] * 2 + [NO_SECOND] * 3, False, id="unpaired check-ins count not"),
        pytest.param([CLOSER] * 3, True, id="3 pairs, all closer"),
        pytest.param([CLOSER, SAME, CLOSER], True, id="3 pairs, 2 closer"),
        pytest.param([CLOSER, SAME, AWAY], False, id="3 pairs, 1 closer"),
        pytest.param([CLOSER, SAME] * 2, True, id="exactly half of 4"),
        pytest.param([CLOSER, AWAY] * 3, True, id="exactly half of 6"),
        pytest.param([CLOSER, SAME, AWAY, CLOSER, SAME], False, id="just under half: 2 of 5"),
        pytest.param([SAME] * 4 + [CLOSER] * 3, False, id="just under half: 3 of 7"),
    ],
)
def test_what_helped_before_needs_three_pairs_and_at_least_half_closer(
    shipped_library: Library, outcomes: list[Outcome], learned: bool
) -> None:
    """GLOSSARY: after 3 or more pairs from the same zone, with at least half of them closer
    to the window, a practice is offered first and says so; otherwise nothing is learned."""
    items = shipped_library.items.values()
    plain = [s.item.id for s in suggest(items, "above")]  # type: ignore[arg-type]
    assert "box-breathing" not in plain
    offers = suggest(items, "above", outcomes)  # type: ignore[arg-type]
    if learned:
        pairs = sum(o.after is not None for o in outcomes)
        toward = outcomes.count(CLOSER)
        assert offers[0].item.id == "box-breathing"
        assert offers[0].track == Track(pairs, toward)
    else:
        assert [s.item.id for s in offers] == plain
        assert all(s.track is None for s in offers)


def test_long_holds_are_never_offered_even_where_they_would_rank_first(
    shipped_library: Library,
) -> None:
    """A library made so that 4-7-8 ranks first for "above" (it is named first for it; the
    other breath is mainly for "within"): without its long-holds flag it would be the first
    offer; with it, it is never offered, not even after it helped three times out of three."""
    items = shipped_library.items
    four_seven_eight = items["breathing-4-7-8"]
    assert isinstance(four_seven_eight, Breathing) and four_seven_eight.long_holds
    other_breath = msgspec.structs.replace(items["box-breathing"], suits=["within", "above"])
    library = [four_seven_eight, other_breath, items["feet-on-the-floor"]]
    unflagged = msgspec.structs.replace(four_seven_eight, long_holds=False)
    control = suggest([unflagged, *library[1:]], "above")
    assert control[0].item.id == "breathing-4-7-8"  # the library does rank it first

    helped = [Outcome("breathing-4-7-8", 9, 5, W)] * 3
    for zone in ("above", "below", "within", "unsure"):
        for outcomes in ([], helped):
            offered = [s.item.id for s in suggest(library, zone, outcomes)]  # type: ignore[arg-type]
            assert "breathing-4-7-8" not in offered, (zone, outcomes)
    assert [s.item.id for s in suggest(library, "above", helped)] == [
        "box-breathing",
        "feet-on-the-floor",
    ]


def test_unsure_offers_practices_for_both_sides(shipped_library: Library) -> None:
    """Don't know / mixed still gets offers (never an empty page), each fitting both sides."""
    offered = ids(shipped_library, "unsure")
    assert offered == ["senses-3-2-1", "feet-on-the-floor", "orienting"]
    narrow = msgspec.structs.replace(shipped_library.items["senses-3-2-1"], suits=["above"])
    assert suggest([narrow], "unsure") == []


def variant(library: Library, item_id: str, new_id: str, **changes: object) -> Item:
    """A copy of a shipped item under another id, with some fields changed."""
    return msgspec.structs.replace(library.items[item_id], id=new_id, **changes)


def test_the_short_practices_made_for_between_clients_come_first(
    shipped_library: Library,
) -> None:
    one = {"suits": ["above"], "title": {"en": "A"}}
    long_one = variant(shipped_library, "feet-on-the-floor", "a-long", between_clients=False, **one)
    short_one = variant(shipped_library, "feet-on-the-floor", "b-short", **one)
    assert short_one.between_clients
    assert [s.item.id for s in suggest([long_one, short_one], "above")] == ["b-short", "a-long"]


def test_equal_practices_are_offered_in_the_order_of_their_titles(
    shipped_library: Library,
) -> None:
    items = [
        variant(shipped_library, "feet-on-the-floor", f"id-{n}", title={"en": title})
        for n, title in enumerate(["Walk", "Feet", "Sit"])
    ]
    assert [tr(s.item.title) for s in suggest(items, "above")] == ["Feet", "Sit", "Walk"]


def test_pairs_from_another_zone_or_without_a_second_checkin_are_skipped_not_the_end() -> None:
    outcomes = [
        Outcome("a", 1, 3, W),  # from below: not counted for above, and counting goes on
        Outcome("a", 9, None, W),  # no second check-in
        Outcome("a", 9, 5, W),
        Outcome("a", 8, 8, W),
    ]
    assert tracks(outcomes, "above") == {"a": Track(2, 1)}


def test_what_helped_most_comes_first_then_what_was_tried_most(shipped_library: Library) -> None:
    items = shipped_library.items.values()

    def pairs(item_id: str, closer: int, not_closer: int) -> list[Outcome]:
        return [Outcome(item_id, 9, 6, W)] * closer + [Outcome(item_id, 9, 9, W)] * not_closer

    outcomes = (
        pairs("box-breathing", 3, 1)  # 3 of 4
        + pairs("butterfly-hug", 4, 0)  # 4 of 4: the best rate comes first
        + pairs("cyclic-sighing", 6, 2)  # 6 of 8: the same rate as box, more tried
    )
    offers = suggest(items, "above", outcomes)  # type: ignore[arg-type]
    # At most two "it helped you before"; the third offer is a fresh one, never twice.
    assert [s.item.id for s in offers[:2]] == ["butterfly-hug", "cyclic-sighing"]
    assert [s.track for s in offers] == [Track(4, 4), Track(8, 6), None]
    assert offers[2].item.id not in {"butterfly-hug", "cyclic-sighing", "box-breathing"}
    assert len(offers) == 3


def test_below_the_window_learns_from_pairs_that_started_below(shipped_library: Library) -> None:
    helped = [Outcome("senses-5-4-3-2-1", 1, 4, W)] * 3  # from below, into the window
    offers = suggest(shipped_library.items.values(), "below", helped)  # type: ignore[arg-type]
    assert offers[0].item.id == "senses-5-4-3-2-1"
    assert offers[0].track == Track(3, 3)


def test_equally_helpful_practices_made_for_the_zone_come_first(shipped_library: Library) -> None:
    for_above = variant(shipped_library, "feet-on-the-floor", "z-above", suits=["above"])
    for_both = variant(shipped_library, "feet-on-the-floor", "a-both", suits=["below", "above"])
    helped = [Outcome(i, 9, 6, W) for i in ("z-above", "a-both") for _ in range(3)]
    offers = suggest([for_both, for_above], "above", helped)
    assert [s.item.id for s in offers] == ["z-above", "a-both"]
    assert all(s.track == Track(3, 3) for s in offers)


def test_only_practices_are_offered_whatever_the_log_names(shipped_library: Library) -> None:
    """An information page or a session is never an offer, even if the log held pairs
    naming one (a hand-edited or older log)."""
    named = [Outcome(i, 9, 5, W) for i in ("window-of-tolerance", "between-clients")] * 3
    offers = suggest(shipped_library.items.values(), "above", named)  # type: ignore[arg-type]
    assert {kind_of(s.item) for s in offers} <= {"breathing", "grounding", "writing"}
    assert all(s.track is None for s in offers)
