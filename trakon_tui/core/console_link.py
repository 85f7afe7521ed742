"""What the room's screen and the presenter console say to each other: newline-delimited
JSON, one message a line, with caps on every length. Pure: no sockets, no Textual.

The room sends `state` (what the console shows, the raised-finger counts of a reflection
page included, and the time as the room's `SessionRun` tells it: the console computes no
timing of its own) on every change and `bye` when it ends;
the console sends `key` (a key name such as "right" or "space"), which the room runs through
its own bindings. Everything received is data: a message that is not JSON, too long, of an
unknown type or with a field of the wrong type is dropped whole; texts are cut to their cap
and their control characters made visible, and the console shows them as literal text.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator, Mapping
from dataclasses import asdict, dataclass, field
from datetime import datetime
from typing import Any

from trakon_tui.core.model import ROUTE_ZONES
from trakon_tui.core.programme import TALLY_ZONES, ProgrammeStep
from trakon_tui.core.session_run import FINGERS, SessionRun
from trakon_tui.core.text import visible
from trakon_tui.i18n import Lang

VERSION = 1
MAX_LINE = 64 * 1024  # bytes in one message, newline included
MAX_TITLE = 300  # characters of a title, per language
MAX_NOTES = 8000  # characters of a step's notes, per language
MAX_KEYS = 40
MAX_LABEL = 60
MAX_COUNT = 10_000  # hands, steps: anything counted
MAX_QUESTIONS = 12  # reflection questions whose raised fingers are told
MAX_QUESTION = 200  # characters of a question, per language
MAX_STEPS = 60  # steps of a route (a session has at most 60)
MAX_SECONDS = 7 * 24 * 3600  # any time told, and any drift from the plan
_KEY_NAME = re.compile(r"[a-z0-9_+-]{1,32}")
_CLOCK = re.compile(r"([01][0-9]|2[0-3]):[0-5][0-9]")  # a time of day as the room shows it
_LANGS: tuple[Lang, ...] = ("fi", "en")

Localised = dict[Lang, str]


@dataclass(frozen=True)
class RoomKey:
    """A key the room's screen answers to now, and its label (a message id, which the
    console translates into its own language)."""

    key: str
    label: str


@dataclass(frozen=True)
class QuestionCount:
    """A reflection question and the hands counted for it, by fingers raised (1–5)."""

    question: Localised
    counts: tuple[int, ...]  # hands with 1, 2, 3, 4 and 5 fingers up

    @property
    def hands(self) -> int:
        return sum(self.counts)


@dataclass(frozen=True)
class RouteWay:
    """On a check-in where the session divides: a route and the steps it takes from there."""

    route: str  # a zone, or "mixed"
    steps: tuple[Localised, ...]


@dataclass(frozen=True)
class RoomState:
    """What the console shows. Texts are `{ fi, en }` tables, so that the console reads
    them in its own language; times are seconds as the room's `SessionRun` measured them
    when it sent (`drift`: how much later, or earlier if negative, the session now looks to
    end than planned; `on_time`: close enough to say "on time"), and times of day as the
    room shows them ("13:05")."""

    session: str
    title: Localised
    index: int
    count: int
    step_title: Localised
    notes: Localised = field(default_factory=dict)
    next_title: Localised | None = None
    step_planned: float = 0.0
    planned_total: float = 0.0
    elapsed: float = 0.0  # since the session started
    step_elapsed: float = 0.0
    drift: float = 0.0
    on_time: bool = True
    started: str = ""  # when the session started, "HH:MM"
    planned_end: str = ""  # "HH:MM"
    tally: dict[str, int] = field(default_factory=dict)
    fingers: tuple[QuestionCount, ...] = ()  # a reflection page's questions, else none
    fingers_selected: int = 0  # the question the keys 1–5 count for
    ways: tuple[RouteWay, ...] = ()  # on a check-in where the session divides, else none
    route: str | None = None  # the route the count chooses now (or was chosen)
    keys: tuple[RoomKey, ...] = ()
    blank: bool = False  # the room's screen is blanked
    practice: bool = False  # a practice runs on the room's screen


@dataclass(frozen=True)
class Bye:
    """The room is ending."""


# --- encoding ------------------------------------------------------------------------------


def encode_state(state: RoomState) -> bytes:
    data = asdict(state)
    data["keys"] = [[k.key, k.label] for k in state.keys]
    return _line({"type": "state", "v": VERSION, **data})


def encode_bye() -> bytes:
    return _line({"type": "bye", "v": VERSION})


def encode_key(name: str) -> bytes:
    return _line({"type": "key", "v": VERSION, "key": name})


def _line(data: dict[str, Any]) -> bytes:
    line = json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode() + b"\n"
    if len(line) > MAX_LINE:
        raise ValueError("message over the cap")  # the caps on texts keep a state far below
    return line


# --- decoding: everything received is data -----------------------------------------------------


def decode_key(line: bytes) -> str | None:
    """The key name a console sent, or None for anything else."""
    data = _json(line)
    if data is None or data.get("type") != "key":
        return None
    key = data.get("key")
    if isinstance(key, str) and _KEY_NAME.fullmatch(key):
        return key
    return None


def decode_room(line: bytes) -> RoomState | Bye | None:
    """A state or a bye from the room, or None for anything that is not one."""
    data = _json(line)
    if data is None:
        return None
    if data.get("type") == "bye":
        return Bye()
    if data.get("type") != "state":
        return None
    try:
        return _state(data)
    except (TypeError, ValueError):
        return None


def _json(line: bytes) -> dict[str, Any] | None:
    if len(line) > MAX_LINE:
        return None
    try:
        data = json.loads(line.decode("utf-8"))
    except (UnicodeDecodeError, ValueError, RecursionError):
        return None
    if not isinstance(data, dict) or data.get("v") != VERSION:
        return None
    return data


def _state(data: Mapping[str, Any]) -> RoomState:
    next_title = data.get("next_title")
    keys = data.get("keys", [])
    fingers = data.get("fingers", [])
    if not isinstance(keys, list) or not isinstance(fingers, list):
        raise TypeError
    questions = tuple(_question(value) for value in fingers[:MAX_QUESTIONS])
    ways = data.get("ways", [])
    route = data.get("route")
    if not isinstance(ways, list) or (route is not None and route not in ROUTE_ZONES):
        raise TypeError
    selected = _count(data.get("fingers_selected", 0))
    if selected and selected >= len(questions):
        raise ValueError
    return RoomState(
        session=_text(data.get("session"), 64, lines=False),
        title=_localised(data.get("title"), MAX_TITLE, lines=False),
        index=_count(data.get("index")),
        count=_count(data.get("count")),
        step_title=_localised(data.get("step_title"), MAX_TITLE, lines=False),
        notes=_localised(data.get("notes", {}), MAX_NOTES, lines=True),
        next_title=None if next_title is None else _localised(next_title, MAX_TITLE, lines=False),
        step_planned=_seconds(data.get("step_planned", 0)),
        planned_total=_seconds(data.get("planned_total", 0)),
        elapsed=_seconds(data.get("elapsed", 0)),
        step_elapsed=_seconds(data.get("step_elapsed", 0)),
        drift=_seconds(data.get("drift", 0), signed=True),
        on_time=data.get("on_time", True) is True,
        started=_clock(data.get("started", "")),
        planned_end=_clock(data.get("planned_end", "")),
        tally=_tally(data.get("tally", {})),
        fingers=questions,
        fingers_selected=selected,
        ways=tuple(_way(value) for value in ways[: len(ROUTE_ZONES)]),
        route=route,
        keys=tuple(_keys(keys[:MAX_KEYS])),
        blank=data.get("blank") is True,
        practice=data.get("practice") is True,
    )


def _text(value: object, cap: int, *, lines: bool) -> str:
    if not isinstance(value, str):
        raise TypeError
    return visible(value[:cap], lines=lines)


def _localised(value: object, cap: int, *, lines: bool) -> Localised:
    if not isinstance(value, dict):
        raise TypeError
    return {lang: _text(value[lang], cap, lines=lines) for lang in _LANGS if lang in value}


def _count(value: object) -> int:
    if type(value) is not int or not 0 <= value <= MAX_COUNT:
        raise ValueError
    return value


def _seconds(value: object, *, signed: bool = False) -> float:
    low = -MAX_SECONDS if signed else 0
    if type(value) not in (int, float) or not low <= value <= MAX_SECONDS:  # type: ignore[operator]
        raise ValueError
    return float(value)  # type: ignore[arg-type]


def _clock(value: object) -> str:
    if not isinstance(value, str):
        raise TypeError
    if value and not _CLOCK.fullmatch(value):
        raise ValueError
    return value


def _tally(value: object) -> dict[str, int]:
    if not isinstance(value, dict) or len(value) > 20:
        raise TypeError
    return {
        _text(name, 32, lines=False): _count(count)
        for name, count in value.items()
        if isinstance(name, str)
    }


def _way(value: object) -> RouteWay:
    if not isinstance(value, dict) or value.get("route") not in ROUTE_ZONES:
        raise TypeError
    steps = value.get("steps")
    if not isinstance(steps, list):
        raise TypeError
    return RouteWay(
        route=str(value["route"]),
        steps=tuple(_localised(step, MAX_TITLE, lines=False) for step in steps[:MAX_STEPS]),
    )


def _question(value: object) -> QuestionCount:
    if not isinstance(value, dict):
        raise TypeError
    counts = value.get("counts")
    if not isinstance(counts, list) or len(counts) != len(FINGERS):
        raise TypeError
    return QuestionCount(
        question=_localised(value.get("question"), MAX_QUESTION, lines=False),
        counts=tuple(_count(count) for count in counts),
    )


def _keys(values: list[object]) -> Iterator[RoomKey]:
    for value in values:
        if (
            isinstance(value, list)
            and len(value) == 2
            and isinstance(value[0], str)
            and _KEY_NAME.fullmatch(value[0])
            and isinstance(value[1], str)
        ):
            yield RoomKey(value[0], visible(value[1][:MAX_LABEL], lines=False))


# --- framing ---------------------------------------------------------------------------------


class LineBuffer:
    """Bytes from a stream in, whole lines out. A line longer than the cap is dropped
    whole (everything up to its newline), never kept growing."""

    def __init__(self, cap: int = MAX_LINE) -> None:
        self.cap = cap
        self._buffer = bytearray()
        self._skipping = False  # inside a line that is already over the cap

    def feed(self, data: bytes) -> list[bytes]:
        lines: list[bytes] = []
        self._buffer += data
        while True:
            end = self._buffer.find(b"\n")
            if end < 0:
                if len(self._buffer) > self.cap:
                    self._buffer.clear()
                    self._skipping = True
                return lines
            line = bytes(self._buffer[: end + 1])
            del self._buffer[: end + 1]
            if self._skipping:
                self._skipping = False
            elif len(line) <= self.cap:
                lines.append(line)


# --- the room's state, from its session as it runs ---------------------------------------------


def room_state(
    run: SessionRun,
    now: datetime,
    *,
    keys: tuple[RoomKey, ...] = (),
    blank: bool = False,
    practice: bool = False,
) -> RoomState | None:
    """What the console shows for where the session is at `now` (the room's wall clock):
    its step, tally and raised fingers, and its time as `run` tells the room's screen.
    None for a programme made from nothing named (nothing to tell a console)."""
    programme = run.programme
    source = programme.source
    if source is None:
        return None
    index = programme.index
    step = programme.step
    fingers = run.fingers
    questions = [step.page.questions[n] for n in fingers.rated] if step.page is not None else []
    counted = tuple(
        QuestionCount(_capped(question, MAX_QUESTION), tuple(min(n, MAX_COUNT) for n in counts))
        for question, counts in zip(questions, fingers.counts, strict=False)
    )[:MAX_QUESTIONS]
    after = programme.steps[index + 1] if index + 1 < len(programme.steps) else None
    here = programme.ways_here()
    ways = tuple(
        RouteWay(zone, tuple(_capped(step_title(s), MAX_TITLE) for s in steps[:MAX_STEPS]))
        for zone, steps in (here or {}).items()
    )
    drift = run.drift(now).total_seconds()
    return RoomState(
        session=source.id,
        title=_capped(source.title, MAX_TITLE),
        index=index,
        count=len(programme.steps),
        step_title=_capped(step_title(step), MAX_TITLE),
        notes=_capped(step.notes or {}, MAX_NOTES),
        next_title=None if after is None else _capped(step_title(after), MAX_TITLE),
        step_planned=min(step.seconds, MAX_SECONDS),
        planned_total=min(programme.total_seconds(), MAX_SECONDS),
        elapsed=_told(run.elapsed(now).total_seconds()),
        step_elapsed=_told((now - run.step_entered).total_seconds()),
        drift=max(-MAX_SECONDS, min(drift, MAX_SECONDS)),
        on_time=run.on_time(now),
        started=run.started.strftime("%H:%M"),
        planned_end=run.planned_end.strftime("%H:%M"),
        tally={zone: min(getattr(run.tally, zone), MAX_COUNT) for zone in TALLY_ZONES},
        fingers=counted,
        fingers_selected=fingers.selected if fingers.selected < len(counted) else 0,
        ways=ways,
        route=programme.route if ways else None,
        keys=keys[:MAX_KEYS],
        blank=blank,
        practice=practice,
    )


def _told(seconds: float) -> float:
    return max(0.0, min(seconds, MAX_SECONDS))


def step_title(step: ProgrammeStep) -> Mapping[Lang, str]:
    if step.page is not None:
        return step.page.title
    assert step.item is not None
    return step.item.title


def _capped(text: Mapping[Lang, str], cap: int) -> Localised:
    return {lang: value[:cap] for lang, value in text.items() if lang in _LANGS}
