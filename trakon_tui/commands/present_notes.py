"""`trakon present --notes SESSION`: a session as text for preparing it: every step, its
planned length and the facilitator's notes, in the user's language. Lines only (a pipe, a
file, a printer); nothing of it is ever shown on the room's screen."""

from __future__ import annotations

from collections.abc import Iterator, Mapping

from trakon_tui.card import route_length, route_lines, route_only
from trakon_tui.commands import complain
from trakon_tui.commands.options import Options
from trakon_tui.core import measure
from trakon_tui.core.library import load_library
from trakon_tui.core.model import Item, Session, kind_of
from trakon_tui.core.programme import Programme
from trakon_tui.core.text import describe_seconds, tr, visible
from trakon_tui.i18n import _, ngettext
from trakon_tui.vocabulary import kind_name

INDENT = "   "


def run_notes(session_id: str | None, options: Options) -> int:
    library = load_library(options.extra_dirs)
    session = library.items.get(session_id or "")
    if not isinstance(session, Session):
        complain(
            _("There is no session “{id}”; `trakon list --kind session` shows them.").format(
                id=session_id or ""
            )
        )
        return 2
    for line in notes_lines(session, library.items):
        print(line)
    return 0


def notes_lines(session: Session, items: Mapping[str, Item]) -> Iterator[str]:
    """The session for the facilitator, one printable line at a time (text from the file
    has its control characters made visible)."""
    total = measure.duration(session, items)
    count = len(session.steps)
    programme = Programme.of(session, items)
    routes = route_lines(programme)
    length = (
        route_length(programme) if routes else describe_seconds(total.seconds, exact=total.exact)
    )
    yield visible(tr(session.title), lines=False)
    yield length + " · " + ngettext("{n} step", "{n} steps", count).format(n=count)
    if routes:
        yield ""
        yield from (visible(line, lines=False) for line in routes)
    for n, step in enumerate(session.steps, start=1):
        yield ""
        yield f"{n}. " + visible(_step_heading(step.item, step.page, items), lines=False)
        if step.when is not None:
            yield INDENT + route_only(step.when)
        if step.notes:
            for line in tr(step.notes).splitlines():
                yield (INDENT + visible(line)).rstrip()
        else:
            yield INDENT + _("(no notes)")


def _step_heading(item_id: str | None, page: object, items: Mapping[str, Item]) -> str:
    from trakon_tui.core.model import SessionPage

    if isinstance(page, SessionPage):
        minutes = page.minutes or 1
        return f"{tr(page.title)} · " + _("{m} min").format(m=minutes)
    item = items.get(item_id or "")
    if item is None:
        return _("{id} (not in the library)").format(id=item_id)
    length = measure.duration(item)
    return f"{tr(item.title)} · {kind_name(kind_of(item))} · " + describe_seconds(
        length.seconds, exact=length.exact
    )
