"""Writing a new file safely (`trakon export -o`, `trakon breathe --render-sound`): a new
file or, with --force, an existing regular file; never a folder, a device or a link. The
content goes into a temporary file beside the target (created 0600), is flushed to the disk
and renamed into place, so a reader never sees half a file and a failure leaves none."""

from __future__ import annotations

import contextlib
import os
import stat
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import BinaryIO, Literal

Refusal = Literal["no-folder", "folder", "not-regular", "exists"]


def refusal(output: Path, force: bool) -> Refusal | OSError | None:
    """Why `output` may not be written, or None."""
    try:
        info = os.lstat(output)
    except FileNotFoundError:
        return None if output.parent.is_dir() else "no-folder"
    except OSError as error:
        return error
    if stat.S_ISDIR(info.st_mode):
        return "folder"
    if not stat.S_ISREG(info.st_mode):  # a link, a FIFO, a device...
        return "not-regular"
    return None if force else "exists"


def write_new(
    output: Path, produce: Callable[[BinaryIO], None], force: bool
) -> Refusal | OSError | None:
    """Write what `produce` writes to `output` (checked again just before the rename)."""
    folder = output.parent
    try:
        fd, temporary = tempfile.mkstemp(prefix=f".{output.name}.", suffix=".tmp", dir=folder)
    except OSError as error:
        return error
    try:
        with os.fdopen(fd, "wb") as handle:
            produce(handle)
            handle.flush()
            os.fsync(handle.fileno())
        refused = refusal(output, force)  # again: something may have appeared there
        if refused is not None:
            os.unlink(temporary)
            return refused
        os.replace(temporary, output)
    except OSError as error:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        return error
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
