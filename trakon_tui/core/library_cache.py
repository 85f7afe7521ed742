"""The shipped library, parsed once: its items kept in the user's cache folder (msgpack),
keyed by every shipped file's path, modification time and size, and by the code that shapes
an item. Reading it takes ~1 ms where parsing and checking the TOML took ~15-20 ms here (and
imported the TOML parser and the checks), for `trakon list`, `open`, `breathe` and the app's
background load.

The cache is something anyone with the user's rights could have written, so it is trusted no
more than a file: a cache that is missing, stale, corrupt, too large, of another shape or
holding an item that the loader would refuse (a broken rule, a control character, a
reference to internal notes) is ignored and the files are parsed as always; writing it is
best effort (0600 in a 0700 folder, replaced atomically) and never fails a command.
"""

from __future__ import annotations

import contextlib
import os
import sys
from collections.abc import Sequence
from pathlib import Path

import msgspec

from trakon_tui import __version__
from trakon_tui.core import files, model, paths, rules
from trakon_tui.core.loader import Loaded

FORMAT = 1
NAME = "shipped-library.msgpack"
MAX_BYTES = 4 * 1024 * 1024  # the whole shipped library encodes to ~100 KiB
_CORE = Path(__file__).resolve().parent
# The code that decides what a file's item is: a change here (in a checkout) means a reparse.
_SHAPING = tuple(_CORE / name for name in ("model.py", "rules.py", "loader.py", "files.py"))


class _Entry(msgspec.Struct, forbid_unknown_fields=True, frozen=True):
    file: str
    item: model.AnyItem


class _Cache(msgspec.Struct, forbid_unknown_fields=True, frozen=True):
    key: str
    entries: list[_Entry]


_decoder = msgspec.msgpack.Decoder(_Cache)


def key_of(found: Sequence[Path]) -> str | None:
    """What the cached items depend on, or None when a file cannot be looked at."""
    parts = [f"{FORMAT} {__version__} {sys.version_info[:2]}"]
    try:
        for path in (*_SHAPING, *found):
            info = os.stat(path)
            parts.append(f"{path}\0{info.st_mtime_ns}\0{info.st_size}")
    except (OSError, ValueError):
        return None
    return "\n".join(parts)


def cache_path() -> Path:
    return paths.cache_dir() / NAME


def read(found: Sequence[Path], key: str) -> list[Loaded] | None:
    """The items of `found` from the cache, in the same order; None to parse them instead."""
    try:
        data = files.read_regular(cache_path(), MAX_BYTES)
        cache = _decoder.decode(data)
    except (files.Unreadable, msgspec.DecodeError, RecursionError):
        return None
    if cache.key != key or [entry.file for entry in cache.entries] != [str(p) for p in found]:
        return None
    for entry in cache.entries:
        raw = msgspec.to_builtins(entry.item)
        if rules.check(entry.item) or any(
            files.check_values(raw, model.MULTILINE_FIELDS, shown=True)
        ):
            return None
    return [Loaded(Path(e.file), e.item, (), e.item.id) for e in cache.entries]


def write(loaded: Sequence[Loaded], key: str) -> None:
    """Keep the items of a clean load (a file with problems: nothing is kept)."""
    entries = [_Entry(str(one.file), one.item) for one in loaded if one.item is not None]
    if len(entries) != len(loaded):
        return
    target = cache_path()
    tmp = target.with_name(f"{NAME}.{os.getpid()}.tmp")
    try:
        target.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "wb") as handle:
            handle.write(msgspec.msgpack.encode(_Cache(key, entries)))
        os.replace(tmp, target)
    except OSError:
        with contextlib.suppress(OSError):
            tmp.unlink(missing_ok=True)
