"""Reading one exercise file: bytes in, an item or clean problems out, never a traceback.

Checked in layers, so that one run names every problem: the bytes and the TOML syntax, then
control characters and references to internal notes in any text (files.py), then the fields
against the format (msgspec; when it objects, schema.py names every mismatch, not only the
first), then the rules that span several fields (rules.py). Each problem is reported at the
line and column of its field.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import msgspec

from trakon_tui.core import model, rules
from trakon_tui.core.files import (
    MAX_DEPTH,
    TOO_DEEP,
    Unreadable,
    limited,
    parse_toml,
    read_regular,
)
from trakon_tui.core.problems import Finding, Problem, from_validation_error
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


@dataclass(frozen=True)
class Loaded:
    file: Path
    item: model.AnyItem | None
    problems: tuple[Problem, ...] = ()
    id: str | None = None  # the id the file gives, also when it has problems


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
    parsed = parse_toml(path, data, multiline=model.MULTILINE_FIELDS, limit=False, shown=True)
    raw = parsed.raw
    if raw is None:
        return Loaded(path, None, tuple(limited(path, list(parsed.problems))))
    file_id = raw.get("id") if isinstance(raw.get("id"), str) else None
    problems = list(parsed.problems)  # control characters: the fields are checked still
    item: model.AnyItem | None = None
    try:
        item = model.convert(raw)
    except msgspec.ValidationError as error:
        from trakon_tui.core import schema  # only for a file with a problem

        findings = schema.check(raw)
        if findings:
            problems += located(path, parsed.text, findings)
        else:  # the walk should always find what msgspec found; if not, msgspec's words
            problems.append(from_validation_error(path, str(error), _CHOICES, model.field_names()))
    except RecursionError:  # not reached within MAX_DEPTH; kept so that it never escapes
        return _fail(path, TOO_DEEP, limit=MAX_DEPTH)
    if item is not None and (findings := rules.check(item)):
        problems += located(path, parsed.text, findings)
    if problems:
        problems.sort(key=lambda p: (p.line or 0, p.col or 0))
        return Loaded(path, None, tuple(limited(path, problems)), file_id)
    assert item is not None
    return Loaded(path, item, (), item.id)


def located(path: Path, text: str | None, findings: list[Finding]) -> list[Problem]:
    """Findings as problems at their lines; `text` None reads the file again (for problems
    found later, between files: references, duplicate ids)."""
    from trakon_tui.core.positions import locate

    if text is None:
        text = _text_of(path)
    return locate(path, text, findings)


def _text_of(path: Path) -> str | None:
    try:
        return read_regular(path, MAX_FILE_BYTES).decode("utf-8").removeprefix("\ufeff")
    except (Unreadable, UnicodeDecodeError):
        return None


def _fail(path: Path, msgid: str, **args: object) -> Loaded:
    return Loaded(path, None, (Problem(path, msgid, args),))
