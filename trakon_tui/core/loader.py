"""Reading one exercise file: bytes in, an item or clean problems out, never a traceback."""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from pathlib import Path

import msgspec

from trakon_tui.core import model, rules
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
_TOML_POS = re.compile(r"\s*\(at line (\d+), column (\d+)\)$")
_TOML_END = re.compile(r"\s*\(at end of document\)$")


@dataclass(frozen=True)
class Loaded:
    file: Path
    item: model.AnyItem | None
    problems: tuple[Problem, ...] = ()


def load_file(path: Path) -> Loaded:
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            return _fail(
                path,
                N_("the file is too large ({size} bytes; at most {limit})"),
                size=size,
                limit=MAX_FILE_BYTES,
            )
        data = path.read_bytes()
    except IsADirectoryError:
        return _fail(path, N_("this is a folder, not a file"))
    except OSError as error:
        return _fail(
            path,
            N_("cannot read the file: {reason}"),
            reason=error.strerror or type(error).__name__,
        )
    return load_bytes(path, data)


def load_bytes(path: Path, data: bytes) -> Loaded:
    """Parse and check one file's contents; `path` is only used in messages."""
    if len(data) > MAX_FILE_BYTES:
        return _fail(
            path,
            N_("the file is too large ({size} bytes; at most {limit})"),
            size=len(data),
            limit=MAX_FILE_BYTES,
        )
    if b"\x00" in data:
        return _fail(path, N_("this is not a text file"))
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        line = data.count(b"\n", 0, error.start) + 1
        col = error.start - (data.rfind(b"\n", 0, error.start) + 1) + 1
        return Loaded(
            path,
            None,
            (
                Problem(
                    path, N_("the file is not UTF-8 text; save it as UTF-8"), line=line, col=col
                ),
            ),
        )
    text = text.removeprefix("\ufeff")
    if not text.strip():
        return _fail(path, N_("the file is empty"))
    try:
        raw = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        return Loaded(path, None, (_syntax_problem(path, str(error)),))
    except RecursionError:
        return _fail(path, N_("the file is nested too deeply"))
    if "kind" not in raw:
        return Loaded(
            path,
            None,
            (
                Problem(
                    path,
                    N_("required field “kind” is missing; kinds are: {kinds}"),
                    {"kinds": ", ".join(model.KINDS)},
                ),
            ),
        )
    try:
        item = model.convert(raw)
    except msgspec.ValidationError as error:
        problem = from_validation_error(path, str(error), _CHOICES, _KNOWN_FIELDS)
        return Loaded(path, None, (problem,))
    except RecursionError:
        return _fail(path, N_("the file is nested too deeply"))
    problems = rules.check_item(item, path)
    if problems:
        return Loaded(path, None, tuple(problems))
    return Loaded(path, item)


def _syntax_problem(path: Path, message: str) -> Problem:
    line = col = None
    if m := _TOML_POS.search(message):
        line, col = int(m[1]), int(m[2])
        message = message[: m.start()]
    elif m := _TOML_END.search(message):
        message = message[: m.start()] + " (at the end of the file)"
    return Problem(path, N_("TOML syntax: {detail}"), {"detail": message}, line=line, col=col)


def _fail(path: Path, msgid: str, **args: object) -> Loaded:
    return Loaded(path, None, (Problem(path, msgid, args),))
