"""Writing a file of the user's own (an export, a summary) the one careful way: a new file,
or with `force` an existing regular file; never a folder, a device or a link; created 0600
beside its target, flushed to the disk and renamed into place, so that a reader never sees
half a file and a failure leaves nothing behind."""

from __future__ import annotations

import contextlib
import os
import stat
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Protocol

from trakon_tui.core.text import visible
from trakon_tui.i18n import _


class Sink(Protocol):
    """Where a file is written: a file opened in binary, or standard output."""

    def write(self, data: bytes, /) -> object: ...


def shown(path: Path) -> str:
    return visible(str(path), lines=False)


def target_problem(output: Path, force: bool) -> str | None:
    """Why nothing may be written to `output`, or None. A new file, or with `force` an
    existing regular file; never a folder, a device, a link or anything else."""
    try:
        info = os.lstat(output)
    except FileNotFoundError:
        folder = output.parent
        if not folder.is_dir():
            return _("The folder {folder} does not exist, so nothing was written.").format(
                folder=shown(folder)
            )
        return None
    except OSError as error:
        return _("{path} could not be written: {reason}").format(
            path=shown(output), reason=error.strerror or error
        )
    if stat.S_ISDIR(info.st_mode):
        return _("{path} is a folder; give a file name.").format(path=shown(output))
    if not stat.S_ISREG(info.st_mode):
        return _("{path} is not a regular file, so nothing was written to it.").format(
            path=shown(output)
        )
    if not force:
        return _("{path} already exists; nothing was written (--force replaces it).").format(
            path=shown(output)
        )
    return None


def write_new(output: Path, produce: Callable[[Sink], None], force: bool) -> str | None:
    """Stream `produce` into a temporary file beside `output` (created 0600), flush it to
    the disk and rename it into place. The reason it failed, or None."""
    folder = output.parent
    try:
        fd, temporary = tempfile.mkstemp(prefix=f".{output.name}.", suffix=".tmp", dir=folder)
    except OSError as error:
        return _("{path} could not be written: {reason}").format(
            path=shown(output), reason=error.strerror or error
        )
    try:
        with os.fdopen(fd, "wb") as handle:
            produce(handle)
            handle.flush()
            os.fsync(handle.fileno())
        problem = target_problem(output, force)  # again: something may have appeared there
        if problem is not None:
            os.unlink(temporary)
            return problem
        os.replace(temporary, output)
    except OSError as error:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        return _("{path} could not be written: {reason}").format(
            path=shown(output), reason=error.strerror or error
        )
    except BaseException:  # a damaged log found halfway, Ctrl+C: no half file stays
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise
    try:  # the rename itself, durable too
        folder_fd = os.open(folder, os.O_RDONLY | os.O_DIRECTORY)
        try:
            os.fsync(folder_fd)
        finally:
            os.close(folder_fd)
    except OSError:
        pass  # some file systems cannot sync a folder; the file itself is on the disk
    return None
