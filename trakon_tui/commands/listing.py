"""`trakon list`: the library as a table (id, kind, title, length, suits). Every cell is
made safe to print where the rows are laid out; skipped files print through `Problem.format`."""

from __future__ import annotations

import sys
from pathlib import Path

from trakon_tui.core import measure, model
from trakon_tui.core.library import load_library
from trakon_tui.core.text import describe_seconds, tr, visible
from trakon_tui.i18n import _, ngettext
from trakon_tui.vocabulary import kind_name, zone_short


def run_list(extra_dirs: list[Path], *, kind: str | None, suits: str | None) -> int:
    library = load_library(extra_dirs)
    rows = [(_("ID"), _("KIND"), _("TITLE"), _("LENGTH"), _("SUITS"))]
    for item in library.sorted_items():
        if kind and model.kind_of(item) != kind:
            continue
        if suits and suits not in item.suits:
            continue
        length = measure.duration(item, library.items)
        title = tr(item.title)
        if item.id in library.overridden:
            title += " " + _("(your version)")
        rows.append(
            (
                item.id,
                kind_name(model.kind_of(item)),
                title,
                describe_seconds(length.seconds, exact=length.exact),
                ", ".join(zone_short(z) for z in item.suits),
            )
        )
    shown = [[visible(cell, lines=False) for cell in row] for row in rows]  # the one seam
    widths = [max(len(row[i]) for row in shown) for i in range(4)]
    for row in shown:
        cells = [cell.ljust(widths[i]) for i, cell in enumerate(row[:4])]
        print("  ".join([*cells, row[4]]).rstrip())
    if library.problems:
        files = library.skipped_files
        print(
            ngettext("{n} file was skipped:", "{n} files were skipped:", len(files)).format(
                n=len(files)
            ),
            file=sys.stderr,
        )
        for problem in library.problems:
            print("  " + problem.format(), file=sys.stderr)  # format() is safe to print
    return 0
