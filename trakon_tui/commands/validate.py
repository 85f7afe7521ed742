"""`trakon validate PATH…`: every problem, one per line, exit 1 if there is any."""

from __future__ import annotations

import sys
from pathlib import Path

from trakon_tui.core import paths
from trakon_tui.core.library import Tier, build, gather
from trakon_tui.i18n import ngettext


def _inside(path: Path, folder: Path) -> bool:
    try:
        path.resolve().relative_to(folder.resolve())
    except (ValueError, OSError):
        return False
    return True


def run_validate(targets: list[Path]) -> int:
    """Check the named files and folders against the shipped library (for references)."""
    shipped = paths.shipped_exercises_dir()
    sources = [(Tier.SHIPPED, shipped)]
    sources += [(Tier.SHIPPED if _inside(t, shipped) else Tier.EXTRA, t) for t in targets]
    library = build(sources)
    files, missing = gather(targets)
    asked = {file.resolve() for file in files}
    problems = [p for p in library.problems if p.file.resolve() in asked] + missing
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
