"""The exercise library: every good file from every folder, and why the others were skipped."""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from enum import IntEnum
from pathlib import Path

from trakon_tui.core import model
from trakon_tui.core.loader import load_file
from trakon_tui.core.model import AnyItem, Breathing, Session
from trakon_tui.core.problems import Problem
from trakon_tui.i18n import N_

MAX_FILES_PER_FOLDER = 5000


class Tier(IntEnum):
    """Where a file comes from; a later tier may override a shipped id on purpose."""

    SHIPPED = 0
    USER = 1
    EXTRA = 2


@dataclass
class Library:
    items: dict[str, AnyItem] = field(default_factory=dict)
    origin: dict[str, Path] = field(default_factory=dict)
    overridden: dict[str, Path] = field(default_factory=dict)  # id -> the shipped file replaced
    problems: list[Problem] = field(default_factory=list)
    files_read: int = 0

    @property
    def skipped_files(self) -> list[Path]:
        return sorted({problem.file for problem in self.problems})

    def sorted_items(self) -> list[AnyItem]:
        """Grouped by kind in the format's order, then by id."""
        order = {kind: i for i, kind in enumerate(model.KINDS)}
        return sorted(self.items.values(), key=lambda it: (order[model.kind_of(it)], it.id))

    def by_kind(self, kind: str) -> list[AnyItem]:
        return [item for item in self.items.values() if model.kind_of(item) == kind]

    def checkin_scale(self) -> model.CheckinScale | None:
        scales = self.by_kind("checkin")
        for scale in scales:
            if scale.id == "checkin-window":
                assert isinstance(scale, model.CheckinScale)
                return scale
        first = scales[0] if scales else None
        return first if isinstance(first, model.CheckinScale) else None


def toml_files(folder: Path) -> Iterator[Path]:
    """Every `.toml` file below `folder`, in a stable order, skipping hidden entries."""
    count = 0
    for root, dirs, files in os.walk(folder, followlinks=False):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(files):
            if name.endswith(".toml") and not name.startswith("."):
                count += 1
                if count > MAX_FILES_PER_FOLDER:
                    return
                yield Path(root) / name


def gather(paths: Iterable[Path]) -> tuple[list[Path], list[Problem]]:
    """Files named directly (any ending) and the `.toml` files in folders."""
    files: list[Path] = []
    problems: list[Problem] = []
    for path in paths:
        if path.is_dir():
            files.extend(toml_files(path))
        elif path.exists():
            files.append(path)
        else:
            problems.append(Problem(path, N_("no such file or folder")))
    return files, problems


def build(sources: Iterable[tuple[Tier, Path]]) -> Library:
    """Load every source in tier order; a broken file is listed, never fatal."""
    library = Library()
    tiers: dict[str, Tier] = {}
    seen_files: set[Path] = set()
    for tier, path in sorted(sources, key=lambda source: source[0]):
        files, missing = gather([path])
        if tier is not Tier.USER:  # a user folder that does not exist yet is normal
            library.problems.extend(missing)
        for file in files:
            key = file.resolve()
            if key in seen_files:
                continue
            seen_files.add(key)
            library.files_read += 1
            loaded = load_file(file)
            if loaded.item is None:
                library.problems.extend(loaded.problems)
                continue
            _register(library, tiers, tier, file, loaded.item)
    _check_references(library)
    return library


def _register(
    library: Library, tiers: dict[str, Tier], tier: Tier, file: Path, item: AnyItem
) -> None:
    other = library.origin.get(item.id)
    if other is None:
        library.items[item.id] = item
        library.origin[item.id] = file
        tiers[item.id] = tier
        return
    if tiers[item.id] is Tier.SHIPPED and tier is not Tier.SHIPPED:
        if item.override:
            library.overridden[item.id] = other
            library.items[item.id] = item
            library.origin[item.id] = file
            tiers[item.id] = tier
            return
        library.problems.append(
            Problem(
                file,
                N_(
                    "the id “{id}” is already a shipped item ({other}); to replace it on purpose, "
                    "add “override = true”"
                ),
                {"id": item.id, "other": str(other)},
                where="id",
            )
        )
        return
    library.problems.append(
        Problem(
            file,
            N_("the id “{id}” is also used in {other}; ids must be unique"),
            {"id": item.id, "other": str(other)},
            where="id",
        )
    )


def _check_references(library: Library) -> None:
    """Drop items that point at missing or unsuitable items, until nothing changes."""
    changed = True
    while changed:
        changed = False
        for item_id, item in list(library.items.items()):
            problem = _reference_problem(library, item)
            if problem is not None:
                library.problems.append(problem)
                del library.items[item_id]
                del library.origin[item_id]
                library.overridden.pop(item_id, None)
                changed = True


def _reference_problem(library: Library, item: AnyItem) -> Problem | None:
    file = library.origin[item.id]
    if isinstance(item, Breathing):
        target = library.items.get(item.alternative)
        if target is None:
            return Problem(
                file,
                N_("the alternative “{id}” is not in the library"),
                {"id": item.alternative},
                where="alternative",
            )
        if model.kind_of(target) not in ("grounding", "writing"):
            return Problem(
                file,
                N_("the alternative “{id}” must be a grounding or writing practice, not {kind}"),
                {"id": item.alternative, "kind": model.kind_of(target)},
                where="alternative",
            )
    if isinstance(item, Session):
        for i, step in enumerate(item.steps):
            if step.item is None:
                continue
            target = library.items.get(step.item)
            if target is None:
                return Problem(
                    file,
                    N_("the item “{id}” is not in the library"),
                    {"id": step.item},
                    where=f"steps[{i}].item",
                )
            if isinstance(target, Session):
                return Problem(
                    file,
                    N_("a session cannot contain another session (“{id}”)"),
                    {"id": step.item},
                    where=f"steps[{i}].item",
                )
    return None
