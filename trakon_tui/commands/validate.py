"""`trakon validate PATH…`: every problem, one per line on standard output, a summary on
standard error, exit 1 if there is any problem or nothing to check (each line is safe to
print: `Problem.format` shows control characters as visible stand-ins).

References (a breathing item's `alternative`, a session's items) resolve the way an author
works: against the shipped library, the files named, the other files in a named file's
folder, the user's exercise folder and `--exercises` folders. Only the files named are
reported on. A file named crisis.toml is checked as crisis numbers."""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence
from pathlib import Path

from trakon_tui.core import crisis, paths, rules
from trakon_tui.core.library import (
    MAX_FILES_PER_FOLDER,
    Library,
    Tier,
    build,
    is_toml_name,
    toml_files,
)
from trakon_tui.core.loader import located
from trakon_tui.core.problems import Problem
from trakon_tui.core.text import visible
from trakon_tui.i18n import N_, Lang, _, ngettext


def _inside(path: Path, folder: Path) -> bool:
    # os.path.realpath, not Path.resolve: that raises on a symlink loop
    base = os.path.realpath(folder)
    return os.path.commonpath([os.path.realpath(path), base]) == base


def run_validate(
    targets: list[Path],
    *,
    extra_dirs: Sequence[Path] = (),
    require: Sequence[Lang] = (),
    show: bool = False,
) -> int:
    """Check the named files and folders; with `require`, every localised text must have
    those languages; with `show`, print how each good item reads."""
    shipped = paths.shipped_exercises_dir()
    named = [(Tier.SHIPPED if _inside(t, shipped) else Tier.EXTRA, t) for t in targets]
    context = [(Tier.CONTEXT, paths.user_exercises_dir())]
    context += [(Tier.CONTEXT, folder) for folder in extra_dirs]
    context += [(Tier.CONTEXT, file) for file in _beside(targets)]
    library = build([(Tier.SHIPPED, shipped), *named, *context])
    files, notes = _files(targets)
    # A crisis.toml (the numbers on the crisis page) is checked as one, not as an exercise.
    numbers = {os.path.realpath(f) for f in files if f.name == crisis.FILE_NAME}
    asked = [file for file in files if os.path.realpath(file) not in numbers]
    keys = {os.path.realpath(file) for file in asked}
    problems = [p for p in library.problems if os.path.realpath(p.file) in keys] + notes
    for file in files:
        if os.path.realpath(file) in numbers:
            problems += crisis.read(file)[1]
    if require:
        for file in asked:
            item = library.loaded.get(os.path.realpath(file))
            if item is not None:
                problems += located(file, None, list(rules.missing_languages(item, require)))
    problems.sort(key=lambda p: (str(p.file), p.line or 0, p.col or 0))
    if show:
        _show(asked, library, problems)
    for problem in problems:
        print(problem.format())
    if problems:
        bad = len({p.file for p in problems})
        count = ngettext("{n} problem", "{n} problems", len(problems)).format(n=len(problems))
        where = ngettext("in {n} file.", "in {n} files.", bad).format(n=bad)
        print(f"{count} {where}", file=sys.stderr)
        return 1
    print(
        ngettext(
            "Checked {n} file: all valid.", "Checked {n} files: all valid.", len(files)
        ).format(n=len(files)),
        file=sys.stderr,
    )
    return 0


def _files(targets: list[Path]) -> tuple[list[Path], list[Problem]]:
    """The files to check, and what to say about the paths themselves: a path that is not
    there, a folder with no exercise file in it, files with a hidden `.txt` ending."""
    files: list[Path] = []
    notes: list[Problem] = []
    for target in targets:
        if target.is_dir():
            found, said = toml_files(target)
            files += found
            notes += said
            if not found:
                notes.append(Problem(target, _EMPTY_FOLDER))
        elif os.path.lexists(target):  # a file, a FIFO, a device, a symlink loop…
            files.append(target)
        else:
            notes.append(Problem(target, N_("no such file or folder")))
    return files, notes


_EMPTY_FOLDER = N_("there is no exercise file here (no name ends in .toml), so nothing was checked")


def _beside(targets: list[Path]) -> list[Path]:
    """The `.toml` files in the folder of each file named (not in its subfolders): a session
    validated alone finds its items beside it."""
    found: list[Path] = []
    folders = {os.path.realpath(t.parent) for t in targets if not t.is_dir()}
    for folder in sorted(folders):
        try:
            with os.scandir(folder) as listing:
                names = sorted(
                    entry.name
                    for entry in listing
                    if is_toml_name(entry.name)
                    and not entry.name.startswith(".")
                    and entry.is_file(follow_symlinks=False)
                )
        except OSError:
            continue  # the named file's own problem says why, if it is one
        found += [Path(folder, name) for name in names[:MAX_FILES_PER_FOLDER]]
    return found


def _show(files: list[Path], library: Library, problems: list[Problem]) -> None:
    from trakon_tui.commands.preview import preview

    troubled = {os.path.realpath(p.file) for p in problems}
    for file in files:
        item = library.loaded.get(os.path.realpath(file))
        print(visible(f"== {file} ==", lines=False))
        if item is None:
            print(_("Not shown: fix the problems listed below first."))
        else:
            for line in preview(item, library):
                print(visible(line))
            if os.path.realpath(file) in troubled:
                print(_("(This file has problems too: they are listed below.)"))
        print()
