"""`trakon --plain` and `trakon checkin --plain`: the pause between clients as lines of text,
for screen readers and minimal terminals. The same state machine as the screens
(`core.flow.Pause`): check in, choose a suggested practice, check in again, the change in
calm words; crisis numbers offered at the same moments; the pair saved as in the app."""

from __future__ import annotations

from collections.abc import Sequence

from trakon_tui import plain
from trakon_tui.commands import complain
from trakon_tui.commands.log import personal_window, say_kept_aside
from trakon_tui.commands.options import Options
from trakon_tui.core import crisis, measure
from trakon_tui.core.contacts import Contact
from trakon_tui.core.flow import CheckingIn, Choosing, Finished, Pause, Practising, Step
from trakon_tui.core.library import Library, load_library
from trakon_tui.core.model import Breathing, CheckinScale, Grounding, Info, Item, Writing, kind_of
from trakon_tui.core.paths import data_dir
from trakon_tui.core.practice_log import NoLog, PracticeLog, PracticeRun
from trakon_tui.core.store import LogError, Store
from trakon_tui.core.text import describe_seconds, tr, visible
from trakon_tui.core.window import zone_for
from trakon_tui.i18n import _
from trakon_tui.vocabulary import kind_name, pair_text, reflection, zone_name

UNSURE = object()


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


class _FlowRuns:
    """What a plain practice reports its run to, inside a pause: the pause keeps the run with
    the check-in it followed."""

    def __init__(self, flow: Pause) -> None:
        self.flow = flow
        self.run_id: int | None = None
        self.completed = False

    def record_run(self, run: PracticeRun) -> int | None:
        self.completed = run.completed
        self.run_id = self.flow.record(run)
        return self.run_id


def run_plain(options: Options, io: plain.PlainIO | None = None) -> int:
    """The pause between clients (`core.flow`) as lines: the same steps, words, saving and
    crisis offers as the screens."""
    io = io or plain.PlainIO()
    library = load_library(options.extra_dirs)
    window = personal_window(options)
    contacts = options.settings().contacts  # first among the crisis numbers
    try:
        store = None if options.no_log else Store.open(data_dir(options.data_dir))
    except LogError as error:
        complain(error.message())
        return 1
    if store is not None:
        store.on_moved_aside = say_kept_aside  # a damaged log kept aside on a write
        if store.moved_aside is not None:
            say_kept_aside(store.moved_aside)
    flow = Pause(
        items=lambda: library.items.values(),
        window=window,
        log=lambda: store,
        now=io.wall_clock,
        tell=lambda text, _tone: io.say(text),
    )
    scale = library.checkin_scale()  # the screen's words: the scale's question and zones
    step: Step = flow.step
    skipped_first = False
    while not isinstance(step, Finished):
        if isinstance(step, CheckingIn):
            first = step.after is None
            if first:
                question = (
                    tr(scale.question) if scale is not None else _("Where are you right now?")
                )
            else:
                question = _("Where are you now?")
            answer = ask_level(io, question, step.window or window)
            if answer is None:
                skipped_first = first
                step = flow.skip()
                continue
            level = None if answer is UNSURE else answer
            assert level is None or isinstance(level, int)
            step = flow.check_in(level)
            if first and not isinstance(step, CheckingIn):
                io.say(_said(level, window, scale))
        elif isinstance(step, Choosing):
            step = _choose(io, flow, step, contacts)
        elif isinstance(step, Practising):
            runs = _FlowRuns(flow)
            _run(step.item, io, runs, store, options)
            step = flow.ended(step.item, runs.run_id, completed=runs.completed, quiet=True)
        else:  # Reflecting
            before = step.after.before
            io.say(pair_text(before.level, step.now.level))
            io.say(reflection(before.level, step.now.level, before.window))
            if step.crisis:
                _crisis(io, contacts)
            try:
                again = io.ask(_("a: another practice, Enter finishes: ")).strip().lower()
            except (EOFError, KeyboardInterrupt):
                again = ""
            step = flow.again() if again == "a" else flow.finish()
    if step.browse or skipped_first:
        return _library_menu(io, library, store, options)
    return 0


def _said(level: int | None, window: tuple[int, int], scale: CheckinScale | None) -> str:
    """The answer in the scale's words, as the screen says it: "9 — Above the window"."""
    if level is None:
        return _("Don't know / mixed.")
    zone = zone_for(level, *window)
    name = tr(getattr(scale.zones, zone).name) if scale is not None else zone_name(zone)
    return _("{level} — {zone}").format(level=level, zone=name)


def _choose(
    io: plain.PlainIO, flow: Pause, step: Choosing, contacts: Sequence[Contact] = ()
) -> Step:
    if step.crisis:
        _crisis(io, contacts)
    if step.offers:
        io.say(_("You could try one of these (the gentlest first):"))
    else:
        io.say(_("No practice in the library fits this yet."))
    for n, offer in enumerate(step.offers, start=1):
        duration = measure.duration(offer.item)
        length = describe_seconds(duration.seconds, exact=duration.exact)
        io.say(f"  {n}. {tr(offer.item.title)} ({kind_name(kind_of(offer.item))}, {length})")
    try:
        choice = io.ask(_("Number to start one, l for everything else, Enter finishes: "))
    except (EOFError, KeyboardInterrupt):
        choice = ""
    choice = choice.strip().lower()
    if choice.isdigit() and 1 <= int(choice) <= len(step.offers):
        return flow.choose(step.offers[int(choice) - 1].item)
    if choice == "l":
        return flow.browse()
    return flow.finish()


def _crisis(io: plain.PlainIO, contacts: Sequence[Contact] = ()) -> None:
    """The crisis numbers, offered as the screens offer them: calmly, nothing required;
    the user's own people first, apart from the public numbers."""
    from trakon_tui.core import paths

    found = crisis.load([paths.data_file("crisis.toml"), paths.config_dir() / "crisis.toml"])
    own, public = crisis.entries(found, contacts)
    io.say(
        _(
            "If it feels like too much, you can call someone now. Trakon does not contact "
            "anyone. You decide; nothing is required."
        )
    )
    if own:
        io.say(_("Your own people:"))
        _say_numbers(io, own)
        io.say(_("Crisis and support services:"))
    _say_numbers(io, public)


def _say_numbers(io: plain.PlainIO, entries: list[crisis.Entry]) -> None:
    for entry in entries:
        # Literal text: the user's own and the file's words never reach the terminal as
        # control characters (they are refused when read; `visible` is the last guard).
        io.say(visible(f"  {entry.number}  {entry.name}", lines=False))
        for note in entry.notes:  # hours, what to do when the line is busy, "supervisor"
            io.say(visible(f"      {note}", lines=False))


def _library_menu(
    io: plain.PlainIO, library: Library, store: Store | None, options: Options
) -> int:
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
            _run(item, io, store if store is not None else NoLog(), store, options)
    return 0


def _run(
    item: Item, io: plain.PlainIO, runs: PracticeLog, store: Store | None, options: Options
) -> None:
    if isinstance(item, Breathing):
        plain.breathe(item, io, runs, options.settings().choice(item.id))
    elif isinstance(item, Grounding):
        plain.ground(item, io, runs)
    elif isinstance(item, Writing):
        started = io.wall_clock()

        def keep(text: str) -> str | None:
            """Why the writing could not be kept (too long, the log locked), or None."""
            try:
                if store is not None:
                    store.add_writing(io.wall_clock(), item.id, text)
            except LogError as error:
                return error.message()
            return None

        written = plain.write(item, io, keep if store is not None else None)
        runs.record_run(PracticeRun(item.id, "writing", started, io.wall_clock(), written))
