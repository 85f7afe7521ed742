"""`trakon checkin --level N`, `trakon export`, `trakon forget`: the log without the UI."""

from __future__ import annotations

import csv
import io
import json
import re
import sys
from collections.abc import Callable
from datetime import UTC, date, datetime, time, timedelta, timezone
from pathlib import Path

from trakon_tui.commands.options import Options
from trakon_tui.core.paths import data_dir
from trakon_tui.core.store import CheckIn, LogError, Store
from trakon_tui.core.window import zone_for
from trakon_tui.i18n import _, current_language

SLUG = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")


def _fail(message: str) -> int:
    print(message, file=sys.stderr)
    return 2


def personal_window(options: Options) -> tuple[int, int]:
    """The band for a check-in from the command line (the scale is read only when no band
    is saved)."""
    from trakon_tui.core import settings
    from trakon_tui.core import window as window_rules

    saved = settings.load(settings.settings_path()).settings.window
    if saved is not None:
        return saved
    from trakon_tui.commands.listing import load_library

    scale = load_library(options.extra_dirs).checkin_scale()
    scale_window = (scale.window.low, scale.window.high) if scale is not None else None
    return window_rules.personal_window(None, scale_window)


def run_checkin(args: object, options: Options, now: Callable[[], datetime] | None = None) -> int:
    level: int | None = getattr(args, "level", None)
    zone: str | None = getattr(args, "zone", None)
    intensity: int | None = getattr(args, "intensity", None)
    tags = tuple(t.strip() for t in (getattr(args, "tags", None) or "").split(",") if t.strip())
    note: str | None = getattr(args, "note", None)
    if level is None and zone != "unsure":
        return _fail(_("Give --level 0–10, or --zone unsure for don't know / mixed."))
    if level is not None and not 0 <= level <= 10:
        return _fail(_("--level is from 0 to 10."))
    if intensity is not None and not 0 <= intensity <= 10:
        return _fail(_("--intensity is from 0 to 10."))
    window = personal_window(options)
    if level is not None and zone is not None and zone != zone_for(level, *window):
        return _fail(
            _("Level {level} is {actual} your window ({low}–{high}), not {zone}.").format(
                level=level,
                actual=_(zone_for(level, *window)),
                low=window[0],
                high=window[1],
                zone=_(zone),
            )
        )
    if zone == "unsure":
        level = None
    bad = [t for t in tags if not SLUG.match(t)]
    if bad:
        return _fail(
            _("Tags are short ids like “tense” or “racing-thoughts”: {bad}").format(
                bad=", ".join(bad)
            )
        )
    if note is not None and len(note) > 2000:
        return _fail(_("A note is at most 2000 characters."))
    if options.no_log:
        print(_("Nothing was saved (--no-log)."))
        return 0
    moment = (now or _local_now)()
    try:
        store = Store.open(data_dir(options.data_dir))
        try:
            store.add_checkin(
                CheckIn(
                    at=moment,
                    level=level,
                    window=window,
                    intensity=intensity,
                    tags=tags,
                    note=note,
                )
            )
        finally:
            store.close()
    except LogError as error:
        print(error.message(), file=sys.stderr)
        return 1
    if store.moved_aside:
        print(
            _(
                "The old log could not be read; it was kept as {path} and a new log was started."
            ).format(path=store.moved_aside),
            file=sys.stderr,
        )
    print(_("Saved."))
    return 0


def run_history(options: Options) -> int:
    """`trakon history`: the history screen, unless hidden in the settings."""
    from trakon_tui.core import settings

    if settings.load(settings.settings_path()).settings.hide_history:
        print(_("History is hidden in the settings."), file=sys.stderr)
        return 1
    if options.plain:
        print(
            _(
                "History is a screen; in plain mode, `trakon export --format csv` gives "
                "every check-in as text."
            )
        )
        return 2
    from trakon_tui.ui.run import run_app

    def history() -> object:
        from trakon_tui.ui.screens.history import HistoryScreen

        return HistoryScreen()

    return run_app(options, start=history)


def _local_now() -> datetime:
    return datetime.now().astimezone()


def _iso(ms: int, offset_min: int) -> str:
    zone = timezone(timedelta(minutes=offset_min))
    return datetime.fromtimestamp(ms / 1000, tz=zone).isoformat(timespec="seconds")


CHECKIN_FIELDS = (
    "id",
    "time",
    "level",
    "zone",
    "window_low",
    "window_high",
    "intensity",
    "tags",
    "body_areas",
    "note",
    "context",
    "practice_id",
    "pair_id",
)
RUN_FIELDS = (
    "id",
    "item_id",
    "kind",
    "started",
    "ended",
    "completed",
    "pace",
    "before_checkin",
    "after_checkin",
)


WRITING_FIELDS = ("id", "time", "item_id", "text")


def export_data(store: Store) -> dict[str, object]:
    """Every field of the log, times in ISO 8601 with their offsets, pairs linked by id."""
    checkins = [
        dict(
            zip(
                CHECKIN_FIELDS,
                (
                    row_id,
                    _iso(at, off),
                    level,
                    zone,
                    low,
                    high,
                    inten,
                    [t for t in tags.split(",") if t],
                    [a for a in areas.split(",") if a],
                    note,
                    context,
                    practice,
                    pair,
                ),
                strict=True,
            )
        )
        for (
            row_id,
            at,
            off,
            level,
            zone,
            low,
            high,
            inten,
            tags,
            areas,
            note,
            context,
            practice,
            pair,
        ) in store.checkin_rows()
    ]
    runs = [
        dict(
            zip(
                RUN_FIELDS,
                (
                    row_id,
                    item,
                    kind,
                    _iso(start, off),
                    _iso(end, off),
                    bool(done),
                    pace,
                    before,
                    after,
                ),
                strict=True,
            )
        )
        for row_id, item, kind, start, end, off, done, pace, before, after in store.runs()
    ]
    writings = [
        dict(
            zip(
                WRITING_FIELDS,
                (w.id, w.at.isoformat(timespec="seconds"), w.item_id, w.text),
                strict=True,
            )
        )
        for w in reversed(store.writings())
    ]
    return {"format": 1, "checkins": checkins, "practice_runs": runs, "writings": writings}


def export_json(data: dict[str, object]) -> str:
    """Valid JSON with one record per line: readable, diffable, and fast to write (the
    indented form took 2 s for 100,000 check-ins here)."""
    sections = [f'  "format": {json.dumps(data["format"])}']
    for key in ("checkins", "practice_runs", "writings"):
        records = data[key]
        assert isinstance(records, list)
        if not records:
            sections.append(f'  "{key}": []')
            continue
        lines = ",\n".join("    " + json.dumps(r, ensure_ascii=False) for r in records)
        sections.append(f'  "{key}": [\n{lines}\n  ]')
    return "{\n" + ",\n".join(sections) + "\n}\n"


# One column per field name of any record (a name shared by two records is one column), in
# the order the fields are listed above.
CSV_COLUMNS = tuple(dict.fromkeys(("record", *CHECKIN_FIELDS, *RUN_FIELDS, *WRITING_FIELDS)))


def export_csv(data: dict[str, object]) -> str:
    """One row per check-in and per practice run; UTF-8 with a byte-order mark so that
    spreadsheets read ä and ö; `;` between fields in Finnish (as Finnish spreadsheets
    expect), `,` in English."""
    buffer = io.StringIO()
    delimiter = ";" if current_language() == "fi" else ","
    writer = csv.DictWriter(buffer, CSV_COLUMNS, delimiter=delimiter, lineterminator="\r\n")
    writer.writeheader()
    for record, key in (
        ("checkin", "checkins"),
        ("practice_run", "practice_runs"),
        ("writing", "writings"),
    ):
        for entry in data[key]:  # type: ignore[attr-defined]
            row = {k: (",".join(v) if isinstance(v, list) else v) for k, v in entry.items()}
            writer.writerow({"record": record, **row})
    return "\ufeff" + buffer.getvalue()


def run_export(fmt: str, output: Path | None, options: Options) -> int:
    try:
        store = Store.open(data_dir(options.data_dir))
        try:
            data = export_data(store)
        finally:
            store.close()
    except LogError as error:
        print(error.message(), file=sys.stderr)
        return 1
    text = export_csv(data) if fmt == "csv" else export_json(data)
    if output is None:
        sys.stdout.write(text)
    else:
        import os

        fd = os.open(output, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as handle:
            handle.write(text)
        print(_("Exported to {path} (readable by you only).").format(path=output), file=sys.stderr)
    return 0


def run_forget(
    everything: bool,
    before: str | None,
    yes: bool,
    options: Options,
    ask: Callable[[str], str] = input,
) -> int:
    cut: datetime | None = None
    if before is not None:
        try:
            day = date.fromisoformat(before)
        except ValueError:
            return _fail(_("--before takes a date like 2026-11-01."))
        cut = datetime.combine(day, time(0), tzinfo=datetime.now().astimezone().tzinfo)
    if not everything and cut is None:
        return _fail(_("Say what to delete: --all or --before DATE."))
    try:
        store = Store.open(data_dir(options.data_dir))
    except LogError as error:
        print(error.message(), file=sys.stderr)
        return 1
    try:
        sql = "SELECT count(*) FROM checkin" + (" WHERE at_ms < ?" if cut else "")
        params = (round(cut.astimezone(UTC).timestamp() * 1000),) if cut else ()
        count = store.connection.execute(sql, params).fetchone()[0]
        question = (
            _("Delete all {n} check-ins and practice runs for good? [y/N] ")
            if cut is None
            else _("Delete {n} check-ins and practice runs from before {date} for good? [y/N] ")
        ).format(n=count, date=before)
        if not yes:
            try:
                answer = ask(question).strip().lower()
            except EOFError:
                answer = ""
            if answer not in ("y", "yes", "k", "kyllä"):
                print(_("Nothing was deleted."))
                return 1
        deleted = store.forget(cut)
    except LogError as error:
        print(error.message(), file=sys.stderr)
        return 1
    finally:
        store.close()
    print(_("Deleted {n} check-ins.").format(n=deleted))
    return 0
