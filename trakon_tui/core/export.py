"""The whole log as JSON or CSV, streamed (#16): each record is encoded and written as it is
read from SQLite, so that 100,000 check-ins take a fraction of a second and a few MiB,
whatever the log's size. Times are ISO 8601 with the offset each record was made in; pairs
are linked by id; nothing is left out.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterator
from datetime import datetime, timedelta, timezone

import msgspec

from trakon_tui.core.private_file import Sink
from trakon_tui.core.store import Store
from trakon_tui.core.text import visible

FORMAT = 1
_FLUSH_ROWS = 2000  # CSV rows gathered before they are encoded and written


class _Times:
    """ISO 8601 in the offset a record was made in (one timezone object per offset)."""

    def __init__(self) -> None:
        self._zones: dict[int, timezone] = {}

    def __call__(self, ms: int, offset_min: int) -> str:
        zone = self._zones.get(offset_min)
        if zone is None:
            zone = self._zones[offset_min] = timezone(timedelta(minutes=offset_min))
        return datetime.fromtimestamp(ms // 1000, zone).isoformat()


def _split(joined: str) -> list[str]:
    return [part for part in joined.split(",") if part]


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


def sections(store: Store) -> list[tuple[str, Iterator[msgspec.Struct]]]:
    """(JSON key, its records) for check-ins, practice runs and kept writings, each in time
    order, read from SQLite as they are written out."""
    iso = _Times()

    def checkins() -> Iterator[CheckinRecord]:
        for row in store.checkin_rows():
            row_id, at, off, level, zone, low, high, inten, tags, areas, note, ctx, item, pair = row
            yield CheckinRecord(
                row_id, iso(at, off), level, zone, low, high, inten, _split(tags), _split(areas),
                note, ctx, item, pair,
            )  # fmt: skip

    def runs() -> Iterator[RunRecord]:
        for row_id, item, kind, start, end, off, done, pace, before, after in store.runs():
            started, ended = iso(start, off), iso(end, off)
            yield RunRecord(row_id, item, kind, started, ended, bool(done), pace, before, after)

    def writings() -> Iterator[WritingRecord]:
        for writing in reversed(store.writings()):
            when = writing.at.isoformat(timespec="seconds")
            yield WritingRecord(writing.id, when, writing.item_id, writing.text)

    def context_tags() -> Iterator[ContextRecord]:
        for checkin_id, tag in store.context_rows():
            yield ContextRecord(checkin_id, tag)

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
    """Valid JSON, one record per line (readable and diffable), written as it is read."""
    encode = msgspec.json.Encoder().encode
    out.write(b'{\n  "format": %d' % FORMAT)
    for key, found in sections(store):
        out.write(b',\n  "%s": [' % key.encode())
        first = True
        for record in found:
            line = encode(record)
            if b"\x7f" in line or b"\xc2" in line:  # rarely: most text is ASCII or ä, ö
                line = _RAW_CONTROL.sub(_escape, line)
            out.write((b"\n    " if first else b",\n    ") + line)
            first = False
        out.write(b"]" if first else b"\n  ]")
    out.write(b"\n}\n")


def write_csv(store: Store, out: Sink, delimiter: str) -> None:
    """One row per check-in, practice run and kept writing; UTF-8 with a byte-order mark so
    that spreadsheets read ä and ö. Text from the log is made visible: a control character
    becomes its stand-in, as on the screen (only notes and writings keep their line breaks
    and tabs, inside a quoted cell). Rows are built straight from SQLite's (~2× faster here
    than going through the JSON records) and written in blocks of rows."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=delimiter, lineterminator="\r\n")
    writer.writerow(CSV_COLUMNS)
    out.write("\ufeff".encode())
    for n, cells in enumerate(_csv_rows(store), start=1):
        writer.writerow(cells)
        if n % _FLUSH_ROWS == 0:
            out.write(buffer.getvalue().encode())
            buffer.seek(0)
            buffer.truncate()
    out.write(buffer.getvalue().encode())


def _csv_rows(store: Store) -> Iterator[list[object]]:
    iso = _Times()
    padding: list[object] = [None] * (len(CSV_COLUMNS) - 1 - len(CHECKIN_FIELDS))
    for row in store.checkin_rows():
        row_id, at, off, level, zone, low, high, inten, tags, areas, note, context, item, pair = row
        yield [
            "checkin", row_id, iso(at, off), level, zone, low, high, inten,
            _one_line(tags), _one_line(areas), _shown(note), context, _one_line(item), pair,
            *padding,
        ]  # fmt: skip
    for row_id, item_id, kind, start, end, off, done, pace, before, after in store.runs():
        run = (row_id, _one_line(item_id), kind, iso(start, off), iso(end, off), bool(done))
        yield _placed("practice_run", RUN_FIELDS, (*run, pace, before, after))
    for writing in reversed(store.writings()):
        when = writing.at.isoformat(timespec="seconds")
        text = (writing.id, when, _one_line(writing.item_id), _shown(writing.text))
        yield _placed("writing", WRITING_FIELDS, text)
    for checkin_id, tag in store.context_rows():
        yield _placed("context_tag", CONTEXT_FIELDS, (checkin_id, _one_line(tag)))


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


def _shown(text: str | None) -> str | None:
    """A note or a writing as a cell: visible, keeping its line breaks and tabs."""
    if text is None or text.isprintable():
        return text
    return visible(text)
