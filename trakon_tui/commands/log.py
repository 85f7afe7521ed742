"""`trakon checkin --level N`, `trakon export`, `trakon forget`: the log without the UI."""

from __future__ import annotations

import os
import re
import sys
from collections.abc import Callable
from datetime import date, datetime, time
from pathlib import Path
from typing import IO

from trakon_tui.commands.app_request import OpenApp
from trakon_tui.commands.options import Options
from trakon_tui.core.paths import data_dir
from trakon_tui.core.private_file import Sink, target_problem, write_new
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
    context_tags = _context_tags(getattr(args, "context", None) or [], options)
    if isinstance(context_tags, str):
        return _fail(context_tags)
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
                    context_tags=tuple(context_tags),
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


def _context_tags(values: list[str], options: Options) -> list[str] | str:
    """`--context` as tags (#17): the user's list and the built-in tags in either language;
    what names none is told with the list to choose from."""
    from trakon_tui.core import context
    from trakon_tui.core.settings import context_tags

    offered = context_tags(options.settings())
    tags, unknown = context.parse_cli([_note_text(v)[0] for v in values], offered)
    if not unknown:
        return tags
    return _(
        "Not in your list of what was just before: {unknown}. You can use: {tags} "
        "(the list can be changed in the settings)."
    ).format(
        unknown=visible(storable(", ".join(unknown)), lines=False),
        tags=visible(context.to_words(offered), lines=False),
    )


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
        store = Store.open(data_dir(options.data_dir), reading=True)
        try:
            print_history(library, store, stdout, span="weeks" if weeks else "days", today=today)
        finally:
            store.close()
    except LogError as error:
        return _problem(error.message())
    return 0


def _local_now() -> datetime:
    return datetime.now().astimezone()


def _write_stdout(produce: Callable[[Sink], None]) -> str | None:
    """Stream the export to standard output; the reason it failed, or None. A reader that
    left (BrokenPipeError) is not a failure to report: `cli.main` ends quietly."""
    stream = sys.stdout
    if stream is None:  # started with standard output closed
        return _("Standard output is closed, so nothing was exported (-o FILE writes a file).")
    try:
        out = _Output(getattr(stream, "buffer", None) or _Text(stream))
        _Output(_Text(stream)).flush()  # whatever was printed before comes first
        produce(out)
        out.flush()
    except _OutputFailed as failed:
        error = failed.error
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


class _OutputFailed(Exception):
    """Writing to standard output failed (not the export itself: a bug there is a crash)."""

    def __init__(self, error: OSError | ValueError) -> None:
        super().__init__(error)
        self.error = error


class _Output:
    """Standard output as the export writes to it: its own failures told apart."""

    def __init__(self, raw: IO[bytes] | _Text) -> None:
        self.raw = raw

    def write(self, data: bytes) -> int:
        try:
            return self.raw.write(data)
        except BrokenPipeError:
            raise
        except (OSError, ValueError) as error:  # a full disk, a closed stream
            raise _OutputFailed(error) from error

    def flush(self) -> None:
        try:
            self.raw.flush()
        except BrokenPipeError:
            raise
        except (OSError, ValueError) as error:
            raise _OutputFailed(error) from error


class _Text:
    """A text-only standard output (no `.buffer`, as in some embeddings): bytes decoded."""

    def __init__(self, stream: IO[str]) -> None:
        self.stream = stream

    def write(self, data: bytes) -> int:
        self.stream.write(data.decode("utf-8"))
        return len(data)

    def flush(self) -> None:
        self.stream.flush()


def run_export(fmt: str, output: Path | None, options: Options, *, force: bool = False) -> int:
    """`trakon export`: the whole log, streamed (core/export.py) to a new file or stdout."""
    from trakon_tui.core import export

    if output is not None:
        problem = target_problem(output, force)
        if problem is not None:
            return _problem(problem)
    delimiter = ";" if current_language() == "fi" else ","  # as Finnish spreadsheets expect

    def produce(out: Sink) -> None:
        if fmt == "csv":
            export.write_csv(store, out, delimiter)
        else:
            export.write_json(store, out)

    try:
        store = Store.open(data_dir(options.data_dir), reading=True)
        try:
            if output is None:
                problem = _write_stdout(produce)
            else:
                problem = write_new(output, produce, force)
        finally:
            store.close()
    except LogError as error:
        return _problem(error.message())
    if problem is not None:
        return _problem(problem)
    if output is not None:
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
    *,
    contacts: bool = False,
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
    if contacts and not everything:
        return _fail(_("--contacts goes with --all."))
    own = options.settings().contacts
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
        if (
            checkins == 0
            and writings == 0
            and not kept
            and not (contacts and own)
            and not (store.damaged or store.has_runs(cut))
        ):
            print(_("There is nothing to delete."))
            return 0
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
        if own:
            lines.insert(
                -1,
                _("Your own contacts on the crisis page ({n}) are deleted too.").format(n=len(own))
                if contacts
                else _(
                    "Your own contacts on the crisis page are kept (--contacts deletes them too)."
                ),
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
    if contacts and own:
        return _forget_contacts(options)
    return 0


def _forget_contacts(options: Options) -> int:
    """Take the user's own contacts out of the settings file, keeping everything else."""
    import dataclasses

    from trakon_tui.core import settings as settings_store

    loaded = options.settings_file.load()
    if loaded.problem is not None:  # never overwrite a file that could not be read
        return _problem(loaded.problem.format())
    try:
        settings_store.save(
            dataclasses.replace(loaded.settings, contacts=[]), options.settings_file.path
        )
    except OSError as error:
        return _problem(str(error.strerror or error))
    print(_("Deleted your own contacts from the settings."))
    return 0
