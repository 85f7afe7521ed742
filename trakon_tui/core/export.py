"""The whole log as JSON or CSV, streamed (#16): each record is encoded and written as it is
read from SQLite, so that 100,000 check-ins take a fraction of a second and a few MiB,
whatever the log's size. Times are ISO 8601 with the offset each record was made in; pairs
are linked by id; nothing is left out.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterator, Sequence
from datetime import date, datetime, timedelta, timezone

import msgspec

from trakon_tui.core.private_file import Sink
from trakon_tui.core.store import Store
from trakon_tui.core.text import visible

FORMAT = 1
_BATCH = 2000  # rows read, built, encoded and written at once


class _Times:
    """ISO 8601 in the offset a record was made in, to the second, exactly as
    `datetime.fromtimestamp(ms // 1000, offset).isoformat()` writes it, at a fraction of its
    cost (#16): the date and the offset are made once per local day and offset, the clock
    from two small tables."""

    _CLOCK = tuple(f"T{h:02d}:{m:02d}:" for h in range(24) for m in range(60))
    _SECONDS = tuple(f"{s:02d}" for s in range(60))

    def __init__(self) -> None:
        self._days: dict[tuple[int, int], tuple[str, str]] = {}

    def __call__(self, ms: int, offset_min: int) -> str:
        day, second = divmod(ms // 1000 + offset_min * 60, 86400)
        parts = self._days.get((day, offset_min))
        if parts is None:
            zone = timezone(timedelta(minutes=offset_min))
            suffix = datetime(2000, 1, 1, tzinfo=zone).isoformat()[19:]
            parts = self._days[day, offset_min] = (
                (_EPOCH + timedelta(days=day)).isoformat(),
                suffix,
            )
        minute, second = divmod(second, 60)
        return parts[0] + self._CLOCK[minute] + self._SECONDS[second] + parts[1]


_EPOCH = date(1970, 1, 1)


class _Splits(dict[str, list[str]]):
    """Signs and body areas as lists, each distinct text split once (they repeat: a log has
    a few dozen combinations). The lists are shared, read only by the encoder."""

    def __missing__(self, joined: str) -> list[str]:
        parts = self[joined] = [part for part in joined.split(",") if part]
        return parts


class CheckinRecord(msgspec.Struct):
    """One check-in as the JSON export writes it (a Struct encodes ~2× faster than a dict)."""

    id: int
    time: str
    level: int | None
    zone: str
    window_low: int
    window_high: int
    intensity: int | None
    tags: list[str]
    body_areas: list[str]
    note: str | None
    context: str
    practice_id: str | None
    pair_id: int | None


class RunRecord(msgspec.Struct):
    id: int
    item_id: str
    kind: str
    started: str
    ended: str
    completed: bool
    pace: float
    before_checkin: int | None
    after_checkin: int | None


class WritingRecord(msgspec.Struct):
    id: int
    time: str
    item_id: str
    text: str


class ContextRecord(msgspec.Struct):
    """What was just before a check-in (#17): one record per tag, linked by its id."""

    checkin_id: int
    tag: str


CHECKIN_FIELDS: tuple[str, ...] = CheckinRecord.__struct_fields__
RUN_FIELDS: tuple[str, ...] = RunRecord.__struct_fields__
WRITING_FIELDS: tuple[str, ...] = WritingRecord.__struct_fields__
CONTEXT_FIELDS: tuple[str, ...] = ContextRecord.__struct_fields__
# One CSV column per field name of any record (a name two records share is one column).
CSV_COLUMNS = tuple(
    dict.fromkeys(("record", *CHECKIN_FIELDS, *RUN_FIELDS, *WRITING_FIELDS, *CONTEXT_FIELDS))
)


def sections(store: Store) -> list[tuple[str, Iterator[Sequence[msgspec.Struct]]]]:
    """(JSON key, its records in batches) for check-ins, practice runs, kept writings and
    context tags, each in time order, read from SQLite as they are written out."""
    iso, split = _Times(), _Splits()

    def checkins() -> Iterator[list[CheckinRecord]]:
        for batch in store.checkin_batches(_BATCH):
            yield [
                CheckinRecord(
                    row_id, iso(at, off), level, zone, low, high, inten, split[tags],
                    split[areas], note, ctx, item, pair,
                )
                for row_id, at, off, level, zone, low, high, inten, tags, areas, note, ctx,
                    item, pair in batch
            ]  # fmt: skip

    def runs() -> Iterator[list[RunRecord]]:
        for batch in store.run_batches(_BATCH):
            yield [
                RunRecord(
                    row_id, item, kind, iso(start, off), iso(end, off), bool(done), pace, before,
                    after,
                )
                for row_id, item, kind, start, end, off, done, pace, before, after in batch
            ]  # fmt: skip

    def writings() -> Iterator[list[WritingRecord]]:
        yield [
            WritingRecord(w.id, w.at.isoformat(timespec="seconds"), w.item_id, w.text)
            for w in reversed(store.writings())
        ]

    def context_tags() -> Iterator[list[ContextRecord]]:
        for batch in store.context_batches(_BATCH):
            yield [ContextRecord(checkin_id, tag) for checkin_id, tag in batch]

    return [
        ("checkins", checkins()),
        ("practice_runs", runs()),
        ("writings", writings()),
        ("context_tags", context_tags()),
    ]


# JSON escapes C0 controls but leaves DEL and the C1 controls (U+0080–U+009F, which some
# terminals act on) raw. They can only stand inside strings, where \u escapes mean the same
# characters, so the export stays lossless. In UTF-8 they are 0x7F and 0xC2 0x80–0x9F.
_RAW_CONTROL = re.compile(rb"\x7f|\xc2[\x80-\x9f]")


def _escape(match: re.Match[bytes]) -> bytes:
    return b"\\u%04x" % ord(match[0].decode("utf-8"))


def write_json(store: Store, out: Sink) -> None:
    """Valid JSON, one record per line (readable and diffable), written as it is read: a
    batch of records encoded in one call, one record a line, and written at once."""
    encode_lines = msgspec.json.Encoder().encode_lines
    out.write(b'{\n  "format": %d' % FORMAT)
    for key, batches in sections(store):
        out.write(b',\n  "%s": [' % key.encode())
        first = True
        for batch in batches:
            if not batch:
                continue
            # One record a line: JSON text never holds a raw line break (it is escaped).
            lines = encode_lines(batch)[:-1].replace(b"\n", b",\n    ")
            if b"\x7f" in lines or b"\xc2" in lines:  # rarely: most text is ASCII or ä, ö
                lines = _RAW_CONTROL.sub(_escape, lines)
            out.write((b"\n    " if first else b",\n    ") + lines)
            first = False
        out.write(b"]" if first else b"\n  ]")
    out.write(b"\n}\n")


def write_csv(store: Store, out: Sink, delimiter: str) -> None:
    """One row per check-in, practice run and kept writing; UTF-8 with a byte-order mark so
    that spreadsheets read ä and ö. Text from the log is made visible: a control character
    becomes its stand-in, as on the screen (only notes and writings keep their line breaks
    and tabs, inside a quoted cell). Rows are built straight from SQLite's (~2× faster here
    than going through the JSON records), a batch at a time, and written at once."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=delimiter, lineterminator="\r\n")
    # A check-in's row ends with the empty cells of the other records' columns: written as
    # its line ending, so that the writer handles only the check-in's own cells.
    empty = len(CSV_COLUMNS) - 1 - len(CHECKIN_FIELDS)
    checkins = csv.writer(buffer, delimiter=delimiter, lineterminator=delimiter * empty + "\r\n")
    writer.writerow(CSV_COLUMNS)
    out.write("\ufeff".encode())
    for record, batch in _csv_batches(store):
        (checkins if record == "checkin" else writer).writerows(batch)
        out.write(buffer.getvalue().encode())
        buffer.seek(0)
        buffer.truncate()
    out.write(buffer.getvalue().encode())


def _csv_batches(store: Store) -> Iterator[tuple[str, list[list[object]]]]:
    """(record, rows): a check-in's row holds only its own cells (see `write_csv`)."""
    iso, one_line = _Times(), _OneLine()
    for batch in store.checkin_batches(_BATCH):
        yield "checkin", [
            [
                "checkin", row_id, iso(at, off), level, zone, low, high, inten, one_line[tags],
                one_line[areas], _shown(note), context, _one_line(item), pair,
            ]
            for row_id, at, off, level, zone, low, high, inten, tags, areas, note, context,
                item, pair in batch
        ]  # fmt: skip
    for runs in store.run_batches(_BATCH):
        yield "practice_run", [
            _placed(
                "practice_run", RUN_FIELDS,
                (row_id, one_line[item_id], kind, iso(start, off), iso(end, off), bool(done),
                 pace, before, after),
            )
            for row_id, item_id, kind, start, end, off, done, pace, before, after in runs
        ]  # fmt: skip
    yield (
        "writing",
        [
            _placed(
                "writing",
                WRITING_FIELDS,
                (w.id, w.at.isoformat(timespec="seconds"), _one_line(w.item_id), _shown(w.text)),
            )
            for w in reversed(store.writings())
        ],
    )
    for tag_rows in store.context_batches(_BATCH):
        yield (
            "context_tag",
            [
                _placed("context_tag", CONTEXT_FIELDS, (checkin_id, one_line[tag]))
                for checkin_id, tag in tag_rows
            ],
        )


def _placed(record: str, fields: tuple[str, ...], values: tuple[object, ...]) -> list[object]:
    """A row with `values` under their own columns and nothing under the others."""
    cells: list[object] = [None] * len(CSV_COLUMNS)
    cells[0] = record
    for name, value in zip(fields, values, strict=True):
        cells[_COLUMN[name]] = value
    return cells


_COLUMN = {name: index for index, name in enumerate(CSV_COLUMNS)}


def _one_line(text: str | None) -> str | None:
    """An id or a list of ids as a cell: visible, on one line (C-fast when nothing to do)."""
    if text is None or text.isprintable():
        return text
    return visible(text, lines=False)


class _OneLine(dict[str, str]):
    """`_one_line` of ids and lists of ids, each distinct text made once (they repeat)."""

    def __missing__(self, text: str) -> str:
        shown = self[text] = text if text.isprintable() else visible(text, lines=False)
        return shown


def _shown(text: str | None) -> str | None:
    """A note or a writing as a cell: visible, keeping its line breaks and tabs."""
    if text is None or text.isprintable():
        return text
    return visible(text)
