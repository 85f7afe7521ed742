"""The exercise file format, as strict msgspec models.

One TOML file holds one item. `kind` selects the model; unknown keys, wrong types and
out-of-range values are rejected by msgspec, and the rules that span several fields (or
several files) live in `rules.py` and `library.py`.
"""

from __future__ import annotations

from typing import Annotated, Literal, cast, get_args

import msgspec
from msgspec import Meta, Struct

from trakon_tui.i18n import Lang

SUPPORTED_FORMATS = (1,)

Zone = Literal["above", "within", "below"]
ZONES: tuple[Zone, ...] = get_args(Zone)
# Where a session goes after its check-in: a zone, or "mixed" (don't know, mixed, nothing
# counted, or a room split across above and below).
RouteZone = Literal["above", "within", "below", "mixed"]
ROUTE_ZONES: tuple[RouteZone, ...] = get_args(RouteZone)

PhaseType = Literal["inhale", "top-up", "hold", "exhale", "hold-empty", "pause"]
PHASE_TYPES: tuple[PhaseType, ...] = get_args(PhaseType)
HOLD_TYPES: frozenset[str] = frozenset({"hold", "hold-empty"})

PageRole = Literal[
    "agreements", "opening", "window", "body", "reflection", "writing", "closing", "quiet", "page"
]
PAGE_ROLES: tuple[PageRole, ...] = get_args(PageRole)

Diagram = Literal["window"]

# Prose fields: their texts may hold line breaks and tabs (a Markdown page, a calm line that
# wraps). Everything else (ids, titles, cues, labels, names, questions) is one line.
MULTILINE_FIELDS = frozenset(
    {
        "body",
        "summary",
        "caution",
        "text",
        "hint",
        "say",
        "prepare",
        "closing",
        "description",
        "notes",
    }
)

SLUG_PATTERN = r"^[a-z0-9]+(-[a-z0-9]+)*$"
# `extra={"unit": …}` and `examples` are read only by the validator (schema.py), to say how
# to write a value ("write a whole number of seconds without quotes, e.g. `timer = 300`").
_SECONDS = {"unit": "seconds"}
Slug = Annotated[str, Meta(pattern=SLUG_PATTERN, max_length=64)]
NonEmpty = Annotated[str, Meta(min_length=1, max_length=20_000)]
Localized = Annotated[dict[Lang, NonEmpty], Meta(min_length=1)]
# A source is a localised text, or one plain text shown as it is in every language.
Source = Localized | NonEmpty
Seconds = Annotated[float, Meta(gt=0, le=3600, extra=_SECONDS)]
WholeSeconds = Annotated[int, Meta(gt=0, le=3600, extra=_SECONDS)]
Level = Annotated[int, Meta(ge=0, le=10)]


def _eg(*values: object) -> Meta:
    """An example value for the validator's messages."""
    return Meta(examples=list(values))


class _Strict(Struct, forbid_unknown_fields=True, kw_only=True, frozen=True):
    """Base of every table in a file: unknown keys are errors, never ignored."""


class Item(_Strict, tag_field="kind", frozen=True):
    """Fields every kind shares."""

    format: Annotated[int, _eg(1)]
    id: Annotated[Slug, _eg("our-long-exhale")]
    title: Localized
    summary: Localized
    suits: list[Zone] = []
    caution: Localized | None = None
    source: Source | None = None
    between_clients: bool = False
    override: bool = False
    # an estimate, for kinds whose length cannot be computed
    duration: Annotated[WholeSeconds, _eg(120)] | None = None


# --- breathing -----------------------------------------------------------------------


class Phase(_Strict, kw_only=True, frozen=True):
    type: PhaseType
    seconds: Annotated[Seconds, _eg(4)]
    cue: Localized | None = None  # the big word; defaults by type (IN, OUT, HOLD, ...)
    say: Localized | None = None  # a calm longer line under the cue


class Pace(_Strict, kw_only=True, frozen=True):
    """Limits for `+`/`-`, as factors on every phase's length (0.8 = 20 % faster)."""

    fastest: Annotated[float, Meta(gt=0), _eg(0.8)] = 1.0
    slowest: Annotated[float, Meta(gt=0), _eg(1.25)] = 1.0


class Breathing(Item, tag="breathing", kw_only=True, frozen=True):
    phases: Annotated[list[Phase], Meta(min_length=1, max_length=12)]
    alternative: Annotated[Slug, _eg("feet-on-the-floor")]
    cycles: Annotated[int, Meta(gt=0), _eg(6)] | None = None
    # total length, rounded down to whole cycles
    seconds: Annotated[WholeSeconds, _eg(60)] | None = None
    lead_in: Annotated[int, Meta(ge=0, le=10, extra=_SECONDS), _eg(3)] = 3
    long_holds: bool = False
    prepare: Localized | None = None  # said once before the first cycle
    pace: Pace = Pace()


# --- grounding -----------------------------------------------------------------------


class Step(_Strict, kw_only=True, frozen=True):
    text: Localized
    count: Annotated[int, Meta(ge=1, le=20), _eg(3)] | None = None
    seconds: Annotated[WholeSeconds, _eg(10)] | None = None  # advance on its own after this long
    alternative: Localized | None = None  # e.g. an eyes-open or no-touch way
    body: bool = False  # body-focused: offered, never required


class Grounding(Item, tag="grounding", kw_only=True, frozen=True):
    steps: Annotated[list[Step], Meta(min_length=1, max_length=40)]
    closing: Localized | None = None


# --- writing -------------------------------------------------------------------------


class Prompt(_Strict, kw_only=True, frozen=True):
    text: Localized
    hint: Localized | None = None


class Writing(Item, tag="writing", kw_only=True, frozen=True):
    prompts: Annotated[list[Prompt], Meta(min_length=1, max_length=20)]
    timer: Annotated[WholeSeconds, _eg(300)] | None = None  # an optional quiet timer


# --- info ----------------------------------------------------------------------------


class Page(_Strict, kw_only=True, frozen=True):
    title: Localized
    body: Localized  # Markdown
    diagram: Diagram | None = None


class Info(Item, tag="info", kw_only=True, frozen=True):
    pages: Annotated[list[Page], Meta(min_length=1, max_length=40)]


# --- check-in scale ------------------------------------------------------------------


class Sign(_Strict, kw_only=True, frozen=True):
    id: Annotated[Slug, _eg("tense")]
    label: Localized


class ZoneText(_Strict, kw_only=True, frozen=True):
    name: Localized
    description: Localized
    signs: list[Sign] = []


class Zones(_Strict, kw_only=True, frozen=True):
    above: ZoneText
    within: ZoneText
    below: ZoneText


class Window(_Strict, kw_only=True, frozen=True):
    low: Annotated[Level, _eg(3)] = 3
    high: Annotated[Level, _eg(7)] = 7


class CheckinScale(Item, tag="checkin", kw_only=True, frozen=True):
    question: Localized
    zones: Zones
    window: Window = Window()
    unsure: Localized | None = None
    body_areas: list[Sign] = []


# --- session -------------------------------------------------------------------------


class SessionPage(_Strict, kw_only=True, frozen=True):
    role: PageRole = "page"
    title: Localized
    body: Localized | None = None
    questions: list[Localized] = []
    # A reflection page's questions (1 = the first) that the room may answer on the 1–5
    # scale with raised fingers; the others are for talking, and nothing is counted there.
    rated: list[Annotated[int, Meta(ge=1), _eg(1)]] = []
    minutes: Annotated[int, Meta(ge=1, le=240, extra={"unit": "minutes"}), _eg(5)] | None = None


class SessionStep(_Strict, kw_only=True, frozen=True):
    item: Annotated[Slug, _eg("extended-exhale-4-6")] | None = None
    page: SessionPage | None = None
    # For the facilitator only: the presenter console and `trakon present --notes`, never
    # the room's screen.
    notes: Localized | None = None
    # The routes this step runs on, after a check-in; without `when` a step always runs.
    when: Annotated[list[RouteZone], Meta(min_length=1)] | None = None


class Session(Item, tag="session", kw_only=True, frozen=True):
    steps: Annotated[list[SessionStep], Meta(min_length=1, max_length=60)]
    audience: Literal["group", "individual"] = "individual"


AnyItem = Breathing | Grounding | Writing | Info | CheckinScale | Session
KINDS: tuple[str, ...] = ("breathing", "grounding", "writing", "info", "checkin", "session")
KIND_MODELS: dict[str, type[Item]] = {
    "breathing": Breathing,
    "grounding": Grounding,
    "writing": Writing,
    "info": Info,
    "checkin": CheckinScale,
    "session": Session,
}


def kind_of(item: Item) -> str:
    """The `kind` tag of an item, as written in its file."""
    tag = type(item).__struct_config__.tag
    return str(tag)


def convert(data: object) -> AnyItem:
    """Turn parsed TOML into an item; raises msgspec.ValidationError on any mismatch."""
    return cast(AnyItem, msgspec.convert(data, type=AnyItem, strict=True))


def field_names() -> frozenset[str]:
    """Every key the format knows, for "did you mean" hints."""
    names: set[str] = set()
    stack: list[type[msgspec.Struct]] = [
        *KIND_MODELS.values(),
        Phase,
        Pace,
        Step,
        Prompt,
        Page,
        Sign,
        ZoneText,
        Zones,
        Window,
        SessionPage,
        SessionStep,
    ]
    for model in stack:
        names.update(model.__struct_fields__)
    names.add("kind")
    return frozenset(names)
