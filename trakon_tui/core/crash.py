"""When something unexpected breaks: a short calm sentence for the person, the details in a
file for whoever fixes it, and nothing in that file that the person wrote.

A traceback's exception messages and local variables can hold a note, a writing or a
title (a UnicodeEncodeError carries the whole string it failed on), so the report keeps
only what the code is: exception types, files, lines, functions and source lines.
"""

from __future__ import annotations

import os
import platform
import sys
import traceback
from datetime import datetime
from pathlib import Path

from trakon_tui import __version__

EXIT_CRASH = 70  # EX_SOFTWARE: an internal error, not a problem with the user's input


Frame = tuple[str, int | None, str, str | None]  # file, line, function, source line
Stack = tuple[str, list[Frame]]  # an exception's type, and where it passed


def stacks_of(error: BaseException) -> list[Stack]:
    """The exception and those it was raised from or during, oldest first, as types and
    frames (an error that arrived as a Rich traceback carries its own `stacks`)."""
    chain: list[BaseException] = []
    current: BaseException | None = error
    while current is not None and current not in chain:
        chain.append(current)
        current = current.__cause__ or current.__context__
    stacks: list[Stack] = []
    for exc in reversed(chain):
        carried: list[Stack] | None = getattr(exc, "stacks", None)
        if carried is not None:
            stacks.extend(carried)
            continue
        frames = [
            (frame.filename, frame.lineno, frame.name, frame.line)
            for frame in traceback.extract_tb(exc.__traceback__)
        ]
        stacks.append((f"{type(exc).__module__}.{type(exc).__qualname__}", frames))
    return stacks


def report_text(error: BaseException, now: datetime) -> str:
    """The report: versions, then each exception in the chain as its type and frames."""
    lines = [
        f"Trakon {__version__} crash report, {now.isoformat(timespec='seconds')}",
        f"Python {platform.python_version()} on {platform.platform()}",
        "Exception messages and variables are left out: they can hold what you wrote.",
        "",
    ]
    for n, (kind, frames) in enumerate(stacks_of(error)):
        if n:
            lines.append("During handling of the above, another exception occurred:")
        lines.append(kind)
        for filename, lineno, name, line in frames:
            lines.append(f'  File "{filename}", line {lineno}, in {name}')
            if line:
                lines.append(f"    {line.strip()}")
        lines.append("")
    return "\n".join(lines)


def write_report(error: BaseException, data_dir: Path, now: datetime | None = None) -> Path | None:
    """Write the report beside the log (the folder `store.log_folder` gives for `data_dir`,
    so never into a folder that is not Trakon's), readable by the user only; None if it
    cannot be written (the message then says so)."""
    from trakon_tui.core.store import LogError, log_folder

    moment = now or datetime.now().astimezone()
    text = report_text(error, moment)
    try:
        directory = log_folder(data_dir)
        stamp = moment.strftime("%Y%m%dT%H%M%S")
        for n in range(1, 100):
            path = directory / (f"crash-{stamp}.txt" if n == 1 else f"crash-{stamp}-{n}.txt")
            try:
                fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW, 0o600)
            except FileExistsError:
                continue
            with os.fdopen(fd, "w", encoding="utf-8") as handle:
                handle.write(text)
            return path
    except (OSError, LogError):
        return None
    return None


def tell(path: Path | None) -> None:
    """The one calm sentence on stderr, in the current language."""
    from trakon_tui.core.text import visible
    from trakon_tui.i18n import _

    if path is None:
        message = _(
            "Trakon stopped because of an unexpected error. What you had already saved is kept."
        )
    else:
        message = _(
            "Trakon stopped because of an unexpected error. What you had already saved is "
            "kept. The details (without anything you wrote) are in {path}"
        ).format(path=visible(str(path), lines=False))
    print(message, file=sys.stderr)
