"""Folders, tiers, duplicates, overrides and references between files."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from tests.conftest import SHIPPED
from trakon_tui.core import measure, model
from trakon_tui.core.library import Library, Tier, build

Write = Callable[[str, str], Path]

GROUND = """
format = 1
id = "{id}"
kind = "grounding"
title = {{ en = "{title}" }}
summary = {{ en = "Notice the room." }}
{extra}
[[steps]]
text = {{ en = "Look around." }}
seconds = 10
"""

BREATH = """
format = 1
id = "{id}"
kind = "breathing"
title = {{ en = "Breath" }}
summary = {{ en = "In and out." }}
alternative = "{alt}"
cycles = 3
[[phases]]
type = "inhale"
seconds = 4
[[phases]]
type = "exhale"
seconds = 6
"""


def ground(id: str, title: str = "Ground", extra: str = "") -> str:
    return GROUND.format(id=id, title=title, extra=extra)


def test_the_shipped_library_is_complete_and_valid(shipped_library: Library) -> None:
    assert shipped_library.problems == []
    required = {
        "box-breathing",
        "extended-exhale-4-6",
        "extended-exhale-4-8",
        "resonance-breathing",
        "cyclic-sighing",
        "breathing-4-7-8",
        "senses-5-4-3-2-1",
        "orienting",
        "feet-on-the-floor",
        "butterfly-hug",
        "body-scan-short",
        "pillars-of-safety",
        "window-of-tolerance",
        "between-clients",
        "peer-group",
        "checkin-window",
        "work-community",
        "after-a-hard-situation",
        "stand-up-and-move",
        "trauma-informed-approach",
        "vicarious-trauma",
        "further-resources",
    }
    assert required <= set(shipped_library.items)


def test_every_shipped_breathing_and_grounding_item_names_its_source(
    shipped_library: Library,
) -> None:
    for item in shipped_library.items.values():
        if model.kind_of(item) in ("breathing", "grounding"):
            assert item.source, item.id
            assert item.caution, item.id


def test_shipped_breathing_follows_the_protocols(shipped_library: Library) -> None:
    box = shipped_library.items["box-breathing"]
    assert isinstance(box, model.Breathing)
    assert [(p.type, p.seconds) for p in box.phases] == [
        ("inhale", 4),
        ("hold", 4),
        ("exhale", 4),
        ("hold-empty", 4),
    ]
    sigh = shipped_library.items["cyclic-sighing"]
    assert isinstance(sigh, model.Breathing)
    assert [p.type for p in sigh.phases] == ["inhale", "top-up", "exhale"]
    four_seven_eight = shipped_library.items["breathing-4-7-8"]
    assert isinstance(four_seven_eight, model.Breathing)
    assert four_seven_eight.long_holds and measure.cycle_count(four_seven_eight) <= 4
    resonance = shipped_library.items["resonance-breathing"]
    assert isinstance(resonance, model.Breathing)
    assert measure.breaths_per_minute(resonance) == 6


def test_the_peer_group_session_follows_the_trakon_model(shipped_library: Library) -> None:
    """Agreements, an opening round on the window, the model's heart (own work situations:
    recognise, what moved it, what regulated it), boundaries and recovery, body awareness,
    a down-regulating practice before the closing round, a quiet moment; the workplace
    questions live in a session of their own."""
    session = shipped_library.items["peer-group"]
    assert isinstance(session, model.Session) and session.audience == "group"
    pages = [step.page for step in session.steps if step.page is not None]
    roles = [page.role for page in pages]
    assert roles[:2] == ["agreements", "window"] and roles[-2:] == ["closing", "quiet"]
    agreements = " ".join(q["en"] for q in pages[0].questions)
    for words in (
        "also after the group",
        "may always pass",
        "respected",
        "keep hope",
        "each of us speaks of our own",
        "hear or tell too much",
        "recognise them",
        "not traumatic details",
        "What else",
    ):
        assert words in agreements, words
    titles = [page.title["en"] for page in pages]
    heart = pages[titles.index("Our own work situations")]
    assert heart.role == "reflection" and len(heart.questions) == 3
    assert not any(page.rated for page in pages)  # talked in the group, never rated
    assert "Setting limits to our work, and recovery" in titles
    assert any("in the body" in title for title in titles)
    items = [step.item for step in session.steps if step.item is not None]
    assert items[-1] == "extended-exhale-4-6"  # the down-regulating practice before closing
    # What the group reads (the facilitator's notes may point an overwhelmed member to
    # occupational health; the workplace questions are another matter).
    everything = str([session.title, session.summary, pages, items]).lower()
    assert "occupational health" not in everything and "1–5" not in everything
    work = shipped_library.items["work-community"]
    assert isinstance(work, model.Session)
    questions = [q["en"] for step in work.steps if step.page for q in step.page.questions]
    assert sum("(1–5)" in q for q in questions) == 2
    # Those two, and only those, are counted with raised fingers.
    rated = [
        page.questions[n - 1]["en"]
        for step in work.steps
        if (page := step.page)
        for n in page.rated
    ]
    assert len(rated) == 2 and all("(1–5)" in q for q in rated)
    assert any("last time" in q for q in questions)
    # The model's "act skilfully / avoid wisely" points are the facilitator's: in the notes
    # of the steps they belong to, never on a page the room sees.
    room = str([step.page for step in work.steps]).lower()
    assert "skilfully" not in room and "avoid wisely" not in room and "facilitator" not in room
    for lang in ("fi", "en"):
        notes = " ".join(step.notes[lang] for step in work.steps if step.notes)
        for words in {
            "fi": ("Toimi taitavasti", "Vältä viisaasti", "puolesta", "yhteinen kieli"),
            "en": ("Act skilfully", "Avoid wisely", "behalf", "common language"),
        }[lang]:
            assert words in notes, words


def test_shipped_wording_is_invitational() -> None:
    for path in SHIPPED.rglob("*.toml"):
        text = path.read_text(encoding="utf-8").lower()
        for phrase in ("deep breath", "syvään henkeä", "you must", "pitää hengittää", "täytyy"):
            assert phrase not in text, (path, phrase)


def test_a_broken_file_does_not_stop_the_good_ones(write: Write, tmp_path: Path) -> None:
    write("good.toml", ground("good"))
    write("bad.toml", "format = 1\nkind = [")
    library = build([(Tier.EXTRA, tmp_path / "ex")])
    assert list(library.items) == ["good"]
    assert library.skipped_files == [tmp_path / "ex" / "bad.toml"]


def test_duplicate_ids_name_both_files(write: Write, tmp_path: Path) -> None:
    first = write("a.toml", ground("same", "One"))
    second = write("b.toml", ground("same", "Another"))
    library = build([(Tier.EXTRA, tmp_path / "ex")])
    (problem,) = library.problems
    assert problem.file == second
    assert str(first) in problem.format()


def test_a_user_file_overrides_a_shipped_id_only_on_purpose(write: Write, tmp_path: Path) -> None:
    write("orienting.toml", ground("orienting", "Our orienting"))
    library = build([(Tier.SHIPPED, SHIPPED), (Tier.USER, tmp_path / "ex")])
    assert "override = true" in library.problems[0].message
    assert library.items["orienting"].title != {"en": "Our orienting"}

    write("orienting.toml", ground("orienting", "Our orienting", "override = true"))
    library = build([(Tier.SHIPPED, SHIPPED), (Tier.USER, tmp_path / "ex")])
    assert library.problems == []
    assert library.items["orienting"].title == {"en": "Our orienting"}
    assert library.overridden["orienting"] == SHIPPED / "grounding" / "orienting.toml"


def test_a_breathing_item_needs_an_existing_non_breath_alternative(
    write: Write, tmp_path: Path
) -> None:
    write("b.toml", BREATH.format(id="b", alt="nowhere"))
    write("c.toml", BREATH.format(id="c", alt="b"))
    library = build([(Tier.EXTRA, tmp_path / "ex")])
    messages = sorted(p.format() for p in library.problems)
    assert "alternative: “nowhere” is not in the library" in messages[0]
    assert "alternative: “b” is in" in messages[1] and "has a problem of its own" in messages[1]
    assert library.items == {}


def test_references_resolve_against_the_shipped_library(write: Write, tmp_path: Path) -> None:
    write("b.toml", BREATH.format(id="our-breath", alt="orienting"))
    library = build([(Tier.SHIPPED, SHIPPED), (Tier.EXTRA, tmp_path / "ex")])
    assert library.problems == []
    assert "our-breath" in library.items


def test_sessions_must_point_at_existing_items(write: Write, tmp_path: Path) -> None:
    write(
        "s.toml",
        """
        format = 1
        id = "our-session"
        kind = "session"
        title = { en = "S" }
        summary = { en = "S" }
        [[steps]]
        item = "no-such-item"
    """,
    )
    library = build([(Tier.EXTRA, tmp_path / "ex")])
    assert "s.toml:7:1: steps[1].item" in library.problems[0].format()


def test_a_missing_extra_folder_is_reported_but_a_missing_user_folder_is_not(
    tmp_path: Path,
) -> None:
    library = build([(Tier.USER, tmp_path / "nope"), (Tier.EXTRA, tmp_path / "absent")])
    assert [p.file for p in library.problems] == [tmp_path / "absent"]


def test_hidden_files_and_other_endings_are_ignored_in_folders(
    write: Write, tmp_path: Path
) -> None:
    write("notes.txt", "not an exercise")
    write(".hidden.toml", "broken = [")
    write("ok.toml", ground("ok"))
    library = build([(Tier.EXTRA, tmp_path / "ex")])
    assert list(library.items) == ["ok"] and library.problems == []
