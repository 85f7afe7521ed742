"""`trakon checkin --level N`, `trakon export`, `trakon forget`: the log without the UI."""

from __future__ import annotations

import contextlib
import csv
import io
import json
import os
import re
import stat
import sys
import tempfile
from collections.abc import Callable
from datetime import date, datetime, time, timedelta, timezone
from pathlib import Path

from trakon_tui.commands.app_request import OpenApp
from trakon_tui.commands.options import Options
from trakon_tui.core.paths import data_dir
from trakon_tui.core.store import CheckIn, LogError, Store, storable
from trakon_tui.core.text import visible
from trakon_tui.core.window import zone_for
from trakon_tui.i18n import _, current_language

SLUG = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")


def _fail(message: str) -> int:
    print(message, file=sys.stderr)
    return 2


def _problem(message: str) -> int:
    """A problem with the log or the target: said in one sentence, exit 1."""
    print(message, file=sys.stderr)
    return 1


def _shown(path: Path) -> str:
    return visible(str(path), lines=False)


def say_kept_aside(path: Path) -> None:
    """Where a damaged log was kept (on opening, or on a write that then went to a new log)."""
    print(
        _("The old log could not be read; it was kept as {path} and a new log was started.").format(
            path=_shown(path)
        ),
        file=sys.stderr,
    )


def _tell_kept(store: Store) -> None:
    if store.moved_aside is not None:
        say_kept_aside(store.moved_aside)


def _note_text(note: str) -> tuple[str, bool]:
    """The note as text, and whether some of it could not be read. Under LC_ALL=C Python
    hands over bytes it could not decode as lone surrogates: their bytes are read again as
    UTF-8, and what still is not text becomes U+FFFD."""
    if note.isascii() or storable(note) == note:
        return note, False
    try:
        text = os.fsencode(note).decode("utf-8", errors="replace")
    except UnicodeError:
        text = note
    text = storable(text)
    return text, "\ufffd" in text


def personal_window(options: Options) -> tuple[int, int]:
    """The band for a check-in from the command line (the scale is read only when no band
    is saved)."""
    from trakon_tui.core import window as window_rules

    saved = options.settings().window
    if saved is not None:
        return saved
    from trakon_tui.core.library import load_library

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
                bad=visible(storable(", ".join(bad)), lines=False)
            )
        )
    unreadable = False
    if note is not None:
        note, unreadable = _note_text(note)
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
        return _problem(error.message())
    _tell_kept(store)
    if unreadable:
        print(
            _(
                "Part of the note was not readable text (the terminal's language setting may "
                "be the cause), so it was saved with � in its place."
            ),
            file=sys.stderr,
        )
    print(_("Saved."))
    return 0


def run_history(
    options: Options,
    *,
    weeks: bool = False,
    today: Callable[[], date] | None = None,
) -> int | OpenApp:
    """`trakon history`: the history screen; as text when standard output is not a terminal
    (a pipe, a file) or with --plain. Nothing, if hidden in the settings."""
    if options.settings().hide_history:
        print(_("History is hidden in the settings."), file=sys.stderr)
        return 1
    stdout = sys.stdout
    if not options.plain and stdout is not None and stdout.isatty():
        return OpenApp("history", "weeks" if weeks else None)
    if stdout is None:  # started with standard output closed: nowhere to print
        return _problem(_("Standard output is closed, so there is nothing to show history on."))
    if options.no_log:
        print(_("The log is off (--no-log), so there is no history to show."))
        return 0
    from trakon_tui.commands.history_text import print_history
    from trakon_tui.core.library import load_library

    library = load_library(options.extra_dirs)
    try:
        store = Store.open(data_dir(options.data_dir))
        try:
            _tell_kept(store)
            print_history(library, store, stdout, span="weeks" if weeks else "days", today=today)
        finally:
            store.close()
    except LogError as error:
        return _problem(error.message())
    return 0


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


# json.dumps escapes C0 controls but, with ensure_ascii=False, leaves DEL and the C1 controls
# (U+0080–U+009F, which some terminals act on) as they are. They can only stand inside
# strings, where \u escapes mean the same characters: the export stays lossless.
_JSON_RAW = re.compile("[\x7f-\x9f]")
_JSON_ESCAPES = {code: f"\\u{code:04x}" for code in range(0x7F, 0xA0)}


def export_json(data: dict[str, object]) -> str:
    """Valid JSON with one record per line: readable, diffable, and fast to write (the
    indented form took 2 s for 100,000 check-ins here). No control character is left raw."""
    sections = [f'  "format": {json.dumps(data["format"])}']
    for key in ("checkins", "practice_runs", "writings"):
        records = data[key]
        assert isinstance(records, list)
        if not records:
            sections.append(f'  "{key}": []')
            continue
        lines = ",\n".join("    " + json.dumps(r, ensure_ascii=False) for r in records)
        sections.append(f'  "{key}": [\n{lines}\n  ]')
    text = "{\n" + ",\n".join(sections) + "\n}\n"
    # isascii() is a flag on the string (no scan); otherwise one scan, ~60 ms for 28 MB.
    raw = "\x7f" in text if text.isascii() else _JSON_RAW.search(text) is not None
    if raw:
        text = text.translate(_JSON_ESCAPES)
    return text


# One column per field name of any record (a name shared by two records is one column), in
# the order the fields are listed above.
CSV_COLUMNS = tuple(dict.fromkeys(("record", *CHECKIN_FIELDS, *RUN_FIELDS, *WRITING_FIELDS)))
CSV_LINES = frozenset(("note", "text"))  # cells that may keep their line breaks and tabs


def export_csv(data: dict[str, object]) -> str:
    """One row per check-in and per practice run; UTF-8 with a byte-order mark so that
    spreadsheets read ä and ö; `;` between fields in Finnish (as Finnish spreadsheets
    expect), `,` in English. Text from the log (notes, tags, writings, ids) is made visible:
    a control character becomes its stand-in, as on the screen (only notes and writings keep
    their line breaks and tabs, inside a quoted cell)."""
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
            row: dict[str, object] = {"record": record}
            for name, value in entry.items():
                if isinstance(value, list):
                    value = ",".join(value)
                if isinstance(value, str) and not value.isprintable():  # C-fast: rarely true
                    value = visible(value, lines=name in CSV_LINES)
                row[name] = value
            writer.writerow(row)
    return "\ufeff" + buffer.getvalue()


def _target_problem(output: Path, force: bool) -> str | None:
    """Why the export may not be written to `output`, or None. A new file, or with --force
    an existing regular file; never a folder, a device, a link or anything else."""
    try:
        info = os.lstat(output)
    except FileNotFoundError:
        folder = output.parent
        if not folder.is_dir():
            return _("The folder {folder} does not exist, so nothing was exported.").format(
                folder=_shown(folder)
            )
        return None
    except OSError as error:
        return _("The export could not be written to {path}: {reason}").format(
            path=_shown(output), reason=error.strerror or error
        )
    if stat.S_ISDIR(info.st_mode):
        return _("{path} is a folder; give a file name for the export.").format(path=_shown(output))
    if not stat.S_ISREG(info.st_mode):
        return _("{path} is not a regular file, so the export was not written to it.").format(
            path=_shown(output)
        )
    if not force:
        return _("{path} already exists; nothing was written (--force replaces it).").format(
            path=_shown(output)
        )
    return None


def _write_new(output: Path, text: str, force: bool) -> str | None:
    """Write `text` to a temporary file beside `output` (created 0600), flush it to the disk
    and rename it into place: a reader never sees half an export, and a failure leaves no
    file behind. The reason it failed, or None."""
    folder = output.parent
    try:
        fd, temporary = tempfile.mkstemp(prefix=f".{output.name}.", suffix=".tmp", dir=folder)
    except OSError as error:
        return _("The export could not be written to {path}: {reason}").format(
            path=_shown(output), reason=error.strerror or error
        )
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        problem = _target_problem(output, force)  # again: something may have appeared there
        if problem is not None:
            os.unlink(temporary)
            return problem
        os.replace(temporary, output)
    except OSError as error:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        return _("The export could not be written to {path}: {reason}").format(
            path=_shown(output), reason=error.strerror or error
        )
    try:  # the rename itself, durable too
        folder_fd = os.open(folder, os.O_RDONLY | os.O_DIRECTORY)
        try:
            os.fsync(folder_fd)
        finally:
            os.close(folder_fd)
    except OSError:
        pass  # some file systems cannot sync a folder; the file itself is on the disk
    return None


def _write_stdout(text: str) -> str | None:
    """Write the export to standard output; the reason it failed, or None. A reader that
    left (BrokenPipeError) is not a failure to report: `cli.main` ends quietly."""
    stream = sys.stdout
    if stream is None:  # started with standard output closed
        return _("Standard output is closed, so nothing was exported (-o FILE writes a file).")
    try:
        stream.write(text)
        stream.flush()
    except BrokenPipeError:
        raise
    except (OSError, ValueError) as error:
        # Point stdout at /dev/null so that the interpreter's final flush cannot fail again.
        try:
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, stream.fileno())
            os.close(devnull)
        except (OSError, ValueError):
            pass
        reason = error.strerror if isinstance(error, OSError) and error.strerror else error
        return _("The export could not be written to standard output: {reason}").format(
            reason=reason
        )
    return None


def run_export(fmt: str, output: Path | None, options: Options, *, force: bool = False) -> int:
    if output is not None:
        problem = _target_problem(output, force)
        if problem is not None:
            return _problem(problem)
    try:
        store = Store.open(data_dir(options.data_dir))
        try:
            _tell_kept(store)
            data = export_data(store)
        finally:
            store.close()
    except LogError as error:
        return _problem(error.message())
    text = export_csv(data) if fmt == "csv" else export_json(data)
    if output is None:
        problem = _write_stdout(text)
        return 0 if problem is None else _problem(problem)
    problem = _write_new(output, text, force)
    if problem is not None:
        return _problem(problem)
    print(
        _("Exported to {path} (readable by you only).").format(path=_shown(output)),
        file=sys.stderr,
    )
    return 0


def _local_midnight(day: date) -> datetime:
    """The start of `day` in the local time of that day; at the ends of the calendar, where
    the local zone cannot be asked, with today's offset."""
    naive = datetime.combine(day, time(0))
    try:
        return naive.astimezone()
    except (ValueError, OverflowError, OSError):
        tz = datetime.now().astimezone().tzinfo
        return naive.replace(tzinfo=tz)


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
        cut = _local_midnight(day)
    if not everything and cut is None:
        return _fail(_("Say what to delete: --all or --before DATE."))
    try:
        store = Store.open(data_dir(options.data_dir))
    except LogError as error:
        return _problem(error.message())
    try:
        _tell_kept(store)
        try:
            checkins, writings = store.counts(cut)
        except LogError:
            if not (everything and store.damaged):
                raise
            # A damaged log joins the logs kept aside, which --all deletes (it is named below).
            store.keep_aside()
            _tell_kept(store)
            checkins, writings = 0, 0
        kept = store.kept_logs()
        lines: list[str] = []
        if kept:
            lines.append(
                _("These logs kept aside are deleted too:")
                if everything
                else _("These logs kept aside are not changed (forget --all deletes them):")
            )
            lines.extend(f"  {_shown(path)}" for path in kept)
        lines.append(
            (
                _(
                    "Delete all check-ins ({n}), kept writings ({w}) and practice runs for "
                    "good? [y/N] "
                )
                if cut is None
                else _(
                    "Delete the check-ins ({n}), kept writings ({w}) and practice runs from "
                    "before {date} for good? [y/N] "
                )
            ).format(n=checkins, w=writings, date=before)
        )
        if not yes:
            try:
                answer = ask("\n".join(lines)).strip().lower()
            except EOFError:
                answer = ""
            if answer not in ("y", "yes", "k", "kyllä"):
                print(_("Nothing was deleted."))
                return 1
        try:
            deleted, deleted_writings = store.erase(cut)
        except LogError:
            if not (everything and store.damaged):
                raise
            # Damaged where counting did not look (count(*) reads only an index): the whole
            # log goes, as agreed, by keeping it aside and deleting it with the others.
            kept.append(store.keep_aside())
            deleted, deleted_writings = checkins, writings
        if everything:
            store.forget_kept(kept)
    except LogError as error:
        return _problem(error.message())
    finally:
        store.close()
    print(
        _("Deleted check-ins ({n}) and kept writings ({w}).").format(n=deleted, w=deleted_writings)
    )
    if everything and kept:
        print(
            _("Deleted the logs kept aside: {paths}.").format(
                paths=", ".join(_shown(path) for path in kept)
            )
        )
    return 0
