"""`trakon --plain` and `trakon checkin --plain`: the between-clients flow as lines of text,
for screen readers and minimal terminals. Check in, choose a suggested practice, check in
again; the pair is saved as in the full-screen app."""

from __future__ import annotations

from dataclasses import replace

from trakon_tui import plain
from trakon_tui.commands import complain
from trakon_tui.commands.listing import load_library
from trakon_tui.commands.log import personal_window, say_kept_aside
from trakon_tui.commands.options import Options
from trakon_tui.core import measure
from trakon_tui.core.library import Library
from trakon_tui.core.model import Breathing, Grounding, Info, Item, Writing, kind_of
from trakon_tui.core.paths import data_dir
from trakon_tui.core.practice_log import PracticeRun
from trakon_tui.core.store import CheckIn, LogError, Store
from trakon_tui.core.suggest import suggest
from trakon_tui.core.text import describe_seconds, tr
from trakon_tui.core.window import zone_for
from trakon_tui.i18n import _
from trakon_tui.vocabulary import kind_name, pair_text, reflection, zone_name

UNSURE = object()


class _PairLog:
    """Hands a run to the store with the check-in it was chosen after; keeps its id."""

    def __init__(self, store: Store | None, before: int | None) -> None:
        self.store = store
        self.before = before
        self.run_id: int | None = None

    def record_run(self, run: PracticeRun) -> int | None:
        if self.store is not None:
            self.run_id = self.store.record_run(replace(run, before_checkin=self.before))
        return self.run_id


def ask_level(io: plain.PlainIO, question: str, window: tuple[int, int]) -> object:
    """A level 0–10, UNSURE, or None (skip). Asks again, calmly, after an unclear answer."""
    low, high = window
    prompt = _("{question} 0–10 (your window {low}–{high}), u: don't know, Enter skips: ").format(
        question=question, low=low, high=high
    )
    while True:
        try:
            answer = io.ask(prompt).strip().lower()
        except (EOFError, KeyboardInterrupt):
            return None
        if not answer:
            return None
        if answer in ("u", "?"):
            return UNSURE
        if answer.isdigit() and 0 <= int(answer) <= 10:
            return int(answer)
        io.say(_("A number from 0 to 10, or u."))


def run_plain(options: Options, io: plain.PlainIO | None = None) -> int:
    io = io or plain.PlainIO()
    library = load_library(options.extra_dirs)
    window = personal_window(options)
    try:
        store = None if options.no_log else Store.open(data_dir(options.data_dir))
    except LogError as error:
        complain(error.message())
        return 1
    if store is not None:
        store.on_moved_aside = say_kept_aside  # a damaged log kept aside on a write
        if store.moved_aside is not None:
            say_kept_aside(store.moved_aside)
    scale = library.checkin_scale()  # the screen's words: the scale's question and zones
    question = tr(scale.question) if scale is not None else _("Where are you right now?")
    answer = ask_level(io, question, window)
    if answer is None:
        io.say(_("Nothing was saved. That is fine."))
        return _library_menu(io, library, store)
    level = None if answer is UNSURE else answer
    assert level is None or isinstance(level, int)
    before_id = _save(io, store, CheckIn(at=io.wall_clock(), level=level, window=window))
    zone = zone_for(level, *window)
    if level is None:
        io.say(_("Don't know / mixed."))
    else:
        name = tr(getattr(scale.zones, zone).name) if scale is not None else zone_name(zone)
        io.say(_("{level} — {zone}").format(level=level, zone=name))
    try:
        outcomes = store.outcomes() if store else []
    except LogError as error:  # a damaged log: suggestions without "what helped"
        io.say(error.message())
        outcomes = []
    offers = suggest(library.items.values(), zone, outcomes)
    if not offers:
        return 0
    io.say(_("You could try one of these (the gentlest first):"))
    for n, offer in enumerate(offers, start=1):
        duration = measure.duration(offer.item)
        length = describe_seconds(duration.seconds, exact=duration.exact)
        io.say(f"  {n}. {tr(offer.item.title)} ({kind_name(kind_of(offer.item))}, {length})")
    try:
        choice = io.ask(_("Number to start one, Enter finishes: ")).strip()
    except (EOFError, KeyboardInterrupt):
        choice = ""
    if not (choice.isdigit() and 1 <= int(choice) <= len(offers)):
        return 0
    item = offers[int(choice) - 1].item
    pair = _PairLog(store, before_id)
    _run(item, io, pair, store)
    again = ask_level(io, _("Where are you now?"), window)
    if again is None:
        return 0
    after_level = None if again is UNSURE else again
    assert after_level is None or isinstance(after_level, int)
    checkin = CheckIn(at=io.wall_clock(), level=after_level, window=window)
    if store is not None and pair.run_id is not None:
        try:
            store.add_after(checkin, pair.run_id)
        except LogError as error:
            io.say(error.message())
    io.say(pair_text(level, after_level))
    io.say(reflection(level, after_level, window))
    return 0


def _library_menu(io: plain.PlainIO, library: Library, store: Store | None) -> int:
    """Every practice and information page, numbered by kind, the gentlest first."""
    items: list[Item] = []
    for kind in ("breathing", "grounding", "writing", "info"):
        group = measure.gentlest_first(library.by_kind(kind))
        if not group:
            continue
        io.say(kind_name(kind) + ":")
        for item in group:
            items.append(item)
            io.say(f"  {len(items)}. {tr(item.title)}")
    try:
        choice = io.ask(_("Number to open one, Enter leaves: ")).strip()
    except (EOFError, KeyboardInterrupt):
        return 0
    if choice.isdigit() and 1 <= int(choice) <= len(items):
        item = items[int(choice) - 1]
        if isinstance(item, Info):
            plain.read(item, io, library.checkin_scale())
        else:
            _run(item, io, _PairLog(store, None), store)
    return 0


def _save(io: plain.PlainIO, store: Store | None, checkin: CheckIn) -> int | None:
    if store is None:
        io.say(_("Not saved: the log is off (--no-log)."))
        return None
    try:
        saved = store.add_checkin(checkin)
    except LogError as error:
        io.say(error.message())
        return None
    io.say(_("Saved."))
    return saved


def _run(item: Item, io: plain.PlainIO, pair: _PairLog, store: Store | None) -> None:
    if isinstance(item, Breathing):
        plain.breathe(item, io, pair)
    elif isinstance(item, Grounding):
        plain.ground(item, io, pair)
    elif isinstance(item, Writing):
        started = io.wall_clock()

        def keep(text: str) -> None:
            if store is not None:
                store.add_writing(io.wall_clock(), item.id, text)

        written = plain.write(item, io, keep if store is not None else None)
        pair.record_run(PracticeRun(item.id, "writing", started, io.wall_clock(), written))
