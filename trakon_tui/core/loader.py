"""Reading one exercise file: bytes in, an item or clean problems out, never a traceback."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import msgspec

from trakon_tui.core import model, rules
from trakon_tui.core.files import MAX_DEPTH, TOO_DEEP, Unreadable, parse_toml, read_regular
from trakon_tui.core.problems import Problem, from_validation_error
from trakon_tui.i18n import N_

MAX_FILE_BYTES = 1024 * 1024

_CHOICES: dict[str, tuple[str, ...]] = {
    "kind": model.KINDS,
    "suits": model.ZONES,
    "type": model.PHASE_TYPES,
    "role": model.PAGE_ROLES,
    "diagram": ("window",),
    "audience": ("group", "individual"),
}
_KNOWN_FIELDS = model.field_names()


@dataclass(frozen=True)
class Loaded:
    file: Path
    item: model.AnyItem | None
    problems: tuple[Problem, ...] = ()


def load_file(path: Path) -> Loaded:
    try:
        data = read_regular(path, MAX_FILE_BYTES)
    except Unreadable as why:
        return Loaded(path, None, (why.problem(path),))
    return load_bytes(path, data)


def load_bytes(path: Path, data: bytes) -> Loaded:
    """Parse and check one file's contents; `path` is only used in messages."""
    if len(data) > MAX_FILE_BYTES:
        return _fail(
            path, N_("the file is too large (more than {limit} bytes)"), limit=MAX_FILE_BYTES
        )
    if not data.removeprefix(b"\xef\xbb\xbf").strip():
        return _fail(path, N_("the file is empty"))
    parsed = parse_toml(path, data, multiline=model.MULTILINE_FIELDS)
    raw = parsed.data
    if raw is None:
        return Loaded(path, None, parsed.problems)
    if "kind" not in raw:
        return _fail(
            path,
            N_("required field “kind” is missing; kinds are: {kinds}"),
            kinds=", ".join(model.KINDS),
        )
    try:
        item = model.convert(raw)
    except msgspec.ValidationError as error:
        problem = from_validation_error(path, str(error), _CHOICES, _KNOWN_FIELDS)
        return Loaded(path, None, (problem,))
    except RecursionError:  # not reached within MAX_DEPTH; kept so that it never escapes
        return _fail(path, TOO_DEEP, limit=MAX_DEPTH)
    problems = rules.check_item(item, path)
    if problems:
        return Loaded(path, None, tuple(problems))
    return Loaded(path, item)


def _fail(path: Path, msgid: str, **args: object) -> Loaded:
    return Loaded(path, None, (Problem(path, msgid, args),))
