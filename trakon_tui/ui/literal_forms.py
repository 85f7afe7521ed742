"""The seam's form widgets (#11): selection lists, radio buttons, checkboxes and selects with
literal labels. Imported only by the screens that use them (settings, details), so that the
first screen does not pay for them."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Generic, TypeVar

from textual import widgets
from textual.widgets.selection_list import Selection

from trakon_tui.ui.literal import literal

T = TypeVar("T")


def selection(prompt: str, value: T, initial: bool = False) -> Selection[T]:
    """One entry of a SelectionList (a sign, a body area), its label literal."""
    return Selection(literal(prompt), value, initial)


class SelectionList(widgets.SelectionList[T], Generic[T]):
    """Textual's SelectionList; its entries come from `selection`."""

    def relabel(self, prompts: Sequence[str]) -> None:
        """New words for the entries, in order (a language switch): what is chosen and
        highlighted stays."""
        for index, prompt in enumerate(prompts[: self.option_count]):
            self.replace_option_prompt_at_index(index, literal(prompt))


class RadioButton(widgets.RadioButton):
    def __init__(self, label: str, value: bool = False, *, name: str | None = None) -> None:
        super().__init__(literal(label), value, name=name)

    def relabel(self, label: str) -> None:
        self.label = literal(label)


class Checkbox(widgets.Checkbox):
    def __init__(self, label: str, value: bool = False, *, id: str | None = None) -> None:
        super().__init__(literal(label), value, id=id)

    def relabel(self, label: str) -> None:
        self.label = literal(label)


class Select(widgets.Select[T], Generic[T]):
    """Textual's Select with literal prompts."""

    def __init__(self, options: list[tuple[str, T]], *, value: T, id: str | None = None) -> None:
        super().__init__(
            [(literal(prompt), choice) for prompt, choice in options],
            value=value,
            allow_blank=False,
            id=id,
        )
