"""The exercise library: every good file from every folder, and why the others were skipped."""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from enum import IntEnum
from pathlib import Path

from trakon_tui.core import model, paths
from trakon_tui.core.files import unreadable
from trakon_tui.core.loader import Loaded, load_file, located
from trakon_tui.core.model import AnyItem, Breathing, Session
from trakon_tui.core.problems import Finding, Problem
from trakon_tui.core.text import tr
from trakon_tui.i18n import N_

# At most this many files are read from one folder (with everything below it): a real
# organisation's folder holds tens, and each file costs about 0.3 ms to parse, so 1,000 take
# a third of a second (in the background, after the first screen is up).
MAX_FILES_PER_FOLDER = 1000
MAX_FOLDER_DEPTH = 16  # subfolders inside one another; os.walk crashed at about 1,000


class Tier(IntEnum):
    """Where a file comes from; a later tier may override a shipped id on purpose."""

    SHIPPED = 0
    USER = 1
    EXTRA = 2
    # Files read only so that references resolve (`trakon validate FILE` reads the file's
    # folder, the user's folder and --exercises): an id already known is not theirs to take.
    CONTEXT = 3


@dataclass
class Library:
    items: dict[str, AnyItem] = field(default_factory=dict)
    origin: dict[str, Path] = field(default_factory=dict)
    overridden: dict[str, Path] = field(default_factory=dict)  # id -> the shipped file replaced
    problems: list[Problem] = field(default_factory=list)
    # Ids that a file gives but that are not in the library because of a problem: to say "is
    # broken" rather than "is not in the library" when another item points at one.
    broken: dict[str, Path] = field(default_factory=dict)
    # Every item read from a file, by the file's real path, whether it is in the library or
    # not (a duplicate id, a broken reference): for `trakon validate --require` and `--show`.
    loaded: dict[str, AnyItem] = field(default_factory=dict)

    @property
    def skipped_files(self) -> list[Path]:
        return sorted({problem.file for problem in self.problems})

    def title_of(self, item_id: str) -> str:
        """An item's title in the current language; its id if it is no longer here."""
        item = self.items.get(item_id)
        return tr(item.title) if item is not None else item_id

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


def toml_files(folder: Path) -> tuple[list[Path], list[Problem]]:
    """The `.toml` files below `folder` in a stable order (hidden entries skipped, symlinked
    folders not followed), at most MAX_FILES_PER_FOLDER of them, and what was left out."""
    files: list[Path] = []
    problems: list[Problem] = []
    left_out = 0
    stack = [(folder, 0)]
    while stack:  # depth first, files before subfolders, as os.walk (which recurses) did
        current, depth = stack.pop()
        try:
            with os.scandir(current) as listing:
                entries = sorted(listing, key=lambda entry: entry.name)
        except OSError as error:
            problems.append(unreadable(error).problem(current))
            continue
        subfolders: list[tuple[Path, int]] = []
        for entry in entries:
            if entry.name.startswith("."):
                continue
            if _is_folder(entry):
                subfolders.append((Path(entry.path), depth + 1))
            elif is_toml_name(entry.name):
                if len(files) < MAX_FILES_PER_FOLDER:
                    files.append(Path(entry.path))
                else:
                    left_out += 1
            elif entry.name.lower().endswith(HIDDEN_ENDING):
                problems.append(hidden_ending(Path(entry.path)))
        if subfolders and depth >= MAX_FOLDER_DEPTH:
            problems.append(
                Problem(
                    current,
                    N_("folders more than {limit} levels deep are not read"),
                    {"limit": MAX_FOLDER_DEPTH},
                )
            )
            continue
        stack.extend(reversed(subfolders))
    if left_out:
        problems.append(
            Problem(
                folder,
                N_("only the first {limit} files here were read; {n} more were left out"),
                {"limit": MAX_FILES_PER_FOLDER, "n": left_out},
            )
        )
    return files, problems


# Windows hides known endings: a file saved as "breath.toml" from Notepad can really be
# "breath.toml.txt". Such a file is not read, but it is named, with what to do.
HIDDEN_ENDING = ".toml.txt"


def is_toml_name(name: str) -> bool:
    """`.toml` in any case (`BREATH.TOML` from an old Windows program is read too)."""
    return name.lower().endswith(".toml")


def hidden_ending(path: Path) -> Problem:
    return Problem(
        path,
        N_(
            "not read: the name ends in .txt, not .toml (Windows may hide the ending); "
            "rename it to {name}"
        ),
        {"name": path.name[: -len(".txt")]},
    )


def _is_folder(entry: os.DirEntry[str]) -> bool:
    """A real folder, not a symbolic link to one (those are not followed)."""
    try:
        return entry.is_dir(follow_symlinks=False)
    except OSError:  # then the loader says why, if its name ends in .toml
        return False


def gather(paths: Iterable[Path]) -> tuple[list[Path], list[Problem]]:
    """Files named directly (any ending) and the `.toml` files in folders; a path that is
    neither is left to the loader, which says why it cannot be read."""
    files: list[Path] = []
    problems: list[Problem] = []
    for path in paths:
        if path.is_dir():
            found, notes = toml_files(path)
            files += found
            problems += notes
        elif os.path.lexists(path):  # a file, a FIFO, a device, a symlink loop…
            files.append(path)
        else:
            problems.append(Problem(path, N_("no such file or folder")))
    return files, problems


def load_library(extra_dirs: Iterable[Path] = ()) -> Library:
    """The library the commands and the app use: the shipped folder, the user's folder and
    any `--exercises` folders, in that order of precedence."""
    sources = [
        (Tier.SHIPPED, paths.shipped_exercises_dir()),
        (Tier.USER, paths.user_exercises_dir()),
    ]
    sources += [(Tier.EXTRA, folder) for folder in extra_dirs]
    return build(sources)


def build(sources: Iterable[tuple[Tier, Path]]) -> Library:
    """Load every source in tier order; a broken file is listed, never fatal."""
    library = Library()
    tiers: dict[str, Tier] = {}
    seen_files: set[str] = set()
    for tier, path in sorted(sources, key=lambda source: source[0]):
        if tier in (Tier.USER, Tier.CONTEXT) and not os.path.lexists(path):
            continue  # a user folder that does not exist yet is normal
        files, notes = gather([path])
        library.problems.extend(notes)
        todo: list[tuple[str, Path]] = []
        for file in files:
            key = os.path.realpath(file)  # Path.resolve raises on a symlink loop
            if key not in seen_files:
                seen_files.add(key)
                todo.append((key, file))
        if tier is Tier.SHIPPED and not notes:
            each = _shipped([file for _key, file in todo])
        else:
            each = [load_file(file) for _key, file in todo]
        for (key, file), loaded in zip(todo, each, strict=True):
            if loaded.item is None:
                if tier is not Tier.CONTEXT or loaded.id not in library.items:
                    library.problems.extend(loaded.problems)
                    if loaded.id is not None and loaded.id not in library.items:
                        library.broken.setdefault(loaded.id, file)
                continue
            library.loaded[key] = loaded.item
            _register(library, tiers, tier, file, loaded.item)
    _check_references(library)
    return library


def _shipped(found: list[Path]) -> list[Loaded]:
    """The shipped files' items: from the cache when it matches them, else parsed (and
    cached for the next start when every file was clean)."""
    from trakon_tui.core import library_cache

    key = library_cache.key_of(found)
    if key is None:
        return [load_file(file) for file in found]
    cached = library_cache.read(found, key)
    if cached is not None:
        return cached
    loaded = [load_file(file) for file in found]
    library_cache.write(loaded, key)
    return loaded


def _register(
    library: Library, tiers: dict[str, Tier], tier: Tier, file: Path, item: AnyItem
) -> None:
    other = library.origin.get(item.id)
    if other is None:
        library.items[item.id] = item
        library.origin[item.id] = file
        library.broken.pop(item.id, None)
        tiers[item.id] = tier
        return
    if item == library.items[item.id] or tier is Tier.CONTEXT:
        # The same item again (a copy of a shipped file, in a folder or as it came with
        # another install) is that item, not a duplicate of it; and a file read only for
        # references gives way to the files being checked.
        return
    if tiers[item.id] is Tier.SHIPPED and tier is not Tier.SHIPPED:
        if item.override:
            library.overridden[item.id] = other
            library.items[item.id] = item
            library.origin[item.id] = file
            tiers[item.id] = tier
            return
        library.problems += located(
            file,
            None,
            [
                Finding(
                    ("id",),
                    N_(
                        "the id “{id}” is already a shipped item ({other}); to replace it on "
                        "purpose, add “override = true”"
                    ),
                    {"id": item.id, "other": str(other)},
                )
            ],
        )
        return
    library.problems += located(
        file,
        None,
        [
            Finding(
                ("id",),
                N_(
                    "the id “{id}” is also used in {other}; ids must be unique (starting them "
                    "with your organisation's name, such as “ourorg-”, keeps them apart)"
                ),
                {"id": item.id, "other": str(other)},
            )
        ],
    )


def _check_references(library: Library) -> None:
    """Drop items that point at missing or unsuitable items, until nothing changes."""
    changed = True
    while changed:
        changed = False
        for item_id, item in list(library.items.items()):
            findings = list(_reference_problems(library, item))
            if findings:
                file = library.origin[item_id]
                library.problems += located(file, None, findings)
                del library.items[item_id]
                del library.origin[item_id]
                library.overridden.pop(item_id, None)
                library.broken[item_id] = file
                changed = True


def _reference_problems(library: Library, item: AnyItem) -> Iterator[Finding]:
    """Every reference of the item that does not lead to a suitable item."""
    if isinstance(item, Breathing):
        target = library.items.get(item.alternative)
        if target is None:
            yield _missing_reference(library, item.alternative, ("alternative",))
        elif model.kind_of(target) not in ("grounding", "writing"):
            yield Finding(
                ("alternative",),
                N_("the alternative “{id}” must be a grounding or writing practice, not {kind}"),
                {"id": item.alternative, "kind": model.kind_of(target)},
            )
    if isinstance(item, Session):
        found = []
        for i, step in enumerate(item.steps):
            if step.item is None:
                continue
            target = library.items.get(step.item)
            if target is None:
                found.append(_missing_reference(library, step.item, ("steps", i, "item")))
            elif isinstance(target, Session):
                found.append(
                    Finding(
                        ("steps", i, "item"),
                        N_("a session cannot contain another session (“{id}”)"),
                        {"id": step.item},
                    )
                )
        # Routes are read from the steps' items: only once every one of them is there.
        yield from found or _route_problems(library, item)


def _route_problems(library: Library, item: Session) -> Iterator[Finding]:
    """`when` needs a check-in before it (the route is chosen there), and every route that
    divides after a check-in still reaches a practice before the next one (or the end)."""
    if all(step.when is None for step in item.steps):
        return
    from trakon_tui.core.programme import Programme

    checked = False
    for i, step in enumerate(item.steps):
        if step.when is not None and not checked:
            yield Finding(
                ("steps", i, "when"),
                N_(
                    "“when” chooses a step by the check-in's zone: put a check-in (a “checkin” "
                    "item or a “window” page) before this step, or leave “when” out"
                ),
            )
        target = library.items.get(step.item or "")
        if isinstance(target, model.CheckinScale) or (
            step.page is not None and step.page.role == "window"
        ):
            checked = True
    programme = Programme.of(item, library.items)
    for checkin, ways in programme.route_table():
        place = next(n for n, s in enumerate(programme.every) if s is checkin)
        for zone, steps in ways.items():
            if not any(later.practice for later in steps):
                yield Finding(
                    ("steps", place),
                    N_(
                        "after this check-in the “{zone}” route has no practice; give a "
                        "practice after it “when” with “{zone}”"
                    ),
                    {"zone": zone},
                )


def _missing_reference(library: Library, wanted: str, path: tuple[str | int, ...]) -> Finding:
    """An id that is not in the library: broken (its file has a problem), or close to one
    that is, or simply not there."""
    broken = library.broken.get(wanted)
    if broken is not None:
        return Finding(
            path,
            N_("“{id}” is in {file}, which has a problem of its own; fix that file first"),
            {"id": wanted, "file": str(broken)},
        )
    import difflib  # only here: not on the way to the first screen

    close = difflib.get_close_matches(wanted, sorted(library.items), n=1)
    if close:
        return Finding(
            path,
            N_("“{id}” is not in the library (did you mean “{hint}”?)"),
            {"id": wanted, "hint": close[0]},
        )
    return Finding(
        path,
        N_("“{id}” is not in the library: `trakon list` shows the ids there are"),
        {"id": wanted},
    )
