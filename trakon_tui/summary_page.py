"""The summary for supervision (#17) as Rich renderables: printed as text on a terminal or into
a pipe, and exported from the very same renderables as a self-contained SVG or HTML page
(Rich's `Console(record=True)` export, with Trakon's own templates: no script, no font or
anything else from the internet — Rich's own SVG template would fetch Fira Code from a CDN).

Every word from the log or a file (tags of the user's own, practice titles, notes) goes in as
a Rich `Text` made visible (`core.text.visible`), never as markup."""

from __future__ import annotations

import io
import os
from collections.abc import Iterator
from datetime import date
from html import escape
from pathlib import Path
from typing import TYPE_CHECKING, Literal, TextIO

from rich.console import Console, Group, RenderableType
from rich.table import Table
from rich.terminal_theme import TerminalTheme
from rich.text import Text

from trakon_tui.core import context
from trakon_tui.core.history import summary_text
from trakon_tui.core.summary import DAY_PARTS, Summary, ZoneCounts
from trakon_tui.core.text import day_text, moment_text, visible
from trakon_tui.i18n import N_, _, current_language, ngettext

if TYPE_CHECKING:
    from trakon_tui.core.library import Library

PageFormat = Literal["text", "svg", "html"]
PAGE_WIDTH = 96  # columns of an exported page: fits A4 in the browser's print

SYMBOLS = {"above": "▲", "within": "●", "below": "▼", "unsure": "?"}
WEEKDAYS = (N_("Mon"), N_("Tue"), N_("Wed"), N_("Thu"), N_("Fri"), N_("Sat"), N_("Sun"))
PART_NAMES = (N_("morning"), N_("midday"), N_("afternoon"), N_("evening"))

# Light, like paper; zones are told apart by symbols, never by good or bad colours.
PAGE_THEME = TerminalTheme(
    (255, 255, 255),
    (30, 30, 30),
    [
        (30, 30, 30), (120, 40, 40), (40, 100, 40), (110, 90, 20),
        (40, 60, 120), (100, 50, 110), (30, 100, 110), (200, 200, 200),
    ],
    [
        (90, 90, 90), (150, 60, 60), (60, 130, 60), (140, 120, 40),
        (60, 90, 160), (130, 70, 140), (50, 130, 140), (240, 240, 240),
    ],
)  # fmt: skip

# Rich fills {code}, {stylesheet}, {foreground} and {background} (so CSS braces are doubled);
# @@LANG@@ and @@TITLE@@ are filled first, here. Nothing is fetched: a CSP says so too.
HTML_TEMPLATE = """<!DOCTYPE html>
<html lang="@@LANG@@">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>@@TITLE@@</title>
<style>
{stylesheet}
body {{ color: {foreground}; background-color: {background}; margin: 2em; }}
pre {{ font-family: 'DejaVu Sans Mono', 'Liberation Mono', Menlo, Consolas, monospace;
  font-size: 13px; line-height: 1.35; white-space: pre-wrap; }}
@media print {{ body {{ margin: 0; }} pre {{ font-size: 8pt; }} }}
</style>
</head>
<body>
<pre><code>{code}</code></pre>
</body>
</html>
"""

# Rich's SVG variables, without its window chrome and without any @font-face.
SVG_TEMPLATE = """<svg class="rich-terminal" viewBox="0 0 {width} {height}" \
xmlns="http://www.w3.org/2000/svg" xml:lang="@@LANG@@">
<title>@@TITLE@@</title>
<style>
.{unique_id}-matrix {{
    font-family: 'DejaVu Sans Mono', 'Liberation Mono', Menlo, Consolas, monospace;
    font-size: {char_height}px;
    line-height: {line_height}px;
}}
{styles}
</style>
<defs>
<clipPath id="{unique_id}-clip-terminal">
  <rect x="0" y="0" width="{terminal_width}" height="{terminal_height}" />
</clipPath>
{lines}
</defs>
<rect x="0" y="0" width="{width}" height="{height}" fill="@@BACKGROUND@@"/>
<g transform="translate({terminal_x}, 12)" clip-path="url(#{unique_id}-clip-terminal)">
{backgrounds}
<g class="{unique_id}-matrix">
{matrix}
</g>
</g>
</svg>
"""


def _t(text: str, style: str = "") -> Text:
    """Outside text (a tag, a title, a note) as literal Text, its control characters shown."""
    return Text(visible(text), style=style)


def _heading(text: str) -> Text:
    return Text("\n" + text, style="bold")


def _zone_words(zones: ZoneCounts) -> str:
    """ "▲ 2  ● 3  ▼ 1": the zones that occurred, with their counts."""
    parts = [f"{SYMBOLS[z]} {zones.get(z)}" for z in SYMBOLS if zones.get(z)]
    return "  ".join(parts)


def _legend() -> Text:
    return Text(
        _("▲ above your window   ● within it   ▼ below it   ? don't know / mixed"), style="dim"
    )


def _span_text(summary: Summary) -> str:
    weeks = len(summary.weeks)
    return ngettext(
        "{first} – {last} (the last {n} week)", "{first} – {last} (the last {n} weeks)", weeks
    ).format(first=day_text(summary.first), last=day_text(summary.today), n=weeks)


def renderables(
    summary: Summary, library: Library, window_now: tuple[int, int]
) -> Iterator[RenderableType]:
    """The page, part by part, in the current language."""
    yield Text(_("Summary for supervision"), style="bold")
    yield Text(_span_text(summary))
    if summary.with_notes:
        privacy = _(
            "From your own log on this computer. Your notes and kept writings are included, "
            "as you asked (--with-notes): keep this page to yourself."
        )
    else:
        privacy = _(
            "From your own log on this computer. Notes and kept writings are not included "
            "(trakon summary --with-notes includes them)."
        )
    yield Text(privacy, style="dim")
    yield from _how_often(summary)
    yield from _when(summary)
    yield from _before(summary)
    yield from _practices(summary, library)
    yield from _window(summary, window_now)
    if summary.with_notes:
        yield from _notes(summary, library)
    yield Text(
        "\n"
        + _(
            "Counts of your own check-ins, never a score. Trakon is not therapy or treatment; "
            "this page can support a conversation in supervision or occupational health."
        ),
        style="dim",
    )


def _how_often(summary: Summary) -> Iterator[RenderableType]:
    yield _heading(_("Where you were"))
    total = summary.total
    if not total.total:
        yield Text(_("No check-ins in these weeks."))
        return
    count = ngettext("{n} check-in", "{n} check-ins", total.total).format(n=total.total)
    yield Text(
        _(
            "{count}: above your window {above}, within it {within}, below it {below}, "
            "don't know / mixed {unsure}."
        ).format(
            count=count,
            above=total.above,
            within=total.within,
            below=total.below,
            unsure=total.unsure,
        )
    )
    table = Table.grid(padding=(0, 2))
    table.add_column(no_wrap=True)
    table.add_column(no_wrap=True)
    table.add_column()
    for week in summary.weeks:
        when = _("week {n} (from {day})").format(
            n=week.start.isocalendar().week, day=day_text(week.start)
        )
        if not week.zones.total:
            table.add_row(Text(when), Text(_("no check-ins"), style="dim"), Text(""))
            continue
        levels = ""
        if week.levels is not None:
            low, high = week.levels.window
            span = (
                str(week.levels.lowest)
                if week.levels.lowest == week.levels.highest
                else f"{week.levels.lowest}–{week.levels.highest}"
            )
            levels = _("levels {levels}, your window {low}–{high}").format(
                levels=span, low=low, high=high
            )
        table.add_row(Text(when), Text(_zone_words(week.zones)), Text(levels, style="dim"))
    yield table
    yield _legend()


def _part_title(index: int) -> str:
    start = DAY_PARTS[index]
    end = DAY_PARTS[index + 1] if index + 1 < len(DAY_PARTS) else None
    hours = f"–{end}" if start == 0 else f"{start}–" if end is None else f"{start}–{end}"
    return f"{_(PART_NAMES[index])} {hours}"


def _when(summary: Summary) -> Iterator[RenderableType]:
    if not summary.total.total:
        return
    yield _heading(_("When: weekday and time of day (your local time)"))
    table = Table(box=None, padding=(0, 2), show_edge=False, header_style="dim")
    table.add_column("")
    for index in range(len(DAY_PARTS)):
        table.add_column(Text(_part_title(index)), no_wrap=True)
    for weekday, parts in enumerate(summary.times):
        cells = [
            Text(_zone_words(zones) or "·", style="" if zones.total else "dim") for zones in parts
        ]
        table.add_row(Text(_(WEEKDAYS[weekday])), *cells)
    yield table


def _before(summary: Summary) -> Iterator[RenderableType]:
    yield _heading(_("What was just before"))
    if not summary.contexts:
        yield Text(
            _(
                "Nothing marked in these weeks. After a check-in, the details (d) let you "
                "mark what was just before, with one key."
            ),
            style="dim",
        )
        return
    table = Table.grid(padding=(0, 2))
    table.add_column(no_wrap=True)
    table.add_column(no_wrap=True, justify="right")
    table.add_column()
    for tag, zones in summary.contexts:
        times = ngettext("{n} time", "{n} times", zones.total).format(n=zones.total)
        table.add_row(_t(context.label(tag)), Text(times), Text(_zone_words(zones)))
    yield table


def practice_words(summary_line: str, back: int, pairs: int) -> str:
    if not pairs:
        return summary_line
    back_words = ngettext(
        "back within your window after it {k} time",
        "back within your window after it {k} times",
        back,
    ).format(k=back)
    return f"{summary_line}; {back_words}"


def _practices(summary: Summary, library: Library) -> Iterator[RenderableType]:
    yield _heading(_("What brought you back: practices, with a check-in before and after"))
    if not summary.practices:
        yield Text(_("No practices in these weeks."), style="dim")
        return
    for practice in summary.practices:
        line = Text()
        line.append_text(_t(library.title_of(practice.item_id), "bold"))
        line.append(": " + practice_words(summary_text(practice), practice.back, practice.pairs))
        yield line
    yield Text(_("Sometimes nothing changes; that is information too."), style="dim")


def _window(summary: Summary, window_now: tuple[int, int]) -> Iterator[RenderableType]:
    yield _heading(_("Your window"))
    low, high = window_now
    lines = []
    if len(summary.bands) == 1:
        band = summary.bands[0]
        lines.append(
            _("{low}–{high} in every check-in of these weeks.").format(low=band.low, high=band.high)
        )
    else:
        for band in summary.bands:
            lines.append(
                _("{low}–{high} from {first} to {last} ({count})").format(
                    low=band.low,
                    high=band.high,
                    first=day_text(band.first),
                    last=day_text(band.last),
                    count=ngettext("{n} check-in", "{n} check-ins", band.count).format(
                        n=band.count
                    ),
                )
            )
    lines.append(
        _("Now {low}–{high}. The window is individual and can widen over time.").format(
            low=low, high=high
        )
    )
    yield Text("\n".join(lines))


def _notes(summary: Summary, library: Library) -> Iterator[RenderableType]:
    yield _heading(_("Your notes"))
    if not summary.notes:
        yield Text(_("No notes in these weeks."), style="dim")
    table = Table.grid(padding=(0, 2))
    table.add_column(no_wrap=True, style="dim")
    table.add_column(no_wrap=True, justify="right")
    table.add_column()
    for checkin in summary.notes:
        level = "?" if checkin.level is None else str(checkin.level)
        table.add_row(Text(moment_text(checkin.at)), Text(level), _t(checkin.note or ""))
    if summary.notes:
        yield table
    yield _heading(_("Kept writings"))
    if not summary.writings:
        yield Text(_("No kept writings in these weeks."), style="dim")
    for writing in summary.writings:
        yield Group(
            Text.assemble(
                (moment_text(writing.at), "dim"),
                "  ",
                _t(library.title_of(writing.item_id), "bold"),
            ),
            _t(writing.text),
        )


def title(summary: Summary) -> str:
    return _("Trakon: summary for supervision, {span}").format(span=_span_text(summary))


def print_text(
    summary: Summary, library: Library, window_now: tuple[int, int], out: TextIO
) -> None:
    """The page as text: styled on a terminal, plain into a pipe or a file."""
    console = Console(file=out, highlight=False, markup=False, emoji=False)
    for part in renderables(summary, library, window_now):
        console.print(part)


def page(summary: Summary, library: Library, window_now: tuple[int, int], fmt: PageFormat) -> bytes:
    """The page as a self-contained SVG or HTML document (UTF-8)."""
    if fmt == "text":
        buffer = io.StringIO()
        print_text(summary, library, window_now, buffer)
        return buffer.getvalue().encode("utf-8")
    console = Console(
        record=True,
        file=io.StringIO(),
        width=PAGE_WIDTH,
        force_terminal=True,
        color_system="truecolor",
        highlight=False,
        markup=False,
        emoji=False,
    )
    for part in renderables(summary, library, window_now):
        console.print(part)
    name = escape(title(summary)).replace("{", "{{").replace("}", "}}")
    lang = current_language()
    if fmt == "svg":
        template = SVG_TEMPLATE.replace("@@BACKGROUND@@", PAGE_THEME.background_color.hex)
        template = template.replace("@@LANG@@", lang).replace("@@TITLE@@", name)
        document = console.export_svg(theme=PAGE_THEME, code_format=template, title="")
    else:
        template = HTML_TEMPLATE.replace("@@LANG@@", lang).replace("@@TITLE@@", name)
        document = console.export_html(theme=PAGE_THEME, code_format=template)
    return document.encode("utf-8")


def default_name(today: date, n: int = 1) -> str:
    """A file name for the summary in the user's language: trakon-yhteenveto-2026-12-03.html
    (a second one that day: …-2.html)."""
    name = _("trakon-summary-{day}.html").format(day=today.isoformat())
    return name if n == 1 else name.replace(".html", f"-{n}.html")


def save_in(folder: Path, today: date, document: bytes) -> Path | str:
    """Save a page in `folder` under a new name (never over an earlier file), 0600: where,
    or why not."""
    from trakon_tui.core.private_file import Sink, write_new

    problem = ""
    for n in range(1, 100):
        target = folder / default_name(today, n)
        if os.path.lexists(target):
            continue

        def produce(out: Sink) -> None:
            out.write(document)

        problem = write_new(target, produce, force=False) or ""
        if not problem:
            return target
        if not os.path.lexists(target):
            return problem
    return problem or _("{path} already exists; nothing was written (--force replaces it).").format(
        path=visible(str(folder), lines=False)
    )
