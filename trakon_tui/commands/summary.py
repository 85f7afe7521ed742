"""`trakon summary`: the last weeks on one page for supervision (#17) — text when printed,
or a self-contained SVG or HTML file written as `trakon export` writes one (0600, new, never
through a link; an existing file only with --force). Notes and kept writings only with
--with-notes."""

from __future__ import annotations

import sys
from collections.abc import Callable
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from trakon_tui.commands.log import personal_window
from trakon_tui.commands.options import Options
from trakon_tui.core.paths import data_dir
from trakon_tui.core.private_file import Sink, shown, target_problem, write_new
from trakon_tui.core.store import LogError, Store
from trakon_tui.i18n import _

if TYPE_CHECKING:
    from trakon_tui.summary_page import PageFormat


def format_for(fmt: str | None, output: Path | None) -> PageFormat:
    """The format asked for, else the one the file name says (.svg, .html), else text."""
    if fmt in ("text", "svg", "html"):
        return fmt  # type: ignore[return-value]  # argparse's choices
    suffix = output.suffix.lower() if output is not None else ""
    found: dict[str, PageFormat] = {".svg": "svg", ".html": "html", ".htm": "html"}
    return found.get(suffix, "text")


def run_summary(
    options: Options,
    *,
    weeks: int,
    fmt: str | None,
    output: Path | None,
    force: bool = False,
    with_notes: bool = False,
    today: Callable[[], date] | None = None,
) -> int:
    if options.settings().hide_history:
        print(_("History is hidden in the settings, and so is the summary."), file=sys.stderr)
        return 1
    if not 1 <= weeks <= 52:
        print(_("--weeks is from 1 to 52."), file=sys.stderr)
        return 2
    if options.no_log:
        print(_("The log is off (--no-log), so there is nothing to summarise."))
        return 0
    chosen = format_for(fmt, output)
    if output is not None:
        problem = target_problem(output, force)
        if problem is not None:
            print(problem, file=sys.stderr)
            return 1
    if output is None and sys.stdout is None:
        print(_("Standard output is closed (-o FILE writes a file)."), file=sys.stderr)
        return 1
    from trakon_tui import summary_page
    from trakon_tui.core.library import load_library
    from trakon_tui.core.summary import read_summary

    library = load_library(options.extra_dirs)
    day = today() if today is not None else datetime.now().astimezone().date()
    try:
        store = Store.open(data_dir(options.data_dir), reading=True)
        try:
            summary = read_summary(store, day, weeks, with_notes=with_notes)
        finally:
            store.close()
    except LogError as error:
        print(error.message(), file=sys.stderr)
        return 1
    window = personal_window(options)
    if output is None:
        if chosen == "text":
            summary_page.print_text(summary, library, window, sys.stdout)
        else:
            sys.stdout.write(summary_page.page(summary, library, window, chosen).decode())
        return 0
    document = summary_page.page(summary, library, window, chosen)

    def produce(out: Sink) -> None:
        out.write(document)

    problem = write_new(output, produce, force)
    if problem is not None:
        print(problem, file=sys.stderr)
        return 1
    print(
        _("Summary written to {path} (readable by you only).").format(path=shown(output)),
        file=sys.stderr,
    )
    return 0
