"""After a check-in: two or three practices that suit where you are, and after a practice,
the change reflected back in calm words. Nothing starts by itself."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical

from trakon_tui.core.flow import Before, Choosing, Pause, Reflecting, Step
from trakon_tui.core.text import describe_seconds, tr
from trakon_tui.core.window import zone_for
from trakon_tui.i18n import N_, _, ngettext
from trakon_tui.ui import pause
from trakon_tui.ui.literal import Option, OptionList, Static, option
from trakon_tui.ui.screens.base import TrakonScreen
from trakon_tui.ui.widgets.window_scale import ScaleTexts, scale_texts
from trakon_tui.vocabulary import kind_name, pair_text, reflection, zone_name

if TYPE_CHECKING:
    from trakon_tui.core.suggest import Suggestion

# The screen's own choices. A prefix no exercise id can have (ids are lowercase letters,
# digits and hyphens), so that an exercise with `id = "library"` is never taken for one.
DETAILS, LIBRARY, CRISIS, FINISH, AGAIN = (
    f"ui:{name}" for name in ("details", "library", "crisis", "finish", "again")
)


def saved_line(level: int | None, window: tuple[int, int], names: ScaleTexts) -> str:
    """What was just said, in the scale's words: "8 — Above the window"."""
    if level is None:
        return _("Don't know / mixed. That is an answer too.")
    zone = zone_for(level, *window)
    name = names.zones[zone].name if zone in names.zones else zone_name(zone)
    return _("{level} — {zone}").format(level=level, zone=name)


class _ChoiceScreen(TrakonScreen):
    """A lead text and a list of choices, at a step of the pause; Esc finishes it."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,q", "leave", N_("Finish")),
        Binding("d", "details", N_("Add details")),
    ]

    def __init__(self, checkin: Before) -> None:
        super().__init__()
        self.checkin = checkin

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "details":
            return self.checkin.checkin_id is not None
        return True

    def action_details(self) -> None:
        if self.checkin.checkin_id is None:
            return
        from trakon_tui.ui.screens.checkin_details import DetailsScreen

        self.app.push_screen(DetailsScreen(self.checkin))

    def action_leave(self) -> None:
        self._follow(lambda flow: flow.finish())

    def _follow(self, answer: Callable[[Pause], Step]) -> None:
        """Answer the pause under way and show where it goes (home, if it has ended)."""
        flow = self.trakon.pause
        if flow is None:
            self.trakon.go_home()
            return
        pause.follow(self.trakon, answer(flow))

    def _extra_options(self, *, crisis: bool) -> list[Option]:
        options = []
        if self.checkin.checkin_id is not None:
            options.append(
                _option(
                    DETAILS,
                    _("Add details"),
                    _("Optional: how strong, signs, where in the body, a note"),
                )
            )
        if crisis:
            options.append(
                _option(CRISIS, _("Crisis help"), _("Numbers to call; Trakon contacts no one"))
            )
        options.append(_option(FINISH, _("Finish"), _("Back to the start")))
        return options

    async def _extra_chosen(self, option_id: str | None) -> bool:
        if option_id == DETAILS:
            self.action_details()
        elif option_id == CRISIS:
            await self.app.run_action("crisis")
        elif option_id == LIBRARY:
            self._follow(lambda flow: flow.browse())
        elif option_id == FINISH:
            self.action_leave()
        else:
            return False
        return True


class SuggestionsScreen(_ChoiceScreen):
    TITLE_MSGID = N_("What might help now")

    def __init__(self, step: Choosing) -> None:
        super().__init__(step.checkin)
        self.step = step

    def compose_body(self) -> ComposeResult:
        level, window = self.checkin.level, self.checkin.window
        offers = self.step.offers
        options: list[Option | None] = [_practice_option(offer) for offer in offers]
        options.append(None)  # a rule between the offers and the rest
        options.append(
            _option(LIBRARY, _("Something else"), _("All practices and information pages"))
        )
        options.extend(self._extra_options(crisis=self.step.crisis))
        with Vertical(id="suggestions", classes="page"):
            names = scale_texts(self.trakon.library.checkin_scale())
            yield Static(saved_line(level, window, names), id="suggestions-saved", classes="lead")
            if self.step.crisis:
                yield Static(
                    _(
                        "If it feels like too much, crisis numbers are here too (F2). "
                        "You decide; nothing is required."
                    ),
                    id="suggestions-crisis",
                    classes="dim",
                )
            lead = (
                _("You could try one of these, or simply carry on:")
                if self.checkin.zone == "within"
                else _("You could try one of these (the gentlest first):")
            )
            yield Static(lead if offers else _("No practice in the library fits this yet."))
            menu = OptionList(*options, id="suggestions-menu")
            yield menu

    def on_mount(self) -> None:
        self.query_one("#suggestions-menu", OptionList).highlighted = 0

    @on(OptionList.OptionSelected, "#suggestions-menu")
    async def _chosen(self, event: OptionList.OptionSelected) -> None:
        option_id = event.option.id
        if await self._extra_chosen(option_id):
            return
        item = next((o.item for o in self.step.offers if o.item.id == option_id), None)
        if item is not None:
            self._follow(lambda flow: flow.choose(item))


class ReflectionScreen(_ChoiceScreen):
    """Before and after side by side, in calm words; try another, add details, or finish."""

    TITLE_MSGID = N_("How it is now")

    def __init__(self, step: Reflecting) -> None:
        super().__init__(step.now)
        self.step = step

    def compose_body(self) -> ComposeResult:
        after, now = self.step.after, self.checkin
        before = after.before
        with Vertical(id="reflection", classes="page"):
            yield Static(Text(after.title, style="bold"))
            if not after.completed:
                yield Static(_("Stopped before the end. That is fine."), classes="dim")
            yield Static(pair_text(before.level, now.level), id="reflection-pair")
            yield Static(reflection(before.level, now.level, before.window), id="reflection-words")
            if self.step.crisis:
                yield Static(
                    _(
                        "If it feels like too much, crisis numbers are here too (F2). "
                        "You decide; nothing is required."
                    ),
                    id="reflection-crisis",
                    classes="dim",
                )
            options: list[Option | None] = [
                _option(AGAIN, _("Try another practice"), _("Or the same one again")),
                None,
            ]
            options.extend(self._extra_options(crisis=self.step.crisis))
            yield OptionList(*options, id="reflection-menu")

    def on_mount(self) -> None:
        self.query_one("#reflection-menu", OptionList).highlighted = 0

    @on(OptionList.OptionSelected, "#reflection-menu")
    async def _chosen(self, event: OptionList.OptionSelected) -> None:
        if event.option.id == AGAIN:
            self._follow(lambda flow: flow.again())
            return
        await self._extra_chosen(event.option.id)


def _option(option_id: str, label: str, hint: str) -> Option:
    return option(Text.assemble((label, "bold"), "\n", (hint, "dim")), id=option_id)


def _practice_option(offer: Suggestion) -> Option:
    from trakon_tui.core import measure, model

    item = offer.item
    length = measure.duration(item)
    how_long = describe_seconds(length.seconds, exact=length.exact)
    details = f"{kind_name(model.kind_of(item))} · {how_long}"
    parts: list[str | tuple[str, str]] = [(tr(item.title), "bold"), "\n", (details, "dim")]
    if offer.track is not None:
        parts.extend(
            [
                "\n",
                (
                    ngettext(
                        "Before, this brought you closer to your window {k} time out of {n}.",
                        "Before, this brought you closer to your window {k} times out of {n}.",
                        offer.track.toward,
                    ).format(k=offer.track.toward, n=offer.track.pairs),
                    "italic",
                ),
            ]
        )
    return option(Text.assemble(*parts), id=item.id)
