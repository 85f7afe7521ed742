"""`trakon validate PATH…`: every problem, one per line, exit 1 if there is any (each line
is safe to print: `Problem.format` shows control characters as visible stand-ins). Exercise
files are checked against the shipped library; a file named crisis.toml as crisis numbers."""

from __future__ import annotations

import os
import sys
from pathlib import Path

from trakon_tui.core import crisis, paths
from trakon_tui.core.library import Tier, build, gather
from trakon_tui.i18n import ngettext


def _inside(path: Path, folder: Path) -> bool:
    # os.path.realpath, not Path.resolve: that raises on a symlink loop
    base = os.path.realpath(folder)
    return os.path.commonpath([os.path.realpath(path), base]) == base


def run_validate(targets: list[Path]) -> int:
    """Check the named files and folders against the shipped library (for references)."""
    shipped = paths.shipped_exercises_dir()
    sources = [(Tier.SHIPPED, shipped)]
    sources += [(Tier.SHIPPED if _inside(t, shipped) else Tier.EXTRA, t) for t in targets]
    library = build(sources)
    files, notes = gather(targets)  # missing paths, folders too large to read whole
    # A crisis.toml (the numbers on the crisis page) is checked as one, not as an exercise.
    numbers = {os.path.realpath(f) for f in files if f.name == crisis.FILE_NAME}
    asked = {os.path.realpath(file) for file in files} - numbers
    problems = [p for p in library.problems if os.path.realpath(p.file) in asked] + notes
    for file in files:
        if os.path.realpath(file) in numbers:
            problems += crisis.read(file)[1]
    problems.sort(key=lambda p: (str(p.file), p.line or 0, p.col or 0))
    for problem in problems:
        print(problem.format())
    bad = len({p.file for p in problems})
    if problems:
        print(
            ngettext(
                "{n} problem in {files} file.", "{n} problems in {files} files.", len(problems)
            ).format(n=len(problems), files=bad),
            file=sys.stderr,
        )
        return 1
    print(
        ngettext(
            "Checked {n} file: all valid.", "Checked {n} files: all valid.", len(files)
        ).format(n=len(files)),
        file=sys.stderr,
    )
    return 0 if files else 1
